/**
 * Ported from kubernetes/kubernetes pkg/scheduler/backend/queue/scheduling_queue_test.go
 * (v1.34): adding, popping, updating, deleting and activating pods.
 * Upstream's Pop blocks; kubesim's returns undefined on an empty queue.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { EVENT_UNSCHEDULABLE_TIMEOUT, EVENT_UNSCHEDULED_POD_UPDATE } from '../../../src/scheduler/queue/clusterEvents.js';
import type { SchedulingQueue } from '../../../src/scheduler/queue/SchedulingQueue.js';
import {
  highPriNominatedPod,
  highPriority,
  highPriorityPod,
  medPriorityPod,
  midPriority,
  unschedulablePod,
} from './fixtures.js';
import {
  allowlistPreEnqueue,
  clone,
  clonePod,
  FakeClock,
  makePod,
  namesIn,
  newTestQueue,
  nodeAdd,
  podInfo,
  popExpect,
  qpi,
  queueHintReturnQueue,
  queueHintReturnSkip,
  START,
  whereIs,
} from './helpers.js';

const S = MICROS_PER_SECOND;

/** Add, Pop and fail the pod with these rejecting plugins (none: an error). */
function failOnce(q: SchedulingQueue, pod: Pod, ...plugins: string[]): void {
  q.add(podInfo(pod));
  const p = popExpect(q, pod);
  const err = q.addUnschedulableIfNotPresent(p, plugins.length === 0 ? { error: true } : { rejectorPlugins: plugins });
  expect(err).toBeNull();
}

describe('TestPriorityQueue_Add', () => {
  it('pops by priority and records nominations of added pods', () => {
    const q = newTestQueue();
    q.add(podInfo(medPriorityPod));
    q.add(podInfo(unschedulablePod));
    q.add(podInfo(highPriorityPod));
    expect(q.nominator.nominatedPodsForNode('node1').map((p) => p.uid)).toEqual(['mppns2', 'upns1']);
    popExpect(q, highPriorityPod);
    popExpect(q, medPriorityPod);
    popExpect(q, unschedulablePod);
    expect(q.pop()).toBeUndefined();
    // Still nominated after being popped.
    expect(q.nominator.nominatedPodsForNode('node1').length).toBe(2);
  });

  it('AddWithReversePriorityLessFunc', () => {
    const q = newTestQueue();
    q.add(podInfo(medPriorityPod));
    q.add(podInfo(highPriorityPod));
    popExpect(q, highPriorityPod);
    popExpect(q, medPriorityPod);
  });

  it('a custom QueueSort orders activeQ', () => {
    const q = newTestQueue(new FakeClock(), { less: (a, b) => a.podInfo.priority < b.podInfo.priority });
    q.add(podInfo(highPriorityPod));
    q.add(podInfo(medPriorityPod));
    popExpect(q, medPriorityPod);
    popExpect(q, highPriorityPod);
  });

  it('equal priority pops the earlier timestamp first', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock);
    const pods = [0, 1, 2, 3, 4].map((i) => makePod(`p${i}`, { priority: 7 }));
    for (const p of [pods[3]!, pods[1]!, pods[4]!, pods[0]!, pods[2]!]) {
      q.add(podInfo(p));
      clock.step(1);
    }
    expect([1, 2, 3, 4, 5].map(() => q.pop()?.podInfo.name)).toEqual(['p3', 'p1', 'p4', 'p0', 'p2']);
  });
});

describe('TestPop', () => {
  for (const hints of [true, false]) {
    it(`PendingPlugins are preserved after Pop (hints ${hints ? 'on' : 'off'})`, () => {
      const pod = makePod('targetpod', { uid: 'pod1' });
      const q = newTestQueue(new FakeClock(), { gates: { SchedulerQueueingHints: hints }, hintMap: [{ event: nodeAdd, plugins: [{ plugin: 'fooPlugin1', hint: queueHintReturnQueue }] }] });
      q.add(podInfo(pod));
      const popped = popExpect(q, pod);
      // Registered as Pending: a Queue from it means queueImmediately, skipping backoff.
      q.addUnschedulableIfNotPresent(popped, { pendingPlugins: ['fooPlugin1'] });
      expect(whereIs(q, pod)).toBe('unschedulable');
      q.moveAllToActiveOrBackoffQueue(nodeAdd);
      const again = popExpect(q, pod);
      expect([...again.pendingPlugins]).toEqual(['fooPlugin1']);
    });
  }
});

describe('TestPriorityQueue_AddUnschedulableIfNotPresent', () => {
  it('a rejected pod goes to unschedulablePods when no event happened', () => {
    const q = newTestQueue();
    q.add(podInfo(unschedulablePod));
    popExpect(q, unschedulablePod);
    q.add(podInfo(highPriNominatedPod));
    expect(q.addUnschedulableIfNotPresent(qpi(unschedulablePod), { rejectorPlugins: ['plugin'] })).toBeNull();
    popExpect(q, highPriNominatedPod);
    expect(q.nominator.nominatedPodsForNode('node1').map((p) => p.uid)).toEqual(['upns1', 'hppns1']);
    expect(whereIs(q, unschedulablePod)).toBe('unschedulable');
  });

  it('refuses a pod already queued', () => {
    const q = newTestQueue();
    q.add(podInfo(highPriorityPod));
    expect(q.addUnschedulableIfNotPresent(qpi(highPriorityPod), { rejectorPlugins: ['x'] })?.message).toMatch(/already present in the active queue/);
  });

  it('counts: a rejection bumps unschedulableCount and resets the error count; an error bumps consecutiveErrorsCount', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock);
    const pod = makePod('p');
    q.add(podInfo(pod));
    const p = popExpect(q, pod);
    q.addUnschedulableIfNotPresent(p, { error: true });
    expect([p.unschedulableCount, p.consecutiveErrorsCount, p.unschedulablePlugins.size]).toEqual([0, 1, 0]);
    clock.step(2 * S);
    q.flushBackoffQCompleted();
    popExpect(q, pod);
    q.addUnschedulableIfNotPresent(p, { rejectorPlugins: ['A', 'B'], pendingPlugins: ['C'] });
    expect([p.unschedulableCount, p.consecutiveErrorsCount]).toEqual([1, 0]);
    expect([...p.unschedulablePlugins]).toEqual(['A', 'B']);
    expect([...p.pendingPlugins]).toEqual(['C']);
    expect(p.timestamp).toBe(START + 2 * S);
  });

  // Without queueing hints, a move request received at or after the pod's
  // scheduling cycle sends the rejected pod to backoffQ (moveRequestCycle).
  it('TestPriorityQueue_AddUnschedulableIfNotPresent_Backoff (SchedulerQueueingHints off)', () => {
    const q = newTestQueue(new FakeClock(), { gates: { SchedulerQueueingHints: false } });
    const pods = Array.from({ length: 10 }, (_, i) => makePod(`pod${i}`, { namespace: `ns${i}`, uid: `upns${i}`, priority: i }));
    for (const p of pods) q.add(podInfo(p));
    for (let i = 9; i > 0; i--) popExpect(q, pods[i]!);
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    const oldCycle = q.schedulingCycle();
    popExpect(q, pods[0]!);
    for (let i = 1; i < 10; i++) {
      expect(q.addUnschedulableIfNotPresent(qpi(pods[i]!), { rejectorPlugins: ['plugin'], schedulingCycle: oldCycle })).toBeNull();
    }
    for (let i = 1; i < 10; i++) expect(whereIs(q, pods[i]!)).toBe('backoff');
  });
});

describe('TestPriorityQueue_Pop (SchedulerPopFromBackoffQ)', () => {
  const highPriorityPod2 = makePod('hpp2', { namespace: 'ns1', uid: 'hpp2ns1', priority: highPriority });
  const cases = [
    { name: 'Pop pods from both activeQ and backoffQ when PopFromBackoffQ is enabled', enabled: true, want: ['mpp', 'hpp'] },
    { name: 'Pop pod only from activeQ when PopFromBackoffQ is disabled', enabled: false, want: ['mpp'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const q = newTestQueue(new FakeClock(), { gates: { SchedulerPopFromBackoffQ: c.enabled }, hintMap: [] });
      // High priority pod in backoffQ (rejected by a plugin, then moved by a wildcard event while backing off).
      failOnce(q, highPriorityPod, 'plugin');
      q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
      // High priority pod in the error backoffQ: never popped early.
      failOnce(q, highPriorityPod2);
      // A pod in unschedulablePods.
      failOnce(q, unschedulablePod, 'plugin');
      q.add(podInfo(medPriorityPod));
      expect(q.counts()).toMatchObject({ active: 1, backoff: 2, unschedulable: 1 });
      expect(q.hasActivePods()).toBe(true);
      const got: string[] = [];
      for (let p = q.pop(); p !== undefined; p = q.pop()) got.push(p.podInfo.name);
      expect(got).toEqual(c.want);
      expect(q.hasActivePods()).toBe(false);
    });
  }

  it('popping from backoffQ takes the earliest expiry, then the highest priority within a window', () => {
    const clock = new FakeClock(START);
    const q = newTestQueue(clock, { hintMap: [] });
    const low = makePod('low', { priority: 1 });
    const high = makePod('high', { priority: 9 });
    const early = makePod('early', { priority: 0 });
    failOnce(q, early, 'x');
    clock.step(1 * S);
    failOnce(q, low, 'x');
    clock.step(100_000);
    failOnce(q, high, 'x');
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    expect(namesIn(q, 'backoff')).toEqual(['early', 'high', 'low']);
    expect([q.pop(), q.pop(), q.pop()].map((p) => p?.podInfo.name)).toEqual(['early', 'high', 'low']);
  });
});

describe('TestPriorityQueue_Update', () => {
  const queuePlugin = 'queuePlugin';
  const skipPlugin = 'skipPlugin';
  const hintMap = [{ event: EVENT_UNSCHEDULED_POD_UPDATE, plugins: [{ plugin: queuePlugin, hint: queueHintReturnQueue }, { plugin: skipPlugin, hint: queueHintReturnSkip }] }];
  const withAnnotation = (p: Pod, v: string): Pod => {
    const u = clone(p);
    u.metadata.annotations = { ...u.metadata.annotations, foo: v };
    return u;
  };
  const cases: {
    name: string;
    wantQ: string | undefined;
    wantNominated?: boolean;
    prepare: (q: SchedulingQueue, clock: FakeClock) => [Pod, Pod];
    hints: boolean[];
  }[] = [
    { name: "Update pod that didn't exist in the queue", wantQ: 'active', prepare: () => [medPriorityPod, withAnnotation(medPriorityPod, 'test')], hints: [false, true] },
    { name: 'Update highPriorityPodInfo and add a nominatedNodeName to it', wantQ: 'active', wantNominated: true, prepare: () => [highPriorityPod, highPriNominatedPod], hints: [false, true] },
    {
      name: 'When updating a pod that is already in activeQ, the pod should remain in activeQ after Update()',
      wantQ: 'active',
      prepare: (q) => {
        q.add(podInfo(highPriorityPod));
        return [highPriorityPod, highPriorityPod];
      },
      hints: [false, true],
    },
    {
      name: 'When updating a pod that is in backoff queue and is still backing off, it will be updated in backoff queue',
      wantQ: 'backoff',
      prepare: (q) => {
        failOnce(q, medPriorityPod);
        return [medPriorityPod, medPriorityPod];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod in unschedulablePods, if its backoff timer has not yet expired, it moves to backoffQ',
      wantQ: 'backoff',
      prepare: (q) => {
        failOnce(q, medPriorityPod, queuePlugin);
        return [medPriorityPod, withAnnotation(medPriorityPod, 'test')];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod in unschedulablePods, if its backoff timer has expired, it moves to activeQ',
      wantQ: 'active',
      prepare: (q, clock) => {
        failOnce(q, medPriorityPod, queuePlugin);
        clock.step(q.podMaxBackoff);
        return [medPriorityPod, withAnnotation(medPriorityPod, 'test1')];
      },
      hints: [false, true],
    },
    {
      name: 'when updating a pod in unschedulablePods, if the scheduling hint returns QueueSkip, it remains in unschedulablePods',
      wantQ: 'unschedulable',
      prepare: (q) => {
        failOnce(q, medPriorityPod, skipPlugin);
        return [medPriorityPod, withAnnotation(medPriorityPod, 'test1')];
      },
      hints: [true],
    },
    {
      name: 'when updating a pod which is in flightPods, the pod will not be added to any queue',
      wantQ: undefined,
      prepare: (q) => {
        q.add(podInfo(medPriorityPod));
        popExpect(q, medPriorityPod);
        return [medPriorityPod, withAnnotation(medPriorityPod, 'bar')];
      },
      hints: [true],
    },
  ];
  for (const c of cases) {
    for (const hints of c.hints) {
      it(`${c.name}, with queuehint(${hints})`, () => {
        const clock = new FakeClock();
        const q = newTestQueue(clock, { gates: { SchedulerQueueingHints: hints }, hintMap });
        const [oldPod, newPod] = c.prepare(q, clock);
        q.update(oldPod, podInfo(newPod));
        const found = q.getPod(newPod.metadata.namespace ?? '', newPod.metadata.name ?? '');
        expect(found?.queue).toBe(c.wantQ);
        if (found !== undefined) expect(found.pInfo.pod).toEqual(newPod);
        if (c.wantNominated === true) expect(q.nominator.nominatedPodsForNode('node1').length).toBe(1);
      });
    }
  }

  it('TestPriorityQueue_UpdateWhenInflight: the update of an in-flight pod is not queued; its failure queues it', () => {
    const q = newTestQueue(new FakeClock(), { hintMap: [{ event: EVENT_UNSCHEDULED_POD_UPDATE, plugins: [{ plugin: 'fakePlugin', hint: queueHintReturnQueue }] }] });
    const testPod = makePod('test-pod', { namespace: 'test-ns', uid: 'test-uid' });
    q.add(podInfo(testPod));
    const p = popExpect(q, testPod);
    const updated = clone(testPod);
    updated.spec.tolerations = [{ key: 'foo', effect: 'NoSchedule' }];
    q.update(testPod, podInfo(updated));
    expect(whereIs(q, testPod)).toBeUndefined();
    // The caller re-adds the failed pod with its latest version.
    q.addUnschedulableIfNotPresent(p, { rejectorPlugins: ['fakePlugin'], podInfo: podInfo(updated) });
    expect(q.getPod('test-ns', 'test-pod')?.pInfo.pod).toEqual(updated);
  });
});

describe('TestPriorityQueue_Delete', () => {
  it('removes the pod from its queue and the nominator', () => {
    const q = newTestQueue();
    q.update(highPriorityPod, podInfo(highPriNominatedPod));
    q.add(podInfo(unschedulablePod));
    q.delete(highPriNominatedPod);
    expect(whereIs(q, unschedulablePod)).toBe('active');
    expect(whereIs(q, highPriNominatedPod)).toBeUndefined();
    expect(q.nominator.nominatedPodsForNode('node1').map((p) => p.uid)).toEqual(['upns1']);
    q.delete(unschedulablePod);
    expect(q.nominator.hasNominatedPods()).toBe(false);
  });

  it('removes pods from backoffQ and unschedulablePods', () => {
    const q = newTestQueue();
    failOnce(q, medPriorityPod);
    failOnce(q, highPriorityPod, 'x');
    q.delete(podInfo(medPriorityPod));
    q.delete(highPriorityPod);
    expect(q.counts()).toMatchObject({ active: 0, backoff: 0, unschedulable: 0 });
  });
});

describe('TestPriorityQueue_Activate', () => {
  const cases: { name: string; prepare: (q: SchedulingQueue) => void; wantActive: number }[] = [
    { name: 'pod already in activeQ', prepare: (q) => q.add(podInfo(highPriNominatedPod)), wantActive: 1 },
    { name: 'pod not in unschedulablePods/backoffQ', prepare: () => undefined, wantActive: 0 },
    { name: 'pod in unschedulablePods', prepare: (q) => failOnce(q, highPriNominatedPod, 'x'), wantActive: 1 },
    { name: 'pod in backoffQ', prepare: (q) => failOnce(q, highPriNominatedPod), wantActive: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const q = newTestQueue();
      c.prepare(q);
      q.activate([highPriNominatedPod]);
      expect(q.counts().active).toBe(c.wantActive);
      if (c.wantActive > 0) expect(whereIs(q, highPriNominatedPod)).toBe('active');
    });
  }
});

describe('TestPriorityQueue_PendingPods', () => {
  it('lists every pending pod with its queue', () => {
    const q = newTestQueue(new FakeClock(), { hintMap: [] });
    q.add(podInfo(unschedulablePod));
    popExpect(q, unschedulablePod);
    q.add(podInfo(highPriorityPod));
    popExpect(q, highPriorityPod);
    q.add(podInfo(medPriorityPod));
    q.addUnschedulableIfNotPresent(qpi(unschedulablePod), { rejectorPlugins: ['plugin'] });
    q.addUnschedulableIfNotPresent(qpi(highPriorityPod), { rejectorPlugins: ['plugin'] });
    const pending = (): string[] => q.pendingPods().map((p) => `${p.pInfo.podInfo.name}:${p.queue}`).sort();
    expect(pending()).toEqual(['hpp:unschedulable', 'mpp:active', 'up:unschedulable']);
    expect(q.summary()).toBe('activeQ:1; backoffQ:0; unschedulablePods:2');
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    expect(pending()).toEqual(['hpp:backoff', 'mpp:active', 'up:backoff']);
    expect(q.summary()).toBe('activeQ:1; backoffQ:2; unschedulablePods:0');
  });
});

describe('TestPriorityQueue_GetPod', () => {
  it('finds pods in every sub-queue', () => {
    const q = newTestQueue();
    const pod1 = makePod('pod1', { namespace: 'default' });
    const pod2 = makePod('pod2', { namespace: 'default' });
    const pod3 = makePod('pod3', { namespace: 'default' });
    failOnce(q, pod2);
    failOnce(q, pod3, 'x');
    q.add(podInfo(pod1));
    expect(q.getPod('default', 'pod1')?.queue).toBe('active');
    expect(q.getPod('default', 'pod2')?.queue).toBe('backoff');
    expect(q.getPod('default', 'pod3')?.queue).toBe('unschedulable');
    expect(q.getPod('default', 'pod4')).toBeUndefined();
  });
});

describe('TestPriorityQueue_NewWithOptions', () => {
  it('takes the backoff durations', () => {
    const q = newTestQueue(new FakeClock(), { podInitialBackoff: 2 * S, podMaxBackoff: 20 * S });
    expect(q.podInitialBackoff).toBe(2 * S);
    expect(q.podMaxBackoff).toBe(20 * S);
  });
});

describe('TestRecentlyTriedPodsGoBack', () => {
  it('a pod tried and moved back goes behind pods of the same priority', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock);
    for (let i = 0; i < 5; i++) q.add(podInfo(makePod(`test-pod-${i}`, { namespace: 'ns1', uid: `tp00${i}`, priority: highPriority, nominatedNodeName: 'node1' })));
    clock.step(1);
    const p1 = q.pop()!;
    q.addUnschedulableIfNotPresent(p1, { rejectorPlugins: ['plugin'] });
    clock.step(q.podMaxBackoff);
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    for (let i = 0; i < 5; i++) {
      const p = q.pop();
      expect(i === 4).toBe(p === p1);
    }
  });
});

describe('TestPodFailedSchedulingMultipleTimesDoesNotBlockNewerPod', () => {
  it('an unschedulable pod retried does not block a newer pod', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock);
    const up = makePod('test-pod-unscheduled', { namespace: 'ns1', uid: 'tp001', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(podInfo(up));
    popExpect(q, up);
    q.addUnschedulableIfNotPresent(qpi(up), { rejectorPlugins: ['plugin'] });
    clock.step(1 * S + 1 * S);
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    popExpect(q, up);
    const newerPod = makePod('test-newer-pod', { namespace: 'ns1', uid: 'tp002', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(podInfo(newerPod));
    q.addUnschedulableIfNotPresent(qpi(up), { rejectorPlugins: ['plugin'] });
    clock.step(1 * S + 1 * S);
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    popExpect(q, newerPod);
  });
});

describe('TestHighPriorityBackoff', () => {
  it('an unschedulable high priority pod does not block other pods', () => {
    const q = newTestQueue();
    const midPod = makePod('test-midpod', { namespace: 'ns1', uid: 'tp-mid', priority: midPriority, nominatedNodeName: 'node1' });
    const highPod = makePod('test-highpod', { namespace: 'ns1', uid: 'tp-high', priority: highPriority, nominatedNodeName: 'node1' });
    q.add(podInfo(midPod));
    q.add(podInfo(highPod));
    const p = popExpect(q, highPod);
    q.addUnschedulableIfNotPresent(qpi(p.pod), { rejectorPlugins: ['fooPlugin'] });
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    popExpect(q, midPod);
    expect(whereIs(q, highPod)).toBe('backoff');
  });
});

describe('TestPerPodSchedulingMetrics', () => {
  const pod = makePod('test-pod', { namespace: 'test-ns', uid: 'test-uid' });
  const cases: { name: string; scenario: (clock: FakeClock, q: SchedulingQueue) => void; attempts: number; initial: number; preEnqueue?: boolean }[] = [
    { name: 'pod is created and scheduled after 1 attempt', scenario: (_c, q) => q.add(podInfo(pod)), attempts: 1, initial: START },
    {
      name: 'pod is created and scheduled after 2 attempts',
      scenario: (c, q) => {
        q.add(podInfo(pod));
        q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['plugin'] });
        c.set(START + 5 * 60 * S + 1);
        q.flushUnschedulablePodsLeftover();
      },
      attempts: 2,
      initial: START,
    },
    {
      name: 'pod is created and scheduled after 2 attempts but before the second pop, call update',
      scenario: (c, q) => {
        q.add(podInfo(pod));
        q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['plugin'] });
        c.set(START + 5 * 60 * S + 1);
        q.flushUnschedulablePodsLeftover();
        const newPod = clone(pod);
        newPod.metadata.generation = 1;
        q.update(pod, podInfo(newPod));
      },
      attempts: 2,
      initial: START,
    },
    {
      name: 'A gated pod is created and scheduled after lifting gate',
      preEnqueue: true,
      scenario: (c, q) => {
        q.add(podInfo(pod));
        expect(whereIs(q, pod)).toBe('gated');
        c.step(60 * S);
        const ungated = clone(pod);
        ungated.metadata.labels = { foo: '' };
        q.update(pod, podInfo(ungated));
      },
      attempts: 1,
      initial: START + 60 * S,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock();
      const q = newTestQueue(clock, c.preEnqueue === true ? { preEnqueue: allowlistPreEnqueue('preEnqueuePlugin', ['foo']) } : {});
      c.scenario(clock, q);
      const p = q.pop()!;
      expect(p.attempts).toBe(c.attempts);
      expect(p.initialAttemptTimestamp).toBe(c.initial);
    });
  }
});

describe('TestPriorityQueue_MoveAllToActiveOrBackoffQueue (flow, without in-flight bookkeeping)', () => {
  for (const hints of [true, false]) {
    it(`hints ${hints ? 'on' : 'off'}`, () => {
      const clock = new FakeClock();
      const q = newTestQueue(clock, { gates: { SchedulerQueueingHints: hints }, hintMap: [{ event: nodeAdd, plugins: [{ plugin: 'fooPlugin', hint: queueHintReturnQueue }] }] });
      failOnce(q, unschedulablePod, 'fooPlugin');
      failOnce(q, highPriorityPod, 'fooPlugin');
      // A failure associated with no plugin: backoffQ.
      const hpp1 = clonePod(highPriorityPod, 'hpp1');
      failOnce(q, hpp1);
      // A failure by barPlugin, which registered no event: unschedulablePods, for good.
      const hpp2 = clonePod(highPriorityPod, 'hpp2');
      failOnce(q, hpp2, 'barPlugin');
      // NodeAdd moves the pods fooPlugin rejected to backoffQ (still backing off).
      q.moveAllToActiveOrBackoffQueue(nodeAdd);
      q.add(podInfo(medPriorityPod));
      expect(q.counts().active).toBe(1);
      popExpect(q, medPriorityPod);
      expect(q.counts().backoff).toBe(3);
      expect(whereIs(q, hpp2)).toBe('unschedulable');

      // Empty backoffQ (upstream pops the completed pods and drops them).
      clock.step(q.podMaxBackoff);
      q.flushBackoffQCompleted();
      for (let p = q.pop(); p !== undefined; p = q.pop()) q.done(p.uid);

      q.add(podInfo(unschedulablePod));
      popExpect(q, unschedulablePod);
      q.add(podInfo(highPriorityPod));
      popExpect(q, highPriorityPod);
      q.add(podInfo(hpp1));
      popExpect(q, hpp1);
      q.addUnschedulableIfNotPresent(qpi(unschedulablePod), { rejectorPlugins: ['fooPlugin'] });
      q.addUnschedulableIfNotPresent(qpi(highPriorityPod), { rejectorPlugins: ['fooPlugin'] });
      q.addUnschedulableIfNotPresent(qpi(hpp1), { error: true });
      q.add(podInfo(medPriorityPod));
      for (const p of [unschedulablePod, highPriorityPod, hpp2]) expect(whereIs(q, p)).toBe('unschedulable');
      expect(whereIs(q, hpp1)).toBe('backoff');
      expect(q.counts().active).toBe(1);

      // Past the backoff: the flush moves hpp1, NodeAdd the fooPlugin pods, straight to activeQ.
      clock.step(q.podMaxBackoff);
      q.flushBackoffQCompleted();
      q.moveAllToActiveOrBackoffQueue(nodeAdd);
      expect(q.counts()).toMatchObject({ active: 4, backoff: 0, unschedulable: 1 });
    });
  }
});
