/**
 * A device whose clock is an hour ahead can still save: the page's loader
 * gives `serverNow`, the stamp clock takes the offset, and the stamps it
 * writes land close to the server's time — through the real server, its
 * schema check (STAMP_TOLERANCE_MS) and the stock y-websocket provider.
 * Without the reading, the same device's change is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStampClock } from '../../app/domain/stampClock';
import { DENIED_REFUSED } from '../../app/collab/syncCodes';
import { STAMP_TOLERANCE_MS } from '../../app/domain/documentSchema';
import { addItem, addReaction, itemToJSON, itemsMap, setStatus, type Actor } from '../../app/domain/items';
import { createCaseFixture, createProfessionalFixture } from '../../tests/support/fixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { get, login, startTestServer, type TestServer } from '../../tests/support/testServer';

const HOUR = 60 * 60 * 1000;

let server: TestServer;
let caseId: string;
let cookie: string;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  const prof = await createProfessionalFixture(server.services.db, 'Sophie Klokmans');
  ({ caseId } = createCaseFixture(server.services.db, prof.id, 'Gezin Klokmans'));
  cookie = await login(server.url, prof.email, prof.password);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** The kaart page's loader data, as the browser gets it on a client-side navigation. */
async function kaartLoader(): Promise<{ serverNow: number; actor: Actor }> {
  const res = await get(server.url, `/casussen/${caseId}/kaart?_data=${encodeURIComponent('routes/casussen.$caseId.kaart')}`, cookie);
  expect(res.status).toBe(200);
  return (await res.json()) as { serverNow: number; actor: Actor };
}

const serverItem = (id: string) => {
  const item = itemsMap(server.services.sync.room(caseId, 'kaart').doc).get(id);
  return item ? itemToJSON(item) : undefined;
};

describe('a device clock an hour ahead', () => {
  it('is refused without the server’s reading (the bug this fixes)', async () => {
    const { actor } = await kaartLoader();
    const skewed = createStampClock(() => Date.now() + HOUR);
    const client = connectClient(server.url, cookie, `${caseId}/kaart`);
    clients.push(client);
    await waitSynced(client);
    const id = addItem(client.doc, actor, { section: 'bang', fields: { text: 'Met een verkeerde klok' }, now: skewed.now() });
    await waitFor(() => client.denied.includes(DENIED_REFUSED), 5000, 'refused');
    expect(serverItem(id)).toBeUndefined();
  });

  it('saves with stamps close to the server’s time once the loader’s serverNow is read', async () => {
    const { serverNow, actor } = await kaartLoader();
    const skewed = createStampClock(() => Date.now() + HOUR);
    skewed.sync(serverNow);
    const client = connectClient(server.url, cookie, `${caseId}/kaart`);
    clients.push(client);
    await waitSynced(client);

    const id = addItem(client.doc, actor, { section: 'bang', fields: { text: 'Met een scheve klok' }, now: skewed.now() });
    await waitFor(() => serverItem(id) !== undefined, 5000, 'item stored');
    setStatus(client.doc, id, 'opgelost', 'Is geregeld', actor, skewed.now());
    addReaction(client.doc, id, 'Goed zo', actor, skewed.now());
    await waitFor(() => serverItem(id)?.status === 'opgelost' && serverItem(id)!.reactions.length === 1, 5000, 'status and reaction stored');

    const stored = serverItem(id)!;
    const now = Date.now();
    for (const at of [stored.createdAt, stored.statusAt!, stored.reactions[0]!.at]) {
      // Close to the server's time: the page-load latency at most, far inside the tolerance (and an hour from the device's).
      expect(Math.abs(at - now)).toBeLessThan(10_000);
      expect(Math.abs(at - now)).toBeLessThan(STAMP_TOLERANCE_MS);
    }
    expect(client.denied).toEqual([]);
  });
});

describe('work done offline', () => {
  /** A fresh sign-in whose session row began `ago` ms before now (the row's time is the server's record of it). */
  async function signedInSince(ago: number) {
    const prof = await createProfessionalFixture(server.services.db, 'Sophie Offline');
    const own = createCaseFixture(server.services.db, prof.id, 'Gezin Offline');
    const session = await login(server.url, prof.email, prof.password);
    server.services.database.sqlite.prepare('update sessions set created_at = created_at - ? where user_id = ?').run(ago, prof.id);
    const res = await get(server.url, `/casussen/${own.caseId}/kaart?_data=${encodeURIComponent('routes/casussen.$caseId.kaart')}`, session);
    const { actor } = (await res.json()) as { actor: Actor };
    const client = connectClient(server.url, session, `${own.caseId}/kaart`);
    clients.push(client);
    await waitSynced(client);
    const stored = (id: string) => itemsMap(server.services.sync.room(own.caseId, 'kaart').doc).get(id);
    return { client, actor, stored };
  }

  it('keeps its real time when it is sent later: stamps back to the start of the sign-in are accepted', async () => {
    const { client, actor, stored } = await signedInSince(3 * HOUR);
    const id = addItem(client.doc, actor, { section: 'bang', fields: { text: 'Geschreven zonder internet' }, now: Date.now() - 2 * HOUR });
    await waitFor(() => stored(id) !== undefined, 5000, 'offline item stored');
    expect(client.denied).toEqual([]);
  });

  it('cannot be back-dated before the sign-in began, nor dated in the future', async () => {
    const before = await signedInSince(HOUR);
    addItem(before.client.doc, before.actor, { section: 'bang', fields: { text: 'Teruggedateerd' }, now: Date.now() - 3 * HOUR });
    await waitFor(() => before.client.denied.includes(DENIED_REFUSED), 5000, 'back-dated refused');
    const ahead = await signedInSince(HOUR);
    addItem(ahead.client.doc, ahead.actor, { section: 'bang', fields: { text: 'Vooruitgedateerd' }, now: Date.now() + HOUR });
    await waitFor(() => ahead.client.denied.includes(DENIED_REFUSED), 5000, 'future refused');
  });
});
