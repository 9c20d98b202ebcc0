/**
 * Authentication of HTTP requests and WebSocket upgrades: one place that turns
 * a Cookie header into the signed-in person. Professionals sign in with e-mail
 * and password; family/netwerk sessions (personal links) plug in here too.
 * Every request on a live session is counted (at most once a minute), which
 * keeps a personal link's session as long as its link (ADR 028).
 */
import { redirect } from '@remix-run/node';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { organisations, participants, sessions, users } from '../../db/schema';
import type { Role } from '../../app/domain/caseFacts';
import { findUserByEmail, getUserSummary, normaliseEmail, type UserSummary } from '../users/users.server';
import { createLoginThrottle, type LoginThrottle } from './loginThrottle.server';
import { verifyAgainstDummy, verifyPassword } from './passwords.server';
import {
  createSqliteSessionStorage,
  hashSessionId,
  LINK_COOKIE_MAX_AGE_S,
  HOST_PREFIX,
  sessionCookieName,
  touchSession,
  type SessionData,
  type VeiligplanSessionStorage,
} from './sessions.server';

/**
 * A hint (no secret, grants nothing) that this browser once opened a personal
 * link: a request without a valid session then gets the way back to the plan
 * ("open je persoonlijke link opnieuw") instead of the professionals' login.
 */
export const FAMILY_HINT_COOKIE = 'vp_gezin';

export type LoginResult =
  | { ok: true; userId: string; setCookie: string; pending?: SecondStep }
  | { ok: false; reason: 'invalid'; userId?: string | null }
  /** Refused before the password check: the next attempt for this e-mail from this address must wait (ADR 037). */
  | { ok: false; reason: 'throttled'; retryAfterS: number; userId?: undefined };

/** What a professional still owes before the session counts (ADR 032): a code, or setting one up. */
export type SecondStep = 'code' | 'setup';

/** A session that passed the first step only (ADR 032): it opens the second-step pages and nothing else. */
export interface PendingSignIn {
  userId: string;
  email: string;
  need: SecondStep;
  totpCandidate?: string;
  afterSignIn?: string;
}

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
  /** The signed-in beheerder of an organisation (issue 18), or a redirect to /login; another professional gets 403. */
  requireBeheerder(request: Request): Promise<UserSummary>;
  logout(request: Request): Promise<string>;
  /** Destroys the session a Set-Cookie value (just issued) refers to. */
  destroySessionCookie(setCookie: string): Promise<void>;
  /**
   * Starts a session for one family/netwerk participant; returns the Set-Cookie value.
   * Opened with a link (`linkId`), it lasts as long as that link; `device` is a short label.
   */
  createParticipantSession(participantId: string, opening?: { linkId: string; device: string }): Promise<string>;
  /** The Set-Cookie value of the family hint (see FAMILY_HINT_COOKIE). */
  familyHintCookie(): string;
  /**
   * A request without a valid session that should get the way back to the plan, not the login:
   * no session cookie at all, the family hint, or a cookie of a (now expired) family session.
   */
  wantsWayBack(request: Request): Promise<boolean>;
  /** What a professional still owes before a full session (ADR 032), or null when nothing. */
  secondStepNeeded(userId: string): SecondStep | null;
  /** The half-signed-in session behind a request (ADR 032), or null. */
  pendingSignIn(request: Request): Promise<PendingSignIn | null>;
  /** Starts a professional session after the first step (password or OpenID Connect); `secondFactor` when that step counts as both. */
  startProfessionalSession(userId: string, options?: { secondFactor?: 'oidc'; afterSignIn?: string }): Promise<{ setCookie: string; pending?: SecondStep }>;
  /** Stores a TOTP secret being set up in the request's (server-side) session data; returns the Set-Cookie value. */
  keepTotpCandidate(request: Request, secret: string): Promise<string>;
  /** The second step is done: the session is replaced by a full one (a new id). Returns its Set-Cookie value. */
  completeSecondStep(request: Request, method: 'totp' | 'recovery', options?: { inPlace?: boolean }): Promise<{ setCookie: string; afterSignIn?: string }>;
}

export function createAuth(db: Db, options: { secret: string; secure: boolean; now?: () => number }): Auth {
  const sessionStorage = createSqliteSessionStorage(db, options);
  const throttle = createLoginThrottle(db, options.now);
  const now = options.now ?? Date.now;
  // Over https both cookies carry the __Host- prefix (ADR 037).
  const hintCookieName = options.secure ? `${HOST_PREFIX}${FAMILY_HINT_COOKIE}` : FAMILY_HINT_COOKIE;

  async function sessionData(
    cookieHeader: string | null | undefined,
  ): Promise<(SessionData & { sessionRef: string; idHash: string; startedAt?: number }) | null> {
    if (!cookieHeader) return null;
    const session = await sessionStorage.getSession(cookieHeader);
    if (!session.id) return null;
    const idHash = hashSessionId(session.id);
    return {
      userId: session.get('userId'),
      participantId: session.get('participantId'),
      endedAt: session.get('endedAt'),
      sessionRef: idHash.slice(0, 12),
      idHash,
      startedAt: session.get('startedAt'),
      secondFactorPending: session.get('secondFactorPending'),
      secondFactor: session.get('secondFactor'),
      totpCandidate: session.get('totpCandidate'),
      afterSignIn: session.get('afterSignIn'),
    };
  }

  /** ADR 032: a user with TOTP owes a code; a user of an organisation that requires it, without TOTP, owes the set-up. */
  function secondStepNeeded(userId: string): SecondStep | null {
    const row = db
      .select({ totpEnabledAt: users.totpEnabledAt, required: organisations.requireSecondFactor })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, userId))
      .get();
    if (!row) return null;
    if (row.totpEnabledAt !== null) return 'code';
    return row.required ? 'setup' : null;
  }

  async function viewerFromCookie(cookieHeader: string | null | undefined): Promise<Viewer | null> {
    const data = await sessionData(cookieHeader);
    if (!data || data.endedAt) return null;
    const sessionRef = data.sessionRef;
    const sessionStartedAt = data.startedAt;
    // ADR 032: half signed in (or a second step owed and not passed) is nobody.
    if (data.userId && (data.secondFactorPending || (!data.secondFactor && secondStepNeeded(data.userId)))) return null;
    if (data.userId) {
      const user = getUserSummary(db, data.userId);
      if (user) {
        touchSession(db, data.idHash, now());
        return { kind: 'professional', user, sessionRef, sessionStartedAt };
      }
    }
    if (data?.participantId) {
      const p = db
        .select({ id: participants.id, caseId: participants.caseId, role: participants.role, name: participants.name })
        .from(participants)
        .where(and(eq(participants.id, data.participantId), isNull(participants.removedAt)))
        .get();
      if (p) {
        touchSession(db, data.idHash, now());
        return { kind: 'participant', participant: { ...p, name: p.name ?? 'Onbekend' }, sessionRef, sessionStartedAt };
      }
    }
    return null;
  }

  async function requireProfessional(request: Request): Promise<UserSummary> {
    const viewer = await viewerFromCookie(request.headers.get('Cookie'));
    if (viewer?.kind === 'professional') return viewer.user;
    if (viewer?.kind === 'participant') throw redirect(`/casussen/${viewer.participant.caseId}`);
    const half = await sessionData(request.headers.get('Cookie'));
    if (half?.userId && !half.endedAt) {
      // ADR 032: a half session goes to the step it still owes.
      const need = half.secondFactorPending ?? secondStepNeeded(half.userId);
      if (need) throw redirect(need === 'code' ? '/login/tweede-stap' : '/account/tweede-stap');
    }
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }

  async function startProfessionalSession(userId: string, options: { secondFactor?: 'oidc'; afterSignIn?: string } = {}) {
    const session = await sessionStorage.getSession();
    session.set('userId', userId);
    const pending = options.secondFactor ? null : secondStepNeeded(userId);
    if (options.secondFactor) session.set('secondFactor', options.secondFactor);
    if (pending) session.set('secondFactorPending', pending);
    if (pending && options.afterSignIn) session.set('afterSignIn', options.afterSignIn);
    return { setCookie: await sessionStorage.commitSession(session), ...(pending ? { pending } : {}) };
  }

  return {
    sessionStorage,
    throttle,
    secondStepNeeded,
    startProfessionalSession,
    async pendingSignIn(request) {
      const data = await sessionData(request.headers.get('Cookie'));
      if (!data?.userId || data.endedAt || (!data.secondFactorPending && data.secondFactor)) return null;
      const user = getUserSummary(db, data.userId);
      if (!user) return null;
      // The need is re-read: a reset or a changed setting counts at once.
      const need = secondStepNeeded(user.id);
      if (!need) return null;
      return { userId: user.id, email: user.email, need, totpCandidate: data.totpCandidate, afterSignIn: data.afterSignIn };
    },
    async keepTotpCandidate(request, secret) {
      const session = await sessionStorage.getSession(request.headers.get('Cookie'));
      session.set('totpCandidate', secret);
      return sessionStorage.commitSession(session);
    },
    async completeSecondStep(request, method, options) {
      const old = await sessionStorage.getSession(request.headers.get('Cookie'));
      const userId = old.get('userId');
      if (!userId) throw new Error('No professional session to complete');
      const afterSignIn = old.get('afterSignIn');
      if (options?.inPlace) {
        // Setting up the factor (ADR 032): the same session is upgraded, so the page can show the recovery codes.
        old.unset('secondFactorPending');
        old.unset('totpCandidate');
        old.set('secondFactor', method);
        return { setCookie: await sessionStorage.commitSession(old), afterSignIn };
      }
      // A new session id on the step up: a half session's id never becomes a full one.
      await sessionStorage.destroySession(old);
      const session = await sessionStorage.getSession();
      session.set('userId', userId);
      session.set('secondFactor', method);
      return { setCookie: await sessionStorage.commitSession(session), afterSignIn };
    },
    async login(rawEmail, password, ip) {
      const email = normaliseEmail(rawEmail);
      const attempt = throttle.begin(email, ip);
      if (!('id' in attempt)) return { ok: false, reason: 'throttled', retryAfterS: Math.ceil(attempt.waitMs / 1000) };
      // A deactivated account is refused exactly like a wrong password (same answer, same time).
      const found = findUserByEmail(db, email);
      const user = found && found.deactivatedAt === null ? found : undefined;
      let ok = false;
      try {
        ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
      } finally {
        if (ok && user) throttle.succeeded(attempt.id);
        else throttle.failed(attempt.id);
      }
      if (!ok || !user) return { ok: false, reason: 'invalid', userId: user?.id ?? null };
      const started = await startProfessionalSession(user.id);
      return { ok: true, userId: user.id, ...started };
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
    requireProfessional,
    async requireBeheerder(request) {
      const user = await requireProfessional(request);
      if (!user.isBeheerder) throw new Response('Deze pagina is alleen voor de beheerder van de organisatie.', { status: 403 });
      return user;
    },
    async createParticipantSession(participantId, opening) {
      const session = await sessionStorage.getSession();
      session.set('participantId', participantId);
      if (!opening) return sessionStorage.commitSession(session);
      session.set('linkId', opening.linkId);
      session.set('device', opening.device);
      // The browser may keep the cookie long; the session row's expiry (its link's) decides.
      return sessionStorage.commitSession(session, { maxAge: LINK_COOKIE_MAX_AGE_S });
    },
    familyHintCookie() {
      return `${hintCookieName}=1; Path=/; Max-Age=${LINK_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
    },
    async wantsWayBack(request) {
      const cookies = request.headers.get('Cookie') ?? '';
      const has = (name: string) => new RegExp(`(^|;\\s*)${name}=`).test(cookies);
      if (has(hintCookieName) || !has(sessionCookieName(options.secure))) return true;
      // The signed session id (a tampered cookie has none) of a row that is past its expiry but not yet purged.
      const session = await sessionStorage.getSession(cookies);
      if (!session.id) return false;
      const row = db
        .select({ participantId: sessions.participantId })
        .from(sessions)
        .where(eq(sessions.idHash, hashSessionId(session.id)))
        .get();
      return Boolean(row?.participantId);
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
