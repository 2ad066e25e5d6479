/** Σ_n F(n) over the cache's table, recomputed only for changed rows. */
import { describe, expect, it } from 'vitest';
import { nodeFragmentation } from '../../../../src/gpu/frag.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { ClusterFragmentation } from '../../../../src/scheduler/plugins/gpu/ClusterFragmentation.js';
import { makeCache } from '../../fixtures.js';
import { gpuNode, gpuPod } from './gpuFixtures.js';

describe('ClusterFragmentation', () => {
  const target = [
    { cpuMilli: 1000, gpuMilli: 500, numGpu: 1, models: [], weight: 0.5 },
    { cpuMilli: 1000, gpuMilli: 1000, numGpu: 1, models: [], weight: 0.5 },
  ];
  it('capacity, allocated, idle and Σ F(n), following pod changes', () => {
    const cache = makeCache([gpuNode('A', 12000, 2), gpuNode('B', 10000, 1), gpuNode('N', 10000, 0)]);
    const frag = new ClusterFragmentation(cache.table, target);
    expect(frag.state()).toEqual({ capacity: 3000, allocated: 0, idle: 3000, fragmentation: 0 });
    cache.addPod(new PodInfo(gpuPod('a1', 2000, 1, 400, { node: 'A', index: [1] })));
    // F(A) = 0.5·0 + 0.5·600 = 300 (the scores test's node A); F(B) = 0.
    expect(frag.state()).toEqual({ capacity: 3000, allocated: 400, idle: 2600, fragmentation: 300 });
    cache.addPod(new PodInfo(gpuPod('b1', 1000, 1, 700, { node: 'B', index: [0] })));
    // B: [300], cpuLeft 9000: both targets cannot → 300.
    expect(frag.state().fragmentation).toBe(300 + nodeFragmentation(9000, 'V100M16', [300], 1, target));
    expect(frag.state().fragmentation).toBe(600);
  });
});

describe('ShapeMemo', () => {
  it('computes a row once per generation and shape, and drops the oldest shape past its bound', async () => {
    const { ShapeMemo } = await import('../../../../src/scheduler/plugins/gpu/ShapeMemo.js');
    const cache = makeCache([gpuNode('A', 1000, 1), gpuNode('B', 1000, 1)]);
    const memo = new ShapeMemo(2);
    const rows = cache.scanRows();
    const out = new Float64Array(2);
    let calls = 0;
    const compute = (row: number): number => (calls++, row + 10);
    memo.fill(cache.table, 's1', rows, 2, out, compute);
    memo.fill(cache.table, 's1', rows, 2, out, compute);
    expect(calls).toBe(2);
    expect([...out]).toEqual([...rows].map((r) => r + 10));
    cache.addPod(new PodInfo(gpuPod('x', 100, 1, 100, { node: 'A', index: [0] })));
    memo.fill(cache.table, 's1', rows, 2, out, compute);
    expect(calls).toBe(3); // only A changed
    memo.fill(cache.table, 's2', rows, 2, out, compute);
    memo.fill(cache.table, 's3', rows, 2, out, compute); // drops s1
    memo.fill(cache.table, 's1', rows, 2, out, compute);
    expect(calls).toBe(9);
  });
});
