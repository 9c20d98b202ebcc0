/** Every section a family page shows has plain words and an explanation (ADR 029). */
import { describe, expect, it } from 'vitest';
import { BODEMEISEN_WORDS } from './bodemeisen';
import { ROLES } from './caseFacts';
import { KAART_COLUMNS, KAART_SECTIONS, KAART_WORDS } from './kaart';
import { PLAN_WORDS } from './plan';
import { SCALE_WORDS } from './scale';
import { VERSIONS_WORDS, timesInWords } from './versions';
import { titleFor, usesFamilyWords, type Wording } from './wording';

const all: [string, Wording][] = [
  ['kaart', KAART_WORDS],
  ...KAART_COLUMNS.map((c) => [`kolom ${c.id}`, c] as [string, Wording]),
  ...KAART_SECTIONS.map((s) => [`sectie ${s.id}`, s] as [string, Wording]),
  ['bodemeisen', BODEMEISEN_WORDS],
  ...Object.entries(PLAN_WORDS),
  ['schaal', SCALE_WORDS],
  ['versies', VERSIONS_WORDS],
];

/** Professional terms a family page must not use as a title. */
const JARGON = /bodemeis|complicerend|factoren|bestaande|noodzakelijk|hulpverlening|veiligheidsnetwerk|akkoord met/i;

describe('family wording', () => {
  it.each(all)('%s has a professional title, a family title and an explanation', (_name, w) => {
    expect(w.title.trim()).not.toBe('');
    expect(w.familyTitle.trim()).not.toBe('');
    expect(w.explain.trim().length).toBeGreaterThan(20);
  });

  it.each(all)('%s: the family title has no professional terms', (_name, w) => {
    expect(w.familyTitle).not.toMatch(JARGON);
  });

  it.each(all)('%s: the explanation is short sentences (B1: at most 25 words each)', (_name, w) => {
    const sentences = w.explain.split(/[.?!]\s*/).filter(Boolean);
    for (const s of sentences) expect(s.split(/\s+/).length, s).toBeLessThanOrEqual(25);
  });

  it('every kaart section has a plain question', () => {
    for (const s of KAART_SECTIONS) expect(s.familyQuestion.trim(), s.id).not.toBe('');
  });

  it('a term replaced for families is named in its explanation, so families recognise it when a professional says it', () => {
    for (const [name, w] of all) {
      if (w.familyTitle === w.title || !JARGON.test(w.title)) continue;
      expect(w.explain.toLowerCase(), name).toContain(w.title.toLowerCase().split(' ')[0]!);
    }
  });

  it('family words for ouder, jeugdige and netwerklid; professional terms for every professional role', () => {
    expect(ROLES.filter(usesFamilyWords)).toEqual(['ouder', 'jeugdige', 'netwerklid']);
    expect(titleFor(BODEMEISEN_WORDS, true)).toBe('Wat moet er minimaal goed gaan?');
    expect(titleFor(BODEMEISEN_WORDS, false)).toBe('Bodemeisen');
  });

  it('counts in words', () => {
    expect(timesInWords(1)).toBe('1 keer');
    expect(timesInWords(3)).toBe('3 keer');
  });
});
