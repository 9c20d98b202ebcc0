/** The shared whole-document answer to sync step 1 is always exactly what a fresh encoding would be. */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { asksForEverything, syncStep1Answer } from './fullState.server';
import { createSyncMetrics } from './metrics';
import { syncStep2Message } from './protocol';

function stateVector(entries: [number, number][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
  }
  return encoding.toUint8Array(e);
}

/** A document with content from two clients, one deletion included. */
function documentOfTwo() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.getArray<string>('x').push(['een', 'twee']);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  b.getArray<string>('x').push(['drie']);
  b.getArray<string>('x').delete(0, 1);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  return { doc: a, clients: [a.clientID, b.clientID] as const };
}

describe('sync step 1 answer', () => {
  it('shares one encoding for every state vector that knows nothing of the document, identical to a fresh one', () => {
    const { doc, clients } = documentOfTwo();
    const metrics = createSyncMetrics();
    const foreign = 999_999;
    const vectors = [
      new Uint8Array([0]),
      stateVector([[foreign, 7]]),
      stateVector([[clients[0], 0]]),
      stateVector([
        [clients[1], 0],
        [foreign, 3],
      ]),
    ];
    for (const sv of vectors) {
      expect(asksForEverything(doc, sv)).toBe(true);
      expect(syncStep1Answer(doc, sv, metrics)).toEqual(syncStep2Message(doc, sv));
    }
    expect(metrics.fullStateEncodes).toBe(1);

    doc.getArray<string>('x').push(['vier']);
    const after = syncStep1Answer(doc, new Uint8Array([0]), metrics);
    expect(metrics.fullStateEncodes).toBe(2);
    expect(after).toEqual(syncStep2Message(doc, new Uint8Array([0])));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(copy.getArray('x').toArray()).toEqual(['twee', 'drie', 'vier']);
  });

  it('encodes a client that already has part of the document for that client alone', () => {
    const { doc, clients } = documentOfTwo();
    const metrics = createSyncMetrics();
    const sv = stateVector([[clients[0], 1]]);
    expect(asksForEverything(doc, sv)).toBe(false);
    expect(syncStep1Answer(doc, sv, metrics)).toEqual(syncStep2Message(doc, sv));
    expect(metrics.fullStateEncodes).toBe(0);
  });

  it('does not share while updates wait for missing dependencies, and refuses a malformed state vector', () => {
    const { doc } = documentOfTwo();
    const metrics = createSyncMetrics();
    syncStep1Answer(doc, new Uint8Array([0]), metrics);
    // An update that depends on one the document never got.
    const source = new Y.Doc();
    const made: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => made.push(u));
    source.getText('t').insert(0, 'a');
    source.getText('t').insert(1, 'b');
    Y.applyUpdate(doc, made[1]!);
    expect(doc.store.pendingStructs).not.toBeNull();
    expect(syncStep1Answer(doc, new Uint8Array([0]), metrics)).toEqual(syncStep2Message(doc, new Uint8Array([0])));
    expect(metrics.fullStateEncodes).toBe(2);

    expect(() => syncStep1Answer(doc, new Uint8Array([5, 200]), metrics)).toThrow();
  });
});
