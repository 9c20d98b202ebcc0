/** "Wie heeft ons plan bekeken?": plain sentences per day, one line per person and kind, "Jij" for the reader. */
import { describe, expect, it } from 'vitest';
import { planViewDays, type PlanActivity } from './planViews';

// Tuesday 3 December 2024, 14:10 and 09:05 in Amsterdam (UTC+1), and the Monday before.
const TUE_1410 = Date.UTC(2024, 11, 3, 13, 10);
const TUE_0905 = Date.UTC(2024, 11, 3, 8, 5);
const MON_2330 = Date.UTC(2024, 11, 2, 22, 30);

const karim = { personId: 'p-karim', name: 'Karim El Idrissi', role: 'jeugdbeschermer' as const };
const riet = { personId: 'p-riet', name: 'Riet de Vries', role: 'netwerklid' as const };

describe('planViewDays', () => {
  it('groups per day (in the Netherlands), newest first, with the latest time and views counted', () => {
    const rows: PlanActivity[] = [
      { ...karim, kind: 'bekeken', at: TUE_0905, count: 1 },
      { ...karim, kind: 'bekeken', at: TUE_1410, count: 2 },
      { ...riet, kind: 'kaart', at: TUE_0905, count: 4 },
      { ...karim, kind: 'cijfer', at: MON_2330, count: 1 },
    ];
    expect(planViewDays(rows, 'p-ouder')).toEqual([
      {
        day: 'dinsdag 3 december',
        lines: [
          { text: 'Karim El Idrissi (jeugdbeschermer) heeft het plan 3 keer bekeken', time: '14:10' },
          { text: 'Riet de Vries (netwerk) heeft iets veranderd in de kaart', time: '09:05' },
        ],
      },
      { day: 'maandag 2 december', lines: [{ text: 'Karim El Idrissi (jeugdbeschermer) heeft een cijfer gegeven', time: '23:30' }] },
    ]);
  });

  it('says "Jij hebt" for the reader', () => {
    const [day] = planViewDays([{ ...riet, kind: 'bekeken', at: TUE_1410, count: 1 }], 'p-riet');
    expect(day!.lines[0]!.text).toBe('Jij hebt het plan bekeken');
  });

  it('has nothing to show for no activity', () => {
    expect(planViewDays([], 'x')).toEqual([]);
  });
});
