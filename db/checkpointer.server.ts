/**
 * WAL checkpoints off the event loop: the server's own connection stops
 * checkpointing automatically (an automatic checkpoint runs inside a commit
 * and stalls every connection for milliseconds), and a worker thread with its
 * own connection runs passive checkpoints every `intervalMs`. Committed
 * transactions are durable in the WAL either way (synchronous=FULL).
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseHandle } from './database.server';

export function startCheckpointer(handle: DatabaseHandle, intervalMs = 1000): { stop(): Promise<void> } {
  const worker = new Worker(new URL('./checkpointWorker.mjs', import.meta.url), { workerData: { path: handle.path, intervalMs } });
  worker.unref();
  handle.sqlite.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const fallBack = (reason: string) => {
    if (stopping) return;
    console.error(`[db] checkpoint worker stopped (${reason}); automatic checkpoints are back on`);
    try {
      handle.sqlite.pragma('wal_autocheckpoint = 1000');
    } catch {
      // The database is closed already.
    }
  };
  worker.on('error', (error) => fallBack(error.message));
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message && 'unavailable' in message) fallBack(String((message as { unavailable: string }).unavailable));
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
        worker.once('message', () => void worker.terminate().then(done));
        worker.once('exit', done);
        worker.postMessage('stop');
      }),
  };
}
