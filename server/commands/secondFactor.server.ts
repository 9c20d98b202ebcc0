/**
 * The second factor of a professional account (issue 18 point 8, ADR 032).
 * - enableSecondFactor: a secret (kept server-side in the session while it is
 *   being set up) is confirmed with a first valid code; the account then holds
 *   it, with ten recovery codes of which only argon2id hashes are stored (the
 *   codes themselves are returned once). Audited 'second-factor-enabled'.
 * - verifySecondStep: the second step of signing in: a TOTP code or an unused
 *   recovery code (then marked used, audited 'recovery-code-used'). Attempts
 *   are throttled like passwords; a wrong one is audited 'second-factor-failed'.
 * - resetSecondFactor: a beheerder clears another professional's second factor
 *   and recovery codes of their own organisation and ends that person's
 *   sessions (their sockets close after commit). Audited 'second-factor-reset'
 *   with the beheerder as actor. Nobody resets their own.
 * These act on no case: the actor is a user account, re-read in the transaction.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/database.server';
import { recoveryCodes, users } from '../../db/schema';
import type { Auth } from '../auth/auth.server';
import { expireUserSessions } from '../auth/sessions.server';
import { hashRecoveryCode, matchRecoveryCode, newRecoveryCodes, normaliseTotpCode, verifyTotp } from '../auth/totp.server';
import { recordAudit } from '../audit/audit.server';
import { commit, Id, nowOf, parseInput, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';

type Deps = CommandDeps & { auth: Auth };

/** The account acting: a user id and (for the audit) the short session reference. */
export interface AccountActor {
  userId: string;
  sessionRef?: string | null;
}

const CODE_MISSING = 'Vul de code in.';
const CODE_WRONG = 'Deze code klopt niet. Kijk in je app en probeer het opnieuw.';

export const EnableSecondFactorInput = z.object({
  code: z.string({ error: CODE_MISSING }).trim().min(1, CODE_MISSING).max(20, CODE_WRONG),
});

export const SecondStepInput = z.object({
  code: z.string({ error: CODE_MISSING }).trim().min(1, CODE_MISSING).max(40, CODE_WRONG),
});

export const ResetSecondFactorInput = z.object({ userId: Id('Kies een medewerker.') });

function activeUser(tx: Tx, userId: string) {
  const user = tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
    .get();
  if (!user) throw new NotFound('Dit account bestaat niet (meer).');
  return user;
}

/** Confirms a TOTP secret being set up with its first code; returns the ten recovery codes (shown once). */
export async function enableSecondFactor(deps: Deps, actor: AccountActor, input: unknown, candidateSecret: string | undefined) {
  const data = parseInput(EnableSecondFactorInput, input);
  if (activeUser(deps.db, actor.userId).totpEnabledAt !== null) throw new Conflict('Je tweede stap is al ingesteld.');
  if (!candidateSecret) throw new InvalidInput('Open deze pagina opnieuw om te beginnen.', 'code');
  if (!normaliseTotpCode(data.code)) throw new InvalidInput('Een code bestaat uit 6 cijfers.', 'code');
  const step = verifyTotp(candidateSecret, data.code, nowOf(deps), null);
  if (step === null) throw new InvalidInput(CODE_WRONG, 'code');
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map(hashRecoveryCode));
  const now = nowOf(deps);
  commit(deps, (tx) => {
    const user = activeUser(tx, actor.userId);
    if (user.totpEnabledAt !== null) throw new Conflict('Je tweede stap is al ingesteld.');
    // The confirming code is used: it cannot also sign in.
    tx.update(users).set({ totpSecret: candidateSecret, totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, user.id)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).run();
    tx.insert(recoveryCodes)
      .values(hashes.map((codeHash) => ({ userId: user.id, codeHash, createdAt: now })))
      .run();
    recordAudit(tx, { type: 'second-factor-enabled', actorUserId: user.id, sessionRef: actor.sessionRef ?? null }, now);
  });
  return { recoveryCodes: codes };
}

export type SecondStepResult = { ok: true; method: 'totp' | 'recovery' } | { ok: false; reason: 'invalid' | 'throttled' };

/** The second step of signing in: a TOTP code, or a recovery code (single use). */
export async function verifySecondStep(deps: Deps, actor: AccountActor, input: unknown, clientIp: string): Promise<SecondStepResult> {
  const data = parseInput(SecondStepInput, input);
  const failed = (reason: 'invalid' | 'throttled'): SecondStepResult => {
    commit(deps, (tx) =>
      recordAudit(
        tx,
        { type: 'second-factor-failed', actorUserId: actor.userId, sessionRef: actor.sessionRef ?? null, detail: { reden: reason } },
        nowOf(deps),
      ),
    );
    return { ok: false, reason };
  };
  const user = activeUser(deps.db, actor.userId);
  if (!user.totpSecret || user.totpEnabledAt === null) throw new Conflict('Voor dit account is geen tweede stap ingesteld.');
  // Throttled like passwords, on a key of its own per account (and the address).
  const begun = deps.auth.throttle.begin(`tweede-stap:${user.id}`, clientIp);
  if (!('id' in begun)) return failed('throttled');
  const attempt = begun.id;
  // Every attempt ends as a success or a failure (the growing delay runs from a failure, ADR 037).
  const wrong = () => {
    deps.auth.throttle.failed(attempt);
    return failed('invalid');
  };
  if (normaliseTotpCode(data.code)) {
    const step = verifyTotp(user.totpSecret, data.code, nowOf(deps), user.totpLastStep);
    if (step === null) return wrong();
    // Stored only if no later (or the same) step was used meanwhile: of two requests with one code, one wins.
    const stored = commit(
      deps,
      (tx) =>
        tx
          .update(users)
          .set({ totpLastStep: step })
          .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
          .run().changes === 1,
    );
    if (!stored) return wrong();
    deps.auth.throttle.succeeded(attempt);
    return { ok: true, method: 'totp' };
  }
  const unused = deps.db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))
    .all();
  const match = await matchRecoveryCode(unused, data.code);
  if (match === null) return wrong();
  const now = nowOf(deps);
  const used = commit(deps, (tx) => {
    // Marked only if still unused: two requests with one code, one wins.
    const changed = tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.id, match), isNull(recoveryCodes.usedAt)))
      .run().changes;
    if (changed === 0) return false;
    const left = unused.length - 1;
    recordAudit(tx, { type: 'recovery-code-used', actorUserId: user.id, sessionRef: actor.sessionRef ?? null, detail: { over: left } }, now);
    return true;
  });
  if (!used) return wrong();
  deps.auth.throttle.succeeded(attempt);
  return { ok: true, method: 'recovery' };
}

/** A beheerder clears another professional's second factor (a lost phone); their sessions end. */
export function resetSecondFactor(deps: Deps, actor: AccountActor, input: unknown) {
  const data = parseInput(ResetSecondFactorInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = tx
        .select()
        .from(users)
        .where(and(eq(users.id, actor.userId), isNull(users.deactivatedAt)))
        .get();
      if (!me?.isBeheerder) throw new NotAllowed('Alleen de beheerder van de organisatie kan een tweede stap opnieuw instellen.');
      const target = tx
        .select()
        .from(users)
        .where(and(eq(users.id, data.userId), eq(users.organisationId, me.organisationId)))
        .get();
      if (!target) throw new NotFound('Deze medewerker bestaat niet in jouw organisatie.', 'userId');
      if (target.id === me.id) throw new NotAllowed('Je eigen tweede stap stelt een andere beheerder opnieuw in.');
      const codes = tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, target.id)).run().changes;
      if (target.totpEnabledAt === null && codes === 0) throw new Conflict('Deze medewerker heeft geen tweede stap ingesteld.');
      tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, target.id)).run();
      const sessionRefs = expireUserSessions(tx, target.id, now);
      recordAudit(tx, { type: 'second-factor-reset', actorUserId: me.id, sessionRef: actor.sessionRef ?? null, detail: { account: target.id } }, now);
      return { userId: target.id, name: target.name, sessionRefs };
    },
    (r) => {
      for (const sessionRef of r.sessionRefs) deps.sync.closeConnections({ sessionRef });
    },
  );
}

export type OidcSignIn = { ok: true; userId: string } | { ok: false; reason: 'unknown' | 'deactivated' | 'taken' };

/**
 * Which account an OpenID Connect sign-in is (ADR 032): the one linked to the
 * provider's subject; else, once, the active account with the provider's
 * VERIFIED e-mail address, which is then linked. Never creates an account; a
 * deactivated account, or one linked to another subject, is refused. Audited
 * as a login (or login-failed) with `via: oidc`.
 */
export function signInWithOidc(deps: Deps, identity: { subject: string; email: string | null; emailVerified: boolean; strong: boolean }): OidcSignIn {
  const now = nowOf(deps);
  const refuse = (reason: 'unknown' | 'deactivated' | 'taken', userId: string | null = null): OidcSignIn => {
    commit(deps, (tx) => recordAudit(tx, { type: 'login-failed', actorUserId: userId, detail: { via: 'oidc', reden: reason } }, now));
    return { ok: false, reason };
  };
  const result = commit(deps, (tx): OidcSignIn | { refuse: 'unknown' | 'deactivated' | 'taken'; userId: string | null } => {
    let user = tx.select().from(users).where(eq(users.oidcSubject, identity.subject)).get();
    let linked = false;
    if (!user && identity.email && identity.emailVerified) {
      const byEmail = tx.select().from(users).where(eq(users.email, identity.email.trim().toLowerCase())).get();
      if (byEmail?.oidcSubject) return { refuse: 'taken', userId: byEmail.id };
      if (byEmail && byEmail.deactivatedAt === null) {
        tx.update(users).set({ oidcSubject: identity.subject }).where(eq(users.id, byEmail.id)).run();
        user = { ...byEmail, oidcSubject: identity.subject };
        linked = true;
      } else if (byEmail) return { refuse: 'deactivated', userId: byEmail.id };
    }
    if (!user) return { refuse: 'unknown', userId: null };
    if (user.deactivatedAt !== null) return { refuse: 'deactivated', userId: user.id };
    recordAudit(
      tx,
      { type: 'login', actorUserId: user.id, detail: { via: 'oidc', ...(linked ? { gekoppeld: true } : {}), ...(identity.strong ? { mfa: true } : {}) } },
      now,
    );
    return { ok: true, userId: user.id };
  });
  return 'refuse' in result ? refuse(result.refuse, result.userId) : result;
}
