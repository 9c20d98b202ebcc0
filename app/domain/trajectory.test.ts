import { describe, expect, it } from 'vitest';
import { DRANG_SERVICES, KADERS, MAATREGEL_TYPES, STAGES } from './caseFacts';
import {
  DRANG_SERVICE_PLAIN,
  familyStepTexts,
  KADER_FAMILY_TEXTS,
  KADER_TRANSITIONS,
  kaderTransition,
  MAATREGEL_FAMILY_TEXTS,
  nextSteps,
  sourceKeyOf,
  stageTransition,
  STEP_KEYS,
  stepValue,
  whenNextLook,
  type SourceKey,
  type StepKey,
} from './trajectory';

const v = (step: SourceKey) => {
  const [kader, detail] = step.split(':') as [never, string | undefined];
  return {
    kader,
    maatregelType: (kader as string) === 'maatregel' ? ((detail ?? null) as never) : null,
    service: (kader as string) === 'drang' ? ((detail ?? null) as never) : null,
  };
};

describe('the kader transition table, cell by cell', () => {
  it.each<[SourceKey, StepKey, string]>([
    ['vrijwillig', 'drang:informatie-advies', 'opschalen'],
    ['vrijwillig', 'maatregel:VOTS', 'opschalen'],
    ['vrijwillig', 'maatregel:OTS', 'opschalen'],
    ['drang:informatie-advies', 'drang:specialistisch-casemanagement', 'wijziging'],
    ['drang:aansluiten-ondersteunen', 'vrijwillig', 'afschalen'],
    ['drang:specialistisch-casemanagement', 'maatregel:OTS', 'opschalen'],
    ['drang:informatie-advies', 'nazorg', 'afschalen'],
    ['maatregel:VOTS', 'maatregel:OTS', 'opschalen'],
    ['maatregel:OTS', 'maatregel:voogdij', 'opschalen'],
    ['maatregel:OTS', 'drang:aansluiten-ondersteunen', 'afschalen'],
    ['maatregel:OTS', 'nazorg', 'afschalen'],
    ['maatregel:voogdij', 'maatregel:OTS', 'afschalen'],
    ['nazorg', 'vrijwillig', 'opschalen'],
    ['nazorg', 'maatregel:VOTS', 'opschalen'],
    ['drang', 'drang:informatie-advies', 'wijziging'],
    ['maatregel', 'maatregel:OTS', 'wijziging'],
  ])('%s → %s is %s', (from, to, kind) => {
    expect(kaderTransition(v(from), v(to))).toEqual({ ok: true, kind });
  });

  it.each<[SourceKey, SourceKey]>([
    ['vrijwillig', 'nazorg'],
    ['vrijwillig', 'vrijwillig'],
    ['vrijwillig', 'maatregel:voogdij'],
    ['drang:informatie-advies', 'drang:informatie-advies'],
    ['drang:informatie-advies', 'maatregel:voogdij'],
    ['maatregel:OTS', 'maatregel:OTS'],
    ['maatregel:OTS', 'maatregel:VOTS'],
    ['maatregel:voogdij', 'vrijwillig'],
    ['maatregel:voogdij', 'drang:informatie-advies'],
    ['nazorg', 'nazorg'],
    ['nazorg', 'maatregel:voogdij'],
  ])('%s → %s is not allowed, with a Dutch reason', (from, to) => {
    const check = kaderTransition(v(from), v(to));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/^(de casus staat al|van “.*” naar “.*” is geen toegestane stap)/);
  });

  it('a drang without service or a maatregel without type is never a target', () => {
    expect(kaderTransition(v('vrijwillig'), v('drang'))).toEqual({ ok: false, reason: 'kies bij werken zonder maatregel welke dienst.' });
    expect(kaderTransition(v('drang:informatie-advies'), v('maatregel'))).toEqual({ ok: false, reason: 'kies bij een maatregel welk type.' });
  });

  it('labels agree with the order of the trajectory (more help is opschalen, less is afschalen)', () => {
    const rank = (s: SourceKey) => {
      const { kader, maatregelType } = v(s) as { kader: string; maatregelType: string | null };
      if (kader === 'nazorg') return 0;
      if (kader === 'vrijwillig') return 1;
      if (kader === 'drang') return 2;
      return maatregelType === 'VOTS' ? 3 : maatregelType === 'OTS' ? 4 : maatregelType === 'voogdij' ? 5 : 3.5;
    };
    for (const [from, row] of Object.entries(KADER_TRANSITIONS) as [SourceKey, Partial<Record<StepKey, string>>][]) {
      for (const [to, kind] of Object.entries(row) as [StepKey, string][]) {
        expect(to, `${from} → itself`).not.toBe(from);
        const sameKaderDetailMissing = (from === 'drang' && to.startsWith('drang:')) || (from === 'maatregel' && to.startsWith('maatregel:'));
        const expected = sameKaderDetailMissing || rank(to) === rank(from) ? 'wijziging' : rank(to) > rank(from) ? 'opschalen' : 'afschalen';
        expect(kind, `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('every step can be reached and left', () => {
    for (const step of STEP_KEYS) {
      expect(nextSteps(stepValue(step)).length, `from ${step}`).toBeGreaterThan(0);
      expect(
        Object.values(KADER_TRANSITIONS).some((row) => row[step]),
        `to ${step}`,
      ).toBe(true);
    }
  });

  it('step keys and values round-trip', () => {
    for (const step of STEP_KEYS) expect(sourceKeyOf(stepValue(step))).toBe(step);
    expect(stepValue('maatregel:OTS')).toEqual({ kader: 'maatregel', maatregelType: 'OTS', service: null });
    expect(stepValue('drang:aansluiten-ondersteunen')).toEqual({ kader: 'drang', maatregelType: null, service: 'aansluiten-ondersteunen' });
  });

  it('offers the next steps in trajectory order with their label', () => {
    expect(nextSteps({ kader: 'maatregel', maatregelType: 'voogdij' }).map((s) => [s.step, s.kind])).toEqual([
      ['maatregel:OTS', 'afschalen'],
      ['nazorg', 'afschalen'],
    ]);
  });
});

describe('stage transitions', () => {
  it('allows any other stage, forward or back, and refuses the same one', () => {
    expect(stageTransition('kennismaking', 'uitvoering')).toEqual({ ok: true, direction: 'verder' });
    expect(stageTransition('afronding', 'veiligheidsplan')).toEqual({ ok: true, direction: 'terug' });
    for (const s of STAGES) expect(stageTransition(s, s).ok).toBe(false);
  });
});

describe('the family’s words per step', () => {
  const filled = (t: { now: string; ifNotWorking: string }) => {
    expect(t.now.length).toBeGreaterThan(40);
    expect(t.ifNotWorking.length).toBeGreaterThan(40);
  };

  it('every kader, maatregel type and drang service has its texts', () => {
    for (const k of KADERS) filled(KADER_FAMILY_TEXTS[k]);
    for (const t of MAATREGEL_TYPES) filled(MAATREGEL_FAMILY_TEXTS[t]);
    for (const s of DRANG_SERVICES) expect(DRANG_SERVICE_PLAIN[s]).toMatch(/\.$/);
    for (const step of STEP_KEYS) filled(familyStepTexts(stepValue(step)));
  });

  it('says honestly what can happen next', () => {
    expect(familyStepTexts({ kader: 'vrijwillig' }).ifNotWorking).toMatch(/zonder maatregel/);
    expect(familyStepTexts({ kader: 'vrijwillig' }).ifNotWorking).toMatch(/Raad voor de Kinderbescherming/);
    expect(familyStepTexts({ kader: 'maatregel', maatregelType: 'OTS' }).ifNotWorking).toMatch(/verlengen/);
    expect(familyStepTexts({ kader: 'maatregel', maatregelType: 'OTS' }).ifNotWorking).toMatch(/uithuisplaatsing/);
    expect(familyStepTexts({ kader: 'drang', service: 'informatie-advies' }).now).toContain(DRANG_SERVICE_PLAIN['informatie-advies']);
  });

  it('keeps sentences short (B1): no sentence longer than 25 words', () => {
    const all = [...Object.values(KADER_FAMILY_TEXTS), ...Object.values(MAATREGEL_FAMILY_TEXTS)].flatMap((t) => [t.now, t.ifNotWorking]);
    for (const text of [...all, ...Object.values(DRANG_SERVICE_PLAIN)]) {
      for (const sentence of text.split(/[.?!]\s/)) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(25);
    }
  });

  it('says when there will be a look again', () => {
    expect(whenNextLook('2027-04-10', '2027-03-03')).toBe(
      'Op 10 april 2027 kijken we samen hoe het gaat. We bespreken wat goed gaat, wat nog zorgen geeft en wat de volgende stap is.',
    );
    expect(whenNextLook('2027-03-03', '2027-03-03')).toMatch(/^Vandaag \(3 maart 2027\) kijken we/);
    expect(whenNextLook('2027-03-01', '2027-03-03')).toMatch(/stond gepland op 1 maart 2027/);
    expect(whenNextLook(null, '2027-03-03')).toMatch(/nog geen datum/);
  });
});
