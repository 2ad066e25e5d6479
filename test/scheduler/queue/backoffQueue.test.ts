/**
 * Ported from kubernetes/kubernetes pkg/scheduler/backend/queue/backoff_queue_test.go
 * (v1.34: backoff counted from UnschedulableCount / ConsecutiveErrorsCount,
 * the 1 s ordering window of SchedulerPopFromBackoffQ).
 */
import { describe, expect, it } from 'vitest';
import { MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { BackoffQueue, calculateBackoffDuration, NO_BACKOFF } from '../../../src/scheduler/queue/backoffQueue.js';
import { QueuedPodInfo } from '../../../src/scheduler/queue/QueuedPodInfo.js';
import { FakeClock, makePod, podInfo, prioritySort, START } from './helpers.js';

const S = MICROS_PER_SECOND;
const MS = 1_000;

function newBackoffQueue(clock: FakeClock, popFromBackoffQ: boolean, initial = 1 * S, max = 10 * S): BackoffQueue {
  return new BackoffQueue(clock.now, initial, max, prioritySort, popFromBackoffQ);
}

function queued(name: string, o: { timestamp: number; priority?: number; unschedulableCount?: number; consecutiveErrorsCount?: number; plugins?: string[] }): QueuedPodInfo {
  const p = new QueuedPodInfo(podInfo(makePod(name, o.priority === undefined ? {} : { priority: o.priority })), o.timestamp, o.plugins ?? []);
  p.attempts = 1;
  p.unschedulableCount = o.unschedulableCount ?? 0;
  p.consecutiveErrorsCount = o.consecutiveErrorsCount ?? 0;
  return p;
}

describe('TestBackoffQueue_calculateBackoffDuration', () => {
  // Upstream's cases in nanoseconds; here in µs (the unit is irrelevant to the doubling).
  const cases: { name: string; initial: number; max: number; count: number; want: number }[] = [
    { name: 'no backoff', initial: 1, max: 32, count: 0, want: 0 },
    { name: 'normal', initial: 1, max: 32, count: 16, want: 32 },
    { name: 'overflow_32bit', initial: 1, max: 2 ** 31 - 1, count: 32, want: 2 ** 31 - 1 },
    { name: 'overflow_64bit (max safe integer)', initial: 1, max: Number.MAX_SAFE_INTEGER, count: 64, want: Number.MAX_SAFE_INTEGER },
    { name: 'huge count', initial: 1, max: Number.MAX_SAFE_INTEGER, count: 10_000, want: Number.MAX_SAFE_INTEGER },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(calculateBackoffDuration(c.count, c.initial, c.max)).toBe(c.want);
    });
  }

  it('doubles from the initial backoff up to the max (defaults 1 s / 10 s)', () => {
    const got = [1, 2, 3, 4, 5, 6, 7].map((n) => calculateBackoffDuration(n, 1 * S, 10 * S));
    expect(got).toEqual([1 * S, 2 * S, 4 * S, 8 * S, 10 * S, 10 * S, 10 * S]);
  });

  it('is exact at the cap boundary: initial·2^(n−1) == max is not capped early', () => {
    expect(calculateBackoffDuration(4, 1 * S, 8 * S)).toBe(8 * S);
    expect(calculateBackoffDuration(5, 1 * S, 8 * S)).toBe(8 * S);
    expect(calculateBackoffDuration(3, 3 * S, 10 * S)).toBe(10 * S);
    expect(calculateBackoffDuration(1, 20 * S, 10 * S)).toBe(10 * S);
  });
});

describe('TestBackoffQueue_getBackoffTime', () => {
  const ts = 1_000 * S;
  for (const popFromBackoffQ of [false, true]) {
    describe(`popFromBackoffQ=${popFromBackoffQ}`, () => {
      const bq = newBackoffQueue(new FakeClock(), popFromBackoffQ, 1 * S, 32 * S);
      it('no backoff: no failed attempt gives the zero time, not cached', () => {
        const p = queued('p', { timestamp: ts });
        expect(bq.getBackoffTime(p)).toBe(NO_BACKOFF);
        expect(p.backoffExpiration).toBeUndefined();
      });
      it('backoff is returned from the cache', () => {
        const p = queued('p', { timestamp: ts, unschedulableCount: 1 });
        p.backoffExpiration = ts + 1;
        expect(bq.getBackoffTime(p)).toBe(ts + 1);
      });
      it('backoff by UnschedulableCount', () => {
        const p = queued('p', { timestamp: ts + 250 * MS, unschedulableCount: 4 });
        expect(bq.getBackoffTime(p)).toBe(popFromBackoffQ ? ts + 8 * S : ts + 8 * S + 250 * MS);
        expect(p.backoffExpiration).toBe(bq.getBackoffTime(p));
      });
      it('backoff is calculated with ConsecutiveErrorsCount', () => {
        const p = queued('p', { timestamp: ts, unschedulableCount: 5, consecutiveErrorsCount: 1 });
        expect(bq.getBackoffTime(p)).toBe(ts + 1 * S);
      });
    });
  }
});

describe('TestBackoffQueue_popEachBackoffCompleted', () => {
  const clock = new FakeClock();
  const now = clock.now();
  const make = (): Record<string, QueuedPodInfo> => ({
    pod0: queued('pod0', { timestamp: now - 2 * S, unschedulableCount: 1, plugins: ['plugin'] }),
    pod1: queued('pod1', { timestamp: now + 1 * S, unschedulableCount: 1, plugins: ['plugin'] }),
    pod2: queued('pod2', { timestamp: now - 2 * S, consecutiveErrorsCount: 1 }),
    pod3: queued('pod3', { timestamp: now + 1 * S, consecutiveErrorsCount: 1 }),
  });
  const cases: { name: string; podsInBackoff: string[]; wantPods: string[] }[] = [
    { name: 'Both queues empty, no pods moved to activeQ', podsInBackoff: [], wantPods: [] },
    { name: 'Pods only in backoffQ, some pods moved to activeQ', podsInBackoff: ['pod0', 'pod1'], wantPods: ['pod0'] },
    { name: 'Pods only in errorBackoffQ, some pods moved to activeQ', podsInBackoff: ['pod2', 'pod3'], wantPods: ['pod2'] },
    { name: 'Pods in both queues, some pods moved to activeQ', podsInBackoff: ['pod0', 'pod1', 'pod2', 'pod3'], wantPods: ['pod0', 'pod2'] },
    { name: 'Pods in both queues, all pods moved to activeQ', podsInBackoff: ['pod0', 'pod2'], wantPods: ['pod0', 'pod2'] },
    { name: 'Pods in both queues, no pods moved to activeQ', podsInBackoff: ['pod1', 'pod3'], wantPods: [] },
  ];
  for (const c of cases) {
    for (const popFromBackoffQ of [true, false]) {
      it(`${c.name} popFromBackoffQEnabled(${popFromBackoffQ})`, () => {
        const pods = make();
        const bq = newBackoffQueue(clock, popFromBackoffQ);
        for (const name of c.podsInBackoff) bq.add(pods[name]!);
        const got = bq.popAllBackoffCompleted().map((p) => p.podInfo.name);
        expect(got).toEqual(c.wantPods);
        expect(bq.length).toBe(c.podsInBackoff.length - c.wantPods.length);
      });
    }
  }
});

describe('TestBackoffQueueOrdering', () => {
  // Align the clock with the ordering window.
  const now = 1_000 * S;
  const pods = (): QueuedPodInfo[] => [
    queued('pod0', { priority: 1, timestamp: now, unschedulableCount: 1, plugins: ['plugin'] }),
    queued('pod1', { priority: 1, timestamp: now - 1 * S, unschedulableCount: 1, plugins: ['plugin'] }),
    queued('pod2', { priority: 2, timestamp: now - 2 * S + 1 * MS, unschedulableCount: 1, plugins: ['plugin'] }),
    queued('pod3', { priority: 1, timestamp: now - 2 * S, unschedulableCount: 1, plugins: ['plugin'] }),
    queued('pod4', { priority: 2, timestamp: now - 2 * S, unschedulableCount: 1, plugins: ['plugin'] }),
    queued('pod5', { priority: 1, timestamp: now - 3 * S, unschedulableCount: 1, plugins: ['plugin'] }),
  ];
  const cases = [
    { name: 'Pods with the same window are ordered by priority if PopFromBackoffQ is enabled', popFromBackoffQ: true, want: ['pod5', 'pod4', 'pod2', 'pod3'] },
    { name: "Pods priority doesn't matter if PopFromBackoffQ is disabled", popFromBackoffQ: false, want: ['pod5', 'pod4', 'pod3', 'pod2'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const bq = newBackoffQueue(new FakeClock(now), c.popFromBackoffQ);
      for (const p of pods()) bq.add(p);
      expect(bq.popAllBackoffCompleted().map((p) => p.podInfo.name)).toEqual(c.want);
    });
  }
});

describe('isPodBackingoff: the exact comparison', () => {
  it('with the window, a pod is still backing off during the second of its (truncated) expiry', () => {
    const clock = new FakeClock(START);
    const bq = newBackoffQueue(clock, true);
    const p = queued('p', { timestamp: START, unschedulableCount: 1, plugins: ['x'] });
    const expiry = bq.getBackoffTime(p);
    expect(expiry).toBe(1_001 * S); // truncate(1000.123457 s + 1 s)
    clock.set(1_001 * S - 1);
    expect(bq.isPodBackingoff(p)).toBe(true);
    clock.set(1_001 * S);
    expect(bq.isPodBackingoff(p)).toBe(true); // expiry == truncate(now): still backing off
    clock.set(1_002 * S - 1);
    expect(bq.isPodBackingoff(p)).toBe(true);
    clock.set(1_002 * S);
    expect(bq.isPodBackingoff(p)).toBe(false);
    expect(bq.backoffCompletesAt(p)).toBe(1_002 * S);
  });

  it('without the window, a pod backs off until just after its exact expiry', () => {
    const clock = new FakeClock(START);
    const bq = newBackoffQueue(clock, false);
    const p = queued('p', { timestamp: START, unschedulableCount: 2, plugins: ['x'] });
    expect(bq.getBackoffTime(p)).toBe(START + 2 * S);
    clock.set(START + 2 * S);
    expect(bq.isPodBackingoff(p)).toBe(true);
    clock.set(START + 2 * S + 1);
    expect(bq.isPodBackingoff(p)).toBe(false);
    expect(bq.backoffCompletesAt(p)).toBe(START + 2 * S + 1);
  });

  it('a pod with no failed attempt never backs off', () => {
    const bq = newBackoffQueue(new FakeClock(0), true);
    expect(bq.isPodBackingoff(queued('p', { timestamp: 0 }))).toBe(false);
  });

  it('the error heap is not popped early; the rejection heap is', () => {
    const clock = new FakeClock(START);
    const bq = newBackoffQueue(clock, true);
    bq.add(queued('err', { timestamp: START, consecutiveErrorsCount: 1 }));
    expect(bq.lenBackoff()).toBe(0);
    expect(bq.popBackoff()).toBeUndefined();
    bq.add(queued('rej', { timestamp: START, unschedulableCount: 3, plugins: ['x'] }));
    expect(bq.lenBackoff()).toBe(1);
    expect(bq.popBackoff()?.podInfo.name).toBe('rej');
    expect(bq.length).toBe(1);
  });

  it('moving between the heaps: a pod is never in both', () => {
    const bq = newBackoffQueue(new FakeClock(START), true);
    const p = queued('p', { timestamp: START, consecutiveErrorsCount: 1 });
    bq.add(p);
    p.unschedulablePlugins.add('x');
    bq.add(p);
    expect(bq.length).toBe(1);
    expect(bq.lenBackoff()).toBe(1);
  });
});
