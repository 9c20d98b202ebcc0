/**
 * The sync engine end to end: the real server on an ephemeral port, real
 * y-websocket providers, a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import WebSocket from 'ws';
import { connectClient, rawSocket, serverSocketsOf, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import type { Role } from '../../app/domain/caseFacts';

let server: TestServer;
let caseA: string;
let caseB: string;
let a: Record<Role, RoleSession>;
let b: Record<Role, RoleSession>;
const clients: Client[] = [];

function client(session: RoleSession | null, room: string) {
  const c = connectClient(server.url, session?.cookie ?? null, room);
  clients.push(c);
  return c;
}

function storedRows(caseId: string, document: string) {
  return server.services.database.sqlite
    .prepare('select participant_id as participantId, bytes from updates where case_id = ? and document = ? order by id')
    .all(caseId, document) as { participantId: string | null; bytes: number }[];
}

beforeAll(async () => {
  // The engine's transport and durability with free-form Yjs content; the schema check has its own tests.
  server = await startTestServer({ sync: { schemaCheck: false } });
  ({ caseId: caseA, sessions: a } = await caseWithEveryRole(server, 'Gezin A'));
  ({ caseId: caseB, sessions: b } = await caseWithEveryRole(server, 'Gezin B'));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

describe('sync: convergence and durability', () => {
  it('two writers converge after concurrent edits; a late joiner receives everything; every update is stored with its author', async () => {
    const one = client(a.ouder, `${caseA}/kaart`);
    const two = client(a.jeugdbeschermer, `${caseA}/kaart`);
    await Promise.all([waitSynced(one), waitSynced(two)]);
    for (let i = 0; i < 20; i++) {
      one.doc.getArray<string>('zorgen').push([`ouder ${i}`]);
      two.doc.getArray<string>('zorgen').push([`jb ${i}`]);
    }
    await waitFor(() => one.doc.getArray('zorgen').length === 40 && two.doc.getArray('zorgen').length === 40);
    expect(one.doc.getArray('zorgen').toJSON()).toEqual(two.doc.getArray('zorgen').toJSON());

    const late = client(a.netwerklid, `${caseA}/kaart`);
    await waitSynced(late);
    expect(late.doc.getArray('zorgen').toJSON()).toEqual(one.doc.getArray('zorgen').toJSON());

    const rows = storedRows(caseA, 'kaart');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.participantId))).toEqual(new Set([a.ouder.participantId, a.jeugdbeschermer.participantId]));
  });
});

describe('sync: read-only access', () => {
  it("drops a parent's writes to bodemeisen (never applied, stored or broadcast) and keeps the socket open", async () => {
    const jb = client(a.jeugdbeschermer, `${caseA}/bodemeisen`);
    const parent = client(a.ouder, `${caseA}/bodemeisen`);
    await Promise.all([waitSynced(jb), waitSynced(parent)]);
    const before = storedRows(caseA, 'bodemeisen').length;

    parent.doc.getArray<string>('eisen').push(['Geen bodemeis, dit mag niet']);
    await waitFor(() => parent.denied.includes('read-only'));
    // A write by someone allowed still arrives at the parent, live.
    jb.doc.getArray<string>('eisen').push(['Sanne slaapt thuis in een veilige omgeving']);
    await waitFor(() => parent.doc.getArray('eisen').toJSON().includes('Sanne slaapt thuis in een veilige omgeving'));

    expect(jb.doc.getArray('eisen').toJSON()).toEqual(['Sanne slaapt thuis in een veilige omgeving']);
    expect(storedRows(caseA, 'bodemeisen').map((r) => r.participantId)).toEqual([
      ...Array(before).fill(a.jeugdbeschermer.participantId),
      a.jeugdbeschermer.participantId,
    ]);
    expect(parent.provider.wsconnected).toBe(true);
    expect(parent.denied).toEqual(['read-only']); // told once
    expect(server.services.sync.metrics.updatesDroppedReadOnly).toBeGreaterThan(0);
  });

  it('lets the meelezer read the kaart but not write it', async () => {
    const writer = client(a.casusregisseur, `${caseA}/kaart`);
    const reader = client(a.meelezer, `${caseA}/kaart`);
    await Promise.all([waitSynced(writer), waitSynced(reader)]);
    reader.doc.getMap('kaart').set('stiekem', 'nee');
    writer.doc.getMap('kaart').set('titel', 'Kaart van gezin A');
    await waitFor(() => reader.doc.getMap('kaart').get('titel') === 'Kaart van gezin A');
    await waitFor(() => reader.denied.length > 0);
    expect(writer.doc.getMap('kaart').get('stiekem')).toBeUndefined();
  });
});

describe('sync: no access is refused at the HTTP upgrade', () => {
  const origin = () => new URL(server.url).origin;

  it('refuses a participant of case A for every document of case B, like a case that does not exist', async () => {
    for (const document of ['kaart', 'plan', 'bodemeisen']) {
      await expect(rawSocket(server.url, `/sync/${caseB}/${document}`, { Cookie: a.jeugdbeschermer.cookie, Origin: origin() })).rejects.toMatchObject({
        status: 404,
      });
    }
    await expect(
      rawSocket(server.url, '/sync/00000000-0000-0000-0000-000000000000/kaart', { Cookie: a.jeugdbeschermer.cookie, Origin: origin() }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses an unknown document name and a malformed path with 404', async () => {
    for (const path of [`/sync/${caseA}/audit`, `/sync/${caseA}/KAART`, `/sync/${caseA}`, `/sync/../${caseA}/kaart`, '/anders']) {
      await expect(rawSocket(server.url, path, { Cookie: a.jeugdbeschermer.cookie, Origin: origin() })).rejects.toMatchObject({ status: 404 });
    }
  });

  it('refuses without a session (401), with a forged cookie (401) and from a foreign origin (403)', async () => {
    await expect(rawSocket(server.url, `/sync/${caseA}/kaart`, { Origin: origin() })).rejects.toMatchObject({ status: 401 });
    await expect(rawSocket(server.url, `/sync/${caseA}/kaart`, { Cookie: 'vp_session=bWFkZXVw.fake', Origin: origin() })).rejects.toMatchObject({
      status: 401,
    });
    await expect(rawSocket(server.url, `/sync/${caseA}/kaart`, { Cookie: a.jeugdbeschermer.cookie, Origin: 'http://evil.example' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(rawSocket(server.url, `/sync/${caseA}/kaart`, { Cookie: a.jeugdbeschermer.cookie })).rejects.toMatchObject({ status: 403 });
  });

  it('answers the same decision on a plain GET, for the client hook', async () => {
    const get = (cookie: string | null, path: string) => fetch(new URL(path, server.url), { headers: cookie ? { Cookie: cookie } : {} });
    // A plain GET has no Origin header; same-origin navigation is allowed.
    expect(await (await get(a.ouder.cookie, `/sync/${caseA}/bodemeisen`)).json()).toEqual({ access: 'read' });
    expect(await (await get(a.ouder.cookie, `/sync/${caseA}/kaart`)).json()).toEqual({ access: 'write' });
    expect((await get(a.ouder.cookie, `/sync/${caseB}/kaart`)).status).toBe(404);
    expect((await get(null, `/sync/${caseA}/kaart`)).status).toBe(401);
  });
});

describe('sync: presence', () => {
  it("shows the server's name for a participant, whatever the client claims", async () => {
    const liar = client(a.netwerklid, `${caseA}/plan`);
    const watcher = client(a.jeugdbeschermer, `${caseA}/plan`);
    await Promise.all([waitSynced(liar), waitSynced(watcher)]);
    liar.provider.awareness.setLocalStateField('user', { name: a.jeugdbeschermer.name, role: 'Jeugdbeschermer' });
    liar.provider.awareness.setLocalStateField('cursor', { item: 'x' });
    await waitFor(() => (watcher.provider.awareness.getStates().get(liar.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined);
    const seen = watcher.provider.awareness.getStates().get(liar.doc.clientID) as { user: { name: string; role: string } };
    expect(seen.user.name).toBe(a.netwerklid.name);
    expect(seen.user.role).toBe('Netwerklid');
  });

  it("cannot overwrite another client's awareness state", async () => {
    const victim = client(a.ouder, `${caseA}/plan`);
    const attacker = client(a.professional, `${caseA}/plan`);
    const watcher = client(a.casusregisseur, `${caseA}/plan`);
    await Promise.all([waitSynced(victim), waitSynced(attacker), waitSynced(watcher)]);
    victim.provider.awareness.setLocalStateField('editing', 'item-1');
    await waitFor(() => (watcher.provider.awareness.getStates().get(victim.doc.clientID) as { editing?: string } | undefined)?.editing === 'item-1');

    // The attacker sends a crafted awareness update under the victim's client id.
    const awarenessProtocol = await import('y-protocols/awareness');
    const encoding = await import('lib0/encoding');
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = victim.doc.clientID;
    const meta = { clock: 10_000, lastUpdated: Date.now() };
    fake.meta.set(victim.doc.clientID, meta);
    fake.states.set(victim.doc.clientID, { editing: 'gekaapt', user: { name: 'Nep' } });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(fake, [victim.doc.clientID]));
    attacker.provider.ws!.send(encoding.toUint8Array(e));

    attacker.provider.awareness.setLocalStateField('marker', 'na-aanval');
    await waitFor(() => (watcher.provider.awareness.getStates().get(attacker.doc.clientID) as { marker?: string } | undefined)?.marker === 'na-aanval');
    expect((watcher.provider.awareness.getStates().get(victim.doc.clientID) as { editing: string }).editing).toBe('item-1');
    fake.destroy();
  });

  it('lets the same person take over their client id on a new socket, and keeps them present when the old socket dies', async () => {
    const old = client(a.netwerklid, `${caseA}/kaart`);
    const again = client(a.netwerklid, `${caseA}/kaart`); // the same person, reconnected on a new socket
    const watcher = client(a.jeugdbeschermer, `${caseA}/kaart`);
    await Promise.all([waitSynced(old), waitSynced(again), waitSynced(watcher)]);
    const id = old.doc.clientID;
    const stateOf = () => watcher.provider.awareness.getStates().get(id) as { editing?: string } | undefined;
    old.provider.awareness.setLocalStateField('editing', 'oud');
    await waitFor(() => stateOf()?.editing === 'oud');

    const awarenessProtocol = await import('y-protocols/awareness');
    const encoding = await import('lib0/encoding');
    const carrier = new awarenessProtocol.Awareness(new Y.Doc());
    carrier.meta.set(id, { clock: 10_000, lastUpdated: Date.now() });
    carrier.states.set(id, { editing: 'nieuw' });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(carrier, [id]));
    again.provider.ws!.send(encoding.toUint8Array(e));
    await waitFor(() => stateOf()?.editing === 'nieuw', 5000, 'takeover by the same participant');

    // The old socket dies without saying goodbye (a phone that switched networks).
    const room = server.services.sync.rooms.get(`${caseA}/kaart`)!;
    const connsBefore = room.conns.size;
    old.provider.shouldConnect = false;
    (old.provider.ws as unknown as WebSocket).terminate();
    await waitFor(() => room.conns.size === connsBefore - 1, 5000, 'old socket gone');
    await new Promise((r) => setTimeout(r, 100));
    expect(stateOf()?.editing).toBe('nieuw');
    carrier.destroy();
  });

  it('removes a client from presence when its socket closes', async () => {
    const leaver = client(a.jeugdige, `${caseA}/kaart`);
    const watcher = client(a.casusregisseur, `${caseA}/kaart`);
    await Promise.all([waitSynced(leaver), waitSynced(watcher)]);
    leaver.provider.awareness.setLocalStateField('here', true);
    await waitFor(() => watcher.provider.awareness.getStates().has(leaver.doc.clientID));
    leaver.provider.disconnect();
    await waitFor(() => !watcher.provider.awareness.getStates().has(leaver.doc.clientID));
  });
});

describe('sync: closeConnections', () => {
  it('signing out closes the sockets of that sign-in with 4401, and its reconnect is refused (401)', async () => {
    const secondSignIn = (await server.services.auth.createParticipantSession(b.ouder.participantId)).split(';')[0]!;
    const leaving = client({ ...b.ouder, cookie: secondSignIn }, `${caseB}/plan`);
    const staying = client(b.ouder, `${caseB}/plan`); // the same person, signed in elsewhere
    await Promise.all([waitSynced(leaving), waitSynced(staying)]);
    const res = await postForm(server.url, '/logout', {}, { Cookie: secondSignIn });
    expect(res.status).toBe(302);
    await waitFor(() => leaving.closeCodes.includes(4401), 5000, 'close 4401');
    expect(staying.provider.wsconnected).toBe(true);
    const refused = await rawSocket(server.url, `/sync/${caseB}/plan`, { Cookie: secondSignIn, Origin: new URL(server.url).origin }).catch(
      (e: { status?: number }) => e,
    );
    expect((refused as { status?: number }).status).toBe(401);
  });

  it('starts closing the sockets of one participant at once (4403) and leaves the others alone', async () => {
    const target = client(b.netwerklid, `${caseB}/kaart`);
    const other = client(b.ouder, `${caseB}/kaart`);
    await Promise.all([waitSynced(target), waitSynced(other)]);
    const sockets = serverSocketsOf(server.services.sync, b.netwerklid.participantId);
    expect(sockets).toHaveLength(1);
    expect(server.services.sync.closeConnections({ participantId: b.netwerklid.participantId })).toBe(1);
    // No clock involved: by the time the call returns, the server has begun the close and forgotten the connection.
    expect(sockets.every((ws) => ws.readyState !== WebSocket.OPEN)).toBe(true);
    expect(serverSocketsOf(server.services.sync, b.netwerklid.participantId)).toEqual([]);
    await waitFor(() => target.closeCodes.includes(4403), 5000);
    expect(target.denied).toContain('access-revoked');
    expect(other.provider.wsconnected).toBe(true);
  });
});
