/**
 * The trajectory of a case (SPEC §2.4): which kader steps may follow which,
 * labelled op- or afschalen, and what each step means for the family in
 * plain Dutch (B1). The rules are data (KADER_TRANSITIONS); the commands
 * (server/commands/caseFacts.server.ts), the Casusgegevens page and the
 * family home all read them from here and nowhere else. ADR 017.
 *
 * Rules:
 *   - A step is a kader with its detail: `vrijwillig`, `drang:<service>`
 *     (werken zonder maatregel needs a service), `maatregel:<type>` (a
 *     maatregel needs its type: VOTS, OTS, voogdij) or `nazorg`.
 *   - Only the pairs in the table are allowed; anything else is refused
 *     with a reason. In particular:
 *       - the same step again (same kader, same type or service) is no transition;
 *       - vrijwillig → nazorg is not allowed (nazorg follows work by the
 *         jeugdbescherming: drang or a maatregel);
 *       - voogdij comes only after a (V)OTS, and from voogdij the way down
 *         is an OTS or nazorg (gezag returns through the judge);
 *       - OTS → VOTS is not allowed (a VOTS is the short measure before an OTS).
 *   - The label: towards more help or a heavier kader is `opschalen`
 *     (vrijwillig → drang → VOTS → OTS → voogdij, and nazorg → anything),
 *     towards less is `afschalen`, another drang service is `wijziging`.
 *   - Cases whose drang service or maatregel type was never recorded
 *     (older data) start from the rows `drang` / `maatregel`: naming the
 *     service or type is then a `wijziging`.
 *   - Stage: any other stage is allowed (forward or back), the same one is not.
 *   - Closing a case is not a kader step (it is its own fact: afsluiten).
 *
 * Pure code: no database, no transport.
 */
import { formatDate } from '../utils/format';
import { DRANG_SERVICES, kaderLabel, MAATREGEL_TYPES, STAGE_LABELS, STAGES, type DrangService, type Kader, type MaatregelType, type Stage } from './caseFacts';
import { describeEvent, type CaseEventView, type KaderValue } from './caseEvents';

/** A complete trajectory step: what a case can move to. */
export type StepKey = 'vrijwillig' | `drang:${DrangService}` | `maatregel:${MaatregelType}` | 'nazorg';
/** Where a case can be: a complete step, or a drang/maatregel whose service or type was never recorded. */
export type SourceKey = StepKey | 'drang' | 'maatregel';

export const STEP_KEYS: readonly StepKey[] = [
  'vrijwillig',
  ...DRANG_SERVICES.map((s) => `drang:${s}` as const),
  ...MAATREGEL_TYPES.map((t) => `maatregel:${t}` as const),
  'nazorg',
];

export const TRANSITION_KINDS = ['opschalen', 'afschalen', 'wijziging'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

export const TRANSITION_LABELS: Record<TransitionKind, string> = {
  opschalen: 'Opschalen',
  afschalen: 'Afschalen',
  wijziging: 'Wijziging',
};

const OP = 'opschalen' as const;
const AF = 'afschalen' as const;
const WIJ = 'wijziging' as const;

const DRANG_ALL = (kind: TransitionKind) => ({
  'drang:informatie-advies': kind,
  'drang:aansluiten-ondersteunen': kind,
  'drang:specialistisch-casemanagement': kind,
});

/**
 * The allowed kader transitions, from → to → label. A pair that is not here
 * is not allowed (see the rules in the header).
 */
export const KADER_TRANSITIONS: Record<SourceKey, Partial<Record<StepKey, TransitionKind>>> = {
  vrijwillig: { ...DRANG_ALL(OP), 'maatregel:VOTS': OP, 'maatregel:OTS': OP },
  'drang:informatie-advies': {
    vrijwillig: AF,
    'drang:aansluiten-ondersteunen': WIJ,
    'drang:specialistisch-casemanagement': WIJ,
    'maatregel:VOTS': OP,
    'maatregel:OTS': OP,
    nazorg: AF,
  },
  'drang:aansluiten-ondersteunen': {
    vrijwillig: AF,
    'drang:informatie-advies': WIJ,
    'drang:specialistisch-casemanagement': WIJ,
    'maatregel:VOTS': OP,
    'maatregel:OTS': OP,
    nazorg: AF,
  },
  'drang:specialistisch-casemanagement': {
    vrijwillig: AF,
    'drang:informatie-advies': WIJ,
    'drang:aansluiten-ondersteunen': WIJ,
    'maatregel:VOTS': OP,
    'maatregel:OTS': OP,
    nazorg: AF,
  },
  'maatregel:VOTS': { vrijwillig: AF, ...DRANG_ALL(AF), 'maatregel:OTS': OP, 'maatregel:voogdij': OP, nazorg: AF },
  'maatregel:OTS': { vrijwillig: AF, ...DRANG_ALL(AF), 'maatregel:voogdij': OP, nazorg: AF },
  'maatregel:voogdij': { 'maatregel:OTS': AF, nazorg: AF },
  nazorg: { vrijwillig: OP, ...DRANG_ALL(OP), 'maatregel:VOTS': OP, 'maatregel:OTS': OP },
  // Older data without a service or type: naming it is a wijziging, the rest as from any drang / maatregel.
  drang: { vrijwillig: AF, ...DRANG_ALL(WIJ), 'maatregel:VOTS': OP, 'maatregel:OTS': OP, nazorg: AF },
  maatregel: { vrijwillig: AF, ...DRANG_ALL(AF), 'maatregel:VOTS': WIJ, 'maatregel:OTS': WIJ, 'maatregel:voogdij': WIJ, nazorg: AF },
};

/** The step a case is at (a `drang`/`maatregel` without its detail is the older-data row). */
export function sourceKeyOf(v: KaderValue): SourceKey {
  if (v.kader === 'drang') return v.service ? `drang:${v.service}` : 'drang';
  if (v.kader === 'maatregel') return v.maatregelType ? `maatregel:${v.maatregelType}` : 'maatregel';
  return v.kader;
}

export function isStepKey(value: unknown): value is StepKey {
  return typeof value === 'string' && (STEP_KEYS as readonly string[]).includes(value);
}

/** The kader, type and service of a step (the shape the database and the events store). */
export function stepValue(step: StepKey): { kader: Kader; maatregelType: MaatregelType | null; service: DrangService | null } {
  const [kader, detail] = step.split(':') as [Kader, string | undefined];
  return {
    kader,
    maatregelType: kader === 'maatregel' ? (detail as MaatregelType) : null,
    service: kader === 'drang' ? (detail as DrangService) : null,
  };
}

export function stepLabel(step: SourceKey): string {
  const [kader, detail] = step.split(':') as [Kader, string | undefined];
  return kaderLabel(kader, kader === 'maatregel' ? ((detail as MaatregelType) ?? null) : null, kader === 'drang' ? ((detail as DrangService) ?? null) : null);
}

export type TransitionCheck = { ok: true; kind: TransitionKind } | { ok: false; reason: string };

/** Whether `to` may follow `from`, with its label or the Dutch reason it may not. */
export function kaderTransition(from: KaderValue, to: KaderValue): TransitionCheck {
  const source = sourceKeyOf(from);
  const target = sourceKeyOf(to);
  if (!isStepKey(target)) {
    return { ok: false, reason: to.kader === 'drang' ? 'kies bij werken zonder maatregel welke dienst.' : 'kies bij een maatregel welk type.' };
  }
  if (source === target) return { ok: false, reason: `de casus staat al op “${stepLabel(target)}”.` };
  const kind = KADER_TRANSITIONS[source][target];
  if (!kind) return { ok: false, reason: `van “${stepLabel(source)}” naar “${stepLabel(target)}” is geen toegestane stap.` };
  return { ok: true, kind };
}

/** The steps that may follow the current one, in trajectory order, with their label. */
export function nextSteps(from: KaderValue): { step: StepKey; kind: TransitionKind; label: string }[] {
  const row = KADER_TRANSITIONS[sourceKeyOf(from)];
  return STEP_KEYS.filter((s) => row[s]).map((step) => ({ step, kind: row[step]!, label: stepLabel(step) }));
}

export type StageCheck = { ok: true; direction: 'verder' | 'terug' } | { ok: false; reason: string };

/** A stage change: any other stage, forward or back; never the same one. */
export function stageTransition(from: Stage, to: Stage): StageCheck {
  if (from === to) return { ok: false, reason: `de casus is al in de fase “${STAGE_LABELS[to].label}”.` };
  return { ok: true, direction: STAGES.indexOf(to) > STAGES.indexOf(from) ? 'verder' : 'terug' };
}

/** The next step of each stage, as a short line for professionals. */
export const STAGE_NEXT_STEP: Record<Stage, string> = {
  kennismaking: 'Zorgen, wat goed gaat en wat er moet gebeuren samen in de kaart zetten; daarna het veiligheidsplan maken.',
  veiligheidsplan: 'Afspraken en het veiligheidsnetwerk in het veiligheidsplan vastleggen en iedereen om akkoord vragen.',
  uitvoering: 'Afspraken volgen en op het evaluatiemoment samen beoordelen of het plan werkt.',
  afronding: 'Laatste versie vastleggen, afspraken over nazorg maken en de casus afsluiten.',
};

// ---------------------------------------------------------------------------
// The family's words per step (B1): one place for "Wat gebeurt er nu?" and
// "Wat als het plan niet werkt?". Honest, plain, not threatening.
// ---------------------------------------------------------------------------

export interface StepTexts {
  /** "Wat gebeurt er nu?" */
  now: string;
  /** "Wat als het plan niet werkt?" */
  ifNotWorking: string;
}

export const KADER_FAMILY_TEXTS: Record<Kader, StepTexts> = {
  vrijwillig: {
    now:
      'Jullie krijgen hulp omdat jullie dat zelf willen. Er is geen rechter bij betrokken. ' +
      'Samen maken we een plan, zodat de kinderen veilig zijn. Jullie praten en beslissen mee over alles in het plan.',
    ifNotWorking:
      'Soms lukt het plan niet, of blijven er grote zorgen over de veiligheid van de kinderen. Dan praten we daar eerst eerlijk met jullie over. ' +
      'Het team kan dan adviseren om verder te werken zonder maatregel. De hulp wordt dan strakker en een jeugdbeschermer helpt mee. ' +
      'Of het team vraagt de Raad voor de Kinderbescherming om onderzoek te doen. Dat doen we niet zomaar, en nooit zonder het jullie te vertellen.',
  },
  drang: {
    now:
      'Er is geen maatregel van de rechter. Wel is met jullie afgesproken dat er hulp nodig is. ' +
      'Een jeugdbeschermer werkt met jullie samen aan het plan, zodat de kinderen veilig zijn.',
    ifNotWorking:
      'Lukt het niet om de kinderen veilig genoeg te laten opgroeien? Dan praten we daar eerst met jullie over. ' +
      'De jeugdbeschermer kan dan de Raad voor de Kinderbescherming vragen om onderzoek te doen. ' +
      'De Raad kan de kinderrechter vragen om een maatregel. Gaat het goed? Dan kan de hulp juist minder worden.',
  },
  maatregel: {
    now: 'De kinderrechter heeft een maatregel uitgesproken. Een jeugdbeschermer helpt jullie en let op de veiligheid van de kinderen.',
    ifNotWorking:
      'Lukt het plan niet? Dan kan de jeugdbeschermer de rechter vragen om de maatregel te verlengen. ' +
      'Zijn de kinderen thuis niet veilig genoeg? Dan kan de jeugdbeschermer de rechter vragen om een kind tijdelijk ergens anders te laten wonen (uithuisplaatsing). ' +
      'Dat hoor je altijd eerst van de jeugdbeschermer. En jullie mogen bij de rechter zeggen wat jullie ervan vinden.',
  },
  nazorg: {
    now:
      'De zware hulp is klaar. Het gaat goed genoeg. We houden nog even contact, zodat het goed blijft gaan. ' +
      'Jullie weten wie jullie kunnen bellen als het toch moeilijk wordt.',
    ifNotWorking: 'Wordt het weer moeilijk? Bel dan jullie contactpersoon. Samen kijken we welke hulp nodig is. Er kan dan weer hulp bijkomen.',
  },
};

/** Per maatregel type: replaces the general maatregel text. */
export const MAATREGEL_FAMILY_TEXTS: Record<MaatregelType, StepTexts> = {
  VOTS: {
    now:
      'De kinderrechter heeft een voorlopige ondertoezichtstelling uitgesproken. Dat is een maatregel voor korte tijd. ' +
      'Een jeugdbeschermer helpt jullie en let op de veiligheid van de kinderen. In die tijd onderzoekt de Raad voor de Kinderbescherming wat er nodig is.',
    ifNotWorking:
      'Na het onderzoek beslist de kinderrechter of er een ondertoezichtstelling komt. Jullie mogen daar zelf iets over zeggen bij de rechter. ' +
      'Zijn de kinderen thuis niet veilig genoeg? Dan kan de jeugdbeschermer de rechter vragen om een kind tijdelijk ergens anders te laten wonen (uithuisplaatsing). ' +
      'Dat gebeurt alleen als het echt nodig is, en jullie horen het eerst van de jeugdbeschermer.',
  },
  OTS: {
    now:
      'De kinderrechter heeft een ondertoezichtstelling uitgesproken. Jullie blijven de ouders en zorgen zelf voor de kinderen. ' +
      'Een jeugdbeschermer helpt jullie en let op de veiligheid. Soms geeft de jeugdbeschermer een opdracht op papier (een schriftelijke aanwijzing).',
    ifNotWorking:
      'Lukt het plan niet? Dan kan de jeugdbeschermer de rechter vragen om de ondertoezichtstelling te verlengen. ' +
      'Zijn de kinderen thuis niet veilig genoeg? Dan kan de jeugdbeschermer de rechter vragen om een kind tijdelijk ergens anders te laten wonen (uithuisplaatsing). ' +
      'Dat hoor je altijd eerst van de jeugdbeschermer. En jullie mogen bij de rechter zeggen wat jullie ervan vinden.',
  },
  voogdij: {
    now:
      'De rechter heeft besloten dat de jeugdbescherming de voogd is. De voogd neemt de belangrijke beslissingen over het kind. ' +
      'Jullie blijven belangrijk voor het kind. Samen kijken we hoe jullie contact houden.',
    ifNotWorking:
      'Gaat het niet goed met het kind? Dan zoekt de voogd samen met iedereen naar andere hulp of een andere plek. ' +
      'Jullie mogen altijd vragen waarom iets besloten is. Een advocaat kan jullie daarbij helpen.',
  },
};

/** What the service of werken zonder maatregel means, in one plain sentence. */
export const DRANG_SERVICE_PLAIN: Record<DrangService, string> = {
  'informatie-advies': 'De jeugdbeschermer geeft jullie en de hulpverleners informatie en advies.',
  'aansluiten-ondersteunen': 'De jeugdbeschermer sluit aan bij de hulp die er al is en ondersteunt jullie en de hulpverleners.',
  'specialistisch-casemanagement': 'De jeugdbeschermer houdt samen met jullie het overzicht over alle hulp en volgt goed hoe het gaat.',
};

/** The family's texts for the step a case is at. */
export function familyStepTexts(v: KaderValue): StepTexts {
  if (v.kader === 'maatregel' && v.maatregelType) return MAATREGEL_FAMILY_TEXTS[v.maatregelType];
  const base = KADER_FAMILY_TEXTS[v.kader];
  if (v.kader === 'drang' && v.service) return { ...base, now: `${base.now} ${DRANG_SERVICE_PLAIN[v.service]}` };
  return base;
}

/** "Wanneer wordt er weer gekeken?" from the next evaluation date (ISO) and today (ISO). */
export function whenNextLook(nextEvaluationDate: string | null | undefined, today: string): string {
  if (!nextEvaluationDate) return 'Er is nog geen datum gepland. Vraag je regisseur wanneer jullie samen gaan kijken hoe het gaat.';
  if (nextEvaluationDate < today) {
    return `De evaluatie stond gepland op ${formatDate(nextEvaluationDate)}. Vraag je regisseur wanneer jullie weer samen kijken hoe het gaat.`;
  }
  const when = nextEvaluationDate === today ? `Vandaag (${formatDate(nextEvaluationDate)})` : `Op ${formatDate(nextEvaluationDate)}`;
  return `${when} kijken we samen hoe het gaat. We bespreken wat goed gaat, wat nog zorgen geeft en wat de volgende stap is.`;
}

/** The family home's trajectory section, as the server hands it to the page. */
export interface WhatHappensNowData {
  now: string;
  whenNext: string;
  ifNotWorking: string;
  /** Case events since the last visit, newest first, as plain sentences. */
  events: { id: number; text: string }[];
}

// ---------------------------------------------------------------------------
// The trajectory as a timeline (Casusgegevens): start, kader and stage steps.
// ---------------------------------------------------------------------------

export const TRAJECTORY_EVENT_TYPES = ['case-started', 'kader-changed', 'stage-changed'] as const;

export type TrajectoryPointKind = TransitionKind | 'start' | 'verder' | 'terug';

export const TRAJECTORY_KIND_LABELS: Record<TrajectoryPointKind, string> = {
  ...TRANSITION_LABELS,
  start: 'Start',
  verder: 'Fase verder',
  terug: 'Fase terug',
};

export interface TrajectoryPoint {
  id: number;
  /** The day it was decided (ISO): the decision date of a kader step, else the day it was recorded. */
  date: string;
  kind: TrajectoryPointKind;
  title: string;
  detail: string | null;
  reason: string | null;
  who: string | null;
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** One point of the trajectory timeline, or null for an event that is not a trajectory step. */
export function trajectoryPoint(e: CaseEventView): TrajectoryPoint | null {
  const base = { id: e.id, date: isoDay.format(e.at), reason: e.reason, who: e.actorName, detail: null };
  const value = (e.newValue && typeof e.newValue === 'object' ? e.newValue : {}) as Partial<KaderValue> & {
    date?: string;
    kind?: TransitionKind;
    stage?: Stage;
  };
  switch (e.type) {
    case 'case-started':
      return {
        ...base,
        kind: 'start',
        title: value.kader ? `Start: ${kaderLabel(value.kader, value.maatregelType ?? null, value.service ?? null)}` : 'Start van de casus',
        detail: value.stage && value.stage in STAGE_LABELS ? `Fase: ${STAGE_LABELS[value.stage].label}` : null,
      };
    case 'kader-changed': {
      const from = e.oldValue && typeof e.oldValue === 'object' && 'kader' in e.oldValue ? (e.oldValue as KaderValue) : null;
      const check = from && value.kader ? kaderTransition(from, value as KaderValue) : null;
      const kind = value.kind ?? (check?.ok ? check.kind : 'wijziging');
      return { ...base, date: typeof value.date === 'string' ? value.date : base.date, kind, title: describeEvent(e) };
    }
    case 'stage-changed': {
      const forward = STAGES.indexOf(e.newValue as Stage) > STAGES.indexOf(e.oldValue as Stage);
      return { ...base, kind: forward ? 'verder' : 'terug', title: describeEvent(e) };
    }
    default:
      return null;
  }
}
