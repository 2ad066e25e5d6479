/**
 * Reading CSV input (kubesim's own output files, trace files, benchmark
 * files) with errors a person can act on: every problem is an
 * {@link InputError} `FILE:LINE: ...`, LINE counted from 1 at the header and
 * naming the line a record starts on. The readers of each format build on
 * these three pieces.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { InputError } from './InputError.js';

/** One data record and the file line it starts on. */
export interface CsvLine {
  readonly fields: readonly string[];
  readonly line: number;
}

/**
 * Parses `text` (named `file` in errors) into records of fields, ragged
 * lines allowed, a BOM dropped. @throws InputError for malformed CSV
 */
export function parseCsv(text: string, file: string): string[][] {
  return guarded(file, () => parse(text, { relax_column_count: true, bom: true }) as string[][]);
}

/**
 * Parses `text` into its header and its data records with their start lines
 * (blank lines dropped). `expected` names the header an empty file should
 * have had, for the message. @throws InputError for malformed CSV or an empty file
 */
export function parseCsvLines(text: string, file: string, expected?: readonly string[]): { header: readonly string[]; records: CsvLine[] } {
  const parsed = guarded(file, () => parse(text, { relax_column_count: true, bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[]);
  const first = parsed[0];
  if (first === undefined) throw new InputError(`${file}:1: empty file, expected a header line${expected === undefined ? '' : ` "${expected.join(',')}"`}`);
  const records: CsvLine[] = [];
  for (let r = 1; r < parsed.length; r++) {
    const { record, info } = parsed[r]!;
    if (record.length === 1 && record[0] === '') continue;
    // info.lines is the line the record ends on; quoted newlines make it span several.
    records.push({ fields: record, line: info.lines - record.reduce((k, f) => k + (f.split('\n').length - 1), 0) });
  }
  return { header: first.record, records };
}

/**
 * The position of each header column, checking that no column appears twice
 * and that every `required` one is there (the first missing one is named).
 * @throws InputError `FILE:1: column "x": ...`
 */
export function headerIndex(header: readonly string[], file: string, required: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (index.has(name)) throw new InputError(`${file}:1: column "${name}": appears twice in the header`);
    index.set(name, i);
  });
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new InputError(`${file}:1: column "${missing[0]}": missing from the header` + (missing.length > 1 ? ` (also missing: ${missing.slice(1).join(', ')})` : ''));
  }
  return index;
}

/** Runs csv-parse, turning its errors into an {@link InputError} with the file and line. */
function guarded<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new InputError(`${file}:${line}: malformed CSV: ${err.message.replace(/ on line \d+$/, '')}`);
    }
    throw err;
  }
}
