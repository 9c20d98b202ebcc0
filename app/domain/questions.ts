/**
 * Questions from family and netwerk to their regisseur (SPEC §2.7): the kinds,
 * their words, the limits and how old a question is in plain Dutch. Pure code:
 * no database, no transport. A question's age is counted in calendar days in
 * the Netherlands, so "gisteren" means the day before today there.
 */
export const QUESTION_KINDS = ['vraag', 'terugbellen'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = { vraag: 'Een vraag', terugbellen: 'Bel mij terug' };
export const MAX_QUESTION_CHARS = 1000;
/** An answer is as long as a question may be. */
export const MAX_ANSWER_CHARS = 1000;

/**
 * A phone number as people type it ("06-12 34 56 78", "+31 6 12345678"):
 * digits with spaces, dashes, dots or brackets, an optional leading +, and
 * 8 to 15 digits in all.
 */
export function isPhoneNumber(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\+?[0-9(][0-9 ().-]*$/.test(value.trim())) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const dayNumber = (ms: number) => Math.round(Date.parse(`${amsterdamDay.format(ms)}T00:00:00Z`) / 86_400_000);

/** Whole calendar days (in the Netherlands) between `at` and `now`: 0 today, 1 yesterday. */
export function daysAgo(at: number, now: number): number {
  return Math.max(0, dayNumber(now) - dayNumber(at));
}

/** "vandaag", "gisteren", "3 dagen geleden". */
export function daysAgoText(days: number): string {
  if (days <= 0) return 'vandaag';
  if (days === 1) return 'gisteren';
  return `${days} dagen geleden`;
}

/** The state of one question for the person who asked it ("Nog geen antwoord — gesteld 2 dagen geleden"). */
export function questionStateText(q: { answered: boolean; askedDays: number; answeredDays?: number | null }): string {
  if (q.answered) return `Beantwoord ${daysAgoText(q.answeredDays ?? 0)}`;
  return `Nog geen antwoord — gesteld ${daysAgoText(q.askedDays)}`;
}
