/**
 * The read side of questions (issue 17, ADR 027) and the one rule for whom a
 * question goes to. Reads only; server/commands/questions.server.ts writes.
 *
 * Invariants:
 *   - a question goes to the professional who holds regie: the regisseur, or
 *     the professional beside a parent regisseur — and, while that person is
 *     absent today, to their stand-in (absences table, whole days in
 *     Europe/Amsterdam);
 *   - a family or netwerk member reads only their own questions; the list of
 *     a case's questions is for the professionals who work in it, and every
 *     list is bounded by the case id it was asked for.
 */
import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import { daysAgo, type QuestionKind } from '../../app/domain/questions';
import { mayAnswerQuestion } from '../../app/domain/permissions';
import type { Role } from '../../app/domain/caseFacts';
import type { Db, Tx } from '../../db/database.server';
import { absences, cases, participants, questions } from '../../db/schema';
import { participantNames } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';

/** How many answered questions the case's list still shows (newest first). */
export const ANSWERED_SHOWN = 5;

export interface Addressee {
  participantId: string;
  name: string;
  /** Set when the regisseur is away today and this is their stand-in. */
  standInFor: { participantId: string; name: string; until: string } | null;
}

/** The running absence (today) of a participant in a case, if any. */
function runningAbsence(db: Db | Tx, caseId: string, participantId: string, today: string) {
  return db
    .select({ standIn: absences.standInParticipantId, until: absences.untilDate })
    .from(absences)
    .innerJoin(participants, and(eq(participants.id, absences.standInParticipantId), isNull(participants.removedAt)))
    .where(
      and(
        eq(absences.caseId, caseId),
        eq(absences.participantId, participantId),
        isNull(absences.endedAt),
        lte(absences.fromDate, today),
        gte(absences.untilDate, today),
      ),
    )
    .orderBy(desc(absences.createdAt))
    .get();
}

/** Whom a question asked now goes to, or null when the case has no professional holding regie. */
export function addresseeOf(db: Db | Tx, caseId: string, now: number): Addressee | null {
  const c = db.select({ r: cases.casusregisseurId, p: cases.regieProfessionalId }).from(cases).where(eq(cases.id, caseId)).get();
  if (!c) return null;
  const regisseur = c.r ? db.select({ id: participants.id, userId: participants.userId }).from(participants).where(eq(participants.id, c.r)).get() : undefined;
  // A parent regisseur is reached through the professional beside them (ADR 016).
  const to = regisseur?.userId ? regisseur.id : c.p;
  if (!to) return null;
  const away = runningAbsence(db, caseId, to, todayIso(now));
  const names = participantNames(db, [to, away?.standIn ?? null]);
  if (away) return { participantId: away.standIn, name: names.get(away.standIn)!, standInFor: { participantId: to, name: names.get(to)!, until: away.until } };
  return { participantId: to, name: names.get(to)!, standInFor: null };
}

/** True when `participantId` stands in today for `absentId` in this case. */
export function standsInFor(db: Db | Tx, caseId: string, participantId: string, absentId: string, now: number): boolean {
  return runningAbsence(db, caseId, absentId, todayIso(now))?.standIn === participantId;
}

export interface OwnQuestionView {
  id: string;
  kind: QuestionKind;
  text: string;
  callbackPhone: string | null;
  createdAt: number;
  askedDays: number;
  toName: string;
  answer: string | null;
  answeredAt: number | null;
  answeredDays: number | null;
  answeredByName: string | null;
}

/** One person's own questions in a case, newest first. */
export function ownQuestions(db: Db | Tx, caseId: string, askerId: string, now: number = Date.now()): OwnQuestionView[] {
  const rows = db
    .select()
    .from(questions)
    .where(and(eq(questions.caseId, caseId), eq(questions.askerId, askerId)))
    .orderBy(desc(questions.createdAt))
    .all();
  const names = participantNames(
    db,
    rows.flatMap((r) => [r.toId, r.answeredById]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    callbackPhone: r.callbackPhone,
    createdAt: r.createdAt,
    askedDays: daysAgo(r.createdAt, now),
    toName: names.get(r.toId) ?? 'Onbekend',
    answer: r.answer,
    answeredAt: r.answeredAt,
    answeredDays: r.answeredAt === null ? null : daysAgo(r.answeredAt, now),
    answeredByName: r.answeredById ? (names.get(r.answeredById) ?? 'Onbekend') : null,
  }));
}

export interface CaseQuestionView extends OwnQuestionView {
  askerName: string;
  toId: string;
  /** The viewer may answer this one (open, and the rule in permissions.ts). */
  mayAnswer: boolean;
}

/**
 * A case's questions for a professional who may read them: all open ones
 * (oldest first: who waits longest comes first), then the last few answered.
 */
export function caseQuestions(db: Db | Tx, caseId: string, viewer: { participantId: string; role: Role }, now: number = Date.now()): CaseQuestionView[] {
  const rows = db.select().from(questions).where(eq(questions.caseId, caseId)).orderBy(desc(questions.createdAt)).all();
  const open = rows.filter((r) => r.answeredAt === null).reverse();
  const answered = rows.filter((r) => r.answeredAt !== null).slice(0, ANSWERED_SHOWN);
  const shown = [...open, ...answered];
  const names = participantNames(
    db,
    shown.flatMap((r) => [r.toId, r.answeredById, r.askerId]),
  );
  const standIns = new Map<string, boolean>();
  const standIn = (toId: string) => {
    if (!standIns.has(toId)) standIns.set(toId, standsInFor(db, caseId, viewer.participantId, toId, now));
    return standIns.get(toId)!;
  };
  return shown.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    callbackPhone: r.callbackPhone,
    createdAt: r.createdAt,
    askedDays: daysAgo(r.createdAt, now),
    toId: r.toId,
    toName: names.get(r.toId) ?? 'Onbekend',
    askerName: names.get(r.askerId) ?? 'Onbekend',
    answer: r.answer,
    answeredAt: r.answeredAt,
    answeredDays: r.answeredAt === null ? null : daysAgo(r.answeredAt, now),
    answeredByName: r.answeredById ? (names.get(r.answeredById) ?? 'Onbekend') : null,
    mayAnswer: r.answeredAt === null && mayAnswerQuestion(viewer.role, { addressee: r.toId === viewer.participantId, standIn: standIn(r.toId) }),
  }));
}

/** The question read queries bound to one database (loaders: `questionQueries(context.services.db)`). */
export function questionQueries(db: Db) {
  return {
    addressee: (caseId: string, now = Date.now()) => addresseeOf(db, caseId, now),
    own: (caseId: string, askerId: string, now?: number) => ownQuestions(db, caseId, askerId, now),
    ofCase: (caseId: string, viewer: { participantId: string; role: Role }, now?: number) => caseQuestions(db, caseId, viewer, now),
  };
}
