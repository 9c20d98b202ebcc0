/**
 * Server-side sessions in SQLite behind a signed, http-only, SameSite=Lax
 * cookie (Remix's createSessionStorage + createCookie do the signing).
 * The database stores only a SHA-256 hash of the session id.
 *
 * A professional's session lasts 12 hours. A family/netwerk session opened
 * with a personal link lasts as long as that link and slides with it (ADR
 * 028): a request on it (counted at most once a minute, with `lastSeenAt`)
 * is a use of the link. Revoking the link ends the session as before; "overal
 * uitloggen" expires a person's sessions, leaving their link valid.
 *
 * Over https the cookie is `__Host-vp_session` (Secure, Path=/, no Domain):
 * browsers then refuse it from a sibling host or over plain http (ADR 037).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createCookie, createSessionStorage, type SessionStorage } from '@remix-run/node';
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { sessions } from '../../db/schema';
import { liveLinkExpiry, markLinkUsed } from '../links/links.server';

export const SESSION_COOKIE_NAME = 'vp_session';
/** The prefix browsers only accept on a Secure cookie with Path=/ and no Domain. */
export const HOST_PREFIX = '__Host-';

/** The session cookie's name: `__Host-vp_session` over https, `vp_session` over plain http (local development). */
export function sessionCookieName(secure: boolean): string {
  return secure ? `${HOST_PREFIX}${SESSION_COOKIE_NAME}` : SESSION_COOKIE_NAME;
}

/** True when a Cookie header carries a session cookie (of either name), valid or not. */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  return new RegExp(`(^|;\\s*)(${HOST_PREFIX})?${SESSION_COOKIE_NAME}=`).test(cookieHeader ?? '');
}
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A personal-link session's cookie may live this long in the browser; the row's expiry (the link's) decides. 400 days is what browsers allow. */
export const LINK_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;
/** How often a request on a session is counted (lastSeenAt, and sliding its link). */
export const SEEN_EVERY_MS = 60_000;

export interface SessionData {
  userId?: string;
  participantId?: string;
  /** Set by the server when access was ended; never by the client. */
  endedAt?: number;
  /** When the session began (the row's creation time; read from the row, never stored from data). */
  startedAt?: number;
  /** The personal link that opened this (family/netwerk) session: it lasts as long as that link. */
  linkId?: string;
  /** A short device label ("Chrome op Android"), set when the session starts. */
  device?: string;
  /**
   * Issue 18 (ADR 032): a professional who passed the password (or OpenID Connect) step
   * but still owes the second step ('code') or must first set one up ('setup'). Such a
   * session is nobody: viewerFromCookie gives null for it.
   */
  secondFactorPending?: 'code' | 'setup';
  /** How this professional session passed the second step (ADR 032); absent: not passed. */
  secondFactor?: 'totp' | 'recovery' | 'oidc';
  /** A TOTP secret being set up (server-side session data only; never in the cookie). */
  totpCandidate?: string;
  /** Where to go once the second step is done (already checked by safeRedirectTarget on use). */
  afterSignIn?: string;
}

export type VeiligplanSessionStorage = SessionStorage<SessionData, { error: string }>;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function createSqliteSessionStorage(db: Db, options: { secret: string; secure: boolean; now?: () => number }): VeiligplanSessionStorage {
  const now = options.now ?? Date.now;
  const cookie = createCookie(sessionCookieName(options.secure), {
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
      // A link's session ends with its link (a link gone in the meantime gives a session that is over at once).
      const expiresAt = data.linkId ? (liveLinkExpiry(db, data.linkId, now()) ?? now()) : expiryOf(expires);
      db.insert(sessions)
        .values({
          idHash: hashSessionId(id),
          userId: data.userId ?? null,
          participantId: data.participantId ?? null,
          data: JSON.stringify(data),
          expiresAt,
          lastSeenAt: now(),
          device: data.device?.slice(0, 60) ?? null,
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
          // A link's session keeps the expiry of its link.
          ...(data.linkId ? {} : { expiresAt: expiryOf(expires) }),
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

/**
 * Counts a request on a live session, at most once a minute: `lastSeenAt`, and
 * for a link's session a use of its link, whose expiry slides (the session
 * follows it). Returns whether anything was written.
 */
export function touchSession(db: Db, idHash: string, at = Date.now()): boolean {
  return db.transaction((tx) => {
    const row = tx
      .select({ lastSeenAt: sessions.lastSeenAt, participantId: sessions.participantId, data: sessions.data })
      .from(sessions)
      .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt), gt(sessions.expiresAt, at)))
      .get();
    if (!row || (row.lastSeenAt !== null && at - row.lastSeenAt < SEEN_EVERY_MS)) return false;
    const linkId = row.participantId ? (JSON.parse(row.data) as SessionData).linkId : undefined;
    const slid = linkId ? markLinkUsed(tx, linkId, at) : null;
    tx.update(sessions)
      .set({ lastSeenAt: at, ...(slid !== null ? { expiresAt: slid } : {}) })
      .where(eq(sessions.idHash, idHash))
      .run();
    return true;
  });
}

export interface DeviceSession {
  device: string;
  startedAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** A participant's live sessions (their devices), most recently used first. Only labels and times: never ids. */
export function listDeviceSessions(db: Tx, participantId: string, at = Date.now()): DeviceSession[] {
  return db
    .select({ device: sessions.device, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.participantId, participantId), isNull(sessions.endedAt), gt(sessions.expiresAt, at)))
    .orderBy(desc(sessions.lastSeenAt))
    .all()
    .map((r) => ({ device: r.device ?? 'onbekend apparaat', startedAt: r.createdAt, lastSeenAt: r.lastSeenAt ?? r.createdAt, expiresAt: r.expiresAt }));
}

/**
 * Signs a participant out everywhere: their live sessions expire now (they
 * are not "ended": the person's link still works and opens a new one).
 */
export function expireParticipantSessions(tx: Tx, participantId: string, at = Date.now()): number {
  return tx
    .update(sessions)
    .set({ expiresAt: at })
    .where(and(eq(sessions.participantId, participantId), isNull(sessions.endedAt), gt(sessions.expiresAt, at)))
    .run().changes;
}

/** Removes expired session rows; called periodically by the server. */
export function purgeExpiredSessions(db: Db, at = Date.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, at)).run().changes;
}

/** Ends every session of a professional account now (ADR 032: a reset second factor); returns their refs. */
export function expireUserSessions(tx: Tx, userId: string, at = Date.now()): string[] {
  const live = tx
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, at)))
    .all();
  tx.update(sessions)
    .set({ expiresAt: at })
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, at)))
    .run();
  return live.map((r) => r.idHash.slice(0, 12));
}
