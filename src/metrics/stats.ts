/**
 * The statistics of one run's outputs: percentiles, and the rounding that
 * makes CSV files byte-identical across runs. (Means and confidence
 * intervals over seeds are compare.ts's.)
 */
import { quantile } from 'd3-array';
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
