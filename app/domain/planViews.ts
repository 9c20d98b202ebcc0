/**
 * "Wie heeft ons plan bekeken?" (ADR 028): who of the case viewed or changed
 * the plan and when, in plain words (B1), grouped per day — from the audit
 * log and the attributed edit log. Only people of the case appear, by the
 * name the family knows; never an address, a device, a session or a refusal.
 * Pure code: the server hands in activity rows, this makes the sentences.
 */
import type { Role } from './caseFacts';

/** What someone did with the plan, as the family page names it. */
export const PLAN_ACTIVITY_KINDS = ['bekeken', 'kaart', 'plan', 'bodemeisen', 'akkoord-gevraagd', 'akkoord-beantwoord', 'cijfer'] as const;
export type PlanActivityKind = (typeof PLAN_ACTIVITY_KINDS)[number];

/** How long back the page looks. */
export const PLAN_VIEW_DAYS = 30;

/** One activity (or several of one kind close together) of one person. */
export interface PlanActivity {
  at: number;
  personId: string;
  name: string;
  role: Role;
  kind: PlanActivityKind;
  count: number;
}

/** Roles in the words of a family page. */
const ROLE_WORDS: Record<Role, string> = {
  jeugdbeschermer: 'jeugdbeschermer',
  casusregisseur: 'regisseur',
  professional: 'hulpverlener',
  ouder: 'ouder',
  jeugdige: 'kind',
  netwerklid: 'netwerk',
  meelezer: 'leest mee',
};

/** The sentence after the name ("heeft het plan bekeken"); `self` for "Jij hebt …". */
function deed(kind: PlanActivityKind, count: number, self: boolean): string {
  const has = self ? 'hebt' : 'heeft';
  switch (kind) {
    case 'bekeken':
      return count > 1 ? `${has} het plan ${count} keer bekeken` : `${has} het plan bekeken`;
    case 'kaart':
      return `${has} iets veranderd in de kaart`;
    case 'plan':
      return `${has} iets veranderd in het veiligheidsplan`;
    case 'bodemeisen':
      return `${has} iets veranderd in de bodemeisen`;
    case 'akkoord-gevraagd':
      return `${has} gevraagd of jullie het eens zijn met het plan`;
    case 'akkoord-beantwoord':
      return `${has} laten weten of het plan goed is`;
    case 'cijfer':
      return `${has} een cijfer gegeven`;
  }
}

const DAY = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });
const TIME = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
const DAY_KEY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Amsterdam' });

export interface PlanViewDay {
  /** "dinsdag 3 december" */
  day: string;
  lines: { text: string; time: string }[];
}

/**
 * Days, newest first; per day one line per person and kind (the latest time,
 * views counted), newest first: "Karim El Idrissi (jeugdbeschermer) heeft het
 * plan bekeken" at "14:10". The reader's own lines say "Jij hebt …".
 */
export function planViewDays(rows: PlanActivity[], me: string): PlanViewDay[] {
  const days = new Map<string, Map<string, { at: number; row: PlanActivity; count: number }>>();
  for (const row of [...rows].sort((a, b) => b.at - a.at)) {
    const key = DAY_KEY.format(row.at);
    const lines = days.get(key) ?? new Map();
    days.set(key, lines);
    const id = `${row.personId}:${row.kind}`;
    const line = lines.get(id);
    if (line) line.count += row.count;
    else lines.set(id, { at: row.at, row, count: row.count });
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([, lines]) => {
      const sorted = [...lines.values()].sort((a, b) => b.at - a.at);
      return {
        day: DAY.format(sorted[0]!.at),
        lines: sorted.map(({ at, row, count }) => {
          const self = row.personId === me;
          return {
            text: `${self ? 'Jij' : `${row.name} (${ROLE_WORDS[row.role]})`} ${deed(row.kind, count, self)}`,
            time: TIME.format(at),
          };
        }),
      };
    });
}
