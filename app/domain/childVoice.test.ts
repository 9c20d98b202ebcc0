/** The child's own voice, cell by cell: pictures, age rules, and who writes, sees and chooses (SPEC §2.6, §3). */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './caseFacts';
import {
  childAge,
  DEFAULT_AGE_RULES as rules,
  mayChooseHouseViewers,
  mayHaveOwnLink,
  mayReadChildStory,
  maySeeHouses,
  mayWriteChildStory,
  mayWriteHouses,
  parsePictureRef,
  pictureMimeOf,
  type HouseChild,
} from './childVoice';

const child = (age: number, extra: Partial<HouseChild> = {}): HouseChild => ({ age, hasOwnRecord: true, housesForProfessionals: true, viewers: [], ...extra });
const as = (role: Role, participantId = `p-${role}`, isTheChild = false) => ({ role, participantId, isTheChild });
const WORKING = ['jeugdbeschermer', 'casusregisseur', 'professional'];

describe('age rules', () => {
  it('counts age from the birth year and today', () => {
    expect(childAge(2015, '2026-12-05')).toBe(11);
    expect(childAge(2014, Date.UTC(2026, 0, 1))).toBe(12);
  });
  it('gives an own link from ownLinkAge', () => {
    expect(mayHaveOwnLink(11, rules)).toBe(false);
    expect(mayHaveOwnLink(12, rules)).toBe(true);
    expect(mayHaveOwnLink(13, { ownLinkAge: 14, decidesAge: 16 })).toBe(false);
  });
});

describe('Woorden en Plaatjes', () => {
  it('are written by professionals who may write the plan (not the meelezer, not family or netwerk)', () => {
    expect(ROLES.filter(mayWriteChildStory)).toEqual(WORKING);
  });
  it('are read by everyone in the case', () => {
    expect(ROLES.filter(mayReadChildStory)).toEqual([...ROLES]);
  });
});

describe('Drie Huizen: who sees', () => {
  it('by default: the child and the professionals who work in the case', () => {
    for (const role of ROLES) expect(maySeeHouses(as(role), child(13), rules), role).toBe(WORKING.includes(role));
    expect(maySeeHouses(as('jeugdige', 'kind', true), child(13), rules)).toBe(true);
  });
  it('and the people the child chose', () => {
    expect(maySeeHouses(as('ouder', 'mama'), child(13, { viewers: ['mama'] }), rules)).toBe(true);
    expect(maySeeHouses(as('ouder', 'papa'), child(13, { viewers: ['mama'] }), rules)).toBe(false);
    expect(maySeeHouses(as('meelezer', 'mee'), child(17, { viewers: ['mee'] }), rules)).toBe(true);
  });
  it('from decidesAge the young person may hide them from professionals; younger children make them with a professional, who keeps seeing them', () => {
    expect(maySeeHouses(as('professional'), child(16, { housesForProfessionals: false }), rules)).toBe(false);
    expect(maySeeHouses(as('professional', 'pro'), child(16, { housesForProfessionals: false, viewers: ['pro'] }), rules)).toBe(true);
    expect(maySeeHouses(as('professional'), child(15, { housesForProfessionals: false }), rules)).toBe(true);
  });
});

describe('Drie Huizen: who writes', () => {
  it('the child from ownLinkAge, with an own record', () => {
    expect(mayWriteHouses(as('jeugdige', 'kind', true), child(12), rules)).toBe(true);
    expect(mayWriteHouses(as('jeugdige', 'kind', true), child(11), rules)).toBe(false);
    expect(mayWriteHouses(as('jeugdige', 'kind', true), child(14, { hasOwnRecord: false }), rules)).toBe(false);
  });
  it('a professional of the case beside them (while they may see the houses); nobody else', () => {
    for (const role of ROLES) expect(mayWriteHouses(as(role), child(9, { hasOwnRecord: false }), rules), role).toBe(WORKING.includes(role));
    // a chosen parent sees, but does not write
    expect(mayWriteHouses(as('ouder', 'mama'), child(13, { viewers: ['mama'] }), rules)).toBe(false);
    expect(mayWriteHouses(as('professional'), child(17, { housesForProfessionals: false }), rules)).toBe(false);
  });
});

describe('Drie Huizen: who chooses the viewers', () => {
  it('under decidesAge: a professional who works in the case (together with the child)', () => {
    for (const age of [8, 12, 15]) {
      for (const role of ROLES) expect(mayChooseHouseViewers(as(role), child(age), rules), `${role} ${age}`).toBe(WORKING.includes(role));
      expect(mayChooseHouseViewers(as('jeugdige', 'kind', true), child(age), rules)).toBe(false);
    }
  });
  it('from decidesAge: only the young person', () => {
    for (const role of ROLES) expect(mayChooseHouseViewers(as(role), child(16), rules), role).toBe(false);
    expect(mayChooseHouseViewers(as('jeugdige', 'kind', true), child(16), rules)).toBe(true);
    expect(mayChooseHouseViewers(as('jeugdige', 'kind', true), child(18, { hasOwnRecord: false }), rules)).toBe(false);
  });
  it('follows the organisation setting', () => {
    expect(mayChooseHouseViewers(as('jeugdige', 'kind', true), child(14), { ownLinkAge: 12, decidesAge: 14 })).toBe(true);
  });
});

describe('pictures', () => {
  it('reads references', () => {
    expect(parsePictureRef('bundled:huis')).toEqual({ kind: 'bundled', name: 'huis' });
    expect(parsePictureRef('upload:abc-123')).toEqual({ kind: 'upload', id: 'abc-123' });
    for (const bad of ['', 'bundled:kasteel', 'upload:../x', 'http://x/y.png', null, undefined]) expect(parsePictureRef(bad)).toBeNull();
  });
  it('knows PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(pictureMimeOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(pictureMimeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(pictureMimeOf(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(pictureMimeOf(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(pictureMimeOf(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(pictureMimeOf(new Uint8Array())).toBeNull();
  });
});
