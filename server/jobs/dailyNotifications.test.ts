/**
 * The daily notifications job against a real database: an evaluatiemoment in
 * 7 days, an own afspraak due today, a check-in missed yesterday and a
 * professional's digest are queued once per day (a second run queues
 * nothing), only for people who opted in, and never before 07:00.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso } from '../../app/domain/recurrence';
import { afspraken, cases, checkIns, outbox } from '../../db/schema';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { todayIso } from '../cases/regie.server';
import { DAILY_FROM_HOUR, runDailyNotifications } from './dailyNotifications.server';

let server: TestServer;
let setup: Awaited<ReturnType<typeof createEveryRoleCase>>;

beforeAll(async () => {
  server = await startTestServer({ outbox: { pollMs: 0 } });
  setup = await createEveryRoleCase(server.services.db, 'Gezin Dagelijks');
  const { db, commands } = server.services;
  const as = (role: 'ouder' | 'netwerklid') => ({ caseId: setup.caseId, participantId: setup.ids[role]! });
  commands.saveNotificationSettings(as('ouder'), { byEmail: 'on', email: 'ouder@voorbeeld.nl' });
  commands.saveNotificationSettings(as('netwerklid'), { byEmail: 'on', email: 'net@voorbeeld.nl' });
  const today = todayIso();
  db.update(cases)
    .set({ nextEvaluationDate: addDaysIso(today, 7) })
    .where(eq(cases.id, setup.caseId))
    .run();
  const row = (id: string, position: number, wie: string[], startDate: string) => ({
    caseId: setup.caseId,
    id,
    position,
    wat: 'Geheime afspraak',
    wanneer: '',
    hoeWetenWe: '',
    watAlsNiet: '',
    wie: JSON.stringify(wie),
    voortgang: '',
    projectedAt: Date.now(),
    startDate,
    recurrence: null,
  });
  db.insert(afspraken)
    .values([
      row('vandaag', 0, [setup.ids.ouder!], today),
      row('gisteren', 1, [setup.ids.ouder!, setup.ids.netwerklid!, setup.ids.jeugdige!], addDaysIso(today, -1)),
    ])
    .run();
  // The netwerklid reported on yesterday's afspraak: no reminder for her.
  db.insert(checkIns)
    .values({
      caseId: setup.caseId,
      afspraakId: 'gisteren',
      occurrence: addDaysIso(today, -1),
      participantId: setup.ids.netwerklid!,
      result: 'gelukt',
      recordedById: setup.ids.netwerklid!,
    })
    .run();
});
afterAll(async () => {
  await server.stop();
});

describe('runDailyNotifications', () => {
  it('queues nothing before 07:00 Amsterdam time', () => {
    const night = new Date(`${todayIso()}T02:00:00+01:00`).getTime();
    if (DAILY_FROM_HOUR > 3) expect(runDailyNotifications(server.services.db, night)).toBe(0);
  });

  it('queues each daily message once, for those who opted in, and a digest with counts only', () => {
    const { db } = server.services;
    runDailyNotifications(db, Date.now(), { anyHour: true });
    const mine = db.select().from(outbox).where(eq(outbox.caseId, setup.caseId)).all();
    const of = (template: string) =>
      mine
        .filter((r) => r.template === template)
        .map((r) => r.recipient)
        .sort();
    expect(of('evaluatie-over-7-dagen')).toEqual(['net@voorbeeld.nl', 'ouder@voorbeeld.nl']);
    expect(of('afspraak-vandaag')).toEqual(['ouder@voorbeeld.nl']);
    expect(of('check-in-gemist')).toEqual(['ouder@voorbeeld.nl']);
    const digests = db
      .select()
      .from(outbox)
      .where(eq(outbox.template, 'dagoverzicht'))
      .all()
      .filter((r) => r.params.includes('Gezin Dagelijks'));
    // Every professional (not the meelezer) of the case with the digest on: two owners did not report yesterday.
    expect(digests).toHaveLength(3);
    for (const d of digests) {
      expect(JSON.parse(d.params).cases).toEqual([{ title: 'Gezin Dagelijks', openQuestions: 0, unreported: 2, answers: 0 }]);
      expect(d.params).not.toContain('Geheime');
    }
    // A second run the same day queues nothing new.
    expect(runDailyNotifications(db, Date.now(), { anyHour: true })).toBe(0);
  });
});
