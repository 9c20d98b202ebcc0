/**
 * Login throttle: after MAX_FAILURES failed attempts for one e-mail address or
 * one IP address within WINDOW_MS, further attempts are refused until the
 * failures fall out of the window. Attempts are kept in SQLite so a restart
 * does not reset the count.
 *
 * An attempt is recorded as a failure *before* the (slow, asynchronous)
 * password check and marked successful afterwards, so attempts sent at the
 * same moment cannot all slip past the check.
 */
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { loginAttempts } from '../../db/schema';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export interface LoginThrottle {
  isBlocked(email: string, ip: string): boolean;
  /** Checks and records an attempt in one step: null when blocked, otherwise the attempt's id (counted as a failure). */
  begin(email: string, ip: string): number | null;
  /** Marks an attempt from `begin` as successful: it no longer counts. */
  succeeded(attemptId: number): void;
}

export function createLoginThrottle(db: Db, now: () => number = Date.now): LoginThrottle {
  function failuresSince(column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string): number {
    const since = now() - WINDOW_MS;
    const [row] = db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
      .all();
    return row?.n ?? 0;
  }

  function isBlocked(email: string, ip: string): boolean {
    return failuresSince(loginAttempts.email, email) >= MAX_FAILURES || failuresSince(loginAttempts.ip, ip) >= MAX_FAILURES;
  }

  return {
    isBlocked,
    begin(email, ip) {
      // Synchronous from check to insert: no other request runs in between.
      if (isBlocked(email, ip)) return null;
      const { id } = db.insert(loginAttempts).values({ email, ip, success: false, at: now() }).returning({ id: loginAttempts.id }).get();
      // Keep the table small: attempts older than a day serve no purpose.
      const dayAgo = now() - 24 * 60 * 60 * 1000;
      db.delete(loginAttempts).where(lt(loginAttempts.at, dayAgo)).run();
      return id;
    },
    succeeded(attemptId) {
      db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
    },
  };
}
