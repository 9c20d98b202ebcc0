/** A case with one participant of each role, each with a logged-in session cookie. */
import type { Role } from '../../app/domain/caseFacts';
import { ROLES } from '../../app/domain/caseFacts';
import { createCase } from '../../server/cases/cases.server';
import { ensureOrganisation } from '../../server/users/users.server';
import { createProfessionalFixture } from './fixtures';
import { login, type TestServer } from './testServer';

export interface RoleSession {
  role: Role;
  participantId: string;
  userId: string;
  name: string;
  cookie: string;
}

/**
 * Until personal links exist, every role is played by a professional account
 * linked to a participant record with that role: the permission decision
 * depends only on the participant's role, so it is the same code path.
 */
export async function caseWithEveryRole(server: TestServer, title = 'Gezin Synctest') {
  const db = server.services.db;
  const people = [];
  for (const role of ROLES) people.push({ role, ...(await createProfessionalFixture(db, `Persoon ${role}`)) });
  const { caseId, participantIds } = createCase(db, {
    organisationId: ensureOrganisation(db, 'GI Testregio'),
    title,
    kader: 'drang',
    stage: 'veiligheidsplan',
    children: [{ firstName: 'Mila', birthYear: 2017 }],
    participants: people.map((p) => ({ key: p.role, role: p.role, userId: p.id })),
    casusregisseur: 'casusregisseur',
  });
  const sessions = {} as Record<Role, RoleSession>;
  for (const p of people) {
    sessions[p.role] = {
      role: p.role,
      participantId: participantIds[p.role]!,
      userId: p.id,
      name: p.name,
      cookie: await login(server.url, p.email, p.password),
    };
  }
  return { caseId, sessions };
}
