import { describe, expect, it } from 'vitest';
import { daysAgo, daysAgoText, isPhoneNumber, questionStateText } from './questions';

describe('questions', () => {
  it('knows a phone number as people type it', () => {
    for (const ok of ['06-12345678', '06 12 34 56 78', '+31 6 12345678', '010-555 01 10', '(010) 555 0110']) expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of ['', '112', 'bel me', '06-1234', '+', '06-12345678 of later', '1'.repeat(16), 42, null])
      expect(isPhoneNumber(bad), String(bad)).toBe(false);
  });

  it('counts calendar days in the Netherlands', () => {
    const now = Date.parse('2027-03-10T10:00:00Z');
    expect(daysAgo(Date.parse('2027-03-10T00:30:00Z'), now)).toBe(0);
    // 23:30 UTC on the 9th is already the 10th in Amsterdam.
    expect(daysAgo(Date.parse('2027-03-09T23:30:00Z'), now)).toBe(0);
    expect(daysAgo(Date.parse('2027-03-09T12:00:00Z'), now)).toBe(1);
    expect(daysAgo(Date.parse('2027-03-08T12:00:00Z'), now)).toBe(2);
    expect(daysAgo(now + 1000, now)).toBe(0);
  });

  it('says the state in plain words', () => {
    expect(daysAgoText(0)).toBe('vandaag');
    expect(daysAgoText(1)).toBe('gisteren');
    expect(questionStateText({ answered: false, askedDays: 2 })).toBe('Nog geen antwoord — gesteld 2 dagen geleden');
    expect(questionStateText({ answered: true, askedDays: 5, answeredDays: 0 })).toBe('Beantwoord vandaag');
  });
});
