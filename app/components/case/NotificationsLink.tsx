/**
 * The family home's way to Berichten: one short line with a link to choose
 * e-mail or SMS messages (app/routes/casussen.$caseId.meldingen.tsx).
 */
import { Link } from '@remix-run/react';
import { BellRing } from 'lucide-react';

export function NotificationsLink({ caseId }: { caseId: string }) {
  return (
    <p className="card home-berichten">
      <BellRing aria-hidden="true" size={18} /> Een bericht krijgen als er iets belangrijks is?{' '}
      <Link to={`/casussen/${caseId}/meldingen`}>Kies hier e-mail of sms</Link>
    </p>
  );
}
