// Runs SQLite WAL checkpoints on its own connection, off the server's event loop.
// Plain JavaScript so it runs the same under tsx, vitest and node.
// Invariant: this worker never logs itself; it tells the parent (checkpointer.server.ts), which logs:
// { unavailable: message } when it cannot open the database (it then stops), { checkpointFailed: code }
// once per new kind of failure other than busy/locked, and 'stopped' after its last checkpoint.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
} catch (error) {
  // The server's database is gone (shut down meanwhile): tell the server and stop.
  parentPort.postMessage({ unavailable: String(error?.message ?? error) });
  process.exit(0);
}
let lastFailure = null;
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    lastFailure = null;
  } catch (error) {
    // Busy or locked: the next tick tries again; the WAL keeps every committed transaction meanwhile.
    const code = String(error?.code ?? 'unknown');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === lastFailure) return;
    lastFailure = code;
    parentPort.postMessage({ checkpointFailed: code });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('stopped');
});
