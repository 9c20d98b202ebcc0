/**
 * Reads for the Casusgegevens page: the children with their ids (for the
 * remove form; first name and birth year only, as everywhere) and the case
 * events. Read-only: changes go through server/commands/caseFacts.server.ts.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { children } from '../../db/schema';
import { listCaseEvents } from './events.server';

export function childrenOfCase(db: Db, caseId: string) {
  return db
    .select({ id: children.id, firstName: children.firstName, birthYear: children.birthYear })
    .from(children)
    .where(eq(children.caseId, caseId))
    .orderBy(asc(children.birthYear), asc(children.firstName))
    .all();
}

/** The case's events, oldest first (names resolved). */
export function caseEventsOf(db: Db, caseId: string) {
  return listCaseEvents(db, caseId);
}
