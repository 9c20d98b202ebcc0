/**
 * reportCheckIn against the real server (real SQLite, real sync engine, the
 * live plan document): only an owner for themself, or a professional namens
 * an owner (attributed to that professional); every other role and every
 * "for someone else" by family or netwerk is refused; unknown and other-case
 * afspraken are NotFound; bad days, future days and days that are not an
 * occurrence are refused in Dutch; the row and its audit row are one
 * transaction; history and "x van de y" survive a change of the recurrence.
 * Also: akkoord needs an owner on every afspraak.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem, setValue, type Actor as ItemActor } from '../../app/domain/items';
import { addDaysIso, isoWeekday } from '../../app/domain/recurrence';
import { auditLog, checkIns } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { checkInsOfCase, checkInsOfPerson } from '../cases/checkIns.server';
import { todayIso } from '../cases/regie.server';
import { afspraken } from '../../app/domain/plan';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
const today = todayIso();
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
/** Plan items of the case: a daily afspraak of ouder + netwerklid, a netwerk task of the netwerklid, a weekly one, one without a date. */
const items = { daily: '', task: '', weekly: '', undated: '', foreign: '' };

function writePlan(forCase: string, by: string, change: (doc: Y.Doc, who: ItemActor) => void) {
  const who: ItemActor = { participantId: by, name: 'Prof jeugdbeschermer', role: ROLE_LABELS.jeugdbeschermer };
  server.services.sync.room(forCase, 'plan').applyServerChange({ participantId: by, connectionId: null }, (doc) => change(doc, who));
}
const rowsOf = (afspraakId: string) => server.services.db.select().from(checkIns).where(eq(checkIns.afspraakId, afspraakId)).all();
const auditCount = () =>
  server.services.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.type, 'check-in')))
    .get()!.n;
const report = (role: Role, input: Record<string, unknown>) => commands.reportCheckIn(actor(role), input);

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, other } = await createEveryRoleCase(server.services.db, 'Gezin Melding'));
  // A weekly afspraak on one weekday that is neither today nor yesterday.
  const weekday = ((isoWeekday(today) + 2) % 7) + 1;
  writePlan(caseId, ids.jeugdbeschermer!, (doc, who) => {
    items.daily = addItem(doc, who, {
      section: 'afspraken',
      fields: { wat: 'Samen naar school lopen', wanneer: 'Elke ochtend', hoeWetenWe: '', watAlsNiet: '' },
      values: { wie: [ids.ouder!, ids.netwerklid!], start: addDaysIso(today, -14), herhaling: 'dagelijks', evaluatie: addDaysIso(today, 30) },
    });
    items.task = addItem(doc, who, {
      section: 'netwerk',
      fields: { taak: 'Bellen als het thuis onrustig is' },
      values: { persoon: ids.netwerklid!, start: addDaysIso(today, -7), herhaling: 'dagelijks' },
    });
    items.weekly = addItem(doc, who, {
      section: 'afspraken',
      fields: { wat: 'Oma haalt Kim op', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
      values: { wie: [ids.netwerklid!], start: addDaysIso(today, -21), herhaling: `wekelijks:${weekday}` },
    });
    items.undated = addItem(doc, who, {
      section: 'afspraken',
      fields: { wat: 'Nog zonder datum', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
      values: { wie: [ids.ouder!] },
    });
  });
  writePlan(other.caseId, other.participantIds.jb!, (doc, who) => {
    items.foreign = addItem(doc, who, {
      section: 'afspraken',
      fields: { wat: 'Elders', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
      values: { wie: [other.participantIds.ouder!], start: addDaysIso(today, -3), herhaling: 'dagelijks' },
    });
  });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

describe('reportCheckIn: who may', () => {
  it('lets an owner report for themself (afspraak and veiligheidsnetwerk task), attributed to themself', () => {
    report('ouder', { afspraakId: items.daily, occurrence: today, result: 'gelukt', toelichting: 'Ging goed' });
    report('netwerklid', { afspraakId: items.task, occurrence: addDaysIso(today, -1), result: 'niet-gelukt', toelichting: 'Geen tijd' });
    expect(rowsOf(items.daily)).toEqual([
      expect.objectContaining({ caseId, occurrence: today, participantId: ids.ouder, recordedById: ids.ouder, result: 'gelukt', toelichting: 'Ging goed' }),
    ]);
    expect(rowsOf(items.task)).toEqual([expect.objectContaining({ participantId: ids.netwerklid, recordedById: ids.netwerklid, result: 'niet-gelukt' })]);
  });

  it('lets a professional (not a meelezer) record one namens an owner, attributed to the professional', async () => {
    for (const role of ['jeugdbeschermer', 'casusregisseur', 'professional'] as const) {
      const before = rowsOf(items.daily).length;
      report(role, { afspraakId: items.daily, occurrence: addDaysIso(today, -2), result: 'deels', forParticipantId: ids.netwerklid });
      expect(rowsOf(items.daily).slice(before)).toEqual([expect.objectContaining({ participantId: ids.netwerklid, recordedById: ids[role] })]);
    }
    const e = await failure(() => report('meelezer', { afspraakId: items.daily, occurrence: today, result: 'gelukt', forParticipantId: ids.ouder }));
    expect(e).toBeInstanceOf(NotAllowed);
  });

  it('refuses family and netwerk reporting for someone else, non-owners, and the meelezer (403)', async () => {
    const refused: [Role, Record<string, unknown>][] = [
      ['netwerklid', { forParticipantId: ids.ouder }],
      ['ouder', { forParticipantId: ids.netwerklid }],
      ['jeugdige', { forParticipantId: ids.ouder }],
      ['netwerklid', { forParticipantId: other.participantIds.ouder }],
      ['jeugdige', {}],
      ['meelezer', {}],
      ['professional', {}], // not an owner, and not namens anyone
    ];
    for (const [role, extra] of refused) {
      const e = await failure(() => report(role, { afspraakId: items.daily, occurrence: today, result: 'gelukt', ...extra }));
      expect(e, `${role} ${JSON.stringify(extra)}`).toBeInstanceOf(NotAllowed);
      expect(e.message).toMatch(/^[A-Z][a-zë ,.]+/);
    }
    // Family, netwerk and meelezer: never namens anyone, whoever.
    for (const role of ROLES.filter((r) => !['jeugdbeschermer', 'casusregisseur', 'professional'].includes(r)))
      expect(
        await failure(() =>
          report(role, { afspraakId: items.task, occurrence: today, result: 'gelukt', forParticipantId: role === 'netwerklid' ? ids.ouder : ids.netwerklid }),
        ),
        role,
      ).toBeInstanceOf(NotAllowed);
  });

  it('refuses namens someone who is not an owner (400), or who is not in this case (404)', async () => {
    const notOwner = await failure(() =>
      report('jeugdbeschermer', { afspraakId: items.task, occurrence: today, result: 'gelukt', forParticipantId: ids.ouder }),
    );
    expect(notOwner).toBeInstanceOf(InvalidInput);
    expect(notOwner.message).toBe('Deze persoon doet deze afspraak niet.');
    const elsewhere = await failure(() =>
      report('jeugdbeschermer', { afspraakId: items.daily, occurrence: today, result: 'gelukt', forParticipantId: other.participantIds.ouder }),
    );
    expect(elsewhere).toBeInstanceOf(NotFound);
  });

  it('answers unknown afspraken and those of another case with NotFound', async () => {
    for (const afspraakId of ['bestaat-niet', items.foreign]) {
      const e = await failure(() => report('ouder', { afspraakId, occurrence: today, result: 'gelukt' }));
      expect(e, afspraakId).toBeInstanceOf(NotFound);
      expect(e.message).toBe('Deze afspraak bestaat niet (meer) in deze casus.');
    }
  });
});

describe('reportCheckIn: which day', () => {
  it('refuses bad input in Dutch (400)', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{}, 'Deze afspraak bestaat niet.'],
      [{ afspraakId: items.daily, result: 'gelukt' }, 'Kies een echte datum (jjjj-mm-dd).'],
      [{ afspraakId: items.daily, occurrence: '2027-02-30', result: 'gelukt' }, 'Kies een echte datum (jjjj-mm-dd).'],
      [{ afspraakId: items.daily, occurrence: 'morgen', result: 'gelukt' }, 'Kies een echte datum (jjjj-mm-dd).'],
      [{ afspraakId: items.daily, occurrence: ['2027-01-01'], result: 'gelukt' }, 'Kies een echte datum (jjjj-mm-dd).'],
      [{ afspraakId: items.daily, occurrence: today, result: 'super' }, 'Kies gelukt, deels of niet gelukt.'],
      [{ afspraakId: items.daily, occurrence: today, result: 'gelukt', toelichting: 'x'.repeat(501) }, 'De toelichting mag hoogstens 500 tekens hebben.'],
      [{ afspraakId: '../../etc', occurrence: today, result: 'gelukt' }, 'Deze afspraak bestaat niet.'],
    ];
    for (const [input, message] of bad) {
      const e = await failure(() => report('ouder', input));
      expect(e, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(e.message).toBe(message);
    }
  });

  it('refuses a day in the future, before the start, not on the schedule, or of an afspraak without a date (400)', async () => {
    const cases: [string, string, string][] = [
      [items.daily, addDaysIso(today, 1), 'Deze dag moet nog komen. Je kunt pas melden als de dag er is.'],
      [items.daily, addDaysIso(today, -15), 'Op deze dag staat de afspraak niet gepland.'],
      [items.weekly, today, 'Op deze dag staat de afspraak niet gepland.'],
      [items.undated, today, 'Deze afspraak heeft nog geen startdatum. Vraag de casusregisseur om die in te vullen.'],
    ];
    for (const [afspraakId, occurrence, message] of cases) {
      const role = afspraakId === items.undated || afspraakId === items.daily ? 'ouder' : 'netwerklid';
      const e = await failure(() => report(role, { afspraakId, occurrence, result: 'gelukt' }));
      expect(e, `${occurrence}`).toBeInstanceOf(InvalidInput);
      expect(e.message).toBe(message);
    }
  });

  it('refuses in a closed case (409)', async () => {
    commands.reportCheckIn(
      { caseId: other.caseId, participantId: other.participantIds.ouder! },
      { afspraakId: items.foreign, occurrence: today, result: 'gelukt' },
    );
    commands.closeCase({ caseId: other.caseId, participantId: other.participantIds.jb! }, { reason: 'Klaar met de hulp' });
    const e = await failure(() =>
      commands.reportCheckIn(
        { caseId: other.caseId, participantId: other.participantIds.ouder! },
        { afspraakId: items.foreign, occurrence: today, result: 'deels' },
      ),
    );
    expect(e).toBeInstanceOf(Conflict);
  });
});

describe('reportCheckIn: one transaction', () => {
  it('writes no check-in when its audit row fails, and no audit row when the check-in fails', async () => {
    for (const table of ['audit_log', 'check_ins']) {
      server.services.database.sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'x'); end;`);
      const before = { rows: rowsOf(items.daily).length, audit: auditCount() };
      expect(() => report('ouder', { afspraakId: items.daily, occurrence: addDaysIso(today, -3), result: 'gelukt' })).toThrow();
      expect({ rows: rowsOf(items.daily).length, audit: auditCount() }, table).toEqual(before);
      server.services.database.sqlite.exec('drop trigger temp.fail_insert');
    }
    const before = auditCount();
    report('ouder', { afspraakId: items.daily, occurrence: addDaysIso(today, -3), result: 'gelukt' });
    expect(auditCount()).toBe(before + 1);
  });
});

describe('history', () => {
  it('counts the latest report per day and person, and keeps old reports when the recurrence changes', () => {
    const start = addDaysIso(today, -10);
    let id = '';
    writePlan(caseId, ids.jeugdbeschermer!, (doc, who) => {
      id = addItem(doc, who, {
        section: 'afspraken',
        fields: { wat: 'Avondritueel', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
        values: { wie: [ids.ouder!], start, herhaling: 'dagelijks' },
      });
    });
    report('ouder', { afspraakId: id, occurrence: start, result: 'gelukt' });
    report('ouder', { afspraakId: id, occurrence: addDaysIso(start, 1), result: 'niet-gelukt', toelichting: 'Ruzie' });
    report('ouder', { afspraakId: id, occurrence: addDaysIso(start, 2), result: 'niet-gelukt' });
    report('ouder', { afspraakId: id, occurrence: addDaysIso(start, 2), result: 'gelukt', toelichting: 'Toch gelukt' }); // a correction
    const list = () => afspraken(server.services.sync.room(caseId, 'plan').doc);
    let view = checkInsOfCase(server.services.db, caseId, list(), today)[id]!;
    expect(view.summary).toBe('2 van de 3 keer gelukt');
    expect(view.history.map((h) => [h.occurrence, h.result])).toEqual([
      [addDaysIso(start, 2), 'gelukt'],
      [addDaysIso(start, 1), 'niet-gelukt'],
      [start, 'gelukt'],
    ]);
    expect(view.unreported.map((u) => u.occurrence)).toContain(today);
    expect(view.unreported.map((u) => u.occurrence)).not.toContain(start);

    // From now on only once a week, on the start's weekday ("om de 1 week" = wekelijks on that day).
    writePlan(caseId, ids.jeugdbeschermer!, (doc, who) => setValue(doc, id, 'herhaling', `wekelijks:${isoWeekday(start)}`, who));
    view = checkInsOfCase(server.services.db, caseId, list(), today)[id]!;
    expect(view.summary).toBe('2 van de 3 keer gelukt');
    expect(view.history).toHaveLength(3);
    expect(view.unreported.map((u) => u.occurrence)).toEqual([addDaysIso(start, 7)]);
    const mine = checkInsOfPerson(server.services.db, caseId, ids.ouder!, list(), today).find((m) => m.afspraak.id === id)!;
    expect(mine).toMatchObject({ due: addDaysIso(start, 7), reported: null, summary: '2 van de 3 keer gelukt' });
    report('ouder', { afspraakId: id, occurrence: addDaysIso(start, 7), result: 'deels' });
    expect(checkInsOfPerson(server.services.db, caseId, ids.ouder!, list(), today).find((m) => m.afspraak.id === id)).toMatchObject({
      reported: { result: 'deels' },
      summary: '2 van de 4 keer gelukt',
    });
  });

  it('shows each person their own afspraken, veiligheidsnetwerk tasks included', () => {
    const list = afspraken(server.services.sync.room(caseId, 'plan').doc);
    const mine = checkInsOfPerson(server.services.db, caseId, ids.netwerklid!, list, today);
    expect(mine.map((m) => [m.afspraak.id, m.afspraak.kind])).toEqual([
      [items.daily, 'afspraak'],
      [items.weekly, 'afspraak'],
      [items.task, 'netwerk'],
    ]);
    expect(mine.find((m) => m.afspraak.id === items.daily)).toMatchObject({ due: today, reported: null });
    expect(mine.find((m) => m.afspraak.id === items.task)).toMatchObject({ due: today, summary: '0 van de 1 keer gelukt' });
  });
});

describe('akkoord needs an owner on every afspraak', () => {
  it('is refused in Dutch naming the afspraken without an owner, and asked once each has one', async () => {
    const jb: Actor = { caseId, participantId: ids.jeugdbeschermer! };
    let id = '';
    writePlan(caseId, ids.jeugdbeschermer!, (doc, who) => {
      id = addItem(doc, who, {
        section: 'afspraken',
        fields: { wat: 'Niemand doet dit nog', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
        values: { wie: [] },
      });
    });
    const e = await failure(() => commands.requestAcceptance(jb));
    expect(e).toBeInstanceOf(Conflict);
    expect(e.message).toBe('Kies eerst wie het doet. Bij deze afspraak staat nog niemand: “Niemand doet dit nog”.');
    writePlan(caseId, ids.jeugdbeschermer!, (doc, who) => setValue(doc, id, 'wie', [ids.ouder!], who));
    expect(commands.requestAcceptance(jb).requestId).toBeTruthy();
  });
});
