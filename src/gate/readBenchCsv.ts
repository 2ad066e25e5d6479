import { InputError } from '../api/InputError.js';
import { cell, columnIndex, DECIMAL, type CsvTable } from './csvRecords.js';

/** The columns of a bench CSV, as `kubesim bench --out` writes them. */
export const BENCH_CSV_COLUMNS = ['suite', 'case', 'metric', 'value', 'unit'] as const;

/** The suite whose rows describe the machine (text values). */
export const MACHINE_SUITE = 'machine';

/** The calibration workload every bench file measures, to cancel the machine's speed. */
export const CALIBRATION = { suite: 'calibration', case: 'cpu-memory', metric: 'ops_per_s' } as const;

/** The samples of one (suite, case, metric), in file order. */
export interface BenchSeries {
  readonly suite: string;
  readonly case: string;
  readonly metric: string;
  readonly unit: string;
  readonly values: readonly number[];
  /** The line of its first sample. */
  readonly line: number;
}

/** A bench CSV, read. */
export interface BenchFile {
  readonly file: string;
  /** By `suite/case/metric`, in order of first appearance. */
  readonly series: ReadonlyMap<string, BenchSeries>;
  /** The suites measured (not `machine`), in order of first appearance. */
  readonly suites: readonly string[];
  /** The machine's description: `cpus`, `cpu_model`, `node`, … (the `machine` rows' metric → value). */
  readonly machine: ReadonlyMap<string, string>;
}

/** The name of a (suite, case, metric): `suite/case/metric`. */
export function seriesName(suite: string, testCase: string, metric: string): string {
  return `${suite}/${testCase}/${metric}`;
}

/**
 * Reads a bench CSV (`suite,case,metric,value,unit`, one row per sample).
 * Values must be numbers except on `machine` rows; every sample of a series
 * must have the same unit.
 */
export function readBenchCsv(table: CsvTable, file: string): BenchFile {
  const index = columnIndex(table, file, BENCH_CSV_COLUMNS, 'a bench CSV');
  const series = new Map<string, { suite: string; case: string; metric: string; unit: string; values: number[]; line: number }>();
  const suites: string[] = [];
  const machine = new Map<string, string>();
  for (const record of table.records) {
    const [suite, testCase, metric, text, unit] = BENCH_CSV_COLUMNS.map((c) => cell(record, index, c, file)) as [string, string, string, string, string];
    if (suite === MACHINE_SUITE) {
      machine.set(metric, text);
      continue;
    }
    if (suite === '' || testCase === '' || metric === '') throw new InputError(`${file}:${record.line}: suite, case and metric must not be empty`);
    if (!DECIMAL.test(text) || !Number.isFinite(Number(text))) {
      throw new InputError(`${file}:${record.line}: column "value": ${JSON.stringify(text)} is not a number`);
    }
    if (!suites.includes(suite)) suites.push(suite);
    const name = seriesName(suite, testCase, metric);
    const known = series.get(name);
    if (known === undefined) {
      series.set(name, { suite, case: testCase, metric, unit, values: [Number(text)], line: record.line });
    } else if (known.unit !== unit) {
      throw new InputError(`${file}:${record.line}: ${name}: unit "${unit}" where its earlier samples have "${known.unit}"`);
    } else {
      known.values.push(Number(text));
    }
  }
  return { file, series, suites, machine };
}
