import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { ComingSoon } from '../components/ComingSoon';
import { requireCaseParticipant } from '../utils/caseAccess.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCaseParticipant(request, context, params.caseId);
  return json({});
}

export default function VeiligheidsplanTab() {
  return (
    <ComingSoon title="Veiligheidsplan">
      Hier komen de afspraken van het veiligheidsplan: wie doet wat, wanneer, en hoe iedereen weet dat het gebeurd is. Dit onderdeel komt binnenkort.
    </ComingSoon>
  );
}
