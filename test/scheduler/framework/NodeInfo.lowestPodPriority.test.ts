/**
 * NodeInfo.lowestPodPriority: what preemption's dry run checks before copying
 * a node — whether any pod there has a lower priority than the preemptor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

describe('NodeInfo.lowestPodPriority', () => {
  it('is +Infinity without pods, and the least priority of the pods on the node', () => {
    const node = makeCache([makeNode('n')]).get('n')!;
    expect(node.lowestPodPriority()).toBe(Infinity);
    const low = new PodInfo(makePod('low', { priority: -5 }));
    node.addPod(new PodInfo(makePod('a', { priority: 10 })));
    node.addPod(low);
    node.addPod(new PodInfo(makePod('b')));
    expect(node.lowestPodPriority()).toBe(-5);
    node.removePod(low);
    expect(node.lowestPodPriority()).toBe(0);
  });

  it('follows any sequence of adds and removes, and clones keep their own', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 7 }), fc.integer({ min: -3, max: 3 })), { maxLength: 40 }), (ops) => {
        const node = makeCache([makeNode('n')]).get('n')!;
        const pods = new Map<number, PodInfo>();
        for (const [add, id, priority] of ops) {
          if (add && !pods.has(id)) {
            const p = new PodInfo(makePod(`p${id}`, { priority }));
            pods.set(id, p);
            node.addPod(p);
          } else if (!add && pods.has(id)) {
            node.removePod(pods.get(id)!);
            pods.delete(id);
          }
          const want = Math.min(Infinity, ...[...pods.values()].map((p) => p.priority));
          expect(node.lowestPodPriority()).toBe(want);
          const copy = node.clone();
          if (pods.size > 0) copy.removePod(node.pods[0]!);
          expect(node.lowestPodPriority()).toBe(want);
          expect(copy.lowestPodPriority()).toBe(Math.min(Infinity, ...copy.pods.map((p) => p.priority)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
