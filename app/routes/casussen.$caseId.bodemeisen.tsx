import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { ComingSoon } from '../components/ComingSoon';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCaseParticipant(request, context, params.caseId);
  return json({});
}

export default function BodemeisenTab() {
  return (
    <ComingSoon title="Bodemeisen">
      Hier staan straks de bodemeisen: de minimale voorwaarden waar elk plan aan moet voldoen, met de reden erbij. Dit onderdeel komt binnenkort.
    </ComingSoon>
  );
}
