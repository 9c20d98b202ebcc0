/**
 * Commands on signing in and out. Logging in counts the attempt before the
 * (slow) password check (server/auth/loginThrottle.server.ts) and audits the
 * outcome; a login whose audit row cannot be written does not stand (its
 * session is destroyed again), so a session never exists without its row.
 */
import { z } from 'zod';
import { LOGIN_MESSAGES } from '../../app/domain/login';
import type { Auth } from '../auth/auth.server';
import { recordAudit } from '../audit/audit.server';
import { commit, parseInput, type CommandDeps } from './command.server';

export const LogInInput = z.object({
  email: z.string({ error: LOGIN_MESSAGES.missing }).trim().min(1, LOGIN_MESSAGES.missing).max(320, LOGIN_MESSAGES.invalid),
  password: z.string({ error: LOGIN_MESSAGES.missing }).min(1, LOGIN_MESSAGES.missing).max(1024, LOGIN_MESSAGES.invalid),
  redirectTo: z.string().max(2000).optional(),
});

export type LogInResult = { ok: true; setCookie: string; redirectTo?: string } | { ok: false; reason: 'invalid' | 'throttled' };

export async function logIn(deps: CommandDeps & { auth: Auth }, input: unknown, clientIp: string): Promise<LogInResult> {
  const data = parseInput(LogInInput, input);
  const result = await deps.auth.login(data.email, data.password, clientIp);
  if (!result.ok) {
    commit(deps, (tx) => recordAudit(tx, { type: 'login-failed', actorUserId: result.userId ?? null, detail: { reden: result.reason } }));
    return { ok: false, reason: result.reason };
  }
  try {
    commit(deps, (tx) => recordAudit(tx, { type: 'login', actorUserId: result.userId }));
  } catch (error) {
    await deps.auth.destroySessionCookie(result.setCookie);
    throw error;
  }
  return { ok: true, setCookie: result.setCookie, redirectTo: data.redirectTo };
}

/** Ends the sign-in behind the request; its open pages lose their live connection (4401). */
export async function logOut(deps: CommandDeps & { auth: Auth }, request: Request): Promise<string> {
  const viewer = await deps.auth.getViewer(request);
  const setCookie = await deps.auth.logout(request);
  if (viewer) {
    commit(deps, (tx) =>
      recordAudit(tx, {
        type: 'logout',
        actorUserId: viewer.kind === 'professional' ? viewer.user.id : null,
        actorParticipantId: viewer.kind === 'participant' ? viewer.participant.id : null,
        sessionRef: viewer.sessionRef,
      }),
    );
    deps.sync.closeConnections({ sessionRef: viewer.sessionRef });
  }
  return setCookie;
}
