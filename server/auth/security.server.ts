/**
 * What the beheerder sees of the team's sign-in security (ADR 032): per
 * active professional of one organisation, whether a second factor is set up
 * (and since when) and whether the account is linked to the organisation's
 * OpenID Connect provider. Read only; never secrets, subjects or codes.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.server';
import { organisations, users } from '../../db/schema';

export interface AccountSecurity {
  userId: string;
  name: string;
  email: string;
  secondFactorSince: number | null;
  oidcLinked: boolean;
}

export function teamSecurity(db: Tx, organisationId: string): { requireSecondFactor: boolean; accounts: AccountSecurity[] } {
  const org = db.select({ required: organisations.requireSecondFactor }).from(organisations).where(eq(organisations.id, organisationId)).get();
  const accounts = db
    .select({ userId: users.id, name: users.name, email: users.email, secondFactorSince: users.totpEnabledAt, oidcSubject: users.oidcSubject })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name))
    .all()
    .map(({ oidcSubject, ...a }) => ({ ...a, oidcLinked: oidcSubject !== null }));
  return { requireSecondFactor: org?.required ?? false, accounts };
}
