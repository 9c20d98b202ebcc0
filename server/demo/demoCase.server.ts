/**
 * The fictional demo case "Gezin Bakker". Every person, organisation and
 * address here is invented. Loaded by `npm run demo` (only when absent) and by
 * the browser tests.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.server';
import { accessGrounds, cases, users } from '../../db/schema';
import { createCase } from '../cases/cases.server';
import { createProfessional, ensureOrganisation, findUserByEmail } from '../users/users.server';

export const DEMO_CASE_TITLE = 'Gezin Bakker';
export const DEMO_ORGANISATION = 'Jeugdbescherming Voorbeeldregio';
export const DEMO_WIJKTEAM = 'Wijkteam De Haven';

/** Demo accounts. The passwords are public on purpose: this data is fictional. */
export const DEMO_PROFESSIONALS = {
  jeugdbeschermer: {
    email: 'sophie.jansen@demo.veiligplan.nl',
    name: 'Sophie Jansen',
    password: 'demo-jeugdbeschermer',
    organisation: DEMO_ORGANISATION,
    phone: '010-555 01 10',
    availability: 'maandag tot en met donderdag, 9 tot 17 uur',
  },
  casusregisseur: {
    email: 'karim.elidrissi@demo.veiligplan.nl',
    name: 'Karim El Idrissi',
    password: 'demo-casusregisseur',
    organisation: DEMO_WIJKTEAM,
    phone: '010-555 02 20',
    availability: 'maandag, dinsdag en donderdag, 8.30 tot 16.30 uur',
  },
} as const;

export interface DemoIds {
  caseId: string;
  participantIds: Record<string, string>;
  created: boolean;
}

export async function ensureDemoCase(db: Db): Promise<DemoIds> {
  const existing = db.select({ id: cases.id }).from(cases).where(eq(cases.title, DEMO_CASE_TITLE)).get();
  if (existing) return { caseId: existing.id, participantIds: {}, created: false };

  const userIds: Record<string, string> = {};
  for (const [key, p] of Object.entries(DEMO_PROFESSIONALS)) {
    userIds[key] = findUserByEmail(db, p.email)?.id ?? (await createProfessional(db, p));
    // When the family can reach them, shown in the family's contact block (ADR 029).
    db.update(users).set({ availability: p.availability }).where(eq(users.id, userIds[key]!)).run();
  }
  const organisationId = ensureOrganisation(db, DEMO_ORGANISATION);
  const nextEvaluation = new Date(Date.now() + 6 * 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const { caseId, participantIds } = createCase(db, {
    organisationId,
    title: DEMO_CASE_TITLE,
    kader: 'drang',
    stage: 'veiligheidsplan',
    nextEvaluationDate: nextEvaluation,
    children: [
      { firstName: 'Sanne', birthYear: 2015 },
      { firstName: 'Daan', birthYear: 2019 },
    ],
    participants: [
      { key: 'jeugdbeschermer', role: 'jeugdbeschermer', userId: userIds.jeugdbeschermer },
      { key: 'casusregisseur', role: 'casusregisseur', userId: userIds.casusregisseur },
      { key: 'moeder', role: 'ouder', name: 'Linda Bakker', relation: 'moeder', phone: '06-55 50 10 01' },
      { key: 'vader', role: 'ouder', name: 'Mark Bakker', relation: 'vader', phone: '06-55 50 10 02' },
      { key: 'oma', role: 'netwerklid', name: 'Riet de Vries', relation: 'oma (moeder van Linda)', phone: '06-55 50 10 03' },
      { key: 'buurvrouw', role: 'netwerklid', name: 'Ayşe Yılmaz', relation: 'buurvrouw', phone: '06-55 50 10 04' },
    ],
    casusregisseur: 'casusregisseur',
    vastAanspreekpunt: 'casusregisseur',
  });
  // Everyone outside the household takes part on Linda's consent (drang: no maatregel), as ADR 040 asks.
  const now = Date.now();
  // Given at the intake (84 days ago, as demoHistory tells it) and, for Karim, at the overdracht (30 days ago).
  const daysAgo = (days: number) => new Date(now - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const grounds: [key: string, days: number, purpose: string][] = [
    ['jeugdbeschermer', 84, 'om samen met ons gezin een veiligheidsplan te maken'],
    ['casusregisseur', 30, 'om de hulp aan ons gezin te regelen'],
    ['oma', 84, 'om mee te denken over het plan en te helpen met de kinderen'],
    ['buurvrouw', 84, 'om mee te denken over het plan'],
  ];
  for (const [key, days, purpose] of grounds) {
    db.insert(accessGrounds)
      .values({
        id: randomUUID(),
        caseId,
        participantId: participantIds[key]!,
        basis: 'toestemming',
        consentGivenById: participantIds.moeder!,
        consentGivenOn: daysAgo(days),
        purpose,
        recordedById: participantIds.jeugdbeschermer!,
        recordedAt: now,
      })
      .run();
  }
  return { caseId, participantIds, created: true };
}
