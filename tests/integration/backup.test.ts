/**
 * Restore drill (issue 18, ADR 038): a backup taken with `npm run backup` in
 * its own process while people type through real y-websocket providers holds
 * every update committed before the backup began, passes the integrity check,
 * has every migration, loads through the sync store into the same documents as
 * a replay of those updates, and a server started on it serves them.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSyncStore } from '../../server/sync/persistence.server';
import { caseWithEveryRole } from '../support/syncFixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../support/syncClient';
import { useTempDirs } from '../support/tempDirs';
import { startTestServer, type TestServer } from '../support/testServer';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const clients: Client[] = [];
const servers: TestServer[] = [];
const tempDir = useTempDirs('veiligplan-backup-');

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
});

function client(server: TestServer, cookie: string, room: string) {
  const c = connectClient(server.url, cookie, room);
  clients.push(c);
  return c;
}

/** Types into the client's text until stopped: one character per update, a few ms apart (the load, not a wait). */
function keepTyping(c: Client, field: string) {
  let stopped = false;
  let typed = 0;
  const done = (async () => {
    while (!stopped) {
      c.doc.getText(field).insert(c.doc.getText(field).length, String.fromCharCode(97 + (typed % 26)));
      typed++;
      await new Promise((r) => setTimeout(r, 3));
    }
  })();
  return {
    get typed() {
      return typed;
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}

type Row = { id: number; case_id: string; document: string; update: Buffer };
const rowsUpTo = (sqlite: Database.Database, id: number) =>
  sqlite.prepare('select id, case_id, document, "update" from updates where id <= ? order by id').all(id) as Row[];

function replay(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('npm run backup: the restore drill', () => {
  it('copies a live database while people type: every update committed before it began is there, and the documents load', async () => {
    const server = await startTestServer({ sync: { upgradesPerSecond: 0, schemaCheck: false } });
    servers.push(server);
    const live = server.services.database.sqlite;
    const { caseId, sessions } = await caseWithEveryRole(server);
    const documents = ['kaart', 'plan'] as const;
    const typists = [
      keepTyping(client(server, sessions.jeugdbeschermer.cookie, `${caseId}/kaart`), 'notities'),
      keepTyping(client(server, sessions.casusregisseur.cookie, `${caseId}/kaart`), 'notities'),
      keepTyping(client(server, sessions.jeugdbeschermer.cookie, `${caseId}/plan`), 'notities'),
    ];
    await Promise.all(clients.map((c) => waitSynced(c)));
    const count = () => (live.prepare('select count(*) as n from updates').get() as { n: number }).n;
    await waitFor(() => count() >= 150, 20_000, '150 stored updates');

    // The updates committed before the backup began.
    const before = live.prepare('select count(*) as n, max(id) as last from updates').get() as { n: number; last: number };
    const target = join(tempDir(), 'backup.sqlite');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: join(server.dir, 'test.sqlite') },
    });
    const duringBackup = count();
    await Promise.all(typists.map((t) => t.stop()));
    expect(stdout).toContain(`Back-up gemaakt: ${target}`);
    expect(stdout).toMatch(/Grootte: \d+ bytes/);
    // The typing went on while the backup ran (the server kept writing).
    expect(duringBackup).toBeGreaterThan(before.n);

    const backup = new Database(target, { readonly: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      // The migrations check: every migration of this checkout is recorded in the copy.
      const journal = JSON.parse(readFileSync(join(ROOT, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect((backup.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);

      // Every update committed before the backup began, byte for byte.
      const expected = rowsUpTo(live, before.last);
      expect(expected).toHaveLength(before.n);
      expect(rowsUpTo(backup, before.last)).toEqual(expected);

      // The sync loader (checkpoint + tail) gives the documents; they hold a replay of those updates.
      const store = createSyncStore(backup);
      for (const document of documents) {
        const stored = store.load(caseId, document);
        const loaded = replay([...(stored.checkpoint ? [stored.checkpoint] : []), ...stored.tail]);
        const mine = expected.filter((r) => r.case_id === caseId && r.document === document).map((r) => new Uint8Array(r.update));
        expect(mine.length).toBeGreaterThan(0);
        const replayed = replay(mine);
        // Nothing of the replay is missing from the loaded document ...
        const missing = Y.decodeUpdate(Y.encodeStateAsUpdate(replayed, Y.encodeStateVector(loaded)));
        expect(missing.structs).toHaveLength(0);
        // ... and the loaded document is exactly the replay of every row the backup holds.
        const all = backup.prepare('select "update" from updates where case_id = ? and document = ? order by id').all(caseId, document) as Row[];
        expect(loaded.getText('notities').toString()).toBe(
          replay(all.map((r) => new Uint8Array(r.update)))
            .getText('notities')
            .toString(),
        );
      }
    } finally {
      backup.close();
    }

    // The backup is audited in the live database: no case, only the file's name and size.
    const audit = live.prepare("select case_id as caseId, detail from audit_log where type = 'backup'").all() as { caseId: string | null; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.caseId).toBeNull();
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ bestand: 'backup.sqlite' });

    // Restore: a server started on a copy of the backup serves the documents to the same people.
    const kaartText = clients[0]!.doc.getText('notities').toString();
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
    servers.splice(0);
    const restoredDir = tempDir();
    copyFileSync(target, join(restoredDir, 'test.sqlite'));
    const restored = await startTestServer({ dir: restoredDir, sync: { upgradesPerSecond: 0, schemaCheck: false } });
    servers.push(restored);
    const reader = client(restored, sessions.meelezer.cookie, `${caseId}/kaart`);
    await waitSynced(reader);
    const text = reader.doc.getText('notities').toString();
    expect(text.length).toBeGreaterThan(0);
    expect(kaartText.length).toBeGreaterThanOrEqual(text.length);
  }, 120_000);

  it('never overwrites an existing file', async () => {
    const server = await startTestServer();
    servers.push(server);
    const dir = tempDir();
    const target = join(dir, 'exists.sqlite');
    copyFileSync(join(server.dir, 'test.sqlite'), target);
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: join(server.dir, 'test.sqlite') },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('bestaat al');
    expect(existsSync(target)).toBe(true);
  }, 60_000);
});
