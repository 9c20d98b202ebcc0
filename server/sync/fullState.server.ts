/**
 * The answer to sync step 1, with one shared encoding of "the whole
 * document" per document change. Invariant: `syncStep1Answer(doc, sv)` is
 * always byte for byte what `syncStep2Message(doc, sv)` returns at that
 * moment. The shared encoding is used only for a state vector that knows
 * nothing of the document (a fresh client: empty, or naming only clients the
 * document has nothing from), is dropped on every update of the document, and
 * is bypassed while updates wait inside Yjs for missing dependencies (the
 * answer then depends on the state vector). Kept per Y.Doc in a WeakMap, so
 * it lives exactly as long as the loaded document.
 */
import * as Y from 'yjs';
import type { SyncMetrics } from './metrics';
import { syncStep2Message } from './protocol';

const EMPTY_STATE_VECTOR = new Uint8Array([0]);
const shared = new WeakMap<Y.Doc, { answer: Uint8Array | null }>();

/** True when the state vector asks for everything in `doc`. Throws on a malformed state vector. */
export function asksForEverything(doc: Y.Doc, stateVector: Uint8Array): boolean {
  if (stateVector.length === 1 && stateVector[0] === 0) return true;
  for (const [client, clock] of Y.decodeStateVector(stateVector)) if (clock > 0 && Y.getState(doc.store, client) > 0) return false;
  return true;
}

/** Sync step 2 for the given state vector. Throws on a malformed state vector. */
export function syncStep1Answer(doc: Y.Doc, stateVector: Uint8Array, metrics: SyncMetrics): Uint8Array {
  if (!asksForEverything(doc, stateVector)) return syncStep2Message(doc, stateVector);
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    metrics.fullStateEncodes++;
    return syncStep2Message(doc, stateVector);
  }
  let entry = shared.get(doc);
  if (!entry) {
    const created = { answer: null as Uint8Array | null };
    doc.on('update', () => (created.answer = null));
    doc.on('destroy', () => shared.delete(doc));
    shared.set(doc, created);
    entry = created;
  }
  if (!entry.answer) {
    entry.answer = syncStep2Message(doc, EMPTY_STATE_VECTOR);
    metrics.fullStateEncodes++;
  }
  return entry.answer;
}
