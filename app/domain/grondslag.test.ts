/** The grondslag rules (ADR 033, 040), role by role: who needs a ground, who may give consent, when a ground still holds. */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './caseFacts';
import { groundHolds, groundOptionsOf, groundSentence, LEGAL_GROUND_OF, mayGiveConsent, needsGrondslag } from './grondslag';

describe('who needs a ground, who gives consent', () => {
  const household: Role[] = ['ouder', 'jeugdige'];
  it.each(ROLES)('%s', (role) => {
    expect(needsGrondslag(role)).toBe(!household.includes(role));
    expect(mayGiveConsent(role)).toBe(household.includes(role));
  });
});

describe('groundHolds', () => {
  it('consent holds in every kader; a legal ground only while the maatregel does', () => {
    expect(groundHolds({ basis: 'toestemming' }, 'vrijwillig', null)).toBe(true);
    expect(groundHolds({ basis: 'toestemming' }, 'maatregel', 'OTS')).toBe(true);
    expect(groundHolds({ basis: 'wettelijk' }, 'maatregel', 'VOTS')).toBe(true);
    for (const kader of ['vrijwillig', 'drang', 'nazorg'] as const) expect(groundHolds({ basis: 'wettelijk' }, kader, null), kader).toBe(false);
  });
});

describe('groundOptionsOf', () => {
  const people = [
    { id: 'a', name: 'Linda', role: 'ouder' as const },
    { id: 'b', name: 'Sanne', role: 'jeugdige' as const },
    { id: 'c', name: 'Riet', role: 'netwerklid' as const },
    { id: 'd', name: 'Karim', role: 'casusregisseur' as const },
  ];
  it('offers the ouders and jeugdigen as givers, and the legal ground only under a maatregel', () => {
    const ots = groundOptionsOf({ participants: people, kader: 'maatregel', maatregelType: 'OTS' }, '2026-12-06');
    expect(ots).toEqual({
      givers: [
        { id: 'a', name: 'Linda' },
        { id: 'b', name: 'Sanne' },
      ],
      legalGround: LEGAL_GROUND_OF.OTS,
      today: '2026-12-06',
    });
    expect(groundOptionsOf({ participants: people, kader: 'drang', maatregelType: null }, '2026-12-06').legalGround).toBeNull();
    expect(groundOptionsOf({ participants: people.slice(2), kader: 'vrijwillig', maatregelType: null }, '2026-12-06').givers).toEqual([]);
  });
});

describe('groundSentence', () => {
  it('tells the family in plain words, and says so when nothing is recorded', () => {
    const consent = {
      participantId: 'c',
      basis: 'toestemming' as const,
      consentGivenById: 'a',
      consentGivenByName: 'Linda Bakker',
      consentGivenOn: '2026-12-03',
      purpose: 'om mee te denken over het plan',
      legalGround: null,
      recordedAt: 0,
    };
    expect(groundSentence('Oma Riet', consent, null, 2026)).toBe(
      'Oma Riet doet mee omdat Linda toestemming gaf op 3 december, om mee te denken over het plan.',
    );
    expect(groundSentence('Karim', { ...consent, basis: 'wettelijk', legalGround: LEGAL_GROUND_OF.OTS }, 'OTS', 2026)).toBe(
      'Karim doet mee vanwege de ondertoezichtstelling.',
    );
    expect(groundSentence('Karim', null, null, 2026)).toMatch(/nog niet opgeschreven/);
  });
});
