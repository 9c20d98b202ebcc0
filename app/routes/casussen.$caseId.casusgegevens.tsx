import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { ComingSoon } from '../components/ComingSoon';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCaseParticipant(request, context, params.caseId);
  return json({});
}

export default function Placeholder() {
  return <ComingSoon title="Casusgegevens">Dit onderdeel wordt nu gebouwd.</ComingSoon>;
}
