/**
 * The six GPU score plugins held to cases computed by hand from
 * shared/reference/gpu-sharing-policies.md §2 (the simulator's formulas,
 * Go int64 truncation). Each case runs through both Score (NodeInfo) and the
 * whole-table fast path, which must agree.
 */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { BestFitScorePlugin, minMaxNormalize } from '../../../../src/scheduler/plugins/gpu/BestFitScore.js';
import { DotProductScorePlugin } from '../../../../src/scheduler/plugins/gpu/DotProductScore.js';
import { FGDScorePlugin, fgdScore, fragDeltaScore } from '../../../../src/scheduler/plugins/gpu/FGDScore.js';
import { GpuClusteringScorePlugin } from '../../../../src/scheduler/plugins/gpu/GpuClusteringScore.js';
import { GpuPackingScorePlugin } from '../../../../src/scheduler/plugins/gpu/GpuPackingScore.js';
import { podGpuShape, viewOfNode } from '../../../../src/scheduler/plugins/gpu/podShape.js';
import { RandomScorePlugin } from '../../../../src/scheduler/plugins/gpu/RandomScore.js';
import { makeCache, makeHandle } from '../../fixtures.js';
import { gpuNode, gpuPod, scoresOf } from './gpuFixtures.js';

describe('DotProductScore', () => {
  // a: cpuLeft 64000, L 4000; b: cpuLeft 16000, L 500 (one GPU, half used).
  const cache = makeCache([gpuNode('a', 64000, 4), gpuNode('b', 16500, 1)], [gpuPod('u', 500, 1, 500, { node: 'b', index: [0] })]);
  const plugin = new DotProductScorePlugin(makeHandle(cache));
  it('int(100 * (1 - (nv·pv)/2)): the node with less left wins', () => {
    // pod (8000 m, 1×500): a: 0.5·0.0625 + 0.5·0.0625 = 0.0625 → 1 − 0.03125 → 96;
    // b: 0.125·0.0625 + 0.0625·0.0625 = 0.01171875 → 1 − 0.005859375 → 99.
    const { score, fast } = scoresOf(plugin, cache, gpuPod('p', 8000, 1, 500));
    expect(score).toEqual({ a: 96, b: 99 });
    expect(fast).toEqual(score);
  });
  it('a CPU-only pod: only the CPU term (a: 1 − 0.5·0.0625/2 → 98; b: 1 − 0.125·0.0625/2 → 99)', () => {
    const { score, fast } = scoresOf(plugin, cache, gpuPod('c', 8000, 0, 0));
    expect(score).toEqual({ a: 98, b: 99 });
    expect(fast).toEqual(score);
  });
});

describe('GpuClusteringScore', () => {
  // s: 8 GPUs, a sharing pod on it (L 7500 − 1000 below); m: 8 GPUs, a sharing and a 1-GPU pod;
  // e: empty 8 GPUs; x: 8 GPUs with a 2-GPU pod; small: empty 2-GPU node.
  const cache = makeCache(
    [gpuNode('s', 64000, 8), gpuNode('m', 64000, 8), gpuNode('e', 64000, 8), gpuNode('x', 64000, 8), gpuNode('small', 64000, 2)],
    [
      gpuPod('s1', 100, 1, 500, { node: 's', index: [0] }),
      gpuPod('s2', 100, 1, 999, { node: 's', index: [1] }),
      gpuPod('m1', 100, 1, 500, { node: 'm', index: [0] }),
      gpuPod('m2', 100, 1, 1000, { node: 'm', index: [1] }),
      gpuPod('x1', 100, 2, 1000, { node: 'x', index: [0, 1] }),
    ],
  );
  const plugin = new GpuClusteringScorePlugin(makeHandle(cache));
  it('share pod: only-same-tag 75+base, mixed 50+base, idle 25+base, other tags base', () => {
    // s: L = 8000 − 500 − 999 = 6501 → base 25·1499/8000 = 4 → 79.
    // m: L = 8000 − 500 − 1000 = 6500 → base 25·1500/8000 = 4 → 54.
    // e: base 0 → 25. x: L 6000 → base 25·2000/8000 = 6 → 6.
    // small: L 2000 is not normalised to the node's 2 GPUs → base 25·6000/8000 = 18 → 43.
    const { score, fast } = scoresOf(plugin, cache, gpuPod('p', 1000, 1, 300));
    expect(score).toEqual({ s: 79, m: 54, e: 25, x: 6, small: 43 });
    expect(fast).toEqual(score);
  });
  it('a 2-GPU pod goes with the 2-GPU pods; a CPU-only pod scores 0 everywhere', () => {
    const two = scoresOf(plugin, cache, gpuPod('p2', 1000, 2, 1000));
    // x: base 6 + 75 = 81; s: base 4 + 0; m: 4; e: 25; small: 43.
    expect(two.score).toEqual({ s: 4, m: 4, e: 25, x: 81, small: 43 });
    expect(two.fast).toEqual(two.score);
    const cpu = scoresOf(plugin, cache, gpuPod('c', 1000, 0, 0));
    expect(cpu.score).toEqual({ s: 0, m: 0, e: 0, x: 0, small: 0 });
    expect(cpu.fast).toEqual(cpu.score);
  });
});

describe('GpuPackingScore', () => {
  // u: 4 GPUs left [1000, 400, 1000, 700]; e8/e2/e1: empty nodes of 8, 2, 1 GPUs; r: [1000, 333].
  const cache = makeCache(
    [gpuNode('u', 64000, 4), gpuNode('e8', 64000, 8), gpuNode('e2', 64000, 2), gpuNode('e1', 64000, 1), gpuNode('r', 64000, 2)],
    [
      gpuPod('u1', 100, 1, 600, { node: 'u', index: [1] }),
      gpuPod('u2', 100, 1, 300, { node: 'u', index: [3] }),
      gpuPod('r1', 100, 1, 667, { node: 'r', index: [1] }),
    ],
  );
  const plugin = new GpuPackingScorePlugin(makeHandle(cache));
  it('sharing pod 1×300: shared GPUs first (u: 400 → 100 − 40/10 = 96; r: 333·100/1000 = 33 → 100 − 3 = 97); empty nodes max(33 − G, G)', () => {
    const { score, fast } = scoresOf(plugin, cache, gpuPod('p', 1000, 1, 300));
    expect(score).toEqual({ u: 96, e8: 25, e2: 31, e1: 32, r: 97 });
    expect(fast).toEqual(score);
  });
  it('1×800 needs a free GPU of a used node: max(50 − 1, 33) = 49; 2×1000 on u: 48', () => {
    const a = scoresOf(plugin, cache, gpuPod('p', 1000, 1, 800));
    expect(a.score).toMatchObject({ u: 49, r: 49, e8: 25 });
    expect(a.fast).toEqual(a.score);
    const b = scoresOf(plugin, cache, gpuPod('q', 1000, 2, 1000));
    expect(b.score.u).toBe(48);
    expect(b.fast).toEqual(b.score);
  });
  it('CPU-only pods score 0', () => {
    const c = scoresOf(plugin, cache, gpuPod('c', 1000, 0, 0));
    expect(Object.values(c.score)).toEqual([0, 0, 0, 0, 0]);
    expect(c.fast).toEqual(c.score);
  });
});

describe('BestFitScore', () => {
  // a: cpuLeft 64000, L 4000; b: cpuLeft 16000, L 500; c: cpuLeft 128000, L 8000.
  const cache = makeCache(
    [gpuNode('a', 64000, 4), gpuNode('b', 16500, 1), gpuNode('c', 128000, 8)],
    [gpuPod('u', 500, 1, 500, { node: 'b', index: [0] })],
  );
  const plugin = new BestFitScorePlugin(makeHandle(cache));
  it('raw int((1 − [0.5(cpuLeft−cpu)/128000 + 0.5(L−k·milli)/8000])·100), then min-max to 0–100', () => {
    // pod (8000 m, 1×500): a: 0.21875 + 0.21875 → 56.25 → 56; b: 0.03125 + 0 → 96.875 → 96;
    // c: 0.46875 + 0.46875 → 6.25 → 6. Normalised: a (56−6)·100/90 = 55, b 100, c 0.
    const { score, fast } = scoresOf(plugin, cache, gpuPod('p', 8000, 1, 500));
    expect(score).toEqual({ a: 56, b: 96, c: 6 });
    expect(fast).toEqual(score);
    const scores = Float64Array.from([56, 96, 6]);
    minMaxNormalize(scores, 3);
    expect([...scores]).toEqual([55, 100, 0]);
  });
  it('all equal: all 0', () => {
    const s = Float64Array.from([7, 7]);
    minMaxNormalize(s, 2);
    expect([...s]).toEqual([0, 0]);
  });
});

describe('FGDScore', () => {
  // Target: t1 = (1000 m, 1×500) p 0.5; t2 = (1000 m, 1×1000) p 0.5.
  const target = [
    { cpuMilli: 1000, gpuMilli: 500, numGpu: 1, models: [], weight: 0.5 },
    { cpuMilli: 1000, gpuMilli: 1000, numGpu: 1, models: [], weight: 0.5 },
  ];
  // A: 2 GPUs [1000, 600], cpuLeft 10000. B: 1 GPU [1000], cpuLeft 10000. N: no GPU.
  const cache = makeCache(
    [gpuNode('A', 12000, 2), gpuNode('B', 10000, 1), gpuNode('N', 10000, 0)],
    [gpuPod('a1', 2000, 1, 400, { node: 'A', index: [1] })],
  );
  const plugin = new FGDScorePlugin({ targetWorkload: target }, makeHandle(cache));
  it('F(A) = 0.5·0 + 0.5·600 = 300; F(B) = 0', () => {
    expect(plugin.rowFragmentation(cache.table, cache.get('A')!.index)).toBe(300);
    expect(plugin.rowFragmentation(cache.table, cache.get('B')!.index)).toBe(0);
  });
  it('a sharing pod (1000 m, 1×400): every GPU tried, the highest kept', () => {
    // A, GPU 0 → [600, 600]: t1 fits (0), t2 cannot (L 1200) → F' 600 → int(100σ(−0.3)) = 42.
    // A, GPU 1 → [1000, 200]: t1 200, t2 200 → F' 200 → int(100σ(0.1)) = 52 ← GPU 1.
    // B → [600]: t1 0, t2 600 → F' 300 → int(100σ(−0.3)) = 42. N: no GPU to try → 0, as the
    // simulator's loop leaves it (GpuShare filters N out anyway).
    const { score, fast } = scoresOf(plugin, cache, gpuPod('p', 1000, 1, 400));
    expect(score).toEqual({ A: 52, B: 42, N: 0 });
    expect(fast).toEqual(score);
    const info = new PodInfo(gpuPod('p', 1000, 1, 400));
    expect(fgdScore(plugin.target, viewOfNode(cache.get('A')!), podGpuShape(info)).gpus).toEqual([1]);
  });
  it('a whole GPU: n′ takes the fitting GPU; the pod gets the lowest-index free GPU', () => {
    // A → [0, 600]: t1 fits, pieces below 500: 0 → 0; t2 cannot → 600 → F' 300 → 50.
    // B → [0]: both cannot, L = 0 → F' 0 → 50.
    const { score, fast } = scoresOf(plugin, cache, gpuPod('w', 1000, 1, 1000));
    expect(score).toEqual({ A: 50, B: 50, N: 50 });
    expect(fast).toEqual(score);
    expect(fgdScore(plugin.target, viewOfNode(cache.get('A')!), podGpuShape(new PodInfo(gpuPod('w', 1000, 1, 1000)))).gpus).toEqual([0]);
  });
  it('a CPU-only pod that leaves too little CPU: A → F′ = 1600 → int(100σ(−1.3)) = 21', () => {
    const { score, fast } = scoresOf(plugin, cache, gpuPod('c', 9500, 0, 0));
    // B: cpuLeft 500 < 1000, both targets fail: F' = L = 1000 → int(100σ(−1)) = 26.
    expect(score).toEqual({ A: 21, B: 26, N: 50 });
    expect(fast).toEqual(score);
  });
  it('sigmoid scores: no change 50, Go truncation', () => {
    expect(fragDeltaScore(300, 300)).toBe(50);
    expect(fragDeltaScore(300, 600)).toBe(42);
    expect(fragDeltaScore(300, 200)).toBe(52);
    expect(fragDeltaScore(0, 5000)).toBe(0);
  });
  it('memoised scores follow node changes', () => {
    const p = gpuPod('p', 1000, 1, 400);
    expect(scoresOf(plugin, cache, p).fast.A).toBe(52);
    cache.addPod(new PodInfo(gpuPod('a2', 1000, 1, 1000, { node: 'A', index: [0] })));
    // A now [0, 600] cpuLeft 9000: F = t1 0 + t2 600·0.5 = 300; after GPU 1 → [0, 200]: t1 L 200, t2 L 200 → 200 → 52.
    const { score, fast } = scoresOf(plugin, cache, p);
    expect(fast).toEqual(score);
    expect(score.A).toBe(52);
  });
});

describe('RandomScore', () => {
  const cache = makeCache([gpuNode('a', 1000, 1), gpuNode('b', 1000, 1), gpuNode('c', 1000, 1)]);
  it('one feasible node drawn at PreScore gets 100, the others 0; uniform over nodes', () => {
    const plugin = new RandomScorePlugin(makeHandle(cache, undefined, 5));
    const pod = new PodInfo(gpuPod('p', 100, 1, 100));
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    const nodes = cache.nodeInfoList();
    const rows = cache.scanRows();
    for (let i = 0; i < 3000; i++) {
      const state = new CycleState();
      plugin.preScore(state, pod, nodes);
      const out = new Float64Array(3);
      plugin.scoreNodes(state, pod, rows, 3, out);
      expect([...out].sort()).toEqual([0, 0, 100]);
      nodes.forEach((n, k) => {
        expect(plugin.score(state, pod, n)).toBe(out[k]);
        if (out[k] === 100) counts[n.name]!++;
      });
    }
    for (const n of ['a', 'b', 'c']) expect(Math.abs(counts[n]! - 1000)).toBeLessThan(100);
  });
});
