import { deviation, mean } from 'd3-array';
import { InputError } from '../api/InputError.js';
import { COMPARED_METRICS, type CompareRow, type SummaryRow } from './types.js';

/** How {@link compare} groups and orders its rows. */
export interface CompareOptions {
  /** The policy every other policy's delta_pct is measured against. */
  readonly baseline: string;
  /** Policies in output order; policies found only in the rows follow, in first-seen order. */
  readonly policyOrder: readonly string[];
  /** Workloads in output order; workloads found only in the rows follow, in first-seen order. */
  readonly workloadOrder: readonly string[];
}

/**
 * Two-sided 97.5 % quantiles of Student's t distribution (the 95 % interval),
 * df 1..30 then 40, 60, 120, ∞, to 6 decimals (scipy.stats.t.ppf(0.975, df)).
 */
const T_975: readonly (readonly [df: number, t: number])[] = [
  [1, 12.706205], [2, 4.302653], [3, 3.182446], [4, 2.776445], [5, 2.570582], [6, 2.446912], [7, 2.364624], [8, 2.306004],
  [9, 2.262157], [10, 2.228139], [11, 2.200985], [12, 2.178813], [13, 2.160369], [14, 2.144787], [15, 2.13145], [16, 2.119905],
  [17, 2.109816], [18, 2.100922], [19, 2.093024], [20, 2.085963], [21, 2.079614], [22, 2.073873], [23, 2.068658], [24, 2.063899],
  [25, 2.059539], [26, 2.055529], [27, 2.051831], [28, 2.048407], [29, 2.04523], [30, 2.042272], [40, 2.021075], [60, 2.000298],
  [120, 1.97993], [Infinity, 1.959964],
];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: exact (to 6
 * decimals) from the table for df ≤ 30 and 40, 60, 120; between table rows,
 * linear in 1/df (the classic harmonic interpolation, error < 1e-4).
 */
export function studentT975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`studentT975: df must be ≥ 1, got ${df}`);
  for (let i = 0; i < T_975.length; i++) {
    const [d, t] = T_975[i]!;
    if (df === d) return t;
    if (df < d) {
      const [d0, t0] = T_975[i - 1]!;
      const w = (1 / d0 - 1 / df) / (1 / d0 - 1 / d);
      return t0 + (t - t0) * w;
    }
  }
  return 1.959964;
}

/**
 * `x` rounded to 6 significant digits, the precision compare.csv carries, so
 * that floating-point noise never changes a byte; -0 becomes 0.
 */
export function roundSignificant(x: number, digits = 6): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const r = Number(x.toPrecision(digits));
  return r === 0 ? 0 : r;
}

/** Mean and 95 % confidence interval of the mean of a sample (unrounded). */
export interface MeanInterval {
  readonly n: number;
  readonly mean: number | '';
  readonly ci95_low: number | '';
  readonly ci95_high: number | '';
}

/**
 * The mean of `values` and its 95 % confidence interval with Student's t
 * (mean ± t(0.975, n−1) · s/√n, s the sample standard deviation). The interval
 * is empty for n < 2, everything is empty for n = 0.
 */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  const m = mean(values);
  if (m === undefined) return { n: 0, mean: '', ci95_low: '', ci95_high: '' };
  const s = deviation(values);
  if (n < 2 || s === undefined) return { n, mean: m, ci95_low: '', ci95_high: '' };
  const half = studentT975(n - 1) * (s / Math.sqrt(n));
  return { n, mean: m, ci95_low: m - half, ci95_high: m + half };
}

/** Appends to `order` the names of `seen` it lacks, in first-seen order. */
function completeOrder(order: readonly string[], seen: Iterable<string>): string[] {
  const out = [...order];
  const known = new Set(out);
  for (const name of seen) {
    if (!known.has(name)) {
      known.add(name);
      out.push(name);
    }
  }
  return out;
}

function round(x: number | ''): number | '' {
  return x === '' ? '' : roundSignificant(x);
}

/**
 * compare.csv: for each workload, policy and metric of {@link COMPARED_METRICS}
 * (workloads, then policies, then metrics, in the given orders) the mean over
 * seeds, its 95 % interval, the number of seeds with a value (empty cells are
 * skipped), and the change against the baseline policy's mean in percent of
 * |baseline mean| (empty for the baseline itself and for a zero or empty
 * baseline). A workload × policy pair with no runs yields no rows. Numbers are
 * rounded to 6 significant digits.
 */
export function compare(summary: readonly SummaryRow[], options: CompareOptions): CompareRow[] {
  const { baseline } = options;
  if (!options.policyOrder.includes(baseline)) {
    throw new InputError(`baseline policy "${baseline}" is not one of the policies compared (${options.policyOrder.join(', ')})`);
  }
  const workloads = completeOrder(options.workloadOrder, summary.map((r) => r.workload));
  const policies = completeOrder(options.policyOrder, summary.map((r) => r.policy));

  // workload → policy → runs, in input order.
  const runs = new Map<string, Map<string, SummaryRow[]>>();
  for (const row of summary) {
    let byPolicy = runs.get(row.workload);
    if (byPolicy === undefined) runs.set(row.workload, (byPolicy = new Map()));
    const list = byPolicy.get(row.policy);
    if (list === undefined) byPolicy.set(row.policy, [row]);
    else list.push(row);
  }

  const out: CompareRow[] = [];
  for (const workload of workloads) {
    const byPolicy = runs.get(workload);
    if (byPolicy === undefined) continue;
    const stats = (rows: readonly SummaryRow[], metric: keyof SummaryRow): MeanInterval =>
      meanInterval(rows.map((r) => r[metric]).filter((v): v is number => typeof v === 'number'));
    const baselineRows = byPolicy.get(baseline) ?? [];
    for (const policy of policies) {
      const rows = byPolicy.get(policy);
      if (rows === undefined) continue;
      for (const metric of COMPARED_METRICS) {
        const s = stats(rows, metric);
        let delta: number | '' = '';
        if (policy !== baseline && s.mean !== '') {
          const b = stats(baselineRows, metric).mean;
          if (b !== '' && b !== 0) delta = ((s.mean - b) / Math.abs(b)) * 100;
        }
        out.push({
          workload,
          policy,
          metric,
          mean: round(s.mean),
          ci95_low: round(s.ci95_low),
          ci95_high: round(s.ci95_high),
          n: s.n,
          delta_pct: round(delta),
        });
      }
    }
  }
  return out;
}
