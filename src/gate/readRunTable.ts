import { InputError } from '../api/InputError.js';
import { cell, columnIndex, type CsvTable } from './csvRecords.js';

/** Which run output a table is: a sweep's summary.csv (one row per run) or compare.csv (one row per policy and metric). */
export type RunTableKind = 'summary' | 'compare';

/** The columns naming a row of each kind. */
export const KEY_COLUMNS: Readonly<Record<RunTableKind, readonly string[]>> = {
  summary: ['workload', 'policy', 'seed'],
  compare: ['workload', 'policy', 'metric'],
};

/** One row of a run table. */
export interface RunRow {
  /** The key columns joined by `/`: `workload/policy/seed` or `workload/policy/metric`. */
  readonly key: string;
  /** The row's workload, to group checks by. */
  readonly workload: string;
  /** compare.csv: the row's metric (rules match it); summary.csv: undefined (each column is a metric). */
  readonly metric?: string;
  /** Value column → cell text. */
  readonly cells: ReadonlyMap<string, string>;
  readonly line: number;
}

/** A summary.csv or compare.csv, read for comparison cell by cell. */
export interface RunTable {
  readonly file: string;
  readonly kind: RunTableKind;
  /** The columns compared (all but the key columns), in header order. */
  readonly valueColumns: readonly string[];
  /** By key, in file order. */
  readonly rows: ReadonlyMap<string, RunRow>;
}

/** Reads a run output table of `kind`; a key seen twice is an {@link InputError}. */
export function readRunTable(table: CsvTable, file: string, kind: RunTableKind): RunTable {
  const keys = KEY_COLUMNS[kind];
  const index = columnIndex(table, file, keys, `a kubesim ${kind}.csv`);
  const valueColumns = table.header.filter((c) => !keys.includes(c));
  const rows = new Map<string, RunRow>();
  for (const record of table.records) {
    const keyCells = keys.map((c) => cell(record, index, c, file));
    const key = keyCells.join('/');
    const earlier = rows.get(key);
    if (earlier !== undefined) throw new InputError(`${file}:${record.line}: ${keys.join(', ')} ${keyCells.join(', ')}: a second row (the first is on line ${earlier.line})`);
    const cells = new Map<string, string>();
    for (const column of valueColumns) cells.set(column, cell(record, index, column, file));
    rows.set(key, { key, workload: keyCells[0]!, ...(kind === 'compare' ? { metric: keyCells[2]! } : {}), cells, line: record.line });
  }
  return { file, kind, valueColumns, rows };
}
