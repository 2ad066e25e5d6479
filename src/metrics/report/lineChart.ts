import { nice, ticks } from 'd3-array';
import { coord, escapeHtml, formatNumber } from './format.js';
import type { PolicyStyle } from './palette.js';

/** One axis of a chart: a linear or a base-10 logarithmic scale over `domain`. */
export interface Axis {
  readonly kind: 'linear' | 'log';
  readonly domain: readonly [number, number];
  readonly label: string;
  /** Tick label text; plain numbers by default. */
  readonly format?: (value: number) => string;
}

/** One line of a chart: (x, y) points in drawing order. */
export interface ChartSeries {
  readonly label: string;
  readonly style: PolicyStyle;
  readonly points: readonly (readonly [number, number])[];
}

/** A line chart rendered as inline SVG. */
export interface LineChartSpec {
  /** Unique within the page, for the SVG's accessible title. */
  readonly id: string;
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 60, right: 18, top: 14, bottom: 46 } as const;

/** A linear axis from 0 to a round number at or above `max` (0–1 when there is nothing to show). */
export function linearAxis(max: number, label: string, format?: (value: number) => string): Axis {
  const top = max > 0 ? nice(0, max, 5)[1] : 1;
  return format === undefined ? { kind: 'linear', domain: [0, top], label } : { kind: 'linear', domain: [0, top], label, format };
}

/**
 * The x axis for values spanning `values`: logarithmic between powers of ten
 * when the positive values span two decades or more (a long tail would crush
 * everything else into the first pixels), linear from 0 otherwise.
 */
export function spanAxis(values: Iterable<number>, label: string): Axis {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v > 0 && v < min) min = v;
    if (v > max) max = v;
  }
  if (max > 0 && max / min >= 100) {
    return { kind: 'log', domain: [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max))], label };
  }
  return linearAxis(max, label);
}

/** Where `v` falls on `axis`, 0..1, clamped (a log axis puts 0 at its left edge). */
function position(axis: Axis, v: number): number {
  const [d0, d1] = axis.domain;
  const t = axis.kind === 'log' ? (Math.log10(Math.max(v, d0)) - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0)) : (v - d0) / (d1 - d0);
  return Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
}

function axisTicks(axis: Axis, count: number): number[] {
  const [d0, d1] = axis.domain;
  if (axis.kind === 'linear') return ticks(d0, d1, count);
  const out: number[] = [];
  for (let e = Math.round(Math.log10(d0)); e <= Math.round(Math.log10(d1)); e++) out.push(10 ** e);
  return out;
}

/** The chart as an `<svg>` element: grid, axes with ticks and labels, one line per series. */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 300;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const px = (v: number): string => coord(MARGIN.left + position(spec.x, v) * plotW);
  const py = (v: number): string => coord(MARGIN.top + (1 - position(spec.y, v)) * plotH);
  const fx = spec.x.format ?? ((v: number) => formatNumber(v));
  const fy = spec.y.format ?? ((v: number) => formatNumber(v));
  const bottom = coord(MARGIN.top + plotH);
  const right = coord(MARGIN.left + plotW);
  const titleId = `${spec.id}-title`;

  const out: string[] = [];
  out.push(`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeHtml(titleId)}">`);
  out.push(`<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>`);
  out.push('<g class="grid">');
  for (const t of axisTicks(spec.y, 5)) out.push(`<line x1="${MARGIN.left}" x2="${right}" y1="${py(t)}" y2="${py(t)}"/>`);
  for (const t of axisTicks(spec.x, 8)) out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${MARGIN.top}" y2="${bottom}"/>`);
  out.push('</g>');
  out.push('<g class="axis">');
  out.push(`<line x1="${MARGIN.left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${bottom}"/>`);
  for (const t of axisTicks(spec.y, 5)) {
    out.push(`<text x="${MARGIN.left - 6}" y="${py(t)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(fy(t))}</text>`);
  }
  for (const t of axisTicks(spec.x, 8)) {
    out.push(`<text x="${px(t)}" y="${coord(MARGIN.top + plotH + 16)}" text-anchor="middle">${escapeHtml(fx(t))}</text>`);
  }
  out.push(`<text class="label" x="${coord(MARGIN.left + plotW / 2)}" y="${height - 6}" text-anchor="middle">${escapeHtml(spec.x.label)}</text>`);
  const yMid = coord(MARGIN.top + plotH / 2);
  out.push(`<text class="label" x="14" y="${yMid}" text-anchor="middle" transform="rotate(-90 14 ${yMid})">${escapeHtml(spec.y.label)}</text>`);
  out.push('</g>');
  out.push('<g class="lines">');
  let drawn = 0;
  for (const s of spec.series) {
    if (s.points.length === 0) continue;
    drawn++;
    const dash = s.style.dash === '' ? '' : ` stroke-dasharray="${s.style.dash}"`;
    const label = `<title>${escapeHtml(s.label)}</title>`;
    if (s.points.length === 1) {
      const [x, y] = s.points[0]!;
      out.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${s.style.color}">${label}</circle>`);
      continue;
    }
    const points = s.points.map(([x, y]) => `${px(x)},${py(y)}`).join(' ');
    out.push(`<polyline points="${points}" fill="none" stroke="${s.style.color}" stroke-width="2"${dash}>${label}</polyline>`);
  }
  out.push('</g>');
  if (drawn === 0) {
    out.push(`<text class="empty" x="${coord(MARGIN.left + plotW / 2)}" y="${yMid}" text-anchor="middle">no data</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
