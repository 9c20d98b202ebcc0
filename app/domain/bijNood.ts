/**
 * Bij nood (issue 17, ADR 027): whom a family calls in a crisis, in this
 * order — the people of their own veiligheidsnetwerk (the plan's `netwerk`
 * section), the organisation's out-of-hours number, Veilig Thuis and 112.
 * Pure code: no database, no transport.
 *
 * The one rule about numbers: a professional's number is always shown; a
 * family or netwerk member's number is shown only when the person is in the
 * plan's veiligheidsnetwerk (they agreed to be called for this family) and the
 * case's safety flag is off. With the flag on, the block shows their names
 * and no numbers, to everyone (the print is a handout for the family).
 */
import type { ItemJSON } from './items';

export const VEILIG_THUIS = { name: 'Veilig Thuis', phone: '0800-2000', note: 'Gratis, dag en nacht. Voor advies, of als je je zorgen maakt.' } as const;
export const EMERGENCY = { name: 'Alarmnummer', phone: '112', note: 'Bij direct gevaar: bel 112.' } as const;
/** Said when the organisation set no out-of-hours number. */
export const NO_OUT_OF_HOURS = 'Vraag je hulpverlener naar het nummer buiten kantoortijd.';

/** A `tel:` address for a phone number as people write it ("06-12 34 56 78" → "tel:0612345678"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export interface FirstCall {
  participantId: string;
  name: string;
  /** What they do in the veiligheidsnetwerk (their tasks, joined). */
  tasks: string[];
  phone: string | null;
}

export interface BijNoodData {
  firstCalls: FirstCall[];
  /** The organisation's out-of-hours number, or null (then NO_OUT_OF_HOURS is said). */
  outOfHours: string | null;
  organisation: string | null;
  /** Family and netwerk numbers are hidden by the case's safety flag. */
  phonesHidden: boolean;
}

export interface NoodPerson {
  id: string;
  name: string;
  phone: string | null;
  isProfessionalAccount: boolean;
}

/**
 * The people of the veiligheidsnetwerk in the plan's order, each once (with
 * all their tasks): items not withdrawn, with a `persoon` who is a current
 * participant.
 */
export function firstCallsFrom(netwerk: readonly ItemJSON[], people: readonly NoodPerson[], safetyFlag: boolean): FirstCall[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const out = new Map<string, FirstCall>();
  for (const item of netwerk) {
    if (item.status === 'ingetrokken') continue;
    const id = typeof item.values.persoon === 'string' ? item.values.persoon : '';
    const person = byId.get(id);
    if (!person) continue;
    const task = (item.fields.taak ?? '').trim();
    const seen = out.get(id);
    if (seen) {
      if (task) seen.tasks.push(task);
      continue;
    }
    const phone = person.phone?.trim() || null;
    out.set(id, { participantId: id, name: person.name, tasks: task ? [task] : [], phone: person.isProfessionalAccount || !safetyFlag ? phone : null });
  }
  return [...out.values()];
}
