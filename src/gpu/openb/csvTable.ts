/**
 * A CSV file read as a table with named columns, for the trace readers: the
 * header names the columns (in any order; extra columns are ignored), every
 * problem is an {@link InputError} `FILE:LINE: column "x": message` with LINE
 * counted from 1 at the header, as kubesim's other CSV readers report.
 */
import { headerIndex, parseCsvLines, type CsvLine } from '../../api/csv.js';
import { InputError } from '../../api/InputError.js';

/** One data record of a {@link CsvTable}, with the file line it starts on. */
export type CsvRecord = CsvLine;

/** A parsed CSV file: its header's column positions and its data records. */
export class CsvTable {
  private constructor(
    /** The file name errors carry. */
    readonly file: string,
    private readonly index: ReadonlyMap<string, number>,
    /** Data records in file order (blank lines skipped). */
    readonly records: readonly CsvRecord[],
  ) {}

  /**
   * Parses `text`; `required` columns must all be in the header (the first
   * missing one is named), `optional` ones may be absent.
   * @throws InputError for malformed CSV, a missing column or a record longer than the header
   */
  static parse(text: string, file: string, required: readonly string[]): CsvTable {
    const { header, records } = parseCsvLines(text, file, required);
    const index = headerIndex(header.map((name) => name.trim()), file, required);
    for (const r of records) {
      if (r.fields.length > header.length) throw new InputError(`${file}:${r.line}: ${r.fields.length} fields where the header has ${header.length}`);
    }
    return new CsvTable(file, index, records);
  }

  /** True when the header has `column`. */
  has(column: string): boolean {
    return this.index.has(column);
  }

  /**
   * The text of `column` in `record` ('' for an optional column the header
   * lacks). @throws InputError when a short record lacks a header column
   */
  cell(record: CsvRecord, column: string): string {
    const i = this.index.get(column);
    if (i === undefined) return '';
    const v = record.fields[i];
    if (v === undefined) this.fail(record, column, `missing (the line has ${record.fields.length} fields, the header ${this.index.size})`);
    return v.trim();
  }

  /** A whole number in [min, max]. @throws InputError naming file, line and column otherwise */
  int(record: CsvRecord, column: string, min: number, max: number): number {
    const text = this.cell(record, column);
    if (text === '') this.fail(record, column, 'empty, expected a whole number');
    if (!/^[+-]?\d+$/.test(text)) this.fail(record, column, `${JSON.stringify(text)} is not a whole number`);
    const value = Number(text);
    if (value < min || value > max) this.fail(record, column, `${text} is out of range [${min}, ${max}]`);
    return value;
  }

  /** Like {@link int}, but undefined for an empty cell or a column the header lacks. */
  optionalInt(record: CsvRecord, column: string, min: number, max: number): number | undefined {
    return this.cell(record, column) === '' ? undefined : this.int(record, column, min, max);
  }

  /** The error for one cell. */
  error(record: CsvRecord, column: string, message: string): InputError {
    return new InputError(`${this.file}:${record.line}: column "${column}": ${message}`);
  }

  /** Throws {@link error}. */
  fail(record: CsvRecord, column: string, message: string): never {
    throw this.error(record, column, message);
  }
}
