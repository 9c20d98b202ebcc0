/**
 * Login throttle: after MAX_FAILURES failed attempts for one e-mail address or
 * one IP address within WINDOW_MS, further attempts are refused until the
 * failures fall out of the window. Attempts are kept in SQLite so a restart
 * does not reset the count.
 */
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { loginAttempts } from '../../db/schema';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export interface LoginThrottle {
  isBlocked(email: string, ip: string): boolean;
  record(email: string, ip: string, success: boolean): void;
}

export function createLoginThrottle(db: Db, now: () => number = Date.now): LoginThrottle {
  function failuresSince(column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string): number {
    const since = new Date(now() - WINDOW_MS);
    const [row] = db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
      .all();
    return row?.n ?? 0;
  }

  return {
    isBlocked(email, ip) {
      return failuresSince(loginAttempts.email, email) >= MAX_FAILURES || failuresSince(loginAttempts.ip, ip) >= MAX_FAILURES;
    },
    record(email, ip, success) {
      const at = new Date(now());
      db.insert(loginAttempts).values({ email, ip, success, at }).run();
      // Keep the table small: attempts older than a day serve no purpose.
      const dayAgo = new Date(now() - 24 * 60 * 60 * 1000);
      db.delete(loginAttempts).where(lt(loginAttempts.at, dayAgo)).run();
    },
  };
}
