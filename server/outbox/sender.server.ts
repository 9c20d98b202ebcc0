/**
 * The outbox sender (ADR 026). Invariant: no row is ever sent twice. A due
 * row (not sent, not stopped, nextAttemptAt <= now) is CLAIMED first — the
 * claim is committed before anything leaves the server — then handed to its
 * transport and marked sent. A definite failure (an SMTP error answer, a
 * refused connection) clears the claim and plans the next attempt with
 * exponential backoff; after MAX_ATTEMPTS the row stops. Anything else (a
 * connection lost halfway, a crash between sending and marking) leaves the
 * row in doubt: at the next start such a row is stopped ('onzeker na
 * herstart'), never retried automatically. Nothing here logs an address, a
 * number or a body: ids, counts and error codes only.
 */
import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { outboxMessage } from '../../app/domain/notifications';
import type { Db } from '../../db/database.server';
import { outbox } from '../../db/schema';
import { logger } from '../log.server';
import type { MailTransport, SmsTransport } from './transports.server';

const log = logger('outbox');
const MINUTE = 60_000;

/** Wait before attempt 2, 3, …: 1 min, 5 min, 30 min, 2 h, 6 h. */
export const BACKOFF_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE] as const;
/** After this many failed attempts a row stops. */
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
export const STOP_IN_DOUBT = 'onzeker na herstart';
export const STOP_GAVE_UP = 'te vaak mislukt';
export const STOP_REFUSED = 'geweigerd';
export const STOP_UNCERTAIN = 'onzeker: verbinding verbroken tijdens verzenden';
/** Rows handled per round (the rest waits for the next round). */
const BATCH = 50;

/** Error codes of nodemailer for which nothing was handed over to the mail server. */
const NOTHING_SENT = new Set(['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'ENOTFOUND', 'EAUTH', 'ETLS', 'EENVELOPE', 'EMESSAGE', 'ECONNRESET_BEFORE_DATA']);

type Failure = { kind: 'retry' | 'refused' | 'in-doubt'; code: string };

/** What a failed delivery means: retry later, refused for good (5xx), or in doubt. */
export function classifyFailure(error: unknown): Failure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; command?: unknown; definite?: unknown };
  const code = typeof e.code === 'string' ? e.code.slice(0, 40) : 'ERROR';
  if (typeof e.responseCode === 'number') {
    const label = `SMTP ${e.responseCode}`;
    return { kind: e.responseCode >= 500 ? 'refused' : 'retry', code: label };
  }
  if (e.definite === true || NOTHING_SENT.has(code) || e.command === 'CONN') return { kind: 'retry', code };
  return { kind: 'in-doubt', code };
}

export interface OutboxStats {
  /** Waiting to be sent (including rows waiting for a retry). */
  queued: number;
  sent: number;
  /** Stopped because it may have been sent before a crash: look at these by hand. */
  inDoubt: number;
  /** Stopped for another reason (refused, too many failures). */
  stopped: number;
}

export interface OutboxSenderDeps {
  db: Db;
  mail: MailTransport;
  sms: SmsTransport;
  now?: () => number;
  /** Test hook: runs after a transport accepted a message, before it is marked sent (a throw simulates a crash there). */
  afterSend?: (rowId: number) => void;
}

export function createOutboxSender(deps: OutboxSenderDeps) {
  const { db } = deps;
  const now = () => (deps.now ?? Date.now)();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  /** Claims one row; false when another round (or process) already has it. Autocommitted: durable before sending. */
  const claim = (id: number, at: number) =>
    db
      .update(outbox)
      .set({ claimedAt: at })
      .where(and(eq(outbox.id, id), isNull(outbox.claimedAt), isNull(outbox.sentAt), isNull(outbox.stoppedAt)))
      .run().changes === 1;

  async function deliver(row: typeof outbox.$inferSelect): Promise<void> {
    const message = outboxMessage(row.template, row.params);
    if (row.channel === 'email') {
      await deps.mail.send({ to: row.recipient, subject: message.subject, text: message.text, messageId: `<outbox-${row.id}@veiligplan>` });
    } else {
      await deps.sms.send(row.recipient, message.text);
    }
  }

  function failed(row: typeof outbox.$inferSelect, error: unknown, at: number) {
    const f = classifyFailure(error);
    const attempts = row.attempts + 1;
    if (f.kind === 'in-doubt') {
      db.update(outbox).set({ attempts, stoppedAt: at, stopReason: STOP_UNCERTAIN, lastError: f.code }).where(eq(outbox.id, row.id)).run();
      log.warn({ outboxId: row.id, code: f.code }, 'an outbox message is in doubt and will not be sent again');
      return;
    }
    const stop = f.kind === 'refused' ? STOP_REFUSED : attempts >= MAX_ATTEMPTS ? STOP_GAVE_UP : null;
    db.update(outbox)
      .set({
        claimedAt: null,
        attempts,
        lastError: f.code,
        nextAttemptAt: at + (BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] ?? BACKOFF_MS[0]),
        ...(stop ? { stoppedAt: at, stopReason: stop } : {}),
      })
      .where(eq(outbox.id, row.id))
      .run();
    if (stop) log.warn({ outboxId: row.id, code: f.code, attempts }, 'an outbox message was stopped');
    else log.info({ outboxId: row.id, code: f.code, attempts }, 'an outbox message failed; it is retried later');
  }

  /** One round over the due rows, one at a time; returns how many were sent. */
  async function round(): Promise<number> {
    const at = now();
    const due = db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.sentAt), isNull(outbox.stoppedAt), isNull(outbox.claimedAt), lte(outbox.nextAttemptAt, at)))
      .orderBy(outbox.nextAttemptAt, outbox.id)
      .limit(BATCH)
      .all();
    let sent = 0;
    for (const row of due) {
      if (!claim(row.id, now())) continue;
      try {
        await deliver(row);
      } catch (error) {
        failed(row, error, now());
        continue;
      }
      deps.afterSend?.(row.id);
      db.update(outbox)
        .set({ sentAt: now(), attempts: row.attempts + 1, lastError: null })
        .where(eq(outbox.id, row.id))
        .run();
      sent++;
    }
    return sent;
  }

  /** Runs a round now (or right after the running one); resolves with how many were sent by that round. */
  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = round().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void runOnce().catch((err: unknown) => log.error({ code: classifyFailure(err).code }, 'an outbox round failed'));
      }
    });
    return running;
  }

  /**
   * At start-up: rows claimed but not marked sent may have gone out before a
   * crash. They stop ('onzeker na herstart') instead of going out twice.
   */
  function recoverInDoubt(): number {
    const n = db
      .update(outbox)
      .set({ stoppedAt: now(), stopReason: STOP_IN_DOUBT })
      .where(and(isNotNull(outbox.claimedAt), isNull(outbox.sentAt), isNull(outbox.stoppedAt)))
      .run().changes;
    if (n > 0) log.warn({ count: n }, 'outbox messages in doubt after a restart were stopped; they are not sent again');
    return n;
  }

  function stats(): OutboxStats {
    const row = db
      .select({
        queued: sql<number>`coalesce(sum(case when ${outbox.sentAt} is null and ${outbox.stoppedAt} is null then 1 else 0 end), 0)`,
        sent: sql<number>`coalesce(sum(case when ${outbox.sentAt} is not null then 1 else 0 end), 0)`,
        inDoubt: sql<number>`coalesce(sum(case when ${outbox.stoppedAt} is not null and ${outbox.stopReason} like 'onzeker%' then 1 else 0 end), 0)`,
        stopped: sql<number>`coalesce(sum(case when ${outbox.stoppedAt} is not null and ${outbox.stopReason} not like 'onzeker%' then 1 else 0 end), 0)`,
      })
      .from(outbox)
      .get();
    return { queued: row?.queued ?? 0, sent: row?.sent ?? 0, inDoubt: row?.inDoubt ?? 0, stopped: row?.stopped ?? 0 };
  }

  return {
    /** Where e-mail goes ("smtp://host:port" or the folder of .eml files), for the start-up line. */
    mailDestination: deps.mail.describe,
    runOnce,
    recoverInDoubt,
    stats,
    /** Recovers rows in doubt, logs the counts that need a look, then polls every `pollMs` (0: no polling; tests call runOnce). */
    start(pollMs: number) {
      recoverInDoubt();
      const s = stats();
      if (s.inDoubt > 0 || s.stopped > 0) log.warn({ inDoubt: s.inDoubt, stopped: s.stopped }, 'outbox messages were not delivered; check them by hand');
      if (pollMs <= 0 || timer) return;
      timer = setInterval(() => {
        runOnce().catch((err: unknown) => log.error({ code: classifyFailure(err).code }, 'an outbox round failed'));
      }, pollMs);
      timer.unref();
    },
    /** Stops polling and waits for a running round. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
