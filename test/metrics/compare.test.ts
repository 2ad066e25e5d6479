import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/api/InputError.js';
import { compare, meanInterval, roundSignificant, studentT975 } from '../../src/metrics/compare.js';
import { COMPARED_METRICS, type CompareRow } from '../../src/metrics/types.js';
import { summaryRow } from './report/fixtures.js';

const options = { baseline: 'default', policyOrder: ['default', 'most-allocated'], workloadOrder: ['web'] };

function row(rows: CompareRow[], policy: string, metric: string, workload = 'web'): CompareRow {
  const r = rows.find((x) => x.workload === workload && x.policy === policy && x.metric === metric);
  if (r === undefined) throw new Error(`no row ${workload}/${policy}/${metric}`);
  return r;
}

describe('studentT975', () => {
  it('returns the table values (scipy.stats.t.ppf(0.975, df))', () => {
    expect(studentT975(1)).toBe(12.706205);
    expect(studentT975(3)).toBe(3.182446);
    expect(studentT975(30)).toBe(2.042272);
    expect(studentT975(120)).toBe(1.97993);
    expect(studentT975(1e9)).toBeCloseTo(1.959964, 5);
  });
  it('interpolates linearly in 1/df between table rows, within 1e-4 of the exact quantile', () => {
    // Exact values from scipy.stats.t.ppf(0.975, df).
    for (const [df, exact] of [[35, 2.030108], [50, 2.008559], [90, 1.986675], [200, 1.971896], [1000, 1.962339]] as const) {
      expect(Math.abs(studentT975(df) - exact)).toBeLessThan(1e-4);
    }
  });
  it('rejects df < 1', () => {
    expect(() => studentT975(0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('[1,2,3,4]: mean 2.5, s = 1.290994, half-width t(3)·s/√4 = 2.054260', () => {
    const m = meanInterval([1, 2, 3, 4]);
    expect(m.n).toBe(4);
    expect(m.mean).toBe(2.5);
    expect(m.ci95_low).toBeCloseTo(0.44574, 5);
    expect(m.ci95_high).toBeCloseTo(4.55426, 5);
  });
  it('n = 1 has a mean and no interval; n = 0 has nothing', () => {
    expect(meanInterval([7])).toEqual({ n: 1, mean: 7, ci95_low: '', ci95_high: '' });
    expect(meanInterval([])).toEqual({ n: 0, mean: '', ci95_low: '', ci95_high: '' });
  });
  it('identical values give a zero-width interval', () => {
    expect(meanInterval([3, 3, 3])).toEqual({ n: 3, mean: 3, ci95_low: 3, ci95_high: 3 });
  });
});

describe('roundSignificant', () => {
  it('keeps 6 significant digits and never writes -0', () => {
    expect(roundSignificant(4.554260059700734)).toBe(4.55426);
    expect(roundSignificant(123456789)).toBe(123457000);
    expect(roundSignificant(0.000123456789)).toBe(0.000123457);
    expect(roundSignificant(-0)).toBe(0);
    expect(Object.is(roundSignificant(-1e-300 * 1e-300), 0)).toBe(true);
    expect(roundSignificant(0.1 + 0.2)).toBe(0.3);
  });
});

describe('compare', () => {
  const summary = [
    summaryRow('web', 'default', 1, { makespan_s: 10, pending_s_p50: 1 }),
    summaryRow('web', 'default', 2, { makespan_s: 12, pending_s_p50: 2 }),
    summaryRow('web', 'most-allocated', 1, { makespan_s: 9, pending_s_p50: 3 }),
    summaryRow('web', 'most-allocated', 2, { makespan_s: 9, pending_s_p50: 4 }),
    summaryRow('web', 'most-allocated', 3, { makespan_s: 12, pending_s_p50: '' }),
  ];

  it('emits workload × policy × metric in the given orders', () => {
    const rows = compare(summary, options);
    expect(rows).toHaveLength(2 * COMPARED_METRICS.length);
    expect(rows.map((r) => `${r.policy}/${r.metric}`)).toEqual([
      ...COMPARED_METRICS.map((m) => `default/${m}`),
      ...COMPARED_METRICS.map((m) => `most-allocated/${m}`),
    ]);
  });

  it('baseline row: mean 11 over [10, 12], t(1) = 12.706205 → [-1.70621, 23.7062], no delta', () => {
    const r = row(compare(summary, options), 'default', 'makespan_s');
    expect(r).toEqual({ workload: 'web', policy: 'default', metric: 'makespan_s', mean: 11, ci95_low: -1.70621, ci95_high: 23.7062, n: 2, delta_pct: '' });
  });

  it('other policy: mean 10 over [9, 9, 12], t(2) = 4.302653 → [5.69735, 14.3027], delta (10 − 11)/11 = −9.09091 %', () => {
    const r = row(compare(summary, options), 'most-allocated', 'makespan_s');
    expect(r).toEqual({ workload: 'web', policy: 'most-allocated', metric: 'makespan_s', mean: 10, ci95_low: 5.69735, ci95_high: 14.3027, n: 3, delta_pct: -9.09091 });
  });

  it('skips empty values: n counts the seeds with a value', () => {
    const r = row(compare(summary, options), 'most-allocated', 'pending_s_p50');
    expect(r.n).toBe(2);
    expect(r.mean).toBe(3.5);
    expect(r.delta_pct).toBe(133.333); // (3.5 − 1.5) / 1.5
  });

  it('delta is empty against a zero or empty baseline mean; n = 0 leaves everything empty', () => {
    const rows = compare(summary, options);
    expect(row(rows, 'most-allocated', 'preemptions').delta_pct).toBe('');
    expect(row(rows, 'most-allocated', 'gpu_alloc_pct_mean')).toEqual({
      workload: 'web', policy: 'most-allocated', metric: 'gpu_alloc_pct_mean', mean: '', ci95_low: '', ci95_high: '', n: 0, delta_pct: '',
    });
  });

  it('divides by |baseline mean| so that a negative baseline keeps the sign of the change', () => {
    const rows = compare([summaryRow('w', 'default', 1, { makespan_s: -2 }), summaryRow('w', 'b', 1, { makespan_s: -3 })], { ...options, workloadOrder: [] });
    expect(row(rows, 'b', 'makespan_s', 'w').delta_pct).toBe(-50);
  });

  it('n = 1 gives a mean and an empty interval', () => {
    const rows = compare([summaryRow('web', 'default', 1, { makespan_s: 5 }), summaryRow('web', 'most-allocated', 1, { makespan_s: 6 })], options);
    expect(row(rows, 'most-allocated', 'makespan_s')).toMatchObject({ mean: 6, ci95_low: '', ci95_high: '', n: 1, delta_pct: 20 });
  });

  it('orders workloads and policies by the options, unknown ones after in first-seen order, independent of row order', () => {
    const rows = [
      summaryRow('z', 'extra', 1), summaryRow('b', 'most-allocated', 1), summaryRow('a', 'default', 1), summaryRow('b', 'default', 1),
    ];
    const out = compare(rows, { baseline: 'default', policyOrder: ['default', 'most-allocated'], workloadOrder: ['b', 'a'] });
    const pairs = [...new Set(out.map((r) => `${r.workload}/${r.policy}`))];
    expect(pairs).toEqual(['b/default', 'b/most-allocated', 'a/default', 'z/extra']);
    expect(compare([...rows].reverse(), { baseline: 'default', policyOrder: ['default', 'most-allocated'], workloadOrder: ['b', 'a'] }).slice(0, 40)).toEqual(out.slice(0, 40));
  });

  it('rejects a baseline that is not among the policies', () => {
    expect(() => compare(summary, { ...options, baseline: 'nope' })).toThrow(InputError);
  });
});
