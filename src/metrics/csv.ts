import { stringify } from 'csv-stringify/sync';

/** A CSV document: a header row, then one line per row, `\n`-terminated, quoted only where needed. */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([columns as string[], ...(rows as (string | number)[][])], { record_delimiter: '\n' });
}
