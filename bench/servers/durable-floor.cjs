'use strict';
/**
 * The "durable floor" bench server: the classic y-websocket@1.5.4 server of reference.cjs plus
 * the cheapest correct way to be durable first — one SQLite insert (better-sqlite3, WAL,
 * synchronous=FULL, autocommit: one transaction and one fsync per update) of every incoming
 * update, before 1.5.4 applies and broadcasts it.
 *
 * Invariant: an update reaches the document (and so any other client) only after its row is
 * committed; when the insert throws, 1.5.4's message handler catches the error and the update is
 * neither applied nor broadcast. Updates that change nothing (the empty V1 update `[0, 0]` that a
 * fresh client sends as sync step 2) are not stored.
 *
 * Hook: 1.5.4's `messageListener` (bin/utils.js, not exported) calls
 * `syncProtocol.readSyncMessage(decoder, encoder, doc, conn)` through the y-protocols module
 * object, and that call applies sync step 2 / update messages to the document (whose 'update'
 * handler broadcasts). This module replaces `readSyncMessage` on that same module object (resolved
 * from utils.js's directory, so it is the instance utils.js uses) with a wrapper that peeks at the
 * message on a clone of the decoder, inserts the raw update, then calls the original. Everything
 * else — WebSocket server, contract with the harness, cold rooms — is reference.cjs, unchanged.
 *
 * Env: as reference.cjs; the database lives in its own temporary directory, removed on exit.
 * Besides the contract of reference.cjs it answers the stdin line `stats` with `STATS {"rows":n}`.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const Database = require('better-sqlite3');
const decoding = require('lib0/dist/decoding.cjs');

const utilsDir = path.dirname(require.resolve('y-websocket-reference/bin/utils'));
const syncProtocol = require(require.resolve('y-protocols/dist/sync.cjs', { paths: [utilsDir] }));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-floor-bench-'));
const db = new Database(path.join(dir, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, received_at INTEGER NOT NULL, bytes INTEGER NOT NULL, update_v1 BLOB NOT NULL)',
);
const insert = db.prepare('INSERT INTO updates (doc, received_at, bytes, update_v1) VALUES (?, ?, ?, ?)');

const originalReadSyncMessage = syncProtocol.readSyncMessage;
syncProtocol.readSyncMessage = (decoder, encoder, doc, transactionOrigin, errorHandler) => {
  const peek = decoding.clone(decoder);
  const type = decoding.readVarUint(peek);
  if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
    const update = decoding.readVarUint8Array(peek);
    if (!(update.byteLength === 2 && update[0] === 0 && update[1] === 0)) {
      insert.run(doc.name, Date.now(), update.byteLength, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    }
  }
  return originalReadSyncMessage(decoder, encoder, doc, transactionOrigin, errorHandler);
};

// `stats` → `STATS {"rows":…}`: how many updates were stored (lets the harness check the floor really wrote).
const count = db.prepare('SELECT count(*) AS n FROM updates');
require('readline')
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === 'stats') process.stdout.write(`STATS ${JSON.stringify({ rows: count.get().n })}\n`);
  });

process.on('exit', () => {
  try {
    db.close();
  } catch {
    /* already closed */
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

require('./reference.cjs');
