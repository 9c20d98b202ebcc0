/**
 * Limits and hostile input against the real server: oversized frames, floods,
 * malformed and truncated messages, document size cap, connection limits,
 * dead sockets, and a bounded fuzz run. None may crash the server, corrupt a
 * document or disturb another document.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Role } from '../../app/domain/caseFacts';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { closeCode, connectClient, rawSocket, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { syncUpdateMessage as encodeSyncUpdate } from './protocol';

let server: TestServer;
let caseId: string;
let s: Record<Role, RoleSession>;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    sync: {
      maxPayloadBytes: 64 * 1024,
      hardCapBytes: 48 * 1024,
      softCapBytes: 32 * 1024,
      maxConnectionsPerDocument: 6,
      pingIntervalMs: 200,
      upgradesPerSecond: 0,
      // This file tests the engine's limits with free-form Yjs content; the schema check has its own tests.
      schemaCheck: false,
    },
  });
  ({ caseId, sessions: s } = await caseWithEveryRole(server));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const ws of sockets) ws.terminate();
  await server.stop();
});

function client(session: RoleSession, document: string) {
  const c = connectClient(server.url, session.cookie, `${caseId}/${document}`);
  clients.push(c);
  return c;
}

async function raw(session: RoleSession, document: string, options: { autoPong?: boolean } = {}) {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${caseId}/${document}`, {
      headers: { Cookie: session.cookie, Origin: new URL(server.url).origin },
      autoPong: options.autoPong ?? true,
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  sockets.push(ws);
  return ws;
}

function syncUpdateMessage(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => build(doc));
  return encodeSyncUpdate(update);
}

describe('sync: limits and bad input', () => {
  it('closes a connection that sends a frame over the payload limit with 1009', async () => {
    const ws = await raw(s.jeugdbeschermer, 'plan');
    ws.send(new Uint8Array(65 * 1024));
    expect(await closeCode(ws)).toBe(1009);
  });

  it('closes a flooding connection with 1008 and keeps serving the others', async () => {
    const calm = client(s.ouder, 'plan');
    await waitSynced(calm);
    const ws = await raw(s.jeugdbeschermer, 'plan');
    const code = closeCode(ws);
    for (let i = 0; i < 400; i++) ws.send(new Uint8Array([3])); // query-awareness, valid but too many
    expect(await code).toBe(1008);
    calm.doc.getArray('rust').push(['nog steeds verbonden']);
    const check = client(s.casusregisseur, 'plan');
    await waitFor(() => check.doc.getArray('rust').length === 1);
  });

  it('drops malformed and truncated messages, then closes a repeat offender with the final code 4400', async () => {
    const ws = await raw(s.jeugdbeschermer, 'kaart');
    const valid = syncUpdateMessage((d) => d.getArray('x').push(['geldig']));
    const code = closeCode(ws);
    ws.send(new Uint8Array([0, 2, 200, 1])); // truncated update
    ws.send(valid.subarray(0, valid.length - 3)); // truncated valid update
    ws.send(new Uint8Array([9, 9, 9])); // unknown type
    ws.send('tekst in plaats van binair');
    for (let i = 0; i < 8; i++) ws.send(new Uint8Array([0, 7]));
    expect(await code).toBe(4400);
    expect(server.services.sync.metrics.malformedMessages).toBeGreaterThanOrEqual(10);
  });

  it('refuses writes past the hard cap with a clear reason, and stores none of them', async () => {
    const writer = client(s.jeugdbeschermer, 'bodemeisen');
    const reader = client(s.ouder, 'bodemeisen');
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    const big = 'x'.repeat(20 * 1024);
    writer.doc.getArray<string>('groot').push([big]);
    await waitFor(() => reader.doc.getArray('groot').length === 1);
    writer.doc.getArray<string>('groot').push([big]);
    writer.doc.getArray<string>('groot').push([big]);
    await waitFor(() => writer.denied.includes('document-too-large'));
    const stored = server.services.database.sqlite.prepare("select count(*) as n from updates where case_id = ? and document = 'bodemeisen'").get(caseId) as {
      n: number;
    };
    expect(reader.doc.getArray('groot').length).toBeLessThan(3);
    expect(stored.n).toBe(reader.doc.getArray('groot').length);
  });

  it('cuts off a client that piles up updates whose dependencies never arrive (they would bypass the size cap)', async () => {
    const source = new Y.Doc();
    const made: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => made.push(u));
    const text = source.getText('t');
    text.insert(0, 'a'); // never sent: everything after it depends on it
    text.insert(1, 'y'.repeat(40 * 1024));
    text.insert(text.length, 'z'.repeat(40 * 1024));
    const ws = await raw(s.ouder, 'plan');
    const closed = closeCode(ws);
    ws.send(encodeSyncUpdate(made[1]!));
    ws.send(encodeSyncUpdate(made[2]!));
    expect(await closed).toBe(4400);
    const room = server.services.sync.rooms.get(`${caseId}/plan`);
    expect(room?.doc.store.pendingStructs ?? null).toBeNull();
    expect(room?.doc.getText('t').length ?? 0).toBe(0);
  });

  it('refuses connections past the per-document limit at the upgrade (503)', async () => {
    const opened: WebSocket[] = [];
    const room = server.services.sync.rooms.get(`${caseId}/plan`);
    const free = 6 - (room?.conns.size ?? 0);
    for (let i = 0; i < free; i++) opened.push(await raw(s.netwerklid, 'plan'));
    await expect(rawSocket(server.url, `/sync/${caseId}/plan`, { Cookie: s.netwerklid.cookie, Origin: new URL(server.url).origin })).rejects.toMatchObject({
      status: 503,
    });
    for (const ws of opened) ws.close();
  });

  it('drops a socket that stops answering pings', async () => {
    const ws = await raw(s.jeugdige, 'kaart', { autoPong: false });
    expect(await closeCode(ws, 3000)).toBe(1006);
  });

  it('survives a bounded fuzz run; other documents keep syncing and the fuzzed document still loads', async () => {
    const a = client(s.casusregisseur, 'kaart');
    await waitSynced(a);
    a.doc.getArray<string>('items').push(['voor de fuzz']);
    const valid = syncUpdateMessage((d) => d.getMap('m').set('k', 'v'));
    let rng = 12345;
    const random = () => (rng = (rng * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = i % 4;
      if (kind === 0) frames.push(valid.subarray(0, Math.floor(random() * valid.length)));
      else if (kind === 1) frames.push(Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
      else if (kind === 2) {
        const m = Uint8Array.from(valid);
        m[2 + Math.floor(random() * (m.length - 2))] = Math.floor(random() * 256);
        frames.push(m);
      } else {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, Math.floor(random() * 4));
        encoding.writeVarUint(e, Math.floor(random() * 4));
        encoding.writeVarUint(e, Math.floor(random() * 1_000_000));
        frames.push(encoding.toUint8Array(e));
      }
    }
    let sent = 0;
    while (sent < frames.length) {
      const ws = await raw(s.jeugdbeschermer, 'kaart');
      while (sent < frames.length && ws.readyState === WebSocket.OPEN) {
        ws.send(frames[sent++]!);
        if (sent % 9 === 0) await new Promise((r) => setImmediate(r));
      }
      ws.terminate();
    }
    // Another document of the case still syncs.
    const p1 = client(s.ouder, 'plan');
    const p2 = client(s.netwerklid, 'plan');
    await Promise.all([waitSynced(p1), waitSynced(p2)]);
    p1.doc.getArray<string>('na-fuzz').push(['werkt']);
    await waitFor(() => p2.doc.getArray('na-fuzz').length === 1);
    // The fuzzed document still loads from storage, with what was written before the fuzz.
    a.destroy(); // otherwise its provider reconnects and could push the item again
    const room = server.services.sync.rooms.get(`${caseId}/kaart`)!;
    for (const c of [...room.conns]) c.close(1000, 'test');
    await waitFor(() => room.pendingWrites === 0);
    expect(room.unloadIfIdle()).toBe(true);
    const failuresBefore = server.services.sync.metrics.documentLoadFailures;
    const stored = server.services.sync.store.load(caseId, 'kaart');
    const fromStorage = new Y.Doc();
    if (stored.checkpoint) Y.applyUpdate(fromStorage, stored.checkpoint);
    for (const u of stored.tail) Y.applyUpdate(fromStorage, u);
    expect(fromStorage.getArray('items').toJSON()).toEqual(['voor de fuzz']);
    const fresh = client(s.meelezer, 'kaart'); // read-only: cannot put anything back
    await waitSynced(fresh);
    expect(fresh.doc.getArray('items').toJSON()).toEqual(['voor de fuzz']);
    expect(server.services.sync.metrics.documentLoadFailures).toBe(failuresBefore);
  });
});

describe('sync: upgrades per IP', () => {
  it('refuses upgrades past the per-IP burst with 429 at the HTTP level', async () => {
    const limited = await startTestServer({ sync: { upgradeBurst: 3, upgradesPerSecond: 0.01, schemaCheck: false } });
    try {
      const { caseId: id, sessions } = await caseWithEveryRole(limited);
      const headers = { Cookie: sessions.ouder.cookie, Origin: new URL(limited.url).origin };
      const open: WebSocket[] = [];
      for (let i = 0; i < 3; i++) open.push(await rawSocket(limited.url, `/sync/${id}/kaart`, headers));
      await expect(rawSocket(limited.url, `/sync/${id}/kaart`, headers)).rejects.toMatchObject({ status: 429 });
      for (const ws of open) ws.terminate();
    } finally {
      await limited.stop();
    }
  });
});
