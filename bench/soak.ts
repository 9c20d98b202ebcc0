/**
 * Soak benchmark (issue 18 point 10; a benchmark, not a test): `npm run bench:soak`.
 * 1,000 connections (stock y-websocket providers, the bench's own clients) over 200
 * cases, one edit per case per second (200 edits/s, every 5 ms another case), for
 * SOAK_MINUTES (default 30). Every minute: the server's RSS and heap (after a forced
 * GC, `mem`) and p50/p99/max edit-to-echo latency of the edits sent that minute.
 * At the end: no lost update — every edit arrived at every other client of its case,
 * every client holds the last position of every item, and (Veiligplan) the database,
 * read back through the sync store, holds it too, one stored row per edit.
 * Then the same against the peer, y-websocket@1.5.4's reference server (in memory),
 * measured the same way; SOAK_PEER=0 skips it (say so when quoting figures).
 * Invariant: every client and server process started here is ended before it exits.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addItem, itemsMap, stampEdit } from '../app/domain/items';
import { actorFor, BENCH_SECTION, createClient, destroyAll, type BenchClient, type Target } from './lib/clients';
import { killAllServersSync, ServerProcess, setupPinning, type ServerKind } from './lib/servers';
import { summarizeLatencies } from './lib/stats';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const CASES = Number(process.env.SOAK_CASES ?? 200);
const CLIENTS_PER_CASE = Number(process.env.SOAK_CLIENTS_PER_CASE ?? 5);
const EDITS_PER_CASE_PER_SECOND = 1;
const PEER = process.env.SOAK_PEER !== '0';
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const SYNC_TIMEOUT_MS = 60_000;
const GRACE_MS = 10_000;
const MINUTE_MS = 60_000;

// Every y-websocket provider adds a process 'exit' listener; the soak opens 1,000.
process.setMaxListeners(Math.max(process.getMaxListeners(), CASES * CLIENTS_PER_CASE + 50));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

interface MinuteRow {
  minute: number;
  edits: number;
  p50: number;
  p99: number;
  max: number;
  rssMiB: number;
  heapMiB: number;
  /** CPU of the server process and of this (client) process over the minute, in % of one core. */
  serverCpuPct: number;
  clientCpuPct: number;
  load: number;
}

interface SoakResult {
  kind: ServerKind;
  minutes: MinuteRow[];
  edits: number;
  expected: number;
  delivered: number;
  /** Edits that did not reach every other client of their case. */
  lostEdits: number;
  /** Clients whose copy of an item differs from its owner's last position. */
  divergentClients: number;
  /** Veiligplan only: rows stored during the window vs edits, and items whose stored position differs. */
  db: { rowsDelta: number; wrongItems: number } | null;
  disconnects: number;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

async function soak(kind: ServerKind): Promise<SoakResult> {
  console.log(`\n== ${kind}: ${CASES} cases × ${CLIENTS_PER_CASE} clients, ${MINUTES} min ==`);
  const server = await ServerProcess.start(kind, { cases: CASES, coldUpdates: 0, readyTimeoutMs: 180_000, verbose: VERBOSE });
  const target: Target = { kind, ready: server.ready };
  const rooms = server.ready.rooms.slice(0, CASES);
  if (rooms.length < CASES) throw new Error(`${kind} offered ${rooms.length} rooms, ${CASES} needed`);
  const clients: BenchClient[] = [];
  try {
    // Connect 10 cases (50 connections) at a time, as the bench's memory workload does.
    for (let i = 0; i < CASES; i += 10) {
      const batch = rooms.slice(i, i + 10).flatMap((room) => Array.from({ length: CLIENTS_PER_CASE }, () => createClient(target, room)));
      clients.push(...batch);
      await Promise.all(batch.map((c) => c.whenSynced(SYNC_TIMEOUT_MS)));
    }
    // Each client adds its own item (as the bench user, stamped), then moves only that item.
    const ids = clients.map((c) => {
      const actor = actorFor(target, c.room);
      let id = '';
      c.doc.transact(() => {
        id = addItem(c.doc, actor, { section: BENCH_SECTION, fields: { text: 'soak' } });
        stampEdit(c.doc, id, actor);
      });
      return id;
    });
    const idsByRoom = new Map<string, number[]>();
    clients.forEach((c, i) => idsByRoom.set(c.room, [...(idsByRoom.get(c.room) ?? []), i]));
    const allSeen = () => clients.every((c) => idsByRoom.get(c.room)!.every((oi) => itemsMap(c.doc).has(ids[oi]!)));
    if (!(await waitUntil(allSeen, SYNC_TIMEOUT_MS))) throw new Error('not every client saw its case’s items (refused by the server?)');
    console.log(`  ${clients.length} connections synced, items seen; load average ${loadavg()[0]!.toFixed(2)}`);
    const myItems = ids.map((id, i) => itemsMap(clients[i]!.doc).get(id)!);
    const lastSent = new Float64Array(clients.length);

    // Per sender: clock → [send time, deliveries still to come]; an entry left at the end is a lost edit.
    const pending = new Map<number, Map<number, { sent: number; left: number; minute: number }>>();
    for (const c of clients) pending.set(c.doc.clientID, new Map());
    const samples: number[][] = [];
    let delivered = 0;
    for (const c of clients) {
      itemsMap(c.doc).observeDeep((_events, txn) => {
        if (txn.local) return;
        const now = performance.now();
        for (const [client, after] of txn.afterState) {
          const waiting = pending.get(client);
          if (!waiting) continue;
          for (let clock = txn.beforeState.get(client) ?? 0; clock < after; clock++) {
            const e = waiting.get(clock);
            if (!e) continue;
            (samples[e.minute] ??= []).push(now - e.sent);
            delivered++;
            if (--e.left === 0) waiting.delete(clock);
          }
        }
      });
    }

    const stats0 = kind === 'veiligplan' ? await server.stats() : null;
    await sleep(1000);
    const rows: MinuteRow[] = [];
    const editsPerSecond = CASES * EDITS_PER_CASE_PER_SECOND;
    const intervalMs = 1000 / editsPerSecond;
    const total = Math.round(editsPerSecond * MINUTES * 60);
    const sentPerMinute: number[] = [];
    const t0 = performance.now();
    let nextReport = t0 + MINUTE_MS;
    let reporting: Promise<void> = Promise.resolve();
    let previous = 0;
    let sent = 0;

    let cpuMark = { at: performance.now(), server: server.cpuMicros(), client: process.cpuUsage() };
    const report = async (minute: number) => {
      const at = performance.now();
      const serverCpu = server.cpuMicros();
      const clientCpu = process.cpuUsage(cpuMark.client);
      const wallMicros = (at - cpuMark.at) * 1000;
      const serverCpuPct = ((serverCpu - cpuMark.server) / wallMicros) * 100;
      const clientCpuPct = ((clientCpu.user + clientCpu.system) / wallMicros) * 100;
      cpuMark = { at, server: serverCpu, client: process.cpuUsage() };
      const mem = await server.mem(30_000).catch(() => null);
      // Latency of this minute's edits: wait (bounded) until they arrived, without holding up the sender.
      await sleep(2000);
      const lat = summarizeLatencies(samples[minute] ?? []);
      const row: MinuteRow = {
        minute: minute + 1,
        edits: sentPerMinute[minute] ?? 0,
        p50: lat.p50,
        p99: lat.p99,
        max: lat.max,
        rssMiB: mem ? mem.rss / 1024 / 1024 : Number.NaN,
        heapMiB: mem ? mem.heapUsed / 1024 / 1024 : Number.NaN,
        serverCpuPct,
        clientCpuPct,
        load: loadavg()[0]!,
      };
      rows.push(row);
      samples[minute] = [];
      console.log(
        `  min ${String(row.minute).padStart(2)}  edits ${row.edits}  p50 ${ms(row.p50)} ms  p99 ${ms(row.p99)} ms  max ${ms(row.max)} ms  ` +
          `RSS ${row.rssMiB.toFixed(1)} MiB  heap ${row.heapMiB.toFixed(1)} MiB  CPU server ${row.serverCpuPct.toFixed(0)} % / clients ${row.clientCpuPct.toFixed(0)} %  load ${row.load.toFixed(1)}`,
      );
    };

    for (let k = 0; k < total; k++) {
      const due = t0 + k * intervalMs;
      const now = performance.now();
      if (due > now) await sleep(due - now);
      const minute = Math.floor((performance.now() - t0) / MINUTE_MS);
      if (performance.now() >= nextReport) {
        sentPerMinute[minute - 1] = sent - previous;
        previous = sent;
        const m = minute - 1;
        reporting = reporting.then(() => report(m));
        nextReport += MINUTE_MS;
      }
      const d = k % CASES;
      const i = d * CLIENTS_PER_CASE + (Math.floor(k / CASES) % CLIENTS_PER_CASE);
      const c = clients[i]!;
      const at = Math.max(performance.now(), lastSent[i]! + 1e-6);
      lastSent[i] = at;
      pending
        .get(c.doc.clientID)!
        .set(Y.getState(c.doc.store, c.doc.clientID), { sent: at, left: CLIENTS_PER_CASE - 1, minute: Math.min(minute, MINUTES - 1) });
      myItems[i]!.set('position', at);
      sent++;
    }
    sentPerMinute[MINUTES - 1] = (sentPerMinute[MINUTES - 1] ?? 0) + sent - previous;
    const expected = sent * (CLIENTS_PER_CASE - 1);
    await waitUntil(() => delivered >= expected, GRACE_MS);
    await reporting;
    if (rows.length < MINUTES) await report(MINUTES - 1);

    let lostEdits = 0;
    for (const waiting of pending.values()) lostEdits += waiting.size;
    // Every client holds its case's last position of every item.
    const lastByItem = new Map(ids.map((id, i) => [id, lastSent[i]!] as const));
    let divergentClients = 0;
    for (const c of clients) {
      const items = itemsMap(c.doc);
      if (!idsByRoom.get(c.room)!.every((oi) => items.get(ids[oi]!)?.get('position') === lastByItem.get(ids[oi]!))) divergentClients++;
    }
    let db: SoakResult['db'] = null;
    if (kind === 'veiligplan') {
      const state = await server.ask<{ rows: number; positions: Record<string, Record<string, unknown>> }>('dbstate', 'DBSTATE ', 120_000);
      const stats1 = await server.stats();
      let wrongItems = 0;
      ids.forEach((id, i) => {
        if (state?.positions[clients[i]!.room]?.[id] !== lastSent[i]) wrongItems++;
      });
      db = { rowsDelta: (stats1?.updatesPersisted ?? Number.NaN) - (stats0?.updatesPersisted ?? Number.NaN), wrongItems: state ? wrongItems : Number.NaN };
    }
    return {
      kind,
      minutes: rows,
      edits: sent,
      expected,
      delivered,
      lostEdits,
      divergentClients,
      db,
      disconnects: clients.reduce((n, c) => n + c.disconnects, 0),
    };
  } finally {
    destroyAll(clients);
    await server.stop();
  }
}

function summary(r: SoakResult): string[] {
  const first = r.minutes[0];
  const last = r.minutes[r.minutes.length - 1];
  const p99s = r.minutes.map((m) => m.p99).filter(Number.isFinite);
  const dbLine = r.db
    ? `database: ${r.db.rowsDelta} rows stored for ${r.edits} edits (${r.db.rowsDelta === r.edits ? 'one per edit' : 'MISMATCH'}), ` +
      `${r.db.wrongItems} items whose stored position is not the last one sent`
    : 'database: n/a (in-memory server)';
  const ok = r.lostEdits === 0 && r.divergentClients === 0 && r.delivered >= r.expected && (!r.db || (r.db.wrongItems === 0 && r.db.rowsDelta === r.edits));
  return [
    `${r.kind}: RSS ${first ? first.rssMiB.toFixed(1) : '–'} → ${last ? last.rssMiB.toFixed(1) : '–'} MiB (max ${Math.max(...r.minutes.map((m) => m.rssMiB)).toFixed(1)}), ` +
      `heap ${first ? first.heapMiB.toFixed(1) : '–'} → ${last ? last.heapMiB.toFixed(1) : '–'} MiB`,
    `  p99 per minute: first ${ms(first?.p99 ?? NaN)}, last ${ms(last?.p99 ?? NaN)}, worst ${ms(Math.max(...p99s))} ms; p50 first ${ms(first?.p50 ?? NaN)}, last ${ms(last?.p50 ?? NaN)} ms`,
    `  edits ${r.edits}, deliveries ${r.delivered}/${r.expected}, lost edits ${r.lostEdits}, clients out of step ${r.divergentClients}, reconnects ${r.disconnects}`,
    `  ${dbLine}`,
    `  no lost update: ${ok ? 'YES' : 'NO'}`,
  ];
}

async function main(): Promise<number> {
  const pin = setupPinning(cpus().length, process.env.BENCH_PIN === '0');
  console.log(`soak — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log(
    `${CASES} cases × ${CLIENTS_PER_CASE} connections, ${EDITS_PER_CASE_PER_SECOND} edit per case per second, ${MINUTES} min per server; ${pin.note}`,
  );
  if (!PEER) console.log('SOAK_PEER=0: the peer (y-websocket reference server) is NOT run; figures stand alone');
  const results: SoakResult[] = [await soak('veiligplan')];
  if (PEER) results.push(await soak('reference'));
  console.log('\n== soak summary ==');
  for (const r of results) for (const line of summary(r)) console.log(line);
  console.log('(RSS/heap after a forced GC at each minute end; latency = send → arrival at each other client of the case, same process clock)');
  return results.every((r) => r.lostEdits === 0 && r.divergentClients === 0) ? 0 : 1;
}

main().then(
  (code) => {
    killAllServersSync();
    process.exit(code);
  },
  (e: unknown) => {
    console.error(e);
    killAllServersSync();
    process.exit(1);
  },
);
