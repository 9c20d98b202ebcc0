import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { ComingSoon } from '../components/ComingSoon';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCaseParticipant(request, context, params.caseId);
  return json({});
}

export default function KaartTab() {
  return (
    <ComingSoon title="Kaart">
      Hier brengen jullie samen in kaart waar jullie je zorgen over maken, wat er goed gaat en wat er moet gebeuren, met ieders eigen score op de schaal van 0 tot 10. Dit onderdeel komt binnenkort.
    </ComingSoon>
  );
}
