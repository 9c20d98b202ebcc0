/**
 * The professional's daily digest on Mijn overzicht: on or off (command
 * setDigest). The digest lists counts per case only, never plan content.
 */
import { Form } from '@remix-run/react';
import { Mail } from 'lucide-react';

export function DigestToggle({ digest, message }: { digest: boolean; message?: string }) {
  return (
    <Form method="post" className="card digest-toggle" aria-labelledby="dagoverzicht-titel">
      <h2 id="dagoverzicht-titel">
        <Mail aria-hidden="true" size={18} /> Dagoverzicht per e-mail
      </h2>
      <p>
        {digest
          ? 'Je krijgt elke ochtend een e-mail met per casus alleen aantallen (open vragen, afspraken niet gemeld, antwoorden op akkoord).'
          : 'Het dagoverzicht staat uit.'}
      </p>
      {message ? <p role="status">{message}</p> : null}
      <input type="hidden" name="intent" value="set-digest" />
      <input type="hidden" name="digest" value={digest ? 'uit' : 'aan'} />
      <button type="submit" className="button button-quiet">
        {digest ? 'Dagoverzicht uitzetten' : 'Dagoverzicht aanzetten'}
      </button>
    </Form>
  );
}
