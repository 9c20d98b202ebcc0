import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  return redirect(`/casussen/${participant.caseId}/kaart`);
}

/** A UI route (not a resource route), so a refusal renders the Dutch error page. */
export default function CaseIndex() {
  return null;
}
