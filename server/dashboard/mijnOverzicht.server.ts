/**
 * Mijn overzicht, the read side: for one professional account, a summary of
 * every case they are a current participant of — and of no other case: every
 * query is bounded by the account's own participant rows (`user_id = ?`, or
 * the case ids taken from them). Pure reads (drizzle); nothing here writes.
 *
 * Cost: a fixed number of queries per call, each batched over all the
 * account's cases (`case_id IN (…)`, or driven from their own participant
 * rows with correlated index seeks) — never a query per case over a big
 * table. The only per-case calls are the Overzicht's own readers
 * (runningOverdracht, currentAbsences), and only for the few cases where the
 * batched query found an open overdracht or a current absence.
 *
 * Definitions (see app/domain/mijnOverzicht.ts for thresholds and texts):
 *   - niet gemeld: a dated afspraak with an owner has an occurrence in the
 *     last NOT_REPORTED_WINDOW_DAYS days (today excluded) without a check-in
 *     by any of its current owners;
 *   - twee keer niet gelukt: on each of the last two reported occurrences
 *     someone's current report (latest row per person) is niet gelukt;
 *   - since my last visit: case events, check-ins and scale scores after my
 *     lastVisitAt, and the documents edited after it, each by someone else;
 *   - open questions (issue 17): unanswered questions of family and netwerk
 *     that I may answer (app/domain/permissions.ts mayAnswerQuestion: as
 *     case-facts writer, as their addressee, or standing in for it today).
 */
import { and, eq, inArray, isNull, lte, gte, sql, type SQL } from 'drizzle-orm';
import { FAMILY_ROLES, kaderLabel, STAGE_LABELS, type Role } from '../../app/domain/caseFacts';
import type { CheckInResult } from '../../app/domain/checkIns';
import {
  attentionReasons,
  NOT_REPORTED_WINDOW_DAYS,
  occurrencesInWindow,
  reportWindow,
  type CaseSummary,
  type ScoreNow,
  type WindowDay,
} from '../../app/domain/mijnOverzicht';
import { DOCUMENTS, mayAnswerAcceptance, mayAnswerQuestion, type DocumentName } from '../../app/domain/permissions';
import { daysAgo } from '../../app/domain/questions';
import { addDaysIso, parseRecurrence, type Recurrence } from '../../app/domain/recurrence';
import type { Db } from '../../db/database.server';
import {
  absences,
  acceptanceRequests,
  acceptances,
  afspraken,
  cases,
  checkIns,
  overdrachten,
  participants,
  questions,
  scaleScores,
  users,
} from '../../db/schema';
import { currentAbsences, runningOverdracht } from '../cases/overview.server';
import { effectiveRole, holdsRegieRights, todayIso, type RegieState } from '../cases/regie.server';

const WEEK_MS = 7 * 86_400_000;
/** Scores per person drawn in the case's small chart on Mijn overzicht. */
const SCORE_HISTORY = 12;
const FAMILY: readonly Role[] = FAMILY_ROLES;

/** The latest `received_at` of a document's updates, optionally only those not by `me` (index seek, newest first). */
function latestUpdate(document: DocumentName, notBy?: SQL): SQL<number | null> {
  return sql<number | null>`(select u.received_at from updates u where u.case_id = ${cases.id} and u.document = ${document}${
    notBy ? sql` and (u.participant_id is null or u.participant_id <> ${notBy})` : sql``
  } order by u.id desc limit 1)`;
}

/**
 * The queries of one Mijn overzicht, as drizzle builders (the benchmark
 * prints their plans). `ids` are the account's case ids from `mine`.
 */
export function overzichtQueries(db: Db, userId: string, ids: string[], today: string) {
  const windowStart = addDaysIso(today, -NOT_REPORTED_WINDOW_DAYS);
  const mine = and(eq(participants.userId, userId), isNull(participants.removedAt));
  const since = sql`coalesce(${participants.lastVisitAt}, 9007199254740991)`;
  return {
    /** My participant rows with their cases. */
    mine: db
      .select({
        caseId: cases.id,
        title: cases.title,
        kader: cases.kader,
        maatregelType: cases.maatregelType,
        kaderService: cases.kaderService,
        stage: cases.stage,
        nextEvaluationDate: cases.nextEvaluationDate,
        closedAt: cases.closedAt,
        createdAt: cases.createdAt,
        casusregisseurId: cases.casusregisseurId,
        regieProfessionalId: cases.regieProfessionalId,
        participantId: participants.id,
        role: participants.role,
        userId: participants.userId,
        lastVisitAt: participants.lastVisitAt,
      })
      .from(participants)
      .innerJoin(cases, eq(cases.id, participants.caseId))
      .where(mine),
    /** Per case of mine: latest activity of each kind, and what others did after my last visit (correlated index seeks). */
    activity: db
      .select({
        caseId: cases.id,
        lastEventAt: sql<number | null>`(select max(e.at) from case_events e where e.case_id = ${cases.id})`,
        eventsSince: sql<number>`(select count(*) from case_events e where e.case_id = ${cases.id} and e.at > ${since} and (e.actor_participant_id is null or e.actor_participant_id <> ${participants.id}))`,
        lastCheckInAt: sql<
          number | null
        >`(select max((select max(ci.created_at) from check_ins ci where ci.participant_id = p.id)) from participants p where p.case_id = ${cases.id})`,
        checkInsSince: sql<number>`(select count(*) from participants p join check_ins ci on ci.participant_id = p.id and ci.created_at > ${since} where p.case_id = ${cases.id} and ci.recorded_by_id <> ${participants.id})`,
        notKeptSince: sql<number>`(select count(*) from participants p join check_ins ci on ci.participant_id = p.id and ci.created_at > ${since} where p.case_id = ${cases.id} and ci.recorded_by_id <> ${participants.id} and ci.result = 'niet-gelukt')`,
        kaartAt: latestUpdate('kaart'),
        planAt: latestUpdate('plan'),
        bodemeisenAt: latestUpdate('bodemeisen'),
        kaartByOthersAt: latestUpdate('kaart', sql`${participants.id}`),
        planByOthersAt: latestUpdate('plan', sql`${participants.id}`),
        bodemeisenByOthersAt: latestUpdate('bodemeisen', sql`${participants.id}`),
      })
      .from(participants)
      .innerJoin(cases, eq(cases.id, participants.caseId))
      .where(mine),
    /** Everyone currently in my cases, with display names. */
    people: db
      .select({
        id: participants.id,
        caseId: participants.caseId,
        role: participants.role,
        name: sql<string>`coalesce(${users.name}, ${participants.name}, 'Onbekend')`,
        lastVisitAt: participants.lastVisitAt,
      })
      .from(participants)
      .leftJoin(users, eq(users.id, participants.userId))
      .where(and(inArray(participants.caseId, ids), isNull(participants.removedAt))),
    overdrachten: db
      .select({
        caseId: overdrachten.caseId,
        to: overdrachten.toParticipantId,
        regieProfessionalId: overdrachten.regieProfessionalId,
        overlapUntil: overdrachten.overlapUntil,
      })
      .from(overdrachten)
      .where(and(inArray(overdrachten.caseId, ids), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt))),
    absences: db
      .select({ caseId: absences.caseId })
      .from(absences)
      .where(and(inArray(absences.caseId, ids), isNull(absences.endedAt), lte(absences.fromDate, today), gte(absences.untilDate, today))),
    /** Open questions of my cases (questions_case_idx), oldest first. */
    openQuestions: db
      .select({
        caseId: questions.caseId,
        id: questions.id,
        kind: questions.kind,
        askerId: questions.askerId,
        toId: questions.toId,
        createdAt: questions.createdAt,
      })
      .from(questions)
      .where(and(inArray(questions.caseId, ids), isNull(questions.answeredAt)))
      .orderBy(questions.createdAt),
    /** Who stands in for whom today in my cases (to know which open questions I may answer). */
    standIns: db
      .select({ caseId: absences.caseId, absentId: absences.participantId, standInId: absences.standInParticipantId })
      .from(absences)
      .where(and(inArray(absences.caseId, ids), isNull(absences.endedAt), lte(absences.fromDate, today), gte(absences.untilDate, today))),
    afspraken: db
      .select({ caseId: afspraken.caseId, id: afspraken.id, wie: afspraken.wie, startDate: afspraken.startDate, recurrence: afspraken.recurrence })
      .from(afspraken)
      .where(inArray(afspraken.caseId, ids)),
    /**
     * Check-ins of dated afspraken on occurrences in the window or from the
     * second-latest reported occurrence on (range seeks per afspraak on
     * check_ins_afspraak_idx).
     */
    checkIns: db
      .select({
        caseId: checkIns.caseId,
        afspraakId: checkIns.afspraakId,
        occurrence: checkIns.occurrence,
        participantId: checkIns.participantId,
        result: checkIns.result,
        id: checkIns.id,
      })
      .from(afspraken)
      // CROSS JOIN keeps afspraken the outer loop (SQLite's join-order hint): one range seek per afspraak.
      .crossJoin(checkIns)
      .where(
        and(
          inArray(afspraken.caseId, ids),
          sql`${afspraken.startDate} is not null`,
          eq(checkIns.caseId, afspraken.caseId),
          eq(checkIns.afspraakId, afspraken.id),
          sql`${checkIns.occurrence} >= min(${windowStart}, coalesce((select c2.occurrence from check_ins c2 where c2.case_id = ${afspraken.caseId} and c2.afspraak_id = ${afspraken.id} and c2.occurrence <= ${today} group by c2.occurrence order by c2.occurrence desc limit 1 offset 1), ${windowStart}))`,
          lte(checkIns.occurrence, today),
        ),
      ),
    scores: db
      .select({ caseId: scaleScores.caseId, participantId: scaleScores.participantId, score: scaleScores.score, id: scaleScores.id, at: scaleScores.createdAt })
      .from(scaleScores)
      .where(inArray(scaleScores.caseId, ids))
      .orderBy(scaleScores.caseId, scaleScores.participantId, scaleScores.id),
    /** All akkoord requests of my cases (acceptance_requests has no case index: see bench/README.md). */
    akkoordRequests: db
      .select({
        caseId: acceptanceRequests.caseId,
        id: acceptanceRequests.id,
        createdAt: acceptanceRequests.createdAt,
        rowid: sql<number>`${acceptanceRequests}.rowid`,
      })
      .from(acceptanceRequests)
      .where(inArray(acceptanceRequests.caseId, ids)),
    /** Answers to given requests (ids filled in after akkoordRequests). */
    answers: (requestIds: string[]) =>
      db
        .select({ requestId: acceptances.requestId, participantId: acceptances.participantId, agreed: acceptances.agreed, id: acceptances.id })
        .from(acceptances)
        .where(inArray(acceptances.requestId, requestIds)),
  };
}

type Queries = ReturnType<typeof overzichtQueries>;
type CheckInRow = Awaited<ReturnType<Queries['checkIns']['all']>>[number];

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

const maxOf = (...values: (number | null | undefined)[]): number | null => {
  let m: number | null = null;
  for (const v of values) if (typeof v === 'number' && (m === null || v > m)) m = v;
  return m;
};

function parseOwners(wie: string): string[] {
  try {
    const v = JSON.parse(wie) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Counts per case: afspraken not reported in the window, not kept twice in a row, without owner. */
function afsprakenCounts(rows: Awaited<ReturnType<Queries['afspraken']['all']>>, checkInRows: CheckInRow[], window: readonly WindowDay[]) {
  const byAfspraak = groupBy(checkInRows, (c) => `${c.caseId}\u0000${c.afspraakId}`);
  let notReported = 0;
  let notKeptTwice = 0;
  let withoutOwner = 0;
  for (const a of rows) {
    const owners = parseOwners(a.wie);
    if (owners.length === 0) withoutOwner += 1;
    if (!a.startDate) continue;
    // The current report per occurrence and person is the latest row.
    const current = new Map<string, { occurrence: string; participantId: string; result: CheckInResult; id: number }>();
    for (const c of byAfspraak.get(`${a.caseId}\u0000${a.id}`) ?? []) {
      const key = `${c.occurrence}\u0000${c.participantId}`;
      const seen = current.get(key);
      if (!seen || seen.id < c.id) current.set(key, c);
    }
    if (owners.length > 0) {
      const reported = new Set([...current.values()].filter((c) => owners.includes(c.participantId)).map((c) => c.occurrence));
      // Without a (valid) recurrence the start date is the one day.
      const recurrence: Recurrence = parseRecurrence(a.recurrence) ?? { kind: 'eenmalig' };
      if (occurrencesInWindow(recurrence, a.startDate, window).some((day) => !reported.has(day))) notReported += 1;
    }
    const byOccurrence = groupBy([...current.values()], (c) => c.occurrence);
    const lastTwo = [...byOccurrence.keys()].sort().slice(-2);
    if (lastTwo.length === 2 && lastTwo.every((day) => byOccurrence.get(day)!.some((c) => c.result === 'niet-gelukt'))) notKeptTwice += 1;
  }
  return { total: rows.length, notReported, notKeptTwice, withoutOwner };
}

/** Mijn overzicht for one professional account: every case they take part in, in no particular order. */
export function mijnOverzicht(db: Db, userId: string, now: number = Date.now()): CaseSummary[] {
  // Today once per call: todayIso builds an Intl formatter each time.
  const today = todayIso(now);
  const mineRows = overzichtQueries(db, userId, [], today).mine.all();
  if (mineRows.length === 0) return [];
  const ids = mineRows.map((m) => m.caseId);
  const q = overzichtQueries(db, userId, ids, today);
  const window = reportWindow(today);

  const activity = new Map(q.activity.all().map((a) => [a.caseId, a]));
  const people = groupBy(q.people.all(), (p) => p.caseId);
  const openOverdrachten = new Map(q.overdrachten.all().map((o) => [o.caseId, o]));
  const absent = new Set(q.absences.all().map((a) => a.caseId));
  const afsprakenRows = groupBy(q.afspraken.all(), (a) => a.caseId);
  const checkInRows = groupBy(q.checkIns.all(), (c) => c.caseId);
  const scoreRows = groupBy(q.scores.all(), (s) => s.caseId);
  const openQuestionRows = groupBy(q.openQuestions.all(), (r) => r.caseId);
  const standIns = new Set(q.standIns.all().map((a) => `${a.caseId}\u0000${a.absentId}\u0000${a.standInId}`));

  const latestRequest = new Map<string, { id: string; createdAt: number; rowid: number }>();
  for (const r of q.akkoordRequests.all()) {
    const seen = latestRequest.get(r.caseId);
    if (!seen || seen.createdAt < r.createdAt || (seen.createdAt === r.createdAt && seen.rowid < r.rowid)) latestRequest.set(r.caseId, r);
  }
  const requestIds = [...latestRequest.values()].map((r) => r.id);
  const answers = groupBy(requestIds.length > 0 ? q.answers(requestIds).all() : [], (a) => a.requestId);

  return mineRows.map((m): CaseSummary => {
    const open = openOverdrachten.get(m.caseId);
    const regie: RegieState = {
      casusregisseurId: m.casusregisseurId,
      regieProfessionalId: m.regieProfessionalId,
      overlapParticipantId: open?.overlapUntil && open.overlapUntil >= today ? (open.regieProfessionalId ?? open.to) : null,
      closed: m.closedAt !== null,
    };
    const inCase = people.get(m.caseId) ?? [];
    const nameOf = new Map(inCase.map((p) => [p.id, p.name]));
    const act = activity.get(m.caseId);

    // Scores: each current participant's latest, with the one before it.
    const scores: ScoreNow[] = [];
    let lastScoreAt: number | null = null;
    let scoresSince = 0;
    for (const [participantId, rows] of groupBy(scoreRows.get(m.caseId) ?? [], (s) => s.participantId)) {
      for (const s of rows) {
        lastScoreAt = maxOf(lastScoreAt, s.at);
        if (m.lastVisitAt !== null && s.at > m.lastVisitAt && participantId !== m.participantId) scoresSince += 1;
      }
      const name = nameOf.get(participantId);
      if (name === undefined) continue; // removed from the case
      const last = rows.at(-1)!;
      scores.push({
        participantId,
        name,
        score: last.score,
        previous: rows.at(-2)?.score ?? null,
        at: last.at,
        history: rows.slice(-SCORE_HISTORY).map((r) => ({ score: r.score, at: r.at })),
      });
    }
    scores.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const spread = scores.length >= 2 ? Math.max(...scores.map((s) => s.score)) - Math.min(...scores.map((s) => s.score)) : null;

    // Akkoord: the latest request; an answer to an older request does not answer it.
    const request = latestRequest.get(m.caseId);
    let akkoord: CaseSummary['akkoord'] = null;
    if (request) {
      const latestAnswer = new Map<string, { agreed: boolean; id: number }>();
      for (const a of answers.get(request.id) ?? []) {
        const seen = latestAnswer.get(a.participantId);
        if (!seen || seen.id < a.id) latestAnswer.set(a.participantId, a);
      }
      const asked = inCase.filter((p) => mayAnswerAcceptance(p.role));
      akkoord = {
        askedAt: request.createdAt,
        open: asked.filter((p) => !latestAnswer.has(p.id)).map((p) => p.name),
        refused: asked.filter((p) => latestAnswer.get(p.id)?.agreed === false).map((p) => p.name),
      };
    }

    const myRole = effectiveRole({ id: m.participantId, role: m.role, userId: m.userId }, regie);
    const openQuestions = (openQuestionRows.get(m.caseId) ?? [])
      .filter((r) =>
        mayAnswerQuestion(myRole, { addressee: r.toId === m.participantId, standIn: standIns.has(`${m.caseId}\u0000${r.toId}\u0000${m.participantId}`) }),
      )
      .map((r) => ({ id: r.id, kind: r.kind, asker: nameOf.get(r.askerId) ?? 'Onbekend', askedAt: r.createdAt, days: daysAgo(r.createdAt, now) }));

    const documentsAt = { kaart: act?.kaartAt, plan: act?.planAt, bodemeisen: act?.bodemeisenAt };
    const byOthersAt = { kaart: act?.kaartByOthersAt, plan: act?.planByOthersAt, bodemeisen: act?.bodemeisenByOthersAt };
    const lastChangeAt = maxOf(act?.lastEventAt, act?.lastCheckInAt, lastScoreAt, ...Object.values(documentsAt));
    const overdracht = open ? runningOverdracht(db, m.caseId) : null;

    const summary: Omit<CaseSummary, 'attention'> = {
      id: m.caseId,
      title: m.title,
      stage: STAGE_LABELS[m.stage].label,
      kader: kaderLabel(m.kader, m.maatregelType, m.kaderService),
      closedAt: m.closedAt,
      myRole,
      regie: holdsRegieRights(m.participantId, regie),
      nextEvaluationDate: m.nextEvaluationDate,
      evaluationOverdue: m.nextEvaluationDate !== null && m.nextEvaluationDate < today,
      afspraken: afsprakenCounts(afsprakenRows.get(m.caseId) ?? [], checkInRows.get(m.caseId) ?? [], window),
      akkoord,
      scores,
      spread,
      familyLastVisitAt: maxOf(...inCase.filter((p) => FAMILY.includes(p.role)).map((p) => p.lastVisitAt)),
      lastChangeAt,
      weeksWithoutChange: Math.max(0, Math.floor((now - (lastChangeAt ?? m.createdAt)) / WEEK_MS)),
      overdracht: overdracht ? { to: overdracht.to, from: overdracht.from, startedAt: overdracht.startedAt } : null,
      openQuestions,
      absences: absent.has(m.caseId) ? currentAbsences(db, m.caseId, now).map((a) => ({ name: a.name, standIn: a.standIn, untilDate: a.untilDate })) : [],
      sinceMyLastVisit:
        m.lastVisitAt === null
          ? null
          : {
              since: m.lastVisitAt,
              events: act?.eventsSince ?? 0,
              checkIns: act?.checkInsSince ?? 0,
              notKept: act?.notKeptSince ?? 0,
              scores: scoresSince,
              documents: DOCUMENTS.filter((d) => (byOthersAt[d] ?? 0) > m.lastVisitAt!),
            },
    };
    return { ...summary, attention: attentionReasons(summary) };
  });
}

/** The read side handed to loaders (`context.services.dashboard`). */
export function dashboardQueries(db: Db) {
  return { mijnOverzicht: (userId: string, now?: number) => mijnOverzicht(db, userId, now) };
}
export type DashboardQueries = ReturnType<typeof dashboardQueries>;
