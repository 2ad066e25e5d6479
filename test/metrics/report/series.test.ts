import { describe, expect, it } from 'vitest';
import { spanAxis } from '../../../src/metrics/report/lineChart.js';
import { empiricalCdf, evenIndices, MAX_POINTS, meanOverSeeds, pendingSeconds, pendingTimes, runPendingOf } from '../../../src/metrics/report/series.js';
import { podRow, timeseriesRow } from './fixtures.js';

describe('evenIndices', () => {
  it('spreads indices evenly, keeping the first and the last', () => {
    expect(evenIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(evenIndices(3, 500)).toEqual([0, 1, 2]);
    expect(evenIndices(0, 500)).toEqual([]);
    expect(new Set(evenIndices(100_000, 499)).size).toBe(499);
  });
});

describe('empiricalCdf', () => {
  it('steps from (min, 0) through (v(i), (i+1)/n·100)', () => {
    const cdf = empiricalCdf([3, 1, 2, 2]);
    expect(cdf).toEqual([[1, 0], [1, 25], [2, 50], [2, 75], [3, 100]]);
    expect(empiricalCdf([])).toEqual([]);
  });

  it('keeps at most 500 points per line, deterministically, ending at 100 %', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const cdf = empiricalCdf(values);
    expect(cdf).toHaveLength(MAX_POINTS);
    expect(cdf[0]).toEqual([0, 0]);
    expect(cdf.at(-1)).toEqual([9999, 100]);
    expect(cdf[1]).toEqual([0, 0.01]);
    expect(empiricalCdf([...values].reverse())).toEqual(cdf);
  });
});

describe('pendingTimes', () => {
  it('takes bound pods of one workload and policy over all seeds and counts the unbound', () => {
    const pods = [
      podRow('web', 'default', 1, 'a', 0.5), podRow('web', 'default', 2, 'a', 1.5), podRow('web', 'default', 2, 'b', ''),
      podRow('web', 'other', 1, 'a', 9), podRow('batch', 'default', 1, 'a', 9),
    ];
    expect(pendingTimes(runPendingOf(pods), 'web', 'default')).toEqual({ values: [0.5, 1.5], unbound: 1 });
  });

  it('reads pods.csv\'s rows as one entry per stretch of one workload and policy, NaN for a pod never bound', () => {
    const pods = [podRow('web', 'default', 1, 'a', 0.5), podRow('web', 'default', 2, 'b', ''), podRow('web', 'other', 1, 'a', 9), podRow('web', 'default', 3, 'c', 2)];
    const runs = runPendingOf(pods);
    expect(runs.map((r) => [r.workload, r.policy, [...r.seconds]])).toEqual([
      ['web', 'default', [0.5, NaN]],
      ['web', 'other', [9]],
      ['web', 'default', [2]],
    ]);
    expect([...pendingSeconds([])]).toEqual([]);
    expect(pendingTimes(runs, 'web', 'default')).toEqual({ values: [0.5, 2], unbound: 1 });
  });
});

describe('meanOverSeeds', () => {
  it('averages each t_s over the seeds that have a value there, in time order', () => {
    const rows = [
      timeseriesRow('web', 'default', 1, 10, 30, 1), timeseriesRow('web', 'default', 1, 0, 10, 1),
      timeseriesRow('web', 'default', 2, 0, 20, 1), timeseriesRow('web', 'default', 2, 10, '', 1),
      timeseriesRow('web', 'default', 2, 20, 50, 1), timeseriesRow('web', 'other', 1, 0, 99, 1),
    ];
    expect(meanOverSeeds(rows, 'web', 'default', 'cpu_alloc_pct')).toEqual([[0, 15], [10, 30], [20, 50]]);
    expect(meanOverSeeds(rows, 'web', 'default', 'gpu_alloc_pct')).toEqual([]);
  });

  it('thins long series to 500 samples', () => {
    const rows = Array.from({ length: 3600 }, (_, t) => timeseriesRow('web', 'default', 1, t, t % 100, 0));
    const series = meanOverSeeds(rows, 'web', 'default', 'cpu_alloc_pct');
    expect(series).toHaveLength(MAX_POINTS);
    expect(series.at(-1)).toEqual([3599, 99]);
  });
});

describe('spanAxis', () => {
  it('goes logarithmic between powers of ten when values span two decades', () => {
    expect(spanAxis([0, 0.03, 1, 450], 's')).toEqual({ kind: 'log', domain: [0.01, 1000], label: 's' });
    expect(spanAxis([0, 2, 7.5], 's')).toEqual({ kind: 'linear', domain: [0, 8], label: 's' });
    expect(spanAxis([0, 0], 's')).toEqual({ kind: 'linear', domain: [0, 1], label: 's' });
  });
});
