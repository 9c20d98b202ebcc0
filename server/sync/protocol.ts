/**
 * The y-websocket wire protocol, as the stock `y-websocket` provider speaks
 * it: message = varUint type (sync, awareness, auth, query-awareness), then
 * that type's payload. Invariant: every outgoing payload is written by the
 * y-protocols helpers (`y-protocols/sync`, `/auth`, `/awareness`); this
 * module only adds the outer message type, and holds the close codes.
 *
 * Receiving deliberately does not use `readSyncMessage`/`readSyncStep2`/
 * `readUpdate`: they apply an update to the Y.Doc on the spot (bypassing the
 * read-only drop, the size cap, the durable log and the pending bound), answer
 * step 1 at once (we answer only with durable content), and swallow a failing
 * update with a console.error (a malformed update must count as malformed).
 * So connection.server.ts reads the message type, the sync step and the
 * payload with lib0's decoder and uses the step constants from here.
 */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP_2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

export {
  CLOSE_ACCESS_REVOKED,
  CLOSE_BAD_MESSAGES,
  CLOSE_UNAUTHENTICATED,
  DENIED_QUOTA,
  DENIED_READ_ONLY,
  DENIED_REFUSED,
  DENIED_REVOKED,
  DENIED_TOO_LARGE,
  FINAL_CLOSE_CODES,
} from '../../app/collab/syncCodes';
/** Standard codes used by the server. */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_SERVER_ERROR = 1011;
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** Access changed but did not end: the client reconnects and gets its new rights. */
export const CLOSE_RIGHTS_CHANGED = 4001;

function message(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: the document's state vector (the server asks the client for what it lacks). */
export const syncStep1Message = (doc: Y.Doc) => message(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, doc));

/** Sync step 2: everything in `doc` that the client's state vector lacks. Throws on a malformed state vector. */
export const syncStep2Message = (doc: Y.Doc, stateVector: Uint8Array) => message(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

/** One (durable) update for the other clients. */
export const syncUpdateMessage = (update: Uint8Array) => message(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));

/** The given clients' awareness states (null for those that left). */
export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  message(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)));

/** y-protocols auth message "permission denied", with a reason the client shows or acts on. */
export const permissionDeniedMessage = (reason: string) => message(MESSAGE_AUTH, (e) => authProtocol.writePermissionDenied(e, reason));

/** A V1 update that carries nothing: no structs, empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
