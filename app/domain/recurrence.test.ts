import { describe, expect, it } from 'vitest';
import { describeRecurrence, formatRecurrence, isIsoDate, latestOccurrence, occurrences, occursOn, parseRecurrence } from './recurrence';

describe('recurrence', () => {
  it('parses and formats the stored forms, and refuses anything else', () => {
    for (const v of ['eenmalig', 'dagelijks', 'wekelijks:3,5', 'weken:2']) expect(formatRecurrence(parseRecurrence(v)!)).toBe(v);
    expect(parseRecurrence('wekelijks:5,3,3')).toEqual({ kind: 'wekelijks', days: [3, 5] });
    for (const v of ['', 'wekelijks:', 'wekelijks:8', 'weken:1', 'weken:9', 'maandelijks', 3, null]) expect(parseRecurrence(v)).toBeNull();
  });

  it('knows real dates', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    for (const v of ['2027-02-30', '27-02-01', '2027-2-1', 'morgen', 20270201]) expect(isIsoDate(v)).toBe(false);
  });

  it('gives the occurrences: wednesday and friday from a monday', () => {
    const r = parseRecurrence('wekelijks:3,5')!;
    expect(occurrences(r, '2027-03-01', '2027-03-01', '2027-03-14')).toEqual(['2027-03-03', '2027-03-05', '2027-03-10', '2027-03-12']);
    expect(occursOn(r, '2027-03-01', '2027-02-24')).toBe(false); // before the start
    expect(describeRecurrence(r, '2027-03-01')).toBe('elke woensdag en vrijdag');
    expect(latestOccurrence(r, '2027-03-01', '2027-03-09')).toBe('2027-03-05');
    expect(latestOccurrence(r, '2027-03-01', '2027-03-02')).toBeNull();
  });

  it('every other week on the start’s weekday; once; daily', () => {
    const twoWeeks = parseRecurrence('weken:2')!;
    expect(occurrences(twoWeeks, '2027-03-01', '2027-03-01', '2027-03-31')).toEqual(['2027-03-01', '2027-03-15', '2027-03-29']);
    expect(describeRecurrence(twoWeeks, '2027-03-01')).toBe('om de 2 weken op maandag');
    expect(occurrences({ kind: 'eenmalig' }, '2027-03-04', '2027-03-01', '2027-03-31')).toEqual(['2027-03-04']);
    expect(occurrences({ kind: 'dagelijks' }, '2027-03-04', '2027-03-01', '2027-03-06')).toEqual(['2027-03-04', '2027-03-05', '2027-03-06']);
  });
});
