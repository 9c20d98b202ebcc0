/** Test data built with the same functions the app uses. All people are fictional. */
import type { Db } from '../../db/database.server';
import { createCase } from '../../server/cases/cases.server';
import { createProfessional, ensureOrganisation } from '../../server/users/users.server';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;

export async function createProfessionalFixture(db: Db, name = 'Test Professional', organisation = 'GI Testregio') {
  counter += 1;
  const email = `prof${counter}-${Date.now()}@test.veiligplan.nl`;
  const id = await createProfessional(db, { email, name, organisation, password: PASSWORD });
  return { id, email, password: PASSWORD, name };
}

/** A case with one professional participant (jeugdbeschermer by default) and a parent. */
export function createCaseFixture(db: Db, professionalUserId: string, title = 'Gezin Testmans') {
  return createCase(db, {
    organisationId: ensureOrganisation(db, 'GI Testregio'),
    title,
    kader: 'vrijwillig',
    stage: 'kennismaking',
    nextEvaluationDate: '2027-01-15',
    children: [{ firstName: 'Noor', birthYear: 2016 }],
    participants: [
      { key: 'prof', role: 'jeugdbeschermer', userId: professionalUserId },
      { key: 'ouder', role: 'ouder', name: 'Eva Testmans', relation: 'moeder' },
    ],
    casusregisseur: 'prof',
  });
}

/** A case with a professional participant, for tests that need a valid case id. */
export async function createTestCase(db: Db) {
  const prof = await createProfessionalFixture(db, 'Test Jeugdbeschermer');
  return createCaseFixture(db, prof.id);
}
