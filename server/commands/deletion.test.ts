/**
 * Deleting a case's data (issue 18 point 4, ADR 035), on the real server:
 * a case with a marker in every kind of text (facts, people, the live
 * documents edited through the sync server, versions, scores, questions, a
 * netwerkberaad, an afspraak with a check-in, a besluit, the child's voice, a
 * picture, a grondslag, a deletion request) is deleted; then no table holds
 * the marker or the case id (only the tombstone names the id), and after
 * `VACUUM` neither the database file nor its WAL holds the marker. A second
 * case keeps its text. Also the request and decision commands: who may,
 * bad input, ids of another case, one transaction with the audit row.
 */
import { readFileSync, existsSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem, type Actor as ItemActor } from '../../app/domain/items';
import { accessGrounds, auditLog, cases, deletionRequests, participants } from '../../db/schema';
import { consentBy, failure } from '../../tests/support/commandTesting';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { login, startTestServer, type TestServer } from '../../tests/support/testServer';
import { todayIso } from '../cases/regie.server';
import type { Actor } from './command.server';

const MARKER = 'zqxmarker7731';
const OTHER = 'yqwother5520';

let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});
afterEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

type Setup = Awaited<ReturnType<typeof createEveryRoleCase>>;
const as = (s: Setup, role: Role): Actor => ({ caseId: s.caseId, participantId: s.ids[role]! });

/** Every table, every column, every row: text and blobs (as bytes) that contain `needle`. */
function tablesHolding(needle: string): string[] {
  const sqlite = server.services.database.sqlite;
  const found: string[] = [];
  const bytes = Buffer.from(needle, 'utf8');
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    const rows = sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    rows.forEach((row, i) => {
      for (const [column, value] of Object.entries(row)) {
        const hit =
          (typeof value === 'string' && value.includes(needle)) ||
          (Buffer.isBuffer(value) && value.includes(bytes)) ||
          (value instanceof Uint8Array && Buffer.from(value).includes(bytes));
        if (hit) found.push(`${name}.${column}#${i}`);
      }
    });
  }
  return found;
}

function fileHolds(needle: string): { db: boolean; wal: boolean } {
  const path = server.services.database.path;
  const bytes = Buffer.from(needle, 'utf8');
  return { db: readFileSync(path).includes(bytes), wal: existsSync(`${path}-wal`) && readFileSync(`${path}-wal`).includes(bytes) };
}

async function richCase(title: string) {
  const s = await createEveryRoleCase(server.services.db, title);
  const c = server.services.commands;
  const jb = as(s, 'jeugdbeschermer');
  const regisseur = as(s, 'casusregisseur');
  const { participantId: tanteId } = c.addFamilyMember(jb, {
    role: 'netwerklid',
    name: `Tante ${MARKER}`,
    relation: `tante ${MARKER}`,
    phone: '06-12345678',
    email: `${MARKER}@example.nl`,
    ...consentBy(s.ids.ouder!, `om mee te denken ${MARKER}`),
  }) as {
    participantId: string;
  };
  c.saveScaleScore(as(s, 'ouder'), { score: '6', explanation: `schaal ${MARKER}` });
  c.saveNotificationSettings(as(s, 'ouder'), { byEmail: 'on', email: `ouder.${MARKER}@example.nl` });
  const { questionId } = c.askQuestion(as(s, 'ouder'), { kind: 'vraag', text: `vraag ${MARKER}` }) as { questionId: string };
  c.answerQuestion(regisseur, { questionId, answer: `antwoord ${MARKER}` });
  c.makeSnapshot(jb, { label: `versie ${MARKER}`, reason: 'handmatig' });
  const childId = childOf(s.caseId);
  c.saveChildStoryPanel(jb, { childId, part: 'gebeurd', text: `verhaal ${MARKER}` });
  c.addHouseEntry(jb, { childId, house: 'zorgen', text: `huis ${MARKER}` });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`plaatje ${MARKER}`)]);
  await c.uploadPicture(jb, { childId, for: 'verhaal', file: new Uint8Array(png) });
  c.proposeBesluit(jb, {
    kind: 'anders',
    title: `besluit ${MARKER}`,
    grounds: `gronden ${MARKER} lang genoeg`,
    alternatives: `anders ${MARKER}`,
    familySummary: `uitleg ${MARKER} voor het gezin`,
  });
  // A netwerkberaad with a note, an afspraak (into the live plan: projection) and a check-in on it.
  c.startMeeting(regisseur, {});
  c.addMeetingNote(regisseur, { kind: 'notitie', text: `notitie ${MARKER}` });
  const { itemId } = c.addMeetingAfspraak(regisseur, { wat: `afspraak ${MARKER}`, wie: s.ids.ouder!, start: todayIso() }) as { itemId: string };
  c.endMeeting(regisseur, {});
  c.reportCheckIn(as(s, 'ouder'), { afspraakId: itemId, occurrence: todayIso(), result: 'gelukt', toelichting: `check ${MARKER}` });
  // A grondslag (point 2's table), written directly: its command is another part of issue 18.
  server.services.db
    .insert(accessGrounds)
    .values({
      id: `g-${s.caseId}`,
      caseId: s.caseId,
      participantId: tanteId,
      basis: 'toestemming',
      consentGivenById: s.ids.ouder!,
      consentGivenOn: todayIso(),
      purpose: `doel ${MARKER}`,
      recordedById: s.ids.jeugdbeschermer!,
      recordedAt: Date.now(),
    })
    .run();
  c.createPersonalLink(jb, { participantId: tanteId });
  // A real edit through the sync server by a signed-in professional.
  const account = s.accounts.jeugdbeschermer!;
  const client = connectClient(server.url, await login(server.url, account.email, account.password), `${s.caseId}/kaart`);
  clients.push(client);
  await waitSynced(client);
  const actor: ItemActor = { participantId: s.ids.jeugdbeschermer!, name: account.name, role: ROLE_LABELS.jeugdbeschermer };
  addItem(client.doc, actor, { section: 'bang', fields: { text: `kaart ${MARKER}` } });
  await waitFor(() => tablesHolding(`kaart ${MARKER}`).some((t) => t.startsWith('updates.')), 5000, 'kaart edit stored');
  // The afspraken projection is debounced: wait until the afspraak is projected (a busy machine takes longer).
  await waitFor(() => tablesHolding(`afspraak ${MARKER}`).some((t) => t.startsWith('afspraken.')), 10000, 'afspraak projected');
  c.requestDeletion(as(s, 'ouder'), { note: `verzoek ${MARKER}` });
  return { s, client };
}

function childOf(caseId: string): string {
  const row = server.services.database.sqlite.prepare('select id from children where case_id = ?').get(caseId) as { id: string };
  return row.id;
}

describe('deleteCaseData', () => {
  it('leaves no trace of the case in any table, nor in the database file after VACUUM; only the tombstone names it', async () => {
    const { s, client } = await richCase(`Gezin ${MARKER}`);
    // The second case: its text must stay.
    server.services.commands.askQuestion({ caseId: s.other.caseId, participantId: s.other.participantIds.ouder! }, { kind: 'vraag', text: `vraag ${OTHER}` });
    server.services.sync
      .room(s.other.caseId, 'plan')
      .applyServerChange({ participantId: null, connectionId: null }, (doc) => doc.getMap('meta').set('x', OTHER));
    // Versions and checkpoints of the live documents.
    for (const r of server.services.sync.rooms.values()) if (r.caseId === s.caseId) r.compact();
    const before = tablesHolding(MARKER);
    for (const table of [
      'cases.',
      'participants.',
      'updates.',
      'checkpoints.',
      'snapshots.',
      'scale_scores.',
      'questions.',
      'child_story.',
      'house_entries.',
      'pictures.',
      'besluiten.',
      'meeting_notes.',
      'meetings.',
      'afspraken.',
      'check_ins.',
      'access_grounds.',
      'deletion_requests.',
      'notification_settings.',
    ]) {
      expect(
        before.some((t) => t.startsWith(table)),
        `marker in ${table} before`,
      ).toBe(true);
    }
    const kaartRoom = server.services.sync.rooms.get(`${s.caseId}/kaart`);
    expect(kaartRoom).toBeDefined();

    const deleted = server.services.commands.deleteCaseData({ kind: 'bewaartermijn' }, s.caseId);
    expect(deleted).toMatchObject({ caseId: s.caseId, ground: 'bewaartermijn', deletedOn: todayIso() });

    // Live connections end for good and the documents leave memory.
    await waitFor(() => client.closeCodes.length > 0, 5000, 'socket closed');
    expect(client.closeCodes).toContain(4403);
    expect([...server.services.sync.rooms.values()].filter((r) => r.caseId === s.caseId)).toEqual([]);

    expect(tablesHolding(MARKER)).toEqual([]);
    const withId = tablesHolding(s.caseId);
    const tombstones = server.services.db.select().from(auditLog).where(eq(auditLog.caseId, s.caseId)).all();
    expect(tombstones.map((t) => t.type)).toEqual(['case-deleted']);
    expect(withId).toEqual([expect.stringMatching(/^audit_log\.case_id#/)]);
    const detail = JSON.parse(tombstones[0]!.detail!) as Record<string, unknown>;
    expect(detail).toMatchObject({ door: 'bewaartermijn', waarom: 'bewaartermijn', afgesloten: null, verwijderd: todayIso() });
    expect(JSON.stringify(tombstones[0])).not.toContain('Gezin');
    // Nobody names a participant of the case any more (sessions, links, audit rows with a case).
    for (const id of Object.values(s.ids))
      expect(
        tablesHolding(id!).filter((t) => !t.startsWith('audit_log.')),
        id,
      ).toEqual([]);

    // The other case is untouched.
    expect(tablesHolding(OTHER).length).toBeGreaterThan(0);

    // secure_delete zeroed the freed pages and the deletion truncated the WAL: gone from the file already…
    expect(fileHolds(MARKER)).toEqual({ db: false, wal: false });
    // …and after VACUUM too.
    server.services.database.sqlite.exec('VACUUM');
    server.services.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(fileHolds(MARKER)).toEqual({ db: false, wal: false });
    expect(fileHolds(`vraag ${OTHER}`).db || fileHolds(`vraag ${OTHER}`).wal).toBe(true);
  });

  it('is all or nothing: a failing tombstone leaves the case whole', async () => {
    const s = await createEveryRoleCase(server.services.db, 'Gezin Heel');
    server.services.commands.makeSnapshot(as(s, 'jeugdbeschermer'), { label: 'Versie heel', reason: 'handmatig' });
    server.services.database.sqlite.exec(
      "create temp trigger fail_insert before insert on audit_log when new.type = 'case-deleted' begin select raise(abort, 'forced failure'); end;",
    );
    expect(() => server.services.commands.deleteCaseData({ kind: 'bewaartermijn' }, s.caseId)).toThrow(/forced failure/);
    expect(server.services.db.select().from(cases).where(eq(cases.id, s.caseId)).get()).toBeDefined();
    expect(tablesHolding('Versie heel').length).toBeGreaterThan(0);
    // The permit did not outlive the failed transaction.
    expect(server.services.database.sqlite.prepare('select count(*) as n from case_purges').get()).toEqual({ n: 0 });
  });

  it('answers an unknown case with NotFound', async () => {
    expect((await failure(() => server.services.commands.deleteCaseData({ kind: 'bewaartermijn' }, 'geen-casus'))).status).toBe(404);
  });
});

describe('requestDeletion and decideDeletion', () => {
  const requestOf = (caseId: string) => server.services.db.select().from(deletionRequests).where(eq(deletionRequests.caseId, caseId)).all();

  it('lets a parent and the young person ask, nobody else; one open request at a time; audited without the note', async () => {
    const s = await createEveryRoleCase(server.services.db, 'Gezin Vraagt');
    for (const role of ROLES.filter((r) => r !== 'ouder' && r !== 'jeugdige')) {
      expect((await failure(() => server.services.commands.requestDeletion(as(s, role), {}))).status, role).toBe(403);
    }
    const { id } = server.services.commands.requestDeletion(as(s, 'jeugdige'), { note: '  ' });
    expect(requestOf(s.caseId)).toEqual([expect.objectContaining({ id, requestedById: s.ids.jeugdige, note: null, decision: null })]);
    expect((await failure(() => server.services.commands.requestDeletion(as(s, 'ouder'), { note: 'Nog eens' }))).status).toBe(409);
    const audit = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, s.caseId), eq(auditLog.type, 'deletion-requested')))
      .all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorParticipantId).toBe(s.ids.jeugdige);
  });

  it('refuses bad input in Dutch, and writes the request and its audit row in one transaction', async () => {
    const s = await createEveryRoleCase(server.services.db, 'Gezin Invoer');
    const long = await failure(() => server.services.commands.requestDeletion(as(s, 'ouder'), { note: 'x'.repeat(1001) }));
    expect([long.status, long.message]).toEqual([400, 'Je bericht is te lang. Gebruik hoogstens 1000 tekens.']);
    expect((await failure(() => server.services.commands.requestDeletion(as(s, 'ouder'), { note: 42 }))).message).toBe('Dit bericht klopt niet.');
    server.services.database.sqlite.exec("create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;");
    expect(() => server.services.commands.requestDeletion(as(s, 'ouder'), {})).toThrow(/forced failure/);
    expect(requestOf(s.caseId)).toEqual([]);
  });

  it('lets only the jeugdbeschermer decide, with a reason; afgewezen is kept and shown; ids of another case are NotFound', async () => {
    const s = await createEveryRoleCase(server.services.db, 'Gezin Beslist');
    const { id } = server.services.commands.requestDeletion(as(s, 'ouder'), { note: 'Graag weg' });
    for (const role of ROLES.filter((r) => r !== 'jeugdbeschermer')) {
      expect(
        (await failure(() => server.services.commands.decideDeletion(as(s, role), { requestId: id, decision: 'afgewezen', reason: 'Nee want' }))).status,
        role,
      ).toBe(403);
    }
    const bad = [
      [{ requestId: id, decision: 'misschien', reason: 'Nee want' }, 'Kies: toekennen of afwijzen.'],
      [{ requestId: id, decision: 'afgewezen' }, 'Schrijf op waarom je zo beslist. Het gezin leest dit.'],
      [{ requestId: id, decision: 'afgewezen', reason: ' x ' }, 'Schrijf op waarom je zo beslist. Het gezin leest dit.'],
      [{ requestId: '../../x', decision: 'afgewezen', reason: 'Nee want' }, 'Dit gegeven ontbreekt of klopt niet.'],
      [{ requestId: id, decision: 'toegekend', reason: 'Ja hoor' }, 'Vink aan dat je weet dat alles van deze casus meteen en voorgoed wordt verwijderd.'],
    ] as const;
    for (const [input, message] of bad) {
      const e = await failure(() => server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), input));
      expect([e.status, e.message], JSON.stringify(input)).toEqual([400, message]);
    }
    // A request of another case.
    const otherRequest = server.services.commands.requestDeletion({ caseId: s.other.caseId, participantId: s.other.participantIds.ouder! }, {});
    expect(
      (
        await failure(() =>
          server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), { requestId: otherRequest.id, decision: 'afgewezen', reason: 'Nee want' }),
        )
      ).status,
    ).toBe(404);
    // The decision and its audit row are one transaction.
    server.services.database.sqlite.exec("create temp trigger fail_insert before insert on audit_log begin select raise(abort, 'forced failure'); end;");
    expect(() =>
      server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), { requestId: id, decision: 'afgewezen', reason: 'Zolang de OTS loopt' }),
    ).toThrow(/forced failure/);
    expect(requestOf(s.caseId)[0]!.decision).toBeNull();
    server.services.database.sqlite.exec('drop trigger temp.fail_insert');

    server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), {
      requestId: id,
      decision: 'afgewezen',
      reason: 'Zolang de OTS loopt, hebben we het plan nodig.',
    });
    expect(requestOf(s.caseId)[0]).toMatchObject({
      decision: 'afgewezen',
      decidedById: s.ids.jeugdbeschermer,
      decisionReason: 'Zolang de OTS loopt, hebben we het plan nodig.',
    });
    expect(
      (await failure(() => server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), { requestId: id, decision: 'afgewezen', reason: 'Nog eens' })))
        .status,
    ).toBe(409);
    const audit = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, s.caseId), eq(auditLog.type, 'deletion-decided')))
      .all();
    expect(audit.map((a) => JSON.parse(a.detail!) as unknown)).toEqual([{ verzoek: id, besluit: 'afgewezen' }]);
    // After a refusal the family may ask again.
    expect(server.services.commands.requestDeletion(as(s, 'ouder'), {}).id).toBeTruthy();
  });

  it('toegekend deletes the case at once; the tombstone names who decided, not the reason', async () => {
    const s = await createEveryRoleCase(server.services.db, `Gezin Toegekend ${MARKER}`);
    const { id } = server.services.commands.requestDeletion(as(s, 'ouder'), { note: `weg ${MARKER}` });
    const r = server.services.commands.decideDeletion(as(s, 'jeugdbeschermer'), {
      requestId: id,
      decision: 'toegekend',
      reason: `Akkoord ${MARKER}`,
      confirm: 'on',
    });
    expect(r.decision).toBe('toegekend');
    expect(server.services.db.select().from(cases).where(eq(cases.id, s.caseId)).get()).toBeUndefined();
    expect(tablesHolding(MARKER)).toEqual([]);
    const [tomb] = server.services.db.select().from(auditLog).where(eq(auditLog.caseId, s.caseId)).all();
    expect(tomb).toMatchObject({ type: 'case-deleted', actorUserId: s.accounts.jeugdbeschermer!.id });
    expect(JSON.parse(tomb!.detail!)).toMatchObject({ waarom: 'verzoek-toegekend', door: s.accounts.jeugdbeschermer!.id });
  });

  it('lets the regisseur decide in a case without a jeugdbeschermer', async () => {
    const s = await createEveryRoleCase(server.services.db, 'Gezin Zonder JB');
    server.services.db.update(participants).set({ removedAt: Date.now() }).where(eq(participants.id, s.ids.jeugdbeschermer!)).run();
    const { id } = server.services.commands.requestDeletion(as(s, 'ouder'), {});
    server.services.commands.decideDeletion(as(s, 'casusregisseur'), { requestId: id, decision: 'afgewezen', reason: 'Eerst afronden' });
    expect(requestOf(s.caseId)[0]!.decision).toBe('afgewezen');
  });
});
