import { describe, expect, it } from 'vitest';
import { describeEvent, describeEventForFamily, type CaseEventView } from './caseEvents';
import { absenceText, addDays, helpText, isIsoDate, isoDayOf, periodText, shortDate } from './regie';

const event = (e: Partial<CaseEventView>): CaseEventView => ({
  id: 1,
  at: Date.UTC(2027, 2, 3, 10),
  type: 'absence-set',
  actorName: 'Jan de Vries',
  subjectName: 'Sophie Jansen',
  field: null,
  oldValue: null,
  newValue: null,
  reason: null,
  refId: null,
  ...e,
});

describe('regie dates (whole days)', () => {
  it('accepts only real calendar dates written yyyy-mm-dd', () => {
    expect(isIsoDate('2027-03-03')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2027-02-29', '2027-02-30', '2027-13-01', '3-3-2027', '2027-3-3', 'morgen', '', 20270303, null])
      expect(isIsoDate(bad), String(bad)).toBe(false);
  });

  it('adds days across months and years, and reads a moment as a day in the Netherlands', () => {
    expect(addDays('2027-02-27', 3)).toBe('2027-03-02');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(isoDayOf(Date.UTC(2027, 11, 31, 23, 30))).toBe('2028-01-01');
  });

  it('writes periods in Dutch, both days included', () => {
    expect(periodText('2027-03-03', '2027-03-17')).toBe('van 3 maart tot en met 17 maart 2027');
    expect(periodText('2026-12-20', '2027-01-04')).toBe('van 20 december 2026 tot en met 4 januari 2027');
    expect(periodText('2026-09-01', null)).toBe('sinds 1 september 2026');
    expect(shortDate('2027-03-03', '2027-01-01')).toBe('3 maart');
    expect(shortDate('2027-03-03')).toBe('3 maart 2027');
  });
});

describe('absence and help events read well', () => {
  const absence = { from: '2027-03-03', until: '2027-03-17', standIn: 'Karin Smit' };

  it('for professionals and, in plain words, for the family', () => {
    expect(absenceText(absence)).toBe('van 3 maart tot en met 17 maart 2027, vervanger: Karin Smit');
    expect(describeEvent(event({ newValue: absence }))).toBe('Sophie Jansen is afwezig van 3 maart tot en met 17 maart 2027, vervanger: Karin Smit.');
    expect(describeEventForFamily(event({ newValue: absence }))).toBe(
      'Sophie Jansen is afwezig van 3 maart tot en met 17 maart 2027. Bel in die tijd Karin Smit.',
    );
  });

  it('task and period, and help that ended with what it brought', () => {
    const help = { task: 'Gezinscoach', from: '2026-09-01', until: '2027-02-28', result: 'Vaste bedtijden.' };
    expect(helpText(help)).toBe('Gezinscoach, van 1 september 2026 tot en met 28 februari 2027 — opgeleverd: Vaste bedtijden.');
    expect(describeEvent(event({ type: 'help-changed', newValue: help }))).toBe(
      'Taak of periode van Sophie Jansen: Gezinscoach, van 1 september 2026 tot en met 28 februari 2027 — opgeleverd: Vaste bedtijden.',
    );
    expect(describeEventForFamily(event({ type: 'help-changed', newValue: help }))).toBe(
      'Op 3 maart is vastgelegd dat de hulp van Sophie Jansen (Gezinscoach) stopt op 28 februari. Dit heeft het opgeleverd: Vaste bedtijden.',
    );
    expect(describeEventForFamily(event({ type: 'help-changed', newValue: { ...help, until: null, result: null } }))).toBe(
      'Op 3 maart is vastgelegd wat Sophie Jansen doet: Gezinscoach.',
    );
  });
});
