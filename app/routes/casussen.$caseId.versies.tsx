import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { ComingSoon } from '../components/ComingSoon';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCaseParticipant(request, context, params.caseId);
  return json({});
}

export default function VersiesTab() {
  return (
    <ComingSoon title="Versies">
      Hier zie je straks alle versies van het plan en wat er tussen twee versies is veranderd. Dit onderdeel komt binnenkort.
    </ComingSoon>
  );
}
