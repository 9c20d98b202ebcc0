/**
 * "Download mijn gegevens" (AVG inzage, ADR 034): a family or netwerk
 * member's own contributions as a ZIP with mijn-gegevens.json. The command
 * reads and audits in one transaction; this route only streams the bytes.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { downloadResponse } from '../utils/download.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { by } = await requireCaseParticipant(request, context, params.caseId);
  return downloadResponse(() => context.services.commands.exportOwnData(by));
}
