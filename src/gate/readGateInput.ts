import { InputError } from '../api/InputError.js';
import { readCsvRecords } from './csvRecords.js';
import { BENCH_CSV_COLUMNS, readBenchCsv, type BenchFile } from './readBenchCsv.js';
import { readRunTable, type RunTable } from './readRunTable.js';

/** A file the gate compares: bench samples, or a deterministic run output table. */
export type GateInput = { readonly kind: 'bench'; readonly bench: BenchFile } | { readonly kind: 'summary' | 'compare'; readonly table: RunTable };

/** What each kind is called in messages. */
export const KIND_NAMES: Readonly<Record<GateInput['kind'], string>> = {
  bench: 'a bench CSV (suite,case,metric,value,unit)',
  summary: 'a kubesim summary.csv',
  compare: 'a kubesim compare.csv',
};

/**
 * Reads a gate input, its kind told by the header: any of the bench columns
 * makes a bench CSV; `metric` and `mean` a compare.csv; `workload`, `policy`
 * or `seed` a summary.csv.
 */
export function readGateInput(text: string, file: string): GateInput {
  const table = readCsvRecords(text, file);
  const has = (c: string): boolean => table.header.includes(c);
  if (['suite', 'case', 'unit', 'value'].some(has)) return { kind: 'bench', bench: readBenchCsv(table, file) };
  if (has('metric') && has('mean')) return { kind: 'compare', table: readRunTable(table, file, 'compare') };
  if (['workload', 'policy', 'seed'].some(has)) return { kind: 'summary', table: readRunTable(table, file, 'summary') };
  throw new InputError(
    `${file}:1: neither a bench CSV (${BENCH_CSV_COLUMNS.join(',')}) nor a kubesim summary.csv or compare.csv; the header is ${JSON.stringify(table.header.join(','))}`,
  );
}
