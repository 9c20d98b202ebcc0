/**
 * WAL checkpoints off the event loop: the server's own connection stops
 * checkpointing automatically (an automatic checkpoint runs inside a commit
 * and stalls every connection for milliseconds), and a worker thread with its
 * own connection runs passive checkpoints every `intervalMs`. Committed
 * transactions are durable in the WAL either way (synchronous=FULL).
 * Invariant: when the worker is gone, automatic checkpoints are switched back
 * on. The worker reports by message; this module does its logging.
 */
import { Worker } from 'node:worker_threads';
import { logger } from '../server/log.server';
import type { DatabaseHandle } from './database.server';

const log = logger('db');

export function startCheckpointer(handle: DatabaseHandle, intervalMs = 1000): { stop(): Promise<void> } {
  const worker = new Worker(new URL('./checkpointWorker.mjs', import.meta.url), { workerData: { path: handle.path, intervalMs } });
  worker.unref();
  handle.sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const fallBack = (why: { err: Error } | { reason: string }) => {
    if (stopping) return;
    log.error(why, 'checkpoint worker stopped; automatic checkpoints are back on');
    try {
      handle.sqlite.pragma('wal_autocheckpoint = 1000');
    } catch {
      // The database is closed already.
    }
  };
  worker.on('error', (err) => fallBack({ err }));
  worker.on('message', (message: unknown) => {
    if (typeof message !== 'object' || !message) return;
    if ('unavailable' in message) fallBack({ reason: String(message.unavailable) });
    // It keeps trying; the WAL holds every committed transaction meanwhile.
    else if ('checkpointFailed' in message) log.warn({ code: String(message.checkpointFailed) }, 'a WAL checkpoint failed');
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const done = () => {
          clearTimeout(timeout);
          resolve();
        };
        const timeout = setTimeout(() => void worker.terminate().then(done), 2000);
        worker.on('message', (message) => {
          if (message === 'stopped') void worker.terminate().then(done);
        });
        worker.once('exit', done);
        worker.postMessage('stop');
      }),
  };
}
