/** The Signs of Safety kaart (framework): columns, sections and their Dutch prompts (SPEC §2.1). */
import type * as Y from 'yjs';
import { renderSections } from './items';
import type { Wording } from './wording';

/** Keys of the kaart's `meta` map that only the server writes: a changed value makes open pages reload the scores. */
export const KAART_META_KEYS = { scoresChangedAt: 'scoresChangedAt', meetingChangedAt: 'meetingChangedAt' } as const;

/** When the scores last changed (server-written), or undefined. */
export const scoresStamp = (doc: Y.Doc) => doc.getMap('meta').get(KAART_META_KEYS.scoresChangedAt) as number | undefined;

/** When the running netwerkberaad last changed (focus, round, attendance; server-written), or undefined. */
export const meetingStamp = (doc: Y.Doc) => doc.getMap('meta').get(KAART_META_KEYS.meetingChangedAt) as number | undefined;

/** A section: its professional title, its question, and plain words for family pages (ADR 029). */
export interface KaartSection extends Wording {
  id: string;
  question: string;
  /** The question in plain words, for family pages. */
  familyQuestion: string;
}

export interface KaartColumn extends Wording {
  id: 'zorgen' | 'goed' | 'gebeuren';
  sections: KaartSection[];
}

/** The kaart as a whole, for the tab's title. */
export const KAART_WORDS: Wording = {
  title: 'Kaart',
  familyTitle: 'Kaart: hoe gaat het nu?',
  explain:
    'Op de kaart schrijven we samen op hoe het nu gaat. Wat zijn de zorgen? Wat gaat er goed? En wat moet er gebeuren? Iedereen mag meeschrijven en iedereen kan het lezen.',
};

export const KAART_COLUMNS: readonly KaartColumn[] = [
  {
    id: 'zorgen',
    title: 'Waar maken we ons zorgen over?',
    familyTitle: 'Waar maken we ons zorgen over?',
    explain: 'Hier staat wat er mis is gegaan en wat we niet nog een keer willen. We schrijven het eerlijk en duidelijk op.',
    sections: [
      {
        id: 'gebeurd',
        title: 'Wat is er gebeurd?',
        question: 'Wat is er met de kinderen gebeurd? De eerste keer, de ergste keer en de laatste keer.',
        familyTitle: 'Wat is er gebeurd?',
        familyQuestion: 'Wat is er met de kinderen gebeurd? De eerste keer, de ergste keer en de laatste keer.',
        explain: 'Hier staat wat er echt is gebeurd. Niet wat mensen denken, maar wat iemand heeft gezien of gehoord.',
      },
      {
        id: 'bang',
        title: 'Waar zijn we bang voor?',
        question: 'Wat kan er met de kinderen gebeuren als er niets verandert?',
        familyTitle: 'Waar zijn we bang voor?',
        familyQuestion: 'Wat kan er met de kinderen gebeuren als er niets verandert?',
        explain: 'Hier staat wat er kan gebeuren als alles blijft zoals het is. Dat willen we samen voorkomen.',
      },
      {
        id: 'complicerend',
        title: 'Complicerende factoren',
        question: 'Wat maakt het moeilijker om dingen te veranderen?',
        familyTitle: 'Wat maakt het moeilijker?',
        familyQuestion: 'Wat maakt het moeilijker om dingen te veranderen?',
        explain:
          'Soms maken andere dingen het moeilijker. Bijvoorbeeld geldzorgen, ziekte of ruzie met familie. Dat is niet de zorg zelf, maar het helpt niet. Hulpverleners noemen dit complicerende factoren.',
      },
    ],
  },
  {
    id: 'goed',
    title: 'Wat gaat er goed?',
    familyTitle: 'Wat gaat er goed?',
    explain: 'Hier staat wat al goed gaat en wie helpt. Daar bouwen we op verder.',
    sections: [
      {
        id: 'krachten',
        title: 'Bestaande krachten',
        question: 'Wat lukt al? Wie wil en kan helpen om dingen te veranderen?',
        familyTitle: 'Wat lukt al?',
        familyQuestion: 'Wat lukt al? Wie wil en kan helpen om dingen te veranderen?',
        explain: 'Hier staat wat jullie al goed doen, en wie er wil helpen. Hulpverleners noemen dit bestaande krachten.',
      },
      {
        id: 'veiligheid',
        title: 'Bestaande veiligheid',
        question: 'Wat doen mensen nu al waardoor de kinderen veilig zijn?',
        familyTitle: 'Wat zorgt nu al voor veiligheid?',
        familyQuestion: 'Wat doen mensen nu al waardoor de kinderen veilig zijn?',
        explain: 'Hier staat wat mensen nu al doen, zodat de kinderen veilig zijn. Ook als het moeilijk was. Hulpverleners noemen dit bestaande veiligheid.',
      },
    ],
  },
  {
    id: 'gebeuren',
    title: 'Wat moet er gebeuren?',
    familyTitle: 'Wat moet er gebeuren?',
    explain: 'Hier staat wat er moet veranderen, wat iedereen wil bereiken en wat de volgende stap is.',
    sections: [
      {
        id: 'doelen-hulpverlening',
        title: 'Doelen van de hulpverlening',
        question: 'Wat moeten de hulpverleners zien om de zaak te kunnen sluiten?',
        familyTitle: 'Wat willen de hulpverleners zien?',
        familyQuestion: 'Wat moeten de hulpverleners zien voordat zij kunnen stoppen?',
        explain:
          'Hier staat wat de hulpverleners willen zien. Als dat lukt, is hun hulp niet meer nodig. Hulpverleners noemen dit de doelen van de hulpverlening.',
      },
      {
        id: 'doelen-gezin',
        title: 'Doelen van het gezin',
        question: 'Wat wil het gezin zelf dat er verandert?',
        familyTitle: 'Wat willen jullie zelf?',
        familyQuestion: 'Wat willen jullie zelf dat er verandert?',
        explain: 'Hier staat wat jullie zelf willen veranderen. Dat is net zo belangrijk als wat de hulpverleners willen.',
      },
      {
        id: 'direct',
        title: 'Direct noodzakelijk',
        question: 'Wat moet er nu meteen gebeuren?',
        familyTitle: 'Wat moet nu meteen?',
        familyQuestion: 'Wat moet er nu meteen gebeuren?',
        explain: 'Hier staat wat niet kan wachten. Dit moet eerst gebeuren, zodat de kinderen nu veilig zijn. Hulpverleners noemen dit direct noodzakelijk.',
      },
      {
        id: 'stappen',
        title: 'Volgende stappen',
        question: 'Wat zijn de eerstvolgende kleine stappen?',
        familyTitle: 'Wat is de volgende stap?',
        familyQuestion: 'Wat zijn de eerstvolgende kleine stappen?',
        explain: 'Hier staan kleine stappen voor de komende tijd. Wie doet wat, en wanneer.',
      },
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
