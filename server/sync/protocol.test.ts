/**
 * The server's messages, read back with the y-protocols functions the stock
 * y-websocket provider uses: what the server writes is what the client reads.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  awarenessMessage,
  isEmptyUpdate,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  permissionDeniedMessage,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from './protocol';

/** Reads the outer type, then lets y-protocols handle a sync message as the client does. */
function clientReadsSync(message: Uint8Array, doc: Y.Doc): { step: number; reply: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  const reply = encoding.createEncoder();
  const step = syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
  return { step, reply: encoding.toUint8Array(reply) };
}

describe('protocol messages', () => {
  it('sync step 1 and 2: a client catches up with the server document', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'hallo');
    const client = new Y.Doc();
    const step1 = clientReadsSync(syncStep1Message(server), client);
    expect(step1.step).toBe(SYNC_STEP_1);
    // The client answers step 1 with its own step 2; the server's step 2 answers the client's state vector.
    const step2 = clientReadsSync(syncStep2Message(server, Y.encodeStateVector(client)), client);
    expect(step2.step).toBe(SYNC_STEP_2);
    expect(client.getText('t').toString()).toBe('hallo');
  });

  it('an update message applies on the client', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    server.on('update', (u: Uint8Array) => (update = u));
    server.getMap('m').set('k', 1);
    expect(clientReadsSync(syncUpdateMessage(update), client).step).toBe(SYNC_UPDATE);
    expect(client.getMap('m').get('k')).toBe(1);
  });

  it('a malformed state vector makes step 2 throw (the connection counts it as malformed)', () => {
    expect(() => syncStep2Message(new Y.Doc(), new Uint8Array([5, 1]))).toThrow();
  });

  it('permission denied carries the reason', () => {
    const decoder = decoding.createDecoder(permissionDeniedMessage('read-only'));
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AUTH);
    let reason = '';
    authProtocol.readAuthMessage(decoder, new Y.Doc(), (_y, r) => (reason = r));
    expect(reason).toBe('read-only');
  });

  it('awareness states reach another Awareness', () => {
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    a.setLocalState({ cursor: 1 });
    const b = new awarenessProtocol.Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(awarenessMessage(a, [a.clientID]));
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
    awarenessProtocol.applyAwarenessUpdate(b, decoding.readVarUint8Array(decoder), 'server');
    expect(b.getStates().get(a.clientID)).toEqual({ cursor: 1 });
    a.destroy();
    b.destroy();
  });

  it('recognises the empty update', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });
});
