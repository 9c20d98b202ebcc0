/**
 * An invitation link shown once to the beheerder, right after making it: the
 * server keeps only its hash, so it cannot be shown again (a new one can be
 * made). The beheerder hands it to the person themself.
 */
import { KeyRound } from 'lucide-react';
import { INVITATION_PURPOSE_LABELS } from '../../domain/beheer';
import { formatDateTime } from '../../utils/format';
import { CopyButton } from '../CopyButton';

export interface ShownInvitation {
  for: string;
  purpose: keyof typeof INVITATION_PURPOSE_LABELS;
  url: string;
  expiresAt: number;
}

export function InvitationLink({ invitation }: { invitation: ShownInvitation }) {
  return (
    <section className="card stack invitation-link" aria-labelledby="uitnodiging-titel">
      <h2 id="uitnodiging-titel">
        <KeyRound aria-hidden="true" size={20} /> {INVITATION_PURPOSE_LABELS[invitation.purpose]}: link voor {invitation.for}
      </h2>
      <p>
        Geef deze link zelf aan {invitation.for}, bijvoorbeeld in een bericht naar het eigen werkadres. Met de link kiest {invitation.for} een wachtwoord. De
        link werkt één keer, tot {formatDateTime(invitation.expiresAt)}.
      </p>
      <p className="link-text">
        <code>{invitation.url}</code>
      </p>
      <p>
        <CopyButton text={invitation.url} />
      </p>
      <p className="muted small">Je ziet deze link maar één keer. Kwijt? Maak dan een nieuwe link; de oude werkt dan niet meer.</p>
    </section>
  );
}
