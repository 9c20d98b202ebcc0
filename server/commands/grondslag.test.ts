/**
 * Grondslag per betrokkene (issue 18 point 2, ADR 033) against the real
 * server: recording a ground (who may, bad input in Dutch, foreign ids,
 * legal ground only under a maatregel), recording it while adding someone,
 * and withdrawing consent — which ends the person's access (session ended,
 * socket closed) with the withdrawal and its audit rows in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditType } from '../../app/domain/audit';
import { ROLES, type Role } from '../../app/domain/caseFacts';
import { mayRecordGrondslag } from '../../app/domain/permissions';
import { accessGrounds, auditLog, cases, participants, sessions } from '../../db/schema';
import { failure } from '../../tests/support/commandTesting';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { get, login, startTestServer, type TestServer } from '../../tests/support/testServer';
import { currentGrounds } from '../cases/grondslag.server';
import { todayIso } from '../cases/regie.server';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed, NotFound } from './errors';
import type { Commands } from './index.server';

let server: TestServer;
let commands: Commands;
let caseId: string;
let ids: Record<string, string>;
let other: { caseId: string; participantIds: Record<string, string> };
const clients: Client[] = [];

const db = () => server.services.db;
const actor = (role: Role): Actor => ({ caseId, participantId: ids[role]! });
const groundRows = (participantId: string) => db().select().from(accessGrounds).where(eq(accessGrounds.participantId, participantId)).all();
const auditOf = (type: AuditType, subject: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.type, type), eq(auditLog.subjectParticipantId, subject)))
    .all();
const consent = (extra: Record<string, string> = {}) => ({
  basis: 'toestemming',
  consentGivenById: ids.ouder!,
  consentGivenOn: todayIso(),
  purpose: 'om mee te denken over het plan',
  ...extra,
});
let n = 0;
/** A netwerklid added as ADR 040 asks: with a ground (consent of the ouder unless `extra` says otherwise). */
const addNetwerklid = (extra: Record<string, string> = {}) =>
  commands.addFamilyMember(actor('jeugdbeschermer'), { name: `Oma Riet ${++n}`, role: 'netwerklid', ...consent(), ...extra });

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
  const f = await createEveryRoleCase(db(), 'Gezin Grondslag');
  caseId = f.caseId;
  ids = f.ids;
  other = f.other;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

describe('recordGrondslag', () => {
  it('records consent (who, when, what for); a change is a new row and the latest is current', () => {
    const { participantId } = addNetwerklid();
    commands.recordGrondslag(actor('jeugdbeschermer'), { participantId, ...consent() });
    commands.recordGrondslag(actor('casusregisseur'), {
      participantId,
      ...consent({ purpose: 'om op te passen op woensdag', consentGivenById: ids.jeugdige! }),
    });
    // The ground given when added, and the two recorded since.
    expect(groundRows(participantId)).toHaveLength(3);
    const current = currentGrounds(db(), caseId).get(participantId)!;
    expect(current).toMatchObject({ basis: 'toestemming', consentGivenByName: 'Familie jeugdige', purpose: 'om op te passen op woensdag' });
    expect(auditOf('grondslag-recorded', participantId)).toHaveLength(3);
  });

  it('refuses every role that may not, in Dutch, and writes nothing', async () => {
    const { participantId } = addNetwerklid();
    for (const role of ROLES.filter((r) => !mayRecordGrondslag(r))) {
      const error = await failure(() => commands.recordGrondslag(actor(role), { participantId, ...consent() }));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/jeugdbeschermer of casusregisseur/);
    }
    expect(groundRows(participantId)).toHaveLength(1);
  });

  it('answers bad input with InvalidInput in Dutch: giver not a parent of this case, a date in the future or garbled, no purpose', async () => {
    const { participantId } = addNetwerklid();
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ participantId }, /Kies de grondslag/],
      [{ participantId, basis: 'misschien' }, /Kies de grondslag/],
      [{ participantId, ...consent({ consentGivenById: ids.netwerklid! }) }, /ouder of jeugdige van dit gezin/],
      [{ participantId, ...consent({ consentGivenById: ids.professional! }) }, /ouder of jeugdige van dit gezin/],
      [{ participantId, ...consent({ consentGivenById: other.participantIds.ouder! }) }, /ouder of jeugdige van dit gezin/],
      [{ participantId, ...consent({ consentGivenById: '../../x' }) }, /ouder of jeugdige van dit gezin/],
      [{ participantId, ...consent({ consentGivenOn: tomorrow }) }, /in de toekomst/],
      [{ participantId, ...consent({ consentGivenOn: '2026-02-30' }) }, /geldige datum/],
      [{ participantId, ...consent({ consentGivenOn: 'gisteren' }) }, /geldige datum/],
      [{ participantId, ...consent({ purpose: '' }) }, /waarvoor de toestemming/],
      [{ participantId, ...consent({ purpose: 'x'.repeat(201) }) }, /te lang/],
      [{ participantId, basis: 'wettelijk' }, /geen maatregel/],
      [{ participantId: ids.ouder!, ...consent() }, /eigen gezin/],
      [{ participantId: 'x'.repeat(65), ...consent() }, /klopt niet/],
    ];
    for (const [input, message] of bad) {
      const error = await failure(() => commands.recordGrondslag(actor('jeugdbeschermer'), input));
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
      expect(error.message, JSON.stringify(input)).toMatch(message);
    }
    for (const input of [undefined, null, 'tekst', 17, [1]])
      expect(await failure(() => commands.recordGrondslag(actor('jeugdbeschermer'), input))).toBeInstanceOf(InvalidInput);
    expect(groundRows(participantId)).toHaveLength(1);
  });

  it('answers an id of another case with NotFound', async () => {
    const error = await failure(() => commands.recordGrondslag(actor('jeugdbeschermer'), { participantId: other.participantIds.jb!, ...consent() }));
    expect(error).toBeInstanceOf(NotFound);
  });

  it('offers the legal ground under a maatregel, prefilled from it', async () => {
    const f = await createEveryRoleCase(db(), 'Gezin Maatregel');
    db().update(cases).set({ kader: 'maatregel', maatregelType: 'OTS' }).where(eq(cases.id, f.caseId)).run();
    const jb = { caseId: f.caseId, participantId: f.ids.jeugdbeschermer! };
    commands.recordGrondslag(jb, { participantId: f.ids.professional!, basis: 'wettelijk', legalGround: '' });
    expect(currentGrounds(db(), f.caseId).get(f.ids.professional!)).toMatchObject({
      basis: 'wettelijk',
      legalGround: 'Ondertoezichtstelling (artikel 1:255 BW)',
    });
    // Drang (werken zonder maatregel) rests on consent: no legal ground.
    db().update(cases).set({ kader: 'drang', maatregelType: null }).where(eq(cases.id, f.caseId)).run();
    expect((await failure(() => commands.recordGrondslag(jb, { participantId: f.ids.meelezer!, basis: 'wettelijk' }))).message).toMatch(/geen maatregel/);
  });

  it('Betrokkenen no longer counts a legal ground once the maatregel ended: the manager sees it missing, the family is not told "vanwege"', async () => {
    const f = await createEveryRoleCase(db(), 'Gezin Maatregel Voorbij');
    db().update(cases).set({ kader: 'maatregel', maatregelType: 'OTS' }).where(eq(cases.id, f.caseId)).run();
    commands.recordGrondslag({ caseId: f.caseId, participantId: f.ids.jeugdbeschermer! }, { participantId: f.ids.professional!, basis: 'wettelijk' });
    const jbCookie = await login(server.url, f.accounts.jeugdbeschermer!.email, f.accounts.jeugdbeschermer!.password);
    const ouderCookie = (await server.services.auth.createParticipantSession(f.ids.ouder!)).split(';')[0]!;
    type Page = { participants: { id: string; ground: unknown }[]; takesPart: { participantId: string; sentence: string }[] };
    const page = async (cookie: string) =>
      (await (
        await get(server.url, `/casussen/${f.caseId}/betrokkenen?_data=${encodeURIComponent('routes/casussen.$caseId.betrokkenen')}`, cookie)
      ).json()) as Page;
    const groundOf = async () => (await page(jbCookie)).participants.find((p) => p.id === f.ids.professional)!.ground;
    const sentenceOf = async () => (await page(ouderCookie)).takesPart.find((p) => p.participantId === f.ids.professional)!.sentence;
    expect(await groundOf()).toMatchObject({ basis: 'wettelijk' });
    expect(await sentenceOf()).toMatch(/vanwege de ondertoezichtstelling/);
    db().update(cases).set({ kader: 'drang', maatregelType: null, kaderService: 'specialistisch-casemanagement' }).where(eq(cases.id, f.caseId)).run();
    expect(await groundOf()).toBe('none');
    expect(await sentenceOf()).toMatch(/nog niet opgeschreven/);
  });

  it('writes the ground and its audit row in one transaction', async () => {
    const { participantId } = addNetwerklid();
    const sqlite = server.services.database.sqlite;
    for (const table of ['audit_log', 'access_grounds']) {
      sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'forced failure'); end;`);
      expect(() => commands.recordGrondslag(actor('jeugdbeschermer'), { participantId, ...consent() })).toThrow(/forced failure/);
      sqlite.exec('drop trigger temp.fail_insert');
      expect(groundRows(participantId), table).toHaveLength(1);
      expect(auditOf('grondslag-recorded', participantId), table).toHaveLength(1);
    }
  });
});

describe('recording the ground while adding someone', () => {
  it('adds a netwerklid and a professional with their ground in the same transaction; a bad ground adds nobody', async () => {
    const added = addNetwerklid(consent());
    expect(groundRows(added.participantId)).toHaveLength(1);
    const before = db().select().from(participants).where(eq(participants.caseId, caseId)).all().length;
    const error = await failure(() => addNetwerklid(consent({ consentGivenById: ids.netwerklid! })));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(db().select().from(participants).where(eq(participants.caseId, caseId)).all()).toHaveLength(before);
    // A parent needs none: fields sent along are ignored.
    const parent = commands.addFamilyMember(actor('jeugdbeschermer'), { name: 'Ouder Twee', role: 'ouder', ...consent() });
    expect(groundRows(parent.participantId)).toHaveLength(0);
  });

  it('lets nobody in without a ground (ADR 040): add, invite, add a professional, ouder → netwerklid — refused in Dutch, nobody added', async () => {
    const jb = actor('jeugdbeschermer');
    const count = () => db().select().from(participants).where(eq(participants.caseId, caseId)).all().length;
    const before = count();
    const newcomer = await createProfessionalFixture(db(), 'Pim Zondergrond');
    const ways: [string, (ground: Record<string, string>) => unknown][] = [
      ['addFamilyMember', (g) => commands.addFamilyMember(jb, { name: 'Tante Zonder', role: 'netwerklid', ...g })],
      [
        'inviteFamilyMember',
        (g) => commands.inviteFamilyMember(jb, { name: 'Oom Zonder', role: 'netwerklid', requestId: `grond-${++n}-${'x'.repeat(20)}`, ...g }),
      ],
      ['addProfessional', (g) => commands.addProfessional(jb, { role: 'meelezer', account: newcomer.email, ...g })],
    ];
    for (const [name, run] of ways) {
      for (const ground of [{}, { basis: '' }, { basis: 'toestemming' }] as Record<string, string>[]) {
        const error = await failure(() => run(ground));
        expect(error, `${name} ${JSON.stringify(ground)}`).toBeInstanceOf(InvalidInput);
        expect(error.field, name).toMatch(/basis|consentGivenById/);
      }
    }
    expect(count()).toBe(before);
    const pro = commands.addProfessional(jb, { role: 'meelezer', account: newcomer.email, ...consent() });
    expect(groundRows(pro.participantId)).toMatchObject([{ basis: 'toestemming', consentGivenById: ids.ouder }]);

    // A parent who becomes a netwerk member needs a ground from then on; jeugdige → ouder needs none.
    const ouder = commands.addFamilyMember(jb, { name: 'Ouder Wordt Netwerk', role: 'ouder' });
    const noGround = await failure(() => commands.changeRole(jb, { participantId: ouder.participantId, role: 'netwerklid' }));
    expect(noGround).toBeInstanceOf(InvalidInput);
    expect(db().select().from(participants).where(eq(participants.id, ouder.participantId)).get()!.role).toBe('ouder');
    // Not on their own consent.
    const own = await failure(() =>
      commands.changeRole(jb, { participantId: ouder.participantId, role: 'netwerklid', ...consent({ consentGivenById: ouder.participantId }) }),
    );
    expect(own.field).toBe('consentGivenById');
    commands.changeRole(jb, { participantId: ouder.participantId, role: 'netwerklid', ...consent() });
    expect(groundRows(ouder.participantId)).toHaveLength(1);
    const kind = commands.addFamilyMember(jb, { name: 'Jeugdige Wordt Ouder', role: 'jeugdige' });
    commands.changeRole(jb, { participantId: kind.participantId, role: 'ouder' });
    expect(groundRows(kind.participantId)).toHaveLength(0);
  });

  it('says what to do when no ground is possible yet: no ouder or jeugdige in a case without a maatregel', async () => {
    const f = await createEveryRoleCase(db(), 'Gezin Zonder Ouders');
    const jb = { caseId: f.caseId, participantId: f.ids.jeugdbeschermer! };
    commands.removeParticipant(jb, { participantId: f.ids.ouder! });
    commands.removeParticipant(jb, { participantId: f.ids.jeugdige! });
    const error = await failure(() => commands.addFamilyMember(jb, { name: 'Oma Eerst', role: 'netwerklid' }));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.message).toMatch(/nog geen ouder of jeugdige/);
    // Under a maatregel the legal ground is there to choose.
    db().update(cases).set({ kader: 'maatregel', maatregelType: 'OTS' }).where(eq(cases.id, f.caseId)).run();
    const legal = commands.addFamilyMember(jb, { name: 'Oma Eerst', role: 'netwerklid', basis: 'wettelijk' });
    expect(groundRows(legal.participantId)).toMatchObject([{ basis: 'wettelijk', legalGround: 'Ondertoezichtstelling (artikel 1:255 BW)' }]);
  });
});

describe('withdrawConsent', () => {
  it('ends the access of the person: removed, link session ended, socket closed, audit rows, all at once', async () => {
    const { participantId } = addNetwerklid(consent());
    const cookie = (await server.services.auth.createParticipantSession(participantId)).split(';')[0]!;
    const client = connectClient(server.url, cookie, `${caseId}/kaart`);
    clients.push(client);
    await waitSynced(client);
    const r = commands.withdrawConsent(actor('ouder'), { participantId });
    expect(r.name).toMatch(/Oma Riet/);
    await waitFor(() => client.closeCodes.length > 0, 5000, 'socket of the person closed');
    const row = groundRows(participantId)[0]!;
    expect(row.withdrawnAt).not.toBeNull();
    expect(row.withdrawnById).toBe(ids.ouder);
    expect(db().select().from(participants).where(eq(participants.id, participantId)).get()!.removedAt).not.toBeNull();
    expect(
      db()
        .select()
        .from(sessions)
        .where(eq(sessions.participantId, participantId))
        .all()
        .every((s) => s.endedAt !== null),
    ).toBe(true);
    expect(auditOf('consent-withdrawn', participantId)).toHaveLength(1);
    expect(auditOf('access-ended', participantId)).toHaveLength(1);
    // Their page now answers "access ended".
    expect((await get(server.url, `/casussen/${caseId}`, cookie)).status).not.toBe(200);
    expect(currentGrounds(db(), caseId).has(participantId)).toBe(false);
  });

  it('a manager records a withdrawal the family told them; other roles are refused; the jeugdige only what they gave', async () => {
    const a = addNetwerklid(consent());
    for (const role of ['professional', 'netwerklid', 'meelezer', 'jeugdige'] as const) {
      expect(await failure(() => commands.withdrawConsent(actor(role), { participantId: a.participantId })), role).toBeInstanceOf(NotAllowed);
    }
    commands.withdrawConsent(actor('casusregisseur'), { participantId: a.participantId });
    const b = addNetwerklid(consent({ consentGivenById: ids.jeugdige! }));
    commands.withdrawConsent(actor('jeugdige'), { participantId: b.participantId });
    expect(groundRows(b.participantId)[0]!.withdrawnById).toBe(ids.jeugdige);
  });

  it('refuses a legal ground, no ground, the regisseur (overdracht first), another case — in Dutch, nothing changes', async () => {
    // The seeded netwerklid came in before grounds were required: none on record.
    expect((await failure(() => commands.withdrawConsent(actor('ouder'), { participantId: ids.netwerklid! }))).message).toMatch(/geen toestemming vastgelegd/);
    const f = await createEveryRoleCase(db(), 'Gezin Maatregel Intrekken');
    db().update(cases).set({ kader: 'maatregel', maatregelType: 'VOTS' }).where(eq(cases.id, f.caseId)).run();
    const jb = { caseId: f.caseId, participantId: f.ids.jeugdbeschermer! };
    commands.recordGrondslag(jb, { participantId: f.ids.professional!, basis: 'wettelijk' });
    const legal = await failure(() => commands.withdrawConsent({ caseId: f.caseId, participantId: f.ids.ouder! }, { participantId: f.ids.professional! }));
    expect(legal).toBeInstanceOf(Conflict);
    expect(legal.message).toMatch(/vanwege de maatregel/);
    commands.recordGrondslag(jb, { participantId: f.ids.casusregisseur!, ...consent({ consentGivenById: f.ids.ouder! }) });
    const regisseur = await failure(() =>
      commands.withdrawConsent({ caseId: f.caseId, participantId: f.ids.ouder! }, { participantId: f.ids.casusregisseur! }),
    );
    expect(regisseur).toBeInstanceOf(Conflict);
    expect(regisseur.message).toMatch(/regie/);
    expect(groundRows(f.ids.casusregisseur!)[0]!.withdrawnAt).toBeNull();
    expect(await failure(() => commands.withdrawConsent(actor('ouder'), { participantId: other.participantIds.jb! }))).toBeInstanceOf(NotFound);
    expect(await failure(() => commands.withdrawConsent(actor('ouder'), { participantId: '' }))).toBeInstanceOf(InvalidInput);
  });

  it('writes the withdrawal, the removal and the audit rows in one transaction', async () => {
    const { participantId } = addNetwerklid(consent());
    const sqlite = server.services.database.sqlite;
    sqlite.exec(`create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;`);
    expect(() => commands.withdrawConsent(actor('ouder'), { participantId })).toThrow(/forced failure/);
    sqlite.exec('drop trigger temp.fail_insert');
    expect(groundRows(participantId)[0]!.withdrawnAt).toBeNull();
    expect(db().select().from(participants).where(eq(participants.id, participantId)).get()!.removedAt).toBeNull();
  });
});
