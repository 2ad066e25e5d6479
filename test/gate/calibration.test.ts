import { describe, expect, it } from 'vitest';
import { calibrationMarginPct, calibrationOf } from '../../src/gate/calibration.js';
import { normalIsf } from '../../src/gate/normal.js';
import { readGateInput } from '../../src/gate/readGateInput.js';
import { unitMeaning } from '../../src/gate/units.js';

function benchFile(values: number[]) {
  const input = readGateInput(`suite,case,metric,value,unit\n${values.map((v) => `calibration,cpu-memory,ops_per_s,${v},ops/s`).join('\n')}\n`, 'x.csv');
  if (input.kind !== 'bench') throw new Error('not a bench file');
  return input.bench;
}

describe('normalIsf', () => {
  // scipy.stats.norm.isf.
  it.each([
    [0.01, 2.3263478740408408],
    [0.05, 1.6448536269514729],
    [0.5, 0],
    [1e-6, 4.753424308822899],
  ])('isf(%f) = %f', (p, z) => {
    expect(normalIsf(p)).toBeCloseTo(z, 12);
  });
});

describe('calibration', () => {
  it('the median and the robust standard error of its logarithm (hand-computed)', () => {
    // ln of [90, 95, 100, 105, 110] around ln 100: |deviations| 0.10536, 0.05129, 0, 0.04879, 0.09531,
    // MAD = 0.051293; σ = 1.4826 MAD; se = 1.2533 σ / √5 = 0.042624.
    const c = calibrationOf(benchFile([90, 95, 100, 105, 110]))!;
    expect(c.median).toBe(100);
    expect(c.samples).toBe(5);
    expect(c.logStandardError).toBeCloseTo(0.042624041544815944, 12);
    // Two such files: 100·(exp(z₀.₉₉ · √2 · se) − 1) = 15.05 %.
    expect(calibrationMarginPct(c, c, 0.01)).toBeCloseTo(15.05396361901823, 8);
  });

  it('steady calibration samples add no margin; none is undefined; non-positive ones are bad input', () => {
    const steady = calibrationOf(benchFile([100, 100, 100, 120, 80]))!;
    expect(steady.logStandardError).toBe(0);
    expect(calibrationMarginPct(steady, steady, 0.01)).toBe(0);
    const none = readGateInput('suite,case,metric,value,unit\nengine,a,x,1,ops/s\n', 'y.csv');
    expect(none.kind === 'bench' && calibrationOf(none.bench)).toBeUndefined();
    expect(() => calibrationOf(benchFile([100, 0, 100]))).toThrow('x.csv:2: calibration/cpu-memory/ops_per_s: calibration samples must be positive');
  });
});

describe('unitMeaning', () => {
  it.each([
    ['events/s', 'higher', 'throughput'],
    ['pods/s', 'higher', 'throughput'],
    ['ops/s', 'higher', 'throughput'],
    ['x', 'higher', 'throughput'],
    ['s', 'lower', 'time'],
    ['ms', 'lower', 'time'],
    ['us', 'lower', 'time'],
    ['ns', 'lower', 'time'],
    ['bytes', 'lower', 'none'],
    ['count', 'either', 'none'],
  ])('%s: %s is better, follows the machine as %s', (unit, direction, speed) => {
    expect(unitMeaning(unit)).toEqual({ direction, speed });
  });
});
