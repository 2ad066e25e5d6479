import type { BenchRow } from './BenchRow.js';
import { median } from './sample.js';

/** The columns of {@link medianTable}. */
export const MEDIAN_COLUMNS = ['suite', 'case', 'metric', 'median', 'unit', 'n', 'spread'] as const;

/**
 * The table `kubesim bench` prints for people: one line per (suite, case,
 * metric) in first-seen order with the median of its samples, the sample
 * count and the spread ((max − min) / median, in %). The machine's rows are
 * summed up in one line above it.
 */
export function medianTable(rows: readonly BenchRow[]): { machine: string; header: readonly string[]; cells: string[][] } {
  const machine = new Map(rows.filter((r) => r.suite === 'machine').map((r) => [r.metric, String(r.value)]));
  const memory = Number(machine.get('memory') ?? NaN);
  const machineLine = [
    machine.get('cpu_model'),
    machine.has('cpus') ? `${machine.get('cpus')} cpus` : undefined,
    Number.isFinite(memory) ? `${(memory / 2 ** 30).toFixed(1)} GiB` : undefined,
    machine.has('node') ? `node ${machine.get('node')}` : undefined,
    machine.has('kubesim') ? `kubesim ${machine.get('kubesim')}` : undefined,
    machine.get('os'),
  ]
    .filter((x) => x !== undefined)
    .join(', ');
  const groups = new Map<string, { row: BenchRow; values: number[] }>();
  for (const r of rows) {
    if (r.suite === 'machine' || typeof r.value !== 'number') continue;
    const key = JSON.stringify([r.suite, r.case, r.metric, r.unit]);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { row: r, values: [] }));
    g.values.push(r.value);
  }
  const cells = [...groups.values()].map(({ row, values }) => {
    const m = median(values);
    const spread = values.length < 2 || m === 0 ? '' : `${((100 * (Math.max(...values) - Math.min(...values))) / Math.abs(m)).toFixed(0)}%`;
    return [row.suite, row.case, row.metric, formatValue(m), row.unit, String(values.length), spread];
  });
  return { machine: machineLine, header: MEDIAN_COLUMNS, cells };
}

/** Up to 4 significant digits, without exponent notation for the sizes benchmarks give. */
function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return String(Math.round(x));
  return String(Number(x.toPrecision(4)));
}
