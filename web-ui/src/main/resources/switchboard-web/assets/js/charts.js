// Small SVG charts drawn with lit-html: stacked bars per time bucket, one colour per series.
// No chart library: these few shapes cost less than its download, and SVG attributes need no
// inline styles (the CSP forbids them).
import { html, svg, nothing } from './lib.js';

const COLOURS = ['#7cc4ff', '#f5a97f', '#a6da95', '#c6a0f6', '#eed49f', '#8bd5ca', '#ed8796', '#b7bdf8'];

export function colour(i) {
  return COLOURS[i % COLOURS.length];
}

/**
 * @param buckets [{label, values: {series: number}}] in time order
 * @param series  the series names, in legend order
 * @param format  how a value reads in the tooltip and axis
 */
export function stackedBars({ title, buckets, series, format = String }) {
  const width = 640;
  const height = 200;
  const left = 56;
  const bottom = 24;
  const totals = buckets.map((b) => series.reduce((sum, s) => sum + (b.values[s] || 0), 0));
  const max = Math.max(...totals, 0);
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const barW = Math.max(2, slot * 0.7);
  const y = (v) => (max === 0 ? 0 : (v / max) * plotH);
  const labelEvery = Math.ceil(buckets.length / 8) || 1;
  return html`
    <figure class="chart">
      <figcaption>${title}</figcaption>
      <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: total ${format(totals.reduce((a, b) => a + b, 0))}">
        <line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" class="axis"></line>
        <text x="${left - 6}" y="14" text-anchor="end" class="tick">${format(max)}</text>
        <text x="${left - 6}" y="${height - bottom}" text-anchor="end" class="tick">0</text>
        ${buckets.map((b, i) => {
          let base = height - bottom;
          const x = left + i * slot + (slot - barW) / 2;
          return svg`<g>
            ${series.map((s, si) => {
              const v = b.values[s] || 0;
              if (!v) return nothing;
              const h = Math.max(1, y(v));
              base -= h;
              return svg`<rect x="${x}" y="${base}" width="${barW}" height="${h}" fill="${colour(si)}"><title>${b.label} · ${s}: ${format(v)}</title></rect>`;
            })}
            ${i % labelEvery === 0 ? svg`<text x="${x + barW / 2}" y="${height - 6}" text-anchor="middle" class="tick">${b.label}</text>` : nothing}
          </g>`;
        })}
      </svg>
      ${series.length > 1 || (series.length === 1 && series[0] !== 'total') ? html`<ul class="legend">
        ${series.map((s, i) => html`<li><span class="swatch swatch-${i % COLOURS.length}" aria-hidden="true"></span>${s}</li>`)}
      </ul>` : nothing}
    </figure>`;
}
