import { COMPARED_METRICS, type CompareRow } from '../types.js';
import { escapeHtml, formatDelta, formatNumber } from './format.js';

/** Which way a metric improves, when there is one. */
export type Direction = 'lower' | 'higher' | 'none';

/** How each compared summary column reads in the report, and which way is better. */
export const METRIC_INFO: Readonly<Record<string, { readonly label: string; readonly better: Direction }>> = {
  nodes: { label: 'Nodes at the end', better: 'none' },
  pods_created: { label: 'Pods created', better: 'none' },
  pods_scheduled: { label: 'Pods scheduled', better: 'none' },
  pods_unschedulable: { label: 'Pods never scheduled', better: 'lower' },
  pods_completed: { label: 'Pods completed', better: 'higher' },
  pods_failed: { label: 'Pods failed', better: 'lower' },
  scheduling_attempts: { label: 'Scheduling attempts', better: 'none' },
  preemptions: { label: 'Preemptions', better: 'lower' },
  evictions: { label: 'Evictions', better: 'lower' },
  pending_s_p50: { label: 'Pending time p50 (s)', better: 'lower' },
  pending_s_p90: { label: 'Pending time p90 (s)', better: 'lower' },
  pending_s_p99: { label: 'Pending time p99 (s)', better: 'lower' },
  startup_s_p50: { label: 'Start-up time p50 (s)', better: 'lower' },
  startup_s_p99: { label: 'Start-up time p99 (s)', better: 'lower' },
  cpu_alloc_pct_mean: { label: 'CPU allocated, mean (%)', better: 'higher' },
  mem_alloc_pct_mean: { label: 'Memory allocated, mean (%)', better: 'higher' },
  gpu_alloc_pct_mean: { label: 'GPU allocated, mean (%)', better: 'higher' },
  makespan_s: { label: 'Makespan (s)', better: 'lower' },
  unallocated_gpu_pct: { label: 'GPU unallocated at 100 % arrived (%)', better: 'lower' },
  frag_gpu_pct: { label: 'GPU fragmented at 100 % arrived (%)', better: 'lower' },
};

/** Whether a change of `delta` percent is for the better, the worse, or neither. */
export function verdict(metric: string, delta: number): 'better' | 'worse' | 'same' {
  const better = METRIC_INFO[metric]?.better ?? 'none';
  if (better === 'none' || delta === 0) return 'same';
  return (delta < 0) === (better === 'lower') ? 'better' : 'worse';
}

/** Whether two intervals share a point (both must be whole). */
function overlaps(a: CompareRow, b: CompareRow): boolean {
  if (a.ci95_low === '' || a.ci95_high === '' || b.ci95_low === '' || b.ci95_high === '') return false;
  return a.ci95_low <= b.ci95_high && b.ci95_low <= a.ci95_high;
}

function cell(row: CompareRow | undefined, base: CompareRow | undefined, seeds: number): string {
  if (row === undefined || row.mean === '') return '<td class="na">—</td>';
  const parts = [`<span class="mean">${escapeHtml(formatNumber(row.mean))}</span>`];
  if (row.ci95_low !== '' && row.ci95_high !== '') {
    parts.push(`<span class="ci">[${escapeHtml(formatNumber(row.ci95_low))}, ${escapeHtml(formatNumber(row.ci95_high))}]</span>`);
  }
  if (row.n !== seeds) parts.push(`<span class="n">n\u00a0=\u00a0${row.n}</span>`);
  if (row.delta_pct !== '') {
    const v = verdict(row.metric, row.delta_pct);
    const overlap = v !== 'same' && base !== undefined && overlaps(row, base);
    const muted = overlap ? ' overlap' : '';
    const word = v === 'same' ? '' : ` <span class="word">${v}</span>`;
    const hint = overlap ? ' title="the 95 % intervals overlap"' : '';
    parts.push(`<span class="delta ${v}${muted}"${hint}>${escapeHtml(formatDelta(row.delta_pct))}${word}</span>`);
  }
  const exact = `mean ${row.mean}, 95 % interval [${row.ci95_low}, ${row.ci95_high}], n ${row.n}, delta ${row.delta_pct === '' ? '—' : `${row.delta_pct} %`}`;
  return `<td title="${escapeHtml(exact)}">${parts.join(' ')}</td>`;
}

/**
 * The metric × policy table of one workload: each cell the mean over seeds,
 * its 95 % interval, and the change against the baseline, coloured better or
 * worse where the metric has a direction (in bold when the two intervals do not overlap).
 * `seeds` is the number of seeds run: a cell with fewer values shows its n.
 */
export function renderCompareTable(rows: readonly CompareRow[], workload: string, policies: readonly string[], baseline: string, seeds: number): string {
  const byKey = new Map<string, CompareRow>();
  for (const r of rows) if (r.workload === workload) byKey.set(`${r.policy}\u0000${r.metric}`, r);
  const out: string[] = ['<table class="compare">', '<thead><tr><th scope="col">Metric</th>'];
  for (const p of policies) {
    out.push(`<th scope="col">${escapeHtml(p)}${p === baseline ? ' <span class="baseline">baseline</span>' : ''}</th>`);
  }
  out.push('</tr></thead>', '<tbody>');
  for (const metric of COMPARED_METRICS) {
    if (!policies.some((p) => byKey.has(`${p}\u0000${metric}`))) continue;
    const info = METRIC_INFO[metric];
    const arrow = info?.better === 'lower' ? ' <span class="dir" title="lower is better">↓</span>' : info?.better === 'higher' ? ' <span class="dir" title="higher is better">↑</span>' : '';
    out.push(`<tr><th scope="row">${escapeHtml(info?.label ?? metric)}${arrow}<br><code>${escapeHtml(metric)}</code></th>`);
    const base = byKey.get(`${baseline}\u0000${metric}`);
    for (const p of policies) out.push(cell(byKey.get(`${p}\u0000${metric}`), base, seeds));
    out.push('</tr>');
  }
  out.push('</tbody>', '</table>');
  return out.join('\n');
}
