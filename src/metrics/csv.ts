import { stringify } from 'csv-stringify/sync';

/** A CSV document: a header row, then one line per row, `\n`-terminated, quoted only where needed. */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([columns as string[], ...(rows as (string | number)[][])], { record_delimiter: '\n' });
}

/**
 * The lines of `rows` alone, each `\n`-terminated ('' for none): a document's
 * rows written in parts and joined after its header line are the document
 * {@link toCsv} writes (every record is written on its own).
 */
export function csvLines(rows: readonly (readonly (string | number)[])[]): string {
  return rows.length === 0 ? '' : stringify(rows as (string | number)[][], { record_delimiter: '\n' });
}
