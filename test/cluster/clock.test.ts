import { describe, expect, it } from 'vitest';
import { ClusterClock, DEFAULT_CLOCK_ORIGIN_MS } from '../../src/cluster/clock.js';

describe('ClusterClock.timestamp', () => {
  it('formats whole seconds, remembering the last second without going stale', () => {
    let now = 0;
    const clock = new ClusterClock(DEFAULT_CLOCK_ORIGIN_MS, () => now);
    expect(clock.timestamp()).toBe('2026-01-01T00:00:00Z');
    now = 999_999;
    expect(clock.timestamp()).toBe('2026-01-01T00:00:00Z');
    now = 1_000_000;
    expect(clock.timestamp()).toBe('2026-01-01T00:00:01Z');
    expect(clock.timestamp(88_500_000)).toBe('2026-01-01T00:01:28Z');
    expect(clock.timestamp()).toBe('2026-01-01T00:00:01Z');
    expect(clock.timestamp(-1)).toBe('2025-12-31T23:59:59Z');
    for (const t of [0, 59_999_999, 3_600_000_000, 86_400_000_000, 7 * 86_400_000_000 + 1]) {
      expect(clock.timestamp(t)).toBe(new Date(DEFAULT_CLOCK_ORIGIN_MS + Math.floor(t / 1e6) * 1000).toISOString().slice(0, 19) + 'Z');
      expect(clock.instantOf(clock.timestamp(t))).toBe(Math.floor(t / 1e6) * 1e6);
    }
  });
});
