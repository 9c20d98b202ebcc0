/**
 * Login throttle with growing delays instead of a hard lockout (ADR 037).
 * Failed attempts make the NEXT attempt wait: for one e-mail from one client
 * address 0, 0, 0, 1, 2, 4, 8 … seconds (capped at 15 minutes), counted since
 * that pair's last successful login within a day. An attacker's failures from
 * their address therefore never lock out the right password from another
 * address. Two much higher ceilings slow wider guessing the same way: failures
 * on one e-mail from all addresses, and failures from one address on all
 * e-mails, within an hour. While a wait runs, an attempt is refused at once
 * (it is not recorded and the password is not checked) with the time left.
 *
 * An attempt is recorded as a failure *before* the (slow, asynchronous)
 * password check and marked successful (or its failure time set) afterwards;
 * while an attempt of a pair is still being checked, the pair's delay runs
 * from now. So attempts sent at the same moment cannot slip past the check. Kept in SQLite (login_attempts)
 * so a restart does not reset it; rows older than a day are pruned.
 */
import { and, count, eq, gt, lt, max, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { loginAttempts } from '../../db/schema';

/** Failures without any delay (typing errors). */
export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** How long failures of one e-mail + address count (unless a success came after them). */
export const PAIR_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The window of the two ceilings. */
export const CEILING_WINDOW_MS = 60 * 60 * 1000;
/** Failures on one e-mail from all addresses together before delays start (distributed guessing). */
export const EMAIL_CEILING = 50;
/** Failures from one address on all e-mails together before delays start (one guesser, many accounts). */
export const IP_CEILING = 30;

/** The wait before the next attempt after `failures` failures: 0,0,0,1,2,4,8… s, at most MAX_DELAY_MS. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - FREE_FAILURES, 30));
}

export interface LoginThrottle {
  /** How long (ms) the next attempt for this e-mail from this address must wait; 0: it may go now. */
  waitMs(email: string, ip: string): number;
  /** Checks and records an attempt in one step: the wait when refused, otherwise the attempt's id (counted as a failure). */
  begin(email: string, ip: string): { id: number } | { waitMs: number };
  /** Marks an attempt from `begin` as successful: it no longer counts. */
  succeeded(attemptId: number): void;
  /** Marks an attempt from `begin` as failed now: the next delay runs from this moment. */
  failed(attemptId: number): void;
}

export function createLoginThrottle(db: Db, now: () => number = Date.now): LoginThrottle {
  /** Attempts whose password check has not finished (this process only: one node). */
  const pending = new Map<number, string>();
  const pairKey = (email: string, ip: string) => `${email}\n${ip}`;
  /** Failures matching `where` after `since`: how many, and the latest. */
  function failures(where: SQL | undefined, since: number): { n: number; last: number } {
    const row = db
      .select({ n: count(), last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
      .get();
    return { n: row?.n ?? 0, last: Number(row?.last ?? 0) };
  }

  function lastSuccess(email: string, ip: string): number {
    const row = db
      .select({ last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.success, true)))
      .get();
    return Number(row?.last ?? 0);
  }

  function waitMs(email: string, ip: string): number {
    const at = now();
    const pair = failures(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)), Math.max(at - PAIR_WINDOW_MS, lastSuccess(email, ip)));
    const byEmail = failures(eq(loginAttempts.email, email), at - CEILING_WINDOW_MS);
    const byIp = failures(eq(loginAttempts.ip, ip), at - CEILING_WINDOW_MS);
    const checking = [...pending.values()].includes(pairKey(email, ip));
    const until = Math.max(
      (checking ? at : pair.last) + delayAfter(pair.n),
      byEmail.n >= EMAIL_CEILING ? byEmail.last + delayAfter(byEmail.n - EMAIL_CEILING + FREE_FAILURES) : 0,
      byIp.n >= IP_CEILING ? byIp.last + delayAfter(byIp.n - IP_CEILING + FREE_FAILURES) : 0,
    );
    return Math.max(0, until - at);
  }

  return {
    waitMs,
    begin(email, ip) {
      // Synchronous from check to insert: no other request runs in between.
      const wait = waitMs(email, ip);
      if (wait > 0) return { waitMs: wait };
      const { id } = db.insert(loginAttempts).values({ email, ip, success: false, at: now() }).returning({ id: loginAttempts.id }).get();
      // Keep the table small: attempts older than a day serve no purpose.
      db.delete(loginAttempts)
        .where(lt(loginAttempts.at, now() - PAIR_WINDOW_MS))
        .run();
      pending.set(id, pairKey(email, ip));
      return { id };
    },
    succeeded(attemptId) {
      pending.delete(attemptId);
      db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
    },
    failed(attemptId) {
      pending.delete(attemptId);
      db.update(loginAttempts).set({ at: now() }).where(eq(loginAttempts.id, attemptId)).run();
    },
  };
}
