/**
 * The read side of afsluiten: whether a case is closed, and the last closing
 * and reopening as their case events tell it (who, when, why). Also whether
 * an overdracht is still running (closing waits for it, ADR 019) and how many
 * besluiten are still waiting for a second professional. Writes are
 * commands (server/commands/closing.server.ts).
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { besluiten, cases, overdrachten } from '../../db/schema';
import { listCaseEvents } from './events.server';

export interface ClosingMoment {
  at: number;
  by: string | null;
  reason: string | null;
}

export interface ClosingState {
  closedAt: number | null;
  lastClosed: ClosingMoment | null;
  lastReopened: ClosingMoment | null;
  openOverdracht: boolean;
  openBesluiten: number;
}

export function closingState(db: Db, caseId: string): ClosingState | undefined {
  const row = db.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId)).get();
  if (!row) return undefined;
  const events = listCaseEvents(db, caseId, { newestFirst: true, types: ['case-closed', 'case-reopened'] });
  const moment = (type: 'case-closed' | 'case-reopened'): ClosingMoment | null => {
    const e = events.find((x) => x.type === type);
    return e ? { at: e.at, by: e.actorName, reason: e.reason } : null;
  };
  const openOverdracht = db
    .select({ id: overdrachten.id })
    .from(overdrachten)
    .where(and(eq(overdrachten.caseId, caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
    .get();
  const waiting = db
    .select({ n: count() })
    .from(besluiten)
    .where(and(eq(besluiten.caseId, caseId), isNull(besluiten.agreedAt), isNull(besluiten.withdrawnAt)))
    .get();
  return {
    closedAt: row.closedAt,
    lastClosed: moment('case-closed'),
    lastReopened: moment('case-reopened'),
    openOverdracht: Boolean(openOverdracht),
    openBesluiten: waiting?.n ?? 0,
  };
}

/** The closing queries bound to one database, as handed to loaders via `context.services.closing`. */
export function closingQueries(db: Db) {
  return { state: (caseId: string) => closingState(db, caseId) };
}
export type ClosingQueries = ReturnType<typeof closingQueries>;
