/**
 * Group commit: every update accepted during one event-loop turn (from any
 * document) is written in one SQLite transaction — one fsync — and only then
 * are the callbacks run, in order, which broadcast the updates. A failed
 * write runs the callbacks with the error; nothing of it is broadcast.
 */
import { logger } from '../log.server';
import type { SyncStore, UpdateEntry } from './persistence.server';

const log = logger('sync');

export type CommitCallback = (error: Error | null, id: number) => void;

export interface GroupCommit {
  enqueue(entry: UpdateEntry, done: CommitCallback): void;
  /** Writes what is queued now (used at shutdown and by tests). */
  flushNow(): void;
  readonly queued: number;
}

export function createGroupCommit(store: SyncStore, onBatch?: (size: number, ms: number) => void): GroupCommit {
  let entries: UpdateEntry[] = [];
  let callbacks: CommitCallback[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    if (entries.length === 0) return;
    const batch = entries;
    const done = callbacks;
    entries = [];
    callbacks = [];
    let ids: number[];
    const started = performance.now();
    try {
      ids = store.append(batch);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      for (const cb of done) cb(err, 0);
      return;
    }
    onBatch?.(batch.length, performance.now() - started);
    for (let i = 0; i < done.length; i++) {
      try {
        done[i]!(null, ids[i]!);
      } catch (error) {
        // One document's trouble must not stop the others' broadcasts.
        log.error({ err: error }, 'a callback after a commit failed');
      }
    }
  }

  return {
    enqueue(entry, done) {
      entries.push(entry);
      callbacks.push(done);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flushNow: flush,
    get queued() {
      return entries.length;
    },
  };
}
