/**
 * After signing out (ADR 037): this browser's offline copies of case
 * documents are deleted first, then the page goes on to the login. It shows
 * nothing of any case and needs no session. Without JavaScript there are no
 * offline copies either, and the link goes on.
 */
import type { MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { LogOut } from 'lucide-react';
import { useClearLocalCopies } from '../collab/useClearLocalCopies';

export const meta: MetaFunction = () => [{ title: 'Uitgelogd · Veiligplan' }];

export function loader() {
  return json({}, { headers: { 'Cache-Control': 'no-store' } });
}

export default function SignedOut() {
  const done = useClearLocalCopies('/login');
  return (
    <section className="notice" aria-labelledby="titel">
      <LogOut aria-hidden="true" size={40} />
      <h1 id="titel">Je bent uitgelogd</h1>
      <p aria-live="polite">{done ? 'Dit apparaat bewaart niets meer van het plan.' : 'Even geduld: we halen het plan van dit apparaat.'}</p>
      <p className="small">
        <Link to="/login">Naar inloggen</Link>
      </p>
    </section>
  );
}
