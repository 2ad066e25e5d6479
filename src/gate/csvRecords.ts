import { parseCsvLines } from '../api/csv.js';
import { InputError } from '../api/InputError.js';

/** One data line of a CSV file. */
export interface CsvRecord {
  readonly cells: readonly string[];
  /** The 1-based line it starts on (the header is line 1). */
  readonly line: number;
}

/** A CSV file as a header and records, blank lines dropped. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/** Parses `text` (named `file` in errors) into a header and records with their line numbers. */
export function readCsvRecords(text: string, file: string): CsvTable {
  const { header, records } = parseCsvLines(text, file);
  return { header, records: records.map((r) => ({ cells: r.fields, line: r.line })) };
}

/** The column positions of `columns` in `table`'s header; a missing one is an {@link InputError} `FILE: missing column X`. */
export function columnIndex(table: CsvTable, file: string, columns: readonly string[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  table.header.forEach((name, i) => {
    if (index.has(name)) throw new InputError(`${file}:1: column "${name}" appears twice in the header`);
    index.set(name, i);
  });
  const missing = columns.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new InputError(`${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${what} has columns ${columns.join(',')})`);
  }
  return index;
}

/** The cell of `record` in column `column`; a short line is an {@link InputError}. */
export function cell(record: CsvRecord, index: Map<string, number>, column: string, file: string): string {
  const value = record.cells[index.get(column)!];
  if (value === undefined) throw new InputError(`${file}:${record.line}: column "${column}": missing (the line has ${record.cells.length} fields)`);
  return value;
}

/** A decimal number as the CSV writers print one. */
export const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
