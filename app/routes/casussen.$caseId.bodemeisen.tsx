import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { LiveDocumentTab } from '../components/LiveDocumentTab';
import { loadDocumentTab } from '../utils/documentTab.server';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadDocumentTab(request, context, params.caseId, 'bodemeisen'));
}

export default function BodemeisenTab() {
  const data = useLoaderData<typeof loader>();
  return (
    <LiveDocumentTab {...data} title="Bodemeisen">
      Hier staan straks de bodemeisen: de minimale voorwaarden waar elk plan aan moet voldoen, met de reden erbij. Dit onderdeel komt binnenkort.
    </LiveDocumentTab>
  );
}
