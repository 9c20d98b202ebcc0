/** The score chart's data: points in the picture, the 0–10 scale, the spread between people, labels that never overlap. */
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, initialsFor, LABEL_GAP, MAX_POINTS, PLOT, scoreChartModel, scoreY, spreadLabels } from './scoreChart';

const DAY = 86_400_000;
const linda = {
  id: 'p-linda',
  name: 'Linda Bakker',
  points: [
    { score: 7, at: 0 },
    { score: 8, at: 10 * DAY },
  ],
};
const sophie = { id: 'p-sophie', name: 'Sophie Jansen', points: [{ score: 3, at: 5 * DAY }] };

describe('scoreChartModel', () => {
  it('draws nothing when nobody gave a score', () => {
    expect(scoreChartModel([])).toBeNull();
    expect(scoreChartModel([{ id: 'x', name: 'Niemand', points: [] }])).toBeNull();
  });

  it('puts 10 at the top and 0 at the bottom of the plot', () => {
    expect(scoreY(10)).toBe(PLOT.top);
    expect(scoreY(0)).toBe(PLOT.bottom);
    expect(scoreY(5)).toBe((PLOT.top + PLOT.bottom) / 2);
    expect(scoreY(14)).toBe(PLOT.top); // Never outside the picture.
  });

  it('runs time from left to right across all people', () => {
    const model = scoreChartModel([linda, sophie])!;
    const [l, s] = model.series;
    expect(l!.points.map((p) => p.x)).toEqual([PLOT.left, PLOT.right]);
    expect(s!.points[0]!.x).toBe((PLOT.left + PLOT.right) / 2);
    expect(l!.points.map((p) => p.y)).toEqual([scoreY(7), scoreY(8)]);
    expect(model.from).toBe(0);
    expect(model.to).toBe(10 * DAY);
    expect(PLOT.right).toBeLessThan(CHART_WIDTH);
  });

  it('shows the spread between the latest scores: Linda at 8, Sophie at 3 is a difference of 5', () => {
    expect(scoreChartModel([linda, sophie])!.spread).toEqual({ high: 8, low: 3, difference: 5, yHigh: scoreY(8), yLow: scoreY(3) });
  });

  it('has no spread with one person, and puts a single score in the middle', () => {
    const model = scoreChartModel([sophie])!;
    expect(model.spread).toBeNull();
    expect(model.series[0]!.points).toEqual([{ score: 3, at: 5 * DAY, x: (PLOT.left + PLOT.right) / 2, y: scoreY(3) }]);
    expect(model.series[0]!.latest.score).toBe(3);
  });

  it('keeps only the latest scores of a person, in time order', () => {
    const many = Array.from({ length: MAX_POINTS + 5 }, (_, i) => ({ score: i % 11, at: (MAX_POINTS + 5 - i) * DAY }));
    const points = scoreChartModel([{ id: 'a', name: 'Oma Riet', points: many }])!.series[0]!.points;
    expect(points).toHaveLength(MAX_POINTS);
    expect(points.map((p) => p.at)).toEqual([...points.map((p) => p.at)].sort((a, b) => a - b));
  });

  it('keeps equal scores readable: the end labels move apart', () => {
    const model = scoreChartModel([
      { id: 'a', name: 'Linda Bakker', points: [{ score: 6, at: 0 }] },
      { id: 'b', name: 'Mark de Vries', points: [{ score: 6, at: 0 }] },
    ])!;
    const [a, b] = model.series.map((s) => s.labelY);
    expect(Math.abs(a! - b!)).toBeGreaterThanOrEqual(LABEL_GAP);
    expect(model.spread!.difference).toBe(0);
  });
});

describe('labels', () => {
  it('makes short unique initials', () => {
    expect(initialsFor(['Linda Bakker', 'Lars Bos', 'Oma', 'Mark de Vries'])).toEqual(['LB', 'LB2', 'OM', 'MV']);
  });

  it('spreads labels within the plot, also at the bottom edge', () => {
    const ys = spreadLabels([PLOT.bottom, PLOT.bottom, PLOT.bottom]);
    expect(Math.max(...ys)).toBeLessThanOrEqual(PLOT.bottom);
    const sorted = [...ys].sort((a, b) => a - b);
    expect(sorted[1]! - sorted[0]!).toBeGreaterThanOrEqual(LABEL_GAP);
    expect(sorted[2]! - sorted[1]!).toBeGreaterThanOrEqual(LABEL_GAP);
  });
});
