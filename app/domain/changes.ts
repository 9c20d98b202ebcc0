/**
 * "What changed since your last visit": which items other people changed
 * after `since`, and WHAT they changed. Pure code.
 *
 * Which items: the attribution stamps in the live documents (created, status,
 * edited after `since`, by someone other than the reader). A person's own
 * changes are never reported back to them.
 *
 * What changed: the live item is compared with the same item as it was at
 * `since` (`before`, per document). The live document only carries the latest
 * stamps, not old values, so the caller supplies the "before" items: the
 * server rebuilds the documents as they were at `since` from the latest
 * snapshot at or before `since` plus the attributed update log up to `since`
 * (bounded; see server/cases/documentsAt.server.ts). Without a "before" item
 * the change is still listed, only without details. With a "before" item that
 * equals the live one (changed and changed back) nothing is listed.
 *
 * Details, one plain-Dutch line each: text edited (first words), owners added
 * or removed (`wie`, `persoon`: participant ids, named through `nameOf`),
 * status from X to Y (item status, and the afspraak's `voortgang`), start,
 * recurrence (`herhaling`, told with describeRecurrence) and review date
 * (`evaluatie`) moved. The reason of a status change is `reason`.
 */
import type { ItemJSON, ItemStatus } from './items';
import { isVoortgang, VOORTGANG_LABELS } from './plan';
import { describeRecurrence, isIsoDate, parseRecurrence } from './recurrence';

export type ChangeKind = 'nieuw' | 'gewijzigd' | 'opgelost' | 'ingetrokken' | 'weer actueel';

/** How each kind of change reads on the family home view. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  nieuw: 'Nieuw',
  gewijzigd: 'Aangepast',
  opgelost: 'Opgelost',
  ingetrokken: 'Ingetrokken',
  'weer actueel': 'Weer actueel',
};

const STATUS_LABELS: Record<ItemStatus, string> = { actueel: 'Actueel', opgelost: 'Opgelost', ingetrokken: 'Ingetrokken' };

export interface Change {
  kind: ChangeKind;
  document: string;
  text: string;
  by: string;
  at: number;
  /** Why the status changed (every status change carries a reason). */
  reason?: string;
  /** What exactly changed, one short plain-Dutch sentence each; empty when the earlier state is unknown. */
  details: string[];
}

export interface ChangeDocument {
  label: string;
  items: ItemJSON[];
  /** The items as they were at `since`, when known (see the module header). */
  before?: ItemJSON[] | null;
}

export interface ChangeOptions {
  /** A participant's name by id; unknown ids read as "iemand". */
  nameOf?: (participantId: string) => string | undefined;
}

/** The first words of a text, for a short quote. */
export function firstWords(text: string, words = 8): string {
  const all = text.trim().split(/\s+/).filter(Boolean);
  const head = all.slice(0, words).join(' ');
  const short = head.length > 90 ? head.slice(0, 90) : head;
  return all.length > words || short.length < head.length ? `${short}…` : short;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateText = (iso: string) => (isIsoDate(iso) ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : iso);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);
const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? ''));

function recurrenceText(herhaling: string, start: string): string {
  const r = parseRecurrence(herhaling);
  if (!r) return 'geen vaste dagen';
  return describeRecurrence(r, isIsoDate(start) ? start : '2000-01-03');
}

function moved(what: string, before: string, after: string): string | null {
  if (before === after) return null;
  if (!before) return `${what} is nu ${dateText(after)}.`;
  if (!after) return `${what} (${dateText(before)}) is weggehaald.`;
  return `${what} is verschoven van ${dateText(before)} naar ${dateText(after)}.`;
}

/** What differs between an item before and now, in plain Dutch (empty: nothing we can name). */
export function describeItemChange(before: ItemJSON, now: ItemJSON, nameOf: (id: string) => string): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before.fields), ...Object.keys(now.fields)])) {
    const was = (before.fields[key] ?? '').trim();
    const is = (now.fields[key] ?? '').trim();
    if (was === is) continue;
    if (!is) out.push(`Tekst weggehaald: “${firstWords(was)}”.`);
    else if (!was) out.push(`Tekst erbij: “${firstWords(is)}”.`);
    else out.push(`Tekst aangepast: “${firstWords(was)}” is nu “${firstWords(is)}”.`);
  }
  if (before.status !== now.status) out.push(`Status van ${STATUS_LABELS[before.status]} naar ${STATUS_LABELS[now.status]}.`);
  const wasWie = ids(before.values.wie);
  const isWie = ids(now.values.wie);
  const added = isWie.filter((id) => !wasWie.includes(id)).map(nameOf);
  const removed = wasWie.filter((id) => !isWie.includes(id)).map(nameOf);
  if (removed.length) out.push(`${list(removed)} ${removed.length > 1 ? 'doen' : 'doet'} deze afspraak niet meer.`);
  if (added.length) out.push(`${list(added)} ${added.length > 1 ? 'doen' : 'doet'} deze afspraak nu mee.`);
  const wasPersoon = str(before.values.persoon);
  const isPersoon = str(now.values.persoon);
  if (wasPersoon !== isPersoon) {
    if (!isPersoon) out.push(`${nameOf(wasPersoon)} doet deze taak niet meer.`);
    else if (!wasPersoon) out.push(`${nameOf(isPersoon)} doet deze taak nu.`);
    else out.push(`Deze taak gaat van ${nameOf(wasPersoon)} naar ${nameOf(isPersoon)}.`);
  }
  const wasVoortgang = before.values.voortgang;
  const isVoortgang_ = now.values.voortgang;
  if (wasVoortgang !== isVoortgang_ && isVoortgang(isVoortgang_)) {
    const from = isVoortgang(wasVoortgang) ? VOORTGANG_LABELS[wasVoortgang] : VOORTGANG_LABELS.loopt;
    if (from !== VOORTGANG_LABELS[isVoortgang_]) out.push(`Stand van ${from} naar ${VOORTGANG_LABELS[isVoortgang_]}.`);
  }
  const start = moved('De startdatum', str(before.values.start), str(now.values.start));
  if (start) out.push(start);
  const wasHerhaling = str(before.values.herhaling);
  const isHerhaling = str(now.values.herhaling);
  if (wasHerhaling !== isHerhaling) {
    if (!isHerhaling) out.push(`Geen vaste dagen meer (was ${recurrenceText(wasHerhaling, str(before.values.start))}).`);
    else if (!wasHerhaling) out.push(`Wanneer: ${recurrenceText(isHerhaling, str(now.values.start))}.`);
    else out.push(`Wanneer: was ${recurrenceText(wasHerhaling, str(before.values.start))}, nu ${recurrenceText(isHerhaling, str(now.values.start))}.`);
  }
  const evaluatie = moved('De evaluatiedatum', str(before.values.evaluatie), str(now.values.evaluatie));
  if (evaluatie) out.push(evaluatie);
  return out;
}

export function changesSince(documents: ChangeDocument[], since: number, excludeParticipantId: string, options: ChangeOptions = {}): Change[] {
  const nameOf = (id: string) => options.nameOf?.(id) || 'iemand';
  const out: Change[] = [];
  for (const { label, items, before } of documents) {
    const earlier = before ? new Map(before.map((i) => [i.id, i])) : null;
    for (const item of items) {
      const text = Object.values(item.fields).find((t) => t.trim()) ?? '';
      const short = text.length > 90 ? `${text.slice(0, 90)}…` : text;
      if (item.createdAt > since) {
        if (item.createdBy.id !== excludeParticipantId)
          out.push({ kind: 'nieuw', document: label, text: short, by: item.createdBy.name, at: item.createdAt, details: [] });
        continue;
      }
      const statusNew = Boolean(item.statusAt && item.statusAt > since && item.statusBy && item.statusBy.id !== excludeParticipantId);
      const editNew = Boolean(item.editedAt && item.editedAt > since && item.editedBy && item.editedBy.id !== excludeParticipantId);
      if (!statusNew && !editNew) continue;
      const was = earlier?.get(item.id);
      const details = was ? describeItemChange(was, item, nameOf) : [];
      if (was && details.length === 0) continue; // Changed and changed back: nothing to tell.
      if (statusNew && (!was || was.status !== item.status)) {
        out.push({
          kind: item.status === 'actueel' ? 'weer actueel' : item.status,
          document: label,
          text: short,
          by: item.statusBy!.name,
          at: Math.max(item.statusAt!, editNew ? item.editedAt! : 0),
          ...(item.statusReason ? { reason: item.statusReason } : {}),
          details,
        });
      } else {
        const byEdit = editNew ? { by: item.editedBy!.name, at: item.editedAt! } : { by: item.statusBy!.name, at: item.statusAt! };
        out.push({ kind: 'gewijzigd', document: label, text: short, ...byEdit, details });
      }
    }
  }
  return out.sort((a, b) => b.at - a.at);
}
