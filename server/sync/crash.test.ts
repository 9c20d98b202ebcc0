/**
 * SIGKILL while clients type: every update the server had broadcast is there
 * after a restart, and clients that kept their state re-sync and converge.
 * The server runs as its own process (tests/support/serverMain.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PROFESSIONALS } from '../demo/demoCase.server';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawnServer';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { login } from '../../tests/support/testServer';

/** This test writes free-form Yjs content; the schema check has its own tests. */
const FREE_FORM = { VEILIGPLAN_TEST_SCHEMA_CHECK: '0' };
const dir = mkdtempSync(join(tmpdir(), 'veiligplan-crash-'));
const clients: Client[] = [];
const servers: SpawnedServer[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) await s.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function items(c: Client): string[] {
  return c.doc.getArray<string>('items').toArray();
}

describe('sync after SIGKILL', () => {
  it('loses nothing the server had broadcast, and converges after reconnect', async () => {
    const databasePath = join(dir, 'crash.sqlite');
    const first = await spawnServer({ databasePath, demo: true, env: FREE_FORM });
    servers.push(first);
    const port = Number(new URL(first.url).port);
    const room = `${first.caseId}/kaart`;
    const jb = await login(first.url, DEMO_PROFESSIONALS.jeugdbeschermer.email, DEMO_PROFESSIONALS.jeugdbeschermer.password);
    const cr = await login(first.url, DEMO_PROFESSIONALS.casusregisseur.email, DEMO_PROFESSIONALS.casusregisseur.password);

    const writerA = connectClient(first.url, jb, room);
    const writerB = connectClient(first.url, cr, room);
    const observer = connectClient(first.url, jb, room);
    clients.push(writerA, writerB, observer);
    await Promise.all([writerA, writerB, observer].map((c) => waitSynced(c)));

    // Both writers type until the server dies; the observer sees only what was durable and broadcast.
    let n = 0;
    let typing = true;
    const typist = (async () => {
      while (typing) {
        writerA.doc.getArray<string>('items').push([`a${n}`]);
        writerB.doc.getArray<string>('items').push([`b${n}`]);
        n++;
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    await waitFor(() => items(observer).length >= 100, 10_000, 'observer received 100 items');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const seenBeforeCrash = items(observer);
    // Keep typing offline for a moment: these edits live only in the clients.
    await new Promise((r) => setTimeout(r, 50));
    typing = false;
    await typist;

    const second = await spawnServer({ databasePath, port, env: FREE_FORM });
    servers.push(second);
    const checker = connectClient(second.url, jb, room);
    clients.push(checker);
    await waitSynced(checker);
    const durable = new Set(items(checker));
    const missing = seenBeforeCrash.filter((item) => !durable.has(item));
    expect(missing).toEqual([]);

    // The writers reconnect by themselves (same URL) and push what the server never got.
    const expected = new Set([...items(writerA), ...items(writerB)]);
    await waitFor(
      () => items(checker).length === expected.size && items(writerA).length === expected.size && items(writerB).length === expected.size,
      15_000,
      'convergence',
    );
    expect(items(checker)).toEqual(items(writerA));
    expect(items(writerA)).toEqual(items(writerB));
    expect(new Set(items(checker))).toEqual(expected);
  });
});
