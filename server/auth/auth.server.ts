/**
 * Authentication of HTTP requests and WebSocket upgrades: one place that turns
 * a Cookie header into the signed-in person. Professionals sign in with e-mail
 * and password; family/netwerk sessions (personal links) plug in here too.
 */
import { redirect } from '@remix-run/node';
import type { Db } from '../../db/database.server';
import { findUserByEmail, getUserSummary, normaliseEmail, type UserSummary } from '../users/users.server';
import { createLoginThrottle, type LoginThrottle } from './loginThrottle.server';
import { verifyAgainstDummy, verifyPassword } from './passwords.server';
import { createSqliteSessionStorage, type SessionData, type VeiligplanSessionStorage } from './sessions.server';

export type LoginResult = { ok: true; userId: string; setCookie: string } | { ok: false; reason: 'invalid' | 'throttled' };

/** Who made a request: a professional account (later also a link participant). */
export interface Viewer {
  kind: 'professional';
  user: UserSummary;
}

export interface Auth {
  sessionStorage: VeiligplanSessionStorage;
  throttle: LoginThrottle;
  login(email: string, password: string, ip: string): Promise<LoginResult>;
  /** Resolves a Cookie header (HTTP request or WebSocket upgrade). */
  viewerFromCookie(cookieHeader: string | null | undefined): Promise<Viewer | null>;
  getViewer(request: Request): Promise<Viewer | null>;
  /** The signed-in professional, or a redirect to /login. */
  requireProfessional(request: Request): Promise<UserSummary>;
  logout(request: Request): Promise<string>;
}

export function createAuth(db: Db, options: { secret: string; secure: boolean; now?: () => number }): Auth {
  const sessionStorage = createSqliteSessionStorage(db, options);
  const throttle = createLoginThrottle(db, options.now);

  async function sessionData(cookieHeader: string | null | undefined): Promise<SessionData | null> {
    if (!cookieHeader) return null;
    const session = await sessionStorage.getSession(cookieHeader);
    if (!session.id) return null;
    return { userId: session.get('userId'), participantId: session.get('participantId') };
  }

  async function viewerFromCookie(cookieHeader: string | null | undefined): Promise<Viewer | null> {
    const data = await sessionData(cookieHeader);
    if (data?.userId) {
      const user = getUserSummary(db, data.userId);
      if (user) return { kind: 'professional', user };
    }
    return null;
  }

  return {
    sessionStorage,
    throttle,
    async login(rawEmail, password, ip) {
      const email = normaliseEmail(rawEmail);
      if (throttle.isBlocked(email, ip)) return { ok: false, reason: 'throttled' };
      const user = findUserByEmail(db, email);
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
      throttle.record(email, ip, ok);
      if (!ok || !user) return { ok: false, reason: 'invalid' };
      const session = await sessionStorage.getSession();
      session.set('userId', user.id);
      return { ok: true, userId: user.id, setCookie: await sessionStorage.commitSession(session) };
    },
    viewerFromCookie,
    getViewer(request) {
      return viewerFromCookie(request.headers.get('Cookie'));
    },
    async requireProfessional(request) {
      const viewer = await viewerFromCookie(request.headers.get('Cookie'));
      if (viewer?.kind === 'professional') return viewer.user;
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    },
    async logout(request) {
      const session = await sessionStorage.getSession(request.headers.get('Cookie'));
      return sessionStorage.destroySession(session);
    },
  };
}
