/** Questions from family and netwerk to their regisseur (SPEC §2.7): the kinds and their words. Pure code. */
export const QUESTION_KINDS = ['vraag', 'terugbellen'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = { vraag: 'Een vraag', terugbellen: 'Bel mij terug' };
export const MAX_QUESTION_CHARS = 1000;
