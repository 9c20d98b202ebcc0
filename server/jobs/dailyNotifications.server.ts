/**
 * The daily notifications, queued by the hourly job from 07:00 (Europe/
 * Amsterdam) on: an evaluatiemoment 7 days ahead (family and netwerk), an
 * own afspraak due today and a check-in missed yesterday (the afspraak's
 * owners), and each professional's digest (counts per case only). Every row
 * has a dedupe key per day, so running the job every hour queues each
 * message once. Reads the afspraken projection, never a live document.
 * Invariant: one case's failure is logged and the others still get theirs.
 */
import { and, eq, gte, isNull, ne, sql } from 'drizzle-orm';
import { DIGEST_TEMPLATE, type DigestCase } from '../../app/domain/notifications';
import { scheduleOf } from '../../app/domain/plan';
import { addDaysIso, occursOn } from '../../app/domain/recurrence';
import type { Db, Tx } from '../../db/database.server';
import { acceptanceRequests, acceptances, afspraken, cases, checkIns, outbox, participants, questions, users } from '../../db/schema';
import { todayIso } from '../cases/regie.server';
import { logger } from '../log.server';
import { notifyFamily } from '../notifications/family.server';
import { notifyParticipant } from '../notifications/notify.server';

const log = logger('daily-notifications');
/** Not before this hour (Amsterdam): nobody gets a message at night. */
export const DAILY_FROM_HOUR = 7;
const DAY = 24 * 60 * 60 * 1000;

function amsterdamHour(now: number): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** The owners of a projected afspraak who have an occurrence on `day` (and, when `unreported`, no check-in for it). */
function ownersOn(tx: Tx, caseId: string, day: string, unreported: boolean) {
  const rows = tx.select().from(afspraken).where(eq(afspraken.caseId, caseId)).all();
  const out: { afspraakId: string; participantId: string }[] = [];
  for (const a of rows) {
    const schedule = scheduleOf({ start: a.startDate ?? '', herhaling: a.recurrence ?? '' });
    if (!schedule || !occursOn(schedule.recurrence, schedule.start, day)) continue;
    const owners = safeIds(a.wie);
    for (const participantId of owners) {
      if (unreported) {
        const reported = tx
          .select({ id: checkIns.id })
          .from(checkIns)
          .where(and(eq(checkIns.caseId, caseId), eq(checkIns.afspraakId, a.id), eq(checkIns.occurrence, day), eq(checkIns.participantId, participantId)))
          .get();
        if (reported) continue;
      }
      out.push({ afspraakId: a.id, participantId });
    }
  }
  return out;
}

function safeIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** One case's family notifications of `today`; returns the rows queued. */
function caseNotifications(tx: Tx, c: { id: string; nextEvaluationDate: string | null }, today: string, now: number): number {
  let queued = 0;
  if (c.nextEvaluationDate && c.nextEvaluationDate === addDaysIso(today, 7)) {
    queued += notifyFamily(tx, { caseId: c.id, reason: 'evaluatie-over-7-dagen', key: `${c.id}:${c.nextEvaluationDate}` }, now);
  }
  for (const o of ownersOn(tx, c.id, today, false)) {
    queued += notifyParticipant(tx, { caseId: c.id, participantId: o.participantId, reason: 'afspraak-vandaag', key: `${o.afspraakId}:${today}` }, now);
  }
  const yesterday = addDaysIso(today, -1);
  for (const o of ownersOn(tx, c.id, yesterday, true)) {
    queued += notifyParticipant(tx, { caseId: c.id, participantId: o.participantId, reason: 'check-in-gemist', key: `${o.afspraakId}:${yesterday}` }, now);
  }
  return queued;
}

/** Counts for one professional's digest line of one case (since `since`). */
function digestCounts(tx: Tx, c: { id: string; title: string }, participantId: string, yesterday: string, since: number): DigestCase {
  const openQuestions =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(questions)
      .where(and(eq(questions.caseId, c.id), eq(questions.toId, participantId), isNull(questions.answeredAt)))
      .get()?.n ?? 0;
  const answers =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(acceptances)
      .innerJoin(acceptanceRequests, eq(acceptances.requestId, acceptanceRequests.id))
      .where(and(eq(acceptanceRequests.caseId, c.id), gte(acceptances.createdAt, since)))
      .get()?.n ?? 0;
  return { title: c.title, openQuestions, unreported: ownersOn(tx, c.id, yesterday, true).length, answers };
}

/** Queues each professional's digest of `today` (only when there is something to tell); returns the rows queued. */
function digests(db: Db, today: string, now: number): number {
  const yesterday = addDaysIso(today, -1);
  const people = db
    .select({ userId: users.id, email: users.email, participantId: participants.id, caseId: cases.id, title: cases.title })
    .from(participants)
    .innerJoin(users, eq(participants.userId, users.id))
    .innerJoin(cases, eq(participants.caseId, cases.id))
    .where(and(isNull(participants.removedAt), isNull(cases.closedAt), eq(users.digest, true), ne(participants.role, 'meelezer')))
    .all();
  const byUser = new Map<string, typeof people>();
  for (const p of people) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  let queued = 0;
  for (const [userId, rows] of byUser) {
    try {
      queued += db.transaction((tx) => {
        const list = rows.map((r) => digestCounts(tx, { id: r.caseId, title: r.title }, r.participantId, yesterday, now - DAY));
        const worth = list.filter((d) => d.openQuestions + d.unreported + d.answers > 0);
        if (worth.length === 0) return 0;
        return tx
          .insert(outbox)
          .values({
            channel: 'email',
            recipient: rows[0]!.email,
            template: DIGEST_TEMPLATE,
            params: JSON.stringify({ cases: worth }),
            dedupeKey: `${DIGEST_TEMPLATE}:${userId}:${today}`,
            userId,
            createdAt: now,
            nextAttemptAt: now,
          })
          .onConflictDoNothing()
          .run().changes;
      });
    } catch (err) {
      log.error({ err, userId }, 'queueing a digest failed');
    }
  }
  return queued;
}

/** One run: from DAILY_FROM_HOUR on, queues today's notifications and digests (idempotent per day). Returns the rows queued. */
export function runDailyNotifications(db: Db, now = Date.now(), options: { anyHour?: boolean } = {}): number {
  if (!options.anyHour && amsterdamHour(now) < DAILY_FROM_HOUR) return 0;
  const today = todayIso(now);
  const open = db.select({ id: cases.id, nextEvaluationDate: cases.nextEvaluationDate }).from(cases).where(isNull(cases.closedAt)).all();
  let queued = 0;
  for (const c of open) {
    try {
      queued += db.transaction((tx) => caseNotifications(tx, c, today, now));
    } catch (err) {
      log.error({ err, caseId: c.id }, 'queueing the daily notifications of a case failed');
    }
  }
  return queued + digests(db, today, now);
}
