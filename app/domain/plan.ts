/**
 * The veiligheidsplan: afspraken (SPEC §2.2) and the safety network. An
 * afspraak and a veiligheidsnetwerk task are both "things someone does": each
 * flattens to one AfspraakJSON with its owners (`wie`, or the task's
 * `persoon`) and when it happens (start, herhaling, evaluatie). Inner item ids
 * are unique in that list: a later item carrying an id already seen is left
 * out (the first one wins), so nothing downstream keyed by id can break.
 */
import type * as Y from 'yjs';
import { renderSections, type ItemJSON } from './items';
import { describeRecurrence, isIsoDate, parseRecurrence, type Recurrence } from './recurrence';
import type { Wording } from './wording';

/** Keys of the plan's `meta` map that only the server writes: a changed value makes open pages reload akkoord. */
export const PLAN_META_KEYS = { acceptanceChangedAt: 'acceptanceChangedAt', checkInsChangedAt: 'checkInsChangedAt' } as const;

/** When akkoord was last asked or answered (server-written), or undefined. */
export const acceptanceStamp = (doc: Y.Doc) => doc.getMap('meta').get(PLAN_META_KEYS.acceptanceChangedAt) as number | undefined;

/** When someone last reported a check-in (server-written), or undefined: open plan pages reload the history. */
export const checkInsStamp = (doc: Y.Doc) => doc.getMap('meta').get(PLAN_META_KEYS.checkInsChangedAt) as number | undefined;

export const PLAN_SECTIONS = ['afspraken', 'netwerk'] as const;

/** Text fields of an afspraak, with their Dutch labels (and the short label of the printed handout). */
export const AFSPRAAK_FIELDS = [
  { key: 'wat', label: 'Wat gaat er precies gebeuren?', short: 'Wat' },
  { key: 'wanneer', label: 'Wanneer of hoe vaak?', short: 'Wanneer' },
  { key: 'hoeWetenWe', label: 'Hoe weet iedereen dat het gebeurd is?', short: 'Hoe weten we het' },
  { key: 'watAlsNiet', label: 'Wat doen we als het niet lukt?', short: 'Wat als het niet lukt' },
] as const;

/** The parts of the veiligheidsplan page in both sets of words (ADR 029). */
export const PLAN_WORDS = {
  plan: {
    title: 'Veiligheidsplan',
    familyTitle: 'Ons veiligheidsplan',
    explain: 'In het veiligheidsplan staat wat iedereen doet, zodat de kinderen veilig zijn. Het gezin, het netwerk en de hulpverleners maken het samen.',
  },
  afspraken: {
    title: 'Afspraken',
    familyTitle: 'Wat spreken we af?',
    explain: 'Elke afspraak zegt wat er gebeurt, wie het doet en wanneer. En wat we doen als het niet lukt.',
  },
  netwerk: {
    title: 'Veiligheidsnetwerk',
    familyTitle: 'Wie helpt er mee?',
    explain:
      'Dit zijn de mensen om het gezin heen die helpen, zoals familie, vrienden of buren. Ieder heeft een eigen taak. Hulpverleners noemen dit het veiligheidsnetwerk.',
  },
  akkoord: {
    title: 'Akkoord met het plan',
    familyTitle: 'Ben je het eens met het plan?',
    explain: 'Iedereen zegt of hij het eens is met dit plan. Dat heet akkoord geven. Ben je het niet eens? Zeg dat dan ook. Dan praten we erover.',
  },
} as const satisfies Record<string, Wording>;

export const AFSPRAAK_VOORTGANG = ['loopt', 'nagekomen', 'niet-nagekomen', 'gestopt'] as const;
export type AfspraakVoortgang = (typeof AFSPRAAK_VOORTGANG)[number];

export const VOORTGANG_LABELS: Record<AfspraakVoortgang, string> = {
  loopt: 'Loopt',
  nagekomen: 'Nagekomen',
  'niet-nagekomen': 'Niet nagekomen',
  gestopt: 'Gestopt',
};

export function isVoortgang(value: unknown): value is AfspraakVoortgang {
  return typeof value === 'string' && (AFSPRAAK_VOORTGANG as readonly string[]).includes(value);
}

export type AfspraakKind = 'afspraak' | 'netwerk';

export interface AfspraakJSON {
  id: string;
  /** `afspraak` (section afspraken) or `netwerk` (a veiligheidsnetwerk task: `wat` is its taak, `wie` its persoon). */
  kind: AfspraakKind;
  wat: string;
  wanneer: string;
  hoeWetenWe: string;
  watAlsNiet: string;
  wie: string[];
  voortgang: AfspraakVoortgang;
  /** ISO date of the first (or only) day, or null. */
  start: string | null;
  /** Stored recurrence (app/domain/recurrence.ts), or null. */
  herhaling: string | null;
  /** ISO date on which the afspraak is looked at again, or null. */
  evaluatie: string | null;
}

export function renderPlan(doc: Y.Doc) {
  return renderSections(doc, PLAN_SECTIONS);
}

/**
 * Participants the plan names (afspraken "wie", netwerk "persoon"), including
 * withdrawn items: whoever may read the plan may see these names, even a role
 * that may not see the list of participants.
 */
export function participantsNamedInPlan(doc: Y.Doc): Set<string> {
  const named = new Set<string>();
  for (const items of Object.values(renderPlan(doc).sections)) {
    for (const item of items ?? []) {
      const { wie, persoon } = item.values;
      if (Array.isArray(wie)) for (const id of wie) if (typeof id === 'string') named.add(id);
      if (typeof persoon === 'string' && persoon) named.add(persoon);
    }
  }
  return named;
}

const stringList = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : []);
const isoOrNull = (v: unknown) => (isIsoDate(v) ? v : null);

/** One plan item as a flat record (afspraak or veiligheidsnetwerk task). */
export function afspraakOf(i: ItemJSON, kind: AfspraakKind): AfspraakJSON {
  const persoon = typeof i.values.persoon === 'string' && i.values.persoon ? i.values.persoon : null;
  return {
    id: i.id,
    kind,
    wat: (kind === 'netwerk' ? i.fields.taak : i.fields.wat) ?? '',
    wanneer: i.fields.wanneer ?? '',
    hoeWetenWe: i.fields.hoeWetenWe ?? '',
    watAlsNiet: i.fields.watAlsNiet ?? '',
    wie: kind === 'netwerk' ? (persoon ? [persoon] : []) : [...new Set(stringList(i.values.wie))],
    voortgang: isVoortgang(i.values.voortgang) ? i.values.voortgang : 'loopt',
    start: isoOrNull(i.values.start),
    herhaling: parseRecurrence(i.values.herhaling) ? (i.values.herhaling as string) : null,
    evaluatie: isoOrNull(i.values.evaluatie),
  };
}

/**
 * The afspraken and veiligheidsnetwerk tasks that are not withdrawn, as flat
 * records (for the relational projection, check-ins and dashboards): the
 * afspraken first, then the tasks, each in display order. An inner id seen
 * before is skipped (the first one wins).
 */
export function afspraken(doc: Y.Doc): AfspraakJSON[] {
  const plan = renderPlan(doc);
  const seen = new Set<string>();
  const out: AfspraakJSON[] = [];
  for (const kind of ['afspraken', 'netwerk'] as const) {
    for (const item of plan.sections[kind] ?? []) {
      if (item.status === 'ingetrokken' || !item.id || seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(afspraakOf(item, kind === 'afspraken' ? 'afspraak' : 'netwerk'));
    }
  }
  return out;
}

/** When an afspraak happens, if it has a start date: (no recurrence = eenmalig on the start). */
export function scheduleOf(a: Pick<AfspraakJSON, 'start' | 'herhaling'>): { start: string; recurrence: Recurrence } | null {
  if (!a.start) return null;
  return { start: a.start, recurrence: parseRecurrence(a.herhaling) ?? { kind: 'eenmalig' } };
}

const dayMonth = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const weekdayDayMonth = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** An ISO date as "3 maart" (or with its weekday: "wo 3 maart"). */
export function formatIsoDay(iso: string, withWeekday = false): string {
  return (withWeekday ? weekdayDayMonth : dayMonth).format(new Date(`${iso}T00:00:00Z`));
}

/** When an afspraak happens in plain Dutch ("elke woensdag en vrijdag, vanaf 3 maart", "eenmalig op 3 maart"), or null without a start date. */
export function describeWhen(a: Pick<AfspraakJSON, 'start' | 'herhaling'>): string | null {
  const schedule = scheduleOf(a);
  if (!schedule) return null;
  const text = describeRecurrence(schedule.recurrence, schedule.start);
  return schedule.recurrence.kind === 'eenmalig' ? text : `${text}, vanaf ${formatIsoDay(schedule.start)}`;
}
