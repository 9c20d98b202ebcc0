/** Durability of the sync engine: restart, compaction, idle unload, single-flight load, failed writes and loads. */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/support/tempDirs';
import * as Y from 'yjs';
import { caseWithEveryRole } from '../../tests/support/syncFixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import type { SyncOptions } from './options';

const clients: Client[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
});

async function serverIn(dir: string, sync: Partial<SyncOptions> = {}) {
  const server = await startTestServer({ dir, sync: { upgradesPerSecond: 0, schemaCheck: false, ...sync } });
  servers.push(server);
  return server;
}

const tempDir = useTempDirs('veiligplan-durable-');

function client(server: TestServer, cookie: string, room: string) {
  const c = connectClient(server.url, cookie, room);
  clients.push(c);
  return c;
}

function rows(server: TestServer, caseId: string) {
  return server.services.database.sqlite
    .prepare("select participant_id as participantId from updates where case_id = ? and document = 'kaart' order by id")
    .all(caseId) as { participantId: string }[];
}

describe('sync durability', () => {
  it('keeps content and attribution across a restart', async () => {
    const dir = tempDir();
    const first = await serverIn(dir);
    const { caseId, sessions } = await caseWithEveryRole(first);
    const parent = client(first, sessions.ouder.cookie, `${caseId}/kaart`);
    const jb = client(first, sessions.jeugdbeschermer.cookie, `${caseId}/kaart`);
    await Promise.all([waitSynced(parent), waitSynced(jb)]);
    parent.doc.getArray<string>('zorgen').push(['Mark drinkt te veel als hij stress heeft']);
    jb.doc.getArray<string>('krachten').push(['Oma Riet haalt de kinderen elke woensdag op']);
    await waitFor(() => rows(first, caseId).length === 2);
    for (const c of clients.splice(0)) c.destroy();
    await first.close();
    servers.splice(0);

    const second = await serverIn(dir);
    // Sessions live in SQLite too: the old cookie still works after the restart.
    const reader = client(second, sessions.meelezer.cookie, `${caseId}/kaart`);
    await waitSynced(reader);
    expect(reader.doc.getArray('zorgen').toJSON()).toEqual(['Mark drinkt te veel als hij stress heeft']);
    expect(reader.doc.getArray('krachten').toJSON()).toEqual(['Oma Riet haalt de kinderen elke woensdag op']);
    expect(rows(second, caseId).map((r) => r.participantId)).toEqual([sessions.ouder.participantId, sessions.jeugdbeschermer.participantId]);
  });

  it('compacts into checkpoints without losing a single attributed log row, and loads from checkpoint + tail', async () => {
    const server = await serverIn(tempDir(), { compactAfterRows: 50 });
    const { caseId, sessions } = await caseWithEveryRole(server);
    const writer = client(server, sessions.ouder.cookie, `${caseId}/kaart`);
    await waitSynced(writer);
    for (let i = 0; i < 120; i++) {
      writer.doc.getArray<number>('n').push([i]);
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await waitFor(() => rows(server, caseId).length === 120);
    const checkpoints = server.services.database.sqlite
      .prepare("select up_to_update_id as upTo from checkpoints where case_id = ? and document = 'kaart' order by id")
      .all(caseId) as { upTo: number }[];
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(rows(server, caseId).every((r) => r.participantId === sessions.ouder.participantId)).toBe(true);

    const loaded = server.services.sync.store.load(caseId, 'kaart');
    expect(loaded.tail.length).toBeLessThan(50);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.checkpoint!);
    for (const u of loaded.tail) Y.applyUpdate(doc, u);
    expect(doc.getArray('n').toJSON()).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it('unloads an idle document and loads it once for many clients arriving together', async () => {
    const server = await serverIn(tempDir(), { idleUnloadMs: 50 });
    const { caseId, sessions } = await caseWithEveryRole(server);
    const first = client(server, sessions.ouder.cookie, `${caseId}/plan`);
    await waitSynced(first);
    first.doc.getMap('plan').set('afspraak', 'Oma haalt op');
    await waitFor(() => server.services.sync.metrics.updatesPersisted > 0);
    first.provider.disconnect();
    await waitFor(() => !server.services.sync.rooms.has(`${caseId}/plan`), 2000, 'unload');
    const loadsBefore = server.services.sync.metrics.documentsLoaded;

    const many = Array.from({ length: 8 }, () => client(server, sessions.netwerklid.cookie, `${caseId}/plan`));
    await Promise.all(many.map((c) => waitSynced(c)));
    expect(server.services.sync.metrics.documentsLoaded - loadsBefore).toBe(1);
    for (const c of many) expect(c.doc.getMap('plan').get('afspraak')).toBe('Oma haalt op');
  });

  it('unloads a document that was loaded only to be read (a page, a snapshot) after the idle period', async () => {
    const server = await serverIn(tempDir(), { idleUnloadMs: 50 });
    const { caseId } = await caseWithEveryRole(server);
    server.services.sync.room(caseId, 'bodemeisen');
    expect(server.services.sync.rooms.has(`${caseId}/bodemeisen`)).toBe(true);
    await waitFor(() => !server.services.sync.rooms.has(`${caseId}/bodemeisen`), 3000, 'unload after a read');
  });

  it('never broadcasts an update it could not write; closes the writer with 1011; retries and then delivers', async () => {
    const server = await serverIn(tempDir(), { retryFailedWriteMs: 300 });
    const { caseId, sessions } = await caseWithEveryRole(server);
    const writer = client(server, sessions.ouder.cookie, `${caseId}/kaart`);
    const other = client(server, sessions.jeugdbeschermer.cookie, `${caseId}/kaart`);
    await Promise.all([waitSynced(writer), waitSynced(other)]);
    const sqlite = server.services.database.sqlite;
    // Every write to the log now fails, as with a full or broken disk.
    sqlite.exec("create trigger test_broken_disk before insert on updates begin select raise(abort, 'schijf kapot'); end");

    writer.doc.getArray<string>('zorgen').push(['Dit mag niet verloren gaan']);
    await waitFor(() => writer.closeCodes.includes(1011), 3000, 'writer closed with 1011');
    await new Promise((r) => setTimeout(r, 100));
    expect(other.doc.getArray('zorgen').length).toBe(0);
    expect(server.services.sync.metrics.writeFailures).toBeGreaterThan(0);
    // Someone who joins now is not sent the unwritten change either: the answer waits until it is durable.
    const late = client(server, sessions.netwerklid.cookie, `${caseId}/kaart`);
    await new Promise((r) => setTimeout(r, 300));
    expect(late.doc.getArray('zorgen').length).toBe(0);

    sqlite.exec('drop trigger test_broken_disk');
    await waitFor(() => other.doc.getArray('zorgen').length === 1, 5000, 'delivery after retry');
    await waitFor(() => late.doc.getArray('zorgen').length === 1, 5000, 'late joiner gets it once durable');
    expect(rows(server, caseId).length).toBe(1);
  });

  it('closes with 1011 and creates no empty document when a document cannot be loaded', async () => {
    const server = await serverIn(tempDir());
    const { caseId, sessions } = await caseWithEveryRole(server);
    server.services.database.sqlite
      .prepare("insert into updates (case_id, document, received_at, bytes, \"update\") values (?, 'kaart', 0, 3, x'ffffff')")
      .run(caseId);
    const c = client(server, sessions.ouder.cookie, `${caseId}/kaart`);
    await waitFor(() => c.closeCodes.includes(1011), 3000, 'close 1011');
    expect(server.services.sync.rooms.has(`${caseId}/kaart`)).toBe(false);
    expect(server.services.sync.metrics.documentLoadFailures).toBeGreaterThan(0);
    c.provider.disconnect();

    // A bad frame arriving while the server closes such a socket must not bring the process down: the upgrade
    // request and an oversized frame header go out in one write, so the frame is there when the socket opens.
    const { hostname, port, origin } = new URL(server.url);
    const tcp = net.connect(Number(port), hostname);
    tcp.on('error', () => undefined);
    const frame = Buffer.alloc(14);
    frame[0] = 0x82; // final binary frame
    frame[1] = 0x80 | 127; // masked, 64-bit length
    frame.writeBigUInt64BE(BigInt(server.services.sync.options.maxPayloadBytes + 1), 2);
    tcp.write(
      `GET /sync/${caseId}/kaart HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${origin}\r\nCookie: ${sessions.ouder.cookie}\r\n\r\n`,
    );
    tcp.write(frame);
    await new Promise((r) => tcp.once('data', r)); // the 101 answer (and the 1011 close frame)
    await new Promise((r) => setTimeout(r, 100));
    tcp.destroy();
    const still = client(server, sessions.ouder.cookie, `${caseId}/plan`);
    await waitSynced(still);
  });
});
