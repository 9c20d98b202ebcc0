/**
 * The read side of regie, overdracht, vervanging and "who helps" (SPEC §2.4,
 * ADR 018): what the Overdracht page, Betrokkenen, the case header and the
 * family home show. Reads only; the commands in server/commands/regie.server.ts
 * write. Invariant: a handover note leaves this module only when the caller
 * asks for it with `withNotes` (professionals); the family gets the plain
 * family summary. Names come from the participant table (accounts for
 * professionals), never from stored text; "today" is the day in Europe/Amsterdam.
 */
import { aliasedTable, and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { absences, cases, organisations, overdrachten, participants, users } from '../../db/schema';
import { participantNames } from './events.server';
import { todayIso } from './regie.server';

export interface OverdrachtNote {
  situatie: string;
  openAfsprakenRisicos: string;
  gezinBelangrijk: string;
  volgendeStappen: string;
}

export interface OverdrachtView {
  id: string;
  fromName: string;
  toParticipantId: string;
  toName: string;
  regieProfessionalName: string | null;
  startedByName: string;
  startedAt: number;
  completedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  overlapUntil: string | null;
  /** The overlap runs today (both hold regie rights). */
  overlapRuns: boolean;
  snapshotId: string;
  familySummary: string;
  /** Only for professionals. */
  note: OverdrachtNote | null;
}

/** All overdrachten of a case, newest first. */
export function listOverdrachten(db: Db | Tx, caseId: string, opts: { withNotes: boolean; now?: number }): OverdrachtView[] {
  const rows = db.select().from(overdrachten).where(eq(overdrachten.caseId, caseId)).orderBy(desc(overdrachten.startedAt)).all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.fromParticipantId, r.toParticipantId, r.regieProfessionalId, r.startedById]),
  );
  const name = (id: string) => names.get(id) ?? 'Onbekend';
  const today = todayIso(opts.now);
  return rows.map((r) => ({
    id: r.id,
    fromName: name(r.fromParticipantId),
    toParticipantId: r.toParticipantId,
    toName: name(r.toParticipantId),
    regieProfessionalName: r.regieProfessionalId ? name(r.regieProfessionalId) : null,
    startedByName: name(r.startedById),
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    cancelledAt: r.cancelledAt,
    cancelReason: opts.withNotes ? r.cancelReason : null,
    overlapUntil: r.overlapUntil,
    overlapRuns: r.completedAt === null && r.cancelledAt === null && r.overlapUntil !== null && r.overlapUntil >= today,
    snapshotId: r.snapshotId,
    familySummary: r.familySummary,
    note: opts.withNotes
      ? { situatie: r.situatie, openAfsprakenRisicos: r.openAfsprakenRisicos, gezinBelangrijk: r.gezinBelangrijk, volgendeStappen: r.volgendeStappen }
      : null,
  }));
}

export interface AbsenceView {
  id: string;
  participantId: string;
  name: string;
  standInParticipantId: string;
  standInName: string;
  /** A professional's phone: visible to the family too (SPEC §3). */
  standInPhone: string | null;
  from: string;
  until: string;
  /** It runs today (otherwise it is still to come). */
  running: boolean;
}

/** Absences that are not ended and not over (running today or still to come), earliest first. */
export function currentAbsences(db: Db | Tx, caseId: string, now?: number): AbsenceView[] {
  const today = todayIso(now);
  const standIn = aliasedTable(participants, 'stand_in');
  const standInUser = aliasedTable(users, 'stand_in_user');
  const rows = db
    .select({
      id: absences.id,
      participantId: absences.participantId,
      standInParticipantId: absences.standInParticipantId,
      from: absences.fromDate,
      until: absences.untilDate,
      standInPhone: sql<string | null>`coalesce(${standIn.phone}, ${standInUser.phone})`,
    })
    .from(absences)
    .innerJoin(standIn, eq(standIn.id, absences.standInParticipantId))
    .leftJoin(standInUser, eq(standInUser.id, standIn.userId))
    .where(and(eq(absences.caseId, caseId), isNull(absences.endedAt), gte(absences.untilDate, today)))
    .orderBy(asc(absences.fromDate))
    .all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.participantId, r.standInParticipantId]),
  );
  return rows.map((r) => ({
    ...r,
    name: names.get(r.participantId) ?? 'Onbekend',
    standInName: names.get(r.standInParticipantId) ?? 'Onbekend',
    running: r.from <= today,
  }));
}

export interface HelpView {
  participantId: string;
  name: string;
  organisationName: string | null;
  task: string | null;
  helpFrom: string | null;
  helpUntil: string | null;
  helpResult: string | null;
  /** Help that ended (its end date passed) or a professional no longer in the case. */
  ended: boolean;
  removed: boolean;
}

/**
 * Who helps in this case and why: every professional with an account (not a
 * meelezer), current or removed once they had a task, with their task and
 * period; help that ended keeps what it brought.
 */
export function helpList(db: Db | Tx, caseId: string, now?: number): HelpView[] {
  const today = todayIso(now);
  const rows = db
    .select({
      participantId: participants.id,
      name: users.name,
      organisationName: organisations.name,
      role: participants.role,
      task: participants.task,
      helpFrom: participants.helpFrom,
      helpUntil: participants.helpUntil,
      helpResult: participants.helpResult,
      removedAt: participants.removedAt,
    })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(participants.caseId, caseId))
    .orderBy(asc(participants.helpFrom), asc(participants.createdAt))
    .all();
  return rows
    .filter((r) => r.role !== 'meelezer' && (r.removedAt === null || r.task !== null))
    .map(({ role: _role, removedAt, ...r }) => ({
      ...r,
      removed: removedAt !== null,
      ended: removedAt !== null || (r.helpUntil !== null && r.helpUntil < today),
    }));
}

export interface RegieSummary {
  openOverdracht: { id: string; toParticipantId: string; toName: string; overlapUntil: string | null } | null;
  lastCompleted: { toName: string; completedAt: number; familySummary: string } | null;
  /** Running absences of the casusregisseur and of the vast aanspreekpunt: whom to call instead. */
  absences: (AbsenceView & { as: 'casusregisseur' | 'vastAanspreekpunt' | 'beide' })[];
}

/** What the case header and the family home tell about regie today. */
export function regieSummary(db: Db | Tx, caseId: string, now?: number): RegieSummary {
  const c = db.select({ r: cases.casusregisseurId, va: cases.vastAanspreekpuntId }).from(cases).where(eq(cases.id, caseId)).get();
  const all = listOverdrachten(db, caseId, { withNotes: false, now });
  const open = all.find((o) => o.completedAt === null && o.cancelledAt === null) ?? null;
  const done = all.filter((o) => o.completedAt !== null).sort((a, b) => b.completedAt! - a.completedAt!)[0] ?? null;
  const absences = currentAbsences(db, caseId, now)
    .filter((a) => a.running && (a.participantId === c?.r || a.participantId === c?.va))
    .map((a) => ({
      ...a,
      as:
        a.participantId === c?.r && a.participantId === c?.va
          ? ('beide' as const)
          : a.participantId === c?.r
            ? ('casusregisseur' as const)
            : ('vastAanspreekpunt' as const),
    }));
  return {
    openOverdracht: open ? { id: open.id, toParticipantId: open.toParticipantId, toName: open.toName, overlapUntil: open.overlapUntil } : null,
    lastCompleted: done ? { toName: done.toName, completedAt: done.completedAt!, familySummary: done.familySummary } : null,
    absences,
  };
}

/** The regie read queries bound to one database (loaders: `regieQueries(context.services.db)`). */
export function regieQueries(db: Db) {
  return {
    overdrachten: (caseId: string, opts: { withNotes: boolean }) => listOverdrachten(db, caseId, opts),
    absences: (caseId: string) => currentAbsences(db, caseId),
    help: (caseId: string) => helpList(db, caseId),
    summary: (caseId: string) => regieSummary(db, caseId),
  };
}
