/**
 * The schema check at the sync boundary, attacked the way issue 13 found it
 * open: every writer below holds a real session and sends crafted changes
 * through the real y-websocket provider (or a raw socket). A refused update
 * is not applied, not stored and not broadcast; the sender is told; the case
 * stays intact and readable.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLE_LABELS, type Role } from '../../app/domain/caseFacts';
import { addItem, addReaction, itemsMap, setStatus, type Actor } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import type { DocumentName } from '../../app/domain/permissions';
import { DENIED_QUOTA, DENIED_REFUSED } from '../../app/collab/syncCodes';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { connectClient, rawSocket, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { get, startTestServer, type TestServer } from '../../tests/support/testServer';
import { syncUpdateMessage } from './protocol';

let server: TestServer;
let caseId: string;
let sessions: Record<Role, RoleSession>;
const clients: Client[] = [];
let jbItem: string;

const actorOf = (role: Role): Actor => ({ participantId: sessions[role].participantId, name: sessions[role].name, role: ROLE_LABELS[role] });
const rows = (document: DocumentName) =>
  (server.services.database.sqlite.prepare('select count(*) as n from updates where case_id = ? and document = ?').get(caseId, document) as { n: number }).n;
const live = (document: DocumentName) => server.services.sync.room(caseId, document).doc;
const liveItems = (document: DocumentName) => JSON.stringify(itemsMap(live(document)).toJSON());

function connect(role: Role, document: DocumentName): Client {
  const c = connectClient(server.url, sessions[role].cookie, `${caseId}/${document}`);
  clients.push(c);
  return c;
}

/** Sends one change as `role`; resolves with whether the server refused it (and checks a refusal left no trace). */
async function attempt(role: Role, document: DocumentName, change: (doc: Y.Doc) => void): Promise<{ refused: boolean; reason?: string }> {
  const c = connect(role, document);
  await waitSynced(c);
  const before = { rows: rows(document), items: liveItems(document) };
  change(c.doc);
  await waitFor(() => c.denied.length > 0 || rows(document) > before.rows, 5000, 'refused or stored');
  if (c.denied.length > 0) {
    expect(rows(document), 'nothing stored').toBe(before.rows);
    expect(liveItems(document), 'nothing applied').toBe(before.items);
    return { refused: true, reason: c.denied[0] };
  }
  return { refused: false };
}

beforeAll(async () => {
  // Sync step 1 is the fuzzer's barrier (answered once everything before it is durable): not rate-limited here.
  server = await startTestServer({ sync: { participantBytesPerMinute: 64 * 1024, upgradesPerSecond: 0, syncStep1Burst: 100_000, syncStep1PerSecond: 10_000 } });
  ({ caseId, sessions } = await caseWithEveryRole(server, 'Gezin Schema'));
  const jb = connect('jeugdbeschermer', 'kaart');
  await waitSynced(jb);
  jbItem = addItem(jb.doc, actorOf('jeugdbeschermer'), { section: 'gebeurd', fields: { text: 'Op 3 maart was er ruzie waar de kinderen bij waren.' } });
  await waitFor(() => itemsMap(live('kaart')).has(jbItem), 5000, 'seed item');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

describe('valid changes still pass', () => {
  it('adding, editing your own item, moving, and a status change with a reason are stored', async () => {
    expect((await attempt('ouder', 'kaart', (doc) => addItem(doc, actorOf('ouder'), { section: 'krachten', fields: { text: 'Oma helpt' } }))).refused).toBe(
      false,
    );
    expect(
      (await attempt('ouder', 'kaart', (doc) => setStatus(doc, jbItem, 'opgelost', 'Er is sindsdien geen ruzie meer geweest', actorOf('ouder'), Date.now())))
        .refused,
    ).toBe(false);
    expect(renderKaart(live('kaart')).sections.gebeurd![0]).toMatchObject({ status: 'opgelost', statusBy: { id: sessions.ouder.participantId } });
    expect(
      (await attempt('jeugdbeschermer', 'kaart', (doc) => setStatus(doc, jbItem, 'actueel', 'Toch weer ruzie gehad', actorOf('jeugdbeschermer')))).refused,
    ).toBe(false);
  });
});

describe('forged attribution is refused', () => {
  const forged: [string, (doc: Y.Doc, me: Actor) => void][] = [
    ['a forged name on a new item', (doc, me) => addItem(doc, { ...me, name: 'Sophie Jansen' }, { section: 'bang', fields: { text: 'x' } })],
    ['a forged role on a new item', (doc, me) => addItem(doc, { ...me, role: 'Jeugdbeschermer' }, { section: 'bang', fields: { text: 'x' } })],
    ['a back-dated new item', (doc, me) => addItem(doc, me, { section: 'bang', fields: { text: 'x' }, now: Date.now() - 30 * 86_400_000 })],
    [
      'someone else as creator',
      (doc, me) => addItem(doc, { ...me, participantId: sessions.jeugdbeschermer.participantId }, { section: 'bang', fields: { text: 'x' } }),
    ],
    [
      'a forged "edited by" name',
      (doc, me) => {
        const item = itemsMap(doc).get(jbItem)!;
        doc.transact(() => {
          item.set('editedById', me.participantId);
          item.set('editedByName', 'Iemand Anders');
          item.set('editedAt', Date.now());
        });
      },
    ],
    ['a forged "status by"', (doc, me) => setStatus(doc, jbItem, 'opgelost', 'Klaar', { ...me, name: 'De Rechter' })],
    ['a status time far in the past', (doc, me) => setStatus(doc, jbItem, 'opgelost', 'Klaar', me, Date.now() - 86_400_000)],
    ['changing who created an item', (doc) => itemsMap(doc).get(jbItem)!.set('createdByName', 'Niemand')],
  ];
  for (const [what, change] of forged) {
    it(what, async () => {
      const result = await attempt('netwerklid', 'kaart', (doc) => change(doc, actorOf('netwerklid')));
      expect(result).toEqual({ refused: true, reason: DENIED_REFUSED });
    });
  }
});

describe('items are never deleted, replaced, moved out of the schema or changed without a reason', () => {
  const attacks: [string, Role, (doc: Y.Doc, me: Actor) => void][] = [
    ['deleting someone else’s item', 'professional', (doc) => itemsMap(doc).delete(jbItem)],
    [
      'replacing an item wholesale',
      'netwerklid',
      (doc) => {
        const fake = new Y.Map<unknown>();
        itemsMap(doc).set(jbItem, fake);
        fake.set('id', jbItem);
        fake.set('text', new Y.Text('Herschreven'));
      },
    ],
    ['moving an item to a section that does not exist', 'ouder', (doc) => itemsMap(doc).get(jbItem)!.set('section', 'nergens')],
    ['a plain string where an item belongs', 'ouder', (doc) => itemsMap(doc).set('abc', 'geen item' as never)],
    ['a wrongly typed position', 'ouder', (doc) => itemsMap(doc).get(jbItem)!.set('position', 'eerste')],
    ['an unknown key on an item', 'ouder', (doc) => itemsMap(doc).get(jbItem)!.set('geheim', 'x')],
    ['an unknown top-level type', 'ouder', (doc) => doc.getArray('rommel').push(['x'.repeat(1000)])],
    ['a refresh stamp in meta (only the server writes meta)', 'ouder', (doc) => doc.getMap('meta').set('scoresChangedAt', Date.now())],
    [
      'withdrawing without a reason',
      'jeugdbeschermer',
      (doc, me) => {
        const item = itemsMap(doc).get(jbItem)!;
        doc.transact(() => {
          item.set('status', 'ingetrokken');
          item.set('statusReason', null);
          item.set('statusById', me.participantId);
          item.set('statusByName', me.name);
          item.set('statusAt', Date.now());
        });
      },
    ],
    ['a parent resolving the jeugdbeschermer’s statement with one tap (no reason)', 'ouder', (doc) => itemsMap(doc).get(jbItem)!.set('status', 'opgelost')],
    [
      'a netwerklid rewriting the jeugdbeschermer’s text',
      'netwerklid',
      (doc) => {
        const text = itemsMap(doc).get(jbItem)!.get('text') as Y.Text;
        text.insert(0, 'Niet waar: ');
      },
    ],
    ['a text longer than a field may be', 'professional', (doc, me) => addItem(doc, me, { section: 'bang', fields: { text: 'x'.repeat(6000) } })],
  ];
  for (const [what, role, change] of attacks) {
    it(what, async () => {
      const result = await attempt(role, 'kaart', (doc) => change(doc, actorOf(role)));
      expect(result).toEqual({ refused: true, reason: DENIED_REFUSED });
    });
  }

  it('a parent may not change the bodemeisen at all (read-only), nor a meelezer the kaart', async () => {
    const parent = connect('ouder', 'bodemeisen');
    await waitSynced(parent);
    addItem(parent.doc, actorOf('ouder'), { section: 'eisen', fields: { tekst: 'Mag niet' } });
    await waitFor(() => parent.denied.includes('read-only'));
  });

  it('after all of it the case is intact: pages, print and a version still answer', async () => {
    expect(renderKaart(live('kaart')).sections.gebeurd![0]!.fields.text).toBe('Op 3 maart was er ruzie waar de kinderen bij waren.');
    for (const page of ['kaart', 'veiligheidsplan', 'versies']) {
      expect((await get(server.url, `/casussen/${caseId}/${page}`, sessions.jeugdbeschermer.cookie)).status).toBe(200);
    }
    expect((await get(server.url, `/casussen/${caseId}/afdrukken`, sessions.jeugdbeschermer.cookie)).status).toBe(200);
    const snapshot = server.services.commands.makeSnapshot(
      { caseId, participantId: sessions.jeugdbeschermer.participantId },
      { label: 'Na de aanval', reason: 'handmatig' },
    );
    expect(server.services.snapshots.get(caseId, snapshot.snapshotId)!.rendering.kaart.sections.gebeurd).toHaveLength(1);
  });

  it('a connection that keeps sending refused updates is closed with 4400', async () => {
    const c = connect('ouder', 'kaart');
    await waitSynced(c);
    for (let i = 0; i < 12; i++) c.doc.getMap('meta').set(`k${i}`, i);
    await waitFor(() => c.closeCodes.includes(4400), 5000, 'closed 4400');
  });
});

/** One V1 update with a single string item: origin and right origin as given (the crafted class of Yjs #687). */
function craftedInsert(client: number, origin: Y.ID, rightOrigin: Y.ID, text: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 4 | 0x80 | 0x40); // ContentString, has origin, has right origin
  encoding.writeVarUint(e, origin.client);
  encoding.writeVarUint(e, origin.clock);
  encoding.writeVarUint(e, rightOrigin.client);
  encoding.writeVarUint(e, rightOrigin.clock);
  encoding.writeVarString(e, text);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** A value nested `depth` arrays deep, set on an item as key `extra` (written by hand: Yjs itself cannot encode it). */
function craftedDeepValue(client: number, itemMapId: Y.ID, depth: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8(e, 8 | 0x20); // ContentAny with a map key, parent given
  encoding.writeVarUint(e, 0); // parent is a type (by id), not a top-level name
  encoding.writeVarUint(e, itemMapId.client);
  encoding.writeVarUint(e, itemMapId.clock);
  encoding.writeVarString(e, 'extra');
  encoding.writeVarUint(e, 1); // one value
  for (let i = 0; i < depth; i++) {
    encoding.writeUint8(e, 117); // array
    encoding.writeVarUint(e, 1);
  }
  encoding.writeUint8(e, 119); // string
  encoding.writeVarString(e, 'bodem');
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

async function sendRaw(role: Role, update: Uint8Array): Promise<void> {
  const ws = await rawSocket(server.url, `/sync/${caseId}/kaart`, { Cookie: sessions[role].cookie, Origin: new URL(server.url).origin });
  const answers: Buffer[] = [];
  ws.on('message', (m: Buffer) => answers.push(m));
  ws.send(syncUpdateMessage(update));
  await waitFor(() => answers.some((m) => m.includes(Buffer.from(DENIED_REFUSED))) || ws.readyState !== ws.OPEN, 5000, 'told refused');
  ws.close();
}

describe('values that would break a case', () => {
  it('a value 20,000 levels deep (240 KB) is refused; the case still renders everywhere', async () => {
    const itemMap = itemsMap(live('kaart')).get(jbItem)!;
    const before = rows('kaart');
    const update = craftedDeepValue(123456789, itemMap._item!.id, 20_000);
    expect(update.byteLength).toBeGreaterThan(20_000);
    await sendRaw('ouder', update);
    expect(rows('kaart')).toBe(before);
    expect(itemMap.get('extra')).toBeUndefined();
    const parent = sessions.ouder.cookie;
    for (const page of ['', '/kaart', '/versies', '/afdrukken'])
      expect((await get(server.url, `/casussen/${caseId}${page}`, parent)).status, page).toBeLessThan(400);
  });
});

describe('replicas cannot be made to disagree', () => {
  it('refuses an item whose origin lies to the right of its right origin in the same text', async () => {
    const text = itemsMap(live('kaart')).get(jbItem)!.get('text') as Y.Text;
    // Find the ids of the 2nd and 6th character of the text as the server holds it.
    const ids: Y.ID[] = [];
    let at = text._start;
    while (at) {
      if (!at.deleted) for (let i = 0; i < at.length; i++) ids.push(Y.createID(at.id.client, at.id.clock + i));
      at = at.right;
    }
    const update = craftedInsert(987654321, ids[5]!, ids[1]!, 'X');
    expect(update.byteLength).toBeLessThan(40);
    const ws = await rawSocket(server.url, `/sync/${caseId}/kaart`, { Cookie: sessions.professional.cookie, Origin: new URL(server.url).origin });
    const before = rows('kaart');
    const answers: Buffer[] = [];
    ws.on('message', (m: Buffer) => answers.push(m));
    ws.send(syncUpdateMessage(update));
    await waitFor(() => answers.some((m) => m.includes(Buffer.from(DENIED_REFUSED))), 5000, 'told refused');
    ws.close();
    expect(rows('kaart')).toBe(before);
    expect(text.toString()).not.toContain('X');
  });

  it('fuzz: after every accepted mutation of a valid update, the live document equals a fresh load of what is stored', async () => {
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(live('kaart')));
    const me = actorOf('professional');
    let replies = 0;
    // A socket that sent too many refused or malformed messages is closed (4400): the fuzzer opens a new one.
    const open = async () => {
      const socket = await rawSocket(server.url, `/sync/${caseId}/kaart`, { Cookie: sessions.professional.cookie, Origin: new URL(server.url).origin });
      socket.on('message', () => replies++);
      return socket;
    };
    let ws = await open();
    let accepted = 0;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 150; round++) {
      const base = Y.encodeStateVector(source);
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(source));
      const item = [...itemsMap(probe).keys()][Math.floor(random() * itemsMap(probe).size)]!;
      if (round % 3 === 0) addItem(probe, me, { section: 'stappen', fields: { text: `Stap ${round}` } });
      else {
        const t = itemsMap(probe).get(item)!.get('text') as Y.Text;
        t.insert(Math.floor(random() * (t.length + 1)), `r${round}`);
      }
      const valid = Y.encodeStateAsUpdate(probe, base);
      const mutated = Uint8Array.from(valid);
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      if (ws.readyState !== ws.OPEN) ws = await open();
      const sent = replies;
      const rowsBefore = rows('kaart');
      ws.send(syncUpdateMessage(random() < 0.3 ? valid : mutated));
      // A sync step 1 is answered only once everything accepted so far is durable: a barrier.
      const sv = encoding.createEncoder();
      encoding.writeVarUint(sv, 0);
      encoding.writeVarUint(sv, 0);
      encoding.writeVarUint8Array(sv, Y.encodeStateVector(new Y.Doc()));
      ws.send(encoding.toUint8Array(sv));
      await waitFor(() => replies > sent || ws.readyState !== ws.OPEN, 5000, 'barrier');
      if (rows('kaart') > rowsBefore) accepted++;
      const room = server.services.sync.room(caseId, 'kaart');
      const stored = server.services.sync.store.load(caseId, 'kaart');
      const fresh = new Y.Doc();
      if (stored.checkpoint) Y.applyUpdate(fresh, stored.checkpoint);
      for (const u of stored.tail) Y.applyUpdate(fresh, u);
      expect(JSON.stringify(fresh.getMap('items').toJSON()), `round ${round}`).toBe(JSON.stringify(room.doc.getMap('items').toJSON()));
      Y.applyUpdate(source, Y.encodeStateAsUpdate(room.doc));
    }
    ws.close();
    expect(accepted, 'some updates got through').toBeGreaterThan(10);
  });
});

describe('quotas', () => {
  it('insert-and-delete churn runs into the per-minute log quota: refused with a clear reason and no row written', async () => {
    const c = connect('netwerklid', 'kaart');
    await waitSynced(c);
    const mine = addItem(c.doc, actorOf('netwerklid'), { section: 'stappen', fields: { text: '' } });
    await waitFor(() => itemsMap(live('kaart')).has(mine));
    const text = itemsMap(c.doc).get(mine)!.get('text') as Y.Text;
    const before = rows('kaart');
    for (let i = 0; i < 40 && c.denied.length === 0; i++) {
      text.insert(0, 'x'.repeat(4000));
      text.delete(0, 4000);
      await waitFor(() => c.denied.length > 0 || rows('kaart') >= before + 2 * (i + 1), 5000, 'stored or refused');
    }
    expect(c.denied).toContain(DENIED_QUOTA);
    const written = rows('kaart') - before;
    const bytes = (
      server.services.database.sqlite
        .prepare('select coalesce(sum(bytes), 0) as b from updates where case_id = ? and participant_id = ?')
        .get(caseId, sessions.netwerklid.participantId) as { b: number }
    ).b;
    expect(bytes).toBeLessThanOrEqual(64 * 1024 + 8 * 1024);
    expect(written).toBeGreaterThan(0);
  });
});

describe('recovery does not depend on content', () => {
  it('a case attacked before the check existed still renders, gets its daily version, and restore brings it back whole', async () => {
    const by = { caseId, participantId: sessions.jeugdbeschermer.participantId };
    const good = server.services.commands.makeSnapshot(by, { label: 'Goede versie', reason: 'handmatig' }).snapshotId;
    const goodItems = JSON.stringify(server.services.snapshots.get(caseId, good)!.rendering.kaart);
    // Written around the check (as an old, unchecked server would have stored it).
    const room = server.services.sync.room(caseId, 'kaart');
    room.applyServerChange({ participantId: sessions.netwerklid.participantId, connectionId: null }, (doc) => {
      let deep: unknown = 'bodem';
      for (let i = 0; i < 3000; i++) deep = [deep];
      itemsMap(doc).get(jbItem)!.set('extra', deep);
      doc.getArray('rommel').push(['x'.repeat(10_000)]);
      itemsMap(doc).set('geen-item', 'zomaar tekst' as never);
      const fake = new Y.Map<unknown>();
      itemsMap(doc).set('vals', fake);
      fake.set('section', 'gebeurd');
      fake.set('position', 'eerst');
      fake.set('createdByName', { naam: ['diep'] });
    });
    for (const page of ['/kaart', '/versies', '/afdrukken']) {
      expect((await get(server.url, `/casussen/${caseId}${page}`, sessions.jeugdbeschermer.cookie)).status, page).toBe(200);
    }
    const { runDailySnapshots } = await import('../jobs/dailySnapshots.server');
    expect(runDailySnapshots(server.services, Date.now() + 25 * 3600_000)).toBeGreaterThan(0);
    server.services.commands.restoreSnapshot(by, { snapshotId: good });
    expect(JSON.stringify(renderKaart(room.doc))).toBe(goodItems);
    expect(itemsMap(room.doc).get(jbItem)!.has('extra')).toBe(false);
    expect(itemsMap(room.doc).has('vals')).toBe(false);
    expect(itemsMap(room.doc).has('geen-item')).toBe(false);
    expect(room.doc.getArray('rommel').length).toBe(0);
  });
});

describe('reactions', () => {
  it('a netwerklid reacts to the jeugdbeschermer’s item; forged, removed or overlong reactions are refused', async () => {
    const me = actorOf('netwerklid');
    expect((await attempt('netwerklid', 'kaart', (doc) => addReaction(doc, jbItem, 'Dat klopt, ik was erbij.', me))).refused).toBe(false);
    const reactions = renderKaart(live('kaart')).sections.gebeurd!.find((i) => i.id === jbItem)!.reactions;
    expect(reactions.at(-1)).toMatchObject({ by: { id: me.participantId, name: me.name }, text: 'Dat klopt, ik was erbij.' });
    expect(await attempt('netwerklid', 'kaart', (doc) => addReaction(doc, jbItem, 'Namens de rechter', { ...me, name: 'De Rechter' }))).toEqual({
      refused: true,
      reason: DENIED_REFUSED,
    });
    expect(await attempt('netwerklid', 'kaart', (doc) => addReaction(doc, jbItem, 'x'.repeat(300), me))).toEqual({ refused: true, reason: DENIED_REFUSED });
    expect(await attempt('ouder', 'kaart', (doc) => (itemsMap(doc).get(jbItem)!.get('reactions') as Y.Array<unknown>).delete(0, 1))).toEqual({
      refused: true,
      reason: DENIED_REFUSED,
    });
    expect(await attempt('ouder', 'kaart', (doc) => itemsMap(doc).get(jbItem)!.set('reactions', new Y.Array()))).toEqual({
      refused: true,
      reason: DENIED_REFUSED,
    });
  });
});
