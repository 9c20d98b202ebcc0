/**
 * Case-wide notifications: queue one reason for every current family and
 * netwerk member of a case, inside the caller's transaction (each person
 * gets it only on the channels they opted in to; see notify.server.ts).
 * Invariant: called in the same transaction as the change it reports.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { FAMILY_ROLES } from '../../app/domain/caseFacts';
import type { NotificationReason } from '../../app/domain/notifications';
import type { Tx } from '../../db/database.server';
import { participants } from '../../db/schema';
import { notifyParticipant } from './notify.server';

/** Queues `reason` for each family and netwerk member (optionally except one person); returns the rows queued. */
export function notifyFamily(tx: Tx, n: { caseId: string; reason: NotificationReason; key: string; except?: string }, now: number): number {
  const people = tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.caseId, n.caseId), isNull(participants.removedAt), inArray(participants.role, [...FAMILY_ROLES])))
    .all();
  let queued = 0;
  for (const p of people) {
    if (p.id === n.except) continue;
    queued += notifyParticipant(tx, { caseId: n.caseId, participantId: p.id, reason: n.reason, key: n.key }, now);
  }
  return queued;
}
