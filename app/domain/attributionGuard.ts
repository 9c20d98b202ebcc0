/**
 * Server-side rule for attribution stamps inside collaborative documents:
 * a new item is created by whoever sent it; "created by" never changes
 * afterwards; "edited by" / "status by" always name the sender. A client that
 * writes something else is corrected right after its change, by the server,
 * on the sender's behalf. A change of the status (or its reason) without a
 * "status by" naming the sender, or of the content without an "edited by"
 * naming the sender, is stamped too: nobody's change is credited to someone
 * else. Pure code over `yjs`; installed by the sync room.
 */
import * as Y from 'yjs';
import { LAYOUT_KEYS, REACTIONS_KEY } from './documentSchema';
import { ATTRIBUTION_KEYS, itemsMap, type Actor } from './items';

const CREATED_KEYS = ['createdById', 'createdByName', 'createdByRole', 'createdAt'] as const;
const STATUS_KEYS = ['status', 'statusReason'];
/** Keys that are attribution themselves, or layout (section, position: moving needs no stamp, as in the schema); every other key is content. */
const STAMP_KEYS = new Set<string>([
  ...CREATED_KEYS,
  ...Object.keys(ATTRIBUTION_KEYS),
  ...Object.values(ATTRIBUTION_KEYS),
  'editedAt',
  'statusAt',
  ...LAYOUT_KEYS,
  REACTIONS_KEY,
]);
type Correction = () => void;

/**
 * Watches `doc` and, after each transaction whose origin `senderOf` maps to
 * an actor, runs `correct(corrections)` when stamps were forged. Returns an
 * unsubscribe function.
 */
export function installAttributionGuard(
  doc: Y.Doc,
  senderOf: (origin: unknown) => Actor | null,
  correct: (sender: Actor, apply: () => void) => void,
): () => void {
  const items = itemsMap(doc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const sender = senderOf(transaction.origin);
    if (!sender) return;
    const fixes: Correction[] = [];
    /** Items whose status or content the sender changed: must name the sender afterwards. */
    const statusChanged = new Set<Y.Map<unknown>>();
    const contentChanged = new Set<Y.Map<unknown>>();
    for (const event of events) {
      // Typing in a text field of an item.
      if (event.target instanceof Y.Text && event.target.parent instanceof Y.Map && event.target.parent.parent === items) {
        contentChanged.add(event.target.parent as Y.Map<unknown>);
        continue;
      }
      if (event.target === items) {
        for (const [id, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
          if (change.action !== 'add') continue;
          const item = items.get(id);
          if (item && item.get('createdById') !== sender.participantId) {
            fixes.push(() => {
              item.set('createdById', sender.participantId);
              item.set('createdByName', sender.name);
              item.set('createdByRole', sender.role);
            });
          }
        }
      } else if (event.target instanceof Y.Map && event.target.parent === items) {
        const item = event.target as Y.Map<unknown>;
        for (const [key, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
          if ((CREATED_KEYS as readonly string[]).includes(key)) {
            fixes.push(() => (change.action === 'add' ? item.delete(key) : item.set(key, change.oldValue)));
          } else if (key in ATTRIBUTION_KEYS && item.get(key) !== sender.participantId) {
            const nameKey = ATTRIBUTION_KEYS[key as keyof typeof ATTRIBUTION_KEYS];
            fixes.push(() => {
              item.set(key, sender.participantId);
              item.set(nameKey, sender.name);
            });
          } else if (STATUS_KEYS.includes(key)) {
            statusChanged.add(item);
          } else if (!STAMP_KEYS.has(key)) {
            contentChanged.add(item);
          }
        }
      }
    }
    const stamp = (item: Y.Map<unknown>, idKey: 'statusById' | 'editedById', nameKey: string, atKey: string) => {
      if (item.get(idKey) === sender.participantId || item.parent !== items) return;
      fixes.push(() => {
        item.set(idKey, sender.participantId);
        item.set(nameKey, sender.name);
        item.set(atKey, Date.now());
      });
    };
    for (const item of statusChanged) stamp(item, 'statusById', 'statusByName', 'statusAt');
    for (const item of contentChanged) stamp(item, 'editedById', 'editedByName', 'editedAt');
    if (fixes.length > 0) correct(sender, () => fixes.forEach((f) => f()));
  };
  items.observeDeep(observer);
  return () => items.unobserveDeep(observer);
}
