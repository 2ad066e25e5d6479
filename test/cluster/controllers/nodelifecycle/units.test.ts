import { describe, expect, it } from 'vitest';
import type { NodeCondition, Toleration } from '../../../../src/api/types.js';
import { RateLimitedTimedQueue, TokenBucket } from '../../../../src/cluster/controllers/nodelifecycle/RateLimitedTimedQueue.js';
import { getMatchingTolerations, getMinTolerationTime } from '../../../../src/cluster/controllers/nodelifecycle/tolerations.js';
import { zoneKey } from '../../../../src/api/zoneKey.js';
import { computeZoneState, zoneOf } from '../../../../src/cluster/controllers/nodelifecycle/zoneState.js';
import { seconds } from '../../../../src/engine/time.js';

const ready = (status: 'True' | 'False' | 'Unknown'): NodeCondition => ({ type: 'Ready', status });

describe('computeZoneState', () => {
  const table: [string, (NodeCondition | undefined)[], number, string][] = [
    ['all ready', [ready('True'), ready('True'), ready('True')], 0, 'Normal'],
    ['none ready', [ready('False'), ready('Unknown')], 2, 'FullDisruption'],
    ['no Ready condition counts as not ready', [undefined], 1, 'FullDisruption'],
    ['two of three down is not partial (needs more than 2)', [ready('True'), ready('Unknown'), ready('Unknown')], 2, 'Normal'],
    ['3 of 5 = 0.6 ≥ 0.55', [ready('True'), ready('True'), ready('Unknown'), ready('Unknown'), ready('False')], 3, 'PartialDisruption'],
    ['3 of 6 = 0.5 < 0.55', [ready('True'), ready('True'), ready('True'), ready('Unknown'), ready('Unknown'), ready('False')], 3, 'Normal'],
    ['11 of 20 = 0.55 exactly', [...Array<NodeCondition>(9).fill(ready('True')), ...Array<NodeCondition>(11).fill(ready('Unknown'))], 11, 'PartialDisruption'],
  ];
  it.each(table)('%s', (_name, conditions, notReady, state) => {
    expect(computeZoneState(conditions, 0.55)).toEqual([notReady, state]);
  });

  it('zone keys join region and zone; a node without them is in zone ""', () => {
    expect(zoneKey({ metadata: { labels: { 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' } } })).toBe('r:\x00:a');
    expect(zoneKey({ metadata: { labels: { 'failure-domain.beta.kubernetes.io/zone': 'b' } } })).toBe(':\x00:b');
    expect(zoneKey({ metadata: {} })).toBe('');
  });

  it('zoneOf gives the zone key, the same through a status write and the new one after a relabel', () => {
    const node = { metadata: { labels: { 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' } } };
    expect(zoneOf(node)).toBe('r:\x00:a');
    expect(zoneOf({ ...node, status: { conditions: [] } })).toBe('r:\x00:a');
    expect(zoneOf({ metadata: { labels: { 'topology.kubernetes.io/zone': 'b' } } })).toBe(':\x00:b');
    expect(zoneOf({ metadata: {} })).toBe('');
  });
});

describe('TokenBucket', () => {
  it('0.1 qps burst 1: one now, the next 10s later', () => {
    const b = new TokenBucket(0.1, 1);
    expect(b.tryAccept(seconds(5))).toBe(true);
    expect(b.tryAccept(seconds(5))).toBe(false);
    expect(b.tryAccept(seconds(14.9))).toBe(false);
    expect(b.tryAccept(seconds(15))).toBe(true);
    expect(b.nextAcceptAt()).toBe(seconds(25));
  });
  it('burst 2 saves two tokens; qps 0 never accepts', () => {
    const b = new TokenBucket(1, 2);
    expect([b.tryAccept(0), b.tryAccept(0), b.tryAccept(0)]).toEqual([true, true, false]);
    expect(new TokenBucket(0, 1).tryAccept(0)).toBe(false);
  });
});

describe('RateLimitedTimedQueue (rate_limited_queue_test.go)', () => {
  const names = (q: RateLimitedTimedQueue, now: number): string[] => {
    const out: string[] = [];
    q.tryProcess(now, (v) => {
      out.push(v.value);
      return [true, 0];
    });
    return out;
  };

  it('TestAddNode/TestDelNode: unique values, removal', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(1000, 10));
    expect(q.add('first', '11111', 0)).toBe(true);
    expect(q.add('second', '22222', 0)).toBe(true);
    expect(q.add('third', '33333', 0)).toBe(true);
    expect(q.add('first', '11111', 0)).toBe(false);
    expect(q.remove('first')).toBe(true);
    expect(q.remove('first')).toBe(false);
    expect(names(q, 0)).toEqual(['second', 'third']);
    // Processed values stay in the set: adding them again is refused until they are removed.
    expect(q.add('second', '22222', 1)).toBe(false);
    expect(q.remove('second')).toBe(true);
    expect(q.add('second', '22222', 1)).toBe(true);
  });

  it('TestTry: a value whose action fails is retried after its wait', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(1000, 10));
    q.add('first', '11111', 0);
    q.add('second', '22222', 0);
    q.add('third', '33333', 0);
    q.remove('second');
    const seen: string[] = [];
    q.tryProcess(0, (v) => {
      seen.push(v.value);
      return v.value === 'first' ? [false, 50] : [true, 0];
    });
    expect(seen).toEqual(['first', 'third']);
    expect(q.length).toBe(1);
    expect(names(q, 51)).toEqual(['first']);
  });

  it('drains one node per token: 0.1 qps gives 10s between nodes', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(0.1, 1));
    for (const n of ['a', 'b', 'c']) q.add(n, n, 0);
    expect(names(q, 0)).toEqual(['a']);
    expect(names(q, seconds(9.9))).toEqual([]);
    expect(names(q, seconds(10))).toEqual(['b']);
    expect(names(q, seconds(20))).toEqual(['c']);
  });

  it('TestSwapLimiter: a drained limiter stays drained at the new rate; 0 stops it', () => {
    const q = new RateLimitedTimedQueue(new TokenBucket(0.1, 1));
    q.add('a', 'a', 0);
    q.add('b', 'b', 0);
    expect(names(q, 0)).toEqual(['a']);
    q.swapLimiter(0.01, seconds(1));
    expect(q.limiter.qps).toBe(0.01);
    expect(names(q, seconds(50))).toEqual([]);
    expect(names(q, seconds(101))).toEqual(['b']);
    q.add('c', 'c', seconds(101));
    q.swapLimiter(0, seconds(101));
    expect(names(q, seconds(10_000))).toEqual([]);
  });
});

describe('taint eviction helpers (taint_eviction_test.go)', () => {
  it.each<[string, Toleration[], number]>([
    ['no tolerations', [], 0],
    ['no tolerationSeconds: forever', [{}], -1],
    ['the minimum', [{ tolerationSeconds: 1 }, { tolerationSeconds: 2 }], seconds(1)],
    ['one forever, one 1s', [{ tolerationSeconds: 1 }, {}], seconds(1)],
    ['one forever, one 1s (reversed)', [{}, { tolerationSeconds: 1 }], seconds(1)],
    ['a non-positive one means now', [{ tolerationSeconds: 300 }, { tolerationSeconds: -5 }], 0],
  ])('getMinTolerationTime: %s', (_name, tolerations, expected) => {
    expect(getMinTolerationTime(tolerations)).toBe(expected);
  });

  it('getMatchingTolerations: every taint needs a toleration; the first match is used', () => {
    const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const };
    const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' as const };
    const tolerateUnreachable: Toleration = { key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
    const tolerateAll: Toleration = { operator: 'Exists' };
    expect(getMatchingTolerations([], undefined)).toEqual([true, []]);
    expect(getMatchingTolerations([unreachable], undefined)).toEqual([false, []]);
    expect(getMatchingTolerations([unreachable], [tolerateUnreachable])).toEqual([true, [tolerateUnreachable]]);
    expect(getMatchingTolerations([unreachable, notReady], [tolerateUnreachable])).toEqual([false, []]);
    expect(getMatchingTolerations([unreachable, notReady], [tolerateUnreachable, tolerateAll])).toEqual([true, [tolerateUnreachable, tolerateAll]]);
  });
});
