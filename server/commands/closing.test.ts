/**
 * Afsluiten and heropenen against the real server (real SQLite file, real
 * sync engine): who may (cell by cell), a reason is required, the final
 * `afsluiten` version, a closed case refuses every write command and every
 * write over a WebSocket while personal links still open it read-only and
 * links can still be revoked, reopening restores writing, and the change and
 * its case event are one transaction.
 */
import { and, count, eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLE_LABELS, ROLES, type Role } from '../../app/domain/caseFacts';
import { addItem } from '../../app/domain/items';
import { mayCloseCase, mayReopenCase } from '../../app/domain/permissions';
import { auditLog, caseEvents, cases, overdrachten, participants, snapshots } from '../../db/schema';
import { closeCode, connectClient, waitFor, waitSynced, wsUrl, type Client } from '../../tests/support/syncClient';
import { createEveryRoleCase, type Account } from '../../tests/support/everyRole';
import { get, login, startTestServer, type TestServer } from '../../tests/support/testServer';
import type { Actor } from './command.server';
import { Conflict, InvalidInput, NotAllowed } from './errors';
import type { Commands } from './index.server';
import WebSocket from 'ws';
import { consentBy, failure } from '../../tests/support/commandTesting';

let server: TestServer;
let commands: Commands;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  commands = server.services.commands;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const ws of sockets) ws.terminate();
  await server.stop();
});
beforeEach(() => {
  server.services.database.sqlite.exec('drop trigger if exists temp.fail_insert');
});

interface Fixture {
  caseId: string;
  ids: Record<string, string>;
  accounts: Partial<Record<Role, Account>>;
  actor: (role: Role) => Actor;
}

async function freshCase(title: string): Promise<Fixture> {
  const { caseId, ids, accounts } = await createEveryRoleCase(server.services.db, title);
  return { caseId, ids, accounts, actor: (role) => ({ caseId, participantId: ids[role]! }) };
}

const closedAt = (caseId: string) => server.services.db.select({ closedAt: cases.closedAt }).from(cases).where(eq(cases.id, caseId)).get()!.closedAt;
const eventCount = (caseId: string, type: 'case-closed' | 'case-reopened') =>
  server.services.db
    .select({ n: count() })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type)))
    .get()!.n;
const finalVersions = (caseId: string) =>
  server.services.db
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.caseId, caseId), eq(snapshots.reason, 'afsluiten')))
    .all();
/** A page's text without React's separators between text parts. */
const html = async (res: Response) => (await res.text()).replace(/<!-- -->/g, '');
const REASON = { reason: 'Het gaat al een half jaar goed; de doelen zijn bereikt.' };

describe('who may close and reopen (cell by cell)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await freshCase('Gezin Sluitrechten');
  });

  it('only case-facts writers close; family, netwerk, meelezer and other professionals are refused and nothing changes', async () => {
    for (const role of ROLES) {
      if (mayCloseCase(role)) continue;
      const error = await failure(() => commands.closeCase(f.actor(role), REASON));
      expect(error, role).toBeInstanceOf(NotAllowed);
      expect(error.message).toMatch(/jeugdbeschermer of casusregisseur/);
      expect(closedAt(f.caseId), role).toBeNull();
    }
    expect(ROLES.filter(mayCloseCase)).toEqual(['jeugdbeschermer', 'casusregisseur']);
    expect(eventCount(f.caseId, 'case-closed')).toBe(0);
  });

  it('the jeugdbeschermer and the casusregisseur close; only the jeugdbeschermer reopens', async () => {
    for (const closer of ['jeugdbeschermer', 'casusregisseur'] as const) {
      commands.closeCase(f.actor(closer), REASON);
      expect(closedAt(f.caseId), closer).not.toBeNull();
      for (const role of ROLES.filter((r) => !mayReopenCase(r))) {
        const error = await failure(() => commands.reopenCase(f.actor(role), { reason: 'Toch nog nodig.' }));
        expect(error, role).toBeInstanceOf(NotAllowed);
        expect(closedAt(f.caseId), role).not.toBeNull();
      }
      commands.reopenCase(f.actor('jeugdbeschermer'), { reason: 'Er zijn nieuwe zorgen gemeld.' });
      expect(closedAt(f.caseId)).toBeNull();
    }
    expect(ROLES.filter(mayReopenCase)).toEqual(['jeugdbeschermer']);
    expect(eventCount(f.caseId, 'case-closed')).toBe(2);
    expect(eventCount(f.caseId, 'case-reopened')).toBe(2);
  });

  it('closing a closed case and reopening an open one are conflicts (409), in Dutch', async () => {
    const reopen = await failure(() => commands.reopenCase(f.actor('jeugdbeschermer'), REASON));
    expect(reopen).toBeInstanceOf(Conflict);
    expect(reopen.status).toBe(409);
    expect(reopen.message).toBe('Deze casus is niet afgesloten.');
    commands.closeCase(f.actor('jeugdbeschermer'), REASON);
    const again = await failure(() => commands.closeCase(f.actor('casusregisseur'), REASON));
    expect(again).toBeInstanceOf(Conflict);
    expect(again.message).toMatch(/afgesloten/);
    expect(eventCount(f.caseId, 'case-closed')).toBe(3);
  });

  it('asks for a reason: missing, empty, too short, too long or garbled input is a Dutch 400', async () => {
    const g = await freshCase('Gezin Zonder Reden');
    for (const input of [
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'ok' },
      { reason: 'x'.repeat(1001) },
      { reason: ['a', 'b'] },
      { reason: 42 },
      undefined,
      null,
      'tekst',
      17,
    ]) {
      for (const run of [() => commands.closeCase(g.actor('jeugdbeschermer'), input), () => commands.reopenCase(g.actor('jeugdbeschermer'), input)]) {
        const error = await failure(run);
        expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInput);
        expect(error.message).not.toMatch(/invalid|expected|received|required/i);
      }
    }
    expect(closedAt(g.caseId)).toBeNull();
  });
});

describe('a closed case', () => {
  let f: Fixture;
  let snapshotId: string;
  let requestId: string;
  let besluitId: string;
  let familyTarget: string;
  let linkToken: string;
  let jbCookie: string;
  let openSocket: Client;

  beforeAll(async () => {
    f = await freshCase('Gezin Afgesloten');
    // Things to act upon once the case is closed, made while it is open.
    snapshotId = commands.makeSnapshot(f.actor('jeugdbeschermer'), { label: 'Voor het afsluiten', reason: 'handmatig' }).snapshotId;
    requestId = commands.requestAcceptance(f.actor('jeugdbeschermer')).requestId;
    besluitId = commands.proposeBesluit(f.actor('jeugdbeschermer'), {
      kind: 'afschalen',
      title: 'Hulp afbouwen',
      grounds: 'Het plan werkt al maanden.',
      alternatives: 'Doorgaan zoals nu.',
      familySummary: 'Het gaat goed, dus de hulp wordt minder.',
    }).besluitId;
    familyTarget = commands.addFamilyMember(f.actor('jeugdbeschermer'), {
      role: 'netwerklid',
      name: 'Buurvrouw Test',
      ...consentBy(f.ids.ouder!),
    }).participantId;
    linkToken = (await commands.createPersonalLink(f.actor('jeugdbeschermer'), { participantId: f.ids.ouder })).token;
    jbCookie = await login(server.url, f.accounts.jeugdbeschermer!.email, f.accounts.jeugdbeschermer!.password);
    // A page that is open while the case closes.
    openSocket = connectClient(server.url, jbCookie, `${f.caseId}/kaart`);
    clients.push(openSocket);
    await waitSynced(openSocket);
  });

  it('gets a final `afsluiten` version, its audit row and a case-closed event with the reason, all at once; open pages reconnect', async () => {
    const result = commands.closeCase(f.actor('casusregisseur'), REASON);
    const versions = finalVersions(f.caseId);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.id).toBe(result.snapshotId);
    expect(versions[0]!.label).toBe('Afgesloten');
    expect(versions[0]!.authorParticipantId).toBe(f.ids.casusregisseur);
    expect(closedAt(f.caseId)).toBe(result.closedAt);
    const event = server.services.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, f.caseId), eq(caseEvents.type, 'case-closed')))
      .get()!;
    expect(event.reason).toBe(REASON.reason);
    expect(event.refId).toBe(result.snapshotId);
    expect(event.actorParticipantId).toBe(f.ids.casusregisseur);
    const audit = server.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, f.caseId), eq(auditLog.type, 'snapshot')))
      .all()
      .map((r) => r.detail);
    expect(audit.some((d) => d?.includes('afsluiten') && d.includes(result.snapshotId))).toBe(true);
    // The page open at that moment was told to reconnect under its new rights (4001), and did: read-only now.
    await waitFor(() => openSocket.closeCodes.includes(4001), 5000, 'rights-changed close');
    await waitFor(() => openSocket.denied.includes('read-only'), 5000, 'told read-only on reconnect');
  });

  it('refuses every write command with a Dutch 409 and changes nothing', async () => {
    const sqlite = server.services.database.sqlite;
    const tables = [
      'participants',
      'personal_links',
      'snapshots',
      'acceptance_requests',
      'acceptances',
      'scale_scores',
      'cases',
      'besluiten',
      'case_events',
      'audit_log',
    ];
    const fingerprint = () =>
      tables
        .map((t) => JSON.stringify(sqlite.prepare(`select * from ${t} order by rowid`).raw().all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.length : v)))
        .join('\n');
    const jb = f.actor('jeugdbeschermer');
    const attempts: [string, () => unknown][] = [
      ['addFamilyMember', () => commands.addFamilyMember(jb, { role: 'netwerklid', name: 'Oom Test', ...consentBy(f.ids.ouder!) })],
      ['addProfessional', () => commands.addProfessional(jb, { role: 'professional', account: f.accounts.meelezer!.email, ...consentBy(f.ids.ouder!) })],
      ['changeRole', () => commands.changeRole(jb, { participantId: familyTarget, role: 'ouder' })],
      ['removeParticipant', () => commands.removeParticipant(jb, { participantId: familyTarget })],
      ['createPersonalLink', () => commands.createPersonalLink(jb, { participantId: familyTarget })],
      ['makeSnapshot', () => commands.makeSnapshot(jb, { label: 'Na sluiten', reason: 'handmatig' })],
      ['restoreSnapshot', () => commands.restoreSnapshot(jb, { snapshotId })],
      ['requestAcceptance', () => commands.requestAcceptance(jb)],
      ['answerAcceptance', () => commands.answerAcceptance(f.actor('ouder'), { requestId, agreed: 'ja' })],
      ['saveScaleScore', () => commands.saveScaleScore(f.actor('ouder'), { score: '7' })],
      ['setScaleQuestion', () => commands.setScaleQuestion(jb, { question: 'Hoe veilig is Kim nu, van 0 tot 10?', reason: 'Andere woorden gekozen' })],
      [
        'proposeBesluit',
        () =>
          commands.proposeBesluit(jb, {
            kind: 'anders',
            title: 'Na sluiten',
            grounds: 'Dit mag niet meer.',
            alternatives: 'Geen.',
            familySummary: 'Dit mag niet meer.',
          }),
      ],
      ['agreeBesluit', () => commands.agreeBesluit(f.actor('professional'), { besluitId })],
      ['withdrawBesluit', () => commands.withdrawBesluit(jb, { besluitId, reason: 'Niet meer nodig.' })],
    ];
    const before = fingerprint();
    for (const [name, run] of attempts) {
      const error = await failure(run);
      expect(error, name).toBeInstanceOf(Conflict);
      expect(error.status, name).toBe(409);
      expect(error.message, name).toBe('Deze casus is afgesloten. Je kunt niets meer wijzigen, alleen lezen.');
    }
    expect(fingerprint() === before).toBe(true);
  });

  it('drops a write over a raw WebSocket: nothing stored, the sender told read-only at once', async () => {
    const stored = () => (server.services.database.sqlite.prepare('select count(*) as n from updates where case_id = ?').get(f.caseId) as { n: number }).n;
    const before = stored();
    const dropped = server.services.sync.metrics.updatesDroppedReadOnly;
    // A plain socket, listening from the first byte on (the notice comes with the handshake).
    const ws = new WebSocket(`${wsUrl(server.url)}/sync/${f.caseId}/kaart`, { headers: { Cookie: jbCookie, Origin: new URL(server.url).origin } });
    sockets.push(ws);
    const denied: string[] = [];
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === 2 && decoding.readVarUint(d) === 0) denied.push(decoding.readVarString(d));
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await waitFor(() => denied.length > 0, 5000, 'told read-only before any write');
    const doc = new Y.Doc();
    addItem(
      doc,
      { participantId: f.ids.jeugdbeschermer!, name: f.accounts.jeugdbeschermer!.name, role: ROLE_LABELS.jeugdbeschermer },
      { section: 'gebeurd', fields: { text: 'Geschreven na het afsluiten' } },
    );
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 0); // sync
    encoding.writeVarUint(message, 2); // update
    encoding.writeVarUint8Array(message, Y.encodeStateAsUpdate(doc));
    ws.send(encoding.toUint8Array(message));
    await waitFor(() => server.services.sync.metrics.updatesDroppedReadOnly > dropped, 5000, 'update dropped');
    expect(denied).toEqual(['read-only']);
    expect(stored()).toBe(before);
    expect(JSON.stringify(server.services.sync.room(f.caseId, 'kaart').doc.getMap('items').toJSON())).not.toContain('Geschreven na het afsluiten');
    // The HTTP probe of the client says the same.
    const probe = await get(server.url, `/sync/${f.caseId}/kaart`, jbCookie);
    expect(await probe.json()).toEqual({ access: 'read' });
    ws.close();
    await closeCode(ws).catch(() => -1);
  });

  it('shows the pages read-only: document tabs get readOnly, no score form, and a banner', async () => {
    const data = async (tab: string) =>
      (await (await get(server.url, `/casussen/${f.caseId}/${tab}?_data=${encodeURIComponent(`routes/casussen.$caseId.${tab}`)}`, jbCookie)).json()) as Record<
        string,
        unknown
      >;
    expect(await data('kaart')).toMatchObject({ readOnly: true, canScore: false, canEditQuestion: false });
    expect(await data('bodemeisen')).toMatchObject({ readOnly: true, closed: true });
    expect(await data('veiligheidsplan')).toMatchObject({ readOnly: true, canRequest: false, canAnswer: false });
    const page = html(await get(server.url, `/casussen/${f.caseId}/kaart`, jbCookie));
    expect(await page).toContain('Deze casus is afgesloten op');
    expect(await page).toContain('Casus weer openen');
  });

  it('still opens with a personal link (read-only view), and a link can still be revoked', async () => {
    const opened = await commands.openPersonalLink({ token: linkToken });
    expect(opened.status).toBe('open');
    const cookie = (await server.services.auth.createParticipantSession(f.ids.ouder!)).split(';')[0]!;
    const home = await get(server.url, `/casussen/${f.caseId}`, cookie);
    expect(home.status).toBe(200);
    expect(await html(home)).toContain('Dit plan is afgesloten op');
    const probe = await get(server.url, `/sync/${f.caseId}/kaart`, cookie);
    expect(await probe.json()).toEqual({ access: 'read' });
    // Ending access is always allowed.
    commands.revokeLink(f.actor('jeugdbeschermer'), { participantId: f.ids.ouder });
    expect((await commands.openPersonalLink({ token: linkToken })).status).not.toBe('open');
    // …but only by those who manage participants.
    expect(await failure(() => commands.revokeLink(f.actor('professional'), { participantId: f.ids.netwerklid }))).toBeInstanceOf(NotAllowed);
  });

  it('is listed under Afgesloten in Mijn casussen', async () => {
    const page = await html(await get(server.url, '/casussen', jbCookie));
    const closedPart = page.slice(page.indexOf('Afgesloten'));
    expect(page.indexOf('Afgesloten')).toBeGreaterThan(0);
    expect(closedPart).toContain('Gezin Afgesloten');
  });

  it('reopened by the jeugdbeschermer, it takes writes again: commands and the live documents', async () => {
    commands.reopenCase(f.actor('jeugdbeschermer'), { reason: 'Er is een nieuwe melding.' });
    expect(closedAt(f.caseId)).toBeNull();
    commands.saveScaleScore(f.actor('ouder'), { score: '7' });
    commands.withdrawBesluit(f.actor('jeugdbeschermer'), { besluitId, reason: 'Niet meer aan de orde.' });
    const before = (server.services.database.sqlite.prepare('select count(*) as n from updates where case_id = ?').get(f.caseId) as { n: number }).n;
    const writer = connectClient(server.url, jbCookie, `${f.caseId}/kaart`);
    clients.push(writer);
    await waitSynced(writer);
    addItem(
      writer.doc,
      { participantId: f.ids.jeugdbeschermer!, name: f.accounts.jeugdbeschermer!.name, role: ROLE_LABELS.jeugdbeschermer },
      { section: 'gebeurd', fields: { text: 'Na heropenen' } },
    );
    await waitFor(
      () => (server.services.database.sqlite.prepare('select count(*) as n from updates where case_id = ?').get(f.caseId) as { n: number }).n > before,
      5000,
      'write stored',
    );
    expect(writer.denied).toEqual([]);
  });
});

describe('closing waits for a running overdracht', () => {
  it('is refused with a 409 while an overdracht is open, and goes once it is stopped', async () => {
    const f = await freshCase('Gezin Overdracht');
    const snap = commands.makeSnapshot(f.actor('casusregisseur'), { label: 'Overdracht', reason: 'overdracht' }).snapshotId;
    const id = 'overdracht-test';
    server.services.db
      .insert(overdrachten)
      .values({
        id,
        caseId: f.caseId,
        fromParticipantId: f.ids.casusregisseur!,
        toParticipantId: f.ids.professional!,
        situatie: 'Stabiel.',
        openAfsprakenRisicos: 'Geen.',
        gezinBelangrijk: 'Rust.',
        volgendeStappen: 'Evaluatie.',
        familySummary: 'Karim wordt jullie regisseur.',
        snapshotId: snap,
        startedById: f.ids.casusregisseur!,
        startedAt: Date.now(),
      })
      .run();
    const error = await failure(() => commands.closeCase(f.actor('jeugdbeschermer'), REASON));
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toMatch(/overdracht/);
    expect(closedAt(f.caseId)).toBeNull();
    expect(finalVersions(f.caseId)).toHaveLength(0);
    server.services.db.update(overdrachten).set({ cancelledAt: Date.now(), cancelReason: 'test' }).where(eq(overdrachten.id, id)).run();
    commands.closeCase(f.actor('jeugdbeschermer'), REASON);
    expect(closedAt(f.caseId)).not.toBeNull();
  });
});

describe('the change and its case event are one transaction', () => {
  it('a failing event leaves the case open and makes no final version; a failing version leaves no event', async () => {
    const f = await freshCase('Gezin Atomair');
    const sqlite = server.services.database.sqlite;
    for (const table of ['case_events', 'snapshots', 'audit_log']) {
      sqlite.exec(`create temp trigger fail_insert before insert on ${table} begin select raise(abort, 'forced failure'); end;`);
      expect(() => commands.closeCase(f.actor('jeugdbeschermer'), REASON), table).toThrow(/forced failure/);
      sqlite.exec('drop trigger temp.fail_insert');
      expect(closedAt(f.caseId), table).toBeNull();
      expect(finalVersions(f.caseId), table).toHaveLength(0);
      expect(eventCount(f.caseId, 'case-closed'), table).toBe(0);
    }
    commands.closeCase(f.actor('jeugdbeschermer'), REASON);
    sqlite.exec(`create temp trigger fail_insert before insert on case_events begin select raise(abort, 'forced failure'); end;`);
    expect(() => commands.reopenCase(f.actor('jeugdbeschermer'), REASON)).toThrow(/forced failure/);
    sqlite.exec('drop trigger temp.fail_insert');
    expect(closedAt(f.caseId)).not.toBeNull();
    expect(eventCount(f.caseId, 'case-reopened')).toBe(0);
  });

  it('a removed jeugdbeschermer cannot reopen on an old request', async () => {
    const f = await freshCase('Gezin Verwijderd');
    commands.closeCase(f.actor('jeugdbeschermer'), REASON);
    server.services.db.update(participants).set({ removedAt: Date.now() }).where(eq(participants.id, f.ids.jeugdbeschermer!)).run();
    const error = await failure(() => commands.reopenCase(f.actor('jeugdbeschermer'), REASON));
    expect(error.status).toBe(404);
    expect(closedAt(f.caseId)).not.toBeNull();
  });
});
