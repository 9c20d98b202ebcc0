/**
 * The test case most permission tests need: one participant of every role
 * (SPEC §3), the `casusregisseur` one being the case's regisseur (ADR 016),
 * each professional with their own account, plus a second case elsewhere for
 * "an id from another case". All people are fictional.
 */
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import type { Db } from '../../db/database.server';
import { createCase } from '../../server/cases/cases.server';
import { ensureOrganisation } from '../../server/users/users.server';
import { createProfessionalFixture } from './fixtures';

export type Account = Awaited<ReturnType<typeof createProfessionalFixture>>;

export async function createEveryRoleCase(db: Db, title = 'Gezin Alle Rollen') {
  const organisationId = ensureOrganisation(db, 'GI Testregio');
  const accounts: Partial<Record<Role, Account>> = {};
  for (const role of ROLES) if (isProfessionalRole(role)) accounts[role] = await createProfessionalFixture(db, `Prof ${role}`);
  const { caseId, participantIds: ids } = createCase(db, {
    organisationId,
    title,
    kader: 'vrijwillig',
    stage: 'kennismaking',
    children: [{ firstName: 'Kim', birthYear: 2014 }],
    participants: ROLES.map((role) =>
      isProfessionalRole(role) ? { key: role, role, userId: accounts[role]!.id } : { key: role, role, name: `Familie ${role}` },
    ),
    casusregisseur: 'casusregisseur',
  });
  const elsewhere = await createProfessionalFixture(db, 'Prof elders');
  const other = createCase(db, {
    organisationId,
    title: 'Gezin Elders',
    kader: 'vrijwillig',
    stage: 'kennismaking',
    children: [{ firstName: 'Bo', birthYear: 2015 }],
    participants: [
      { key: 'jb', role: 'jeugdbeschermer', userId: elsewhere.id },
      { key: 'ouder', role: 'ouder', name: 'Ouder Elders' },
    ],
    casusregisseur: 'jb',
  });
  return { organisationId, caseId, ids, accounts, other, elsewhere };
}
