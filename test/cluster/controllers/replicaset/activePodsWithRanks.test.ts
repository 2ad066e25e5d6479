import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import {
  activePodLess,
  logarithmicRankDiff,
  POD_DELETION_COST_ANNOTATION,
  sortPodsForDeletion,
} from '../../../../src/cluster/controllers/replicaset/activePodsWithRanks.js';
import { MICROS_PER_HOUR } from '../../../../src/engine/time.js';

// controller_utils_test.go TestSortingActivePodsWithRanks, instants in virtual µs.
const now = 1000 * MICROS_PER_HOUR;
const then1Month = now - 30 * 24 * MICROS_PER_HOUR;
const then2Hours = now - 2 * MICROS_PER_HOUR;
const then5Hours = now - 5 * MICROS_PER_HOUR;
const then8Hours = now - 8 * MICROS_PER_HOUR;
const ts = (t: number | undefined): string | undefined => (t === undefined ? undefined : `T${t}`);
const instantOf = (s: string): number => Number(s.slice(1));

function pod(name: string, nodeName: string, phase: 'Pending' | 'Unknown' | 'Running', ready: boolean, restarts: number, readySince: number | undefined, created: number | undefined, annotations?: Record<string, string>): Pod {
  const p: Pod = { metadata: { name }, spec: { nodeName, containers: [] }, status: { phase } };
  const c = ts(created);
  if (c !== undefined) p.metadata.creationTimestamp = c;
  if (annotations !== undefined) p.metadata.annotations = annotations;
  if (ready) {
    const cond: NonNullable<NonNullable<Pod['status']>['conditions']>[number] = { type: 'Ready', status: 'True' };
    const r = ts(readySince);
    if (r !== undefined) cond.lastTransitionTime = r;
    p.status!.conditions = [cond];
    p.status!.containerStatuses = [{ name: 'c', ready: true, restartCount: restarts, image: 'i' }];
  }
  return p;
}

const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, undefined, undefined);
const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, undefined, undefined);
const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, undefined, undefined);
const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, undefined, undefined);
const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, undefined, undefined);
const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, now, now);
const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now);
const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month);
const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST_ANNOTATION]: '10' });
const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, { [POD_DELETION_COST_ANNOTATION]: '100' });
const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

describe('ActivePodsWithRanks.Less (TestSortingActivePodsWithRanks)', () => {
  const equality: [Pod, Pod?][] = [
    [unscheduledPod],
    [scheduledPendingPod],
    [unknownPhasePod],
    [runningNotReadyPod],
    [runningReadyNowCreatedThen],
    [runningReadyNow],
    [runningReadyThen],
    [runningReadyNowHighRestarts],
    [runningReadyNowCreatedThen],
    [unscheduled5Hours, unscheduled8Hours],
    [ready5Hours, ready10Hours],
  ];
  equality.forEach(([p1, p2], i) => {
    it(`equality ${i}: ${p1.metadata.name} ~ ${(p2 ?? p1).metadata.name}`, () => {
      const q = p2 ?? p1;
      expect(activePodLess(p1, 1, q, 1, now, instantOf)).toBe(false);
      expect(activePodLess(q, 1, p1, 1, now, instantOf)).toBe(false);
    });
  });

  const inequality: [Pod, number, Pod, number, boolean?][] = [
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [highPodDeletionCost, 2, lowPodDeletionCost, 1, true],
    [ready2Hours, 1, ready5Hours, 1],
  ];
  inequality.forEach(([lesser, lr, greater, gr, disableCost], i) => {
    it(`inequality ${i}: ${lesser.metadata.name}(${lr}) < ${greater.metadata.name}(${gr})`, () => {
      const features = { podDeletionCost: disableCost !== true };
      expect(activePodLess(lesser, lr, greater, gr, now, instantOf, features)).toBe(true);
      expect(activePodLess(greater, gr, lesser, lr, now, instantOf, features)).toBe(false);
    });
  });

  it('without LogarithmicScaleDown, ready time compares exactly', () => {
    expect(activePodLess(ready5Hours, 1, ready10Hours, 1, now, instantOf, { logarithmicScaleDown: false })).toBe(true);
  });

  it('logarithmicRankDiff buckets ages by floor(log2(ns))', () => {
    expect(logarithmicRankDiff(then5Hours, then8Hours, now)).toBe(0); // 2^44 ns each
    expect(logarithmicRankDiff(then2Hours, then5Hours, now)).toBe(-2);
    expect(logarithmicRankDiff(now, then2Hours, now)).toBeLessThan(0);
  });

  it('ranks by related pods on the same node: doubled-up pods go first', () => {
    const a = pod('a', 'n1', 'Running', true, 0, then2Hours, then2Hours);
    const b = pod('b', 'n2', 'Running', true, 0, then2Hours, then2Hours);
    const c = pod('c', 'n2', 'Running', true, 0, then2Hours, then2Hours);
    const sorted = sortPodsForDeletion([a, b, c], [a, b, c], now, instantOf);
    expect(sorted.map((p) => p.metadata.name)).toEqual(['b', 'c', 'a']);
  });
});
