/** "What changed since your last visit", from the attribution stamps in the documents. Pure code. */
import type { ItemJSON } from './items';

export type ChangeKind = 'nieuw' | 'gewijzigd' | 'opgelost' | 'ingetrokken' | 'weer actueel';

/** How each kind of change reads on the family home view. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  nieuw: 'Nieuw',
  gewijzigd: 'Aangepast',
  opgelost: 'Opgelost',
  ingetrokken: 'Ingetrokken',
  'weer actueel': 'Weer actueel',
};

export interface Change {
  kind: ChangeKind;
  document: string;
  text: string;
  by: string;
  at: number;
  /** Why the status changed (every status change carries a reason). */
  reason?: string;
}

export function changesSince(documents: { label: string; items: ItemJSON[] }[], since: number, excludeParticipantId: string): Change[] {
  const out: Change[] = [];
  for (const { label, items } of documents) {
    for (const item of items) {
      const text = Object.values(item.fields).find((t) => t.trim()) ?? '';
      const short = text.length > 90 ? `${text.slice(0, 90)}…` : text;
      if (item.createdAt > since && item.createdBy.id !== excludeParticipantId) {
        out.push({ kind: 'nieuw', document: label, text: short, by: item.createdBy.name, at: item.createdAt });
      } else if (item.statusAt && item.statusAt > since && item.statusBy && item.statusBy.id !== excludeParticipantId) {
        out.push({
          kind: item.status === 'actueel' ? 'weer actueel' : item.status,
          document: label,
          text: short,
          by: item.statusBy.name,
          at: item.statusAt,
          ...(item.statusReason ? { reason: item.statusReason } : {}),
        });
      } else if (item.editedAt && item.editedAt > since && item.editedBy && item.editedBy.id !== excludeParticipantId) {
        out.push({ kind: 'gewijzigd', document: label, text: short, by: item.editedBy.name, at: item.editedAt });
      }
    }
  }
  return out.sort((a, b) => b.at - a.at);
}
