/**
 * The read side of beheer (issue 18, ADR 031): an organisation's team, the
 * invitation behind a link, and where regie is vacant. Invitation tokens are
 * 256-bit random values of which only the SHA-256 is stored; a link is valid
 * only while unused, unrevoked, unexpired and its account active. "Regie
 * vacant" is derived, never stored: an open case whose casusregisseur (or the
 * professional beside a parent regisseur) belongs to a deactivated account.
 * Nothing here writes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNotNull, isNull, max, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { accountInvitations, cases, organisations, participants, sessions, users } from '../../db/schema';
import { NO_PASSWORD } from '../auth/passwords.server';

/** A new invitation token (for the link, shown once) and its hash (stored). */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as it may arrive in a URL: base64url of 32 bytes (anything else is not worth a lookup). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The invitation behind a link when it still works, with whose account it is; else null. */
export function validInvitation(db: Tx, token: string, now: number) {
  if (!TOKEN_SHAPE.test(token)) return null;
  return (
    db
      .select({ id: accountInvitations.id, userId: accountInvitations.userId, purpose: accountInvitations.purpose, name: users.name, email: users.email })
      .from(accountInvitations)
      .innerJoin(users, eq(users.id, accountInvitations.userId))
      .where(
        and(
          eq(accountInvitations.tokenHash, hashInvitationToken(token)),
          isNull(accountInvitations.usedAt),
          isNull(accountInvitations.revokedAt),
          gt(accountInvitations.expiresAt, now),
          isNull(users.deactivatedAt),
        ),
      )
      .get() ?? null
  );
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  isBeheerder: boolean;
  deactivatedAt: number | null;
  hasPassword: boolean;
  secondFactor: boolean;
  /** Latest request on one of their sessions (sessions are kept 12 hours): a hint, not a history. */
  lastSeenAt: number | null;
  openInvitation: { purpose: 'account' | 'password'; expiresAt: number } | null;
}

/** Everyone with an account in the organisation, by name. */
export function teamOf(db: Db, organisationId: string, now = Date.now()): TeamMember[] {
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isBeheerder: users.isBeheerder,
      deactivatedAt: users.deactivatedAt,
      passwordHash: users.passwordHash,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .all();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const seen = new Map(
    db
      .select({ userId: sessions.userId, at: max(sql<number>`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`) })
      .from(sessions)
      .where(inArray(sessions.userId, ids))
      .groupBy(sessions.userId)
      .all()
      .map((s) => [s.userId, s.at === null ? null : Number(s.at)]),
  );
  const invitations = new Map(
    db
      .select({ userId: accountInvitations.userId, purpose: accountInvitations.purpose, expiresAt: accountInvitations.expiresAt })
      .from(accountInvitations)
      .where(
        and(
          inArray(accountInvitations.userId, ids),
          isNull(accountInvitations.usedAt),
          isNull(accountInvitations.revokedAt),
          gt(accountInvitations.expiresAt, now),
        ),
      )
      .all()
      .map((i) => [i.userId, { purpose: i.purpose, expiresAt: i.expiresAt }]),
  );
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      isBeheerder: r.isBeheerder,
      deactivatedAt: r.deactivatedAt,
      hasPassword: r.passwordHash !== NO_PASSWORD,
      secondFactor: r.totpEnabledAt !== null,
      lastSeenAt: seen.get(r.id) ?? null,
      openInvitation: r.deactivatedAt === null ? (invitations.get(r.id) ?? null) : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export interface VacantRegie {
  caseId: string;
  title: string;
  /** The deactivated account behind the regie. */
  userId: string;
  name: string;
}

/** Open cases whose regie (regisseur or the professional beside a parent regisseur) sits with a deactivated account. */
function vacantRegie(db: Db, where: ReturnType<typeof and>): VacantRegie[] {
  return db
    .selectDistinct({ caseId: cases.id, title: cases.title, userId: users.id, name: users.name })
    .from(cases)
    .innerJoin(participants, or(eq(participants.id, cases.casusregisseurId), eq(participants.id, cases.regieProfessionalId)))
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(isNull(cases.closedAt), isNotNull(users.deactivatedAt), where))
    .orderBy(cases.title)
    .all();
}

/** For the beheerder: vacant regie behind the deactivated accounts of the organisation, with the other professionals in each case. */
export function vacantRegieOfOrganisation(db: Db, organisationId: string): (VacantRegie & { others: string[] })[] {
  const found = vacantRegie(db, eq(users.organisationId, organisationId));
  if (found.length === 0) return [];
  const people = db
    .select({ caseId: participants.caseId, userId: users.id, name: users.name })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(
      and(
        inArray(
          participants.caseId,
          found.map((f) => f.caseId),
        ),
        isNull(participants.removedAt),
        isNull(users.deactivatedAt),
      ),
    )
    .orderBy(users.name)
    .all();
  // Only professionals with an account: the beheerder is no participant of the case and sees no family names.
  return found.map((f) => ({ ...f, others: [...new Set(people.filter((p) => p.caseId === f.caseId).map((p) => p.name))] }));
}

/** For a professional: vacant regie in the open cases they are in (caseId → the deactivated person's name). */
export function vacantRegieForUser(db: Db, userId: string): Record<string, string> {
  const mine = db
    .select({ caseId: participants.caseId })
    .from(participants)
    .where(and(eq(participants.userId, userId), isNull(participants.removedAt)));
  return Object.fromEntries(vacantRegie(db, inArray(cases.id, mine)).map((v) => [v.caseId, v.name]));
}

/** For one case: the name of the deactivated account its regie sits with, or null. */
export function vacantRegieOfCase(db: Db, caseId: string): string | null {
  return vacantRegie(db, eq(cases.id, caseId))[0]?.name ?? null;
}

export function beheerQueries(db: Db) {
  return {
    team: (organisationId: string, now?: number) => teamOf(db, organisationId, now),
    vacantRegieOfOrganisation: (organisationId: string) => vacantRegieOfOrganisation(db, organisationId),
    vacantRegieForUser: (userId: string) => vacantRegieForUser(db, userId),
    vacantRegieOfCase: (caseId: string) => vacantRegieOfCase(db, caseId),
    validInvitation: (token: string, now = Date.now()) => validInvitation(db, token, now),
    organisation: (organisationId: string) => db.select().from(organisations).where(eq(organisations.id, organisationId)).get(),
  };
}
export type BeheerQueries = ReturnType<typeof beheerQueries>;
