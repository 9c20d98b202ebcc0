/**
 * Server-side sessions in SQLite behind a signed, http-only, SameSite=Lax
 * cookie (Remix's createSessionStorage + createCookie do the signing).
 * The database stores only a SHA-256 hash of the session id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createCookie, createSessionStorage, type SessionStorage } from '@remix-run/node';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { sessions } from '../../db/schema';

export const SESSION_COOKIE_NAME = 'vp_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionData {
  userId?: string;
  participantId?: string;
  /** Set by the server when access was ended; never by the client. */
  endedAt?: number;
  /** When the session began (the row's creation time; read from the row, never stored from data). */
  startedAt?: number;
}

export type VeiligplanSessionStorage = SessionStorage<SessionData, { error: string }>;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function createSqliteSessionStorage(db: Db, options: { secret: string; secure: boolean; now?: () => number }): VeiligplanSessionStorage {
  const now = options.now ?? Date.now;
  const cookie = createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    secrets: [options.secret],
    maxAge: SESSION_TTL_MS / 1000,
  });
  const expiryOf = (expires?: Date) => expires?.getTime() ?? now() + SESSION_TTL_MS;

  return createSessionStorage<SessionData, { error: string }>({
    cookie,
    async createData(data, expires) {
      const id = randomBytes(32).toString('base64url');
      db.insert(sessions)
        .values({
          idHash: hashSessionId(id),
          userId: data.userId ?? null,
          participantId: data.participantId ?? null,
          data: JSON.stringify(data),
          expiresAt: expiryOf(expires),
        })
        .run();
      return id;
    },
    async readData(id) {
      const row = db
        .select()
        .from(sessions)
        .where(and(eq(sessions.idHash, hashSessionId(id)), gt(sessions.expiresAt, now())))
        .get();
      if (!row) return null;
      const data = JSON.parse(row.data) as SessionData;
      return { ...data, startedAt: row.createdAt, ...(row.endedAt ? { endedAt: row.endedAt } : {}) };
    },
    async updateData(id, { startedAt: _fromRow, ...data }, expires) {
      db.update(sessions)
        .set({
          data: JSON.stringify(data),
          userId: data.userId ?? null,
          participantId: data.participantId ?? null,
          expiresAt: expiryOf(expires),
        })
        .where(eq(sessions.idHash, hashSessionId(id)))
        .run();
    },
    async deleteData(id) {
      db.delete(sessions)
        .where(eq(sessions.idHash, hashSessionId(id)))
        .run();
    },
  });
}

/** Ends every session of a participant (they then only show the access-ended page). */
export function endParticipantSessions(db: Tx, participantId: string, at = Date.now()): number {
  return db
    .update(sessions)
    .set({ endedAt: at })
    .where(and(eq(sessions.participantId, participantId), isNull(sessions.endedAt)))
    .run().changes;
}

/** Removes expired session rows; called periodically by the server. */
export function purgeExpiredSessions(db: Db, at = Date.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, at)).run().changes;
}
