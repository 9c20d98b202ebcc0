/**
 * Presence rules: a connection may only set awareness for client ids it owns
 * (the first ids it announces, at most MAX_IDS_PER_CONNECTION, none owned by
 * another connection); the `user` field is always the server's record of the
 * participant; a state larger than the cap (in UTF-8 bytes) or that is not a
 * JSON object (or null = gone) is dropped.
 *
 * How y-protocols is used: the state rewrite (decode, JSON, re-encode) is
 * `modifyAwarenessUpdate` from y-protocols/awareness — the helper meant for a
 * server that must stop identity hijacking. It cannot drop entries, so a
 * first pass walks the entries with lib0's decoder (ids, clocks and a
 * zero-copy view of each state; no string decoding, no JSON) to apply the
 * ownership, size and shape rules; only when it drops something is a shorter
 * update re-framed from the kept entries' raw bytes. The result is applied to
 * the room's Awareness instance with `applyAwarenessUpdate` (room.server.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { modifyAwarenessUpdate } from 'y-protocols/awareness';

export const MAX_IDS_PER_CONNECTION = 4;
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;
/** More entries than this in one update is not something a client does. */
const MAX_ENTRIES = 64;

export interface PresenceUser {
  name: string;
  role: string;
  color: string;
  participantId: string;
}

export interface AwarenessOwnership {
  /** Ids this connection owns. */
  own: Set<number>;
  /** True when another connection in the same document owns the id. */
  ownedByOther(clientId: number): boolean;
}

/**
 * Rewrites an awareness update from a client. Returns the update to apply
 * (possibly with fewer entries), or null when nothing is acceptable. Throws
 * on a malformed update.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  ownership: AwarenessOwnership,
  user: PresenceUser,
  maxStateBytes = MAX_AWARENESS_STATE_BYTES,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_ENTRIES) throw new Error('too many awareness entries');
  const firstEntry = decoder.pos;
  // Byte ranges of the kept entries, only once one has been dropped.
  let kept: [number, number][] | null = null;
  let keptCount = 0;
  for (let i = 0; i < count; i++) {
    const start = decoder.pos;
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder); // clock
    const state = decoding.readVarUint8Array(decoder);
    let accept = true;
    if (!ownership.own.has(clientId)) {
      if (ownership.ownedByOther(clientId) || ownership.own.size >= MAX_IDS_PER_CONNECTION) accept = false;
      else ownership.own.add(clientId);
    }
    if (accept && (state.byteLength > maxStateBytes || !isObjectOrNullJson(state))) accept = false;
    if (accept) {
      keptCount++;
      kept?.push([start, decoder.pos]);
    } else if (!kept) {
      kept = [];
      // Everything before this entry was kept: one range per entry is not needed, one span will do.
      if (keptCount > 0) kept.push([firstEntry, start]);
    }
  }
  if (keptCount === 0) return null;
  let accepted = update;
  if (kept) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, keptCount);
    for (const [from, to] of kept) encoding.writeUint8Array(e, update.subarray(from, to));
    accepted = encoding.toUint8Array(e);
  }
  // Throws on a state that is not valid JSON: the whole message counts as malformed.
  return modifyAwarenessUpdate(accepted, (state: Record<string, unknown> | null) => (state === null ? null : { ...state, user }));
}

const isJsonSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * True when the JSON text is an object (starts with `{`; whether it parses is
 * checked when it is rewritten) or `null`. Arrays, strings and numbers are not
 * presence states.
 */
function isObjectOrNullJson(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && isJsonSpace(bytes[i]!)) i++;
  if (bytes[i] === 0x7b) return true; // {
  if (bytes[i] !== 0x6e || bytes[i + 1] !== 0x75 || bytes[i + 2] !== 0x6c || bytes[i + 3] !== 0x6c) return false; // null
  for (i += 4; i < bytes.length; i++) if (!isJsonSpace(bytes[i]!)) return false;
  return true;
}

/** Colours for presence, each with at least 4.5:1 contrast against white text. */
const PRESENCE_COLOURS = ['#1f5f5b', '#7a3e9d', '#a4262c', '#0b5cad', '#8a4b00', '#2e6b1f', '#b0306a', '#4a5568'];

export function presenceColour(participantId: string): string {
  let hash = 0;
  for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) | 0;
  return PRESENCE_COLOURS[Math.abs(hash) % PRESENCE_COLOURS.length]!;
}
