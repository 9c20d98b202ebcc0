/**
 * Check-ins: an owner's report on one occurrence of an afspraak, and how the
 * history reads ("3 van de 4 keer gelukt"). Pure code: no database, no
 * transport.
 */
export const CHECK_IN_RESULTS = ['gelukt', 'deels', 'niet-gelukt'] as const;
export type CheckInResult = (typeof CHECK_IN_RESULTS)[number];

export const CHECK_IN_LABELS: Record<CheckInResult, string> = {
  gelukt: 'Gelukt',
  deels: 'Deels gelukt',
  'niet-gelukt': 'Niet gelukt',
};

/** Longest toelichting, in characters. */
export const MAX_TOELICHTING_CHARS = 500;

/** "3 van de 4 keer gelukt" over the reported occurrences (deels counts as not fully gelukt). */
export function checkInSummary(results: readonly CheckInResult[]): string {
  if (results.length === 0) return 'Nog niet gemeld';
  const gelukt = results.filter((r) => r === 'gelukt').length;
  return `${gelukt} van de ${results.length} keer gelukt`;
}
