import { describe, expect, it } from 'vitest';
import { orEmpty, percentile, percentOf, roundTo, secondsOf } from '../../src/metrics/stats.js';

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
