/** Bodemeisen (bottom lines): minimum conditions with their reason, set by the responsible professional. */
import type * as Y from 'yjs';
import { renderSections } from './items';

export const BODEMEISEN_SECTIONS = ['eisen'] as const;

export function renderBodemeisen(doc: Y.Doc) {
  return renderSections(doc, BODEMEISEN_SECTIONS);
}
