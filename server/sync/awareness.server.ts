/**
 * Presence rules: a connection may only set awareness for client ids it owns
 * (the first ids it announces, at most MAX_IDS_PER_CONNECTION, none owned by
 * another connection); the `user` field is always the server's record of the
 * participant; a state larger than the cap is dropped.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MAX_IDS_PER_CONNECTION = 4;
export const MAX_AWARENESS_STATE_BYTES = 4 * 1024;

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
  if (count > 64) throw new Error('too many awareness entries');
  const kept: { clientId: number; clock: number; json: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (!ownership.own.has(clientId)) {
      if (ownership.ownedByOther(clientId) || ownership.own.size >= MAX_IDS_PER_CONNECTION) continue;
      ownership.own.add(clientId);
    }
    if (json.length > maxStateBytes) continue;
    const state: unknown = JSON.parse(json);
    if (state === null) {
      kept.push({ clientId, clock, json: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state)) continue;
    kept.push({ clientId, clock, json: JSON.stringify({ ...(state as Record<string, unknown>), user }) });
  }
  if (kept.length === 0) return null;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kept.length);
  for (const k of kept) {
    encoding.writeVarUint(e, k.clientId);
    encoding.writeVarUint(e, k.clock);
    encoding.writeVarString(e, k.json);
  }
  return encoding.toUint8Array(e);
}

/** Colours for presence, each with at least 4.5:1 contrast against white text. */
const PRESENCE_COLOURS = ['#1f5f5b', '#7a3e9d', '#a4262c', '#0b5cad', '#8a4b00', '#2e6b1f', '#b0306a', '#4a5568'];

export function presenceColour(participantId: string): string {
  let hash = 0;
  for (let i = 0; i < participantId.length; i++) hash = (hash * 31 + participantId.charCodeAt(i)) | 0;
  return PRESENCE_COLOURS[Math.abs(hash) % PRESENCE_COLOURS.length]!;
}
