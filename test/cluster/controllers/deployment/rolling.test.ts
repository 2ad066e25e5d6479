import { describe, expect, it } from 'vitest';
import {
  cleanupUnhealthyReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from '../../../../src/cluster/controllers/deployment/rolling.js';
import { FakeContext, newDeployment, rs } from './fakeContext.js';

describe('reconcileNewReplicaSet (rolling_test.go)', () => {
  // [deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas]
  const cases: [number, number, number, number, boolean, number][] = [
    [10, 0, 10, 0, false, 0],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false, 0],
    [10, 2, 2, 11, true, 10],
  ];
  cases.forEach(([replicas, surge, oldReplicas, newReplicas, scaleExpected, expected], i) => {
    it(`scenario ${i}`, () => {
      const ctx = new FakeContext();
      const newRS = rs('foo-v2', newReplicas);
      const oldRS = rs('foo-v1', oldReplicas);
      const d = newDeployment(replicas, surge, 0);
      const r = reconcileNewReplicaSet(ctx, [newRS, oldRS], newRS, d);
      expect(r.scaled).toBe(scaleExpected);
      if (!scaleExpected) expect(ctx.scales).toEqual([]);
      else expect(ctx.scales).toEqual([{ name: 'foo-v2', replicas: expected }]);
    });
  });
});

describe('reconcileOldReplicaSets (rolling_test.go)', () => {
  // [deploymentReplicas, maxUnavailable, oldReplicas, newReplicas, readyOld, readyNew, scaleExpected, expectedOldReplicas]
  const cases: [number, number, number, number, number, number, boolean, number][] = [
    [10, 0, 10, 0, 10, 0, true, 9],
    [10, 2, 10, 0, 10, 0, true, 8],
    [10, 2, 10, 0, 8, 0, true, 8], // unhealthy old replicas cleaned up
    [10, 2, 10, 0, 9, 0, true, 8], // 1 unhealthy cleaned up, 1 ready scaled down
    [10, 2, 8, 2, 8, 0, false, 8], // the new RS's unavailable pods stop further scale-down
  ];
  cases.forEach(([replicas, unavailable, oldReplicas, newReplicas, readyOld, readyNew, scaleExpected, expectedOld], i) => {
    it(`scenario ${i}`, () => {
      const ctx = new FakeContext();
      const newRS = rs('foo-new', newReplicas, readyNew);
      const oldRS = rs('foo-old', oldReplicas, readyOld);
      const d = newDeployment(replicas, 0, unavailable);
      const scaled = reconcileOldReplicaSets(ctx, [oldRS, newRS], [oldRS], newRS, d);
      expect(scaled).toBe(scaleExpected);
      const last = ctx.scales.at(-1);
      expect(last?.replicas ?? oldReplicas).toBe(expectedOld);
    });
  });
});

describe('cleanupUnhealthyReplicas (rolling_test.go)', () => {
  // [oldReplicas, readyPods, maxCleanupCount, cleanupCountExpected]
  const cases: [number, number, number, number][] = [
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  cases.forEach(([oldReplicas, ready, maxCleanup, expected], i) => {
    it(`scenario ${i}`, () => {
      const ctx = new FakeContext();
      const d = newDeployment(10, 2, 2);
      expect(cleanupUnhealthyReplicas(ctx, [rs('foo-v2', oldReplicas, ready)], d, maxCleanup).count).toBe(expected);
    });
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate (rolling_test.go)', () => {
  // [deploymentReplicas, maxUnavailable, readyPods, oldReplicas, scaleExpected, expectedOldReplicas]
  const cases: [number, number, number, number, boolean, number][] = [
    [10, 0, 10, 10, true, 9],
    [10, 2, 10, 10, true, 8],
    [10, 2, 8, 10, false, 0],
    [10, 2, 10, 0, false, 0],
    [10, 2, 1, 10, false, 0],
  ];
  cases.forEach(([replicas, unavailable, ready, oldReplicas, scaleExpected, expectedOld], i) => {
    it(`scenario ${i}`, () => {
      const ctx = new FakeContext();
      const oldRS = rs('foo-v2', oldReplicas, ready);
      const d = newDeployment(replicas, 0, unavailable);
      const scaled = scaleDownOldReplicaSetsForRollingUpdate(ctx, [oldRS], [oldRS], d);
      if (!scaleExpected) {
        expect(scaled).toBe(0);
        return;
      }
      expect(scaled).toBeGreaterThan(0);
      expect(ctx.scales).toEqual([{ name: 'foo-v2', replicas: expectedOld }]);
    });
  });
});
