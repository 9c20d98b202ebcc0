/**
 * Deletion requests (issue 18, ADR 035): the family home's line to ask for
 * their data to be deleted, and the professional's attention line on the
 * Overzicht while a request waits for a decision. Both link to
 * app/routes/casussen.$caseId.verwijderen.tsx.
 */
import { Link } from '@remix-run/react';
import { Trash2 } from 'lucide-react';
import { formatDateTime } from '../../utils/format';

export function DeletionLink({ caseId }: { caseId: string }) {
  return (
    <p className="card home-verwijderen">
      <Trash2 aria-hidden="true" size={18} /> <Link to={`/casussen/${caseId}/verwijderen`}>Vraag om je gegevens te laten verwijderen</Link>
    </p>
  );
}

export function DeletionAttention({ data }: { data: { caseId: string; requestedAt: number } | null }) {
  if (!data) return null;
  return (
    <p className="alert" role="note">
      <Trash2 aria-hidden="true" size={18} /> Het gezin vroeg op {formatDateTime(data.requestedAt)} om de gegevens te verwijderen.{' '}
      <Link to={`/casussen/${data.caseId}/verwijderen`}>Beslis over het verzoek</Link>
    </p>
  );
}
