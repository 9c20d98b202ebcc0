/**
 * Download of a whole case as a ZIP (export.json + plan.pdf; ADR 034). A
 * resource route: it checks who asks, calls the one export command (which
 * reads, assembles and audits in one transaction) and streams the bytes.
 * Refused roles get 403, an unknown case or one of someone else 404.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { downloadResponse } from '../utils/download.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { by } = await requireCaseParticipant(request, context, params.caseId);
  return downloadResponse(() => context.services.commands.exportCase(by, { vorm: 'zaak' }));
}
