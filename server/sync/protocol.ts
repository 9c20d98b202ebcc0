/**
 * The y-websocket wire protocol (y-protocols sync + awareness + auth), as the
 * stock `y-websocket` client provider speaks it. Message = varUint type, then
 * the type's payload.
 */
import * as encoding from 'lib0/encoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export {
  CLOSE_ACCESS_REVOKED,
  CLOSE_BAD_MESSAGES,
  CLOSE_UNAUTHENTICATED,
  DENIED_READ_ONLY,
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


function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeSync(SYNC_STEP_1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeSync(SYNC_STEP_2, update);
export const encodeSyncUpdate = (update: Uint8Array) => encodeSync(SYNC_UPDATE, update);

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessUpdate);
  return encoding.toUint8Array(e);
}

/** y-protocols auth message: type 0 = permission denied, with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AUTH);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}

/** A V1 update that carries nothing: no structs, empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
