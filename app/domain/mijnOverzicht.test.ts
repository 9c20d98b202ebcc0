/**
 * Mijn overzicht, pure parts: the fast window occurrences agree with
 * recurrence.ts for every kind of recurrence; attention reasons, texts, the
 * score line, and sorting/filtering with unknown query values.
 */
import { describe, expect, it } from 'vitest';
import {
  attentionReasons,
  attentionText,
  occurrencesInWindow,
  parseFilter,
  parseSort,
  reportWindow,
  scoreLine,
  sortAndFilter,
  type CaseSummary,
} from './mijnOverzicht';
import { addDaysIso, occurrences, parseRecurrence } from './recurrence';

describe('occurrencesInWindow', () => {
  it('gives the same days as occurrences() for every recurrence and start', () => {
    for (const today of ['2027-03-10', '2028-02-29', '2026-12-31']) {
      const window = reportWindow(today);
      expect(window).toHaveLength(14);
      expect(window.at(-1)!.iso).toBe(addDaysIso(today, -1));
      for (const stored of [
        'eenmalig',
        'dagelijks',
        'wekelijks:1',
        'wekelijks:3,5',
        'wekelijks:1,2,3,4,5,6,7',
        'wekelijks:7',
        'weken:2',
        'weken:3',
        'weken:8',
      ]) {
        const r = parseRecurrence(stored)!;
        for (let offset = -80; offset <= 3; offset++) {
          const start = addDaysIso(today, offset);
          expect(occurrencesInWindow(r, start, window), `${stored} from ${start}`).toEqual(occurrences(r, start, window[0]!.iso, window.at(-1)!.iso));
        }
      }
    }
  });
});

const base: Omit<CaseSummary, 'attention'> = {
  id: 'c1',
  title: 'Gezin A',
  stage: 'x',
  kader: 'y',
  closedAt: null,
  myRole: 'professional',
  regie: false,
  nextEvaluationDate: '2027-01-01',
  evaluationOverdue: false,
  afspraken: { total: 0, notReported: 0, notKeptTwice: 0, withoutOwner: 0 },
  akkoord: null,
  scores: [],
  spread: null,
  familyLastVisitAt: null,
  lastChangeAt: null,
  weeksWithoutChange: 0,
  overdracht: null,
  absences: [],
  openQuestions: [],
  sinceMyLastVisit: null,
};
const summary = (over: Partial<CaseSummary>): CaseSummary => {
  const s = { ...base, ...over };
  return { ...s, attention: attentionReasons(s) };
};

describe('attention', () => {
  it('puts open questions of the family first, with the oldest one’s age', () => {
    const q = (days: number) => ({ id: `q${days}`, kind: 'vraag' as const, asker: 'Linda', askedAt: 0, days });
    const one = summary({ openQuestions: [q(2)], evaluationOverdue: true }).attention;
    expect(one[0]).toEqual({ kind: 'open-vraag', count: 1, oldestDays: 2 });
    expect(attentionText(one[0]!, (d) => d)).toBe('Open vraag, gesteld 2 dagen geleden');
    const two = summary({ openQuestions: [q(0), q(1)] }).attention[0]!;
    expect(attentionText(two, (d) => d)).toBe('2 open vragen, de oudste gesteld gisteren');
    expect(summary({ openQuestions: [q(1)], closedAt: 1 }).attention).toEqual([]);
  });

  it('a calm case needs none; a spread of 3 and six quiet weeks do', () => {
    expect(summary({}).attention).toEqual([]);
    expect(summary({ spread: 2, weeksWithoutChange: 5 }).attention).toEqual([]);
    expect(summary({ spread: 3, weeksWithoutChange: 6 }).attention).toEqual([
      { kind: 'scores-uiteen', spread: 3 },
      { kind: 'geen-wijziging', weeks: 6 },
    ]);
  });

  it('a closed case never needs attention', () => {
    expect(summary({ closedAt: 1, evaluationOverdue: true, spread: 9 }).attention).toEqual([]);
  });

  it('says each reason in one Dutch line', () => {
    const s = summary({
      evaluationOverdue: true,
      afspraken: { total: 3, notReported: 2, notKeptTwice: 1, withoutOwner: 1 },
      akkoord: { askedAt: 1, open: ['Riet', 'Mark'], refused: [] },
      overdracht: { from: 'Sophie', to: 'Karim', startedAt: 1 },
    });
    expect(s.attention.map((r) => attentionText(r, (iso) => iso))).toEqual([
      'Evaluatiemoment was op 2027-01-01',
      '1 afspraak twee keer op rij niet gelukt',
      '2 afspraken niet gemeld in de laatste 14 dagen',
      '1 afspraak zonder eigenaar',
      'Akkoord gevraagd, nog geen antwoord van Riet en Mark',
      'Overdracht loopt naar Karim',
    ]);
  });
});

describe('score line', () => {
  it('shows each score with its trend and the spread', () => {
    expect(
      scoreLine(
        [
          { participantId: 'a', name: 'Linda Bakker', score: 7, previous: 5, at: 1, history: [] },
          { participantId: 'b', name: 'Sophie Jansen', score: 3, previous: 3, at: 1, history: [] },
          { participantId: 'c', name: 'Mark Bakker', score: 4, previous: 6, at: 1, history: [] },
        ],
        4,
      ),
    ).toBe('Linda 7 ↑, Sophie 3 →, Mark 4 ↓ · verschil 4');
    expect(scoreLine([], null)).toBe('Nog geen scores');
  });
});

describe('sort and filter', () => {
  const a = summary({ id: 'a', title: 'Gezin Zon', regie: true, nextEvaluationDate: '2027-05-01' });
  const b = summary({ id: 'b', title: 'Gezin Maan', evaluationOverdue: true, nextEvaluationDate: '2027-01-01' });
  const c = summary({ id: 'c', title: 'Gezin Aarde', nextEvaluationDate: null });
  const closed = summary({ id: 'd', title: 'Gezin Af', closedAt: 5 });
  it('sorts attention first, by evaluatiemoment or by name; closed cases last', () => {
    expect(sortAndFilter([a, b, c, closed], 'aandacht', 'alle').map((x) => x.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sortAndFilter([a, b, c, closed], 'evaluatie', 'alle').map((x) => x.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sortAndFilter([a, b, c, closed], 'naam', 'alle').map((x) => x.id)).toEqual(['c', 'b', 'a', 'd']);
  });
  it('filters on regie and on attention', () => {
    expect(sortAndFilter([a, b, c], 'naam', 'regie').map((x) => x.id)).toEqual(['a']);
    expect(sortAndFilter([a, b, c], 'naam', 'aandacht').map((x) => x.id)).toEqual(['b']);
  });
  it('reads unknown query values as the defaults', () => {
    expect(parseSort('<x>')).toBe('aandacht');
    expect(parseSort(null)).toBe('aandacht');
    expect(parseFilter('regie')).toBe('regie');
    expect(parseFilter('\u0000')).toBe('alle');
  });
});
