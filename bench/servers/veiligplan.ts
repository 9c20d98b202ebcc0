/**
 * Veiligplan's own server for the benchmark: the real server (HTTP + sync,
 * SQLite with synchronous=FULL, persisting every update before broadcast),
 * a professional with write access to BENCH_CASES cases, and cold documents
 * stored the way the sync engine stores them: 10,000 attributed log rows with
 * a checkpoint every 500 rows. By default the last checkpoint covers every row,
 * as a normal unload or shutdown leaves a document; BENCH_COLD_TAIL=499 leaves
 * the worst case after a crash (499 rows after the last checkpoint).
 * BENCH_VP_SCHEMA_CHECK=0 starts it with `sync.schemaCheck: false` (the harness's
 * "without check" variant, to show what the schema check costs per update).
 * BENCH_READY also names the bench user as the schema check knows it — `actor`
 * (name and role label) and `participantIds[i]`, its participant id in the case
 * of `rooms[i]` — so that the clients' items carry attribution the check accepts.
 * Contract: see bench/lib/servers.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readline from 'node:readline';
import * as Y from 'yjs';
import { ROLE_LABELS } from '../../app/domain/caseFacts';
import { startServer } from '../../server/app.server';
import { createCase } from '../../server/cases/cases.server';
import { createProfessional, ensureOrganisation } from '../../server/users/users.server';

const require = createRequire(import.meta.url);
const { buildColdUpdates } = require('./cold-updates.cjs') as {
  buildColdUpdates: (y: typeof Y, count: number, seed: number) => Uint8Array[];
};

const CASES = Number(process.env.BENCH_CASES ?? 200);
const COLD_UPDATES = Number(process.env.BENCH_COLD_UPDATES ?? 0);
const COLD_DOCS = 5;
const COLD_TAIL = Math.min(Number(process.env.BENCH_COLD_TAIL ?? 0), 499);
const PASSWORD = 'bench-password-not-secret';
const USER_NAME = 'Bench Jeugdbeschermer';

const dir = mkdtempSync(join(tmpdir(), 'veiligplan-bench-'));
const server = await startServer({
  databasePath: join(dir, 'bench.sqlite'),
  port: 0,
  host: '127.0.0.1',
  sessionSecret: 'bench-secret',
  sync: { upgradesPerSecond: 0, maxConnectionsPerDocument: 1000, schemaCheck: process.env.BENCH_VP_SCHEMA_CHECK !== '0' },
});
const { db } = server.services;
// Experiment only: BENCH_VP_SYNCHRONOUS=NORMAL shows what the fsync costs (the harness marks such a run as not valid for the targets).
if (process.env.BENCH_VP_SYNCHRONOUS)
  server.services.database.sqlite.pragma(`synchronous = ${process.env.BENCH_VP_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
const origin = `http://127.0.0.1:${server.port}`;

const userId = await createProfessional(db, {
  email: 'bench@bench.local',
  name: USER_NAME,
  organisation: 'Bench GI',
  password: PASSWORD,
});
const organisationId = ensureOrganisation(db, 'Bench GI');

function benchCase(title: string) {
  return createCase(db, {
    organisationId,
    title,
    kader: 'vrijwillig',
    stage: 'kennismaking',
    children: [],
    participants: [{ key: 'jb', role: 'jeugdbeschermer', userId }],
  });
}

const rooms: string[] = [];
const participantIds: string[] = [];
for (let i = 0; i < CASES; i++) {
  const { caseId, participantIds: ids } = benchCase(`Bench ${i}`);
  rooms.push(`${caseId}/kaart`);
  participantIds.push(ids.jb!);
}
// The schema check compares an item's stamps with the sender's name and role label as the server knows them.
const actor = { name: USER_NAME, role: ROLE_LABELS.jeugdbeschermer };

const coldRooms: string[] = [];
if (COLD_UPDATES > 0) {
  const store = server.services.sync.store;
  for (let d = 0; d < COLD_DOCS; d++) {
    const { caseId, participantIds } = benchCase(`Cold ${d}`);
    const updates = buildColdUpdates(Y, COLD_UPDATES, d + 1);
    const ids = store.append(
      updates.map((update, i) => ({ caseId, document: 'kaart' as const, participantId: participantIds.jb!, connectionId: 'bench', receivedAt: i, update })),
    );
    // What compaction leaves behind: a checkpoint every 500 rows and, unless a crash is simulated, one at the end.
    const doc = new Y.Doc();
    const lastCheckpointAt = updates.length - 1 - COLD_TAIL;
    updates.forEach((u, i) => {
      Y.applyUpdate(doc, u);
      if ((i > 0 && i % 500 === 0 && i < lastCheckpointAt) || i === lastCheckpointAt)
        store.writeCheckpoint(caseId, 'kaart', ids[i]!, Y.encodeStateAsUpdate(doc));
    });
    doc.destroy();
    coldRooms.push(`${caseId}/kaart`);
  }
}

const login = await fetch(`${origin}/login`, {
  method: 'POST',
  body: new URLSearchParams({ email: 'bench@bench.local', password: PASSWORD }),
  headers: { Origin: origin },
  redirect: 'manual',
});
const cookie = login.headers.get('set-cookie')?.split(';')[0];
if (!cookie) throw new Error(`bench login failed (${login.status})`);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stats') {
    const { lastLoadMs, documentsLoaded, updatesPersisted, updatesRefusedSchema, updatesRefusedQuota, updatesRefusedTooLarge } = server.services.sync.metrics;
    const updatesRefused = updatesRefusedSchema + updatesRefusedQuota + updatesRefusedTooLarge;
    console.log(`STATS ${JSON.stringify({ lastLoadMs, documentsLoaded, updatesPersisted, updatesRefused, updatesRefusedSchema })}`);
    return;
  }
  if (line.trim() === 'dbstate') {
    // The soak's "no lost update" check against the database: every room read back from SQLite
    // (checkpoint + log, as a cold load would), each item's position, and the number of stored updates.
    const positions: Record<string, Record<string, unknown>> = {};
    for (const room of rooms) {
      const [caseId] = room.split('/');
      const stored = server.services.sync.store.load(caseId!, 'kaart');
      const doc = new Y.Doc();
      if (stored.checkpoint) Y.applyUpdate(doc, stored.checkpoint);
      for (const u of stored.tail) Y.applyUpdate(doc, u);
      const items: Record<string, unknown> = {};
      doc.getMap<Y.Map<unknown>>('items').forEach((item, id) => (items[id] = item.get('position')));
      positions[room] = items;
      doc.destroy();
    }
    const { n } = server.services.database.sqlite.prepare('select count(*) as n from updates').get() as { n: number };
    console.log(`DBSTATE ${JSON.stringify({ rows: n, positions })}`);
    return;
  }
  if (line.trim() !== 'mem') return;
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`MEM ${JSON.stringify(process.memoryUsage())}`);
});

process.once('SIGTERM', () => {
  void server.close().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
});

console.log(`BENCH_READY ${JSON.stringify({ port: server.port, origin, cookie, rooms, participantIds, actor, coldRooms })}`);
