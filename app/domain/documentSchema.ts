/**
 * The declared schema of every collaborative document, shared by the UI and
 * the sync server (which checks every client update against it before the
 * update is durable or broadcast: server/sync/updateCheck.server.ts).
 *
 * A document has two top-level maps: `items` (item id → item map) and `meta`
 * (written only by the server, except `schemaVersion`). An item map holds its
 * id (equal to its key), a known section, a position, text fields (Y.Text,
 * bounded length), plain values (bounded, validated), a status with reason,
 * and attribution stamps (ids, names, roles, times) that must name whoever
 * sends the change. Nothing else exists; nesting is bounded by construction.
 * Pure code: no database, no transport.
 */
import { BODEMEISEN_SECTIONS } from './bodemeisen';
import { FAMILY_ROLES, type Role } from './caseFacts';
import { KAART_SECTION_IDS } from './kaart';
import type { DocumentName } from './permissions';
import { AFSPRAAK_FIELDS, AFSPRAAK_VOORTGANG, PLAN_SECTIONS } from './plan';
import { isIsoDate, parseRecurrence } from './recurrence';

export const TOP_LEVEL = ['items', 'meta'] as const;
/** The only `meta` key a client may write (once, to the current version); every other key is the server's. */
export const CLIENT_META_KEYS = ['schemaVersion'] as const;

/** Longest text of one field, in characters. */
export const MAX_FIELD_CHARS = 5_000;
/** Longest status reason. */
export const MAX_REASON_CHARS = 300;
/** How far a client's clock may be from the server's in a time stamp it writes. */
export const STAMP_TOLERANCE_MS = 10 * 60 * 1000;

/**
 * A time stamp a client writes is true enough: not in the future (beyond the
 * tolerance), and not before the sender's sign-in began (`notBefore`, the start
 * of the session that opened the connection) — so work done offline since the
 * page was loaded keeps its real time, and nobody back-dates past the moment
 * they were signed in. Without `notBefore` only the tolerance around now counts.
 */
export function stampInWindow(t: unknown, now: number, notBefore?: number): boolean {
  if (typeof t !== 'number' || !Number.isFinite(t)) return false;
  const earliest = Math.min(now - STAMP_TOLERANCE_MS, (notBefore ?? Infinity) - STAMP_TOLERANCE_MS);
  return t <= now + STAMP_TOLERANCE_MS && t >= earliest;
}

const isShortId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 64 && /^[A-Za-z0-9_-]+$/.test(v);

export interface DocumentSchema {
  sections: readonly string[];
  /** Text fields (Y.Text) an item may have. */
  textFields: readonly string[];
  /** Plain values an item may have, each with its check. */
  values: Record<string, (value: unknown) => boolean>;
}

export const DOCUMENT_SCHEMAS: Record<DocumentName, DocumentSchema> = {
  kaart: { sections: KAART_SECTION_IDS, textFields: ['text'], values: {} },
  plan: {
    sections: PLAN_SECTIONS,
    textFields: [...AFSPRAAK_FIELDS.map((f) => f.key), 'taak'],
    values: {
      wie: (v) => Array.isArray(v) && v.length <= 50 && v.every(isShortId),
      voortgang: (v) => typeof v === 'string' && (AFSPRAAK_VOORTGANG as readonly string[]).includes(v),
      persoon: (v) => v === '' || isShortId(v),
      // When an afspraak happens (app/domain/recurrence.ts); '' = not set.
      start: (v) => v === '' || isIsoDate(v),
      herhaling: (v) => v === '' || parseRecurrence(v) !== null,
      evaluatie: (v) => v === '' || isIsoDate(v),
    },
  },
  bodemeisen: { sections: BODEMEISEN_SECTIONS, textFields: ['tekst', 'reden'], values: {} },
};

/** Keys of an item that only its creation sets; nobody changes them afterwards. */
export const CREATED_KEYS = ['id', 'createdById', 'createdByName', 'createdByRole', 'createdAt'] as const;
/** Stamps set together with a change: `edited*` with content, `status*` with a status change. */
export const EDIT_STAMP_KEYS = ['editedById', 'editedByName', 'editedAt'] as const;
export const STATUS_KEYS = ['status', 'statusReason', 'statusById', 'statusByName', 'statusAt'] as const;
export const LAYOUT_KEYS = ['section', 'position'] as const;
/** A Y.Array of short attributed reactions under an item: anyone who may write the document adds one; none is removed. */
export const REACTIONS_KEY = 'reactions';
export const MAX_REACTION_CHARS = 280;

export type ItemKeyKind = 'created' | 'edit-stamp' | 'status' | 'layout' | 'text' | 'value' | 'reactions' | 'unknown';

/** A reaction as stored: its id, who wrote it and when (the sender's own), and its words. */
export function validReaction(v: unknown, sender: { participantId: string; name: string; notBefore?: number }, now: number): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return (
    Object.keys(r).length === 5 &&
    isShortId(r.id) &&
    r.byId === sender.participantId &&
    r.byName === sender.name &&
    stampInWindow(r.at, now, sender.notBefore) &&
    typeof r.text === 'string' &&
    r.text.trim().length > 0 &&
    r.text.length <= MAX_REACTION_CHARS
  );
}

export function itemKeyKind(schema: DocumentSchema, key: string): ItemKeyKind {
  if ((CREATED_KEYS as readonly string[]).includes(key)) return 'created';
  if ((EDIT_STAMP_KEYS as readonly string[]).includes(key)) return 'edit-stamp';
  if ((STATUS_KEYS as readonly string[]).includes(key)) return 'status';
  if ((LAYOUT_KEYS as readonly string[]).includes(key)) return 'layout';
  if (key === REACTIONS_KEY) return 'reactions';
  if (schema.textFields.includes(key)) return 'text';
  if (key in schema.values) return 'value';
  return 'unknown';
}

/**
 * Item rules (SPEC §3, next to the permission table): who may do what inside
 * a document they may write. Nobody deletes or replaces an item; every status
 * change carries a reason; family and netwerk add items and edit their own —
 * another person's item they react to, resolve or withdraw with a reason
 * (shown to its author) and move; professionals may also edit other people's
 * items. Reactions are never removed.
 */
export type ItemAction = 'add' | 'edit-own' | 'edit-others' | 'move' | 'react' | 'status-own' | 'status-others' | 'delete' | 'replace';

export function mayDoWithItem(role: Role, action: ItemAction): boolean {
  switch (action) {
    case 'delete':
    case 'replace':
      return false;
    case 'edit-others':
      return !(FAMILY_ROLES as readonly Role[]).includes(role);
    default:
      return true;
  }
}

/** A status change needs a reason of at least this many characters (after trimming). */
export function validStatusReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim().length >= 2 && reason.length <= MAX_REASON_CHARS;
}
