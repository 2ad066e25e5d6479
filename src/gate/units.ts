/**
 * Which way a metric is better: `higher` (throughput), `lower` (time, memory),
 * or `either` when nothing says, so that any change beyond the threshold counts.
 */
export type Direction = 'higher' | 'lower' | 'either';

/** What a bench unit says about its metric. */
export interface UnitMeaning {
  /** Which way is better. */
  readonly direction: Direction;
  /**
   * How the value follows the machine's speed: `throughput` scales with it
   * (divide by the calibration), `time` against it (multiply), `none` not at
   * all (memory, counts).
   */
  readonly speed: 'throughput' | 'time' | 'none';
}

const TIME_UNITS = new Set(['s', 'ms', 'us', 'µs', 'ns']);

/**
 * The meaning of a bench CSV unit, as agreed with the bench suites: rates
 * (`events/s`, `pods/s`, `ops/s`, any `…/s`) and `x` (a speed ratio) are
 * better higher; times (`s`, `ms`, `us`, `ns`) and `bytes` better lower.
 * Anything else has no known direction.
 */
export function unitMeaning(unit: string): UnitMeaning {
  if (unit === 'x' || /\/s$/.test(unit)) return { direction: 'higher', speed: 'throughput' };
  if (TIME_UNITS.has(unit)) return { direction: 'lower', speed: 'time' };
  if (unit === 'bytes' || unit === 'B') return { direction: 'lower', speed: 'none' };
  return { direction: 'either', speed: 'none' };
}
