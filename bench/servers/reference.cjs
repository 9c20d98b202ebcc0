'use strict';
/**
 * Benchmark wrapper around the classic y-websocket@1.5.4 server
 * (node_modules/y-websocket-reference/bin/utils.js, in-memory only).
 *
 * Contract (shared by all bench servers):
 *  - prints exactly one `BENCH_READY <json>` line on stdout once listening;
 *  - stdin line `mem` → runs global.gc?.() and prints `MEM <json>` (process.memoryUsage());
 *  - exits on SIGTERM.
 * Env: BENCH_CASES (number of rooms listed in READY, default 10),
 *      BENCH_COLD_UPDATES (if > 0: pre-build cold-0..cold-4 in memory, each from that many updates).
 */
const http = require('http');
const readline = require('readline');
const { WebSocketServer } = require('ws');
const Y = require('yjs');
const { setupWSConnection, getYDoc } = require('y-websocket-reference/bin/utils');
const { buildColdUpdates } = require('./cold-updates.cjs');

const cases = Math.max(0, Number.parseInt(process.env.BENCH_CASES || '10', 10) || 0);
const coldUpdates = Math.max(0, Number.parseInt(process.env.BENCH_COLD_UPDATES || '0', 10) || 0);
const COLD_DOCS = 5;

const coldRooms = [];
if (coldUpdates > 0) {
  for (let d = 0; d < COLD_DOCS; d++) {
    const name = `cold-${d}`;
    const doc = getYDoc(name);
    // 10,000 separate small updates, applied one by one (as if replayed from an update log).
    for (const u of buildColdUpdates(Y, coldUpdates, d + 1)) Y.applyUpdate(doc, u);
    coldRooms.push(name);
  }
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => {
  // same default as the 1.5.4 server: docName = URL path without the leading slash
  setupWSConnection(conn, req, { docName: req.url.slice(1).split('?')[0] });
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const rooms = [];
  for (let i = 0; i < cases; i++) rooms.push(`bench-${i}`);
  process.stdout.write('BENCH_READY ' + JSON.stringify({ port, origin: `http://127.0.0.1:${port}`, rooms, coldRoom: coldRooms[0] ?? null, coldRooms }) + '\n');
});

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line.trim() === 'mem') {
    if (typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    const m = process.memoryUsage();
    process.stdout.write(
      'MEM ' + JSON.stringify({ rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers }) + '\n',
    );
  }
});
// stdin closed = parent went away
rl.on('close', () => process.exit(0));

const shutdown = () => {
  for (const c of wss.clients) c.terminate();
  server.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
