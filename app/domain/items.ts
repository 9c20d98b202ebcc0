/**
 * Attributed, ordered items in a Yjs document — the building block of the
 * kaart, the veiligheidsplan and the bodemeisen. Pure code over `yjs`.
 *
 * Layout: `doc.getMap('items')` maps item id → Y.Map with `section`,
 * `position` (fractional; reorder = new position), text fields as Y.Text
 * (two people typing in one field both keep their words), status and
 * attribution stamps. `doc.getMap('meta')` holds `schemaVersion`.
 * Time stamps default to `stampNow()`: the server's clock as the browser
 * knows it (app/domain/stampClock.ts), so a device whose clock is off still
 * writes stamps the server accepts.
 */
import * as Y from 'yjs';
import { stampNow } from './stampClock';

export const SCHEMA_VERSION = 1;

export const ITEM_STATUSES = ['actueel', 'opgelost', 'ingetrokken'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Who does something: written by the client, checked by the server (see attributionGuard). */
export interface Actor {
  participantId: string;
  name: string;
  role: string;
}

export interface ItemJSON {
  id: string;
  section: string;
  position: number;
  fields: Record<string, string>;
  values: Record<string, unknown>;
  status: ItemStatus;
  statusReason: string | null;
  createdBy: { id: string; name: string; role: string };
  createdAt: number;
  editedBy: { id: string; name: string } | null;
  editedAt: number | null;
  statusBy: { id: string; name: string } | null;
  statusAt: number | null;
  /** Short attributed reactions under the item, oldest first. */
  reactions: ReactionJSON[];
}

export interface ReactionJSON {
  id: string;
  by: { id: string; name: string };
  at: number;
  text: string;
}

/** Keys that carry a participant id: the server makes sure they name whoever sent the change. */
export const ATTRIBUTION_KEYS = { createdById: 'createdByName', editedById: 'editedByName', statusById: 'statusByName' } as const;

export function itemsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('items');
}

export function ensureSchema(doc: Y.Doc): void {
  const meta = doc.getMap('meta');
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', SCHEMA_VERSION);
}

export function newItemId(): string {
  return globalThis.crypto.randomUUID();
}

function sortedInSection(doc: Y.Doc, section: string): Y.Map<unknown>[] {
  const out: Y.Map<unknown>[] = [];
  itemsMap(doc).forEach((item) => {
    // Only item maps count: anything else under `items` (written before the schema check) is not an item.
    if (item instanceof Y.Map && item.get('section') === section) out.push(item);
  });
  return out.sort((a, b) => asNumber(a.get('position')) - asNumber(b.get('position')) || asString(a.get('id')).localeCompare(asString(b.get('id'))));
}

export function addItem(
  doc: Y.Doc,
  by: Actor,
  input: { section: string; fields: Record<string, string>; values?: Record<string, unknown>; id?: string; now?: number },
): string {
  const id = input.id ?? newItemId();
  const now = input.now ?? stampNow();
  doc.transact(() => {
    ensureSchema(doc);
    const last = sortedInSection(doc, input.section).at(-1);
    const item = new Y.Map<unknown>();
    item.set('id', id);
    item.set('section', input.section);
    item.set('position', last ? (last.get('position') as number) + 1 : 1);
    for (const [key, value] of Object.entries(input.fields)) item.set(key, new Y.Text(value));
    for (const [key, value] of Object.entries(input.values ?? {})) item.set(key, value);
    item.set('status', 'actueel');
    item.set('createdById', by.participantId);
    item.set('createdByName', by.name);
    item.set('createdByRole', by.role);
    item.set('createdAt', now);
    item.set('reactions', new Y.Array<unknown>());
    itemsMap(doc).set(id, item);
  });
  return id;
}

export function getItem(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  return itemsMap(doc).get(id);
}

export function itemText(doc: Y.Doc, id: string, field: string): Y.Text | undefined {
  const value = getItem(doc, id)?.get(field);
  return value instanceof Y.Text ? value : undefined;
}

/** Adds a short reaction under an item (anyone who may write the document; reactions are never removed). */
export function addReaction(doc: Y.Doc, id: string, text: string, by: Actor, now = stampNow()): void {
  const item = getItem(doc, id);
  const words = text.trim();
  if (!item || !words) return;
  doc.transact(() => {
    let list = item.get('reactions');
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<unknown>();
      item.set('reactions', list);
    }
    (list as Y.Array<unknown>).push([{ id: newItemId(), byId: by.participantId, byName: by.name, at: now, text: words }]);
  });
}

function reactionsOf(value: unknown): ReactionJSON[] {
  if (!(value instanceof Y.Array)) return [];
  const out: ReactionJSON[] = [];
  for (const r of value.toArray().slice(0, 500)) {
    if (typeof r !== 'object' || r === null) continue;
    const { id, byId, byName, at, text } = r as Record<string, unknown>;
    out.push({ id: asString(id), by: { id: asString(byId), name: asString(byName) }, at: asNumber(at), text: asString(text).slice(0, 1000) });
  }
  return out;
}

/** Records who last edited an item (the text itself is edited through its Y.Text). */
export function stampEdit(doc: Y.Doc, id: string, by: Actor, now = stampNow()): void {
  const item = getItem(doc, id);
  if (!item) return;
  doc.transact(() => {
    item.set('editedById', by.participantId);
    item.set('editedByName', by.name);
    item.set('editedAt', now);
  });
}

/** Replaces a text field's content with a minimal change (keeps concurrent edits elsewhere in the text). */
export function setText(doc: Y.Doc, id: string, field: string, value: string, by: Actor): void {
  const item = getItem(doc, id);
  if (!item) return;
  doc.transact(() => {
    let text = item.get(field);
    if (!(text instanceof Y.Text)) {
      text = new Y.Text();
      item.set(field, text);
    }
    applyTextDiff(text as Y.Text, value);
    stampEdit(doc, id, by);
  });
}

/** Turns `text` into `next` by deleting/inserting only the changed middle part. */
export function applyTextDiff(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

export function setValue(doc: Y.Doc, id: string, key: string, value: unknown, by: Actor): void {
  const item = getItem(doc, id);
  if (!item) return;
  doc.transact(() => {
    item.set(key, value);
    stampEdit(doc, id, by);
  });
}

/** Moves an item to `section` at `index` (0 = top); the other items keep their order. */
export function moveItem(doc: Y.Doc, id: string, section: string, index: number, by: Actor): void {
  const item = getItem(doc, id);
  if (!item) return;
  const others = sortedInSection(doc, section).filter((i) => i !== item);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1]?.get('position') as number | undefined;
  const after = others[at]?.get('position') as number | undefined;
  const position =
    before === undefined && after === undefined ? 1 : before === undefined ? after! - 1 : after === undefined ? before + 1 : (before + after) / 2;
  doc.transact(() => {
    item.set('section', section);
    item.set('position', position);
    stampEdit(doc, id, by);
  });
}

/** Moves an item one place up (-1) or down (+1) within its section. */
export function reorderItem(doc: Y.Doc, id: string, delta: -1 | 1, by: Actor): void {
  const item = getItem(doc, id);
  if (!item) return;
  const section = item.get('section') as string;
  const list = sortedInSection(doc, section);
  const index = list.indexOf(item);
  const target = index + delta;
  if (target < 0 || target >= list.length) return;
  moveItem(doc, id, section, target, by);
}

/**
 * Marks an item resolved or withdrawn (with a reason), or current again.
 * Nothing is deleted: a withdrawn item stays visible with its reason.
 */
export function setStatus(doc: Y.Doc, id: string, status: ItemStatus, reason: string | null, by: Actor, now = stampNow()): void {
  const item = getItem(doc, id);
  if (!item) return;
  if (!reason?.trim()) throw new Error('A status change needs a reason');
  doc.transact(() => {
    item.set('status', status);
    item.set('statusReason', reason.trim());
    item.set('statusById', by.participantId);
    item.set('statusByName', by.name);
    item.set('statusAt', now);
  });
}

/**
 * Values a rendering carries: primitives and short flat arrays of primitives
 * (what the schemas allow). Anything else — nested types, deep or huge values
 * written before the schema check existed — is left out, so rendering never
 * recurses into content and cannot be broken by it.
 */
function isPlainValue(value: unknown): boolean {
  const primitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (primitive(value)) return typeof value !== 'string' || value.length <= 10_000;
  return Array.isArray(value) && value.length <= 100 && value.every((v) => primitive(v) && (typeof v !== 'string' || v.length <= 200));
}

const asString = (v: unknown) => (typeof v === 'string' ? v : '');
const asNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function itemToJSON(item: Y.Map<unknown>): ItemJSON {
  const fields: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const known = new Set([
    'id',
    'section',
    'position',
    'status',
    'statusReason',
    'createdById',
    'createdByName',
    'createdByRole',
    'createdAt',
    'editedById',
    'editedByName',
    'editedAt',
    'statusById',
    'statusByName',
    'statusAt',
    'reactions',
  ]);
  item.forEach((value, key) => {
    if (value instanceof Y.Text) fields[key] = value.toString();
    else if (!known.has(key) && isPlainValue(value)) values[key] = value;
  });
  const str = (k: string) => asString(item.get(k));
  const status = item.get('status');
  const time = (k: string) => (typeof item.get(k) === 'number' ? asNumber(item.get(k)) : null);
  return {
    id: str('id'),
    section: str('section'),
    position: asNumber(item.get('position')),
    fields,
    values,
    status: (ITEM_STATUSES as readonly unknown[]).includes(status) ? (status as ItemStatus) : 'actueel',
    statusReason: typeof item.get('statusReason') === 'string' ? str('statusReason') : null,
    createdBy: { id: str('createdById'), name: str('createdByName'), role: str('createdByRole') },
    createdAt: asNumber(item.get('createdAt')),
    editedBy: item.get('editedById') ? { id: str('editedById'), name: str('editedByName') } : null,
    editedAt: time('editedAt'),
    statusBy: item.get('statusById') ? { id: str('statusById'), name: str('statusByName') } : null,
    statusAt: time('statusAt'),
    reactions: reactionsOf(item.get('reactions')),
  };
}

/** Items of one section in display order; an item that cannot be rendered is left out, the others still are. */
export function listSection(doc: Y.Doc, section: string): ItemJSON[] {
  const out: ItemJSON[] = [];
  for (const item of sortedInSection(doc, section)) {
    try {
      out.push(itemToJSON(item));
    } catch {
      // Contained: one broken item never takes a page, a version or a print down.
    }
  }
  return out;
}

/** Every section's items, in order: the plain-JSON rendering used for snapshots, diffs and print. */
export function renderSections(doc: Y.Doc, sections: readonly string[]): { schemaVersion: number; sections: Record<string, ItemJSON[]> } {
  const out: Record<string, ItemJSON[]> = {};
  for (const s of sections) out[s] = listSection(doc, s);
  return { schemaVersion: (doc.getMap('meta').get('schemaVersion') as number | undefined) ?? SCHEMA_VERSION, sections: out };
}

/** Compares two stored values without letting a deep or huge one break the comparison (then they differ). */
function sameValue(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** Empties a top-level type that is not part of the schema (its name stays: Yjs keeps root names forever). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its root types as AbstractType<YEvent<any>>
function clearTopLevel(doc: Y.Doc, name: string, type: Y.AbstractType<Y.YEvent<any>>): void {
  const t: unknown =
    type instanceof Y.Map || type instanceof Y.Array || type instanceof Y.Text ? type : type._start !== null ? doc.getArray(name) : doc.getMap(name);
  if (t instanceof Y.Map) for (const key of [...t.keys()]) t.delete(key);
  else if (t instanceof Y.Array || t instanceof Y.Text) t.delete(0, t.length);
}

/**
 * Makes the whole content of `live` equal to that of `snapshot`, as one new
 * change in `live` (the caller's transaction origin attributes it): items
 * that came later are removed, changed fields are set back (text by minimal
 * diff), missing items are re-created with their original attribution, and
 * anything outside the schema's top level is emptied — so a restore always
 * brings a document back to a known good version, whatever was written into
 * it. History is not rewritten: the previous state stays in the log and in
 * snapshots.
 */
export function restoreItems(live: Y.Doc, snapshot: Y.Doc): void {
  const liveItems = itemsMap(live);
  const snapItems = itemsMap(snapshot);
  live.transact(() => {
    ensureSchema(live);
    for (const [name, type] of [...live.share]) if (name !== 'items' && name !== 'meta') clearTopLevel(live, name, type);
    for (const id of [...liveItems.keys()]) if (!(snapItems.get(id) instanceof Y.Map) || !(liveItems.get(id) instanceof Y.Map)) liveItems.delete(id);
    snapItems.forEach((snapItem, id) => {
      if (!(snapItem instanceof Y.Map)) return;
      let item = liveItems.get(id);
      if (!item) {
        item = new Y.Map<unknown>();
        liveItems.set(id, item);
      }
      const target = item;
      snapItem.forEach((value, key) => {
        if (value instanceof Y.Text) {
          let text = target.get(key);
          if (!(text instanceof Y.Text)) {
            text = new Y.Text();
            target.set(key, text);
          }
          applyTextDiff(text as Y.Text, value.toString());
        } else if (value instanceof Y.Array) {
          // A list (the reactions): back to the version's entries.
          const current = target.get(key);
          const entries = value.toArray();
          if (!(current instanceof Y.Array) || !sameValue(current.toArray(), entries)) {
            const list = new Y.Array<unknown>();
            target.set(key, list);
            list.push(entries);
          }
        } else if (value instanceof Y.AbstractType) {
          target.delete(key); // Nothing else nested belongs in an item.
        } else if (!sameValue(target.get(key), value)) {
          target.set(key, value);
        }
      });
      for (const key of [...target.keys()]) if (!snapItem.has(key)) target.delete(key);
    });
  });
}
