import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/RandomStreams.js';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { arrivalInstants, arrivalTimes } from '../../../src/workloads/spec/arrivalTimes.js';
import type { ArrivalProcess } from '../../../src/workloads/spec/types.js';

const stream = (seed = 42, name = 'workload/arrivals/0') => new RandomStreams(seed).stream(name);
const times = (process: ArrivalProcess, runLength: number, seed = 42) => arrivalTimes({ process }, stream(seed), runLength);
const isSorted = (xs: readonly number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

describe('arrivalTimes: once', () => {
  it('gives its one instant, or none when it is at or after the run end', () => {
    expect(times({ type: 'once', at: 0 }, MICROS_PER_HOUR)).toEqual([0]);
    expect(times({ type: 'once', at: 10 * MICROS_PER_MINUTE }, MICROS_PER_HOUR)).toEqual([600_000_000]);
    expect(times({ type: 'once', at: MICROS_PER_HOUR }, MICROS_PER_HOUR)).toEqual([]);
  });
});

describe('arrivalTimes: burst', () => {
  it('gives count arrivals at each burst, every apart, times times', () => {
    const t = times({ type: 'burst', at: 5 * MICROS_PER_MINUTE, count: 3, every: MICROS_PER_HOUR, times: 3 }, 24 * MICROS_PER_HOUR);
    const h = MICROS_PER_HOUR;
    const at = 5 * MICROS_PER_MINUTE;
    expect(t).toEqual([at, at, at, at + h, at + h, at + h, at + 2 * h, at + 2 * h, at + 2 * h]);
  });

  it('gives one burst without every, and repeats until the run ends without times', () => {
    expect(times({ type: 'burst', at: 0, count: 2, times: 1 }, MICROS_PER_HOUR)).toEqual([0, 0]);
    const t = times({ type: 'burst', at: 0, count: 1, every: 20 * MICROS_PER_MINUTE }, MICROS_PER_HOUR);
    expect(t).toEqual([0, 20 * MICROS_PER_MINUTE, 40 * MICROS_PER_MINUTE]);
  });

  it('stops at the run end', () => {
    const t = times({ type: 'burst', at: 50 * MICROS_PER_MINUTE, count: 20, every: MICROS_PER_HOUR, times: 3 }, MICROS_PER_HOUR);
    expect(t).toHaveLength(20);
  });
});

describe('arrivalTimes: poisson', () => {
  const long = 10_000 * MICROS_PER_SECOND;

  it('arrives at the mean rate over a long window (within 5σ), with exponential gaps', () => {
    const t = times({ type: 'poisson', ratePerSecond: 2, start: 0 }, long);
    // Expected 20,000 arrivals; σ = √20000 ≈ 141.
    expect(Math.abs(t.length - 20_000)).toBeLessThan(5 * 141);
    expect(isSorted(t)).toBe(true);
    expect(t[0]).toBeGreaterThanOrEqual(0);
    expect(t[t.length - 1]).toBeLessThan(long);
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    expect(mean / MICROS_PER_SECOND).toBeCloseTo(0.5, 1);
    // An exponential's coefficient of variation is 1.
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
    // P(gap < mean) = 1 − e^−1 ≈ 0.632.
    const below = gaps.filter((g) => g < mean).length / gaps.length;
    expect(Math.abs(below - (1 - Math.exp(-1)))).toBeLessThan(0.02);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const p: ArrivalProcess = { type: 'poisson', ratePerSecond: 1, start: 0 };
    expect(times(p, MICROS_PER_HOUR, 7)).toEqual(times(p, MICROS_PER_HOUR, 7));
    expect(times(p, MICROS_PER_HOUR, 7)).not.toEqual(times(p, MICROS_PER_HOUR, 8));
    expect(times(p, MICROS_PER_HOUR).every(Number.isInteger)).toBe(true);
  });

  it('stops after count, and keeps within start and end', () => {
    expect(times({ type: 'poisson', ratePerSecond: 100, start: 0, count: 100 }, MICROS_PER_HOUR)).toHaveLength(100);
    const start = 10 * MICROS_PER_MINUTE;
    const end = 20 * MICROS_PER_MINUTE;
    const t = times({ type: 'poisson', ratePerSecond: 1, start, end }, MICROS_PER_HOUR);
    expect(t.length).toBeGreaterThan(500);
    expect(t.every((x) => x > start && x < end)).toBe(true);
    expect(times({ type: 'poisson', ratePerSecond: 1, start, end }, 15 * MICROS_PER_MINUTE).every((x) => x < 15 * MICROS_PER_MINUTE)).toBe(true);
  });

  it('gives nothing at rate 0', () => {
    expect(times({ type: 'poisson', ratePerSecond: 0, start: 0 }, MICROS_PER_HOUR)).toEqual([]);
  });

  it('yields the same instants one at a time as the list', () => {
    const p: ArrivalProcess = { type: 'poisson', ratePerSecond: 3, start: 0 };
    expect([...arrivalInstants(p, stream(), MICROS_PER_HOUR)]).toEqual(times(p, MICROS_PER_HOUR));
  });
});

describe('arrivalTimes: diurnal', () => {
  const day = 24 * MICROS_PER_HOUR;
  const process: ArrivalProcess = {
    type: 'diurnal',
    meanRatePerSecond: 100 / 3600,
    amplitude: 0.5,
    period: day,
    peakAt: 14 * MICROS_PER_HOUR,
    start: 0,
  };
  const t = times(process, 10 * day);

  it('arrives at the mean rate over whole periods (within 5σ)', () => {
    // Expected 100/h × 240 h = 24,000; σ ≈ 155.
    expect(Math.abs(t.length - 24_000)).toBeLessThan(5 * 155);
    expect(isSorted(t)).toBe(true);
  });

  it('peaks near peakAt: the circular mean of the time of day is within 30 minutes of 14h', () => {
    let c = 0;
    let s = 0;
    for (const x of t) {
      const phase = (2 * Math.PI * (x % day)) / day;
      c += Math.cos(phase);
      s += Math.sin(phase);
    }
    const angle = Math.atan2(s, c);
    const peakHours = (((angle / (2 * Math.PI)) * 24) + 24) % 24;
    expect(Math.abs(peakHours - 14)).toBeLessThan(0.5);
  });

  it('has the rate ratio 1+A : 1−A between the peak hour and the trough hour', () => {
    const perHour = new Array<number>(24).fill(0);
    for (const x of t) perHour[Math.floor((x % day) / MICROS_PER_HOUR)]!++;
    // λ over [14h,15h) vs [2h,3h): (1 + A·cos(π/24)) / (1 − A·cos(π/24)) ≈ 2.97 for A = 0.5.
    const ratio = perHour[14]! / perHour[2]!;
    expect(ratio).toBeGreaterThan(2.4);
    expect(ratio).toBeLessThan(3.7);
  });

  it('is a homogeneous Poisson process at amplitude 0, and stops after count', () => {
    const flat = times({ ...process, amplitude: 0 }, 10 * day);
    expect(Math.abs(flat.length - 24_000)).toBeLessThan(5 * 155);
    expect(times({ ...process, count: 50 }, 10 * day)).toEqual(t.slice(0, 50));
  });
});
