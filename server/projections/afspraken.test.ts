/**
 * The afspraken projection: dates, recurrence and veiligheidsnetwerk tasks
 * reach SQLite, and two items carrying the same inner id (written straight
 * with Yjs, as a crafted client could) never break the case's projection —
 * the first one is kept. Also: the plan schema at the sync boundary refuses a
 * bad date or recurrence sent over the real sync, and keeps good ones.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROLE_LABELS, type Role } from '../../app/domain/caseFacts';
import { DENIED_REFUSED } from '../../app/collab/syncCodes';
import { addItem, itemsMap, setValue, type Actor } from '../../app/domain/items';
import { afspraken } from '../../db/schema';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';

let server: TestServer;
let caseId: string;
let sessions: Record<Role, RoleSession>;
const clients: Client[] = [];
const actorOf = (role: Role): Actor => ({ participantId: sessions[role].participantId, name: sessions[role].name, role: ROLE_LABELS[role] });
const projected = () => server.services.db.select().from(afspraken).where(eq(afspraken.caseId, caseId)).orderBy(afspraken.position).all();

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  ({ caseId, sessions } = await caseWithEveryRole(server, 'Gezin Projectie'));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** A plan item map written by hand: `key` in the items map, `id` inside it. */
function rawItem(doc: Y.Doc, key: string, id: string, section: string, wat: string, values: Record<string, unknown>) {
  const item = new Y.Map<unknown>();
  item.set('id', id);
  item.set('section', section);
  item.set('position', itemsMap(doc).size + 1);
  item.set(section === 'netwerk' ? 'taak' : 'wat', new Y.Text(wat));
  for (const [k, v] of Object.entries(values)) item.set(k, v);
  item.set('status', 'actueel');
  item.set('createdById', 'p-x');
  item.set('createdByName', 'X');
  item.set('createdByRole', 'Jeugdbeschermer');
  item.set('createdAt', 1);
  itemsMap(doc).set(key, item);
}

describe('afspraken projection', () => {
  it('carries start, recurrence and review date, and the veiligheidsnetwerk tasks as kind netwerk', () => {
    const doc = new Y.Doc();
    rawItem(doc, 'a1', 'a1', 'afspraken', 'Oma haalt Daan op', { wie: ['p-riet'], start: '2027-03-01', herhaling: 'wekelijks:3,5', evaluatie: '2027-05-01' });
    rawItem(doc, 't1', 't1', 'netwerk', 'Veilige plek in de straat', { persoon: 'p-ayse', start: '2027-03-02', herhaling: 'dagelijks' });
    rawItem(doc, 't2', 't2', 'netwerk', 'Nog niemand', { persoon: '' });
    server.services.afspraken.project(caseId, doc);
    expect(projected().map((r) => [r.id, r.kind, r.wat, JSON.parse(r.wie) as unknown, r.startDate, r.recurrence, r.reviewDate])).toEqual([
      ['a1', 'afspraak', 'Oma haalt Daan op', ['p-riet'], '2027-03-01', 'wekelijks:3,5', '2027-05-01'],
      ['t1', 'netwerk', 'Veilige plek in de straat', ['p-ayse'], '2027-03-02', 'dagelijks', null],
      ['t2', 'netwerk', 'Nog niemand', [], null, null, null],
    ]);
    expect(server.services.afspraken.forParticipant(caseId, 'p-ayse')).toEqual([
      expect.objectContaining({ id: 't1', kind: 'netwerk', recurrence: 'dagelijks' }),
    ]);
  });

  it('keeps working when two items carry the same inner id: the first is kept, the duplicate skipped', () => {
    const doc = new Y.Doc();
    rawItem(doc, 'k1', 'same', 'afspraken', 'De eerste', { wie: ['p-1'] });
    rawItem(doc, 'k2', 'same', 'afspraken', 'De tweede met hetzelfde id', { wie: ['p-2'] });
    rawItem(doc, 'k3', 'same', 'netwerk', 'Een taak met hetzelfde id', { persoon: 'p-3' });
    rawItem(doc, 'k4', 'other', 'afspraken', 'Een andere', { wie: ['p-4'] });
    expect(() => server.services.afspraken.project(caseId, doc)).not.toThrow();
    expect(projected().map((r) => [r.id, r.wat])).toEqual([
      ['same', 'De eerste'],
      ['other', 'Een andere'],
    ]);
  });
});

describe('plan dates at the sync boundary', () => {
  async function attempt(change: (doc: Y.Doc) => void): Promise<'refused' | 'stored'> {
    const c = connectClient(server.url, sessions.jeugdbeschermer.cookie, `${caseId}/plan`);
    clients.push(c);
    await waitSynced(c);
    const rows = () =>
      (server.services.database.sqlite.prepare("select count(*) as n from updates where case_id = ? and document = 'plan'").get(caseId) as { n: number }).n;
    const before = rows();
    change(c.doc);
    await waitFor(() => c.denied.length > 0 || rows() > before, 5000, 'refused or stored');
    if (c.denied.length > 0) {
      expect(c.denied).toEqual([DENIED_REFUSED]);
      expect(rows()).toBe(before);
      return 'refused';
    }
    return 'stored';
  }

  it('stores good dates and recurrences and refuses bad ones', async () => {
    let id = '';
    expect(
      await attempt((doc) => {
        id = addItem(doc, actorOf('jeugdbeschermer'), {
          section: 'afspraken',
          fields: { wat: 'Samen eten', wanneer: '', hoeWetenWe: '', watAlsNiet: '' },
          values: { wie: [], start: '2027-03-01', herhaling: 'weken:2', evaluatie: '' },
        });
      }),
    ).toBe('stored');
    for (const [key, value] of [
      ['start', '2027-02-30'],
      ['start', 'morgen'],
      ['evaluatie', '01-03-2027'],
      ['herhaling', 'maandelijks'],
      ['herhaling', 'wekelijks:8'],
      ['herhaling', 'weken:1'],
      ['herhaling', 42],
    ] as const) {
      expect(await attempt((doc) => setValue(doc, id, key, value, actorOf('jeugdbeschermer'))), `${key} ${value}`).toBe('refused');
    }
    expect(await attempt((doc) => setValue(doc, id, 'herhaling', 'wekelijks:3,5', actorOf('jeugdbeschermer')))).toBe('stored');
  });
});
