/** Bodemeisen (bottom lines): minimum conditions with their reason, set by the responsible professional. */
import type * as Y from 'yjs';
import { renderSections } from './items';
import type { Wording } from './wording';

export const BODEMEISEN_SECTIONS = ['eisen'] as const;

export function renderBodemeisen(doc: Y.Doc) {
  return renderSections(doc, BODEMEISEN_SECTIONS);
}

/** The page's title in both sets of words (ADR 029). */
export const BODEMEISEN_WORDS: Wording = {
  title: 'Bodemeisen',
  familyTitle: 'Wat moet er minimaal goed gaan?',
  explain:
    'Dit zijn de dingen die in elk geval goed moeten gaan, zodat de kinderen veilig zijn. De hulpverlener die verantwoordelijk is, schrijft ze op, met de reden erbij. Het plan moet hier altijd aan voldoen. Hulpverleners noemen dit de bodemeisen.',
};
