/**
 * The CSV files of a run or a comparison, as text: the column constants of
 * ./types.ts in their order, one line per row, through {@link toCsv}.
 */
import { csvLines, toCsv } from './csv.js';
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
 * A number as a CSV cell: as JavaScript prints it (shortest round-trip
 * form), except that a number JavaScript would print with an exponent
 * (|x| < 1e-6 or ≥ 1e21) is printed in positional notation with the same
 * digits; −0 is `0` and a non-finite number is the empty cell.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  // Shift the decimal point of JavaScript's own shortest digits: no digit is added or lost.
  const sign = s.startsWith('-') ? '-' : '';
  const digits = s.slice(sign.length, e).replace('.', '');
  const exponent = Number(s.slice(e + 1));
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits}${'0'.repeat(exponent - (digits.length - 1))}`;
}

function cell(v: unknown): string | number {
  if (typeof v === 'number') return formatNumber(v);
  if (v === undefined || v === null) return '';
  return String(v);
}

function rowsOf<R>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => cell(r[c]))),
  );
}

/** summary.csv: one line per run. */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  return rowsOf<SummaryRow>(SUMMARY_COLUMNS, rows);
}

/** pods.csv: one line per pod of each run. */
export function podsCsv(rows: readonly PodRow[]): string {
  return rowsOf<PodRow>(POD_COLUMNS, rows);
}

/** pods.csv's lines for `rows` without the header: a run's part, written where the run ran. */
export function podLines(rows: readonly PodRow[]): string {
  return csvLines(rows.map((r) => POD_COLUMNS.map((c) => cell(r[c]))));
}

/** pods.csv from its runs' parts ({@link podLines}), in order: the same text as {@link podsCsv} of all their rows. */
export function podsCsvOfLines(parts: readonly string[]): string {
  return toCsv(POD_COLUMNS, []) + parts.join('');
}

/** timeseries.csv: one line per sample of each run. */
export function timeseriesCsv(rows: readonly TimeseriesRow[]): string {
  return rowsOf<TimeseriesRow>(TIMESERIES_COLUMNS, rows);
}

/** perf.csv: one line per run (wall-clock figures). */
export function perfCsv(rows: readonly PerfRow[]): string {
  return rowsOf<PerfRow>(PERF_COLUMNS, rows);
}

/** compare.csv: one line per workload, policy and metric. */
export function compareCsv(rows: readonly CompareRow[]): string {
  return rowsOf<CompareRow>(COMPARE_COLUMNS, rows);
}

/** curve.csv: one line per arrived-load bin of each placement run. */
export function curveCsv(rows: readonly CurveRow[]): string {
  return rowsOf<CurveRow>(CURVE_COLUMNS, rows);
}
