import { describe, expect, it } from 'vitest';
import {
  availableReplicaCount,
  equalIgnoreHash,
  findActiveOrLatest,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  proportion,
  resolveFenceposts,
  scaledValueFromIntOrPercent,
} from '../../../../src/cluster/controllers/deployment/deploymentUtil.js';
import { newDeployment, rs } from './fakeContext.js';

describe('ResolveFenceposts (deployment_util_test.go TestResolveFenceposts)', () => {
  const cases: [string | undefined, string | undefined, number, number, number][] = [
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ];
  for (const [surge, unavailable, desired, es, eu] of cases) {
    it(`${surge}/${unavailable} of ${desired} → ${es}:${eu}`, () => {
      expect(resolveFenceposts(surge, unavailable, desired)).toEqual([es, eu]);
    });
  }
  it('rejects values that are not percentages', () => {
    expect(() => resolveFenceposts('oops', '39%', 10)).toThrow(/invalid value "oops"/);
    expect(() => resolveFenceposts('55%', 'urg', 10)).toThrow(/invalid value "urg"/);
  });
  it('reference examples: 4 → 1/1, 10 → 3/2, 1 → 1/0 with the 25% defaults', () => {
    expect(resolveFenceposts('25%', '25%', 4)).toEqual([1, 1]);
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('25%', '25%', 1)).toEqual([1, 0]);
  });
  it('GetScaledValueFromIntOrPercent rounds percentages up or down', () => {
    expect(scaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(scaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(scaledValueFromIntOrPercent(7, 10, false)).toBe(7);
  });
  it('MaxUnavailable is capped at replicas; Recreate has neither', () => {
    expect(maxUnavailable(newDeployment(2, 0, 5))).toBe(2);
    const recreate = newDeployment(5, 1, 1);
    recreate.spec.strategy = { type: 'Recreate' };
    expect(maxUnavailable(recreate)).toBe(0);
    expect(maxSurge(recreate)).toBe(0);
  });
});

describe('NewRSNewReplicas (TestNewRSNewReplicas)', () => {
  const cases: [string, 'RollingUpdate' | 'Recreate', number, number, number, number][] = [
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ];
  for (const [name, type, depReplicas, newRSReplicas, surge, expected] of cases) {
    it(name, () => {
      const d = newDeployment(depReplicas, surge, 1);
      d.spec.strategy = { ...d.spec.strategy, type };
      const newRS = rs('new', newRSReplicas);
      expect(newRSNewReplicas(d, [rs('rs5', 5)], newRS)).toBe(expected);
    });
  }
});

describe('deployment helpers', () => {
  it('EqualIgnoreHash ignores only the pod-template-hash label', () => {
    const a = { metadata: { labels: { app: 'x', 'pod-template-hash': '123' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const b = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, spec: { containers: [{ name: 'c', image: 'j' }] } })).toBe(false);
  });
  it('FindActiveOrLatest: the one active ReplicaSet, or none when several are', () => {
    expect(findActiveOrLatest(rs('new', 0), [rs('old', 3)])?.metadata.name).toBe('old');
    expect(findActiveOrLatest(rs('new', 2), [rs('old', 3)])).toBeUndefined();
    expect(findActiveOrLatest(rs('new', 0), [rs('old', 0)])?.metadata.name).toBe('new');
  });
  it('GetProportion: share of a scale from the max-replicas annotation', () => {
    const d = newDeployment(20, 3, 1); // was 10 + 3 surge = 13, now 20 + 3 = 23
    const a = rs('a', 8);
    a.metadata.annotations = { 'deployment.kubernetes.io/max-replicas': '13' };
    // 8 * 23 / 13 = 14.15 → 14: 6 more, capped by what is left to add.
    expect(proportion(a, d, 10, 0)).toBe(6);
    expect(proportion(a, d, 10, 7)).toBe(3);
    expect(proportion(a, d, 0, 0)).toBe(0);
  });
  it('sums availableReplicas', () => {
    expect(availableReplicaCount([rs('a', 3, 2), undefined, rs('b', 1, 1)])).toBe(3);
  });
});
