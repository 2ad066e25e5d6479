import { headerIndex, parseCsv, parseCsvLines } from '../api/csv.js';
import { InputError } from '../api/InputError.js';
import {
  COMPARE_COLUMNS,
  CURVE_COLUMNS,
  PERF_COLUMNS,
  POD_COLUMNS,
  SUMMARY_COLUMNS,
  TIMESERIES_COLUMNS,
  type CompareRow,
  type CurveRow,
  type PerfRow,
  type PodRow,
  type SummaryRow,
  type TimeseriesRow,
} from './types.js';

/**
 * What a column holds: `string` as is; `integer` and `number` a decimal number
 * (`integer` a whole one); `number?` a number or '' (the event never happened).
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'number?';

/** The columns of a CSV file and their types, in the order kubesim writes them. */
export type CsvSchema<Row> = { readonly [K in keyof Row]: ColumnType };

const SUMMARY_SCHEMA: CsvSchema<SummaryRow> = {
  workload: 'string', policy: 'string', seed: 'integer', nodes: 'integer', pods_created: 'integer', pods_scheduled: 'integer',
  pods_unschedulable: 'integer', pods_completed: 'integer', pods_failed: 'integer', scheduling_attempts: 'integer', preemptions: 'integer',
  evictions: 'integer', pending_s_p50: 'number?', pending_s_p90: 'number?', pending_s_p99: 'number?', startup_s_p50: 'number?',
  startup_s_p99: 'number?', cpu_alloc_pct_mean: 'number?', mem_alloc_pct_mean: 'number?', gpu_alloc_pct_mean: 'number?', makespan_s: 'number?',
  unallocated_gpu_pct: 'number?', frag_gpu_pct: 'number?',
};

const POD_SCHEMA: CsvSchema<PodRow> = {
  workload: 'string', policy: 'string', seed: 'integer', namespace: 'string', name: 'string', owner_kind: 'string', owner_name: 'string',
  node: 'string', created_s: 'number', scheduled_s: 'number?', started_s: 'number?', ready_s: 'number?', finished_s: 'number?',
  deleted_s: 'number?', pending_s: 'number?', startup_s: 'number?', attempts: 'integer', final_phase: 'string', cpu_request_m: 'number',
  memory_request_bytes: 'number', gpu_request: 'number',
};

const TIMESERIES_SCHEMA: CsvSchema<TimeseriesRow> = {
  workload: 'string', policy: 'string', seed: 'integer', t_s: 'number', nodes_ready: 'integer', pods_pending: 'integer', pods_running: 'integer',
  pods_succeeded: 'integer', pods_failed: 'integer', cpu_alloc_pct: 'number?', mem_alloc_pct: 'number?', gpu_alloc_pct: 'number?',
};

const PERF_SCHEMA: CsvSchema<PerfRow> = {
  workload: 'string', policy: 'string', seed: 'integer', wall_s: 'number', sim_events: 'number', events_per_s: 'number',
  sim_s_per_wall_s: 'number', sched_pods_per_s: 'number', peak_rss_bytes: 'number',
};

const CURVE_SCHEMA: CsvSchema<CurveRow> = {
  workload: 'string', policy: 'string', seed: 'integer', arrived_pct: 'integer', allocated_gpu_pct: 'number', unallocated_gpu_pct: 'number',
  frag_gpu_pct: 'number', frag_ratio_pct: 'number?',
};

const COMPARE_SCHEMA: CsvSchema<CompareRow> = {
  workload: 'string', policy: 'string', metric: 'string', mean: 'number?', ci95_low: 'number?', ci95_high: 'number?', n: 'integer', delta_pct: 'number?',
};

/** A decimal number as kubesim (JavaScript's String(number)) writes it: no hex, no Infinity, no spaces. */
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function convert(text: string, type: ColumnType): number | string | Error {
  if (type === 'string') return text;
  if (text === '') return type === 'number?' ? '' : new Error('empty, expected a number');
  if (!DECIMAL.test(text)) return new Error(`${JSON.stringify(text)} is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) return new Error(`${JSON.stringify(text)} is out of range`);
  if (type === 'integer' && !Number.isSafeInteger(value)) return new Error(`${JSON.stringify(text)} is not a whole number`);
  return value;
}

/**
 * Parses CSV `text` into rows of `schema`: the header must name every column
 * of the schema (in any order; other columns are ignored). Errors are
 * {@link InputError}s `FILE:LINE: column "x": ...`, LINE counted from 1 at the
 * header, the line a record starts on.
 */
export function readCsv<Row>(text: string, file: string, schema: CsvSchema<Row>): Row[] {
  const records = parseCsv(text, file);
  // Line numbers only matter for an error: find them then (half the speed on the fast path otherwise).
  const lineOf = (r: number): number => {
    // parseCsvLines drops blank lines: count the records up to r that it keeps.
    const kept = records.slice(1, r + 1).filter((f) => !(f.length === 1 && f[0] === '')).length;
    return parseCsvLines(text, file).records[kept - 1]!.line;
  };
  const columns = Object.keys(schema) as (keyof Row & string)[];
  const header = records[0];
  if (header === undefined) throw new InputError(`${file}:1: empty file, expected a header line "${columns.join(',')}"`);
  const index = headerIndex(header, file, columns);
  const types = columns.map((c) => schema[c]);
  const positions = columns.map((c) => index.get(c)!);
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.length === 1 && record[0] === '') continue; // a blank line
    if (record.length > header.length) {
      throw new InputError(`${file}:${lineOf(r)}: ${record.length} fields where the header has ${header.length}`);
    }
    const row: Record<string, number | string> = {};
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const cell = record[positions[c]!];
      if (cell === undefined) {
        throw new InputError(`${file}:${lineOf(r)}: column "${column}": missing (the line has ${record.length} fields, the header ${header.length})`);
      }
      const value = convert(cell, types[c]!);
      if (value instanceof Error) throw new InputError(`${file}:${lineOf(r)}: column "${column}": ${value.message}`);
      row[column] = value;
    }
    rows.push(row as Row);
  }
  return rows;
}

/** summary.csv back into rows; `file` names it in errors. */
export function readSummaryCsv(text: string, file = 'summary.csv'): SummaryRow[] {
  return readCsv(text, file, SUMMARY_SCHEMA);
}

/** pods.csv back into rows; `file` names it in errors. */
export function readPodsCsv(text: string, file = 'pods.csv'): PodRow[] {
  return readCsv(text, file, POD_SCHEMA);
}

/** timeseries.csv back into rows; `file` names it in errors. */
export function readTimeseriesCsv(text: string, file = 'timeseries.csv'): TimeseriesRow[] {
  return readCsv(text, file, TIMESERIES_SCHEMA);
}

/** perf.csv back into rows; `file` names it in errors. */
export function readPerfCsv(text: string, file = 'perf.csv'): PerfRow[] {
  return readCsv(text, file, PERF_SCHEMA);
}

/** curve.csv back into rows; `file` names it in errors. */
export function readCurveCsv(text: string, file = 'curve.csv'): CurveRow[] {
  return readCsv(text, file, CURVE_SCHEMA);
}

/** compare.csv back into rows; `file` names it in errors. */
export function readCompareCsv(text: string, file = 'compare.csv'): CompareRow[] {
  return readCsv(text, file, COMPARE_SCHEMA);
}

/** The schemas list their columns in the written order (checked at load, so a new column in types.ts cannot be forgotten here). */
function assertOrder(name: string, schema: object, columns: readonly string[]): void {
  const keys = Object.keys(schema);
  if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) {
    throw new Error(`readCsv: the ${name} schema does not match its column order in types.ts`);
  }
}
assertOrder('summary', SUMMARY_SCHEMA, SUMMARY_COLUMNS);
assertOrder('pods', POD_SCHEMA, POD_COLUMNS);
assertOrder('timeseries', TIMESERIES_SCHEMA, TIMESERIES_COLUMNS);
assertOrder('perf', PERF_SCHEMA, PERF_COLUMNS);
assertOrder('curve', CURVE_SCHEMA, CURVE_COLUMNS);
assertOrder('compare', COMPARE_SCHEMA, COMPARE_COLUMNS);
