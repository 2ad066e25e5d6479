/**
 * The nominator (backend/queue/nominator.go), ported from
 * scheduling_queue_test.go (v1.34): TestPriorityQueue_NominatedPodsForNode,
 * TestPriorityQueue_NominatedPodDeleted, TestPriorityQueue_UpdateNominatedPodForNode,
 * plus UpdateNominatedPod's keeping of an in-memory nomination.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { PodNominator } from '../../../src/scheduler/queue/nominator.js';
import { highPriNominatedPod, highPriorityPod, medPriorityPod, nonExistentPod, scheduledPod, unschedulablePod } from './fixtures.js';
import { clone, FakeClock, makePod, newTestQueue, podInfo, popExpect } from './helpers.js';

/** A pod lister over these pods (the informer cache). */
function lister(pods: readonly Pod[]): (ns: string, name: string) => Pod | undefined {
  return (ns, name) => pods.find((p) => (p.metadata.namespace ?? '') === ns && p.metadata.name === name);
}

const uids = (n: { nominatedPodsForNode(node: string): readonly { uid: string }[] }, node: string): string[] => n.nominatedPodsForNode(node).map((p) => p.uid);

describe('TestPriorityQueue_NominatedPodsForNode', () => {
  it('lists the pods nominated to a node in nomination order, popped or not', () => {
    const q = newTestQueue(new FakeClock(), { podLister: lister([medPriorityPod, unschedulablePod, highPriorityPod]) });
    q.add(podInfo(medPriorityPod));
    q.add(podInfo(unschedulablePod));
    q.add(podInfo(highPriorityPod));
    popExpect(q, highPriorityPod);
    expect(uids(q.nominator, 'node1')).toEqual(['mppns2', 'upns1']);
    expect(q.nominator.nominatedPodsForNode('node2')).toEqual([]);
    expect(q.nominator.hasNominatedPods()).toBe(true);
  });

  it("returns the queue's current version of a nominated pod", () => {
    const q = newTestQueue();
    q.add(podInfo(medPriorityPod));
    const updated = clone(medPriorityPod);
    updated.metadata.labels = { v: '2' };
    q.update(medPriorityPod, podInfo(updated));
    expect(q.nominator.nominatedPodsForNode('node1')[0]!.labels).toEqual({ v: '2' });
  });
});

describe('TestPriorityQueue_NominatedPodDeleted', () => {
  const cases = [
    { name: 'alive pod gets added into PodNominator', pod: medPriorityPod, deleted: false, want: 1 },
    { name: "deleted pod shouldn't be added into PodNominator", pod: highPriNominatedPod, deleted: true, want: 0 },
    { name: 'pod without .status.nominatedPodName specified shouldn\'t be added into PodNominator', pod: highPriorityPod, deleted: false, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const q = newTestQueue(new FakeClock(), { podLister: lister(c.deleted ? [] : [c.pod]) });
      q.nominator.addNominatedPodFromStatus(podInfo(c.pod));
      expect(q.nominator.nominatedPodsForNode(c.pod.status?.nominatedNodeName ?? '').length).toBe(c.want);
    });
  }
});

describe('TestPriorityQueue_UpdateNominatedPodForNode', () => {
  it('nominates, moves and forgets nominations; ignores deleted and bound pods', () => {
    const boundInCache = clone(scheduledPod);
    const q = newTestQueue(new FakeClock(), { podLister: lister([medPriorityPod, unschedulablePod, highPriorityPod, boundInCache]) });
    q.add(podInfo(medPriorityPod));
    // Nominate pods to nodes other than their status says.
    q.addNominatedPod(podInfo(unschedulablePod), 'node5');
    q.addNominatedPod(podInfo(highPriorityPod), 'node2');
    const expectNodes = (want: Record<string, string[]>): void => {
      for (const node of ['node1', 'node2', 'node4', 'node5']) expect(uids(q.nominator, node)).toEqual(want[node] ?? []);
    };
    expectNodes({ node1: ['mppns2'], node2: ['hppns1'], node5: ['upns1'] });
    // Popping does not change nominations.
    popExpect(q, medPriorityPod);
    expectNodes({ node1: ['mppns2'], node2: ['hppns1'], node5: ['upns1'] });
    // Re-nominating moves the pod.
    q.addNominatedPod(podInfo(highPriorityPod), 'node4');
    expectNodes({ node1: ['mppns2'], node4: ['hppns1'], node5: ['upns1'] });
    // A pod deleted from the informer cache is not nominated.
    q.addNominatedPod(podInfo(nonExistentPod), 'node1');
    expectNodes({ node1: ['mppns2'], node4: ['hppns1'], node5: ['upns1'] });
    // Nor one the cache already has bound.
    const unboundCopy = clone(scheduledPod);
    delete unboundCopy.spec.nodeName;
    q.addNominatedPod(podInfo(unboundCopy), 'node1');
    expectNodes({ node1: ['mppns2'], node4: ['hppns1'], node5: ['upns1'] });
    // Delete a nominated pod that has no nominatedNodeName in its object.
    q.deleteNominatedPodIfExists(podInfo(highPriorityPod));
    expectNodes({ node1: ['mppns2'], node5: ['upns1'] });
  });
});

describe('PodNominator', () => {
  it("UpdateNominatedPod keeps an in-memory nomination while neither version carries one", () => {
    const n = new PodNominator();
    const pod = makePod('p', { uid: 'p' });
    n.addNominatedPod(podInfo(pod), 'node1');
    const updated = clone(pod);
    updated.metadata.labels = { x: 'y' };
    n.updateNominatedPod(pod, podInfo(updated));
    expect(uids(n, 'node1')).toEqual(['p']);
    expect(n.nominatedPodsForNode('node1')[0]!.labels).toEqual({ x: 'y' });
  });

  it('UpdateNominatedPod follows the status when it is added, changed or removed', () => {
    const n = new PodNominator();
    const pod = makePod('p', { uid: 'p' });
    n.addNominatedPod(podInfo(pod), 'node1');
    const toNode2 = makePod('p', { uid: 'p', nominatedNodeName: 'node2' });
    n.updateNominatedPod(pod, podInfo(toNode2));
    expect([uids(n, 'node1'), uids(n, 'node2')]).toEqual([[], ['p']]);
    const cleared = makePod('p', { uid: 'p' });
    n.updateNominatedPod(toNode2, podInfo(cleared));
    expect(n.hasNominatedPods()).toBe(false);
  });

  it("nominating to '' clears; nomination order is kept per node", () => {
    const n = new PodNominator();
    const a = podInfo(makePod('a', { uid: 'a' }));
    const b = podInfo(makePod('b', { uid: 'b' }));
    const c = podInfo(makePod('c', { uid: 'c' }));
    n.addNominatedPod(b, 'n');
    n.addNominatedPod(a, 'n');
    n.addNominatedPod(c, 'n');
    n.addNominatedPod(a, 'n');
    expect(uids(n, 'n')).toEqual(['b', 'c', 'a']);
    n.addNominatedPod(c, '');
    expect(uids(n, 'n')).toEqual(['b', 'a']);
    expect(n.nominatedNodeFor('c')).toBeUndefined();
    n.deleteNominatedPodIfExists(b);
    n.deleteNominatedPodIfExists(a);
    expect(n.hasNominatedPods()).toBe(false);
  });

  it('the queue forgets the nomination of a deleted pod', () => {
    const q = newTestQueue();
    q.add(podInfo(unschedulablePod));
    expect(uids(q.nominator, 'node1')).toEqual(['upns1']);
    q.delete(unschedulablePod);
    expect(q.nominator.hasNominatedPods()).toBe(false);
  });
});
