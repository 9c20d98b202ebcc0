/**
 * The case-facts commands against the real server (real SQLite file): start a
 * case, change a fact with a reason, add/remove a child, move the kader or
 * stage along the trajectory. Each: the happy path for every role that may,
 * NotAllowed for every role that may not, bad input → InvalidInput in Dutch,
 * ids of another case → NotFound, and the event written in the same
 * transaction as the change (a forced failure of either leaves neither).
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_QUESTION, ROLES, type Role } from '../../app/domain/caseFacts';
import { caseAccess } from '../../app/domain/permissions';
import { nextSteps } from '../../app/domain/trajectory';
import { auditLog, caseEvents, cases, children, organisations, participants, users } from '../../db/schema';
import { createEveryRoleCase, type Account } from '../../tests/support/everyRole';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { get, login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { currentGrounds } from '../cases/grondslag.server';
import { listCaseEvents } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';
import { failure } from '../../tests/support/commandTesting';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
let accounts: Partial<Record<Role, Account>>;
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
let n = 0;

const today = () => todayIso();
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  ({ caseId, ids, other, accounts } = await createEveryRoleCase(server.services.db, 'Gezin Feiten'));
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

const db = () => server.services.db;
const theCase = (id = caseId) => db().select().from(cases).where(eq(cases.id, id)).get()!;
const eventCount = (id = caseId) => db().select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, id)).get()!.n;
const fingerprint = () =>
  ['cases', 'children', 'participants', 'case_events', 'audit_log']
    .map((t) => JSON.stringify(server.services.database.sqlite.prepare(`select * from ${t} order by rowid`).raw().all()))
    .join('\n');

/** A child to remove (each attempt its own). */
function spareChild(): string {
  const id = `kind-${++n}-${Date.now()}`;
  db()
    .insert(children)
    .values({ id, caseId, firstName: `Kind${n}`, birthYear: 2015 })
    .run();
  return id;
}

/** The next allowed kader step from where the case is now. */
const nextKader = () => {
  const c = theCase();
  return nextSteps({ kader: c.kader, maatregelType: c.maatregelType, service: c.kaderService })[0]!.step;
};
const otherStage = () => (theCase().stage === 'uitvoering' ? 'veiligheidsplan' : 'uitvoering');

interface Case {
  name: string;
  input: () => unknown;
  run: (a: Actor, input: unknown) => unknown;
  /** The table and statement of the change itself (a trigger there makes it fail). */
  change: { table: string; event: 'insert' | 'update' | 'delete' };
  bad: unknown[];
  foreign?: () => unknown;
}

const REASON = 'Besproken met het gezin';
const GARBLED = ['', '   ', '../../etc/passwd', 'x'.repeat(500), 42, ['a'], { $ne: 1 }, null];

const CASES: Case[] = [
  {
    name: 'changeCaseFact title',
    input: () => ({ field: 'title', value: `Gezin Feiten ${++n}`, reason: REASON }),
    run: (a, i) => commands.changeCaseFact(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [
      {},
      { field: 'title', value: 'Gezin Nieuw' },
      { field: 'title', value: 'Gezin Nieuw', reason: 'kort' },
      { field: 'title', value: 'Gezin Nieuw', reason: 'x'.repeat(301) },
      { field: 'title', value: 'G', reason: REASON },
      { field: 'title', value: 'x'.repeat(121), reason: REASON },
      { field: 'kader', value: 'nazorg', reason: REASON },
      { field: 'casusregisseurId', value: 'x', reason: REASON },
      // A title is free text: only what is not text, empty or too long is refused.
      ...GARBLED.filter((v) => v !== '../../etc/passwd').map((value) => ({ field: 'title', value, reason: REASON })),
    ],
  },
  {
    name: 'changeCaseFact nextEvaluationDate',
    input: () => ({ field: 'nextEvaluationDate', value: addDays(today(), ++n), reason: 'Het gezin is op vakantie' }),
    run: (a, i) => commands.changeCaseFact(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [
      { field: 'nextEvaluationDate', value: '2027-02-30', reason: REASON },
      { field: 'nextEvaluationDate', value: 'volgende week', reason: REASON },
      { field: 'nextEvaluationDate', value: '10-04-2027', reason: REASON },
      { field: 'nextEvaluationDate', value: '1999-01-01', reason: REASON },
      { field: 'nextEvaluationDate', value: addDays(today(), -1), reason: REASON },
      { field: 'nextEvaluationDate', value: 20270410, reason: REASON },
    ],
  },
  {
    name: 'changeCaseFact vastAanspreekpunt',
    input: () => ({
      field: 'vastAanspreekpunt',
      value: theCase().vastAanspreekpuntId === ids.professional ? ids.jeugdbeschermer : ids.professional,
      reason: REASON,
    }),
    run: (a, i) => commands.changeCaseFact(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [
      ...GARBLED.map((value) => ({ field: 'vastAanspreekpunt', value, reason: REASON })),
      { field: 'vastAanspreekpunt', value: 'bestaat-niet', reason: REASON },
    ],
    foreign: () => ({ field: 'vastAanspreekpunt', value: other.participantIds.jb, reason: REASON }),
  },
  {
    name: 'changeCaseFact safetyFlag',
    // Every writer may turn it on (ADR 033): the flag is reset first, so each run turns it on.
    input: () => {
      db().update(cases).set({ safetyFlag: false }).where(eq(cases.id, caseId)).run();
      return { field: 'safetyFlag', value: 'ja', reason: 'Er is een contactverbod' };
    },
    run: (a, i) => commands.changeCaseFact(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [
      { field: 'safetyFlag', value: 'misschien', reason: REASON },
      { field: 'safetyFlag', reason: REASON },
    ],
  },
  {
    name: 'addChild',
    input: () => ({ firstName: `Mila${++n}`, birthYear: '2019', reason: 'Zusje was nog niet genoemd' }),
    run: (a, i) => commands.addChild(a, i),
    change: { table: 'children', event: 'insert' },
    bad: [
      {},
      { firstName: 'Mila', birthYear: '2019' },
      { firstName: '', birthYear: '2019', reason: REASON },
      { firstName: 'Mila', birthYear: '1990', reason: REASON },
      { firstName: 'Mila', birthYear: String(Number(today().slice(0, 4)) + 2), reason: REASON },
      { firstName: 'Mila', birthYear: 'twee', reason: REASON },
      { firstName: 'Mila', birthYear: '2019.5', reason: REASON },
      { firstName: ['Mila', 'Sam'], birthYear: '2019', reason: REASON },
      { firstName: 'Kim', birthYear: '2014', reason: REASON },
    ],
  },
  {
    name: 'removeChild',
    input: () => ({ childId: spareChild(), reason: 'Woont bij de andere ouder' }),
    run: (a, i) => commands.removeChild(a, i),
    change: { table: 'children', event: 'delete' },
    bad: [{}, { childId: 'een-kind' }, ...GARBLED.map((childId) => ({ childId, reason: REASON }))],
    foreign: () => ({ childId: db().select().from(children).where(eq(children.caseId, other.caseId)).get()!.id, reason: REASON }),
  },
  {
    name: 'changeKader',
    input: () => ({ step: nextKader(), reason: 'Besloten in het teamoverleg' }),
    run: (a, i) => commands.changeKader(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [
      {},
      { step: 'nazorg' },
      { step: 'maatregel', reason: REASON },
      { step: 'drang:onbekend', reason: REASON },
      { kader: 'maatregel', reason: REASON },
      { kader: 'drang', reason: REASON },
      { kader: 'vrijwillig', maatregelType: 'OTS', reason: REASON },
      { kader: 'nazorg', service: 'informatie-advies', reason: REASON },
      { kader: 'koning', reason: REASON },
      { step: 'maatregel:OTS', date: '2027-13-01', reason: REASON },
      { step: 'maatregel:OTS', date: 'gisteren', reason: REASON },
      { step: 'maatregel:OTS', date: addDays(today(), 3), reason: REASON },
    ],
  },
  {
    name: 'changeStage',
    input: () => ({ stage: otherStage(), reason: 'Het plan is klaar' }),
    run: (a, i) => commands.changeStage(a, i),
    change: { table: 'cases', event: 'update' },
    bad: [{}, { stage: 'uitvoering' }, { stage: 'afgesloten', reason: REASON }, ...GARBLED.map((stage) => ({ stage, reason: REASON }))],
  },
];

const writes = (role: Role) => caseAccess(role, 'caseFacts') === 'write';

describe.each(CASES)('$name', (c) => {
  it('does its change and writes its event, for every role that may', async () => {
    for (const role of ROLES.filter(writes)) {
      const before = eventCount();
      await c.run(actor(role), c.input());
      expect(eventCount(), role).toBe(before + 1);
    }
  });

  it('refuses every role that may not, with a Dutch message and no change', async () => {
    for (const role of ROLES.filter((r) => !writes(r))) {
      const input = c.input();
      const before = fingerprint();
      const error = await failure(() => c.run(actor(role), input));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/jeugdbeschermer of casusregisseur/);
      expect(fingerprint() === before, role).toBe(true);
    }
  });

  it('answers bad input with InvalidInput (400) in Dutch, never a crash', async () => {
    for (const input of [...c.bad, undefined, null, 'plain text', 17, [1, 2]]) {
      const before = fingerprint();
      const error = await failure(() => c.run(actor('jeugdbeschermer'), input));
      const label = String(JSON.stringify(input)).slice(0, 80);
      expect([400, 404], label).toContain(error.status);
      expect(error.message, label).not.toMatch(/invalid|expected|received|required|undefined/i);
      expect(fingerprint() === before, label).toBe(true);
    }
  });

  if (c.foreign) {
    it('answers an id of another case with NotFound (404)', async () => {
      const error = await failure(() => c.run(actor('jeugdbeschermer'), c.foreign!()));
      expect(error).toBeInstanceOf(NotFound);
    });
  }

  it('writes the event in the same transaction as the change: a failure of either leaves neither', async () => {
    const sqlite = server.services.database.sqlite;
    for (const failing of [{ table: 'case_events', event: 'insert' }, c.change]) {
      const input = c.input();
      const before = fingerprint();
      sqlite.exec(`create temp trigger fail_insert before ${failing.event} on ${failing.table} begin select raise(abort, 'forced failure'); end;`);
      await expect(Promise.resolve().then(() => c.run(actor('jeugdbeschermer'), input))).rejects.toThrow(/forced failure/);
      sqlite.exec('drop trigger temp.fail_insert');
      expect(fingerprint() === before, `failing ${failing.event} on ${failing.table}`).toBe(true);
    }
  });
});

describe('the safety flag (ADR 033)', () => {
  it('is turned off only by the jeugdbeschermer; the regisseur only in a case without one', async () => {
    const on = () => db().update(cases).set({ safetyFlag: true }).where(eq(cases.id, caseId)).run();
    on();
    const refused = await failure(() => commands.changeCaseFact(actor('casusregisseur'), { field: 'safetyFlag', value: 'nee', reason: REASON }));
    expect(refused).toBeInstanceOf(NotAllowed);
    expect(refused.message).toBe('Alleen de jeugdbeschermer kan de afscherming van de contactgegevens opheffen.');
    expect(theCase().safetyFlag).toBe(true);
    commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'safetyFlag', value: 'nee', reason: 'Het contactverbod is voorbij' });
    expect(theCase().safetyFlag).toBe(false);
    // A case without a jeugdbeschermer (its regisseur may): the cell test of mayChangeSafetyFlag.
  });
});

describe('changing facts', () => {
  it('records who, old → new and why, and refuses the same value again', async () => {
    const date = addDays(today(), 40);
    commands.changeCaseFact(actor('casusregisseur'), { field: 'nextEvaluationDate', value: date, reason: 'Het gezin is op vakantie' });
    const last = listCaseEvents(db(), caseId, { newestFirst: true })[0]!;
    expect(last).toMatchObject({
      type: 'fact-changed',
      field: 'nextEvaluationDate',
      newValue: date,
      reason: 'Het gezin is op vakantie',
      actorName: 'Prof casusregisseur',
    });
    const again = await failure(() => commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'nextEvaluationDate', value: date, reason: REASON }));
    expect(again).toBeInstanceOf(InvalidInput);
    expect(again.message).toBe('Er is niets veranderd.');
  });

  it('refuses an evaluatiemoment in the past and a date that is not a date, in Dutch', async () => {
    const past = await failure(() =>
      commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'nextEvaluationDate', value: addDays(today(), -3), reason: REASON }),
    );
    expect(past.message).toMatch(/in het verleden/);
    const bogus = await failure(() => commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'nextEvaluationDate', value: '2027-02-29', reason: REASON }));
    expect(bogus.message).toBe('Dit is geen geldige datum. Kies een dag in de kalender.');
    expect(bogus.field).toBe('value');
  });

  it('the vast aanspreekpunt is a current professional of this case; unknown or foreign ids are NotFound', async () => {
    expect(
      await failure(() => commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'vastAanspreekpunt', value: 'niemand', reason: REASON })),
    ).toBeInstanceOf(NotFound);
    expect(
      await failure(() => commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'vastAanspreekpunt', value: other.participantIds.jb, reason: REASON })),
    ).toBeInstanceOf(NotFound);
    const family = await failure(() => commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'vastAanspreekpunt', value: ids.ouder, reason: REASON }));
    expect(family).toBeInstanceOf(InvalidInput);
    const target = theCase().vastAanspreekpuntId === ids.casusregisseur ? ids.professional! : ids.casusregisseur!;
    commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'vastAanspreekpunt', value: target, reason: 'Zij ziet het gezin het vaakst' });
    const last = listCaseEvents(db(), caseId, { newestFirst: true })[0]!;
    expect(last.newValue).toBe(target === ids.professional ? 'Prof professional' : 'Prof casusregisseur');
  });

  it('keeps at least one child', async () => {
    const kids = db().select().from(children).where(eq(children.caseId, other.caseId)).all();
    expect(kids).toHaveLength(1);
    const error = await failure(() =>
      commands.removeChild({ caseId: other.caseId, participantId: other.participantIds.jb! }, { childId: kids[0]!.id, reason: REASON }),
    );
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.message).toMatch(/minstens één kind/);
  });

  it('the scale question is a fact with a reason and an event', () => {
    const before = eventCount();
    commands.setScaleQuestion(actor('jeugdbeschermer'), { question: 'Hoe veilig is Kim thuis vandaag?', reason: 'Woorden van het gezin' });
    expect(eventCount()).toBe(before + 1);
    expect(listCaseEvents(db(), caseId, { newestFirst: true })[0]).toMatchObject({ field: 'scaleQuestion', reason: 'Woorden van het gezin' });
  });

  it('a closed case is read-only', async () => {
    const closed = await createEveryRoleCase(db(), 'Gezin Gesloten');
    db().update(cases).set({ closedAt: Date.now() }).where(eq(cases.id, closed.caseId)).run();
    const error = await failure(() =>
      commands.changeCaseFact({ caseId: closed.caseId, participantId: closed.ids.jeugdbeschermer! }, { field: 'title', value: 'Anders', reason: REASON }),
    );
    expect(error).toBeInstanceOf(Conflict);
  });
});

describe('the trajectory', () => {
  it('moves only along allowed transitions, with old and new value, date, reason and who decided', async () => {
    const t = await createEveryRoleCase(db(), 'Gezin Traject');
    const jb = { caseId: t.caseId, participantId: t.ids.jeugdbeschermer! };
    const refused = await failure(() => commands.changeKader(jb, { step: 'nazorg', reason: REASON }));
    expect(refused).toBeInstanceOf(InvalidInput);
    expect(refused.message).toBe('Deze overgang kan niet: van “Vrijwillig kader” naar “Nazorg” is geen toegestane stap.');
    expect(refused.field).toBe('step');
    const same = await failure(() => commands.changeKader(jb, { kader: 'vrijwillig', reason: REASON }));
    expect(same.message).toMatch(/^Deze overgang kan niet: de casus staat al op/);

    const decided = addDays(today(), -2);
    expect(commands.changeKader(jb, { step: 'drang:aansluiten-ondersteunen', date: decided, reason: 'Zorgen blijven' })).toEqual({ kind: 'opschalen' });
    expect(commands.changeKader(jb, { kader: 'maatregel', maatregelType: 'VOTS', reason: 'Spoedmaatregel' })).toEqual({ kind: 'opschalen' });
    expect(commands.changeKader(jb, { step: 'maatregel:OTS', reason: 'Uitspraak rechter' })).toEqual({ kind: 'opschalen' });
    expect(commands.changeKader(jb, { step: 'drang:informatie-advies', reason: 'Het gaat beter' })).toEqual({ kind: 'afschalen' });
    expect(theCase(t.caseId)).toMatchObject({ kader: 'drang', maatregelType: null, kaderService: 'informatie-advies' });

    const events = listCaseEvents(db(), t.caseId, { types: ['kader-changed'] });
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({
      actorName: 'Prof jeugdbeschermer',
      reason: 'Zorgen blijven',
      oldValue: { kader: 'vrijwillig', maatregelType: null, service: null },
      newValue: { kader: 'drang', maatregelType: null, service: 'aansluiten-ondersteunen', date: decided, kind: 'opschalen' },
    });
    expect(events[1]!.newValue).toMatchObject({ date: today() });

    expect(commands.changeStage(jb, { stage: 'veiligheidsplan', reason: 'Zorgen staan op de kaart' })).toEqual({ direction: 'verder' });
    const stage = await failure(() => commands.changeStage(jb, { stage: 'veiligheidsplan', reason: REASON }));
    expect(stage.message).toMatch(/^Deze overgang kan niet: de casus is al in de fase/);
    expect(listCaseEvents(db(), t.caseId, { types: ['stage-changed'] })[0]).toMatchObject({ oldValue: 'kennismaking', newValue: 'veiligheidsplan' });
  });
});

describe('startCase', () => {
  let creator: Account;
  const valid = (extra: Record<string, unknown> = {}) => ({
    title: `Gezin Start ${++n}`,
    child1FirstName: 'Sam',
    child1BirthYear: '2016',
    child2FirstName: 'Lot',
    child2BirthYear: '2019',
    child3FirstName: '',
    child3BirthYear: '',
    step: 'drang:specialistisch-casemanagement',
    stage: 'kennismaking',
    myRole: 'jeugdbeschermer',
    regisseurEmail: '',
    aanspreekpunt: 'ik',
    nextEvaluationDate: addDays(today(), 14),
    scaleQuestionChoice: 'standaard',
    member1Name: 'Linda Start',
    member1Role: 'ouder',
    member1Relation: 'moeder',
    member2Name: '',
    member2Role: '',
    member2Relation: '',
    ...extra,
  });
  const start = (input: unknown, userId = creator.id) => commands.startCase({ userId, sessionRef: 'test' }, input);
  const caseCount = () => db().select({ n: count() }).from(cases).get()!.n;
  const people = (id: string) => server.services.cases.participants(id);

  beforeAll(async () => {
    creator = await createProfessionalFixture(db(), 'Sophie Starter', 'GI Startregio');
  });

  it('makes the case, its children, participants, audit rows and a case-started event; the creator is its regisseur', () => {
    const { caseId: id, participantId } = start(valid());
    const c = theCase(id);
    expect(c).toMatchObject({ kader: 'drang', kaderService: 'specialistisch-casemanagement', stage: 'kennismaking', scaleQuestion: DEFAULT_SCALE_QUESTION });
    expect(c.casusregisseurId).toBe(participantId);
    expect(c.vastAanspreekpuntId).toBe(participantId);
    const org = server.services.db.select().from(participants).where(eq(participants.id, participantId)).get()!;
    expect(org).toMatchObject({ role: 'jeugdbeschermer', userId: creator.id });
    expect(
      db()
        .select()
        .from(children)
        .where(eq(children.caseId, id))
        .all()
        .map((k) => [k.firstName, k.birthYear]),
    ).toEqual(
      expect.arrayContaining([
        ['Sam', 2016],
        ['Lot', 2019],
      ]),
    );
    expect(people(id).map((p) => [p.name, p.role])).toEqual([
      ['Sophie Starter', 'jeugdbeschermer'],
      ['Linda Start', 'ouder'],
    ]);
    const audits = db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.caseId, id), eq(auditLog.type, 'participant-added')))
      .get()!.n;
    expect(audits).toBe(2);
    expect(listCaseEvents(db(), id).map((e) => [e.type, e.actorName, e.subjectName])).toEqual([['case-started', 'Sophie Starter', 'Sophie Starter']]);
    expect(server.services.cases.listForUser(creator.id).some((x) => x.id === id)).toBe(true);
  });

  it('with another regisseur by e-mail: exactly one casusregisseur, and the creator in the role they chose', async () => {
    const regisseur = await createProfessionalFixture(db(), 'Ruben Regie', 'Wijkteam Start');
    const {
      caseId: id,
      participantId,
      regisseurId,
    } = start(
      valid({
        myRole: 'professional',
        regisseurEmail: regisseur.email.toUpperCase(),
        aanspreekpunt: 'regisseur',
        scaleQuestionChoice: 'eigen',
        ownScaleQuestion: 'Hoe veilig is Sam thuis, van 0 tot 10?',
      }),
    );
    const list = people(id);
    expect(list.filter((p) => p.role === 'casusregisseur').map((p) => p.name)).toEqual(['Ruben Regie']);
    expect(list.find((p) => p.id === participantId)!.role).toBe('professional');
    expect(theCase(id)).toMatchObject({
      casusregisseurId: regisseurId,
      vastAanspreekpuntId: regisseurId,
      scaleQuestion: 'Hoe veilig is Sam thuis, van 0 tot 10?',
    });
    // The creator as professional may read, not change, the facts of the case they started.
    const error = await failure(() => commands.changeCaseFact({ caseId: id, participantId }, { field: 'title', value: 'Anders genoemd', reason: REASON }));
    expect(error).toBeInstanceOf(NotAllowed);
    // A professional who is their own regisseur acts as casusregisseur.
    const own = start(valid({ myRole: 'professional' }));
    expect(
      people(own.caseId)
        .filter((p) => p.role === 'casusregisseur')
        .map((p) => p.id),
    ).toEqual([own.participantId]);
  });

  it.each([
    [{ title: 'G' }, 'title'],
    [{ child1FirstName: '', child1BirthYear: '', child2FirstName: '', child2BirthYear: '' }, 'child1FirstName'],
    [{ child2BirthYear: '1980' }, 'child2BirthYear'],
    [{ child2BirthYear: 'twee' }, 'child2BirthYear'],
    [{ child2FirstName: '' }, 'child2FirstName'],
    [{ child7FirstName: 'Zeven', child7BirthYear: '2016' }, 'child7FirstName'],
    [{ step: 'maatregel' }, 'kader'],
    [{ step: '', kader: 'maatregel' }, 'maatregelType'],
    [{ step: '', kader: 'drang' }, 'service'],
    [{ step: '', kader: 'vrijwillig', maatregelType: 'OTS' }, 'maatregelType'],
    [{ step: '', kader: 'nazorg', service: 'informatie-advies' }, 'service'],
    [{ stage: 'afgesloten' }, 'stage'],
    [{ myRole: 'casusregisseur' }, 'myRole'],
    [{ myRole: '' }, 'myRole'],
    [{ regisseurEmail: 'geen-mail' }, 'regisseurEmail'],
    [{ regisseurEmail: 'niemand@nergens.nl' }, 'regisseurEmail'],
    [{ aanspreekpunt: 'buurman' }, 'aanspreekpunt'],
    [{ nextEvaluationDate: '' }, 'nextEvaluationDate'],
    [{ nextEvaluationDate: '2027-02-30' }, 'nextEvaluationDate'],
    [{ nextEvaluationDate: addDays(todayIso(), -1) }, 'nextEvaluationDate'],
    [{ scaleQuestionChoice: 'eigen', ownScaleQuestion: '' }, 'ownScaleQuestion'],
    [{ scaleQuestionChoice: 'eigen', ownScaleQuestion: 'Kort' }, 'ownScaleQuestion'],
    [{ member2Name: 'Piet' }, 'member2Role'],
    [{ member1Role: 'jeugdbeschermer' }, 'member1Role'],
    [{ member1Role: 'netwerklid' }, 'member1Role'],
  ])('refuses %j with a Dutch message at field %s, and makes nothing', async (extra, field) => {
    const before = caseCount();
    const error = await failure(() => start(valid(extra)));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.field).toBe(field);
    expect(error.message).not.toMatch(/invalid|expected|received|required|undefined/i);
    expect(caseCount()).toBe(before);
  });

  it('never crashes on garbage', async () => {
    for (const input of [undefined, null, 'tekst', 17, [1, 2], {}, { children: 'x', members: 5 }, { children: [null, 4, { firstName: ['a'] }] }]) {
      const error = await failure(() => start(input));
      expect([400]).toContain(error.status);
    }
  });

  it('takes children and members as arrays from code too', () => {
    const { caseId: id } = start({
      ...valid({ child1FirstName: '', child1BirthYear: '', child2FirstName: '', child2BirthYear: '', member1Name: '', member1Relation: '' }),
      children: [{ firstName: 'Ada', birthYear: 2018 }],
      members: [{ name: 'Jesse Ank', role: 'jeugdige', relation: 'zoon' }],
    });
    expect(db().select().from(children).where(eq(children.caseId, id)).all()).toHaveLength(1);
    expect(people(id).map((p) => p.name)).toContain('Jesse Ank');
  });

  it('names only ouders and jeugdigen at the start: a netwerk member joins on Betrokkenen with a grondslag (ADR 040)', async () => {
    const before = caseCount();
    for (const input of [valid({ member2Name: 'Oma Ank', member2Role: 'netwerklid' }), { ...valid(), members: [{ name: 'Oma Ank', role: 'netwerklid' }] }]) {
      const error = await failure(() => start(input));
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error.message).toMatch(/Netwerkleden voeg je daarna toe bij Betrokkenen/);
    }
    expect(caseCount()).toBe(before);
  });

  it('under a maatregel the professionals who start the case take part on its legal ground; without one no ground is made up', async () => {
    const regisseur = await createProfessionalFixture(db(), 'Ruben Grond', 'Wijkteam Start');
    const ots = start(valid({ step: 'maatregel:OTS', myRole: 'jeugdbeschermer', regisseurEmail: regisseur.email }));
    const grounds = currentGrounds(db(), ots.caseId);
    for (const id of [ots.participantId, ots.regisseurId]) {
      expect(grounds.get(id)).toMatchObject({ basis: 'wettelijk', legalGround: 'Ondertoezichtstelling (artikel 1:255 BW)' });
    }
    const parent = people(ots.caseId).find((p) => p.role === 'ouder')!;
    expect(grounds.has(parent.id)).toBe(false);
    const audits = db()
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.caseId, ots.caseId), eq(auditLog.type, 'grondslag-recorded')))
      .get()!.n;
    expect(audits).toBe(2);
    // Drang rests on the family's consent, which the manager records on Betrokkenen: nothing is invented.
    const drang = start(valid());
    expect(currentGrounds(db(), drang.caseId).size).toBe(0);
  });

  it('is only for a professional account: an unknown user id (or a participant id) cannot start a case', async () => {
    const before = caseCount();
    expect(await failure(() => start(valid(), ids.ouder!))).toBeInstanceOf(NotAllowed);
    expect(await failure(() => start(valid(), 'bestaat-niet'))).toBeInstanceOf(NotAllowed);
    expect(caseCount()).toBe(before);
  });

  it('is one transaction: a failing event or audit row leaves no case behind', async () => {
    const sqlite = server.services.database.sqlite;
    for (const table of ['case_events', 'audit_log', 'participants']) {
      const before = fingerprint();
      sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'forced failure'); end;`);
      expect(() => start(valid())).toThrow(/forced failure/);
      sqlite.exec('drop trigger temp.fail_insert');
      expect(fingerprint() === before, table).toBe(true);
    }
  });
});

describe('over HTTP', () => {
  let jbCookie: string;
  let familyCookie: string;
  beforeAll(async () => {
    jbCookie = await login(server.url, accounts.jeugdbeschermer!.email, accounts.jeugdbeschermer!.password);
    familyCookie = (await server.services.auth.createParticipantSession(ids.ouder!)).split(';')[0]!;
  });
  const form = () => ({
    intent: 'start-case',
    title: `Gezin Web ${++n}`,
    child1FirstName: 'Noa',
    child1BirthYear: '2017',
    step: 'vrijwillig',
    stage: 'kennismaking',
    myRole: 'jeugdbeschermer',
    aanspreekpunt: 'ik',
    nextEvaluationDate: addDays(today(), 7),
    scaleQuestionChoice: 'standaard',
  });

  it("the form shows the organisation's own standard question when its beheerder set one (as startCase uses it)", async () => {
    const orgId = db().select({ o: users.organisationId }).from(users).where(eq(users.id, accounts.jeugdbeschermer!.id)).get()!.o;
    const own = 'Hoe veilig is het thuis, van 0 tot 10, volgens onze organisatie?';
    db().update(organisations).set({ defaultScaleQuestion: own }).where(eq(organisations.id, orgId)).run();
    try {
      expect(await (await get(server.url, '/casussen/nieuw', jbCookie)).text()).toContain(own);
    } finally {
      db().update(organisations).set({ defaultScaleQuestion: null }).where(eq(organisations.id, orgId)).run();
    }
    expect(await (await get(server.url, '/casussen/nieuw', jbCookie)).text()).toContain(DEFAULT_SCALE_QUESTION.slice(0, 40));
  });

  it('a professional starts a case from the form and lands on its kaart', async () => {
    const page = await get(server.url, '/casussen/nieuw', jbCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Nieuwe casus');
    const res = await postForm(server.url, '/casussen/nieuw', form(), { Cookie: jbCookie });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^\/casussen\/[0-9a-f-]{36}\/kaart$/);
  });

  it('a family session cannot start a case (only accounts), and nothing is made', async () => {
    const before = db().select({ n: count() }).from(cases).get()!.n;
    const res = await postForm(server.url, '/casussen/nieuw', form(), { Cookie: familyCookie });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/casussen/${caseId}`);
    expect((await get(server.url, '/casussen/nieuw', familyCookie)).status).toBe(302);
    expect(db().select({ n: count() }).from(cases).get()!.n).toBe(before);
  });

  it('answers bad input with a Dutch 400 for its field', async () => {
    const res = await postForm(server.url, '/casussen/nieuw?_data=routes%2Fcasussen.nieuw', { ...form(), child1BirthYear: '1800' }, { Cookie: jbCookie });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/^Vul een geboortejaar in tussen/), field: 'child1BirthYear' });
  });

  it('never answers 500 to garbage on /casussen/nieuw, signed in or not (the intent sweep posts to case tabs only)', async () => {
    const bodies: Record<string, string>[] = [
      {},
      { intent: 'start-case' },
      { intent: 'onbekend' },
      {
        intent: 'start-case',
        title: '\u0000',
        child1BirthYear: '1e9',
        step: '../..',
        stage: "' or 1=1 --",
        myRole: 'koning',
        nextEvaluationDate: '2027-99-99',
      },
      { ...form(), child9FirstName: 'x'.repeat(5000), member1Role: 'beheerder', regisseurEmail: 'x'.repeat(400) },
    ];
    for (const cookie of [jbCookie, familyCookie, '']) {
      for (const body of bodies) {
        const res = await postForm(server.url, '/casussen/nieuw?_data=routes%2Fcasussen.nieuw', body, cookie ? { Cookie: cookie } : {});
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBeLessThan(500);
        if (res.status === 400) expect(((await res.json()) as { error: string }).error).not.toMatch(/invalid|expected|received|required|undefined|error/i);
      }
    }
  });

  it('the family home says what happens now, when there is a look again, what if the plan does not work, and what changed since the last visit', async () => {
    const home = () => get(server.url, `/casussen/${caseId}`, familyCookie).then((r) => r.text());
    const first = await home();
    expect(first).toContain('Wat gebeurt er nu?');
    expect(first).toContain('Wanneer wordt er weer gekeken?');
    expect(first).toContain('Wat als het plan niet werkt?');
    const date = addDays(today(), 77);
    commands.changeCaseFact(actor('jeugdbeschermer'), { field: 'nextEvaluationDate', value: date, reason: 'Omdat de moeder dan terug is.' });
    const second = await home();
    expect(second).toMatch(/Op \d{1,2} \w+ is de volgende evaluatie verzet naar \d{1,2} \w+ \d{4}, omdat de moeder dan terug is\./);
    expect(second).toMatch(/kijken we samen hoe het gaat/);
  });

  it('Casusgegevens: read-only for other professionals, forms for the jeugdbeschermer, the family goes home', async () => {
    const path = `/casussen/${caseId}/casusgegevens`;
    const jbPage = await (await get(server.url, path, jbCookie)).text();
    expect(jbPage).toContain('name="intent" value="kader"');
    const prof = await login(server.url, accounts.professional!.email, accounts.professional!.password);
    const profPage = await (await get(server.url, path, prof)).text();
    expect(profPage).toContain('Casusgegevens');
    expect(profPage).not.toContain('name="intent" value="kader"');
    const family = await get(server.url, path, familyCookie);
    expect(family.status).toBe(302);
    const posted = await postForm(
      server.url,
      `${path}?_data=routes%2Fcasussen.%24caseId.casusgegevens`,
      { intent: 'stage', stage: 'afronding', reason: REASON },
      { Cookie: prof },
    );
    expect(posted.status).toBe(403);
  });
});
