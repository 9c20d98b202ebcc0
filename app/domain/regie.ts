/**
 * Overdracht, vervanging and "who helps" (SPEC §2.4, ADR 016/018): the Dutch
 * labels of the handover note, the limits of its fields, and the whole-day
 * calendar arithmetic that overlaps, absences and help periods use (ISO dates,
 * yyyy-mm-dd, read as days in Europe/Amsterdam). Shared by the commands (zod
 * limits), the pages and the event texts, so all three agree. Pure code: no
 * database, no transport.
 */
import type { StoredRole } from './caseFacts';

/** The four parts of a handover note, in the order they are written and read. */
export const OVERDRACHT_NOTE_FIELDS = [
  { key: 'situatie', label: 'Situatie', hint: 'Hoe staat het ervoor? Wat speelt er nu?' },
  { key: 'openAfsprakenRisicos', label: 'Open afspraken en risico’s', hint: 'Wat loopt er nog, wat moet bewaakt worden?' },
  { key: 'gezinBelangrijk', label: 'Wat het gezin belangrijk vindt', hint: 'Wat heeft het gezin gezegd dat voor hen telt?' },
  { key: 'volgendeStappen', label: 'Volgende stappen', hint: 'Wat moet de nieuwe regisseur als eerste doen?' },
] as const;
export type OverdrachtNoteKey = (typeof OVERDRACHT_NOTE_FIELDS)[number]['key'];

export const LIMITS = {
  note: 4000,
  familySummary: 600,
  reason: 500,
  task: 200,
  helpResult: 300,
  /** The overlap of an overdracht lasts at most this many days from today (about three months). */
  overlapDays: 92,
  /** An absence is at most about a year. */
  absenceDays: 366,
} as const;

/** Stored roles that may hold regie (the database trigger on cases.casusregisseur_id allows the same). */
export const REGIE_HOLDER_ROLES: readonly StoredRole[] = ['jeugdbeschermer', 'professional', 'ouder'];

/** Stored roles of professionals who help in a case: they have a task, a period, and may be absent or stand in. */
export const HELPER_ROLES: readonly StoredRole[] = ['jeugdbeschermer', 'professional'];

/** True for a real calendar date written yyyy-mm-dd (2027-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The ISO date `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (yyyy-mm-dd) a moment (ms) falls on in the Netherlands. */
export function isoDayOf(ms: number): string {
  return isoDay.format(ms);
}

const dayMonth = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** "3 maart" (this year's dates without the year would be ambiguous across a new year, so the year is added when it differs from `today`). */
export function shortDate(iso: string, today?: string): string {
  if (!isIsoDate(iso)) return 'onbekende datum';
  return today && today.slice(0, 4) === iso.slice(0, 4) ? dayMonth.format(asDate(iso)) : dayMonthYear.format(asDate(iso));
}

/** "van 3 tot en met 17 maart 2027" — both days included. */
export function periodText(from: string, until: string | null): string {
  if (!isIsoDate(from)) return 'periode onbekend';
  if (!until || !isIsoDate(until)) return `sinds ${dayMonthYear.format(asDate(from))}`;
  const sameYear = from.slice(0, 4) === until.slice(0, 4);
  return `van ${sameYear ? dayMonth.format(asDate(from)) : dayMonthYear.format(asDate(from))} tot en met ${dayMonthYear.format(asDate(until))}`;
}

/** An absence as stored in its `absence-set` event. */
export interface AbsenceValue {
  from: string;
  until: string;
  standIn: string;
}

/** A task and period as stored in a `help-changed` event. */
export interface HelpValue {
  task: string | null;
  from: string | null;
  until: string | null;
  result: string | null;
}

export function isAbsenceValue(v: unknown): v is AbsenceValue {
  return typeof v === 'object' && v !== null && 'from' in v && 'until' in v && 'standIn' in v;
}

export function isHelpValue(v: unknown): v is HelpValue {
  return typeof v === 'object' && v !== null && 'task' in v && 'from' in v;
}

/** "van 3 tot en met 17 maart 2027, vervanger: Sophie Jansen" */
export function absenceText(v: AbsenceValue): string {
  return `${periodText(v.from, v.until)}, vervanger: ${v.standIn}`;
}

/** "gezinscoach, van 1 maart tot en met 30 juni 2027 — opgeleverd: …" */
export function helpText(v: HelpValue): string {
  if (!v.task) return 'geen taak vastgelegd';
  const period = v.from ? `, ${periodText(v.from, v.until)}` : '';
  return `${v.task}${period}${v.result ? ` — opgeleverd: ${v.result}` : ''}`;
}
