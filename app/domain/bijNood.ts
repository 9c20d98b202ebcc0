/**
 * Bij nood (issue 17, ADR 027): whom a family calls in a crisis, in this
 * order — the people of their own veiligheidsnetwerk (the plan's `netwerk`
 * section), the organisation's out-of-hours number, Veilig Thuis and 112.
 * Pure code: no database, no transport.
 *
 * The one rule about numbers: a professional's number is always shown; a
 * family or netwerk member's number is shown only when the person is in the
 * plan's veiligheidsnetwerk (they agreed to be called for this family) and the
 * case's safety flag is off. With the flag on (issue 18, ADR 033) the block
 * shows their names and no numbers to everyone but the jeugdbeschermer and
 * the casusregisseur (maySeeContactDetails), who see them marked as
 * afgeschermd; the print follows the reader the same way.
 */
import type { Role } from './caseFacts';
import type { ItemJSON } from './items';
import { maySeeContactDetails } from './permissions';

/** The note beside contact details only the jeugdbeschermer and casusregisseur still see under the safety flag. */
export const SHIELDED_NOTE = 'Afgeschermd: alleen zichtbaar voor jeugdbeschermer en casusregisseur.';

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
  /** Family and netwerk numbers are hidden from this reader by the case's safety flag. */
  phonesHidden: boolean;
  /** The safety flag is on and this reader (jeugdbeschermer, casusregisseur) still sees the numbers: say so. */
  shielded?: boolean;
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
export function firstCallsFrom(netwerk: readonly ItemJSON[], people: readonly NoodPerson[], safetyFlag: boolean, viewerRole?: Role): FirstCall[] {
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
    const shown = person.isProfessionalAccount || !safetyFlag || (viewerRole !== undefined && maySeeContactDetails(viewerRole, person, { safetyFlag }));
    out.set(id, { participantId: id, name: person.name, tasks: task ? [task] : [], phone: shown ? phone : null });
  }
  return [...out.values()];
}

/** Whether this reader still sees family and netwerk numbers under the safety flag (then marked as afgeschermd). */
export function seesShielded(viewerRole: Role | undefined, safetyFlag: boolean): boolean {
  return safetyFlag && viewerRole !== undefined && maySeeContactDetails(viewerRole, { isProfessionalAccount: false }, { safetyFlag });
}
