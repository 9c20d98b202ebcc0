/** The whole demo as `npm run demo` loads it: Gezin Bakker with a realistic history, and the closed Gezin Visser. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderKaart } from '../../app/domain/kaart';
import { familySummaryLines } from '../../app/domain/meeting';
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
    expect(eventTypes(caseId)).toEqual(['case-started', 'stage-changed', 'overdracht-started', 'overdracht-completed', 'meeting-started', 'meeting-ended']);
    const handover = server.services.db.select().from(overdrachten).where(eq(overdrachten.caseId, caseId)).get()!;
    expect(handover.completedAt).not.toBeNull();
    const c = server.services.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(handover.toParticipantId).toBe(c.casusregisseurId);
    const version = server.services.db.select().from(snapshots).where(eq(snapshots.id, handover.snapshotId)).get()!;
    expect(version.reason).toBe('overdracht');
    const people = server.services.cases.participants(caseId);
    expect(people.filter((p) => p.role === 'casusregisseur').map((p) => p.name)).toEqual([DEMO_PROFESSIONALS.casusregisseur.name]);
  });

  it('Gezin Bakker had a netwerkberaad three weeks ago: its sessie version and a summary the family home can show', () => {
    const [meeting, ...more] = server.services.meetings.endedList(caseId);
    expect(more).toHaveLength(0);
    expect(meeting!.endedAt).toBeLessThan(Date.now() - 20 * 24 * 60 * 60 * 1000);
    const s = meeting!.summary;
    expect(s.facilitator).toBe(DEMO_PROFESSIONALS.casusregisseur.name);
    expect(s.attendees.map((a) => a.name)).toEqual(expect.arrayContaining(['Linda Bakker', 'Mark Bakker', 'Riet de Vries', 'Ayşe Yılmaz']));
    expect(s.rounds).toHaveLength(1);
    expect(s.rounds[0]!.scores).toHaveLength(5);
    expect(s.notes.map((n) => n.kind).sort()).toEqual(['beslissing', 'notitie']);
    expect(s.newAfspraken).toHaveLength(1);
    expect(s.newAfspraken[0]!.wie).toEqual(['Mark Bakker', 'Linda Bakker']);
    expect(s.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['opgelost', 'toegevoegd']));
    expect(s.nextMeetingDate! > new Date().toISOString().slice(0, 10)).toBe(true);
    const version = server.services.db.select().from(snapshots).where(eq(snapshots.id, meeting!.snapshotId!)).get()!;
    expect(version.reason).toBe('sessie');
    expect(familySummaryLines(s).join(' ')).toContain('Jullie hebben besloten');
    // Linda's and Riet's current scores are still the ones seedDemoContent gave.
    const now = server.services.snapshots.renderingNow(caseId).scores;
    expect(Object.values(now).map((x) => [x.name, x.score])).toEqual(
      expect.arrayContaining([
        ['Linda Bakker', 6],
        ['Riet de Vries', 5],
      ]),
    );
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
