/** GPU accounting in the scheduler cache and its NodeTable columns: assume, Reserve's choice, bind, delete, clones. */
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { gpuNode, gpuPod } from '../plugins/gpu/gpuFixtures.js';
import { makePod } from '../fixtures.js';

function leftRow(cache: SchedulerCache, node: string): number[] {
  const row = cache.get(node)!.index;
  return [...cache.table.gpuLeft.subarray(row * 8, row * 8 + 8)];
}

describe('GPU state in the cache', () => {
  it('node columns: count, model index, left per GPU', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 2, 'T4'));
    cache.addNode(gpuNode('b', 8000, 0));
    cache.addNode(gpuNode('c', 8000, 8, 'A10'));
    const t = cache.table;
    const row = (n: string): number => cache.get(n)!.index;
    expect([t.gpuCount[row('a')], t.gpuCount[row('b')], t.gpuCount[row('c')]]).toEqual([2, 0, 8]);
    expect(t.gpuModels[t.gpuModel[row('a')]!]).toBe('T4');
    expect(t.gpuModel[row('b')]).toBe(-1);
    expect(t.gpuModels[t.gpuModel[row('c')]!]).toBe('A10');
    expect(leftRow(cache, 'a')).toEqual([1000, 1000, 0, 0, 0, 0, 0, 0]);
  });

  it('bound pods count on their annotated GPUs; pods without an index take the default (best-fit) GPU', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 4));
    cache.addPod(new PodInfo(gpuPod('x', 100, 1, 300, { node: 'a', index: [2] })));
    expect(leftRow(cache, 'a').slice(0, 4)).toEqual([1000, 1000, 700, 1000]);
    // Best fit for 500: the smallest left ≥ 500 is GPU 2 (700).
    cache.addPod(new PodInfo(gpuPod('y', 100, 1, 500, { node: 'a' })));
    expect(leftRow(cache, 'a').slice(0, 4)).toEqual([1000, 1000, 200, 1000]);
    // Whole GPUs: the lowest-index free ones.
    cache.addPod(new PodInfo(gpuPod('z', 100, 2, 1000, { node: 'a' })));
    expect(leftRow(cache, 'a').slice(0, 4)).toEqual([0, 0, 200, 1000]);
  });

  it('nvidia.com/gpu requests count as whole GPUs', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 2));
    cache.addPod(new PodInfo(makePod('w', { nodeName: 'a', requests: { 'nvidia.com/gpu': '1' } })));
    expect(leftRow(cache, 'a').slice(0, 2)).toEqual([0, 1000]);
  });

  it('assume, re-choose at Reserve, confirm, delete', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 2));
    const gen0 = cache.table.generation[cache.get('a')!.index]!;
    const pod = new PodInfo(gpuPod('p', 1000, 1, 400));
    const assumed = cache.assumePod(pod, 'a');
    expect(cache.gpuPlacementOf(pod.uid)).toEqual([0]);
    expect(leftRow(cache, 'a').slice(0, 2)).toEqual([600, 1000]);
    // Reserve's pick sees the node without the pod's GPUs.
    const seen: number[][] = [];
    const chosen = cache.assignGpus(pod.uid, (node) => {
      seen.push(node.gpuLeftList());
      return [1];
    });
    expect(seen).toEqual([[1000, 1000]]);
    expect(chosen).toEqual([1]);
    expect(leftRow(cache, 'a').slice(0, 2)).toEqual([1000, 600]);
    expect(cache.table.generation[cache.get('a')!.index]).toBeGreaterThan(gen0);
    // The informer confirms with the bound pod carrying the annotation: nothing moves.
    const bound = gpuPod('p', 1000, 1, 400, { node: 'a', index: [1] });
    bound.metadata.uid = pod.uid;
    cache.addPod(new PodInfo(bound));
    expect(cache.isAssumed(pod.uid)).toBe(false);
    expect(leftRow(cache, 'a').slice(0, 2)).toEqual([1000, 600]);
    cache.removePod(pod.uid);
    expect(leftRow(cache, 'a').slice(0, 2)).toEqual([1000, 1000]);
    expect(assumed.nodeName).toBe('a');
  });

  it('forgetPod releases the GPUs of an assumed pod', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 1));
    const pod = new PodInfo(gpuPod('p', 1000, 1, 1000));
    cache.assumePod(pod, 'a');
    expect(leftRow(cache, 'a')[0]).toBe(0);
    cache.forgetPod(pod.uid);
    expect(leftRow(cache, 'a')[0]).toBe(1000);
  });

  it('clones (preemption) own their GPU state once they change it', () => {
    const cache = new SchedulerCache();
    cache.addNode(gpuNode('a', 8000, 2));
    const x = new PodInfo(gpuPod('x', 100, 1, 500, { node: 'a', index: [0] }));
    cache.addPod(x);
    const info = cache.get('a')!;
    const clone = info.clone();
    expect(clone.gpuLeftList()).toEqual([500, 1000]);
    clone.removePod(x);
    expect(clone.gpuLeftList()).toEqual([1000, 1000]);
    expect(info.gpuLeftList()).toEqual([500, 1000]);
    clone.addPod(new PodInfo(gpuPod('y', 100, 1, 1000, { node: 'a' })));
    expect(clone.gpuLeftList()).toEqual([0, 1000]);
    expect(info.gpuLeftList()).toEqual([500, 1000]);
  });
});

describe('GPU columns when the table grows', () => {
  it('keep every row after growing past the initial capacity', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 100; i++) cache.addNode(gpuNode(`n${i}`, 8000, (i % 8) + 1, i % 2 === 0 ? 'T4' : 'A10'));
    cache.addPod(new PodInfo(gpuPod('x', 100, 1, 250, { node: 'n3', index: [2] })));
    for (let i = 0; i < 100; i++) {
      const row = cache.get(`n${i}`)!.index;
      expect(cache.table.gpuCount[row]).toBe((i % 8) + 1);
      expect(cache.table.gpuModels[cache.table.gpuModel[row]!]).toBe(i % 2 === 0 ? 'T4' : 'A10');
    }
    expect(leftRow(cache, 'n3')).toEqual([1000, 1000, 750, 1000, 0, 0, 0, 0]);
  });
});
