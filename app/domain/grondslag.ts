/**
 * Grondslag per betrokkene (issue 18, AVG): on what basis a professional or
 * netwerk member takes part in a case — the family's consent (who gave it,
 * when, for what) or the legal ground of the maatregel. Pure vocabulary,
 * shared by the schema, the commands and the pages; the family sees it in
 * these words.
 */
export const GROUND_BASES = ['toestemming', 'wettelijk'] as const;
export type GroundBasis = (typeof GROUND_BASES)[number];

export const GROUND_BASIS_LABELS: Record<GroundBasis, string> = {
  toestemming: 'Toestemming van het gezin',
  wettelijk: 'Wettelijke grondslag (maatregel)',
};

/** What happened to a family's request to delete their case's data. */
export const DELETION_DECISIONS = ['toegekend', 'afgewezen'] as const;
export type DeletionDecision = (typeof DELETION_DECISIONS)[number];
