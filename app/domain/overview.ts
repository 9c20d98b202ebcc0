/**
 * What the professional's Overzicht of a case shows, as pure code: "your item was resolved or withdrawn by someone else"
 * (SPEC §3 item rules: resolving or withdrawing someone else's item needs a
 * reason and is shown to its author). Only status changes made by another
 * person after `since` count; a person's own changes are never reported back
 * to them. No database, no transport.
 */
import type { ItemJSON } from './items';

/** One of my items whose status someone else changed to resolved or withdrawn. */
export interface MyItemStatusChange {
  itemId: string;
  document: string;
  status: 'opgelost' | 'ingetrokken';
  text: string;
  by: string;
  at: number;
  reason: string | null;
}

/**
 * Items created by `me` that another person marked opgelost or ingetrokken
 * after `since`, newest first. The latest status change counts: when I
 * changed it myself afterwards, it is not reported.
 */
export function myItemsChangedByOthers(documents: { label: string; items: ItemJSON[] }[], since: number, me: string): MyItemStatusChange[] {
  const out: MyItemStatusChange[] = [];
  for (const { label, items } of documents) {
    for (const item of items) {
      if (item.createdBy.id !== me || !item.statusBy || item.statusBy.id === me || !item.statusAt || item.statusAt <= since) continue;
      if (item.status !== 'opgelost' && item.status !== 'ingetrokken') continue;
      const text = Object.values(item.fields).find((t) => t.trim()) ?? '';
      out.push({
        itemId: item.id,
        document: label,
        status: item.status,
        text: text.length > 90 ? `${text.slice(0, 90)}…` : text,
        by: item.statusBy.name,
        at: item.statusAt,
        reason: item.statusReason,
      });
    }
  }
  return out.sort((a, b) => b.at - a.at);
}
