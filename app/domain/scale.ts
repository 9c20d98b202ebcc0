/** The scale (0–10): its bounds and the Dutch messages of the score form, shared by the page, the command and tests. Pure code. */
export const SCALE_MIN = 0;
export const SCALE_MAX = 10;

export const SCORE_MESSAGES = {
  score: 'Kies een score van 0 tot en met 10.',
  explanation: 'De uitleg mag hoogstens 1000 tekens hebben.',
} as const;
