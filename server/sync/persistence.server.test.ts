import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DatabaseHandle } from '../../db/database.server';
import { createTestCase } from '../../tests/support/fixtures';
import { createGroupCommit } from './groupCommit.server';
import { createSyncStore, type UpdateEntry } from './persistence.server';

let dir: string;
let h: DatabaseHandle;
let caseId: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veiligplan-store-'));
  h = openDatabase(join(dir, 'db.sqlite'));
  caseId = (await createTestCase(h.db)).caseId;
});
afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

function updatesOf(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getArray<number>('a').push([i]);
  return out;
}

const entry = (update: Uint8Array): UpdateEntry => ({ caseId, document: 'kaart', participantId: null, connectionId: 'c1', receivedAt: 1, update });

describe('sync store', () => {
  it('appends in order and loads checkpoint + tail', () => {
    const store = createSyncStore(h.sqlite);
    const ups = updatesOf(10);
    const ids = store.append(ups.slice(0, 6).map(entry));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const mid = new Y.Doc();
    for (const u of ups.slice(0, 6)) Y.applyUpdate(mid, u);
    store.writeCheckpoint(caseId, 'kaart', ids[5]!, Y.encodeStateAsUpdate(mid));
    store.append(ups.slice(6).map(entry));

    const loaded = store.load(caseId, 'kaart');
    expect(loaded.tail).toHaveLength(4);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.checkpoint!);
    for (const u of loaded.tail) Y.applyUpdate(doc, u);
    expect(doc.getArray('a').toJSON()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(loaded.lastUpdateId).toBeGreaterThan(ids[5]!);
    // Log rows stay (attribution), and only the latest checkpoints are kept.
    expect((h.sqlite.prepare('select count(*) as n from updates').get() as { n: number }).n).toBe(10);
  });

  it('keeps the newest checkpoint of a document and one spare, whatever other documents checkpoint in between', () => {
    const store = createSyncStore(h.sqlite);
    const [u] = updatesOf(1);
    const id = store.append([entry(u!)])[0]!;
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    for (let i = 0; i < 4; i++) {
      store.writeCheckpoint(caseId, 'kaart', id, state);
      store.writeCheckpoint(caseId, 'plan', id, state); // interleaved ids of another document
    }
    const count = (document: string) =>
      (h.sqlite.prepare('select count(*) as n from checkpoints where case_id = ? and document = ?').get(caseId, document) as { n: number }).n;
    expect(count('kaart')).toBe(2);
    expect(count('plan')).toBe(2);
  });

  it('keeps documents of different cases and names apart', () => {
    const store = createSyncStore(h.sqlite);
    store.append(updatesOf(2).map(entry));
    expect(store.load(caseId, 'plan').tail).toEqual([]);
    expect(store.load('other-case', 'kaart').tail).toEqual([]);
  });
});

describe('group commit', () => {
  it('writes one turn of updates in one transaction and calls back in order, after the write', async () => {
    const store = createSyncStore(h.sqlite);
    let batches = 0;
    const commit = createGroupCommit(store, () => batches++);
    const seen: number[] = [];
    const ups = updatesOf(5);
    ups.forEach((u, i) =>
      commit.enqueue(entry(u), (error, id) => {
        expect(error).toBeNull();
        expect(h.sqlite.prepare('select id from updates where id = ?').get(id)).toBeDefined();
        seen.push(i);
      }),
    );
    expect(seen).toEqual([]); // nothing before the commit
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toBe(1);
  });

  it('reports a failed write to every callback of the batch and writes none of it', async () => {
    const store = createSyncStore(h.sqlite);
    const commit = createGroupCommit(store);
    const errors: (Error | null)[] = [];
    commit.enqueue(entry(updatesOf(1)[0]!), (e) => errors.push(e));
    commit.enqueue({ ...entry(updatesOf(1)[0]!), caseId: 'bestaat-niet' }, (e) => errors.push(e)); // foreign key fails
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    expect((h.sqlite.prepare('select count(*) as n from updates').get() as { n: number }).n).toBe(0);
  });
});
