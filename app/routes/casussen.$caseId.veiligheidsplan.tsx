import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { LiveDocumentTab } from '../components/LiveDocumentTab';
import { loadDocumentTab } from '../utils/documentTab.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadDocumentTab(request, context, params.caseId, 'plan'));
}

export default function VeiligheidsplanTab() {
  const data = useLoaderData<typeof loader>();
  return (
    <LiveDocumentTab {...data} title="Veiligheidsplan">
      Hier komen de afspraken van het veiligheidsplan: wie doet wat, wanneer, en hoe iedereen weet dat het gebeurd is. Dit onderdeel komt binnenkort.
    </LiveDocumentTab>
  );
}
