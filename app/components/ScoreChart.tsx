/**
 * Everyone's scale scores over time as a small SVG line chart, drawn here
 * (no chart library, nothing loaded from elsewhere). One line per person,
 * told apart by marker shape, dash and initials at the line's end — never by
 * colour alone — with a legend in words. The spread between people's latest
 * scores is a bracket with "verschil N". The picture itself is hidden from
 * screen readers; the same numbers are there as a list for them. Data
 * shaping lives in app/domain/scoreChart.ts.
 */
import { CHART_HEIGHT, CHART_WIDTH, PLOT, scoreChartModel, type ScoreSeriesInput } from '../domain/scoreChart';

const COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0f766e'] as const;
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3'] as const;
const shortDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'Europe/Amsterdam' });
const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

function Marker({ shape, x, y, colour }: { shape: number; x: number; y: number; colour: string }) {
  const common = { fill: colour, stroke: '#fff', strokeWidth: 1 };
  switch (shape % 4) {
    case 1:
      return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} {...common} />;
    case 2:
      return <polygon points={`${x},${y - 4.5} ${x + 4.5},${y + 3.5} ${x - 4.5},${y + 3.5}`} {...common} />;
    case 3:
      return <polygon points={`${x},${y - 4.5} ${x + 4.5},${y} ${x},${y + 4.5} ${x - 4.5},${y}`} {...common} />;
    default:
      return <circle cx={x} cy={y} r={3.8} {...common} />;
  }
}

function LegendMarker({ index }: { index: number }) {
  const colour = COLOURS[index % COLOURS.length]!;
  return (
    <svg width="22" height="10" viewBox="0 0 22 10" aria-hidden="true" focusable="false">
      <line x1="1" y1="5" x2="21" y2="5" stroke={colour} strokeWidth="2" strokeDasharray={DASHES[index % DASHES.length]} />
      <Marker shape={index} x={11} y={5} colour={colour} />
    </svg>
  );
}

export function ScoreChart({ series, title = 'Scores door de tijd' }: { series: ScoreSeriesInput[]; title?: string }) {
  const model = scoreChartModel(series);
  if (!model) return null;
  const labelX = PLOT.right + 8;
  const bracketX = CHART_WIDTH - 47;
  const spreadTextX = CHART_WIDTH - 22;
  const single = model.from === model.to;
  return (
    <figure className="score-chart">
      <figcaption className="score-chart-title">{title}</figcaption>
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
        width="100%"
        className="score-chart-svg"
        aria-hidden="true"
        focusable="false"
        fontSize="11"
        fontFamily="inherit"
      >
        {model.yTicks.map((t) => (
          <g key={t.score}>
            <line x1={PLOT.left} x2={PLOT.right} y1={t.y} y2={t.y} stroke="#d4d4d8" strokeWidth="1" />
            <text x={PLOT.left - 6} y={t.y + 4} textAnchor="end" fill="#52525b">
              {t.score}
            </text>
          </g>
        ))}
        {single ? (
          <text x={(PLOT.left + PLOT.right) / 2} y={CHART_HEIGHT - 6} textAnchor="middle" fill="#52525b">
            {shortDate.format(model.from)}
          </text>
        ) : (
          <>
            <text x={PLOT.left} y={CHART_HEIGHT - 6} textAnchor="start" fill="#52525b">
              {shortDate.format(model.from)}
            </text>
            <text x={PLOT.right} y={CHART_HEIGHT - 6} textAnchor="end" fill="#52525b">
              {shortDate.format(model.to)}
            </text>
          </>
        )}
        {model.series.map((s, i) => {
          const colour = COLOURS[i % COLOURS.length]!;
          return (
            <g key={s.id}>
              {s.points.length > 1 ? (
                <polyline
                  points={s.points.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke={colour}
                  strokeWidth="2"
                  strokeDasharray={DASHES[i % DASHES.length]}
                  strokeLinejoin="round"
                />
              ) : null}
              {s.points.map((p, k) => (
                <Marker key={k} shape={i} x={p.x} y={p.y} colour={colour} />
              ))}
              <line x1={s.latest.x + 5} y1={s.latest.y} x2={labelX - 2} y2={s.labelY} stroke={colour} strokeWidth="0.75" />
              <text x={labelX} y={s.labelY + 4} fill={colour} fontWeight="700">
                {s.initials} {s.latest.score}
              </text>
            </g>
          );
        })}
        {model.spread && model.spread.difference > 0 ? (
          <g stroke="#27272a" fill="#27272a">
            <path d={`M${bracketX - 3},${model.spread.yHigh} H${bracketX} V${model.spread.yLow} H${bracketX - 3}`} fill="none" strokeWidth="1.5" />
            <text x={spreadTextX} y={(model.spread.yHigh + model.spread.yLow) / 2 - 2} stroke="none" fontSize="9" textAnchor="middle">
              <tspan x={spreadTextX}>verschil</tspan>
              <tspan x={spreadTextX} dy="13" fontWeight="700" fontSize="13">
                {model.spread.difference}
              </tspan>
            </text>
          </g>
        ) : null}
      </svg>
      <ul className="score-chart-legend">
        {model.series.map((s, i) => (
          <li key={s.id}>
            <LegendMarker index={i} /> <strong>{s.initials}</strong> = {s.name}
          </li>
        ))}
        {model.spread ? (
          <li>
            {model.spread.difference === 0 ? 'Iedereen geeft nu dezelfde score.' : `Verschil tussen hoogste en laagste score nu: ${model.spread.difference}.`}
          </li>
        ) : null}
      </ul>
      <ul className="visually-hidden">
        {model.series.map((s) => (
          <li key={s.id}>
            {s.name}: {s.points.map((p) => `${p.score} op ${longDate.format(p.at)}`).join(', ')}. Nu {s.latest.score}.
          </li>
        ))}
      </ul>
    </figure>
  );
}
