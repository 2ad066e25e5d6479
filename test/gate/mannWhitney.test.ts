import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../src/gate/mannWhitney.js';
import { normalSf } from '../../src/gate/normal.js';

// Expected values from scipy 1.17.1:
//   scipy.stats.mannwhitneyu(x, y, alternative=..., method='exact' | 'asymptotic')
// (asymptotic: use_continuity=True, the default), and scipy.stats.norm.sf.

describe('normalSf', () => {
  it.each([
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1, 0.15865525393145707],
    [1.96, 0.024997895148220435],
    [2.326, 0.010009275340867669],
    [2.99, 0.0013948872354922468],
    [3, 0.0013498980316300933],
    [3.5, 0.00023262907903552502],
    [5, 2.866515718791933e-7],
    [8, 6.22096057427174e-16],
    [-1.5, 0.9331927987311419],
  ])('P(Z ≥ %f) = %f (norm.sf)', (z, expected) => {
    expect(Math.abs(normalSf(z) - expected) / expected).toBeLessThan(1e-12);
  });
});

describe('mannWhitneyU', () => {
  it('separated samples of 5: U = 0 and the exact one-sided p is 1/C(10,5) = 1/252 (by hand)', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [6, 7, 8, 9, 10];
    const less = mannWhitneyU(x, y, 'less');
    expect(less.u).toBe(0);
    expect(less.method).toBe('exact');
    expect(less.p).toBeCloseTo(1 / 252, 15); // scipy: 0.003968253968253968
    expect(mannWhitneyU(x, y, 'greater').p).toBeCloseTo(1, 15);
    expect(mannWhitneyU(x, y, 'two-sided').p).toBeCloseTo(2 / 252, 15); // scipy: 0.007936507936507936
    // The normal approximation with continuity correction: z = (25 − 12.5 − 0.5)/√(25·11/12).
    expect(mannWhitneyU(x, y, 'less', { method: 'asymptotic' }).p).toBeCloseTo(0.006092890177672406, 14);
    expect(mannWhitneyU(x, y, 'greater', { method: 'asymptotic' }).p).toBeCloseTo(0.9966923245172357, 14);
  });

  it('small samples of 3 and 2, enumerated by hand', () => {
    // C(5,2) = 10 equally likely placements of y's two values among the five ranks;
    // U of x = [1, 2, 4] against y = [3, 5]: pairs x > y = (4 > 3) = 1. P(U ≤ 1) = 2/10
    // (U = 0: y holds ranks {4,5}; U = 1: ranks {3,5}).
    const r = mannWhitneyU([1, 2, 4], [3, 5], 'less');
    expect(r.u).toBe(1);
    expect(r.p).toBeCloseTo(0.2, 15);
  });

  it.each([
    {
      x: [19.1, 21.4, 18.2, 20.6, 22.9, 17.5],
      y: [23.8, 25.1, 19.9, 24.4, 26.0, 22.1, 27.3],
      u: 4,
      exact: { less: 0.006993006993006993, greater: 0.995920745920746, 'two-sided': 0.013986013986013986 },
      asymptotic: { less: 0.00920808028815198, greater: 0.9937903346742238, 'two-sided': 0.01841616057630396 },
    },
    {
      x: [3.1, 4.5, 2.2, 5.9, 1.8, 6.6, 4.0, 3.3],
      y: [5.2, 6.8, 7.7, 4.9, 8.1, 6.0, 7.1, 5.5, 9.0],
      u: 7,
      exact: { less: 0.0018510900863842037, greater: 0.9987659399424106, 'two-sided': 0.0037021801727684074 },
      asymptotic: { less: 0.0030494729656071833, greater: 0.997734679661832, 'two-sided': 0.006098945931214367 },
    },
    {
      // numpy default_rng(7): round(normal(100, 5, 20), 3) and round(normal(96, 5, 25), 3).
      x: [100.006, 101.494, 98.629, 95.547, 97.727, 95.042, 100.301, 106.701, 97.539, 96.898, 102.449, 101.784, 100.527, 95.348, 99.854, 103.477, 93.279, 97.712, 90.494, 93.552],
      y: [86.791, 94.825, 89.663, 97.356, 96.784, 95.065, 83.416, 93.307, 95.757, 96.567, 88.349, 93.611, 91.107, 91.956, 101.304, 91.962, 95.837, 100.422, 93.082, 95.441, 96.552, 96.319, 89.875, 96.381, 102.794],
      u: 383,
      exact: { less: 0.9991090466336485, greater: 0.0009703561207501108, 'two-sided': 0.0019407122415002215 },
      asymptotic: { less: 0.9988533330166663, greater: 0.0012369597852246446, 'two-sided': 0.002473919570449289 },
    },
  ])('matches scipy for n = $x.length + $y.length', ({ x, y, u, exact, asymptotic }) => {
    for (const alternative of ['less', 'greater', 'two-sided'] as const) {
      const e = mannWhitneyU(x, y, alternative, { method: 'exact' });
      expect(e.u).toBe(u);
      expect(Math.abs(e.p - exact[alternative]) / exact[alternative], alternative).toBeLessThan(1e-10);
      const a = mannWhitneyU(x, y, alternative, { method: 'asymptotic' });
      expect(Math.abs(a.p - asymptotic[alternative]) / asymptotic[alternative], alternative).toBeLessThan(1e-10);
      expect(mannWhitneyU(x, y, alternative).method).toBe('exact');
    }
  });

  it('with ties: mid-ranks and the tie-corrected variance (scipy asymptotic)', () => {
    const x = [1, 2, 2, 3, 3, 3, 4, 5];
    const y = [3, 4, 4, 5, 5, 6, 6, 7, 8];
    const less = mannWhitneyU(x, y, 'less');
    expect(less.method).toBe('asymptotic');
    expect(less.u).toBe(7.5);
    expect(less.p).toBeCloseTo(0.0031865669190429364, 14);
    expect(mannWhitneyU(x, y, 'greater').p).toBeCloseTo(0.9976386658073535, 14);
    expect(mannWhitneyU(x, y, 'two-sided').p).toBeCloseTo(0.006373133838085873, 14);
    expect(() => mannWhitneyU(x, y, 'less', { method: 'exact' })).toThrow(/ties/);
  });

  it('all values tied: p = 1 (scipy gives 1.0, statistic 4.5)', () => {
    expect(mannWhitneyU([1, 1, 1], [1, 1, 1], 'less')).toEqual({ u: 4.5, p: 1, method: 'asymptotic' });
  });

  it('the exact p-value of the extreme U is 1/C(n1+n2, n1) for larger samples too', () => {
    const x = Array.from({ length: 20 }, (_, i) => i);
    const y = Array.from({ length: 20 }, (_, i) => 100 + i);
    // C(40, 20) = 137846528820.
    expect(mannWhitneyU(x, y, 'less').p / (1 / 137846528820)).toBeCloseTo(1, 10);
  });

  it('the exact distribution sums to 1 and is symmetric: P(U ≥ u) + P(U ≥ n1·n2 − u + 1) = 1', () => {
    const x = [0.5, 2.5, 4.5, 6.5, 8.5, 10.5, 12.5];
    for (let shift = -12; shift <= 12; shift++) {
      const y = [1, 3, 5, 7, 9, 11, 13, 15, 17].map((v) => v + shift);
      const g = mannWhitneyU(x, y, 'greater').p;
      const l = mannWhitneyU(x, y, 'less').p;
      const u = mannWhitneyU(x, y, 'greater').u;
      // P(U1 ≥ u) + P(U1 ≤ u) = 1 + P(U1 = u) ≥ 1.
      expect(g + l).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(u).toBeGreaterThanOrEqual(0);
    }
  });
});
