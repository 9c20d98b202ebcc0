/**
 * Deleting a case's data (issue 18 point 4, ADR 035): the words the family
 * and the professional see for a deletion request and its decision, and the
 * retention arithmetic shared by the daily job and the pages. Pure: no
 * database, no transport. Invariant: the family reads only these plain B1
 * sentences, never a stored key.
 */
import type { DeletionDecision } from './grondslag';

export const MAX_DELETION_NOTE_CHARS = 1000;
export const MAX_DELETION_REASON_CHARS = 1000;

/** What a request looks like to the family, in plain Dutch. */
export function deletionStatusForFamily(request: { decision: DeletionDecision | null }): string {
  if (request.decision === null) return 'Je vraag is verstuurd. De jeugdbeschermer beslist erover en laat je weten waarom.';
  if (request.decision === 'afgewezen') return 'Je vraag is niet toegekend. Hieronder staat waarom.';
  return 'Je vraag is toegekend. Jullie gegevens worden verwijderd.';
}

export const DELETION_DECISION_LABELS: Record<DeletionDecision, string> = {
  toegekend: 'Toegekend: alles van deze casus wordt nu verwijderd',
  afgewezen: 'Afgewezen',
};

/** Why a case was deleted, as kept in the tombstone: never free text of the case. */
export const DELETION_GROUNDS = ['bewaartermijn', 'verzoek-toegekend'] as const;
export type DeletionGround = (typeof DELETION_GROUNDS)[number];

/**
 * The moment before which a closing makes a case due for deletion: `now`
 * minus `months` calendar months (UTC; a day that does not exist in the
 * target month falls back to that month's last day).
 */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
