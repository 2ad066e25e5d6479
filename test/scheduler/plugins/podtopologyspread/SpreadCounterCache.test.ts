/**
 * SpreadCounterCache keeps as many counters as a memory budget allows at the
 * cluster's size, least recently used ones dropped first.
 */
import { describe, expect, it } from 'vitest';
import type { CountingSpec } from '../../../../src/scheduler/plugins/podtopologyspread/counts.js';
import { SpreadCounterCache } from '../../../../src/scheduler/plugins/podtopologyspread/counts.js';

const spec = (): CountingSpec => ({ constraints: [] }) as unknown as CountingSpec;

describe('SpreadCounterCache', () => {
  it('keeps more counters on small clusters, never fewer than the minimum', () => {
    const cache = new SpreadCounterCache(32, 64 * 1024 * 1024);
    expect(cache.capacity(1000)).toBe(1677);
    expect(cache.capacity(5000)).toBe(335);
    expect(cache.capacity(50_000)).toBe(33);
    expect(cache.capacity(1_000_000)).toBe(32);
  });

  it('returns the same counter for a signature until it is the least recently used past capacity', () => {
    const cache = new SpreadCounterCache(2, 0);
    const a = cache.get('a', spec, 100);
    cache.get('b', spec, 100);
    expect(cache.get('a', spec, 100)).toBe(a); // a is now the most recent
    cache.get('c', spec, 100); // drops b
    expect(cache.size).toBe(2);
    expect(cache.get('a', spec, 100)).toBe(a);
    const b2 = cache.get('b', spec, 100);
    expect(cache.get('b', spec, 100)).toBe(b2);
  });
});
