/**
 * Data shaping for the scale-score chart (app/components/ScoreChart.tsx):
 * each person's scores over time as points in a fixed SVG coordinate system
 * (viewBox CHART_WIDTH × CHART_HEIGHT; the SVG scales to the screen), a
 * 0–10 axis, a short label (initials) per person at the end of their line,
 * and the spread between people at their latest scores. Pure code.
 *
 * Invariants: a score is always drawn inside the plot (clamped to 0–10);
 * time runs left to right (one moment only: the points sit in the middle);
 * at most MAX_POINTS per person (the latest ones), so the picture stays
 * small; end labels never overlap (nudged apart vertically); initials are
 * unique within one chart; people without scores are left out.
 */

export const CHART_WIDTH = 320;
export const CHART_HEIGHT = 180;
export const MAX_POINTS = 20;
export const PLOT = { left: 26, right: CHART_WIDTH - 100, top: 10, bottom: CHART_HEIGHT - 24 } as const;
/** Minimal vertical distance between two end labels (in viewBox units). */
export const LABEL_GAP = 12;

export interface ScoreSeriesInput {
  id: string;
  name: string;
  points: { score: number; at: number }[];
}

export interface ChartPoint {
  score: number;
  at: number;
  x: number;
  y: number;
}

export interface ChartSeries {
  id: string;
  name: string;
  initials: string;
  points: ChartPoint[];
  latest: ChartPoint;
  /** Where the end label sits (y after nudging). */
  labelY: number;
}

export interface ChartSpread {
  high: number;
  low: number;
  difference: number;
  yHigh: number;
  yLow: number;
}

export interface ScoreChartModel {
  series: ChartSeries[];
  /** Between the highest and lowest latest score; null with fewer than two people. */
  spread: ChartSpread | null;
  from: number;
  to: number;
  yTicks: { score: number; y: number }[];
}

/** Coordinates with one decimal: plenty for a picture, and short in the page. */
const round = (v: number) => Math.round(v * 10) / 10;

export const scoreY = (score: number) => round(PLOT.bottom - (Math.min(10, Math.max(0, score)) / 10) * (PLOT.bottom - PLOT.top));

export function timeX(at: number, from: number, to: number): number {
  if (to <= from) return (PLOT.left + PLOT.right) / 2;
  return round(PLOT.left + ((at - from) / (to - from)) * (PLOT.right - PLOT.left));
}

/** "Linda Bakker" → "LB", "Oma" → "O"; duplicates get a number ("LB", "LB2"). */
export function initialsFor(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const words = name.trim().split(/\s+/).filter(Boolean);
    const base = words.length === 0 ? '?' : words.length === 1 ? words[0]!.slice(0, 2) : `${words[0]![0]}${words.at(-1)![0]}`;
    const key = base.toUpperCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}${n}`;
  });
}

/** Spreads label positions so no two are closer than `gap`, staying inside [top, bottom] where possible. */
export function spreadLabels(ys: number[], gap = LABEL_GAP, top: number = PLOT.top, bottom: number = PLOT.bottom): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed: number[] = [];
  for (const [k, o] of order.entries()) placed[k] = k === 0 ? Math.max(top, o.y) : Math.max(o.y, placed[k - 1]! + gap);
  // Pushed past the bottom: shift the whole run up (as far as the top allows).
  const overflow = (placed.at(-1) ?? bottom) - bottom;
  if (overflow > 0) {
    for (let k = placed.length - 1; k >= 0; k--) {
      const limit = k === placed.length - 1 ? bottom : placed[k + 1]! - gap;
      placed[k] = Math.max(top, Math.min(placed[k]!, limit));
    }
  }
  const out: number[] = [];
  for (const [k, o] of order.entries()) out[o.i] = placed[k]!;
  return out;
}

export function scoreChartModel(input: ScoreSeriesInput[]): ScoreChartModel | null {
  const people = input
    .map((s) => ({
      ...s,
      points: [...s.points]
        .filter((p) => Number.isFinite(p.score) && Number.isFinite(p.at))
        .sort((a, b) => a.at - b.at)
        .slice(-MAX_POINTS),
    }))
    .filter((s) => s.points.length > 0);
  if (people.length === 0) return null;
  const times = people.flatMap((s) => s.points.map((p) => p.at));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const initials = initialsFor(people.map((p) => p.name));
  const series = people.map((s, i) => {
    const points = s.points.map((p) => ({ score: p.score, at: p.at, x: timeX(p.at, from, to), y: scoreY(p.score) }));
    return { id: s.id, name: s.name, initials: initials[i]!, points, latest: points.at(-1)!, labelY: 0 };
  });
  const labelYs = spreadLabels(series.map((s) => s.latest.y));
  series.forEach((s, i) => (s.labelY = labelYs[i]!));
  let spread: ChartSpread | null = null;
  if (series.length >= 2) {
    const latest = series.map((s) => s.latest.score);
    const high = Math.max(...latest);
    const low = Math.min(...latest);
    spread = { high, low, difference: high - low, yHigh: scoreY(high), yLow: scoreY(low) };
  }
  return { series, spread, from, to, yTicks: [0, 5, 10].map((score) => ({ score, y: scoreY(score) })) };
}
