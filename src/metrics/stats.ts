/**
 * The statistics kubesim's outputs use: percentiles, means, a 95 %
 * confidence interval of a mean, and the rounding that makes CSV files
 * byte-identical across runs.
 */
import { deviation, mean as d3mean, quantile } from 'd3-array';
import { MICROS_PER_SECOND, type Micros } from '../engine/time.js';

/**
 * The p-quantile (0 ≤ p ≤ 1) of `values` with d3-array's `quantile`: the
 * R-7 method (Hyndman & Fan type 7, numpy's and Excel's default), linear
 * interpolation between the closest ranks of the sorted values. Undefined
 * when there are no values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  return quantile(values, p);
}

/** The arithmetic mean, or undefined when there are no values. */
export function mean(values: readonly number[]): number | undefined {
  return d3mean(values);
}

/** The sample standard deviation (n − 1 denominator), or undefined for fewer than two values. */
export function sampleStdDev(values: readonly number[]): number | undefined {
  return deviation(values);
}

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom (index = df − 1). */
const T_975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093,
  2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
const Z_975 = 1.959963984540054;

/**
 * Student's t quantile t(0.975, df): the table up to 30 degrees of freedom,
 * then the Cornish–Fisher expansion around the normal quantile (error below 1e-4).
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  const t = T_975[df - 1];
  if (t !== undefined) return t;
  const z = Z_975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** A mean with its 95 % confidence interval. */
export interface MeanInterval {
  readonly mean: number;
  /** Undefined with fewer than two values. */
  readonly low: number | undefined;
  readonly high: number | undefined;
  readonly n: number;
}

/**
 * The mean of `values` with its 95 % confidence interval, mean ± t(0.975,
 * n−1)·s/√n (Student's t, s the sample standard deviation). Undefined when
 * there are no values; the interval is undefined for a single value.
 */
export function meanConfidence95(values: readonly number[]): MeanInterval | undefined {
  const m = mean(values);
  if (m === undefined) return undefined;
  const n = values.length;
  const s = sampleStdDev(values);
  if (s === undefined) return { mean: m, low: undefined, high: undefined, n };
  const half = (studentT975(n - 1) * s) / Math.sqrt(n);
  return { mean: m, low: m - half, high: m + half, n };
}

/** Rounds to `digits` decimals (half away from zero), turning −0 into 0. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  return r === 0 ? 0 : r;
}

/** A duration or an instant in µs as seconds, to the microsecond (6 decimals). */
export function secondsOf(t: Micros): number {
  return roundTo(t / MICROS_PER_SECOND, 6);
}

/** A fraction (0..1) as a percentage with 4 decimals. */
export function percentOf(fraction: number): number {
  return roundTo(fraction * 100, 4);
}

/** `undefined` as the empty CSV cell. */
export function orEmpty(x: number | undefined): number | '' {
  return x === undefined ? '' : x;
}
