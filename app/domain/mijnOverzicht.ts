/**
 * Mijn overzicht (a professional's home across their cases): the shape of one
 * case's summary, when a case needs attention and why (one reason per line,
 * in Dutch), the score line as text, and sorting/filtering by query string.
 * Pure code: no database, no transport. A case needs attention exactly when
 * `attentionReasons` gives at least one reason; closed cases never do.
 */
import type { Role } from './caseFacts';
import type { DocumentName } from './permissions';
import { daysAgoText, type QuestionKind } from './questions';
import { addDaysIso, type Recurrence } from './recurrence';

/** Afspraken occurrences older than this many days (today not counted) are looked at for "niet gemeld". */
export const NOT_REPORTED_WINDOW_DAYS = 14;
/** Scores of people this far apart (max − min of the current scores) need a conversation. */
export const SPREAD_ATTENTION = 3;
/** No change in the case for this many weeks needs attention. */
export const STALE_WEEKS = 6;

/** A day of the "niet gemeld" window: ISO date and day number (days since 1970-01-01). */
export interface WindowDay {
  iso: string;
  n: number;
}

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
/** ISO weekday (1 = maandag) of a day number: day 0 was a Thursday. */
const weekdayOf = (n: number) => ((((n + 3) % 7) + 7) % 7) + 1;

/** The NOT_REPORTED_WINDOW_DAYS days before `today` (today excluded), oldest first. */
export function reportWindow(today: string): WindowDay[] {
  return Array.from({ length: NOT_REPORTED_WINDOW_DAYS }, (_, i) => {
    const iso = addDaysIso(today, i - NOT_REPORTED_WINDOW_DAYS);
    return { iso, n: dayNumber(iso) };
  });
}

/**
 * The same days as recurrence.ts `occurrences(r, start, window[0], window.at(-1))`
 * (a test holds them equal), in integer arithmetic: it runs for every dated
 * afspraak of every case on Mijn overzicht, where date parsing per day was
 * the page's largest cost.
 */
export function occurrencesInWindow(r: Recurrence, start: string, window: readonly WindowDay[]): string[] {
  const s = dayNumber(start);
  const out: string[] = [];
  for (const day of window) {
    if (day.n < s) continue;
    const hit =
      r.kind === 'eenmalig'
        ? day.n === s
        : r.kind === 'dagelijks'
          ? true
          : r.kind === 'wekelijks'
            ? r.days.includes(weekdayOf(day.n))
            : (day.n - s) % (7 * r.every) === 0;
    if (hit) out.push(day.iso);
  }
  return out;
}

export interface ScoreNow {
  participantId: string;
  name: string;
  score: number;
  /** The person's score before the current one, or null (first score). */
  previous: number | null;
  at: number;
  /** The person's last scores, oldest first (for the chart). */
  history: { score: number; at: number }[];
}

export interface CaseSummary {
  id: string;
  title: string;
  stage: string;
  kader: string;
  closedAt: number | null;
  /** The role I act in (casusregisseur while I hold regie rights). */
  myRole: Role;
  /** I hold regie (rights) in this case. */
  regie: boolean;
  nextEvaluationDate: string | null;
  evaluationOverdue: boolean;
  afspraken: {
    total: number;
    /** Afspraken with an occurrence in the last NOT_REPORTED_WINDOW_DAYS days on which no owner reported. */
    notReported: number;
    /** Afspraken whose last two reported occurrences were niet gelukt. */
    notKeptTwice: number;
    withoutOwner: number;
  };
  /** The latest akkoord request: who has not answered it, who said niet akkoord. */
  akkoord: { askedAt: number; open: string[]; refused: string[] } | null;
  scores: ScoreNow[];
  /** Max − min of the current scores; null with fewer than two people scoring. */
  spread: number | null;
  familyLastVisitAt: number | null;
  /** Latest change of any kind (document edit, case event, check-in); null: none. */
  lastChangeAt: number | null;
  /** Whole weeks since lastChangeAt (since the case started when nothing changed). */
  weeksWithoutChange: number;
  overdracht: { to: string; from: string; startedAt: number } | null;
  absences: { name: string; standIn: string; untilDate: string }[];
  /** Unanswered questions of family and netwerk that I may answer, oldest first (issue 17). */
  openQuestions: { id: string; kind: QuestionKind; asker: string; askedAt: number; days: number }[];
  /** What others changed since my last visit to this case; null when I never opened it. */
  sinceMyLastVisit: {
    since: number;
    events: number;
    checkIns: number;
    /** Of those, reported 'niet gelukt'. */ notKept: number;
    scores: number;
    documents: DocumentName[];
  } | null;
  attention: AttentionReason[];
}

export type AttentionReason =
  | { kind: 'evaluatie-verlopen'; date: string }
  | { kind: 'niet-gemeld'; count: number }
  | { kind: 'twee-keer-niet-gelukt'; count: number }
  | { kind: 'zonder-eigenaar'; count: number }
  | { kind: 'akkoord-open'; names: string[] }
  | { kind: 'niet-akkoord'; names: string[] }
  | { kind: 'scores-uiteen'; spread: number }
  | { kind: 'geen-wijziging'; weeks: number }
  | { kind: 'overdracht'; to: string }
  | { kind: 'open-vraag'; count: number; oldestDays: number };

/** Why a case needs attention, in a fixed order (most pressing first); none for a closed case. */
export function attentionReasons(c: Omit<CaseSummary, 'attention'>): AttentionReason[] {
  if (c.closedAt !== null) return [];
  const out: AttentionReason[] = [];
  // Someone in the family waits for an answer: first.
  if (c.openQuestions.length > 0) out.push({ kind: 'open-vraag', count: c.openQuestions.length, oldestDays: Math.max(...c.openQuestions.map((q) => q.days)) });
  if (c.evaluationOverdue && c.nextEvaluationDate) out.push({ kind: 'evaluatie-verlopen', date: c.nextEvaluationDate });
  if (c.akkoord && c.akkoord.refused.length > 0) out.push({ kind: 'niet-akkoord', names: c.akkoord.refused });
  if (c.afspraken.notKeptTwice > 0) out.push({ kind: 'twee-keer-niet-gelukt', count: c.afspraken.notKeptTwice });
  if (c.afspraken.notReported > 0) out.push({ kind: 'niet-gemeld', count: c.afspraken.notReported });
  if (c.afspraken.withoutOwner > 0) out.push({ kind: 'zonder-eigenaar', count: c.afspraken.withoutOwner });
  if (c.spread !== null && c.spread >= SPREAD_ATTENTION) out.push({ kind: 'scores-uiteen', spread: c.spread });
  if (c.akkoord && c.akkoord.open.length > 0) out.push({ kind: 'akkoord-open', names: c.akkoord.open });
  if (c.overdracht) out.push({ kind: 'overdracht', to: c.overdracht.to });
  if (c.weeksWithoutChange >= STALE_WEEKS) out.push({ kind: 'geen-wijziging', weeks: c.weeksWithoutChange });
  return out;
}

const afspraak = (n: number) => (n === 1 ? '1 afspraak' : `${n} afspraken`);
const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? ''));

/** One calm line per reason. `formatDate` renders an ISO date. */
export function attentionText(r: AttentionReason, formatDate: (iso: string) => string): string {
  switch (r.kind) {
    case 'evaluatie-verlopen':
      return `Evaluatiemoment was op ${formatDate(r.date)}`;
    case 'niet-gemeld':
      return `${afspraak(r.count)} niet gemeld in de laatste ${NOT_REPORTED_WINDOW_DAYS} dagen`;
    case 'twee-keer-niet-gelukt':
      return `${afspraak(r.count)} twee keer op rij niet gelukt`;
    case 'zonder-eigenaar':
      return `${afspraak(r.count)} zonder eigenaar`;
    case 'akkoord-open':
      return `Akkoord gevraagd, nog geen antwoord van ${list(r.names)}`;
    case 'niet-akkoord':
      return `Niet akkoord: ${list(r.names)}`;
    case 'scores-uiteen':
      return `Scores liggen ${r.spread} punten uit elkaar`;
    case 'geen-wijziging':
      return `Geen wijziging sinds ${r.weeks} weken`;
    case 'overdracht':
      return `Overdracht loopt naar ${r.to}`;
    case 'open-vraag':
      return r.count === 1 ? `Open vraag, gesteld ${daysAgoText(r.oldestDays)}` : `${r.count} open vragen, de oudste gesteld ${daysAgoText(r.oldestDays)}`;
  }
}

/** "Linda 7 ↑, Sophie 3 → · verschil 4" — the scores as text (trend against each person's previous score). */
export function scoreLine(scores: readonly ScoreNow[], spread: number | null): string {
  if (scores.length === 0) return 'Nog geen scores';
  const trend = (s: ScoreNow) => (s.previous === null || s.previous === s.score ? '→' : s.score > s.previous ? '↑' : '↓');
  const parts = scores.map((s) => `${s.name.split(' ')[0]} ${s.score} ${trend(s)}`).join(', ');
  return spread !== null ? `${parts} · verschil ${spread}` : parts;
}

/** The same in words for screen readers ("gestegen van 5", "gelijk gebleven"). */
export function scoreTrendWords(s: ScoreNow): string {
  if (s.previous === null) return 'eerste score';
  if (s.previous === s.score) return 'gelijk gebleven';
  return s.score > s.previous ? `gestegen van ${s.previous}` : `gedaald van ${s.previous}`;
}

/** Document names as the overview says them ("Kaart, Veiligheidsplan bewerkt"). */
export const DOCUMENT_LABELS: Record<DocumentName, string> = { kaart: 'Kaart', plan: 'Veiligheidsplan', bodemeisen: 'Bodemeisen' };

export const SORTS = ['aandacht', 'evaluatie', 'naam'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = { aandacht: 'Aandacht eerst', evaluatie: 'Evaluatiemoment', naam: 'Naam' };

export const FILTERS = ['alle', 'regie', 'aandacht'] as const;
export type Filter = (typeof FILTERS)[number];
export const FILTER_LABELS: Record<Filter, string> = { alle: 'Al mijn casussen', regie: 'Waar ik regisseur ben', aandacht: 'Alleen met aandacht' };

export function parseSort(value: string | null): Sort {
  return (SORTS as readonly string[]).includes(value ?? '') ? (value as Sort) : 'aandacht';
}
export function parseFilter(value: string | null): Filter {
  return (FILTERS as readonly string[]).includes(value ?? '') ? (value as Filter) : 'alle';
}

const byTitle = (a: CaseSummary, b: CaseSummary) => a.title.localeCompare(b.title, 'nl') || a.id.localeCompare(b.id);
const byEvaluation = (a: CaseSummary, b: CaseSummary) => {
  // Planned dates first (soonest first), then cases without a date.
  const x = a.nextEvaluationDate ?? '9999';
  const y = b.nextEvaluationDate ?? '9999';
  return x < y ? -1 : x > y ? 1 : byTitle(a, b);
};

/** Filters then sorts; closed cases always come last. */
export function sortAndFilter<C extends CaseSummary>(cases: readonly C[], sort: Sort, filter: Filter): C[] {
  const kept = cases.filter((c) => (filter === 'regie' ? c.regie : filter === 'aandacht' ? c.attention.length > 0 : true));
  const compare =
    sort === 'naam'
      ? byTitle
      : sort === 'evaluatie'
        ? byEvaluation
        : (a: CaseSummary, b: CaseSummary) => b.attention.length - a.attention.length || byEvaluation(a, b);
  return [...kept].sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || compare(a, b));
}
