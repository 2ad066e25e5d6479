/**
 * One measurement, as every benchmark suite reports it and as
 * `kubesim bench --out FILE.csv` writes it: `suite,case,metric,value,unit`.
 */
export interface BenchRow {
  /** The suite, e.g. `engine`. */
  suite: string;
  /** The case within the suite, e.g. `hold-100000`. */
  case: string;
  /** What was measured, e.g. `events_per_s`. */
  metric: string;
  value: number;
  /** The value's unit, e.g. `events/s`. */
  unit: string;
}

/** The CSV columns of a {@link BenchRow}, in order. */
export const BENCH_COLUMNS = ['suite', 'case', 'metric', 'value', 'unit'] as const;

/** Options every suite accepts. */
export interface SuiteOptions {
  /** Time budget per case in milliseconds (tinybench's `time`); smaller is quicker and noisier. */
  timeMs?: number;
}

/** A benchmark suite that `kubesim bench` can run by name. */
export interface Suite {
  name: string;
  description: string;
  run(options: SuiteOptions): Promise<BenchRow[]>;
}
