/**
 * The schema check at the sync boundary: a client's update is decoded and
 * checked against its document's schema and item rules
 * (app/domain/documentSchema.ts) **before** it is applied, stored or
 * broadcast. An update that breaks a rule is refused whole; nothing of it
 * touches the document. Decoding first means no rollback is ever needed
 * (ADR 013).
 *
 * Every struct of the update is placed: the top-level map it belongs to, the
 * item (map entry of `items`) or the item's field (a Y.Text) — resolved from
 * its parent, or from its origin when the encoding left the parent out,
 * against the live document and the update itself. Anything that lands
 * anywhere else (unknown top-level types, deeper nesting, formatting, sub
 * documents, binary) is refused, and so are deletions of items or of item
 * keys, replacing an item, client writes to `meta`, forged attribution, a
 * status change without a reason, editing another person's item where the
 * role may not, and an item placed between an origin and a right origin that
 * are not in that order (the crafted class that makes replicas disagree).
 */
import * as Y from 'yjs';
import type { Role } from '../../app/domain/caseFacts';
import {
  CLIENT_META_KEYS,
  DOCUMENT_SCHEMAS,
  itemKeyKind,
  MAX_FIELD_CHARS,
  MAX_REASON_CHARS,
  mayDoWithItem,
  stampInWindow,
  TOP_LEVEL,
  validReaction,
  validStatusReason,
  type DocumentSchema,
} from '../../app/domain/documentSchema';
import { ITEM_STATUSES, SCHEMA_VERSION } from '../../app/domain/items';
import type { DocumentName } from '../../app/domain/permissions';

export interface Sender {
  participantId: string;
  /** Display name as the server knows it. */
  name: string;
  /** Role label as written in `createdByRole`. */
  roleLabel: string;
  role: Role;
  /** When the sender's sign-in began: stamps of offline work back to then are true (stampInWindow). */
  notBefore?: number;
}

export type CheckResult = { ok: true; bytes: number } | { ok: false; rule: string };

type Struct = Y.Item | Y.GC | Y.Skip;
/** The delete set of a decoded update (Yjs does not export its class type). */
interface DeleteSetLike {
  clients: Map<number, { clock: number; len: number }[]>;
}
type Place =
  | { kind: 'root'; name: string }
  | { kind: 'item'; id: string }
  | { kind: 'field'; itemId: string; key: string; text: boolean }
  | { kind: 'dropped' }
  | { kind: 'other' };
interface Entry {
  parent: Place;
  sub: string | null;
}

class Refused extends Error {
  constructor(readonly rule: string) {
    super(rule);
  }
}
const refuse = (rule: string): never => {
  throw new Refused(rule);
};

/** Longest walk along a sequence when checking origin order; beyond it the update is refused. */
const MAX_ORDER_WALK = 200_000;
const MAX_RESOLVE_DEPTH = 5_000;

export function checkClientUpdate(doc: Y.Doc, document: DocumentName, update: Uint8Array, sender: Sender, now: number): CheckResult {
  let decoded: { structs: Struct[]; ds: DeleteSetLike };
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSetLike };
  } catch {
    return { ok: false, rule: 'undecodable' };
  }
  try {
    new UpdateCheck(doc, DOCUMENT_SCHEMAS[document], decoded, sender, now).run();
    return { ok: true, bytes: update.byteLength };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, rule: error.rule };
    if (error instanceof RangeError) return { ok: false, rule: 'too-deep' };
    throw error;
  }
}

class UpdateCheck {
  private readonly local = new Map<number, Struct[]>();
  private readonly entries = new Map<Struct, Entry>();
  private readonly items: Y.Map<Y.Map<unknown>>;
  /** Keys set per item in this update (the latest struct per key). */
  private readonly setKeys = new Map<string, Map<string, Y.Item>>();
  private readonly newItems = new Set<string>();
  private readonly metaSet = new Set<string>();
  private readonly reacted = new Set<string>();
  private readonly textTouched = new Set<string>();
  private readonly textGrowth = new Map<string, number>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: DocumentSchema,
    private readonly update: { structs: Struct[]; ds: DeleteSetLike },
    private readonly sender: Sender,
    private readonly now: number,
  ) {
    this.items = doc.getMap('items');
    for (const s of update.structs) {
      const list = this.local.get(s.id.client) ?? [];
      list.push(s);
      this.local.set(s.id.client, list);
    }
    for (const list of this.local.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  run(): void {
    for (const s of this.update.structs) {
      // A struct the document already holds (sent again) changes nothing: Yjs skips it.
      if (s instanceof Y.Item && s.id.clock + s.length > Y.getState(this.doc.store, s.id.client)) this.checkStruct(s);
    }
    this.checkDeletions();
    for (const id of new Set([...this.setKeys.keys(), ...[...this.textTouched].map((k) => k.split('\u0000')[0]!)])) this.checkItemRules(id);
    for (const id of this.reacted) if (!this.newItems.has(id) && !this.items.has(id)) refuse('unknown-item');
    if (this.reacted.size > 0 && !mayDoWithItem(this.sender.role, 'react')) refuse('react');
  }

  // --- finding structs -------------------------------------------------------------------------

  private findLocal(id: Y.ID): Struct | undefined {
    const list = this.local.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  private findDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    const structs = this.doc.store.clients.get(id.client);
    if (!structs || structs.length === 0) return undefined;
    const last = structs[structs.length - 1]!;
    if (id.clock >= last.id.clock + last.length) return undefined;
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
  }

  private find(id: Y.ID): { struct: Struct; local: boolean } {
    const inDoc = this.findDoc(id);
    if (inDoc) return { struct: inDoc, local: false };
    const local = this.findLocal(id);
    if (local) return { struct: local, local: true };
    return refuse('missing-dependency');
  }

  // --- placing structs -------------------------------------------------------------------------

  /** Where a type lives: a top-level map, an item map, an item's field, or elsewhere. */
  private placeOfType(type: Y.AbstractType<unknown>): Place {
    const owner = type._item;
    if (owner === null) return { kind: 'root', name: Y.findRootTypeKey(type) };
    return this.placeOfEntry(this.entryOf(owner, 0), type);
  }

  private placeOfEntry(entry: Entry, type: unknown): Place {
    if (entry.parent.kind === 'root' && entry.parent.name === 'items' && entry.sub !== null) return { kind: 'item', id: entry.sub };
    if (entry.parent.kind === 'item' && entry.sub !== null) return { kind: 'field', itemId: entry.parent.id, key: entry.sub, text: type instanceof Y.Text };
    if (entry.parent.kind === 'dropped') return { kind: 'dropped' };
    return { kind: 'other' };
  }

  /** The parent place and map key of a struct (integrated, or from this update). */
  private entryOf(struct: Struct, depth: number): Entry {
    const known = this.entries.get(struct);
    if (known) return known;
    if (depth > MAX_RESOLVE_DEPTH) refuse('too-deep');
    let entry: Entry;
    if (!(struct instanceof Y.Item)) {
      entry = { parent: { kind: 'dropped' }, sub: null };
    } else if (struct.parent instanceof Y.AbstractType) {
      entry = { parent: this.placeOfType(struct.parent), sub: struct.parentSub };
    } else if (typeof struct.parent === 'string') {
      entry = { parent: { kind: 'root', name: struct.parent }, sub: struct.parentSub };
    } else if (struct.parent !== null && typeof struct.parent === 'object') {
      const owner = this.find(struct.parent as Y.ID);
      const content = owner.struct instanceof Y.Item ? owner.struct.content : null;
      if (!(content instanceof Y.ContentType)) refuse('parent-not-a-type');
      const parentEntry = owner.local ? this.entryOf(owner.struct, depth + 1) : null;
      const place = owner.local ? this.placeOfEntry(parentEntry!, (content as Y.ContentType).type) : this.placeOfType((content as Y.ContentType).type);
      entry = { parent: place, sub: struct.parentSub };
    } else {
      // Parent left out of the encoding: it is the origin's (or right origin's) parent and key.
      const ref = struct.origin ?? struct.rightOrigin;
      if (!ref) return refuse('no-parent');
      const from = this.find(ref);
      entry = from.struct instanceof Y.Item ? this.entryOf(from.struct, depth + 1) : { parent: { kind: 'dropped' }, sub: null };
    }
    this.entries.set(struct, entry);
    return entry;
  }

  // --- one inserted struct ---------------------------------------------------------------------

  private checkStruct(s: Y.Item): void {
    const entry = this.entryOf(s, 0);
    const { parent, sub } = entry;
    const content = s.content;
    const deleted = content instanceof Y.ContentDeleted;
    if (!deleted && !(content instanceof Y.ContentAny || content instanceof Y.ContentString || content instanceof Y.ContentType)) refuse('content-kind');
    if (sub !== null && s.rightOrigin !== null) refuse('map-entry-with-right-origin');
    if (sub === null) this.checkOrder(s);
    switch (parent.kind) {
      case 'dropped':
        return; // Next to garbage-collected content: Yjs drops it without effect.
      case 'other':
        return refuse('nesting');
      case 'root':
        return this.checkTopLevel(parent.name, sub, s, deleted);
      case 'item':
        if (sub === null) return refuse('item-is-a-map');
        if (!deleted) this.recordKey(parent.id, sub, s);
        return;
      case 'field':
        if (sub !== null) return refuse('field-is-a-sequence');
        if (itemKeyKind(this.schema, parent.key) === 'reactions') {
          // A reaction: a plain object naming the sender, added to the item's list.
          if (deleted) return;
          if (!(content instanceof Y.ContentAny) || !content.arr.every((r) => validReaction(r, this.sender, this.now))) return refuse('reaction');
          this.reacted.add(parent.itemId);
          return;
        }
        if (!parent.text) return refuse('field-is-text');
        if (itemKeyKind(this.schema, parent.key) !== 'text') return refuse('unknown-field');
        if (!deleted && !(content instanceof Y.ContentString)) return refuse('text-content');
        this.touchText(parent.itemId, parent.key, deleted ? 0 : content.getLength());
        return;
    }
  }

  private checkTopLevel(name: string, sub: string | null, s: Y.Item, deleted: boolean): void {
    if (!(TOP_LEVEL as readonly string[]).includes(name)) refuse('unknown-top-level');
    if (sub === null) refuse('top-level-is-a-map');
    if (name === 'meta') {
      const value = s.content instanceof Y.ContentAny ? s.content.arr : null;
      const current = this.doc.getMap('meta').get(sub!);
      const allowed =
        (CLIENT_META_KEYS as readonly string[]).includes(sub!) &&
        value?.length === 1 &&
        value[0] === SCHEMA_VERSION &&
        (current === undefined || current === SCHEMA_VERSION);
      if (!allowed) refuse('meta-is-the-servers');
      this.metaSet.add(sub!);
      return;
    }
    // items[sub]: a new item (a Y.Map), never a replacement of a live one.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(sub!)) refuse('item-key');
    if (this.items.has(sub!)) refuse('replace-item');
    if (deleted) return;
    if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Map)) refuse('item-not-a-map');
    if (this.newItems.has(sub!)) refuse('replace-item');
    this.newItems.add(sub!);
  }

  private recordKey(itemId: string, key: string, s: Y.Item): void {
    const kind = itemKeyKind(this.schema, key);
    if (kind === 'unknown') refuse('unknown-key');
    const keys = this.setKeys.get(itemId) ?? new Map<string, Y.Item>();
    const previous = keys.get(key);
    if (!previous || previous.id.clock < s.id.clock) keys.set(key, s);
    this.setKeys.set(itemId, keys);
    const c = s.content;
    if (kind === 'reactions') {
      // The list is made once per item; replacing it would drop everyone's reactions.
      if (!(c instanceof Y.ContentType) || !(c.type instanceof Y.Array)) refuse('reactions-kind');
      if (this.items.get(itemId)?.get(key) !== undefined) refuse('replace-reactions');
      return;
    }
    if (kind === 'text') {
      if (!(c instanceof Y.ContentType) || !(c.type instanceof Y.Text)) refuse('field-is-text');
      return;
    }
    if (!(c instanceof Y.ContentAny) || c.arr.length !== 1) refuse('value-kind');
    this.checkValue(itemId, key, (c as Y.ContentAny).arr[0]);
  }

  private checkValue(itemId: string, key: string, v: unknown): void {
    const me = this.sender;
    const isTime = (t: unknown) => stampInWindow(t, this.now, this.sender.notBefore);
    let ok: boolean;
    switch (key) {
      case 'id':
        ok = v === itemId;
        break;
      case 'createdById':
      case 'editedById':
      case 'statusById':
        ok = v === me.participantId;
        break;
      case 'createdByName':
      case 'editedByName':
      case 'statusByName':
        ok = v === me.name;
        break;
      case 'createdByRole':
        ok = v === me.roleLabel;
        break;
      case 'createdAt':
      case 'editedAt':
      case 'statusAt':
        ok = isTime(v);
        break;
      case 'status':
        ok = typeof v === 'string' && (ITEM_STATUSES as readonly string[]).includes(v);
        break;
      case 'statusReason':
        ok = v === null || (typeof v === 'string' && v.length <= MAX_REASON_CHARS);
        break;
      case 'section':
        ok = typeof v === 'string' && this.schema.sections.includes(v);
        break;
      case 'position':
        ok = typeof v === 'number' && Number.isFinite(v);
        break;
      default:
        ok = this.schema.values[key]?.(v) ?? false;
    }
    if (!ok) refuse(key.endsWith('ById') || key.endsWith('ByName') || key.endsWith('ByRole') || key.endsWith('At') ? 'attribution' : `value-${key}`);
  }

  private touchText(itemId: string, key: string, inserted: number): void {
    const k = `${itemId}\u0000${key}`;
    this.textTouched.add(k);
    this.textGrowth.set(k, (this.textGrowth.get(k) ?? 0) + inserted);
  }

  /**
   * An item inserted between an origin and a right origin must find them in
   * that order in the same sequence; otherwise replicas can place it
   * differently forever (the crafted-update class of Yjs issue #687).
   */
  private checkOrder(s: Y.Item): void {
    if (!s.origin || !s.rightOrigin) return;
    const o = this.findDoc(s.origin);
    const r = this.findDoc(s.rightOrigin);
    if (!(o instanceof Y.Item) || !(r instanceof Y.Item)) return; // Inside this update or collected: Yjs orders those itself.
    if (o.parent !== r.parent) refuse('origin-parent');
    if (o === r) {
      if (s.origin.clock >= s.rightOrigin.clock) refuse('origin-order');
      return;
    }
    let at: Y.Item | null = o.right;
    for (let steps = 0; at !== null; steps++) {
      if (at === r) return;
      if (steps > MAX_ORDER_WALK) refuse('origin-order');
      at = at.right;
    }
    refuse('origin-order');
  }

  // --- deletions --------------------------------------------------------------------------------

  private checkDeletions(): void {
    for (const [client, ranges] of this.update.ds.clients) {
      for (const range of ranges) {
        let clock = range.clock;
        const end = range.clock + range.len;
        while (clock < end) {
          const found = this.find(Y.createID(client, clock));
          const s = found.struct;
          clock = s.id.clock + s.length;
          if (found.local || !(s instanceof Y.Item) || s.deleted) continue;
          const { parent, sub } = this.entryOf(s, 0);
          if (parent.kind === 'dropped') continue;
          if (parent.kind === 'root') {
            if (parent.name === 'items' && sub !== null) refuse(this.newItems.has(sub) ? 'replace-item' : 'delete-item');
            // Setting the schema version again (to the same value) replaces the old entry.
            if (parent.name === 'meta' && sub !== null && this.metaSet.has(sub)) continue;
            refuse('delete-top-level');
          }
          if (parent.kind === 'item') {
            // Setting a key deletes its old value: only as part of setting it again.
            if (sub === null || !this.setKeys.get(parent.id)?.has(sub)) refuse('delete-item-key');
            continue;
          }
          if (parent.kind === 'field' && sub === null && itemKeyKind(this.schema, parent.key) === 'reactions') refuse('delete-reaction');
          if (parent.kind === 'field' && sub === null) {
            const k = `${parent.itemId}\u0000${parent.key}`;
            this.textTouched.add(k);
            this.textGrowth.set(k, (this.textGrowth.get(k) ?? 0) - Math.min(s.length, end - s.id.clock));
            continue;
          }
          refuse('delete-elsewhere');
        }
      }
    }
  }

  // --- item rules -------------------------------------------------------------------------------

  private checkItemRules(itemId: string): void {
    const keys = this.setKeys.get(itemId) ?? new Map<string, Y.Item>();
    const value = (key: string) => (keys.get(key)?.content as Y.ContentAny | undefined)?.arr[0];
    const role = this.sender.role;
    const existing = this.items.get(itemId);
    if (this.newItems.has(itemId)) {
      if (!mayDoWithItem(role, 'add')) refuse('add');
      for (const required of ['id', 'section', 'position', 'status', 'createdById', 'createdByName', 'createdByRole', 'createdAt']) {
        if (!keys.has(required)) refuse(`missing-${required}`);
      }
      if (value('status') !== 'actueel') refuse('new-item-status');
      this.checkTextLengths(itemId, null);
      return;
    }
    if (!existing) return refuse('unknown-item');
    for (const key of keys.keys()) if (itemKeyKind(this.schema, key) === 'created') refuse('created-is-immutable');
    const own = existing.get('createdById') === this.sender.participantId;
    const contentChanged =
      [...keys.keys()].some((k) => ['text', 'value'].includes(itemKeyKind(this.schema, k))) ||
      [...this.textTouched].some((k) => k.startsWith(`${itemId}\u0000`));
    if (contentChanged && !mayDoWithItem(role, own ? 'edit-own' : 'edit-others')) refuse('edit-others');
    const statusKeys = [...keys.keys()].filter((k) => itemKeyKind(this.schema, k) === 'status');
    if (statusKeys.length > 0) {
      for (const required of ['status', 'statusReason', 'statusById', 'statusByName', 'statusAt']) if (!keys.has(required)) refuse('status-needs-stamps');
      if (!validStatusReason(value('statusReason'))) refuse('status-needs-reason');
    }
    this.checkTextLengths(itemId, existing);
  }

  private checkTextLengths(itemId: string, existing: Y.Map<unknown> | undefined | null): void {
    for (const [k, growth] of this.textGrowth) {
      const [id, key] = k.split('\u0000') as [string, string];
      if (id !== itemId) continue;
      const current = existing?.get(key);
      const before = current instanceof Y.Text ? current.length : 0;
      if (before + growth > MAX_FIELD_CHARS) refuse('text-too-long');
    }
  }
}
