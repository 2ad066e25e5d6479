import { describe, expect, it } from 'vitest';
import type { BenchRow } from '../../bench/BenchRow.js';
import { median } from '../../bench/sample.js';
import { medianTable } from '../../bench/summary.js';

describe('medianTable', () => {
  it('sums the machine up in a line and gives the median, count and spread of each case', () => {
    const rows: BenchRow[] = [
      { suite: 'machine', case: 'host', metric: 'cpus', value: 2, unit: 'count' },
      { suite: 'machine', case: 'host', metric: 'memory', value: 25769803776, unit: 'bytes' },
      { suite: 'machine', case: 'host', metric: 'cpu_model', value: 'AMD EPYC', unit: 'text' },
      { suite: 'machine', case: 'host', metric: 'node', value: 'v20.20.0', unit: 'text' },
      ...[3, 1, 2, 10, 4].map((value): BenchRow => ({ suite: 'engine', case: 'hold-1000', metric: 'events_per_s', value: value * 1e6, unit: 'events/s' })),
      ...[0.5, 0.25].map((value): BenchRow => ({ suite: 'cluster', case: 'hour-1000', metric: 'wall_s', value, unit: 's' })),
    ];
    const t = medianTable(rows);
    expect(t.machine).toBe('AMD EPYC, 2 cpus, 24.0 GiB, node v20.20.0');
    expect(t.header).toEqual(['suite', 'case', 'metric', 'median', 'unit', 'n', 'spread']);
    expect(t.cells).toEqual([
      // median of 1, 2, 3, 4, 10 (M/s) is 3; spread (10 − 1) / 3 = 300 %.
      ['engine', 'hold-1000', 'events_per_s', '3000000', 'events/s', '5', '300%'],
      // median of two is their mean: 0.375; spread 0.25 / 0.375 = 67 %.
      ['cluster', 'hour-1000', 'wall_s', '0.375', 's', '2', '67%'],
    ]);
  });

  it('median: the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
