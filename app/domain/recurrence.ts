/**
 * When an afspraak happens: a start date, an optional recurrence and a review
 * date, and the occurrences (days) they give — the days on which its owners
 * report a check-in. Stored in the plan document as plain strings:
 *   - `start`      ISO date (yyyy-mm-dd): the first day (for `eenmalig` the day)
 *   - `herhaling`  'eenmalig' | 'dagelijks' | 'wekelijks:1,3' (ISO weekdays,
 *                  1 = maandag … 7 = zondag) | 'weken:2' (every N weeks on the
 *                  start's weekday, N 2–8)
 *   - `evaluatie`  ISO date: when the afspraak itself is looked at again
 * Days are calendar days (no time zone arithmetic: an ISO date is a day).
 * Pure code: no database, no transport.
 */

export type Recurrence = { kind: 'eenmalig' } | { kind: 'dagelijks' } | { kind: 'wekelijks'; days: number[] } | { kind: 'weken'; every: number };

export const WEEKDAY_LABELS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
export const WEEKDAY_SHORT = ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form (2027-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && Number(m[1]) >= 2000 && Number(m[1]) <= 2100;
}

export function parseRecurrence(value: unknown): Recurrence | null {
  if (typeof value !== 'string') return null;
  if (value === 'eenmalig' || value === 'dagelijks') return { kind: value };
  const weekly = /^wekelijks:([1-7](?:,[1-7]){0,6})$/.exec(value);
  if (weekly) {
    const days = [...new Set(weekly[1]!.split(',').map(Number))].sort((a, b) => a - b);
    return { kind: 'wekelijks', days };
  }
  const weeks = /^weken:([2-8])$/.exec(value);
  if (weeks) return { kind: 'weken', every: Number(weeks[1]) };
  return null;
}

export function formatRecurrence(r: Recurrence): string {
  switch (r.kind) {
    case 'eenmalig':
    case 'dagelijks':
      return r.kind;
    case 'wekelijks':
      return `wekelijks:${r.days.join(',')}`;
    case 'weken':
      return `weken:${r.every}`;
  }
}

/** ISO weekday (1 = maandag … 7 = zondag) of an ISO date. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** In plain Dutch: "eenmalig op 3 maart", "elke dag", "elke woensdag en vrijdag", "om de 2 weken op maandag". */
export function describeRecurrence(r: Recurrence, start: string): string {
  switch (r.kind) {
    case 'eenmalig':
      return `eenmalig op ${new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${start}T00:00:00Z`))}`;
    case 'dagelijks':
      return 'elke dag';
    case 'wekelijks': {
      const names = r.days.map((d) => WEEKDAY_LABELS[d - 1]!);
      return `elke ${names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : names[0]}`;
    }
    case 'weken':
      return `om de ${r.every} weken op ${WEEKDAY_LABELS[isoWeekday(start) - 1]}`;
  }
}

/** Whether the afspraak happens on `day`. */
export function occursOn(r: Recurrence, start: string, day: string): boolean {
  if (day < start) return false;
  switch (r.kind) {
    case 'eenmalig':
      return day === start;
    case 'dagelijks':
      return true;
    case 'wekelijks':
      return r.days.includes(isoWeekday(day));
    case 'weken':
      return isoWeekday(day) === isoWeekday(start) && Math.floor(daysBetween(start, day) / 7) % r.every === 0;
  }
}

/**
 * The occurrences from `from` to `to` (both included, ISO dates), oldest
 * first, at most `limit` (the newest ones are kept when there are more).
 */
export function occurrences(r: Recurrence, start: string, from: string, to: string, limit = 400): string[] {
  const out: string[] = [];
  let day = from < start ? start : from;
  if (r.kind === 'eenmalig') return start >= from && start <= to ? [start] : [];
  for (let guard = 0; day <= to && guard < 4000; guard++, day = addDaysIso(day, 1)) {
    if (occursOn(r, start, day)) out.push(day);
  }
  return out.length > limit ? out.slice(-limit) : out;
}

/** The latest occurrence on or before `day`, or null (none yet). */
export function latestOccurrence(r: Recurrence, start: string, day: string): string | null {
  if (day < start) return null;
  if (r.kind === 'eenmalig') return start;
  for (let d = day, i = 0; d >= start && i < 60; d = addDaysIso(d, -1), i++) if (occursOn(r, start, d)) return d;
  return null;
}
