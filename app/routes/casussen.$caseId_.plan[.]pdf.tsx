/**
 * Download of the printable plan alone as a PDF, made on the server (ADR
 * 034), for whoever may export the case. Same command as the ZIP, audited as
 * 'export' with vorm 'pdf'.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { downloadResponse } from '../utils/download.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { by } = await requireCaseParticipant(request, context, params.caseId);
  return downloadResponse(() => context.services.commands.exportCase(by, { vorm: 'pdf' }));
}
