import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ShieldOff } from 'lucide-react';
import { useClearLocalCopies } from '../collab/useClearLocalCopies';
import { endedContact } from '../utils/accessEnded.server';

export const meta: MetaFunction = () => [{ title: 'Toegang beëindigd · Veiligplan' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ended = await context.services.auth.endedViewer(request);
  return json({ contact: ended ? endedContact(context, ended.caseId) : null }, { status: 403 });
}

export default function AccessEnded() {
  const { contact } = useLoaderData<typeof loader>();
  // Access has ended: nothing of the case stays on this device (ADR 037).
  useClearLocalCopies();
  return (
    <section className="notice" aria-labelledby="titel">
      <ShieldOff aria-hidden="true" size={40} />
      <h1 id="titel">Je toegang is beëindigd</h1>
      <p>Je kunt dit plan niet meer openen met deze link of op dit apparaat.</p>
      {contact ? (
        <p>
          Heb je vragen? Neem contact op met <strong>{contact.name}</strong>
          {contact.phone ? (
            <>
              {' '}
              via <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
            </>
          ) : null}
          .
        </p>
      ) : (
        <p>Heb je vragen? Neem contact op met je hulpverlener.</p>
      )}
    </section>
  );
}
