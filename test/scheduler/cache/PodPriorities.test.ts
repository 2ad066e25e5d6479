/** The cache's count of pods by priority: the lowest priority held on any node. */
import { describe, expect, it } from 'vitest';
import { PodPriorities } from '../../../src/scheduler/cache/PodPriorities.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

describe('PodPriorities', () => {
  it('gives the lowest priority counted, +Infinity when none, and finds the next one when the lowest goes', () => {
    const p = new PodPriorities();
    expect(p.lowest).toBe(Infinity);
    p.add(10, 1);
    p.add(-5, 1);
    p.add(-5, 1);
    expect(p.lowest).toBe(-5);
    p.add(-5, -1);
    expect(p.lowest).toBe(-5);
    p.add(-5, -1);
    expect(p.lowest).toBe(10);
    p.add(10, -1);
    expect(p.lowest).toBe(Infinity);
    expect(() => p.add(3, -1)).toThrow(/no pod of priority 3/);
  });

  it('the scheduler cache counts the pods on its nodes: bound, removed, and with their node', () => {
    const cache = makeCache([makeNode('a'), makeNode('b')]);
    expect(cache.lowestPodPriority()).toBe(Infinity);
    const low = new PodInfo(makePod('low', { nodeName: 'a', priority: 1 }));
    const high = new PodInfo(makePod('high', { nodeName: 'b', priority: 100 }));
    cache.addPod(low);
    cache.addPod(high);
    expect(cache.lowestPodPriority()).toBe(1);
    cache.removePod(low.uid);
    expect(cache.lowestPodPriority()).toBe(100);
    cache.addPod(low);
    cache.removeNode(cache.get('a')!.node);
    expect(cache.lowestPodPriority()).toBe(100);
    const assumed = new PodInfo(makePod('assumed', { priority: 7 }));
    cache.assumePod(assumed, 'b');
    expect(cache.lowestPodPriority()).toBe(7);
    cache.forgetPod(assumed.uid);
    expect(cache.lowestPodPriority()).toBe(100);
  });
});
