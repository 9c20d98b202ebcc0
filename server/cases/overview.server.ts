/**
 * Read side of a case's Overzicht for professionals and of the Logboek's case
 * events: the running overdracht, current absences and the case events since
 * someone's last visit. Pure reads (drizzle); nothing here writes. People are
 * shown by their display name resolved from the participant table (removed
 * people keep their name), never from stored text. "Since my last visit"
 * never reports a person's own actions back to them.
 */
import { and, desc, eq, gt, isNull, lte, gte, ne, or } from 'drizzle-orm';
import type { CaseEventType, CaseEventView } from '../../app/domain/caseEvents';
import type { Db } from '../../db/database.server';
import type { CheckInResult } from '../../app/domain/checkIns';
import { absences, afspraken, caseEvents, checkIns, overdrachten, scaleScores } from '../../db/schema';
import { listCaseEvents, participantNames } from './events.server';
import { todayIso } from './regie.server';

export interface RunningOverdracht {
  id: string;
  from: string;
  to: string;
  /** When a parent becomes regisseur: the professional beside them. */
  regieProfessional: string | null;
  startedBy: string;
  startedAt: number;
  /** ISO date until which both hold regie rights; null without overlap. */
  overlapUntil: string | null;
}

export interface CurrentAbsence {
  id: string;
  participantId: string;
  name: string;
  fromDate: string;
  untilDate: string;
  standInParticipantId: string;
  standIn: string;
}

/** The open overdracht of a case (neither completed nor cancelled), or null. At most one exists. */
export function runningOverdracht(db: Db, caseId: string): RunningOverdracht | null {
  const row = db
    .select()
    .from(overdrachten)
    .where(and(eq(overdrachten.caseId, caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
    .get();
  if (!row) return null;
  const names = participantNames(db, [row.fromParticipantId, row.toParticipantId, row.regieProfessionalId, row.startedById]);
  const name = (id: string) => names.get(id) ?? 'Onbekend';
  return {
    id: row.id,
    from: name(row.fromParticipantId),
    to: name(row.toParticipantId),
    regieProfessional: row.regieProfessionalId ? name(row.regieProfessionalId) : null,
    startedBy: name(row.startedById),
    startedAt: row.startedAt,
    overlapUntil: row.overlapUntil,
  };
}

/** Absences that run today (both days included) and were not ended, soonest back first. */
export function currentAbsences(db: Db, caseId: string, now: number = Date.now()): CurrentAbsence[] {
  const today = todayIso(now);
  const rows = db
    .select()
    .from(absences)
    .where(and(eq(absences.caseId, caseId), isNull(absences.endedAt), lte(absences.fromDate, today), gte(absences.untilDate, today)))
    .orderBy(absences.untilDate, absences.id)
    .all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.participantId, r.standInParticipantId]),
  );
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participantId,
    name: names.get(r.participantId) ?? 'Onbekend',
    fromDate: r.fromDate,
    untilDate: r.untilDate,
    standInParticipantId: r.standInParticipantId,
    standIn: names.get(r.standInParticipantId) ?? 'Onbekend',
  }));
}

/** Case events after `since` that someone other than `me` did (events without an actor count as others'), newest first. */
export function caseEventsSince(db: Db, caseId: string, since: number, me: string): CaseEventView[] {
  const others = new Set(
    db
      .select({ id: caseEvents.id })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), gt(caseEvents.at, since), or(isNull(caseEvents.actorParticipantId), ne(caseEvents.actorParticipantId, me))))
      .all()
      .map((r) => r.id),
  );
  if (others.size === 0) return [];
  return listCaseEvents(db, caseId, { since, newestFirst: true }).filter((e) => others.has(e.id));
}

/**
 * A case's events for the Logboek, newest first: all of them, or only those
 * of given types, or only those in which a participant acted or was the
 * subject.
 */
export function logbookEvents(db: Db, caseId: string, filter: { types?: CaseEventType[]; participantId?: string } = {}): CaseEventView[] {
  const events = listCaseEvents(db, caseId, { newestFirst: true, ...(filter.types ? { types: filter.types } : {}) });
  if (!filter.participantId) return events;
  const person = filter.participantId;
  const involved = new Set(
    db
      .select({ id: caseEvents.id })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), or(eq(caseEvents.actorParticipantId, person), eq(caseEvents.subjectParticipantId, person))))
      .all()
      .map((r) => r.id),
  );
  return events.filter((e) => involved.has(e.id));
}

/** Check-ins recorded by others since `since`, newest first, with the afspraak's words and who it is for (and namens whom). */
export function checkInsSince(db: Db, caseId: string, since: number, me: string, limit = 20) {
  const rows = db
    .select({
      id: checkIns.id,
      at: checkIns.createdAt,
      occurrence: checkIns.occurrence,
      participantId: checkIns.participantId,
      recordedById: checkIns.recordedById,
      result: checkIns.result,
      toelichting: checkIns.toelichting,
      wat: afspraken.wat,
    })
    .from(checkIns)
    .leftJoin(afspraken, and(eq(afspraken.caseId, checkIns.caseId), eq(afspraken.id, checkIns.afspraakId)))
    .where(and(eq(checkIns.caseId, caseId), gt(checkIns.createdAt, since), ne(checkIns.recordedById, me)))
    .orderBy(desc(checkIns.createdAt), desc(checkIns.id))
    .limit(limit)
    .all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.participantId, r.recordedById]),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    occurrence: r.occurrence,
    result: r.result as CheckInResult,
    toelichting: r.toelichting,
    afspraak: r.wat ?? 'een afspraak',
    name: names.get(r.participantId) ?? 'Onbekend',
    namens: r.recordedById !== r.participantId ? (names.get(r.recordedById) ?? 'Onbekend') : null,
  }));
}

/** Scale scores others gave since `since`, newest first. */
export function scoresSince(db: Db, caseId: string, since: number, me: string, limit = 20) {
  const rows = db
    .select({
      id: scaleScores.id,
      at: scaleScores.createdAt,
      participantId: scaleScores.participantId,
      score: scaleScores.score,
      explanation: scaleScores.explanation,
    })
    .from(scaleScores)
    .where(and(eq(scaleScores.caseId, caseId), gt(scaleScores.createdAt, since), ne(scaleScores.participantId, me)))
    .orderBy(desc(scaleScores.createdAt), desc(scaleScores.id))
    .limit(limit)
    .all();
  const names = participantNames(
    db,
    rows.map((r) => r.participantId),
  );
  return rows.map((r) => ({ ...r, name: names.get(r.participantId) ?? 'Onbekend' }));
}

/** The overview queries bound to one database, as handed to loaders via `context.services.overview`. */
export function overviewQueries(db: Db) {
  return {
    /** Today's date (yyyy-mm-dd) in the Netherlands, as overlaps and absences count it. */
    today: (now?: number) => todayIso(now),
    runningOverdracht: (caseId: string) => runningOverdracht(db, caseId),
    currentAbsences: (caseId: string, now?: number) => currentAbsences(db, caseId, now),
    caseEventsSince: (caseId: string, since: number, me: string) => caseEventsSince(db, caseId, since, me),
    checkInsSince: (caseId: string, since: number, me: string) => checkInsSince(db, caseId, since, me),
    scoresSince: (caseId: string, since: number, me: string) => scoresSince(db, caseId, since, me),
    logbookEvents: (caseId: string, filter?: { types?: CaseEventType[]; participantId?: string }) => logbookEvents(db, caseId, filter),
  };
}
export type OverviewQueries = ReturnType<typeof overviewQueries>;
