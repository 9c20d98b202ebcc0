/**
 * The regie commands against the real server (real SQLite file, real sync
 * engine): overdracht (start, acknowledge, stop), absences with a vervanger,
 * and a professional's task and period. For each: the happy path, every role
 * that may not (NotAllowed), bad input (InvalidInput in Dutch), ids of another
 * case (NotFound), and the case event written in the same transaction as the
 * change. And the invariant of ADR 016: exactly one casusregisseur, also under
 * two concurrent changes over HTTP.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEvent, describeEventForFamily } from '../../app/domain/caseEvents';
import { isProfessionalRole, ROLES, type Role } from '../../app/domain/caseFacts';
import { mayKeepHelpOf } from '../../app/domain/permissions';
import { addDays } from '../../app/domain/regie';
import { absences, accessGrounds, auditLog, caseEvents, cases, overdrachten, participants, snapshots } from '../../db/schema';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { createCase } from '../cases/cases.server';
import { listCaseEvents } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';
import { helpList, regieSummary } from '../cases/regieView.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';
import { consentBy, failure } from '../../tests/support/commandTesting';

let server: TestServer;
let commands: Commands;
type Setup = Awaited<ReturnType<typeof createEveryRoleCase>>;

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

/** A fresh case with one participant of every role (regie moves in these tests, so each gets its own), reusing one set of accounts. */
async function freshCase(title = 'Gezin Regie'): Promise<Setup & { as: (role: Role) => Actor }> {
  base ??= await createEveryRoleCase(server.services.db, 'Gezin Basis');
  const { caseId, participantIds: ids } = createCase(server.services.db, {
    organisationId: base.organisationId,
    title,
    kader: 'vrijwillig',
    stage: 'kennismaking',
    children: [{ firstName: 'Kim', birthYear: 2014 }],
    participants: ROLES.map((role) =>
      isProfessionalRole(role) ? { key: role, role, userId: base!.accounts[role]!.id } : { key: role, role, name: `Familie ${role}` },
    ),
    casusregisseur: 'casusregisseur',
  });
  return { ...base, caseId, ids, as: (role: Role) => ({ caseId, participantId: ids[role]! }) };
}
let base: Setup | undefined;

const today = () => todayIso();
const NOTE = {
  situatie: 'Het gaat stap voor stap beter. Moeder houdt zich aan de afspraken.',
  openAfsprakenRisicos: 'Oma haalt Kim op dinsdag op. Let op de avonden.',
  gezinBelangrijk: 'Dat de kinderen thuis kunnen blijven wonen.',
  volgendeStappen: 'Kennismaken met het gezin en het netwerkberaad plannen.',
  familySummary: 'Sophie neemt het over van Jan. Er verandert verder niets aan de afspraken.',
};

const regieOf = (caseId: string) => server.services.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
const openOf = (caseId: string) =>
  server.services.db
    .select()
    .from(overdrachten)
    .where(and(eq(overdrachten.caseId, caseId), isNull(overdrachten.completedAt), isNull(overdrachten.cancelledAt)))
    .all();
const eventsOf = (caseId: string, type: string) =>
  server.services.db
    .select({ n: count() })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type as never)))
    .get()!.n;
const roleOf = (caseId: string, participantId: string) => server.services.cases.participants(caseId).find((p) => p.id === participantId)?.role;
const regisseurs = (caseId: string) => server.services.cases.participants(caseId).filter((p) => p.role === 'casusregisseur');

/** Everything these commands could write, compared whole before and after a forced failure. */
const TABLES = ['participants', 'snapshots', 'overdrachten', 'absences', 'cases', 'case_events', 'audit_log'];
const fingerprint = () =>
  TABLES.map((t) =>
    JSON.stringify(server.services.database.sqlite.prepare(`select * from ${t} order by rowid`).raw().all(), (_k, v: unknown) =>
      Buffer.isBuffer(v) ? v.length : v,
    ),
  ).join('\n');

/** Runs `run` with a forced failure on `table` and checks that nothing at all changed. */
async function atomic(table: string, event: 'insert' | 'update', run: () => unknown) {
  const sqlite = server.services.database.sqlite;
  const before = fingerprint();
  sqlite.exec(`create temp trigger fail_insert before ${event} on ${table} begin select raise(abort, 'forced failure'); end;`);
  await expect(Promise.resolve().then(run)).rejects.toThrow(/forced failure/);
  sqlite.exec('drop trigger temp.fail_insert');
  expect(fingerprint() === before, `failing ${event} on ${table}`).toBe(true);
}

/** Bad input is a 400 (or a 404 for an id that names nothing) with a Dutch message, never a crash or zod's English. */
async function refusesBadInput(run: (input: unknown) => unknown, inputs: unknown[]) {
  for (const input of [...inputs, undefined, null, 'plain text', 17, [1, 2]]) {
    const error = await failure(() => run(input));
    expect([400, 404], String(JSON.stringify(input)).slice(0, 120)).toContain(error.status);
    expect(error.message).not.toMatch(/invalid|expected|received|required|undefined/i);
  }
}

const GARBLED = ['', '   ', '../../etc/passwd', 'x'.repeat(500), 42, ['a'], { $ne: 1 }, null];

describe('startOverdracht', () => {
  it('starts a handover with its note, an automatic `overdracht` version linked to it, and its event — regie stays until acknowledged', async () => {
    const c = await freshCase();
    const r = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    const row = server.services.db.select().from(overdrachten).where(eq(overdrachten.id, r.overdrachtId)).get()!;
    expect(row).toMatchObject({
      caseId: c.caseId,
      fromParticipantId: c.ids.casusregisseur,
      toParticipantId: c.ids.professional,
      startedById: c.ids.jeugdbeschermer,
      situatie: NOTE.situatie,
      familySummary: NOTE.familySummary,
      completedAt: null,
      overlapUntil: null,
    });
    const version = server.services.db.select().from(snapshots).where(eq(snapshots.id, row.snapshotId)).get()!;
    expect(version).toMatchObject({
      caseId: c.caseId,
      reason: 'overdracht',
      label: 'Overdracht aan Prof professional',
      authorParticipantId: c.ids.jeugdbeschermer,
    });
    const audit = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, c.caseId), eq(auditLog.type, 'snapshot')))
      .all();
    expect(audit.map((a) => JSON.parse(a.detail ?? '{}') as { versie?: string }).some((d) => d.versie === row.snapshotId)).toBe(true);
    const [event] = listCaseEvents(server.services.db, c.caseId, { types: ['overdracht-started'] });
    expect(event).toMatchObject({ subjectName: 'Prof professional', actorName: 'Prof jeugdbeschermer', refId: r.overdrachtId });
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.casusregisseur);
    // No overlap: the incoming regisseur has no regie rights yet.
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('professional');
  });

  it('may be started by the regisseur and the jeugdbeschermer, by nobody else', async () => {
    const c = await freshCase();
    for (const role of ['casusregisseur', 'jeugdbeschermer'] as const) {
      const r = commands.startOverdracht(c.as(role), { toParticipantId: c.ids.professional, ...NOTE });
      commands.cancelOverdracht(c.as(role), { overdrachtId: r.overdrachtId, reason: 'Toch niet nodig' });
    }
    for (const role of ROLES.filter((r) => r !== 'casusregisseur' && r !== 'jeugdbeschermer')) {
      const before = fingerprint();
      const error = await failure(() => commands.startOverdracht(c.as(role), { toParticipantId: c.ids.professional, ...NOTE }));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/regie/);
      expect(fingerprint() === before, role).toBe(true);
    }
  });

  it('answers bad input in Dutch: missing parts, garbled ids, dates that are not dates, and people who cannot take regie', async () => {
    const c = await freshCase();
    const to = { toParticipantId: c.ids.professional };
    await refusesBadInput(
      (i) => commands.startOverdracht(c.as('jeugdbeschermer'), i),
      [
        {},
        { ...NOTE },
        { ...to },
        { ...to, ...NOTE, situatie: '' },
        { ...to, ...NOTE, familySummary: 'kort' },
        { ...to, ...NOTE, volgendeStappen: 'x'.repeat(4001) },
        { ...to, ...NOTE, gezinBelangrijk: ['a', 'b'] },
        ...GARBLED.map((toParticipantId) => ({ ...NOTE, toParticipantId })),
        { ...NOTE, toEmail: 'geen-mail' },
        { ...NOTE, toEmail: 'niemand@nergens.nl' },
        { ...to, ...NOTE, toEmail: 'ook@dit.nl' },
        { ...to, ...NOTE, overlapUntil: 'morgen' },
        { ...to, ...NOTE, overlapUntil: '2027-02-30' },
        { ...to, ...NOTE, overlapUntil: addDays(today(), -1) },
        { ...to, ...NOTE, overlapUntil: addDays(today(), 200) },
        { ...NOTE, toParticipantId: c.ids.casusregisseur },
        { ...NOTE, toParticipantId: c.ids.meelezer },
        { ...NOTE, toParticipantId: c.ids.jeugdige },
        { ...NOTE, toParticipantId: c.ids.netwerklid },
        { ...NOTE, toParticipantId: c.ids.ouder },
        { ...NOTE, toParticipantId: c.ids.ouder, regieProfessionalId: c.ids.meelezer },
        { ...NOTE, toParticipantId: c.ids.ouder, regieProfessionalId: c.ids.netwerklid },
      ],
    );
    const same = await failure(() => commands.startOverdracht(c.as('jeugdbeschermer'), { ...NOTE, toParticipantId: c.ids.casusregisseur }));
    expect(same).toBeInstanceOf(InvalidInput);
    expect(same.message).toBe('Deze persoon heeft de regie al. Kies iemand anders.');
    const past = await failure(() => commands.startOverdracht(c.as('jeugdbeschermer'), { ...to, ...NOTE, overlapUntil: '2020-01-01' }));
    expect(past.message).toMatch(/verleden/);
    expect(openOf(c.caseId)).toHaveLength(0);
  });

  it('answers someone of another case with NotFound', async () => {
    const c = await freshCase();
    const error = await failure(() => commands.startOverdracht(c.as('jeugdbeschermer'), { ...NOTE, toParticipantId: c.other.participantIds.jb }));
    expect(error).toBeInstanceOf(NotFound);
    const beside = await failure(() =>
      commands.startOverdracht(c.as('jeugdbeschermer'), { ...NOTE, toParticipantId: c.ids.ouder, regieProfessionalId: c.other.participantIds.jb }),
    );
    expect(beside).toBeInstanceOf(NotFound);
  });

  it('hands over to a professional not yet in the case by e-mail: added as professional, with its audit row, in the same transaction', async () => {
    const c = await freshCase();
    const newcomer = await createProfessionalFixture(server.services.db, 'Sophie Nieuw');
    // Without a grondslag nobody new comes in (ADR 040): refused, and nothing was added.
    expect(await failure(() => commands.startOverdracht(c.as('casusregisseur'), { toEmail: newcomer.email, ...NOTE }))).toMatchObject({
      field: 'basis',
    });
    const r = commands.startOverdracht(c.as('casusregisseur'), { toEmail: newcomer.email, ...NOTE, ...consentBy(c.ids.ouder!) });
    const added = server.services.db
      .select()
      .from(participants)
      .where(and(eq(participants.caseId, c.caseId), eq(participants.userId, newcomer.id)))
      .get()!;
    expect(added.role).toBe('professional');
    expect(server.services.db.select().from(overdrachten).where(eq(overdrachten.id, r.overdrachtId)).get()!.toParticipantId).toBe(added.id);
    const audit = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, c.caseId), eq(auditLog.type, 'participant-added'), eq(auditLog.subjectParticipantId, added.id)))
      .all();
    expect(audit).toHaveLength(1);
    const grounds = server.services.db.select().from(accessGrounds).where(eq(accessGrounds.participantId, added.id)).all();
    expect(grounds).toMatchObject([{ basis: 'toestemming', consentGivenById: c.ids.ouder }]);
  });

  it('allows one open overdracht per case (Conflict in Dutch)', async () => {
    const c = await freshCase();
    commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    const error = await failure(() => commands.startOverdracht(c.as('casusregisseur'), { toParticipantId: c.ids.jeugdbeschermer, ...NOTE }));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toBe('Er loopt al een overdracht van de regie. Rond die eerst af of stop haar.');
    expect(openOf(c.caseId)).toHaveLength(1);
  });

  it('writes the overdracht, its version and its event in one transaction', async () => {
    const c = await freshCase();
    const newcomer = await createProfessionalFixture(server.services.db, 'Atomair');
    for (const [table, event] of [
      ['case_events', 'insert'],
      ['overdrachten', 'insert'],
      ['snapshots', 'insert'],
      ['audit_log', 'insert'],
    ] as const) {
      await atomic(table, event, () => commands.startOverdracht(c.as('jeugdbeschermer'), { toEmail: newcomer.email, ...NOTE, ...consentBy(c.ids.ouder!) }));
    }
  });
});

describe('acknowledgeOverdracht', () => {
  it('only the new regisseur acknowledges; then the case names them and exactly one person holds the casusregisseur role', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    for (const role of ROLES.filter((r) => r !== 'professional')) {
      const error = await failure(() => commands.acknowledgeOverdracht(c.as(role), { overdrachtId }));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/Alleen Prof professional, de nieuwe regisseur/);
    }
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.casusregisseur);
    commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId });
    expect(regieOf(c.caseId)).toMatchObject({ casusregisseurId: c.ids.professional, regieProfessionalId: null });
    expect(server.services.db.select().from(overdrachten).where(eq(overdrachten.id, overdrachtId)).get()!.completedAt).not.toBeNull();
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual([c.ids.professional]);
    expect(roleOf(c.caseId, c.ids.casusregisseur!)).toBe('professional');
    const [event] = listCaseEvents(server.services.db, c.caseId, { types: ['overdracht-completed'] });
    expect(event).toMatchObject({ subjectName: 'Prof professional', refId: overdrachtId });
    expect(describeEventForFamily(event!)).toMatch(/is Prof professional jullie regisseur geworden\.$/);
    // The old regisseur lost the rights: they can no longer start one.
    expect(await failure(() => commands.startOverdracht(c.as('casusregisseur'), { toParticipantId: c.ids.jeugdbeschermer, ...NOTE }))).toBeInstanceOf(
      NotAllowed,
    );
    expect(await failure(() => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }))).toBeInstanceOf(Conflict);
  });

  it('refuses when regie moved meanwhile ("De regie is intussen al overgedragen.")', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    // Another change of regie landed first (simulated directly: the commands allow only one open overdracht).
    server.services.db.update(cases).set({ casusregisseurId: c.ids.jeugdbeschermer }).where(eq(cases.id, c.caseId)).run();
    const error = await failure(() => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toBe('De regie is intussen al overgedragen.');
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.jeugdbeschermer);
  });

  it('answers bad input, a stopped overdracht, and an overdracht of another case', async () => {
    const c = await freshCase();
    await refusesBadInput((i) => commands.acknowledgeOverdracht(c.as('professional'), i), [{}, ...GARBLED.map((overdrachtId) => ({ overdrachtId }))]);
    const elsewhere = commands.startOverdracht(
      { caseId: c.other.caseId, participantId: c.other.participantIds.jb! },
      { toParticipantId: c.other.participantIds.ouder, regieProfessionalId: c.other.participantIds.jb, ...NOTE },
    );
    expect(await failure(() => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId: elsewhere.overdrachtId }))).toBeInstanceOf(NotFound);
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    commands.cancelOverdracht(c.as('jeugdbeschermer'), { overdrachtId, reason: 'Andere collega' });
    expect(await failure(() => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }))).toBeInstanceOf(Conflict);
  });

  it('moves regie and writes its event in one transaction', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    await atomic('case_events', 'insert', () => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }));
    await atomic('overdrachten', 'update', () => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }));
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.casusregisseur);
  });
});

describe('exactly one casusregisseur under two concurrent changes (over HTTP)', () => {
  it('two overdrachten started at once: one starts, the other is refused; two acknowledgements at once: one completes', async () => {
    const c = await freshCase();
    const cookie = async (role: Role) => login(server.url, c.accounts[role]!.email, c.accounts[role]!.password);
    const [jb, regisseur, prof] = await Promise.all([cookie('jeugdbeschermer'), cookie('casusregisseur'), cookie('professional')]);
    const path = `/casussen/${c.caseId}/overdracht?_data=${encodeURIComponent('routes/casussen.$caseId.overdracht')}`;
    const start = (who: string, to: string) => postForm(server.url, path, { intent: 'start-overdracht', toParticipantId: to, ...NOTE }, { Cookie: who });
    const starts = await Promise.all([start(jb, c.ids.professional!), start(regisseur, c.ids.jeugdbeschermer!)]);
    expect(starts.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = (await starts.find((r) => r.status === 409)!.json()) as { error: string };
    expect(refused.error).toMatch(/Er loopt al een overdracht/);
    const [open] = openOf(c.caseId);
    expect(open).toBeDefined();
    const toCookie = open!.toParticipantId === c.ids.professional ? prof : jb;
    const ack = () => postForm(server.url, path, { intent: 'acknowledge-overdracht', overdrachtId: open!.id }, { Cookie: toCookie });
    const acks = await Promise.all([ack(), ack()]);
    expect(acks.map((r) => r.status).sort()).toEqual([200, 409]);
    const regie = regieOf(c.caseId);
    expect(regie.casusregisseurId).toBe(open!.toParticipantId);
    const current = server.services.cases.participants(c.caseId);
    expect(current.some((p) => p.id === regie.casusregisseurId)).toBe(true);
    // A jeugdbeschermer holding regie keeps their own role (the same rights and more); otherwise the one regisseur is the one casusregisseur.
    const expected = open!.toParticipantId === c.ids.jeugdbeschermer ? [] : [open!.toParticipantId];
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual(expected);
    expect(eventsOf(c.caseId, 'overdracht-completed')).toBe(1);
  });

  it('an overdracht that lost the race to another completed one is refused, and regie stays with the winner', async () => {
    const c = await freshCase();
    const first = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId: first.overdrachtId });
    // A second overdracht started from the old state (from = the old regisseur) — as if both were started before either completed.
    const second = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.casusregisseur, ...NOTE });
    server.services.db.update(overdrachten).set({ fromParticipantId: c.ids.casusregisseur! }).where(eq(overdrachten.id, second.overdrachtId)).run();
    const error = await failure(() => commands.acknowledgeOverdracht(c.as('casusregisseur'), { overdrachtId: second.overdrachtId }));
    expect(error.message).toBe('De regie is intussen al overgedragen.');
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.professional);
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual([c.ids.professional]);
  });
});

describe('overlap, a parent as regisseur, and removing people who hold or receive regie', () => {
  it('the overlap gives the incoming professional casusregisseur rights only while it runs', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, overlapUntil: today(), ...NOTE });
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('casusregisseur');
    expect(roleOf(c.caseId, c.ids.casusregisseur!)).toBe('casusregisseur');
    expect(regieOf(c.caseId).casusregisseurId).toBe(c.ids.casusregisseur);
    // With those rights the incoming regisseur may keep someone's task (a case-facts write).
    commands.setHelp(c.as('professional'), { participantId: c.ids.jeugdbeschermer, task: 'Jeugdbeschermer', from: today() });
    // Once the overlap is over (yesterday), the rights are gone again.
    server.services.db
      .update(overdrachten)
      .set({ overlapUntil: addDays(today(), -1) })
      .where(eq(overdrachten.id, overdrachtId))
      .run();
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('professional');
    expect(await failure(() => commands.setHelp(c.as('professional'), { participantId: c.ids.jeugdbeschermer, task: 'Iets', from: today() }))).toBeInstanceOf(
      NotAllowed,
    );
    // A stopped overdracht ends the overlap too.
    server.services.db.update(overdrachten).set({ overlapUntil: today() }).where(eq(overdrachten.id, overdrachtId)).run();
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('casusregisseur');
    commands.cancelOverdracht(c.as('jeugdbeschermer'), { overdrachtId, reason: 'Collega blijft toch' });
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('professional');
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual([c.ids.casusregisseur]);
  });

  it('a parent as regisseur keeps the role ouder; the named professional beside them holds the rights', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('casusregisseur'), {
      toParticipantId: c.ids.ouder,
      regieProfessionalId: c.ids.professional,
      ...NOTE,
    });
    // Only the parent, through their own link, acknowledges — not the professional beside them.
    expect(await failure(() => commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId }))).toBeInstanceOf(NotAllowed);
    commands.acknowledgeOverdracht(c.as('ouder'), { overdrachtId });
    expect(regieOf(c.caseId)).toMatchObject({ casusregisseurId: c.ids.ouder, regieProfessionalId: c.ids.professional });
    expect(roleOf(c.caseId, c.ids.ouder!)).toBe('ouder');
    expect(roleOf(c.caseId, c.ids.professional!)).toBe('casusregisseur');
    expect(roleOf(c.caseId, c.ids.casusregisseur!)).toBe('professional');
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual([c.ids.professional]);
    // The parent has no management rights; the professional beside them has.
    expect(await failure(() => commands.startOverdracht(c.as('ouder'), { toParticipantId: c.ids.casusregisseur, ...NOTE }))).toBeInstanceOf(NotAllowed);
    // Neither the parent regisseur nor the professional beside them can be removed before regie moves on.
    for (const participantId of [c.ids.ouder, c.ids.professional]) {
      expect((await failure(() => commands.removeParticipant(c.as('jeugdbeschermer'), { participantId }))).status).toBe(409);
    }
    // And regie goes back to a professional the same way.
    const back = commands.startOverdracht(c.as('professional'), { toParticipantId: c.ids.casusregisseur, ...NOTE });
    commands.acknowledgeOverdracht(c.as('casusregisseur'), { overdrachtId: back.overdrachtId });
    expect(regieOf(c.caseId)).toMatchObject({ casusregisseurId: c.ids.casusregisseur, regieProfessionalId: null });
    expect(regisseurs(c.caseId).map((p) => p.id)).toEqual([c.ids.casusregisseur]);
  });

  it('refuses removing the regisseur or the incoming regisseur of an open overdracht, and changing the incoming one’s role', async () => {
    const c = await freshCase();
    commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    for (const participantId of [c.ids.casusregisseur, c.ids.professional]) {
      const error = await failure(() => commands.removeParticipant(c.as('jeugdbeschermer'), { participantId }));
      expect(error).toBeInstanceOf(Conflict);
    }
    expect(await failure(() => commands.changeRole(c.as('jeugdbeschermer'), { participantId: c.ids.professional, role: 'meelezer' }))).toBeInstanceOf(Conflict);
    expect(server.services.cases.participants(c.caseId).map((p) => p.id)).toEqual(expect.arrayContaining([c.ids.casusregisseur, c.ids.professional]));
  });

  it('the family home summary names the last regisseur with the plain summary, never the note', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    expect(regieSummary(server.services.db, c.caseId).openOverdracht?.id).toBe(overdrachtId);
    commands.acknowledgeOverdracht(c.as('professional'), { overdrachtId });
    const summary = regieSummary(server.services.db, c.caseId);
    expect(summary.openOverdracht).toBeNull();
    expect(summary.lastCompleted).toMatchObject({ toName: 'Prof professional', familySummary: NOTE.familySummary });
    expect(JSON.stringify(summary)).not.toContain(NOTE.situatie);
  });
});

describe('cancelOverdracht', () => {
  it('stops an open overdracht with a reason, by the regisseur or jeugdbeschermer only', async () => {
    const c = await freshCase();
    const { overdrachtId } = commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
    for (const role of ROLES.filter((r) => r !== 'casusregisseur' && r !== 'jeugdbeschermer')) {
      expect(await failure(() => commands.cancelOverdracht(c.as(role), { overdrachtId, reason: 'Niet nodig' })), role).toBeInstanceOf(NotAllowed);
    }
    await refusesBadInput(
      (i) => commands.cancelOverdracht(c.as('jeugdbeschermer'), i),
      [
        {},
        { overdrachtId },
        { overdrachtId, reason: 'x' },
        { overdrachtId, reason: 'x'.repeat(501) },
        ...GARBLED.map((id) => ({ overdrachtId: id, reason: 'Goed' })),
      ],
    );
    await atomic('case_events', 'insert', () => commands.cancelOverdracht(c.as('casusregisseur'), { overdrachtId, reason: 'Collega blijft' }));
    commands.cancelOverdracht(c.as('casusregisseur'), { overdrachtId, reason: 'Collega blijft' });
    const row = server.services.db.select().from(overdrachten).where(eq(overdrachten.id, overdrachtId)).get()!;
    expect(row).toMatchObject({ cancelReason: 'Collega blijft', completedAt: null });
    expect(row.cancelledAt).not.toBeNull();
    expect(listCaseEvents(server.services.db, c.caseId, { types: ['overdracht-cancelled'] })[0]).toMatchObject({ reason: 'Collega blijft' });
    expect(await failure(() => commands.cancelOverdracht(c.as('casusregisseur'), { overdrachtId, reason: 'Nog eens' }))).toBeInstanceOf(Conflict);
    // The note and its version stay; a new overdracht can start.
    expect(server.services.db.select().from(snapshots).where(eq(snapshots.id, row.snapshotId)).get()).toBeDefined();
    commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE });
  });
});

describe('setAbsence and endAbsence', () => {
  const period = () => ({ from: today(), until: addDays(today(), 14) });

  it('marks a professional absent with a vervanger; the event reads well; the family is told whom to call', async () => {
    const c = await freshCase();
    const r = commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.casusregisseur, ...period(), standInParticipantId: c.ids.professional });
    const row = server.services.db.select().from(absences).where(eq(absences.id, r.absenceId)).get()!;
    expect(row).toMatchObject({ participantId: c.ids.casusregisseur, standInParticipantId: c.ids.professional, fromDate: today(), endedAt: null });
    const [event] = listCaseEvents(server.services.db, c.caseId, { types: ['absence-set'] });
    expect(describeEvent(event!)).toMatch(/^Prof casusregisseur is afwezig van .* tot en met .*, vervanger: Prof professional\.$/);
    expect(describeEventForFamily(event!)).toMatch(/^Prof casusregisseur is afwezig van .*\. Bel in die tijd Prof professional\.$/);
    const summary = regieSummary(server.services.db, c.caseId);
    expect(summary.absences).toEqual([expect.objectContaining({ name: 'Prof casusregisseur', standInName: 'Prof professional', as: 'casusregisseur' })]);
  });

  it('may be set by the regisseur and the jeugdbeschermer for anyone, by a professional for themself only', async () => {
    const c = await freshCase();
    let day = 0;
    const next = () => {
      day += 2;
      return { from: addDays(today(), day), until: addDays(today(), day) };
    };
    for (const role of ROLES) {
      const input = { participantId: c.ids.professional, ...next(), standInParticipantId: c.ids.jeugdbeschermer };
      if (mayKeepHelpOf(role, role === 'professional')) {
        commands.setAbsence(c.as(role), input);
      } else {
        const error = await failure(() => commands.setAbsence(c.as(role), input));
        expect(error, role).toBeInstanceOf(NotAllowed);
      }
    }
    const someoneElse = await failure(() =>
      commands.setAbsence(c.as('professional'), { participantId: c.ids.jeugdbeschermer, ...next(), standInParticipantId: c.ids.casusregisseur }),
    );
    expect(someoneElse).toBeInstanceOf(NotAllowed);
    // A professional cannot bring a new colleague into the case on their own.
    const newcomer = await createProfessionalFixture(server.services.db, 'Nieuwe Vervanger');
    const byMail = await failure(() =>
      commands.setAbsence(c.as('professional'), { participantId: c.ids.professional, ...next(), standInEmail: newcomer.email }),
    );
    expect(byMail).toBeInstanceOf(NotAllowed);
    const noGround = await failure(() =>
      commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.professional, ...next(), standInEmail: newcomer.email }),
    );
    expect(noGround).toMatchObject({ field: 'basis' });
    commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.professional, ...next(), standInEmail: newcomer.email, ...consentBy(c.ids.ouder!) });
    expect(
      server.services.db
        .select()
        .from(participants)
        .where(and(eq(participants.caseId, c.caseId), eq(participants.userId, newcomer.id)))
        .get()?.role,
    ).toBe('professional');
  });

  it('answers bad input in Dutch: end before start, past, not a date, unknown or unfit stand-ins and absentees', async () => {
    const c = await freshCase();
    const base = { participantId: c.ids.professional, standInParticipantId: c.ids.jeugdbeschermer };
    await refusesBadInput(
      (i) => commands.setAbsence(c.as('jeugdbeschermer'), i),
      [
        {},
        { ...base },
        { ...base, from: today() },
        { ...base, from: addDays(today(), 5), until: addDays(today(), 4) },
        { ...base, from: '2020-01-01', until: '2020-01-10' },
        { ...base, from: '2027-02-30', until: '2027-03-02' },
        { ...base, from: 'maandag', until: addDays(today(), 4) },
        { ...base, from: today(), until: addDays(today(), 400) },
        { ...period(), participantId: c.ids.professional },
        { ...period(), participantId: c.ids.professional, standInParticipantId: c.ids.professional },
        { ...period(), participantId: c.ids.professional, standInParticipantId: c.ids.meelezer },
        { ...period(), participantId: c.ids.professional, standInParticipantId: c.ids.ouder },
        { ...period(), participantId: c.ids.professional, standInEmail: 'geen-mail' },
        { ...period(), participantId: c.ids.professional, standInEmail: 'niemand@nergens.nl' },
        { ...period(), ...base, standInEmail: 'ook@dit.nl' },
        { ...period(), participantId: c.ids.ouder, standInParticipantId: c.ids.professional },
        { ...period(), participantId: c.ids.meelezer, standInParticipantId: c.ids.professional },
        ...GARBLED.map((participantId) => ({ ...period(), participantId, standInParticipantId: c.ids.jeugdbeschermer })),
      ],
    );
    const reversed = await failure(() => commands.setAbsence(c.as('jeugdbeschermer'), { ...base, from: addDays(today(), 5), until: addDays(today(), 4) }));
    expect(reversed.message).toBe('De einddatum ligt vóór de begindatum.');
    expect(server.services.db.select().from(absences).where(eq(absences.caseId, c.caseId)).all()).toHaveLength(0);
  });

  it('answers people of another case with NotFound, and refuses an absence on top of another', async () => {
    const c = await freshCase();
    const foreign = c.other.participantIds.jb;
    expect(
      await failure(() => commands.setAbsence(c.as('jeugdbeschermer'), { participantId: foreign, ...period(), standInParticipantId: c.ids.professional })),
    ).toBeInstanceOf(NotFound);
    expect(
      await failure(() => commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.professional, ...period(), standInParticipantId: foreign })),
    ).toBeInstanceOf(NotFound);
    commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.professional, ...period(), standInParticipantId: c.ids.jeugdbeschermer });
    expect(
      await failure(() =>
        commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.professional, ...period(), standInParticipantId: c.ids.casusregisseur }),
      ),
    ).toBeInstanceOf(Conflict);
    // The stand-in cannot be absent at the same time.
    expect(
      await failure(() =>
        commands.setAbsence(c.as('jeugdbeschermer'), { participantId: c.ids.casusregisseur, ...period(), standInParticipantId: c.ids.professional }),
      ),
    ).toBeInstanceOf(Conflict);
  });

  it('writes the absence and its event in one transaction', async () => {
    const c = await freshCase();
    const input = { participantId: c.ids.professional, ...period(), standInParticipantId: c.ids.jeugdbeschermer };
    await atomic('case_events', 'insert', () => commands.setAbsence(c.as('jeugdbeschermer'), input));
    await atomic('absences', 'insert', () => commands.setAbsence(c.as('jeugdbeschermer'), input));
  });

  it('ends an absence: the absent professional or a writer; once; not from another case', async () => {
    const c = await freshCase();
    const { absenceId } = commands.setAbsence(c.as('jeugdbeschermer'), {
      participantId: c.ids.professional,
      ...period(),
      standInParticipantId: c.ids.jeugdbeschermer,
    });
    for (const role of ROLES.filter((r) => !mayKeepHelpOf(r, r === 'professional'))) {
      expect(await failure(() => commands.endAbsence(c.as(role), { absenceId })), role).toBeInstanceOf(NotAllowed);
    }
    await refusesBadInput((i) => commands.endAbsence(c.as('jeugdbeschermer'), i), [{}, ...GARBLED.map((id) => ({ absenceId: id }))]);
    await atomic('case_events', 'insert', () => commands.endAbsence(c.as('professional'), { absenceId }));
    commands.endAbsence(c.as('professional'), { absenceId });
    expect(server.services.db.select().from(absences).where(eq(absences.id, absenceId)).get()!.endedAt).not.toBeNull();
    expect(eventsOf(c.caseId, 'absence-ended')).toBe(1);
    expect(await failure(() => commands.endAbsence(c.as('professional'), { absenceId }))).toBeInstanceOf(Conflict);
    expect(regieSummary(server.services.db, c.caseId).absences).toHaveLength(0);
    const elsewhere = commands.setAbsence(
      { caseId: c.other.caseId, participantId: c.other.participantIds.jb! },
      {
        participantId: c.other.participantIds.jb,
        ...period(),
        standInEmail: c.accounts.professional!.email,
        ...consentBy(c.other.participantIds.ouder!),
      },
    );
    expect(await failure(() => commands.endAbsence(c.as('jeugdbeschermer'), { absenceId: elsewhere.absenceId }))).toBeInstanceOf(NotFound);
  });
});

describe('setHelp (who helps, and since when)', () => {
  it('keeps a professional’s task and period; ended help keeps what it brought; the list shows it to everyone', async () => {
    const c = await freshCase();
    commands.setHelp(c.as('jeugdbeschermer'), { participantId: c.ids.professional, task: 'Gezinscoach', from: '2026-09-01' });
    const row = server.services.db.select().from(participants).where(eq(participants.id, c.ids.professional!)).get()!;
    expect(row).toMatchObject({ task: 'Gezinscoach', helpFrom: '2026-09-01', helpUntil: null, helpResult: null });
    commands.setHelp(c.as('professional'), {
      participantId: c.ids.professional,
      task: 'Gezinscoach',
      from: '2026-09-01',
      until: '2026-11-30',
      result: 'Vaste bedtijden en rust in huis.',
    });
    const entry = helpList(server.services.db, c.caseId).find((h) => h.participantId === c.ids.professional)!;
    expect(entry).toMatchObject({ task: 'Gezinscoach', helpUntil: '2026-11-30', helpResult: 'Vaste bedtijden en rust in huis.', ended: true });
    expect(helpList(server.services.db, c.caseId).some((h) => h.participantId === c.ids.meelezer)).toBe(false);
    const events = listCaseEvents(server.services.db, c.caseId, { types: ['help-changed'] });
    expect(events).toHaveLength(2);
    expect(describeEvent(events[1]!)).toMatch(/^Taak of periode van Prof professional: Gezinscoach, van 1 september tot en met 30 november 2026/);
    expect(describeEventForFamily(events[1]!)).toMatch(
      /de hulp van Prof professional \(Gezinscoach\) stopt op 30 november\. Dit heeft het opgeleverd: Vaste bedtijden/,
    );
  });

  it('may be set by writers for anyone, by a professional for themself only', async () => {
    const c = await freshCase();
    for (const role of ROLES) {
      const input = { participantId: c.ids.professional, task: `Taak door ${role}`, from: today() };
      if (mayKeepHelpOf(role, role === 'professional')) commands.setHelp(c.as(role), input);
      else expect(await failure(() => commands.setHelp(c.as(role), input)), role).toBeInstanceOf(NotAllowed);
    }
    expect(
      await failure(() => commands.setHelp(c.as('professional'), { participantId: c.ids.jeugdbeschermer, task: 'Iets anders', from: today() })),
    ).toBeInstanceOf(NotAllowed);
  });

  it('answers bad input in Dutch, another case with NotFound, and writes its event in the same transaction', async () => {
    const c = await freshCase();
    const base = { participantId: c.ids.professional, task: 'Gezinscoach' };
    await refusesBadInput(
      (i) => commands.setHelp(c.as('jeugdbeschermer'), i),
      [
        {},
        { ...base },
        { ...base, from: 'gisteren' },
        { ...base, from: '2026-13-01' },
        { ...base, from: '2026-09-01', until: '2026-08-01' },
        { ...base, from: '2026-09-01', result: 'Rust' },
        { ...base, from: '2026-09-01', until: '2026-10-01', result: 'x'.repeat(301) },
        { ...base, task: 'x', from: '2026-09-01' },
        { ...base, task: 'x'.repeat(201), from: '2026-09-01' },
        { participantId: c.ids.ouder, task: 'Moeder', from: '2026-09-01' },
        { participantId: c.ids.meelezer, task: 'Meelezen', from: '2026-09-01' },
        ...GARBLED.map((participantId) => ({ participantId, task: 'Coach', from: '2026-09-01' })),
      ],
    );
    expect(
      await failure(() => commands.setHelp(c.as('jeugdbeschermer'), { participantId: c.other.participantIds.jb, task: 'Coach', from: '2026-09-01' })),
    ).toBeInstanceOf(NotFound);
    await atomic('case_events', 'insert', () => commands.setHelp(c.as('jeugdbeschermer'), { ...base, from: '2026-09-01' }));
    await atomic('participants', 'update', () => commands.setHelp(c.as('jeugdbeschermer'), { ...base, from: '2026-09-01' }));
  });
});

describe('a closed case', () => {
  it('refuses every regie command', async () => {
    const c = await freshCase();
    server.services.db.update(cases).set({ closedAt: Date.now() }).where(eq(cases.id, c.caseId)).run();
    const error = await failure(() => commands.startOverdracht(c.as('jeugdbeschermer'), { toParticipantId: c.ids.professional, ...NOTE }));
    expect(error).toBeInstanceOf(Conflict);
    expect(await failure(() => commands.setHelp(c.as('jeugdbeschermer'), { participantId: c.ids.professional, task: 'Coach', from: today() }))).toBeInstanceOf(
      Conflict,
    );
  });
});
