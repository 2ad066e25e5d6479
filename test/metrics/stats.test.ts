import { describe, expect, it } from 'vitest';
import { mean, meanConfidence95, orEmpty, percentile, percentOf, roundTo, sampleStdDev, secondsOf, studentT975 } from '../../src/metrics/stats.js';

describe('percentile (R-7, d3-array quantile)', () => {
  // Hyndman & Fan type 7 = numpy.percentile(..., method='linear'): h = (n − 1) p.
  const cases: [number[], number, number][] = [
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4], 0.9, 3.7],
    [[0, 0, 0, 0, 183], 0.9, 109.8],
    [[0, 0, 0, 0, 183], 0.99, 175.68],
    [[15, 20, 35, 40, 50], 0.4, 29],
    [[7], 0.99, 7],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 1, 3],
  ];
  it.each(cases)('%j at %d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('is undefined without values', () => {
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('mean, deviation and the 95 % interval', () => {
  it('computes the mean and the sample standard deviation', () => {
    expect(mean([])).toBeUndefined();
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleStdDev([5])).toBeUndefined();
    expect(sampleStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 8);
  });

  it("uses Student's t quantiles (tables to 30 df, Cornish–Fisher beyond)", () => {
    expect(studentT975(1)).toBeCloseTo(12.7062, 4);
    expect(studentT975(4)).toBeCloseTo(2.7764, 4);
    expect(studentT975(30)).toBeCloseTo(2.0423, 4);
    expect(studentT975(40)).toBeCloseTo(2.0211, 3);
    expect(studentT975(60)).toBeCloseTo(2.0003, 3);
    expect(studentT975(120)).toBeCloseTo(1.9799, 3);
    expect(() => studentT975(0)).toThrow(RangeError);
  });

  it('gives mean ± t·s/√n, no interval for one value, nothing for none', () => {
    // n = 5, s = √2.5, t(0.975, 4) = 2.7764.
    const ci = meanConfidence95([1, 2, 3, 4, 5])!;
    expect(ci.mean).toBe(3);
    expect(ci.n).toBe(5);
    expect(ci.low!).toBeCloseTo(3 - (2.7764 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect(ci.high!).toBeCloseTo(3 + (2.7764 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect(meanConfidence95([4])).toEqual({ mean: 4, low: undefined, high: undefined, n: 1 });
    expect(meanConfidence95([])).toBeUndefined();
  });
});

describe('rounding for byte-identical CSVs', () => {
  it('rounds seconds to the microsecond and percentages to 4 decimals', () => {
    expect(secondsOf(1_234_567)).toBe(1.234567);
    expect(secondsOf(60_015_000)).toBe(60.015);
    expect(secondsOf(0.4)).toBe(0);
    expect(percentOf(1 / 3)).toBe(33.3333);
    expect(percentOf(0.666666666)).toBe(66.6667);
    expect(roundTo(-0.00001, 4)).toBe(0);
    expect(Object.is(roundTo(-0.00001, 4), 0)).toBe(true);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(orEmpty(undefined)).toBe('');
    expect(orEmpty(0)).toBe(0);
  });
});
