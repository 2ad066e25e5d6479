import { normalSf } from './normal.js';

/**
 * Which way the test looks: `greater` asks whether `x` tends to be larger than
 * `y` (stochastically greater), `less` whether it tends to be smaller,
 * `two-sided` whether either holds. Named as in scipy.stats.mannwhitneyu.
 */
export type Alternative = 'greater' | 'less' | 'two-sided';

/** How the p-value was computed. */
export type MannWhitneyMethod = 'exact' | 'asymptotic';

/** The outcome of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U of `x`: the pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting ½ (scipy's `statistic`). */
  readonly u: number;
  /** The p-value under the chosen alternative. */
  readonly p: number;
  readonly method: MannWhitneyMethod;
}

/** Options of {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /**
   * `exact` (only without ties), `asymptotic`, or `auto` (the default): exact
   * when there are no ties and n₁·n₂ ≤ {@link EXACT_LIMIT}, else asymptotic.
   */
  readonly method?: MannWhitneyMethod | 'auto';
}

/** The largest n₁·n₂ for which `auto` computes the exact null distribution (a few ms at most). */
export const EXACT_LIMIT = 2500;

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) of samples `x` and `y`, with
 * scipy.stats.mannwhitneyu's conventions: U counts the pairs where x wins;
 * the exact p-value comes from the permutation distribution of U; the
 * asymptotic one from the normal approximation with the tie correction of the
 * variance and a continuity correction of ½.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], alternative: Alternative, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU: both samples need at least one value');
  const { rankSumX, tieTerm } = ranks(x, y);
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  // The statistic whose large values speak for the alternative.
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const requested = options.method ?? 'auto';
  const method: MannWhitneyMethod =
    requested === 'auto' ? (tieTerm === 0 && n1 * n2 <= EXACT_LIMIT ? 'exact' : 'asymptotic') : requested;
  if (method === 'exact' && tieTerm !== 0) throw new RangeError('mannWhitneyU: the exact method needs samples without ties');
  let p: number;
  if (method === 'exact') {
    p = exactSf(u, n1, n2);
  } else {
    const n = n1 + n2;
    const mean = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
    // Every value tied: no evidence either way.
    p = variance <= 0 ? 1 : normalSf((u - mean - 0.5) / Math.sqrt(variance));
  }
  if (alternative === 'two-sided') p *= 2;
  return { u: u1, p: Math.min(1, Math.max(0, p)), method };
}

/** The rank sum of `x` in the pooled sample (mid-ranks for ties) and Σ(t³ − t) over groups of t tied values. */
function ranks(x: readonly number[], y: readonly number[]): { rankSumX: number; tieTerm: number } {
  const pooled = [...x.map((value) => ({ value, fromX: true })), ...y.map((value) => ({ value, fromX: false }))];
  pooled.sort((a, b) => a.value - b.value);
  let rankSumX = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start + 1;
    while (end < pooled.length && pooled[end]!.value === pooled[start]!.value) end++;
    const t = end - start;
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (pooled[i]!.fromX) rankSumX += midRank;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { rankSumX, tieTerm };
}

/**
 * P(U ≥ u) under the null hypothesis for samples of n₁ and n₂ distinct values,
 * from the recurrence on the largest pooled value: it is an x with probability
 * n₁/(n₁+n₂) (and beats all n₂ y's) or a y. Only additions of positive terms,
 * so small tails keep their relative precision.
 */
function exactSf(u: number, n1: number, n2: number): number {
  const threshold = Math.ceil(u - 1e-9);
  const max = n1 * n2;
  if (threshold <= 0) return 1;
  if (threshold > max) return 0;
  const pmf = exactPmf(n1, n2);
  // The distribution is symmetric: sum the shorter tail.
  let tail = 0;
  if (threshold > max / 2) {
    for (let k = threshold; k <= max; k++) tail += pmf[k]!;
    return tail;
  }
  for (let k = 0; k < threshold; k++) tail += pmf[k]!;
  return 1 - tail;
}

/** The null distribution of U for samples of sizes n₁ and n₂: P(U = k) for k = 0 … n₁·n₂. */
function exactPmf(n1: number, n2: number): Float64Array {
  // column[i] holds the pmf for sizes (i, j) as j grows from 0 to n₂.
  let column: Float64Array[] = [];
  for (let i = 0; i <= n1; i++) column.push(Float64Array.of(1));
  for (let j = 1; j <= n2; j++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= n1; i++) {
      const pmf = new Float64Array(i * j + 1);
      const withX = next[i - 1]!; // sizes (i − 1, j): the largest value is an x, U grows by j
      const withY = column[i]!; // sizes (i, j − 1): the largest value is a y
      const px = i / (i + j);
      const py = j / (i + j);
      for (let k = 0; k < withX.length; k++) pmf[k + j] = pmf[k + j]! + px * withX[k]!;
      for (let k = 0; k < withY.length; k++) pmf[k] = pmf[k]! + py * withY[k]!;
      next.push(pmf);
    }
    column = next;
  }
  return column[n1]!;
}
