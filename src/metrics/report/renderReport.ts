import type { CompareRow, SummaryRow, TimeseriesRow } from '../types.js';
import { renderCompareTable } from './compareTable.js';
import { escapeHtml, formatSeeds } from './format.js';
import { linearAxis, renderLineChart, spanAxis, type ChartSeries } from './lineChart.js';
import { policyStyle } from './palette.js';
import { empiricalCdf, meanOverSeeds, pendingTimes, type AllocColumn, type RunPending } from './series.js';
import { REPORT_CSS } from './style.js';

/** The parts of run.json (src/cli/sweep/runJson.ts) the report shows. */
export interface ReportRunInfo {
  /** kubesim's version. */
  readonly kubesim: string;
  /** Policies in the sweep's order. */
  readonly policies: readonly string[];
  readonly seeds: readonly number[];
  readonly baseline: string;
  /** The runs of the sweep; their workloads (metadata.name), in first-seen order, are the report's sections. */
  readonly runs: readonly { readonly workload: string }[];
}

/** What report.html is made of: the sweep's run.json and its rows. */
export interface ReportInput {
  readonly runJson: ReportRunInfo;
  /** summary.csv's rows: only counted, to say when runs are missing (failed). */
  readonly summary?: readonly SummaryRow[];
  /** compare.csv's rows ({@link compare}). */
  readonly compare: readonly CompareRow[];
  /** Each run's pending times (pods.csv's `pending_s`), for the pending-time distributions. */
  readonly pending: readonly RunPending[];
  /** timeseries.csv's rows, for utilisation over time. */
  readonly timeseries: readonly TimeseriesRow[];
}

/** The sweep as the report lays it out. */
interface Layout {
  readonly workloads: readonly string[];
  readonly policies: readonly string[];
  readonly baseline: string;
  readonly seeds: readonly number[];
}

const ALLOC_CHARTS: readonly [AllocColumn, string][] = [
  ['cpu_alloc_pct', 'CPU'],
  ['mem_alloc_pct', 'Memory'],
  ['gpu_alloc_pct', 'GPU'],
];

const pct = (v: number): string => `${v}\u00a0%`;

function legend(policies: readonly string[], baseline: string): string {
  const items = policies.map((p, i) => {
    const { color, dash } = policyStyle(i);
    const swatch = `<svg class="swatch" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" x2="27" y1="5" y2="5" stroke="${color}" stroke-width="3"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/></svg>`;
    return `<li>${swatch} ${escapeHtml(p)}${p === baseline ? ' (baseline)' : ''}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

function pendingSection(input: ReportInput, layout: Layout, workload: string, w: number): string {
  const per = layout.policies.map((p) => ({ policy: p, ...pendingTimes(input.pending, workload, p) }));
  const series: ChartSeries[] = per.map((x, i) => ({ label: x.policy, style: policyStyle(i), points: empiricalCdf(x.values) }));
  const x = spanAxis(per.flatMap((p) => p.values), 'Pending time, creation → binding (s)');
  const chart = renderLineChart({
    id: `w${w}-pending`,
    title: `Pending time distribution of ${workload}, per policy`,
    x,
    y: linearAxis(100, 'Pods bound (%)', pct),
    series,
  });
  const notes: string[] = [];
  if (x.kind === 'log') notes.push('Logarithmic time axis; pods bound at once (0 s) start at its left edge.');
  else if (x.domain[1] === 1 && per.some((p) => p.values.length > 0) && per.every((p) => p.values.every((v) => v === 0))) {
    notes.push('Every pod was bound at once (0 s): the curves stand on the left axis.');
  }
  const unbound = per.filter((p) => p.unbound > 0).map((p) => `${escapeHtml(p.policy)}: ${p.unbound}`);
  if (unbound.length > 0) notes.push(`Pods never bound, not in the curves (over all seeds): ${unbound.join(', ')}.`);
  return [
    '<figure>',
    chart,
    `<figcaption>Share of pods bound within a given time of their creation, all seeds pooled${notes.length > 0 ? '. ' : '.'}${notes.join(' ')}</figcaption>`,
    '</figure>',
  ].join('\n');
}

function utilisationSection(input: ReportInput, layout: Layout, workload: string, w: number): string {
  const figures: string[] = [];
  for (const [column, name] of ALLOC_CHARTS) {
    const series: ChartSeries[] = layout.policies.map((p, i) => ({ label: p, style: policyStyle(i), points: meanOverSeeds(input.timeseries, workload, p, column) }));
    if (column === 'gpu_alloc_pct' && series.every((s) => s.points.length === 0)) continue; // no GPU in the cluster
    const tMax = Math.max(0, ...series.flatMap((s) => s.points.map(([t]) => t)));
    const yMax = Math.max(100, ...series.flatMap((s) => s.points.map(([, v]) => v)));
    const chart = renderLineChart({
      id: `w${w}-${column}`,
      title: `${name} allocated over time, ${workload}, per policy`,
      x: linearAxis(tMax, 'Simulated time (s)'),
      y: linearAxis(yMax, `${name} allocated (%)`, pct),
      series,
      height: 240,
    });
    figures.push(`<figure>\n${chart}\n<figcaption>${escapeHtml(name)}: requests of bound pods over allocatable of Ready nodes, mean over seeds.</figcaption>\n</figure>`);
  }
  return `<div class="charts">\n${figures.join('\n')}\n</div>`;
}

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no
 * network) with, per workload, the compare table, the pending-time
 * distributions and allocation over time of every policy. The same input
 * gives the same bytes.
 */
export function renderReport(input: ReportInput): string {
  const run = input.runJson;
  const workloadNames: string[] = [];
  for (const r of run.runs) if (!workloadNames.includes(r.workload)) workloadNames.push(r.workload);
  const seeds = [...new Set(run.seeds)];
  const layout: Layout = { workloads: workloadNames, policies: run.policies, baseline: run.baseline, seeds };
  const workloads = workloadNames.join(', ');
  const policies = run.policies.map((p) => (p === run.baseline ? `${escapeHtml(p)} (baseline)` : escapeHtml(p))).join(', ');
  const finished = input.summary?.length;
  const runsLine = finished === undefined || finished === run.runs.length ? [] : [`<dt>Runs</dt><dd>${finished} of ${run.runs.length} finished</dd>`];
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>kubesim report: ${escapeHtml(workloads)}</title>`,
    `<style>\n${REPORT_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>kubesim report: ${escapeHtml(workloads)}</h1>`,
    '<dl class="meta">',
    `<dt>Policies</dt><dd>${policies}</dd>`,
    `<dt>Seeds</dt><dd>${escapeHtml(formatSeeds(seeds))} (${seeds.length} run${seeds.length === 1 ? '' : 's'} per policy)</dd>`,
    ...runsLine,
    `<dt>kubesim</dt><dd>${escapeHtml(run.kubesim)}</dd>`,
    '</dl>',
    '<p class="howto">Each cell: the mean over seeds, its 95&nbsp;% confidence interval [low, high] (Student\'s t), and the change against the baseline. ',
    '<span class="delta better">Green</span> is better, <span class="delta worse">red</span> worse (↓ lower is better, ↑ higher is better); ',
    'a change is in bold when its interval does not overlap the baseline\'s.</p>',
    '</header>',
    '<main>',
  ];
  layout.workloads.forEach((workload, w) => {
    out.push(
      `<section aria-labelledby="w${w}">`,
      `<h2 id="w${w}">${escapeHtml(workload)}</h2>`,
      `<div class="table-wrap">\n${renderCompareTable(input.compare, workload, layout.policies, layout.baseline, seeds.length)}\n</div>`,
      '<h3>Pending time</h3>',
      legend(layout.policies, layout.baseline),
      pendingSection(input, layout, workload, w),
      '<h3>Allocation over time</h3>',
      legend(layout.policies, layout.baseline),
      utilisationSection(input, layout, workload, w),
      '</section>',
    );
  });
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
