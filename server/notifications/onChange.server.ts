/**
 * Notifications caused by a change of a live document (not a command): when
 * the bodemeisen of a case changed, its family and netwerk members are told
 * ("bodemeisen-gewijzigd"). The sync engine calls this hook debounced, right
 * after the change is durable; the rows are queued in their own transaction
 * there, with a dedupe key per case per day, so a day of edits is one
 * message. Invariant: a failure here never stops the projections.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { cases } from '../../db/schema';
import { todayIso } from '../cases/regie.server';
import { logger } from '../log.server';
import type { Room } from '../sync/room.server';
import { notifyFamily } from './family.server';

const log = logger('notifications');

/** Queues the bodemeisen notification of one case for today (idempotent per day); returns the rows queued. */
export function queueBodemeisenChanged(db: Db, caseId: string, now = Date.now()): number {
  return db.transaction((tx) => {
    const c = tx.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId)).get();
    if (!c || c.closedAt !== null) return 0;
    return notifyFamily(tx, { caseId, reason: 'bodemeisen-gewijzigd', key: `${caseId}:${todayIso(now)}` }, now);
  });
}

/** Wraps the projections hook: first the projections, then the notifications of the change. */
export function notifyOnChange(db: Db, next: (room: Room) => void) {
  return (room: Room): void => {
    try {
      next(room);
    } finally {
      if (room.document === 'bodemeisen') {
        try {
          queueBodemeisenChanged(db, room.caseId);
        } catch (err) {
          log.error({ err, caseId: room.caseId }, 'queueing the bodemeisen notification failed');
        }
      }
    }
  };
}
