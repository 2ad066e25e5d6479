import { join } from 'node:path';
import { compare } from '../../metrics/compare.js';
import { compareCsv, curveCsv, perfCsv, podsCsvOfLines, summaryCsv, timeseriesCsv } from '../../metrics/csvFiles.js';
import { toCsv } from '../../metrics/csv.js';
import { renderReport } from '../../metrics/report/renderReport.js';
import type { RunPending } from '../../metrics/report/series.js';
import type { CompareRow, CurveRow, PerfRow, SummaryRow, TimeseriesRow } from '../../metrics/types.js';
import { formatTable } from '../table.js';
import { writeFileAtomic } from '../writeFileAtomic.js';
import type { RunJson } from './runJson.js';
import type { FailedRun } from './runSweep.js';
import type { RunOutput } from './task.js';

/** The rows of a whole sweep, in canonical run order. */
export interface SweepRows {
  summary: SummaryRow[];
  /** pods.csv's lines after the header, run by run. */
  podLines: string[];
  /** Each run's pending times, for the report. */
  pending: RunPending[];
  timeseries: TimeseriesRow[];
  perf: PerfRow[];
  curve: CurveRow[];
}

/** Joins the outputs of finished runs in sweep order (failed runs leave no rows). */
export function sweepRows(outputs: readonly (RunOutput | null)[]): SweepRows {
  const rows: SweepRows = { summary: [], podLines: [], pending: [], timeseries: [], perf: [], curve: [] };
  for (const o of outputs) {
    if (o === null) continue;
    rows.summary.push(o.summary);
    rows.podLines.push(o.podLines);
    rows.pending.push({ workload: o.key.workload, policy: o.key.policy, seconds: o.pending });
    append(rows.timeseries, o.timeseries);
    rows.perf.push(o.perf);
    append(rows.curve, o.curve);
  }
  return rows;
}

/** `target.push(...source)` without spreading: a run's pods.csv may hold a million rows, past the call stack. */
function append<T>(target: T[], source: readonly T[]): void {
  for (let i = 0; i < source.length; i++) target.push(source[i]!);
}

/**
 * Writes a sweep's folder, every file through a temporary name and a rename:
 * summary.csv, pods.csv, timeseries.csv, perf.csv, compare.csv (recomputed
 * from the summary), report.html, run.json, curve.csv when the sweep holds
 * placement studies, and failures.csv when runs failed.
 */
export function writeSweepFolder(dir: string, runJson: RunJson, rows: SweepRows, failures: readonly FailedRun[] = []): { files: string[]; compare: CompareRow[] } {
  const workloadOrder: string[] = [];
  for (const r of runJson.runs) if (!workloadOrder.includes(r.workload)) workloadOrder.push(r.workload);
  const compared = compare(rows.summary, { baseline: runJson.baseline, policyOrder: runJson.policies, workloadOrder });
  const files: [string, string][] = [
    ['summary.csv', summaryCsv(rows.summary)],
    ['pods.csv', podsCsvOfLines(rows.podLines)],
    ['timeseries.csv', timeseriesCsv(rows.timeseries)],
    ['perf.csv', perfCsv(rows.perf)],
    ['compare.csv', compareCsv(compared)],
    ['report.html', renderReport({ runJson, summary: rows.summary, pending: rows.pending, timeseries: rows.timeseries, compare: compared })],
    ['run.json', `${JSON.stringify(runJson, null, 2)}\n`],
  ];
  if (rows.curve.length > 0) files.splice(3, 0, ['curve.csv', curveCsv(rows.curve)]);
  if (failures.length > 0) {
    files.push(['failures.csv', toCsv(['workload_file', 'policy', 'seed', 'error'], failures.map((f) => [f.run.workloadFile, f.run.policy, f.run.seed, f.message]))]);
  }
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  return { files: files.map(([name]) => join(dir, name)), compare: compared };
}

/** Writes the folder of a sweep that just ran. */
export function writeSweepOutputs(dir: string, runJson: RunJson, outputs: readonly (RunOutput | null)[], failures: readonly FailedRun[]): { files: string[]; compare: CompareRow[] } {
  return writeSweepFolder(dir, runJson, sweepRows(outputs), failures);
}

/** The metrics the terminal table shows (the full set is in compare.csv and the report). */
const TABLE_METRICS = ['pending_s_p50', 'pending_s_p99', 'startup_s_p50', 'pods_unschedulable', 'cpu_alloc_pct_mean', 'mem_alloc_pct_mean', 'makespan_s'];

/** The comparison table for people: per workload, a row per policy, mean and delta against the baseline. */
export function comparisonTable(rows: readonly CompareRow[], baseline: string): string {
  const workloads = [...new Set(rows.map((r) => r.workload))];
  let text = '';
  for (const w of workloads) {
    const policies = [...new Set(rows.filter((r) => r.workload === w).map((r) => r.policy))];
    const body = policies.map((p) => [
      p === baseline ? `${p} (baseline)` : p,
      ...TABLE_METRICS.map((m) => {
        const r = rows.find((x) => x.workload === w && x.policy === p && x.metric === m);
        if (r === undefined || r.mean === '') return '-';
        const delta = r.delta_pct === '' ? '' : ` (${r.delta_pct >= 0 ? '+' : ''}${r.delta_pct.toFixed(1)}%)`;
        return `${formatMean(r.mean)}${delta}`;
      }),
    ]);
    text += `workload ${w} (mean over seeds; change vs ${baseline})\n${formatTable(['POLICY', ...TABLE_METRICS.map((m) => m.toUpperCase())], body)}\n\n`;
  }
  return text;
}

function formatMean(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}
