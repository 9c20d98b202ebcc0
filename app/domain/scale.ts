/**
 * The scale (0–10): its bounds, the anchors of the default question and the
 * Dutch messages of the score form, shared by the page, the command and
 * tests. Pure code. Anchors belong to the default question only: a case's own
 * question stands on its own (it names its own ends, or none).
 */
import { DEFAULT_SCALE_QUESTION } from './caseFacts';
import type { Wording } from './wording';

/** The scale panel's title in both sets of words (ADR 029). */
export const SCALE_WORDS: Wording = {
  title: 'Schaal van 0 tot 10',
  familyTitle: 'Hoe veilig is het nu? Een cijfer van 0 tot 10',
  explain:
    'Iedereen geeft een cijfer van 0 tot 10. Een 0 betekent: het is niet veilig. Een 10 betekent: het is veilig genoeg, de hulp kan stoppen. Het gaat om wat jij denkt. Er is geen goed of fout cijfer.',
};

export const SCALE_MIN = 0;
export const SCALE_MAX = 10;

export const SCORE_MESSAGES = {
  score: 'Kies een score van 0 tot en met 10.',
  explanation: 'De uitleg mag hoogstens 1000 tekens hebben.',
} as const;

/** What 0 and 10 mean in the default question, in short. */
export const DEFAULT_SCALE_ANCHORS = {
  low: 'het is zeker dat het kind weer iets ergs overkomt',
  high: 'iedereen vindt het kind veilig genoeg om de zaak te sluiten',
} as const;

const normalized = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The anchors to show with this question: the default ones for the default question, none for a case's own question. */
export function scaleAnchorsFor(question: string): typeof DEFAULT_SCALE_ANCHORS | null {
  return normalized(question) === normalized(DEFAULT_SCALE_QUESTION) ? DEFAULT_SCALE_ANCHORS : null;
}
