/**
 * Backoff timing and the background flushes, ported from
 * scheduling_queue_test.go (v1.34): TestBackOffFlow,
 * TestHighPriorityFlushUnschedulablePodsLeftover,
 * TestPriorityQueue_initPodMaxInUnschedulablePodsDuration, TestPodTimestamp,
 * TestMoveAllToActiveOrBackoffQueue_PreEnqueueChecks; plus kubesim's exact
 * timing checks of flushBackoffQCompleted on whole seconds.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { MICROS_PER_SECOND, type Micros } from '../../../src/engine/time.js';
import { BACKOFF_ORDERING_WINDOW, calculateBackoffDuration } from '../../../src/scheduler/queue/backoffQueue.js';
import { EVENT_UNSCHEDULABLE_TIMEOUT } from '../../../src/scheduler/queue/clusterEvents.js';
import type { SchedulingQueue } from '../../../src/scheduler/queue/SchedulingQueue.js';
import { highPriority, midPriority } from './fixtures.js';
import { FakeClock, makePod, namesIn, newTestQueue, nodeAdd, podInfo, popExpect, queueHintReturnQueue, schedulingGatesPreEnqueue, START, whereIs } from './helpers.js';

const S = MICROS_PER_SECOND;
const MIN = 60 * S;

function failOnce(q: SchedulingQueue, pod: Pod, ...plugins: string[]): void {
  q.add(podInfo(pod));
  const p = popExpect(q, pod);
  expect(q.addUnschedulableIfNotPresent(p, plugins.length === 0 ? { error: true } : { rejectorPlugins: plugins })).toBeNull();
}

describe('TestBackOffFlow', () => {
  const steps = [1 * S, 2 * S, 4 * S, 8 * S, 10 * S, 10 * S, 10 * S];
  for (const popFromBackoffQ of [true, false]) {
    describe(`popFromBackoffQEnabled(${popFromBackoffQ})`, () => {
      const clock = new FakeClock();
      const q = newTestQueue(clock, { gates: { SchedulerPopFromBackoffQ: popFromBackoffQ } });
      const pod = makePod('test-pod', { namespace: 'test-ns', uid: 'test-uid' });
      q.add(podInfo(pod));
      steps.forEach((wantBackoff, i) => {
        it(`step ${i}`, () => {
          const timestamp = clock.now();
          // Simulate a scheduling attempt.
          const p = q.pop()!;
          expect(p.attempts).toBe(i + 1);
          expect(q.addUnschedulableIfNotPresent(p, { rejectorPlugins: ['unsched-plugin'] })).toBeNull();
          // An event happens.
          q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
          expect(whereIs(q, pod)).toBe('backoff');
          // Check the backoff duration.
          let backoff = p.backoffExpiration! - timestamp;
          if (popFromBackoffQ) {
            // The expiry is truncated to the ordering window: round it back up.
            backoff = backoff - (backoff % BACKOFF_ORDERING_WINDOW) + BACKOFF_ORDERING_WINDOW;
          } else {
            expect(p.backoffExpiration).toBe(timestamp + wantBackoff);
          }
          expect(backoff).toBe(wantBackoff);
          // A flush one window later leaves it in backoffQ.
          clock.step(BACKOFF_ORDERING_WINDOW);
          q.flushBackoffQCompleted();
          expect(whereIs(q, pod)).toBe('backoff');
          // Moved out of backoffQ after the timeout.
          clock.step(backoff);
          q.flushBackoffQCompleted();
          expect(whereIs(q, pod)).toBe('active');
        });
      });
    });
  }
});

describe('flushBackoffQCompleted on whole seconds (exact timing)', () => {
  /** The whole-second flush instants at which the pod leaves backoffQ, starting after `from`. */
  function leavesAt(q: SchedulingQueue, clock: FakeClock, pod: Pod, from: Micros): Micros {
    let t = Math.floor(from / S) * S + S;
    for (; t < from + 60 * S; t += S) {
      clock.set(t);
      q.flushBackoffQCompleted();
      if (whereIs(q, pod) !== 'backoff') return t;
    }
    throw new Error('never left backoffQ');
  }

  // A pod failing at 1000.123457 s with backoff b: with the window, expiry =
  // trunc(1000.123457 + b) and the pod leaves at the first flush with
  // trunc(now) > expiry, i.e. at expiry + 1 s; without it, at the first
  // flush after 1000.123457 + b.
  const cases: { count: number; window: boolean; want: number }[] = [
    { count: 1, window: true, want: 1_002 * S },
    { count: 2, window: true, want: 1_003 * S },
    { count: 3, window: true, want: 1_005 * S },
    { count: 5, window: true, want: 1_011 * S },
    { count: 1, window: false, want: 1_002 * S },
    { count: 3, window: false, want: 1_005 * S },
    { count: 5, window: false, want: 1_011 * S },
  ];
  for (const c of cases) {
    it(`count ${c.count}, window ${c.window ? 'on' : 'off'}: leaves at ${c.want / S} s`, () => {
      const clock = new FakeClock(START);
      const q = newTestQueue(clock, { gates: { SchedulerPopFromBackoffQ: c.window } });
      const pod = makePod('p');
      q.add(podInfo(pod));
      const p = q.pop()!;
      p.unschedulableCount = c.count - 1;
      q.addUnschedulableIfNotPresent(p, { rejectorPlugins: ['x'] });
      q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
      expect(q.nextBackoffCompletion()).toBe(c.window ? c.want : START + calculateBackoffDuration(c.count, 1 * S, 10 * S) + 1);
      expect(leavesAt(q, clock, pod, START)).toBe(c.want);
    });
  }

  it('a pod failing exactly on a whole second, window on: still backing off at expiry, out one second later', () => {
    const clock = new FakeClock(1_000 * S);
    const q = newTestQueue(clock);
    failOnce(q, makePod('p'));
    expect(q.nextBackoffExpiry()).toBe(1_001 * S);
    expect(q.nextBackoffCompletion()).toBe(1_002 * S);
    clock.set(1_001 * S);
    q.flushBackoffQCompleted();
    expect(q.counts().backoff).toBe(1);
    clock.set(1_002 * S);
    q.flushBackoffQCompleted();
    expect(q.counts()).toMatchObject({ backoff: 0, active: 1 });
  });

  it('errors back off by consecutiveErrorsCount; a rejection resets it and backs off by unschedulableCount', () => {
    const clock = new FakeClock(1_000 * S);
    const q = newTestQueue(clock, { gates: { SchedulerPopFromBackoffQ: false } });
    const pod = makePod('p');
    q.add(podInfo(pod));
    const expiries: number[] = [];
    const fail = (a: { error: true } | { rejectorPlugins: string[] }): void => {
      const p = q.pop()!;
      const t = clock.now();
      q.addUnschedulableIfNotPresent(p, a);
      q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
      expiries.push(q.backoffExpiry(p) - t);
      clock.step(20 * S);
      q.flushBackoffQCompleted();
    };
    fail({ error: true });
    fail({ error: true });
    fail({ error: true });
    fail({ rejectorPlugins: ['x'] });
    fail({ rejectorPlugins: ['x'] });
    fail({ error: true });
    expect(expiries).toEqual([1 * S, 2 * S, 4 * S, 1 * S, 2 * S, 1 * S]);
  });

  it('a pod popped before its first failure has no backoff: moves straight to activeQ', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { hintMap: [{ event: nodeAdd, plugins: [{ plugin: 'x', hint: queueHintReturnQueue }] }] });
    const pod = makePod('p');
    q.add(podInfo(pod));
    const p = q.pop()!;
    p.unschedulableCount = 0;
    q.addUnschedulableIfNotPresent(p, { pendingPlugins: ['x'] });
    q.moveAllToActiveOrBackoffQueue(nodeAdd);
    expect(whereIs(q, pod)).toBe('active');
  });
});

describe('TestHighPriorityFlushUnschedulablePodsLeftover', () => {
  it('pods are moved to activeQ after podMaxInUnschedulablePodsDuration in unschedulablePods', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { hintMap: [{ event: nodeAdd, plugins: [{ plugin: 'fakePlugin', hint: queueHintReturnQueue }] }] });
    const midPod = makePod('test-midpod', { namespace: 'ns1', uid: 'tp-mid', priority: midPriority, nominatedNodeName: 'node1' });
    const highPod = makePod('test-highpod', { namespace: 'ns1', uid: 'tp-high', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(podInfo(highPod));
    const hp = popExpect(q, highPod);
    q.add(podInfo(midPod));
    const mp = popExpect(q, midPod);
    q.addUnschedulableIfNotPresent(hp, { rejectorPlugins: ['fakePlugin'] });
    q.addUnschedulableIfNotPresent(mp, { rejectorPlugins: ['fakePlugin'] });
    clock.step(5 * MIN + 1 * S);
    q.flushUnschedulablePodsLeftover();
    popExpect(q, highPod);
    popExpect(q, midPod);
  });

  it('the leftover comparison is strict: exactly the max duration is not enough', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock);
    failOnce(q, makePod('p'), 'x');
    clock.step(5 * MIN);
    q.flushUnschedulablePodsLeftover();
    expect(q.counts().unschedulable).toBe(1);
    clock.step(1);
    q.flushUnschedulablePodsLeftover();
    expect(q.counts()).toMatchObject({ unschedulable: 0, active: 1 });
  });

  it('a pod still backing off goes to backoffQ (custom max duration shorter than the backoff)', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { podMaxInUnschedulablePodsDuration: 1 * S, podInitialBackoff: 10 * S, podMaxBackoff: 60 * S });
    failOnce(q, makePod('p'), 'x');
    clock.step(2 * S);
    q.flushUnschedulablePodsLeftover();
    expect(q.counts()).toMatchObject({ unschedulable: 0, backoff: 1 });
  });

  it('gated pods stay gated: the timeout is a wildcard event their gate never registered', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { preEnqueue: schedulingGatesPreEnqueue, hintMap: [] });
    const gated = makePod('g', { schedulingGates: ['wait'] });
    q.add(podInfo(gated));
    expect(whereIs(q, gated)).toBe('gated');
    clock.step(10 * MIN);
    q.flushUnschedulablePodsLeftover();
    expect(whereIs(q, gated)).toBe('gated');
    expect(q.counts()).toMatchObject({ gated: 1, unschedulable: 0 });
  });
});

describe('TestPriorityQueue_initPodMaxInUnschedulablePodsDuration', () => {
  for (const max of [undefined, 30 * S]) {
    it(`max ${max === undefined ? 'default (5 min)' : '30 s'}`, () => {
      const clock = new FakeClock(START);
      const q = newTestQueue(clock, max === undefined ? {} : { podMaxInUnschedulablePodsDuration: max });
      const pod1 = makePod('test-pod-1', { namespace: 'ns1', uid: 'tp-1', nominatedNodeName: 'node1' });
      const pod2 = makePod('test-pod-2', { namespace: 'ns2', uid: 'tp-2', nominatedNodeName: 'node2' });
      clock.set(START - 1 * S);
      failOnce(q, pod1, 'x');
      clock.set(START - 2 * S);
      failOnce(q, pod2, 'x');
      clock.set(START + (max ?? 5 * MIN));
      q.flushUnschedulablePodsLeftover();
      expect(q.counts().active).toBe(2);
      popExpect(q, pod2);
      popExpect(q, pod1);
    });
  }
});

describe('TestPodTimestamp', () => {
  const pod1 = makePod('test-pod-1', { namespace: 'ns1', uid: 'tp-1', nominatedNodeName: 'node1' });
  const pod2 = makePod('test-pod-2', { namespace: 'ns2', uid: 'tp-2', nominatedNodeName: 'node2' });
  it('add two pods to activeQ and sort them by the timestamp', () => {
    const clock = new FakeClock(START + 1 * S);
    const q = newTestQueue(clock);
    q.add(podInfo(pod2));
    clock.set(START);
    q.add(podInfo(pod1));
    popExpect(q, pod1);
    popExpect(q, pod2);
  });

  it('add two pods to unschedulablePods then move them to activeQ and sort them by the timestamp', () => {
    const clock = new FakeClock(START + 1 * S);
    const q = newTestQueue(clock);
    failOnce(q, pod2, 'x');
    clock.set(START);
    failOnce(q, pod1, 'x');
    clock.step(3 * S);
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    popExpect(q, pod1);
    popExpect(q, pod2);
  });

  it('add one pod to BackoffQ and move it to activeQ', () => {
    const clock = new FakeClock(START);
    const q = newTestQueue(clock);
    failOnce(q, pod1);
    clock.set(START + 1 * S);
    q.add(podInfo(pod2));
    clock.step(3 * S);
    q.flushBackoffQCompleted();
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    popExpect(q, pod1);
    popExpect(q, pod2);
  });
});

describe('TestMoveAllToActiveOrBackoffQueue_PreEnqueueChecks', () => {
  const pods = [0, 1, 2, 3, 4].map((i) => makePod(`p${i}`, { priority: i }));
  const cases: { name: string; preCheck?: (p: Pod) => boolean; event?: typeof nodeAdd; want: string[] }[] = [
    { name: 'nil PreEnqueueCheck', want: ['p0', 'p1', 'p2', 'p3', 'p4'] },
    { name: 'move Pods with priority greater than 2', preCheck: (p) => p.spec.priority! >= 2, want: ['p2', 'p3', 'p4'] },
    { name: 'move Pods with even priority and greater than 2', preCheck: (p) => p.spec.priority! % 2 === 0 && p.spec.priority! >= 2, want: ['p2', 'p4'] },
    { name: 'move Pods with even and negative priority', preCheck: (p) => p.spec.priority! % 2 === 0 && p.spec.priority! < 0, want: [] },
    {
      name: "preCheck isn't called if the event is not interested by any plugins",
      event: nodeAdd,
      preCheck: () => {
        throw new Error("preCheck shouldn't be called");
      },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock(1_000 * S);
      // 'plugin' registered no event.
      const q = newTestQueue(clock, { hintMap: [] });
      for (const p of pods) failOnce(q, p, 'plugin');
      q.moveAllToActiveOrBackoffQueue(c.event ?? EVENT_UNSCHEDULABLE_TIMEOUT, undefined, undefined, c.preCheck);
      clock.step(2 * q.podMaxBackoff);
      q.flushBackoffQCompleted();
      expect(namesIn(q, 'active')).toEqual(c.want);
    });
  }
});
