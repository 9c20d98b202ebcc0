/**
 * Authentication of HTTP requests and WebSocket upgrades: one place that turns
 * a Cookie header into the signed-in person. Professionals sign in with e-mail
 * and password; family/netwerk sessions (personal links) plug in here too.
 */
import { redirect } from '@remix-run/node';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { participants } from '../../db/schema';
import type { Role } from '../../app/domain/caseFacts';
import { findUserByEmail, getUserSummary, normaliseEmail, type UserSummary } from '../users/users.server';
import { createLoginThrottle, type LoginThrottle } from './loginThrottle.server';
import { verifyAgainstDummy, verifyPassword } from './passwords.server';
import { createSqliteSessionStorage, hashSessionId, type SessionData, type VeiligplanSessionStorage } from './sessions.server';

export type LoginResult = { ok: true; userId: string; setCookie: string } | { ok: false; reason: 'invalid' | 'throttled'; userId?: string | null };

/** A family or netwerk member, signed in for one case (through a personal link). */
export interface ParticipantViewer {
  kind: 'participant';
  participant: { id: string; caseId: string; role: Role; name: string };
}

/** A family/netwerk session whose access was ended: it may only show the access-ended page. */
export interface EndedViewer {
  kind: 'ended';
  participantId: string;
  caseId: string | null;
}

/** Who made a request: a professional account, a participant session of one case, or an ended one. */
export type Viewer = ({ kind: 'professional'; user: UserSummary } | ParticipantViewer) & { sessionRef: string; sessionStartedAt?: number };

export interface Auth {
  sessionStorage: VeiligplanSessionStorage;
  throttle: LoginThrottle;
  login(email: string, password: string, ip: string): Promise<LoginResult>;
  /** Resolves a Cookie header (HTTP request or WebSocket upgrade). Ended sessions give null. */
  viewerFromCookie(cookieHeader: string | null | undefined): Promise<Viewer | null>;
  getViewer(request: Request): Promise<Viewer | null>;
  /** The ended session behind a request, if that is what it carries. */
  endedViewer(request: Request): Promise<EndedViewer | null>;
  /** The signed-in professional, or a redirect to /login. */
  requireProfessional(request: Request): Promise<UserSummary>;
  logout(request: Request): Promise<string>;
  /** Destroys the session a Set-Cookie value (just issued) refers to. */
  destroySessionCookie(setCookie: string): Promise<void>;
  /** Starts a session for one family/netwerk participant; returns the Set-Cookie value. */
  createParticipantSession(participantId: string): Promise<string>;
}

export function createAuth(db: Db, options: { secret: string; secure: boolean; now?: () => number }): Auth {
  const sessionStorage = createSqliteSessionStorage(db, options);
  const throttle = createLoginThrottle(db, options.now);

  async function sessionData(cookieHeader: string | null | undefined): Promise<(SessionData & { sessionRef: string; startedAt?: number }) | null> {
    if (!cookieHeader) return null;
    const session = await sessionStorage.getSession(cookieHeader);
    if (!session.id) return null;
    return {
      userId: session.get('userId'),
      participantId: session.get('participantId'),
      endedAt: session.get('endedAt'),
      sessionRef: hashSessionId(session.id).slice(0, 12),
      startedAt: session.get('startedAt'),
    };
  }

  async function viewerFromCookie(cookieHeader: string | null | undefined): Promise<Viewer | null> {
    const data = await sessionData(cookieHeader);
    if (!data || data.endedAt) return null;
    const sessionRef = data.sessionRef;
    const sessionStartedAt = data.startedAt;
    if (data.userId) {
      const user = getUserSummary(db, data.userId);
      if (user) return { kind: 'professional', user, sessionRef, sessionStartedAt };
    }
    if (data?.participantId) {
      const p = db
        .select({ id: participants.id, caseId: participants.caseId, role: participants.role, name: participants.name })
        .from(participants)
        .where(and(eq(participants.id, data.participantId), isNull(participants.removedAt)))
        .get();
      if (p) return { kind: 'participant', participant: { ...p, name: p.name ?? 'Onbekend' }, sessionRef, sessionStartedAt };
    }
    return null;
  }

  return {
    sessionStorage,
    throttle,
    async login(rawEmail, password, ip) {
      const email = normaliseEmail(rawEmail);
      const attempt = throttle.begin(email, ip);
      if (attempt === null) return { ok: false, reason: 'throttled' };
      const user = findUserByEmail(db, email);
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
      if (ok && user) throttle.succeeded(attempt);
      if (!ok || !user) return { ok: false, reason: 'invalid', userId: user?.id ?? null };
      const session = await sessionStorage.getSession();
      session.set('userId', user.id);
      return { ok: true, userId: user.id, setCookie: await sessionStorage.commitSession(session) };
    },
    viewerFromCookie,
    getViewer(request) {
      return viewerFromCookie(request.headers.get('Cookie'));
    },
    async endedViewer(request) {
      const data = await sessionData(request.headers.get('Cookie'));
      if (!data?.participantId) return null;
      const p = db
        .select({ caseId: participants.caseId, removedAt: participants.removedAt })
        .from(participants)
        .where(eq(participants.id, data.participantId))
        .get();
      // A removed participant's session is ended too, even if the row was not marked.
      if (!data.endedAt && !p?.removedAt) return null;
      return { kind: 'ended', participantId: data.participantId, caseId: p?.caseId ?? null };
    },
    async requireProfessional(request) {
      const viewer = await viewerFromCookie(request.headers.get('Cookie'));
      if (viewer?.kind === 'professional') return viewer.user;
      if (viewer?.kind === 'participant') throw redirect(`/casussen/${viewer.participant.caseId}`);
      const url = new URL(request.url);
      throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
    },
    async createParticipantSession(participantId) {
      const session = await sessionStorage.getSession();
      session.set('participantId', participantId);
      return sessionStorage.commitSession(session);
    },
    async destroySessionCookie(setCookie) {
      const session = await sessionStorage.getSession(setCookie.split(';')[0]);
      await sessionStorage.destroySession(session);
    },
    async logout(request) {
      const session = await sessionStorage.getSession(request.headers.get('Cookie'));
      return sessionStorage.destroySession(session);
    },
  };
}
