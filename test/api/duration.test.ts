import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/api/duration.js';
import { parseDurationDistribution } from '../../src/api/distribution.js';
import { RandomStreams } from '../../src/engine/RandomStreams.js';

describe('parseDuration (Go time.ParseDuration cases, in µs)', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['5s', 5_000_000],
    ['30s', 30_000_000],
    ['1478s', 1_478_000_000],
    ['+5s', 5_000_000],
    ['5.0s', 5_000_000],
    ['5.6s', 5_600_000],
    ['5.s', 5_000_000],
    ['.5s', 500_000],
    ['1.0s', 1_000_000],
    ['1.004s', 1_004_000],
    ['100.00100s', 100_001_000],
    ['10ns', 0],
    ['11us', 11],
    ['12µs', 12],
    ['13ms', 13_000],
    ['14s', 14_000_000],
    ['15m', 900_000_000],
    ['16h', 57_600_000_000],
    ['3h30m', 12_600_000_000],
    ['10.5s4m', 250_500_000],
    ['1h2m3s4ms5us6ns', 3_723_004_005],
    ['39h9m14.425s', 140_954_425_000],
  ];
  it.each(cases)('%s', (text, micros) => expect(parseDuration(text)).toBe(micros));

  it.each(['', '3', '-', 's', '.', '.s', '+.s', '1d', '1.5x', 'x1s'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError);
  });

  it('words errors as Go does', () => {
    expect(() => parseDuration('3')).toThrow('time: invalid duration "3"');
    expect(() => parseDuration('1d')).toThrow('time: unknown unit "d" in duration "1d"');
    expect(() => parseDuration('-5s')).toThrow('negative duration "-5s"');
  });
});

describe('formatDuration (Go Duration.String)', () => {
  it.each([
    [0, '0s'],
    [1, '1µs'],
    [1_500, '1.5ms'],
    [1_500_000, '1.5s'],
    [90_000_000, '1m30s'],
    [3_600_000_000, '1h0m0s'],
    [5_400_000_000, '1h30m0s'],
  ])('%d µs → %s', (micros, text) => expect(formatDuration(micros)).toBe(text));
});

describe('parseDurationDistribution', () => {
  const random = () => new RandomStreams(42).stream('d');

  it('reads a constant', () => {
    const d = parseDurationDistribution('5m');
    expect(d.sample(random())).toBe(300_000_000);
    expect(d.mean).toBe(300_000_000);
  });

  it('draws an exponential with the given mean', () => {
    const d = parseDurationDistribution('exp(10s)');
    const r = random();
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += d.sample(r);
    expect(sum / n / 1e6).toBeGreaterThan(9.7);
    expect(sum / n / 1e6).toBeLessThan(10.3);
  });

  it('keeps uniform draws within bounds', () => {
    const d = parseDurationDistribution('uniform(1m, 2m)');
    const r = random();
    for (let i = 0; i < 1000; i++) {
      const x = d.sample(r);
      expect(x).toBeGreaterThanOrEqual(60_000_000);
      expect(x).toBeLessThanOrEqual(120_000_000);
    }
  });

  it('rejects unknown distributions and wrong arities', () => {
    expect(() => parseDurationDistribution('gamma(1s)')).toThrow('unknown distribution "gamma"');
    expect(() => parseDurationDistribution('exp(1s,2s)')).toThrow('exp(...) takes 1 argument, got 2');
    expect(() => parseDurationDistribution('uniform(2s,1s)')).toThrow('low <= high');
  });
});
