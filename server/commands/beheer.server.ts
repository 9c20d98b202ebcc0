/**
 * Beheer commands (issue 18, ADR 031): the organisation's beheerder invites
 * professionals, resets passwords by invitation, deactivates and reactivates
 * accounts, grants and revokes beheer, and sets the organisation's settings.
 * Invariants: the actor is re-read inside the transaction (still an active
 * beheerder); a target account of another organisation is NotFound; an
 * organisation always keeps at least one active beheerder and no beheerder
 * deactivates themself; every change is written with its audit row in one
 * transaction; sockets close only after commit. An invitation link is the
 * key to an account: its token is returned once (to show to the beheerder)
 * and only its SHA-256 is stored.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { INVITATION_DAYS, INVITATION_INVALID } from '../../app/domain/beheer';
import { isPhoneNumber } from '../../app/domain/questions';
import type { Tx } from '../../db/database.server';
import { accountInvitations, organisations, participants, sessions, users } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { hashPassword, MIN_PASSWORD_LENGTH, NO_PASSWORD } from '../auth/passwords.server';
import { newInvitationToken, validInvitation } from '../users/accounts.server';
import { findUserByEmail, normaliseEmail } from '../users/users.server';
import { commit, Id, nowOf, parseInput, requireAllowed, type CommandDeps } from './command.server';
import { Conflict, InvalidInput, NotFound } from './errors';
import { SettingsFields, writeOrganisationSettings } from './organisation.server';

/** Who acts in beheer: a signed-in professional account (checked again inside every transaction). */
export interface BeheerActor {
  userId: string;
  sessionRef?: string | null;
}

const DAY = 24 * 60 * 60 * 1000;
const NOT_BEHEERDER = 'Alleen de beheerder van de organisatie kan dit doen.';

const byBeheerder = (actor: BeheerActor) => ({ actorUserId: actor.userId, sessionRef: actor.sessionRef ?? null });

/** The acting beheerder, read again in the transaction: still an account, still active, still beheerder. */
function actingBeheerder(tx: Tx, actor: BeheerActor) {
  const me = tx
    .select({ id: users.id, organisationId: users.organisationId, isBeheerder: users.isBeheerder, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, actor.userId))
    .get();
  requireAllowed(me !== undefined && me.deactivatedAt === null && me.isBeheerder, NOT_BEHEERDER);
  return me;
}

/** An account of the beheerder's own organisation; any other id is NotFound. */
function accountInOrganisation(tx: Tx, organisationId: string, userId: string) {
  const row = tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, organisationId)))
    .get();
  if (!row) throw new NotFound('Dit account bestaat niet (meer) in jouw organisatie.', 'userId');
  return row;
}

/**
 * The frame of a beheerder's command on one account (`{ userId }`): the input
 * parsed, the acting beheerder and the account of their own organisation read
 * in the transaction; after commit the live connections of every participant
 * the write returns in `participantIds` close (their sessions ended with it).
 */
function onAccount<R extends { userId: string; participantIds?: string[] }>(
  deps: CommandDeps,
  actor: BeheerActor,
  input: unknown,
  write: (tx: Tx, me: ReturnType<typeof actingBeheerder>, target: ReturnType<typeof accountInOrganisation>, now: number) => R,
): R {
  const data = parseInput(AccountInput, input);
  const now = nowOf(deps);
  return commit(
    deps,
    (tx) => {
      const me = actingBeheerder(tx, actor);
      return write(tx, me, accountInOrganisation(tx, me.organisationId, data.userId), now);
    },
    (r) => {
      for (const participantId of r.participantIds ?? []) deps.sync.closeConnections({ participantId, final: true });
    },
  );
}

function activeBeheerders(tx: Tx, organisationId: string): number {
  return (
    tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.organisationId, organisationId), eq(users.isBeheerder, true), isNull(users.deactivatedAt)))
      .get()?.n ?? 0
  );
}

/** Revokes every open invitation of an account; returns how many. */
function revokeInvitations(tx: Tx, userId: string, now: number): number {
  return tx
    .update(accountInvitations)
    .set({ revokedAt: now })
    .where(and(eq(accountInvitations.userId, userId), isNull(accountInvitations.usedAt), isNull(accountInvitations.revokedAt)))
    .run().changes;
}

function newInvitation(tx: Tx, userId: string, purpose: 'account' | 'password', createdById: string, now: number) {
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = now + INVITATION_DAYS * DAY;
  tx.insert(accountInvitations).values({ id: randomUUID(), userId, purpose, tokenHash, createdById, createdAt: now, expiresAt }).run();
  return { token, expiresAt };
}

/** Ends every sign-in of an account; returns the participant ids whose live connections must close (after commit). */
function endAccountSessions(tx: Tx, userId: string): { sessions: number; participantIds: string[] } {
  const ended = tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
  const participantIds = tx
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.userId, userId))
    .all()
    .map((p) => p.id);
  return { sessions: ended, participantIds };
}

const checkbox = z
  .union([z.boolean(), z.enum(['ja', 'nee', 'true', 'false', 'on', 'off', ''])], { error: 'Kies ja of nee.' })
  .transform((v) => v === true || v === 'ja' || v === 'true' || v === 'on')
  .optional();

export const InviteProfessionalInput = z.object({
  name: z.string({ error: 'Vul de naam in.' }).trim().min(1, 'Vul de naam in.').max(200, 'De naam is te lang.'),
  email: z.email({ error: 'Vul een geldig e-mailadres in.' }).max(320, 'Dit e-mailadres is te lang.'),
  phone: z
    .string({ error: 'Dit telefoonnummer klopt niet.' })
    .trim()
    .max(40, 'Dit telefoonnummer klopt niet.')
    .refine((v) => v === '' || isPhoneNumber(v), 'Dit telefoonnummer klopt niet.')
    .optional(),
  beheerder: checkbox,
});

/**
 * Makes an account for a professional of the beheerder's organisation, without
 * a password, and an invitation to choose one. Returns the link's token once.
 */
export function inviteProfessional(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  const data = parseInput(InviteProfessionalInput, normaliseEmailField(input));
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingBeheerder(tx, actor);
    if (findUserByEmail(tx, data.email)) throw new Conflict('Er bestaat al een account met dit e-mailadres.', 'email');
    const userId = randomUUID();
    tx.insert(users)
      .values({
        id: userId,
        organisationId: me.organisationId,
        email: normaliseEmail(data.email),
        name: data.name,
        phone: data.phone || null,
        passwordHash: NO_PASSWORD,
        isBeheerder: data.beheerder ?? false,
        createdAt: now,
      })
      .run();
    const invitation = newInvitation(tx, userId, 'account', me.id, now);
    recordAudit(tx, { type: 'account-invited', ...byBeheerder(actor), detail: { account: userId, beheerder: data.beheerder ?? false } }, now);
    return { userId, name: data.name, ...invitation };
  });
}

/** E-mail addresses are compared trimmed and lower-cased; zod checks the shape of that. */
function normaliseEmailField(input: unknown) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const form = input as Record<string, unknown>;
  return typeof form.email === 'string' ? { ...form, email: normaliseEmail(form.email) } : form;
}

export const AccountInput = z.object({ userId: Id('Kies een account.') });

/**
 * A new password by invitation: older open invitations are revoked, the
 * current password stops working and every sign-in of the account ends now
 * (a reset is asked when a password is lost or may be known to someone else;
 * in both cases the old one has nothing left to protect). Returns the token once.
 */
export function resetPassword(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  return onAccount(deps, actor, input, (tx, me, target, now) => {
    if (target.id === me.id) throw new InvalidInput('Je kunt je eigen wachtwoord niet via beheer herstellen. Vraag een andere beheerder.', 'userId');
    if (target.deactivatedAt !== null) throw new Conflict('Dit account is gedeactiveerd. Activeer het eerst.', 'userId');
    revokeInvitations(tx, target.id, now);
    tx.update(users).set({ passwordHash: NO_PASSWORD }).where(eq(users.id, target.id)).run();
    const ended = endAccountSessions(tx, target.id);
    const invitation = newInvitation(tx, target.id, 'password', me.id, now);
    recordAudit(tx, { type: 'password-reset', ...byBeheerder(actor), detail: { account: target.id, sessies: ended.sessions } }, now);
    return { userId: target.id, name: target.name, ...invitation, participantIds: ended.participantIds };
  });
}

/**
 * Deactivates an account: no sign-in, every session ends, open invitations are
 * revoked, and after commit every live connection of the person closes. Never
 * the beheerder themself, never the last active beheerder.
 */
export function deactivateAccount(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  return onAccount(deps, actor, input, (tx, me, target, now) => {
    if (target.id === me.id) throw new InvalidInput('Je kunt je eigen account niet deactiveren.', 'userId');
    if (target.deactivatedAt !== null) throw new Conflict('Dit account is al gedeactiveerd.', 'userId');
    if (target.isBeheerder && activeBeheerders(tx, me.organisationId) <= 1) {
      throw new Conflict('Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.', 'userId');
    }
    tx.update(users).set({ deactivatedAt: now }).where(eq(users.id, target.id)).run();
    revokeInvitations(tx, target.id, now);
    const ended = endAccountSessions(tx, target.id);
    recordAudit(tx, { type: 'account-deactivated', ...byBeheerder(actor), detail: { account: target.id, sessies: ended.sessions } }, now);
    return { userId: target.id, name: target.name, sessions: ended.sessions, participantIds: ended.participantIds };
  });
}

/** Makes a deactivated account active again; its password (if it had one) works again. */
export function reactivateAccount(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  return onAccount(deps, actor, input, (tx, _me, target, now) => {
    if (target.deactivatedAt === null) throw new Conflict('Dit account is al actief.', 'userId');
    tx.update(users).set({ deactivatedAt: null }).where(eq(users.id, target.id)).run();
    recordAudit(tx, { type: 'account-reactivated', ...byBeheerder(actor), detail: { account: target.id } }, now);
    return { userId: target.id, name: target.name };
  });
}

export const SetBeheerderInput = z.object({
  userId: Id('Kies een account.'),
  beheerder: z.enum(['ja', 'nee'], { error: 'Kies of dit account beheerder is.' }),
});

/** Grants or revokes beheer; the organisation never loses its last active beheerder. */
export function setBeheerder(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  const data = parseInput(SetBeheerderInput, input);
  const now = nowOf(deps);
  const grant = data.beheerder === 'ja';
  return commit(deps, (tx) => {
    const me = actingBeheerder(tx, actor);
    const target = accountInOrganisation(tx, me.organisationId, data.userId);
    if (target.isBeheerder === grant) throw new Conflict(grant ? 'Dit account is al beheerder.' : 'Dit account is geen beheerder.', 'userId');
    if (grant && target.deactivatedAt !== null) throw new Conflict('Dit account is gedeactiveerd. Activeer het eerst.', 'userId');
    if (!grant && target.deactivatedAt === null && activeBeheerders(tx, me.organisationId) <= 1) {
      throw new Conflict('Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.', 'userId');
    }
    tx.update(users).set({ isBeheerder: grant }).where(eq(users.id, target.id)).run();
    recordAudit(tx, { type: 'beheerder-changed', ...byBeheerder(actor), detail: { account: target.id, beheerder: grant } }, now);
    return { userId: target.id, name: target.name, beheerder: grant };
  });
}

/** The settings of the beheerder's own organisation (the beheer page). */
export function setOwnOrganisationSettings(deps: CommandDeps, actor: BeheerActor, input: unknown) {
  const data = parseInput(SettingsFields, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingBeheerder(tx, actor);
    const org = tx.select().from(organisations).where(eq(organisations.id, me.organisationId)).get();
    if (!org) throw new NotFound('Deze organisatie bestaat niet (meer).');
    return writeOrganisationSettings(tx, org, data, { userId: actor.userId, via: 'beheer' }, now);
  });
}

export const AcceptInvitationInput = z.object({
  token: z.string({ error: INVITATION_INVALID }).max(200, INVITATION_INVALID),
  password: z
    .string({ error: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.` })
    .min(MIN_PASSWORD_LENGTH, `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`)
    .max(1024, 'Dit wachtwoord is te lang.'),
  repeat: z.string({ error: 'Typ het wachtwoord nog een keer.' }).max(1024, 'Dit wachtwoord is te lang.'),
});

/**
 * Sets the password chosen through an invitation link: the link is used up,
 * other open links of the account are revoked. No session is made here: the
 * person signs in next. An unknown, used, revoked or expired link, or one of a
 * deactivated account, all get the same answer.
 */
export async function acceptInvitation(deps: CommandDeps, input: unknown) {
  const data = parseInput(AcceptInvitationInput, input);
  if (data.password !== data.repeat) throw new InvalidInput('De twee wachtwoorden zijn niet gelijk.', 'repeat');
  // Checked before the slow hash (so a dead link costs nothing), and again in the transaction.
  if (!validInvitation(deps.db, data.token, nowOf(deps))) throw new NotFound(INVITATION_INVALID, 'token');
  const passwordHash = await hashPassword(data.password);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const invitation = validInvitation(tx, data.token, now);
    if (!invitation) throw new NotFound(INVITATION_INVALID, 'token');
    const used = tx
      .update(accountInvitations)
      .set({ usedAt: now })
      .where(and(eq(accountInvitations.id, invitation.id), isNull(accountInvitations.usedAt), gt(accountInvitations.expiresAt, now)))
      .run().changes;
    if (used !== 1) throw new NotFound(INVITATION_INVALID, 'token');
    revokeInvitations(tx, invitation.userId, now);
    tx.update(users).set({ passwordHash }).where(eq(users.id, invitation.userId)).run();
    recordAudit(tx, { type: 'account-password-set', actorUserId: invitation.userId, detail: { doel: invitation.purpose } }, now);
    return { userId: invitation.userId, email: invitation.email };
  });
}
