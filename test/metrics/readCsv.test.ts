import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/api/InputError.js';
import { compare } from '../../src/metrics/compare.js';
import { toCsv } from '../../src/metrics/csv.js';
import { podsCsv, summaryCsv } from '../../src/metrics/csvFiles.js';
import { readCompareCsv, readPerfCsv, readPodsCsv, readSummaryCsv, readTimeseriesCsv } from '../../src/metrics/readCsv.js';
import { COMPARE_COLUMNS, PERF_COLUMNS, POD_COLUMNS, SUMMARY_COLUMNS, TIMESERIES_COLUMNS } from '../../src/metrics/types.js';
import { perfRow, podRow, summaryRow, timeseriesRow } from './report/fixtures.js';

function csv<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  return toCsv(columns, rows.map((r) => columns.map((c) => r[c] as string | number)));
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readCsv', () => {
  const summary = [
    summaryRow('web', 'default', 1, { nodes: 3, pending_s_p50: 0.25, gpu_alloc_pct_mean: '', makespan_s: 1234.5 }),
    summaryRow('web', './my config, "v2".yaml', 2, { pending_s_p50: '', cpu_alloc_pct_mean: 1.5e-7 }),
  ];
  const pods = [podRow('web', 'default', 1, 'web-abc', 0.5), podRow('web', 'default', 1, 'web-def', '', { owner_kind: '', owner_name: '' })];
  const timeseries = [timeseriesRow('web', 'default', 1, 0, 12.5, 30), timeseriesRow('web', 'default', 1, 10, '', '', 50)];
  const perf = [perfRow('web', 'default', 1)];

  it('reads every file back into the rows it was written from: numbers as numbers, empty as \'\'', () => {
    expect(readSummaryCsv(csv(SUMMARY_COLUMNS, summary))).toEqual(summary);
    expect(readPodsCsv(csv(POD_COLUMNS, pods))).toEqual(pods);
    expect(readTimeseriesCsv(csv(TIMESERIES_COLUMNS, timeseries))).toEqual(timeseries);
    expect(readPerfCsv(csv(PERF_COLUMNS, perf))).toEqual(perf);
    const cmp = compare(summary.slice(0, 1), { baseline: 'default', policyOrder: ['default'], workloadOrder: [] });
    expect(readCompareCsv(csv(COMPARE_COLUMNS, cmp))).toEqual(cmp);
  });

  it('round-trips the files kubesim writes (csvFiles.ts) byte for byte, positional tiny numbers included', () => {
    const text = summaryCsv(summary);
    expect(text).toContain(',0.00000015,');
    expect(readSummaryCsv(text)).toEqual(summary);
    expect(summaryCsv(readSummaryCsv(text))).toBe(text);
    expect(podsCsv(readPodsCsv(podsCsv(pods)))).toBe(podsCsv(pods));
  });

  it('round-trips byte for byte', () => {
    const text = csv(SUMMARY_COLUMNS, summary);
    expect(csv(SUMMARY_COLUMNS, readSummaryCsv(text))).toBe(text);
  });

  it('accepts columns in another order, extra columns, CRLF, a BOM and blank lines', () => {
    const text = '\uFEFFextra,' + [...TIMESERIES_COLUMNS].reverse().join(',') + '\r\n\r\nx,50,,,2,1,0,3,3,0,7,default,web\r\n';
    expect(readTimeseriesCsv(text)).toEqual([
      { workload: 'web', policy: 'default', seed: 7, t_s: 0, nodes_ready: 3, pods_pending: 3, pods_running: 0, pods_succeeded: 1, pods_failed: 2, cpu_alloc_pct: '', mem_alloc_pct: '', gpu_alloc_pct: 50 },
    ]);
  });

  it('counts blank lines when it names the line of a bad value', () => {
    const lines = csv(SUMMARY_COLUMNS, summary).split('\n');
    const bad = lines[1]!.replace(/,1234\.5,,$/, ',abc,,');
    const text = [lines[0], lines[2], '', '', bad].join('\n');
    expect(errorOf(() => readSummaryCsv(text, 'out/summary.csv'))).toBe('out/summary.csv:5: column "makespan_s": "abc" is not a number');
  });

  it('names the file, line and column of a bad value', () => {
    const lines = csv(SUMMARY_COLUMNS, summary).split('\n');
    lines[2] = lines[2]!.replace(/,1234\.5,,$/, ',abc,,');
    lines[1] = lines[1]!.replace(/,1234\.5,,$/, ',abc,,');
    expect(errorOf(() => readSummaryCsv(lines.join('\n'), 'out/summary.csv'))).toBe('out/summary.csv:2: column "makespan_s": "abc" is not a number');
  });

  it('rejects an empty required number, a fractional integer, hex and Infinity', () => {
    const header = PERF_COLUMNS.join(',');
    expect(errorOf(() => readPerfCsv(`${header}\nw,p,1,,1,1,1,1,1\n`))).toBe('perf.csv:2: column "wall_s": empty, expected a number');
    expect(errorOf(() => readPerfCsv(`${header}\nw,p,1.5,1,1,1,1,1,1\n`))).toBe('perf.csv:2: column "seed": "1.5" is not a whole number');
    expect(errorOf(() => readPerfCsv(`${header}\nw,p,1,0x10,1,1,1,1,1\n`))).toBe('perf.csv:2: column "wall_s": "0x10" is not a number');
    expect(errorOf(() => readPerfCsv(`${header}\nw,p,1,Infinity,1,1,1,1,1\n`))).toBe('perf.csv:2: column "wall_s": "Infinity" is not a number');
  });

  it('counts lines from the start of a record that spans quoted newlines', () => {
    const header = PERF_COLUMNS.join(',');
    const text = `${header}\n"multi\nline",p,1,1,1,1,1,1,1\nw,p,1,1,1,1,1,1,oops\n`;
    expect(errorOf(() => readPerfCsv(text))).toBe('perf.csv:4: column "peak_rss_bytes": "oops" is not a number');
  });

  it('reports missing columns in the header and short or long lines', () => {
    const header = PERF_COLUMNS.filter((c) => c !== 'wall_s' && c !== 'sim_events').join(',');
    expect(errorOf(() => readPerfCsv(`${header}\n`, 'a/perf.csv'))).toBe('a/perf.csv:1: column "wall_s": missing from the header (also missing: sim_events)');
    const full = PERF_COLUMNS.join(',');
    expect(errorOf(() => readPerfCsv(`${full}\nw,p,1,1,1\n`))).toBe('perf.csv:2: column "events_per_s": missing (the line has 5 fields, the header 9)');
    expect(errorOf(() => readPerfCsv(`${full}\nw,p,1,1,1,1,1,1,1,1\n`))).toBe('perf.csv:2: 10 fields where the header has 9');
  });

  it('reports an empty file, a duplicated column and malformed quoting', () => {
    expect(errorOf(() => readPerfCsv(''))).toMatch(/^perf\.csv:1: empty file, expected a header line "workload,policy,seed,/);
    expect(errorOf(() => readPerfCsv('seed,seed\n'))).toBe('perf.csv:1: column "seed": appears twice in the header');
    expect(errorOf(() => readPerfCsv(`${PERF_COLUMNS.join(',')}\nw,"p,1\n`))).toMatch(/^perf\.csv:2: malformed CSV: Quote Not Closed/);
  });
});
