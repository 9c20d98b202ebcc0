/**
 * The life of a case as events (SPEC §2.4): the event types, the kinds of
 * besluit, and how one event reads — for professionals (Logboek, timeline)
 * and in plain Dutch (B1) for the family ("Op 3 maart is de volgende
 * evaluatie verzet naar 10 april, omdat …"). One list per vocabulary; the
 * database columns use the same tuples. Pure code: no database, no transport.
 */
import { formatDate } from '../utils/format';
import { DRANG_SERVICE_LABELS, kaderLabel, STAGE_LABELS, type DrangService, type Kader, type MaatregelType, type Stage } from './caseFacts';
import { absenceText, helpText, isAbsenceValue, isHelpValue } from './regie';

export const CASE_EVENT_TYPES = [
  'case-started',
  'fact-changed',
  'kader-changed',
  'stage-changed',
  'help-changed',
  'overdracht-started',
  'overdracht-completed',
  'overdracht-cancelled',
  'absence-set',
  'absence-ended',
  'besluit-proposed',
  'besluit-agreed',
  'besluit-withdrawn',
  'case-closed',
  'case-reopened',
  'meeting-started',
  'meeting-ended',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  'case-started': 'Casus gestart',
  'fact-changed': 'Casusgegeven gewijzigd',
  'kader-changed': 'Kader gewijzigd',
  'stage-changed': 'Fase gewijzigd',
  'help-changed': 'Taak of periode gewijzigd',
  'overdracht-started': 'Overdracht gestart',
  'overdracht-completed': 'Overdracht afgerond',
  'overdracht-cancelled': 'Overdracht gestopt',
  'absence-set': 'Afwezigheid en vervanger',
  'absence-ended': 'Afwezigheid beëindigd',
  'besluit-proposed': 'Besluit voorgesteld',
  'besluit-agreed': 'Besluit bevestigd (vier ogen)',
  'besluit-withdrawn': 'Besluit ingetrokken',
  'case-closed': 'Casus afgesloten',
  'case-reopened': 'Casus heropend',
  'meeting-started': 'Netwerkberaad gestart',
  'meeting-ended': 'Netwerkberaad afgerond',
};

/** Facts changed with `fact-changed`, with their Dutch names. */
export const CASE_FACT_FIELDS = ['title', 'nextEvaluationDate', 'vastAanspreekpunt', 'scaleQuestion', 'children', 'safetyFlag'] as const;
export type CaseFactField = (typeof CASE_FACT_FIELDS)[number];

export const CASE_FACT_LABELS: Record<CaseFactField, string> = {
  title: 'Naam van de casus',
  nextEvaluationDate: 'Volgend evaluatiemoment',
  vastAanspreekpunt: 'Vast aanspreekpunt',
  scaleQuestion: 'Schaalvraag',
  children: 'Kinderen',
  safetyFlag: 'Contactgegevens gezin afgeschermd',
};

export const BESLUIT_KINDS = ['opschalen', 'afschalen', 'raad-onderzoek', 'uithuisplaatsing', 'hulp-starten', 'hulp-stoppen', 'anders'] as const;
export type BesluitKind = (typeof BESLUIT_KINDS)[number];

export const BESLUIT_KIND_LABELS: Record<BesluitKind, { label: string; plain: string }> = {
  opschalen: { label: 'Opschalen', plain: 'meer hulp of een zwaarder kader' },
  afschalen: { label: 'Afschalen', plain: 'minder hulp of een lichter kader' },
  'raad-onderzoek': { label: 'Raad voor de Kinderbescherming om onderzoek vragen', plain: 'de Raad voor de Kinderbescherming vragen om onderzoek te doen' },
  uithuisplaatsing: { label: 'Uithuisplaatsing', plain: 'een kind gaat (tijdelijk) ergens anders wonen' },
  'hulp-starten': { label: 'Hulp starten', plain: 'er komt nieuwe hulp bij' },
  'hulp-stoppen': { label: 'Hulp stoppen', plain: 'een vorm van hulp stopt' },
  anders: { label: 'Ander besluit', plain: 'een ander belangrijk besluit' },
};

/** A trajectory position as stored in a `kader-changed` event. */
export interface KaderValue {
  kader: Kader;
  maatregelType?: MaatregelType | null;
  service?: DrangService | null;
}

export function kaderValueLabel(v: KaderValue): string {
  return kaderLabel(v.kader, v.maatregelType ?? null, v.service ?? null);
}

/** An event as the views get it: values parsed, people as display names. */
export interface CaseEventView {
  id: number;
  at: number;
  type: CaseEventType;
  actorName: string | null;
  subjectName: string | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  refId: string | null;
}

const dateOnly = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });

function asText(field: string | null, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'niets';
  if (field === 'nextEvaluationDate' && typeof value === 'string') return formatDate(value);
  if (field === 'safetyFlag') return value ? 'ja' : 'nee';
  if (field === 'children' && Array.isArray(value)) {
    return value.map((c: { firstName?: string; birthYear?: number }) => `${c.firstName ?? '?'} (${c.birthYear ?? '?'})`).join(', ') || 'geen';
  }
  if (typeof value === 'object' && value && 'kader' in value) return kaderValueLabel(value as KaderValue);
  if (field === 'stage' && typeof value === 'string' && value in STAGE_LABELS) return STAGE_LABELS[value as Stage].label;
  if (field === 'service' && typeof value === 'string' && value in DRANG_SERVICE_LABELS) return DRANG_SERVICE_LABELS[value as DrangService];
  return String(value);
}

const because = (reason: string | null) => (reason ? `, omdat ${reason.replace(/^[Oo]mdat\s+/, '').replace(/[.\s]+$/, '')}.` : '.');

/** One line for professionals (Logboek, timeline): what changed, old → new. The reason is shown beside it. */
export function describeEvent(e: CaseEventView): string {
  const who = e.subjectName ?? 'iemand';
  switch (e.type) {
    case 'case-started':
      return 'De casus is gestart.';
    case 'fact-changed': {
      const label = CASE_FACT_LABELS[e.field as CaseFactField] ?? e.field ?? 'Gegeven';
      return `${label}: ${asText(e.field, e.oldValue)} → ${asText(e.field, e.newValue)}`;
    }
    case 'kader-changed':
      return `Kader: ${asText('kader', e.oldValue)} → ${asText('kader', e.newValue)}`;
    case 'stage-changed':
      return `Fase: ${asText('stage', e.oldValue)} → ${asText('stage', e.newValue)}`;
    case 'help-changed':
      return `Taak of periode van ${who}: ${isHelpValue(e.newValue) ? helpText(e.newValue) : asText(null, e.newValue)}`;
    case 'overdracht-started':
      return `Overdracht van de regie aan ${who} gestart.`;
    case 'overdracht-completed':
      return `${who} heeft de regie overgenomen.`;
    case 'overdracht-cancelled':
      return `Overdracht aan ${who} gestopt.`;
    case 'absence-set':
      return `${who} is afwezig ${isAbsenceValue(e.newValue) ? absenceText(e.newValue) : `(${asText(null, e.newValue)})`}.`;
    case 'absence-ended':
      return `Afwezigheid van ${who} beëindigd.`;
    case 'besluit-proposed':
      return `Besluit voorgesteld: ${asText(null, e.newValue)}`;
    case 'besluit-agreed':
      return `Besluit bevestigd door een tweede professional: ${asText(null, e.newValue)}`;
    case 'besluit-withdrawn':
      return `Besluit ingetrokken: ${asText(null, e.newValue)}`;
    case 'case-closed':
      return 'De casus is afgesloten.';
    case 'case-reopened':
      return 'De casus is heropend.';
    case 'meeting-started':
      return 'Netwerkberaad gestart.';
    case 'meeting-ended':
      return `Netwerkberaad afgerond${typeof e.newValue === 'string' && e.newValue ? ` (aanwezig: ${e.newValue})` : ''}.`;
  }
}

/**
 * The same event in plain Dutch (B1) for the family, or null when it is not
 * something the family is told about (a proposed besluit only counts once a
 * second professional agreed; a started overdracht is told when it is done).
 */
export function describeEventForFamily(e: CaseEventView): string | null {
  const on = `Op ${dateOnly.format(e.at)}`;
  const who = e.subjectName ?? 'iemand';
  switch (e.type) {
    case 'case-started':
      return `${on} is het plan gestart.`;
    case 'fact-changed':
      switch (e.field as CaseFactField) {
        case 'nextEvaluationDate':
          return `${on} is de volgende evaluatie verzet naar ${asText(e.field, e.newValue)}${because(e.reason)}`;
        case 'vastAanspreekpunt':
          return `${on} is ${asText(null, e.newValue)} jullie vaste contactpersoon geworden${because(e.reason)}`;
        case 'children':
          return `${on} is aangepast om welke kinderen het gaat${because(e.reason)}`;
        case 'scaleQuestion':
          return `${on} is de schaalvraag anders gesteld${because(e.reason)}`;
        case 'title':
          return `${on} heeft het plan een andere naam gekregen: ${asText(null, e.newValue)}.`;
        case 'safetyFlag':
          return null;
      }
      return null;
    case 'kader-changed':
      return `${on} is besloten: ${asText('kader', e.newValue).toLowerCase()} (eerst: ${asText('kader', e.oldValue).toLowerCase()})${because(e.reason)}`;
    case 'stage-changed':
      return `${on} zijn we een stap verder: ${asText('stage', e.newValue).toLowerCase()}${because(e.reason)}`;
    case 'overdracht-completed':
      return `${on} is ${who} jullie regisseur geworden.`;
    case 'absence-set':
      return isAbsenceValue(e.newValue)
        ? `${who} is afwezig ${absenceText(e.newValue).replace(', vervanger: ', '. Bel in die tijd ')}.`
        : `${who} is een tijd afwezig (${asText(null, e.newValue)}).`;
    case 'help-changed':
      if (!isHelpValue(e.newValue) || !e.newValue.task) return null;
      return e.newValue.until
        ? `${on} is vastgelegd dat de hulp van ${who} (${e.newValue.task}) stopt op ${dateOnly.format(new Date(`${e.newValue.until}T12:00:00Z`))}.${e.newValue.result ? ` Dit heeft het opgeleverd: ${e.newValue.result.replace(/[.\s]+$/, '')}.` : ''}`
        : `${on} is vastgelegd wat ${who} doet: ${e.newValue.task}.`;
    case 'besluit-agreed':
      return `${on} is een besluit genomen: ${asText(null, e.newValue)}${because(e.reason)}`;
    case 'case-closed':
      return `${on} is het plan afgesloten${because(e.reason)}`;
    case 'case-reopened':
      return `${on} is het plan weer geopend${because(e.reason)}`;
    case 'meeting-ended':
      return `${on} was er een netwerkberaad. Op de startpagina staat wat er is besproken.`;
    default:
      return null;
  }
}
