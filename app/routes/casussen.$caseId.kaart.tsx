import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { LiveDocumentTab } from '../components/LiveDocumentTab';
import { loadDocumentTab } from '../utils/documentTab.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadDocumentTab(request, context, params.caseId, 'kaart'));
}

export default function KaartTab() {
  const data = useLoaderData<typeof loader>();
  return (
    <LiveDocumentTab {...data} title="Kaart">
      Hier brengen jullie samen in kaart waar jullie je zorgen over maken, wat er goed gaat en wat er moet gebeuren, met ieders eigen score op de schaal van 0 tot 10. Dit onderdeel komt binnenkort.
    </LiveDocumentTab>
  );
}
