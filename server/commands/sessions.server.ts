/**
 * Commands on signing in and out. Logging in counts the attempt before the
 * (slow) password check (server/auth/loginThrottle.server.ts) and audits the
 * outcome; a login whose audit row cannot be written does not stand (its
 * session is destroyed again), so a session never exists without its row.
 * "Overal uitloggen" (endSessionsOf) signs a family or netwerk member out on
 * every device; their personal link keeps working (ADR 028).
 */
import { z } from 'zod';
import { LOGIN_MESSAGES } from '../../app/domain/login';
import type { Auth, SecondStep } from '../auth/auth.server';
import { recordAudit } from '../audit/audit.server';
import { caseAccess } from '../../app/domain/permissions';
import { expireParticipantSessions } from '../auth/sessions.server';
import { actingParticipant, byActor, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { InvalidInput } from './errors';

export const LogInInput = z.object({
  email: z.string({ error: LOGIN_MESSAGES.missing }).trim().min(1, LOGIN_MESSAGES.missing).max(320, LOGIN_MESSAGES.invalid),
  password: z.string({ error: LOGIN_MESSAGES.missing }).min(1, LOGIN_MESSAGES.missing).max(1024, LOGIN_MESSAGES.invalid),
  redirectTo: z.string().max(2000).optional(),
});

export type LogInResult =
  | { ok: true; setCookie: string; redirectTo?: string; pending?: SecondStep }
  | { ok: false; reason: 'invalid' }
  /** The next attempt must wait this long (growing delays, ADR 037). */
  | { ok: false; reason: 'throttled'; retryAfterS: number };

export async function logIn(deps: CommandDeps & { auth: Auth }, input: unknown, clientIp: string): Promise<LogInResult> {
  const data = parseInput(LogInInput, input);
  const result = await deps.auth.login(data.email, data.password, clientIp);
  if (!result.ok) {
    commit(deps, (tx) => recordAudit(tx, { type: 'login-failed', actorUserId: result.userId ?? null, detail: { reden: result.reason } }));
    return result.reason === 'throttled' ? { ok: false, reason: 'throttled', retryAfterS: result.retryAfterS } : { ok: false, reason: 'invalid' };
  }
  try {
    commit(deps, (tx) => recordAudit(tx, { type: 'login', actorUserId: result.userId, ...(result.pending ? { detail: { tweedeStap: result.pending } } : {}) }));
  } catch (error) {
    await deps.auth.destroySessionCookie(result.setCookie);
    throw error;
  }
  return { ok: true, setCookie: result.setCookie, redirectTo: data.redirectTo, ...(result.pending ? { pending: result.pending } : {}) };
}

/** Ends the sign-in behind the request; its open pages lose their live connection (4401). */
export async function logOut(deps: CommandDeps & { auth: Auth }, request: Request): Promise<string> {
  const viewer = await deps.auth.getViewer(request);
  const setCookie = await deps.auth.logout(request);
  if (viewer) {
    commit(deps, (tx) =>
      recordAudit(tx, {
        type: 'logout',
        // A family sign-out belongs to its case, so it goes when the case is deleted (ADR 035).
        caseId: viewer.kind === 'participant' ? viewer.participant.caseId : null,
        actorUserId: viewer.kind === 'professional' ? viewer.user.id : null,
        actorParticipantId: viewer.kind === 'participant' ? viewer.participant.id : null,
        sessionRef: viewer.sessionRef,
      }),
    );
    deps.sync.closeConnections({ sessionRef: viewer.sessionRef });
  }
  return setCookie;
}

export const EndSessionsInput = z.object({ participantId: Id() });

/**
 * Signs a family or netwerk member out on all their devices (a lost phone):
 * managers only, also on a closed case (ending access is always allowed, ADR
 * 019). Their sessions expire now — the next page shows the way back with
 * their link, which keeps working; their open pages lose the live connection
 * (and the copy kept for offline use) after commit.
 */
export function endSessionsOf(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(EndSessionsInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingParticipant(tx, actor);
      requireAllowed(caseAccess(me.role, 'participants') === 'manage', 'Alleen de jeugdbeschermer of casusregisseur kan iemand overal uitloggen.');
      const target = participantInCase(tx, me.caseId, data.participantId);
      if (target.userId) throw new InvalidInput('Professionals loggen zelf in en uit met hun account.', 'participantId');
      const ended = expireParticipantSessions(tx, target.id, now);
      recordAudit(tx, { type: 'sessions-ended', ...byActor(actor), subjectParticipantId: target.id, detail: { sessies: ended } }, now);
      return { caseId: me.caseId, participantId: target.id, name: target.name, sessions: ended };
    },
    (r) => {
      deps.sync.closeConnections({ caseId: r.caseId, participantId: r.participantId });
    },
  );
}
