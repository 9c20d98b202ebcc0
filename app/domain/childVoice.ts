/**
 * The child's own voice (SPEC §2.6): Woorden en Plaatjes (a professional
 * writes what happened and what the plan means, for one child) and the Drie
 * Huizen (the child's own document). Vocabulary only; pure code.
 */
export const CHILD_STORY_PARTS = ['gebeurd', 'plan'] as const;
export type ChildStoryPart = (typeof CHILD_STORY_PARTS)[number];
export const CHILD_STORY_PART_LABELS: Record<ChildStoryPart, string> = {
  gebeurd: 'Wat is er gebeurd?',
  plan: 'Wat gaat er nu gebeuren?',
};

export const HOUSES = ['zorgen', 'goed', 'dromen'] as const;
export type House = (typeof HOUSES)[number];
export const HOUSE_LABELS: Record<House, string> = {
  zorgen: 'Huis van zorgen',
  goed: 'Huis van goede dingen',
  dromen: 'Huis van dromen',
};
