import { describe, expect, it } from 'vitest';
import { compareCsv, curveCsv, formatNumber, perfCsv, podsCsv, summaryCsv, timeseriesCsv } from '../../src/metrics/csvFiles.js';
import { COMPARE_COLUMNS, CURVE_COLUMNS, PERF_COLUMNS, POD_COLUMNS, SUMMARY_COLUMNS, TIMESERIES_COLUMNS, type CompareRow, type PerfRow } from '../../src/metrics/types.js';
import { collect, SMALL } from './collector/fixtures.js';

describe('formatNumber', () => {
  it('prints numbers as JavaScript does, never with an exponent', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(175.68)).toBe('175.68');
    expect(formatNumber(0.000001)).toBe('0.000001');
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(123456789012)).toBe('123456789012');
    expect(formatNumber(1.5e22)).toBe('15000000000000000000000');
    expect(formatNumber(-1.234e-9)).toBe('-0.000000001234');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('the CSV files', () => {
  const { rows } = collect(SMALL);

  it('have the column constants as headers, in order', () => {
    expect(summaryCsv([]).trimEnd()).toBe(SUMMARY_COLUMNS.join(','));
    expect(podsCsv([]).trimEnd()).toBe(POD_COLUMNS.join(','));
    expect(timeseriesCsv([]).trimEnd()).toBe(TIMESERIES_COLUMNS.join(','));
    expect(perfCsv([]).trimEnd()).toBe(PERF_COLUMNS.join(','));
    expect(compareCsv([]).trimEnd()).toBe(COMPARE_COLUMNS.join(','));
    expect(curveCsv([]).trimEnd()).toBe(CURVE_COLUMNS.join(','));
  });

  it('write one line per row, empty cells for undefined values, \\n-terminated', () => {
    const text = summaryCsv([rows.summary]);
    expect(text).toBe(
      `${SUMMARY_COLUMNS.join(',')}\n` + 'small,default,1,2,6,5,1,1,0,8,0,0,0,109.8,175.68,3,176.76,88.75,12.5,,363,,\n',
    );
    const pods = podsCsv(rows.pods).split('\n');
    expect(pods.length).toBe(1 + rows.pods.length + 1);
    expect(pods[pods.length - 1]).toBe('');
    expect(pods.find((l) => l.includes(',huge,'))).toBe('small,default,1,default,huge,,,,240,,,,,,,,2,Pending,64000,0,0');
    expect(timeseriesCsv(rows.timeseries).split('\n')[1]).toBe('small,default,1,0,2,2,0,0,0,25,12.5,');
  });

  it('write curve rows with an empty frag ratio when no GPU is idle', () => {
    const curve = curveCsv([
      { workload: 'openb', policy: 'fgd', seed: 42, arrived_pct: 99, allocated_gpu_pct: 97.25, unallocated_gpu_pct: 2.75, frag_gpu_pct: 1.5, frag_ratio_pct: 54.545454 },
      { workload: 'openb', policy: 'fgd', seed: 42, arrived_pct: 130, allocated_gpu_pct: 100, unallocated_gpu_pct: 0, frag_gpu_pct: 0, frag_ratio_pct: '' },
    ]).split('\n');
    expect(curve.slice(1)).toEqual(['openb,fgd,42,99,97.25,2.75,1.5,54.545454', 'openb,fgd,42,130,100,0,0,', '']);
  });

  it('quote only where needed, and write perf and compare rows', () => {
    const perf: PerfRow = { workload: 'a,b', policy: './my "policy".yaml', seed: 3, wall_s: 1.5, sim_events: 1000, events_per_s: 666.6667, sim_s_per_wall_s: 400, sched_pods_per_s: 2, peak_rss_bytes: 123456789 };
    expect(perfCsv([perf]).split('\n')[1]).toBe('"a,b","./my ""policy"".yaml",3,1.5,1000,666.6667,400,2,123456789');
    const compare: CompareRow = { workload: 'w', policy: 'default', metric: 'makespan_s', mean: 10, ci95_low: 9.5, ci95_high: 10.5, n: 5, delta_pct: '' };
    expect(compareCsv([compare]).split('\n')[1]).toBe('w,default,makespan_s,10,9.5,10.5,5,');
  });
});
