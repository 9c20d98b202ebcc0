/**
 * Sync step 1 cannot be used to make the server encode a document over and
 * over: each connection gets a few answers per second (a flood is dropped,
 * then closed with 4400), and the whole-document answer is encoded once per
 * document change, however many sockets ask. Real server, raw sockets and
 * real y-websocket providers.
 */
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import type { Role } from '../../app/domain/caseFacts';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { closeCode, connectClient, rawSocket, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';

let server: TestServer;
let caseId: string;
let s: Record<Role, RoleSession>;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

/** Sync step 1 with an empty state vector ("send me everything"): 4 bytes. */
const STEP1_EMPTY = new Uint8Array([0, 0, 1, 0]);

beforeAll(async () => {
  // Free-form content (a large array) to make full encodings costly; the schema check has its own tests.
  server = await startTestServer({ sync: { upgradesPerSecond: 0, schemaCheck: false } });
  ({ caseId, sessions: s } = await caseWithEveryRole(server));
  // Some content, so that an answer is a real encoding of a real document.
  const writer = client(s.jeugdbeschermer, 'kaart');
  await waitSynced(writer);
  const list = writer.doc.getArray<string>('inhoud');
  for (let i = 0; i < 200; i++) list.push([`regel ${i} `.repeat(20)]);
  await waitFor(() => server.services.sync.rooms.get(`${caseId}/kaart`)?.doc.getArray('inhoud').length === 200);
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

/** A raw socket that collects the server's sync step 2 answers. */
async function raw(session: RoleSession, document: string) {
  const ws = await rawSocket(server.url, `/sync/${caseId}/${document}`, { Cookie: session.cookie, Origin: new URL(server.url).origin });
  sockets.push(ws);
  const answers: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1) answers.push(decoding.readVarUint8Array(d));
  });
  return { ws, answers };
}

const encodes = () => server.services.sync.metrics.fullStateEncodes;

describe('sync step 1', () => {
  it('answers a flood of step 1 from one read-only socket a few times, then closes it with 4400', async () => {
    const before = encodes();
    const { ws, answers } = await raw(s.meelezer, 'kaart');
    const code = closeCode(ws);
    for (let i = 0; i < 100; i++) ws.send(STEP1_EMPTY);
    expect(await code).toBe(4400);
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers.length).toBeLessThanOrEqual(3);
    expect(encodes() - before).toBeLessThanOrEqual(1);
    expect(server.services.sync.metrics.syncStep1Dropped).toBeGreaterThanOrEqual(10);
  });

  it('encodes the whole document once per change, however many sockets ask for it', async () => {
    const askers = await Promise.all([s.ouder, s.netwerklid, s.jeugdige, s.meelezer, s.professional, s.casusregisseur].map((p) => raw(p, 'kaart')));
    const before = encodes();
    for (const a of askers) a.ws.send(STEP1_EMPTY);
    await waitFor(() => askers.every((a) => a.answers.length === 1), 5000, 'every socket answered');
    expect(encodes() - before).toBeLessThanOrEqual(1);
    // Every socket got the same, complete document.
    for (const a of askers) expect(a.answers[0]).toEqual(askers[0]!.answers[0]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, askers[0]!.answers[0]!);
    expect(copy.getArray('inhoud').length).toBe(200);

    // After a change the next answer holds it: encoded once more.
    const writer = client(s.jeugdbeschermer, 'kaart');
    await waitSynced(writer);
    writer.doc.getArray<string>('inhoud').push(['nieuw']);
    await waitFor(() => server.services.sync.rooms.get(`${caseId}/kaart`)?.doc.getArray('inhoud').length === 201);
    const afterChange = encodes();
    for (const a of askers) a.ws.send(STEP1_EMPTY);
    await waitFor(() => askers.every((a) => a.answers.length === 2), 5000, 'every socket answered again');
    expect(encodes() - afterChange).toBe(1);
    const again = new Y.Doc();
    Y.applyUpdate(again, askers[0]!.answers[1]!);
    expect(again.getArray('inhoud').get(200)).toBe('nieuw');
  });

  it('still syncs stock providers, also after they reconnect', async () => {
    const a = client(s.casusregisseur, 'plan');
    const b = client(s.ouder, 'plan');
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.doc.getArray<string>('afspraken').push(['een']);
    await waitFor(() => b.doc.getArray('afspraken').length === 1);
    b.provider.disconnect();
    a.doc.getArray<string>('afspraken').push(['twee']);
    b.doc.getArray<string>('afspraken').push(['drie']); // made while offline
    b.provider.connect();
    await waitFor(() => b.provider.synced && b.doc.getArray('afspraken').length === 3 && a.doc.getArray('afspraken').length === 3);
    const fresh = client(s.netwerklid, 'plan');
    await waitSynced(fresh);
    await waitFor(() => fresh.doc.getArray('afspraken').length === 3);
  });
});
