/**
 * The netwerkberaad's summary as pure data: what buildMeetingSummary keeps of
 * a case before and after a meeting, and how familySummaryLines tells it in
 * plain Dutch (B1). All people are fictional.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderBodemeisen } from './bodemeisen';
import type { CaseRendering } from './diff';
import { addItem, setStatus, setText } from './items';
import { renderKaart } from './kaart';
import { buildMeetingSummary, familySummaryLines, groupSummaryChanges, type MeetingSummary, type MeetingSummaryInput } from './meeting';
import { renderPlan } from './plan';

const karim = { participantId: 'p1', name: 'Karim El Idrissi', role: 'Casusregisseur' };
const linda = { participantId: 'p2', name: 'Linda Bakker', role: 'Ouder / verzorger' };
const NAMES: Record<string, string> = { p1: 'Karim El Idrissi', p2: 'Linda Bakker', p3: 'Riet de Vries' };

type Docs = { kaart: Y.Doc; plan: Y.Doc; bodemeisen: Y.Doc };
const rendering = (d: Docs, scores: CaseRendering['scores'] = {}): CaseRendering => ({
  kaart: renderKaart(d.kaart),
  plan: renderPlan(d.plan),
  bodemeisen: renderBodemeisen(d.bodemeisen),
  scores,
});

// 10 March 2027, 19:00–20:30 in Amsterdam (a Wednesday).
const START = Date.UTC(2027, 2, 10, 18, 0);
const END = Date.UTC(2027, 2, 10, 19, 30);

function input(before: CaseRendering, after: CaseRendering, extra: Partial<MeetingSummaryInput> = {}): MeetingSummaryInput {
  return {
    startedAt: START,
    endedAt: END,
    facilitator: 'Karim El Idrissi',
    attendees: [
      { participantId: 'p1', name: 'Karim El Idrissi', role: 'Casusregisseur' },
      { participantId: 'p2', name: 'Linda Bakker', role: 'Ouder / verzorger' },
    ],
    before,
    after,
    rounds: [],
    notes: [],
    nextMeetingDate: null,
    nameOf: (id) => NAMES[id],
    ...extra,
  };
}

/** A case with one worry, one resolvable step and one afspraak; then a meeting changes it. */
function meeting() {
  const docs: Docs = { kaart: new Y.Doc(), plan: new Y.Doc(), bodemeisen: new Y.Doc() };
  const worry = addItem(docs.kaart, linda, { section: 'bang', fields: { text: 'Ruzie als Mark gedronken heeft' } });
  const step = addItem(docs.kaart, karim, { section: 'stappen', fields: { text: 'Oma vragen om te helpen' } });
  addItem(docs.plan, karim, { section: 'afspraken', fields: { wat: 'Bestaande afspraak', wanneer: '' }, values: { wie: ['p2'] } });
  const before = rendering(docs, { p2: { name: 'Linda Bakker', score: 4 } });
  // During the meeting: one kaart item added, one edited, one resolved; two afspraken added, one withdrawn again.
  addItem(docs.kaart, linda, { section: 'krachten', fields: { text: 'Oma komt elke week langs' } });
  setText(docs.kaart, worry, 'text', 'Ruzie als Mark veel gedronken heeft', linda);
  setStatus(docs.kaart, step, 'opgelost', 'Oma helpt al', karim);
  addItem(docs.plan, karim, {
    section: 'afspraken',
    fields: { wat: 'Oma Riet haalt Daan op woensdag uit school', wanneer: '' },
    values: { wie: ['p3', 'p2'], start: '2027-03-17', herhaling: 'wekelijks:3' },
  });
  const oops = addItem(docs.plan, karim, { section: 'afspraken', fields: { wat: 'Per ongeluk dubbel', wanneer: '' }, values: { wie: ['p2'] } });
  setStatus(docs.plan, oops, 'ingetrokken', 'dubbel', karim);
  addItem(docs.plan, karim, { section: 'afspraken', fields: { wat: 'Linda belt de school', wanneer: 'deze week' }, values: { wie: ['p9'] } });
  // Scores given in the round are also in the "after" rendering: they must not come back as changes.
  const after = rendering(docs, { p2: { name: 'Linda Bakker', score: 6 }, p3: { name: 'Riet de Vries', score: 5 } });
  return { before, after };
}

describe('buildMeetingSummary', () => {
  it('counts what was added, changed and resolved, by document', () => {
    const { before, after } = meeting();
    const s = buildMeetingSummary(input(before, after));
    const kinds = (doc: string) =>
      s.changes
        .filter((c) => c.document === doc)
        .map((c) => c.kind)
        .sort();
    expect(kinds('Kaart')).toEqual(['gewijzigd', 'opgelost', 'toegevoegd']);
    expect(kinds('Veiligheidsplan')).toEqual(['toegevoegd', 'toegevoegd']);
    const grouped = groupSummaryChanges(s.changes);
    expect(grouped.map((g) => g.document)).toEqual(['Kaart', 'Veiligheidsplan']);
    expect(grouped[0]!.kinds.map((k) => k.label)).toEqual(['Nieuw', 'Aangepast', 'Opgelost']);
  });

  it('keeps new afspraken with the names of who does them and when; a withdrawn new one is left out everywhere', () => {
    const { before, after } = meeting();
    const s = buildMeetingSummary(input(before, after));
    expect(s.newAfspraken.map((a) => ({ wat: a.wat, wie: a.wie, wanneer: a.wanneer }))).toEqual([
      { wat: 'Oma Riet haalt Daan op woensdag uit school', wie: ['Riet de Vries', 'Linda Bakker'], wanneer: 'elke woensdag, vanaf 17 maart' },
      { wat: 'Linda belt de school', wie: ['iemand'], wanneer: 'deze week' },
    ]);
    expect(JSON.stringify(s)).not.toContain('Per ongeluk dubbel');
  });

  it('does not repeat the scores from the rendering: the rounds tell them', () => {
    const { before, after } = meeting();
    const rounds = [
      {
        openedAt: START,
        revealedAt: START + 1000,
        scores: [{ participantId: 'p2', name: 'Linda Bakker', score: 6, explanation: 'Het is rustiger.' }],
      },
    ];
    const s = buildMeetingSummary(input(before, after, { rounds }));
    expect(s.changes.filter((c) => c.document === 'Schaal' || c.kind === 'score')).toEqual([]);
    expect(s.rounds).toEqual(rounds);
  });
});

describe('familySummaryLines', () => {
  const full = (): MeetingSummary => {
    const { before, after } = meeting();
    return buildMeetingSummary(
      input(before, after, {
        rounds: [
          {
            openedAt: START,
            revealedAt: START,
            scores: [
              { participantId: 'p2', name: 'Linda Bakker', score: 6, explanation: null },
              { participantId: 'p3', name: 'Riet de Vries', score: 5, explanation: 'Beter.' },
            ],
          },
        ],
        notes: [
          { kind: 'notitie', text: 'Interne notitie over de risicotaxatie', by: 'Karim El Idrissi', at: START },
          { kind: 'beslissing', text: 'Mark slaapt bij zijn broer als een ruzie oploopt', by: 'Karim El Idrissi', at: START },
        ],
        nextMeetingDate: '2027-04-07',
      }),
    );
  };

  it('tells the whole meeting in short plain sentences', () => {
    const lines = familySummaryLines(full());
    expect(lines).toEqual([
      'Op woensdag 10 maart was er een netwerkberaad. Karim El Idrissi leidde het gesprek.',
      'Erbij waren: Karim El Idrissi en Linda Bakker.',
      'Samen hebben jullie 3 nieuwe punten opgeschreven, 1 keer iets veranderd en 1 punt opgelost.',
      'Iedereen gaf een cijfer van 0 tot 10. Dit waren de cijfers: Linda 6 en Riet 5.',
      'Nieuwe afspraak: Oma Riet haalt Daan op woensdag uit school. Riet de Vries en Linda Bakker doen dit, elke woensdag, vanaf 17 maart.',
      'Nieuwe afspraak: Linda belt de school. Iemand doet dit, deze week.',
      'Jullie hebben besloten: Mark slaapt bij zijn broer als een ruzie oploopt.',
      'Het volgende netwerkberaad is op woensdag 7 april.',
    ]);
  });

  it('reads in B1: no professional words, no internal notes, short sentences', () => {
    const text = familySummaryLines(full()).join(' ');
    for (const word of ['toegevoegd', 'gewijzigd', 'Veiligheidsplan', 'Kaart', 'risicotaxatie', 'sessie', 'facilitator', 'score']) {
      expect(text).not.toContain(word);
    }
    for (const line of familySummaryLines(full())) {
      expect(line).toMatch(/[.…]$/);
      for (const sentence of line.split(/(?<=\.)\s/)) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(20);
    }
  });

  it('leaves out the parts with nothing in them', () => {
    const empty = new Y.Doc();
    const r = rendering({ kaart: empty, plan: new Y.Doc(), bodemeisen: new Y.Doc() });
    const lines = familySummaryLines(buildMeetingSummary(input(r, r, { attendees: [] })));
    expect(lines).toEqual(['Op woensdag 10 maart was er een netwerkberaad. Karim El Idrissi leidde het gesprek.']);
    const noScores = buildMeetingSummary(input(r, r, { rounds: [{ openedAt: START, revealedAt: START, scores: [] }] }));
    expect(familySummaryLines(noScores).join(' ')).not.toContain('cijfer');
  });
});
