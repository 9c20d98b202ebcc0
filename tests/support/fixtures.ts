/** Test data built with the same functions the app uses. All people are fictional. */
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { StoredRole } from '../../app/domain/caseFacts';
import { caseAccess } from '../../app/domain/permissions';
import type { Db } from '../../db/database.server';
import { participants, personalLinks } from '../../db/schema';
import type { Services } from '../../server/services.server';
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

/** Adds a participant as seed data (the app itself adds people through the addFamilyMember/addProfessional commands). */
export function addParticipantFixture(db: Db, caseId: string, input: { role: StoredRole; userId?: string; name?: string }): string {
  const id = randomUUID();
  db.insert(participants)
    .values({ id, caseId, role: input.role, userId: input.userId ?? null, name: input.userId ? null : (input.name ?? 'Test Persoon') })
    .run();
  return id;
}

/** A personal link for a family/netwerk participant, made through the real command by a manager of that case. */
export async function issueLinkFixture(services: Services, participantId: string, withCode = false) {
  const target = services.db.select().from(participants).where(eq(participants.id, participantId)).get();
  if (!target) throw new Error('unknown participant');
  const maker = services.cases.participants(target.caseId).find((p) => caseAccess(p.role, 'participants') === 'manage');
  if (!maker) throw new Error('no manager in this case');
  const link = await services.commands.createPersonalLink({ caseId: target.caseId, participantId: maker.id }, { participantId, code: withCode ? 'on' : '' });
  const id = services.db
    .select({ id: personalLinks.id })
    .from(personalLinks)
    .where(eq(personalLinks.participantId, participantId))
    .orderBy(desc(personalLinks.createdAt), desc(sql`rowid`))
    .get()!.id;
  return { ...link, id };
}
