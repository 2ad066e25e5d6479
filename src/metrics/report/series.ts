import type { PodRow, TimeseriesRow } from '../types.js';

/** The most points one line of a chart carries. */
export const MAX_POINTS = 500;

/** `count` indices spread evenly over 0..length−1, always the first and the last (all of them when length ≤ count). */
export function evenIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  if (count <= 1) return [length - 1];
  return Array.from({ length: count }, (_, j) => Math.round((j * (length - 1)) / (count - 1)));
}

/**
 * The empirical CDF of `values` as a line: a first point at (min, 0), then
 * (v₍ᵢ₎, (i+1)/n) for at most {@link MAX_POINTS} − 1 order statistics spread
 * evenly over the ranks (the first and the last always among them). y is in
 * percent of the values.
 */
export function empiricalCdf(values: readonly number[]): [number, number][] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const out: [number, number][] = [[sorted[0]!, 0]];
  for (const i of evenIndices(n, MAX_POINTS - 1)) out.push([sorted[i]!, ((i + 1) / n) * 100]);
  return out;
}

/**
 * The pending times of one run's pods, in pods.csv's order: `pending_s`, or
 * NaN for a pod never bound. What the report needs of pods.csv, small enough
 * for a worker thread to hand over instead of the rows.
 */
export interface RunPending {
  readonly workload: string;
  readonly policy: string;
  readonly seconds: Float64Array;
}

/** The `pending_s` of pods.csv's rows, in order: NaN for a pod never bound. */
export function pendingSeconds(pods: readonly PodRow[]): Float64Array {
  const seconds = new Float64Array(pods.length);
  for (let k = 0; k < pods.length; k++) {
    const s = pods[k]!.pending_s;
    seconds[k] = typeof s === 'number' ? s : NaN;
  }
  return seconds;
}

/** The pending times of pods.csv's rows, one entry per stretch of rows of one workload and policy. */
export function runPendingOf(pods: readonly PodRow[]): RunPending[] {
  const out: RunPending[] = [];
  let i = 0;
  while (i < pods.length) {
    const { workload, policy } = pods[i]!;
    let j = i;
    while (j < pods.length && pods[j]!.workload === workload && pods[j]!.policy === policy) j++;
    out.push({ workload, policy, seconds: pendingSeconds(pods.slice(i, j)) });
    i = j;
  }
  return out;
}

/** pending_s of the pods of one workload and policy that were bound, over all seeds, and how many were never bound. */
export function pendingTimes(runs: readonly RunPending[], workload: string, policy: string): { values: number[]; unbound: number } {
  const values: number[] = [];
  let unbound = 0;
  for (const r of runs) {
    if (r.workload !== workload || r.policy !== policy) continue;
    for (const s of r.seconds) {
      if (Number.isNaN(s)) unbound++;
      else values.push(s);
    }
  }
  return { values, unbound };
}

/** The allocation columns of timeseries.csv. */
export type AllocColumn = 'cpu_alloc_pct' | 'mem_alloc_pct' | 'gpu_alloc_pct';

/**
 * One allocation column of one workload and policy over time: at each t_s the
 * mean over the seeds with a value there, in ascending t_s, thinned to at most
 * {@link MAX_POINTS} evenly spread samples.
 */
export function meanOverSeeds(rows: readonly TimeseriesRow[], workload: string, policy: string, column: AllocColumn): [number, number][] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of rows) {
    if (r.workload !== workload || r.policy !== policy) continue;
    const v = r[column];
    if (v === '') continue;
    const acc = sums.get(r.t_s);
    if (acc === undefined) sums.set(r.t_s, { sum: v, n: 1 });
    else {
      acc.sum += v;
      acc.n++;
    }
  }
  const times = [...sums.keys()].sort((a, b) => a - b);
  return evenIndices(times.length, MAX_POINTS).map((i) => {
    const t = times[i]!;
    const { sum, n } = sums.get(t)!;
    return [t, sum / n];
  });
}
