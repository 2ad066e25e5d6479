/**
 * One measurement, as every benchmark suite reports it and as
 * `kubesim bench --out FILE.csv` writes it: `suite,case,metric,value,unit`.
 * A case measured n times gives n rows with the same suite, case and metric,
 * in sample order.
 */
export interface BenchRow {
  /** The suite, e.g. `engine`. */
  suite: string;
  /** The case within the suite, e.g. `hold-100000`. */
  case: string;
  /** What was measured, e.g. `events_per_s`. */
  metric: string;
  /** A number; text only in the `machine` suite's rows. */
  value: number | string;
  /**
   * The value's unit, which says which way is better: `events/s`, `pods/s`,
   * `ops/s`, `draws/s` and `x` higher; `s`, `ms`, `us`, `ns` and `bytes` lower.
   */
  unit: string;
}

/** The CSV columns of a {@link BenchRow}, in order. */
export const BENCH_COLUMNS = ['suite', 'case', 'metric', 'value', 'unit'] as const;

/** Timed samples per case of a macro suite (and of the calibration at each point) when none is asked for: the agreed minimum for a timing metric. */
export const DEFAULT_SAMPLES = 5;
/** Timed samples per case of a micro suite when none is asked for: they are cheap, and more samples make the gate's test stronger. */
export const DEFAULT_MICRO_SAMPLES = 10;

/** Options every suite accepts. */
export interface SuiteOptions {
  /** Timed samples per case, one row each (default: the suite's own, {@link DEFAULT_MICRO_SAMPLES} or {@link DEFAULT_SAMPLES}). */
  samples?: number;
  /** Time budget of one sample of a micro case in milliseconds (tinybench's `time`); smaller is quicker and noisier. */
  timeMs?: number;
  /**
   * Small workloads: the macro suites run upstream's integration-test sizes
   * and short simulated durations instead of the performance ones (for tests
   * and smoke runs; their case names say the size).
   */
  small?: boolean;
}

/** A benchmark suite that `kubesim bench` can run by name. */
export interface Suite {
  name: string;
  description: string;
  run(options: SuiteOptions): Promise<BenchRow[]>;
}

/** The options' sample count (at least 1), or the suite's default. */
export function samplesOf(options: SuiteOptions, suiteDefault = DEFAULT_SAMPLES): number {
  return Math.max(1, Math.floor(options.samples ?? suiteDefault));
}
