/** The Signs of Safety kaart (framework): columns, sections and their Dutch prompts (SPEC §2.1). */
import type * as Y from 'yjs';
import { renderSections } from './items';

/** Keys of the kaart's `meta` map that only the server writes: a changed value makes open pages reload the scores. */
export const KAART_META_KEYS = { scoresChangedAt: 'scoresChangedAt', meetingChangedAt: 'meetingChangedAt' } as const;

/** When the scores last changed (server-written), or undefined. */
export const scoresStamp = (doc: Y.Doc) => doc.getMap('meta').get(KAART_META_KEYS.scoresChangedAt) as number | undefined;

/** When the running netwerkberaad last changed (focus, round, attendance; server-written), or undefined. */
export const meetingStamp = (doc: Y.Doc) => doc.getMap('meta').get(KAART_META_KEYS.meetingChangedAt) as number | undefined;

export interface KaartSection {
  id: string;
  title: string;
  question: string;
}

export interface KaartColumn {
  id: 'zorgen' | 'goed' | 'gebeuren';
  title: string;
  sections: KaartSection[];
}

export const KAART_COLUMNS: readonly KaartColumn[] = [
  {
    id: 'zorgen',
    title: 'Waar maken we ons zorgen over?',
    sections: [
      { id: 'gebeurd', title: 'Wat is er gebeurd?', question: 'Wat is er met de kinderen gebeurd? De eerste keer, de ergste keer en de laatste keer.' },
      { id: 'bang', title: 'Waar zijn we bang voor?', question: 'Wat kan er met de kinderen gebeuren als er niets verandert?' },
      { id: 'complicerend', title: 'Complicerende factoren', question: 'Wat maakt het moeilijker om dingen te veranderen?' },
    ],
  },
  {
    id: 'goed',
    title: 'Wat gaat er goed?',
    sections: [
      { id: 'krachten', title: 'Bestaande krachten', question: 'Wat lukt al? Wie wil en kan helpen om dingen te veranderen?' },
      { id: 'veiligheid', title: 'Bestaande veiligheid', question: 'Wat doen mensen nu al waardoor de kinderen veilig zijn?' },
    ],
  },
  {
    id: 'gebeuren',
    title: 'Wat moet er gebeuren?',
    sections: [
      { id: 'doelen-hulpverlening', title: 'Doelen van de hulpverlening', question: 'Wat moeten de hulpverleners zien om de zaak te kunnen sluiten?' },
      { id: 'doelen-gezin', title: 'Doelen van het gezin', question: 'Wat wil het gezin zelf dat er verandert?' },
      { id: 'direct', title: 'Direct noodzakelijk', question: 'Wat moet er nu meteen gebeuren?' },
      { id: 'stappen', title: 'Volgende stappen', question: 'Wat zijn de eerstvolgende kleine stappen?' },
    ],
  },
];

export const KAART_SECTIONS: readonly KaartSection[] = KAART_COLUMNS.flatMap((c) => c.sections);
export const KAART_SECTION_IDS: readonly string[] = KAART_SECTIONS.map((s) => s.id);

export function kaartSection(id: string): KaartSection | undefined {
  return KAART_SECTIONS.find((s) => s.id === id);
}

/** Plain-JSON rendering of the kaart document. */
export function renderKaart(doc: Y.Doc) {
  return renderSections(doc, KAART_SECTION_IDS);
}
