/** The whole demo as `npm run demo` loads it: Gezin Bakker with a realistic history, and the closed Gezin Visser. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderKaart } from '../../app/domain/kaart';
import { caseEvents, cases, overdrachten, snapshots } from '../../db/schema';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { DEMO_CASE_TITLE, DEMO_PROFESSIONALS } from './demoCase.server';
import { DEMO_CLOSED_CASE_TITLE } from './demoHistory.server';
import { loadDemo } from './loadDemo.server';
import { findUserByEmail } from '../users/users.server';

let server: TestServer;
let caseId: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ caseId } = await loadDemo(server.services));
});
afterAll(() => server.stop());

const eventTypes = (id: string) =>
  server.services.db
    .select({ type: caseEvents.type })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, id))
    .orderBy(caseEvents.at)
    .all()
    .map((e) => e.type);

describe('demo history', () => {
  it('Gezin Bakker has an intake, a stage change and a completed overdracht to its casusregisseur, with its version', () => {
    expect(eventTypes(caseId)).toEqual(['case-started', 'stage-changed', 'overdracht-started', 'overdracht-completed']);
    const handover = server.services.db.select().from(overdrachten).where(eq(overdrachten.caseId, caseId)).get()!;
    expect(handover.completedAt).not.toBeNull();
    const c = server.services.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(handover.toParticipantId).toBe(c.casusregisseurId);
    const version = server.services.db.select().from(snapshots).where(eq(snapshots.id, handover.snapshotId)).get()!;
    expect(version.reason).toBe('overdracht');
    const people = server.services.cases.participants(caseId);
    expect(people.filter((p) => p.role === 'casusregisseur').map((p) => p.name)).toEqual([DEMO_PROFESSIONALS.casusregisseur.name]);
  });

  it('Gezin Visser is closed with a reason and a final version, and listed as closed for its professionals', () => {
    const closed = server.services.db.select().from(cases).where(eq(cases.title, DEMO_CLOSED_CASE_TITLE)).get()!;
    expect(closed.closedAt).not.toBeNull();
    expect(eventTypes(closed.id).at(-1)).toBe('case-closed');
    const final = server.services.db
      .select()
      .from(snapshots)
      .where(and(eq(snapshots.caseId, closed.id), eq(snapshots.reason, 'afsluiten')))
      .all();
    expect(final).toHaveLength(1);
    // Its content is valid under the kaart's schema: the item renders in its section.
    expect(renderKaart(server.services.sync.room(closed.id, 'kaart').doc).sections.krachten).toHaveLength(1);
    const sophie = findUserByEmail(server.services.db, DEMO_PROFESSIONALS.jeugdbeschermer.email)!;
    const mine = server.services.cases.listForUser(sophie.id);
    expect(mine.map((c) => [c.title, c.closedAt !== null])).toEqual(
      expect.arrayContaining([
        [DEMO_CASE_TITLE, false],
        [DEMO_CLOSED_CASE_TITLE, true],
      ]),
    );
  });

  it('loading again writes nothing', async () => {
    const before = server.services.database.sqlite.prepare('select (select count(*) from cases) + (select count(*) from case_events) as n').get();
    const again = await loadDemo(server.services);
    expect(again.created).toBe(false);
    expect(server.services.database.sqlite.prepare('select (select count(*) from cases) + (select count(*) from case_events) as n').get()).toEqual(before);
  });
});
