import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/RandomStreams.js';

const draws = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

describe('RandomStreams', () => {
  it('gives the same numbers for the same seed and name', () => {
    const a = new RandomStreams(42).stream('scheduler');
    const b = new RandomStreams(42).stream('scheduler');
    expect(draws(100, () => a.next())).toEqual(draws(100, () => b.next()));
  });

  it('returns one object per name', () => {
    const streams = new RandomStreams(1);
    expect(streams.stream('x')).toBe(streams.stream('x'));
  });

  it('keeps streams independent: draws from one never shift another', () => {
    const quiet = new RandomStreams(42);
    const busy = new RandomStreams(42);
    const noisy = busy.stream('workload');
    for (let i = 0; i < 1000; i++) noisy.next();
    expect(draws(50, () => busy.stream('scheduler').next())).toEqual(draws(50, () => quiet.stream('scheduler').next()));
  });

  it('gives different numbers for different names and seeds', () => {
    const s = new RandomStreams(42);
    expect(draws(10, () => s.stream('a').next())).not.toEqual(draws(10, () => s.stream('b').next()));
    expect(draws(10, () => new RandomStreams(43).stream('a').next())).not.toEqual(
      draws(10, () => new RandomStreams(42).stream('a').next()),
    );
  });

  it('forks children that depend only on the seed and the full name', () => {
    const parent = new RandomStreams(5).stream('kubelet');
    const before = parent.fork('node-1');
    parent.next();
    parent.next();
    const after = new RandomStreams(5).stream('kubelet').fork('node-1');
    expect(before.name).toBe('kubelet/node-1');
    expect(draws(20, () => before.next())).toEqual(draws(20, () => after.next()));
  });

  it('draws within range', () => {
    const s = new RandomStreams(3).stream('r');
    for (let i = 0; i < 10_000; i++) {
      const u = s.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = s.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
      const x = s.uniform(-2, 3);
      expect(x >= -2 && x < 3).toBe(true);
    }
  });

  it('shuffles into a permutation, the same one for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = new RandomStreams(9).stream('p').shuffle([...items]);
    const b = new RandomStreams(9).stream('p').shuffle([...items]);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
  });

  it('draws exponentials with the right mean, variance and tail', () => {
    const s = new RandomStreams(11).stream('exp');
    const n = 400_000;
    let sum = 0;
    let sumSq = 0;
    let over3 = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const x = s.exponential(2);
      min = Math.min(min, x);
      sum += x;
      sumSq += x * x;
      if (x > 6) over3++;
    }
    const mean = sum / n;
    expect(min).toBeGreaterThanOrEqual(0);
    // mean 2, variance 4, P(X > 3 means) = e^-3; tolerances are several standard errors.
    expect(Math.abs(mean - 2)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - mean * mean - 4)).toBeLessThan(0.1);
    expect(Math.abs(over3 / n - Math.exp(-3))).toBeLessThan(0.002);
  });
});
