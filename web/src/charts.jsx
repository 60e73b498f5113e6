// Small SVG bar charts, no dependency. Each chart is an image with an
// aria-label that says what it shows, and carries its numbers in a table
// (visually hidden on screen, printed with the page) so nothing is only a
// picture. Drawn at the container's real width so the text stays readable on
// phones.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtNumber } from './format.js';

const PALETTE = ['#3b3fd8', '#0f8a8a', '#b4540a', '#7a3fb8', '#146c43', '#b42318'];

/** Tier colours, matching the badges. */
export const TIER_COLORS = { registered: '#3b3fd8', bronze: '#a15a24', silver: '#6b7584', gold: '#b8860b' };

/** Round axis steps: 0, 250K, 500K... (whole steps for whole numbers). */
function niceTicks(max, integer, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  if (integer) step = Math.max(1, Math.ceil(step));
  const ticks = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(+v.toFixed(10));
  if (ticks[ticks.length - 1] < max) ticks.push(+(ticks[ticks.length - 1] + step).toFixed(10));
  return ticks;
}

function useWidth(initial = 560) {
  const ref = useRef(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** Rough text width at 12px (semi-bold), to fit labels. */
const textWidth = (s) => String(s).length * 7.4;

/**
 * A bar chart.
 *  title: what it shows (the aria-label and the table's caption start with it)
 *  categories: ['Registered', 'Bronze', ...]
 *  series: [{ label: 'Partners', values: [12, 9, ...], color?, colors?: [per category] }]
 *  orientation: 'horizontal' (bars grow right, one row per category) or 'vertical'
 *  format: values as text (labels, table, aria-label); axisFormat: the axis ticks
 *  categoryLabel: the table's first column header
 */
export function BarChart({
  title,
  categories,
  series,
  orientation = 'horizontal',
  format = fmtNumber,
  axisFormat,
  categoryLabel = 'Category',
  height: vHeight = 240,
  description,
}) {
  const [ref, width] = useWidth();
  const axisFmt = axisFormat || format;
  const values = series.flatMap((s) => s.values.map((v) => Number(v) || 0));
  const max = Math.max(0, ...values);
  const ticks = niceTicks(max, values.every((v) => Number.isInteger(v)));
  const top = ticks[ticks.length - 1] || 1;
  const multi = series.length > 1;
  const color = (s, si, ci) => (s.colors && s.colors[ci]) || s.color || PALETTE[si % PALETTE.length];

  const summary =
    `${title}. ` +
    series
      .map(
        (s) =>
          (multi ? `${s.label}: ` : '') + categories.map((c, i) => `${c} ${format(s.values[i] ?? 0)}`).join(', '),
      )
      .join('; ') +
    '.';

  let svg;
  if (orientation === 'horizontal') {
    const labelW = Math.min(Math.max(...categories.map(textWidth), 40) + 14, width * 0.4);
    const valueW = Math.max(...values.map((v) => textWidth(format(v))), 20) + 10;
    const barH = multi ? 14 : 20;
    const groupH = barH * series.length + 12;
    const axisH = 22;
    const h = categories.length * groupH + axisH + 4;
    const plotW = Math.max(40, width - labelW - valueW - 4);
    const x = (v) => labelW + (plotW * (Number(v) || 0)) / top;
    svg = (
      <svg class="chart" width={width} height={h} viewBox={`0 0 ${width} ${h}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={h - axisH} stroke="#e6e9f2" />
            <text x={x(t)} y={h - 6} text-anchor="middle">
              {axisFmt(t)}
            </text>
          </g>
        ))}
        {categories.map((c, ci) => {
          const y0 = ci * groupH + 6;
          return (
            <g key={c}>
              <text x={labelW - 8} y={y0 + (barH * series.length) / 2 + 4} text-anchor="end" class="bar-label">
                {c}
              </text>
              {series.map((s, si) => {
                const v = Number(s.values[ci]) || 0;
                const y = y0 + si * barH;
                const w = Math.max(v > 0 ? 2 : 0, x(v) - labelW);
                return (
                  <g key={si}>
                    <rect x={labelW} y={y + 1} width={w} height={barH - 2} rx={3} fill={color(s, si, ci)} />
                    <text x={labelW + w + 6} y={y + barH / 2 + 4} class="bar-value">
                      {format(s.values[ci] ?? 0)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    );
  } else {
    const axisW = Math.max(...ticks.map((t) => textWidth(axisFmt(t)))) + 10;
    const bottom = 26;
    const topPad = 20;
    const h = vHeight;
    const plotW = Math.max(40, width - axisW - 4);
    const plotH = h - bottom - topPad;
    const groupW = plotW / Math.max(1, categories.length);
    const barW = Math.min(56, (groupW * 0.7) / series.length);
    const y = (v) => topPad + plotH - (plotH * (Number(v) || 0)) / top;
    svg = (
      <svg class="chart" width={width} height={h} viewBox={`0 0 ${width} ${h}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={axisW} x2={width} y1={y(t)} y2={y(t)} stroke="#e6e9f2" />
            <text x={axisW - 6} y={y(t) + 4} text-anchor="end">
              {axisFmt(t)}
            </text>
          </g>
        ))}
        {categories.map((c, ci) => {
          const gx = axisW + ci * groupW + (groupW - barW * series.length) / 2;
          return (
            <g key={c}>
              {series.map((s, si) => {
                const v = Number(s.values[ci]) || 0;
                const yy = y(v);
                const bh = Math.max(v > 0 ? 2 : 0, topPad + plotH - yy);
                const bx = gx + si * barW;
                return (
                  <g key={si}>
                    <rect x={bx + 1} y={topPad + plotH - bh} width={barW - 2} height={bh} rx={3} fill={color(s, si, ci)} />
                    <text x={bx + barW / 2} y={topPad + plotH - bh - 5} text-anchor="middle" class="bar-value">
                      {format(s.values[ci] ?? 0)}
                    </text>
                  </g>
                );
              })}
              <text x={axisW + ci * groupW + groupW / 2} y={h - 8} text-anchor="middle" class="bar-label">
                {c}
              </text>
            </g>
          );
        })}
      </svg>
    );
  }

  return (
    <figure class="chart-figure">
      <div ref={ref} class="chart-box">
        {svg}
      </div>
      {(multi || description) && (
        <figcaption class="legend" aria-hidden={multi && !description ? 'true' : undefined}>
          {multi &&
            series.map((s, si) => (
              <span key={si}>
                <i style={{ background: color(s, si, -1) }} />
                {s.label}
              </span>
            ))}
          {description && <span>{description}</span>}
        </figcaption>
      )}
      <table class="chart-data sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {series.map((s, si) => (
              <th key={si} scope="col" class="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, ci) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              {series.map((s, si) => (
                <td key={si} class="num">
                  {format(s.values[ci] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
