/** The scale (0–10): input validation shared by the form and the server. Pure code. */
import { z } from 'zod';

export const SCORE_MESSAGES = {
  score: 'Kies een score van 0 tot en met 10.',
  explanation: 'De uitleg mag hoogstens 1000 tekens hebben.',
} as const;

export const ScoreInput = z.object({
  score: z
    .string({ error: SCORE_MESSAGES.score })
    .trim()
    .regex(/^\d{1,2}$/, SCORE_MESSAGES.score)
    .transform(Number)
    .pipe(z.number().int().min(0, SCORE_MESSAGES.score).max(10, SCORE_MESSAGES.score)),
  explanation: z.string().trim().max(1000, SCORE_MESSAGES.explanation).optional().default(''),
});
