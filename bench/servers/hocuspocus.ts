/**
 * Benchmark wrapper around @hocuspocus/server v4 (no persistence extension, quiet).
 *
 * Same contract as the other bench servers:
 *  - prints exactly one `BENCH_READY <json>` line on stdout once listening;
 *  - stdin line `mem` → runs global.gc?.() and prints `MEM <json>` (process.memoryUsage());
 *  - exits on SIGTERM.
 * Env: BENCH_CASES (rooms listed in READY, default 10),
 *      BENCH_COLD_UPDATES (if > 0: rooms cold-0..cold-4 are filled in `onLoadDocument`
 *      by applying that many pre-made small updates, kept in memory, one by one).
 */
import readline from 'node:readline';
import * as Y from 'yjs';
import { Server } from '@hocuspocus/server';
import { buildColdUpdates } from './cold-updates.cjs';

const cases = Math.max(0, Number.parseInt(process.env.BENCH_CASES ?? '10', 10) || 0);
const coldUpdates = Math.max(0, Number.parseInt(process.env.BENCH_COLD_UPDATES ?? '0', 10) || 0);
const COLD_DOCS = 5;

/** Pre-made update logs per cold room: not applied to any document until first load. */
const coldStore = new Map<string, Uint8Array[]>();
if (coldUpdates > 0) {
  for (let d = 0; d < COLD_DOCS; d++) {
    coldStore.set(`cold-${d}`, buildColdUpdates(Y, coldUpdates, d + 1) as Uint8Array[]);
  }
}

const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }) {
    const log = coldStore.get(documentName);
    if (log) {
      document.transact(() => {
        for (const u of log) Y.applyUpdate(document, u);
      });
    }
    return document;
  },
});

await server.listen();
const port = server.address.port;
const rooms = Array.from({ length: cases }, (_, i) => `bench-${i}`);
const coldRooms = [...coldStore.keys()];
process.stdout.write(
  `BENCH_READY ${JSON.stringify({
    port,
    origin: `http://127.0.0.1:${port}`,
    rooms,
    coldRoom: coldRooms[0] ?? null,
    coldRooms,
  })}\n`,
);

const gc = (globalThis as { gc?: () => void }).gc;
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === 'mem') {
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.stdout.write(
      `MEM ${JSON.stringify({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers })}\n`,
    );
  }
});
rl.on('close', () => process.exit(0));

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  // Do not wait for a graceful close of every connection: the harness wants a quick exit.
  setTimeout(() => process.exit(0), 500).unref();
  server.destroy().then(
    () => process.exit(0),
    () => process.exit(0),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
