/**
 * The read side of check-ins. The table is append-only: the latest row per
 * afspraak, occurrence and person counts (a correction is a new row). History
 * is kept whatever the afspraak's schedule says now: a report on a day that
 * is no longer an occurrence after a recurrence change still counts. Which
 * afspraken exist and when they happen comes from the caller (the live plan,
 * app/domain/plan.ts `afspraken`); this module only reads `check_ins`.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { checkInSummary, type CheckInResult } from '../../app/domain/checkIns';
import { scheduleOf, type AfspraakJSON } from '../../app/domain/plan';
import { addDaysIso, latestOccurrence, occurrences } from '../../app/domain/recurrence';
import type { Db, Tx } from '../../db/database.server';
import { checkIns } from '../../db/schema';

/** How far back "not yet reported" looks, in days. */
export const UNREPORTED_DAYS = 28;

export interface CheckInRow {
  afspraakId: string;
  occurrence: string;
  participantId: string;
  result: CheckInResult;
  toelichting: string | null;
  recordedById: string;
  at: number;
}

export interface AfspraakCheckIns {
  /** Latest report per occurrence and person, newest day first. */
  history: CheckInRow[];
  /** "3 van de 4 keer gelukt" over that history. */
  summary: string;
  /** Occurrences of the last UNREPORTED_DAYS days (today included) an owner has not reported on, newest first. */
  unreported: { occurrence: string; participantId: string }[];
}

export interface MyAfspraak {
  afspraak: AfspraakJSON;
  /** Today's occurrence, or the latest one before today; null when there is none yet (no start date, or it starts later). */
  due: string | null;
  /** This person's report on `due`, if any. */
  reported: CheckInRow | null;
  /** "3 van de 4 keer gelukt" over this person's own reports. */
  summary: string;
}

/** The latest row per (afspraak, occurrence, person) of a case, optionally of some afspraken only. */
export function latestCheckIns(db: Db | Tx, caseId: string, afspraakIds?: string[]): CheckInRow[] {
  if (afspraakIds && afspraakIds.length === 0) return [];
  const newest = sql`${checkIns.id} = (select max(c2.id) from check_ins c2 where c2.case_id = ${checkIns.caseId} and c2.afspraak_id = ${checkIns.afspraakId} and c2.occurrence = ${checkIns.occurrence} and c2.participant_id = ${checkIns.participantId})`;
  return db
    .select({
      afspraakId: checkIns.afspraakId,
      occurrence: checkIns.occurrence,
      participantId: checkIns.participantId,
      result: checkIns.result,
      toelichting: checkIns.toelichting,
      recordedById: checkIns.recordedById,
      at: checkIns.createdAt,
    })
    .from(checkIns)
    .where(and(eq(checkIns.caseId, caseId), afspraakIds ? inArray(checkIns.afspraakId, afspraakIds) : undefined, newest))
    .orderBy(asc(checkIns.occurrence), asc(checkIns.id))
    .all();
}

const groupBy = <T, K>(rows: T[], key: (row: T) => K) => {
  const out = new Map<K, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

/** Per afspraak (by id): its history, "x van de y keer gelukt" and what its owners have not reported yet. */
export function checkInsOfCase(db: Db | Tx, caseId: string, list: AfspraakJSON[], today: string): Record<string, AfspraakCheckIns> {
  const byAfspraak = groupBy(latestCheckIns(db, caseId), (r) => r.afspraakId);
  const out: Record<string, AfspraakCheckIns> = {};
  for (const a of list) {
    const rows = byAfspraak.get(a.id) ?? [];
    const reported = new Set(rows.map((r) => `${r.occurrence}|${r.participantId}`));
    const schedule = scheduleOf(a);
    const days = schedule ? occurrences(schedule.recurrence, schedule.start, addDaysIso(today, -(UNREPORTED_DAYS - 1)), today) : [];
    const unreported = days
      .flatMap((occurrence) => a.wie.map((participantId) => ({ occurrence, participantId })))
      .filter((u) => !reported.has(`${u.occurrence}|${u.participantId}`))
      .reverse();
    out[a.id] = { history: [...rows].reverse(), summary: checkInSummary(rows.map((r) => r.result)), unreported };
  }
  return out;
}

/** One person's afspraken (veiligheidsnetwerk tasks included) with the occurrence due now and whether they reported on it. */
export function checkInsOfPerson(db: Db | Tx, caseId: string, participantId: string, list: AfspraakJSON[], today: string): MyAfspraak[] {
  const mine = list.filter((a) => a.wie.includes(participantId));
  const rows = latestCheckIns(
    db,
    caseId,
    mine.map((a) => a.id),
  ).filter((r) => r.participantId === participantId);
  const byAfspraak = groupBy(rows, (r) => r.afspraakId);
  return mine.map((afspraak) => {
    const own = byAfspraak.get(afspraak.id) ?? [];
    const schedule = scheduleOf(afspraak);
    const due = schedule ? latestOccurrence(schedule.recurrence, schedule.start, today) : null;
    return {
      afspraak,
      due,
      reported: (due && [...own].reverse().find((r) => r.occurrence === due)) || null,
      summary: checkInSummary(own.map((r) => r.result)),
    };
  });
}

/** The read side handed to loaders (through app/utils/checkIns.server.ts). */
export function checkInQueries(db: Db) {
  return {
    ofCase: (caseId: string, list: AfspraakJSON[], today: string) => checkInsOfCase(db, caseId, list, today),
    ofPerson: (caseId: string, participantId: string, list: AfspraakJSON[], today: string) => checkInsOfPerson(db, caseId, participantId, list, today),
  };
}
export type CheckInQueries = ReturnType<typeof checkInQueries>;
