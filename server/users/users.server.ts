/**
 * Organisations and professional accounts. A deactivated account (issue 18)
 * is nobody: getUserSummary does not return it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.server';
import { organisations, users } from '../../db/schema';
import { hashPassword } from '../auth/passwords.server';
import { recordAudit } from '../audit/audit.server';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function ensureOrganisation(db: Db, name: string): string {
  const existing = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name)).get();
  if (existing) return existing.id;
  const id = randomUUID();
  db.insert(organisations).values({ id, name }).run();
  return id;
}

export interface NewProfessional {
  email: string;
  name: string;
  organisation: string;
  password: string;
  phone?: string | null;
  /** The organisation's beheerder (issue 18): the CLI makes the first one. */
  isBeheerder?: boolean;
}

export class DuplicateEmailError extends Error {
  constructor() {
    super('A user with this e-mail address already exists');
  }
}

export async function createProfessional(db: Db, input: NewProfessional): Promise<string> {
  const email = normaliseEmail(input.email);
  if (findUserByEmail(db, email)) throw new DuplicateEmailError();
  const passwordHash = await hashPassword(input.password);
  const organisationId = ensureOrganisation(db, input.organisation);
  const id = randomUUID();
  db.insert(users)
    .values({ id, organisationId, email, name: input.name.trim(), phone: input.phone ?? null, passwordHash, isBeheerder: input.isBeheerder ?? false })
    .run();
  return id;
}

/**
 * Makes an active account beheerder of its organisation (the admin CLI, for
 * the first beheerder), with its audit row in the same transaction. Returns
 * null when there is no active account with this e-mail address.
 */
export function makeBeheerder(db: Db, email: string, now = Date.now()): { name: string; changed: boolean } | null {
  return db.transaction((tx) => {
    const user = findUserByEmail(tx, email);
    if (!user || user.deactivatedAt !== null) return null;
    if (user.isBeheerder) return { name: user.name, changed: false };
    tx.update(users).set({ isBeheerder: true }).where(eq(users.id, user.id)).run();
    recordAudit(tx, { type: 'beheerder-changed', detail: { account: user.id, beheerder: true, via: 'admin-cli' } }, now);
    return { name: user.name, changed: true };
  });
}

export function findUserByEmail(db: Tx, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  /** Organisation role (issue 18): manages accounts and organisation settings. */
  isBeheerder: boolean;
}

export function getUserSummary(db: Tx, userId: string): UserSummary | undefined {
  return (
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        organisationId: users.organisationId,
        organisationName: organisations.name,
        isBeheerder: users.isBeheerder,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      // A deactivated account is nobody: its sessions open nothing (issue 18).
      .where(and(eq(users.id, userId), isNull(users.deactivatedAt)))
      .get()
  );
}
