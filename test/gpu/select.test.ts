/** GPU selection on one node (reference §2: best-fit, lowest index, random) and the pod annotations. */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/RandomStreams.js';
import { formatGpuIndex, gpuAskOf, gpuIndexOf, modelAllowed } from '../../src/gpu/podGpu.js';
import { bestFitGpu, defaultGpuPick, gpuFits, isSharing, lowestIndexGpus, randomGpu } from '../../src/gpu/select.js';
import { makePod } from '../scheduler/fixtures.js';

describe('GPU selection', () => {
  const left = [1000, 300, 600, 300, 1000];
  it('best-fit: the smallest left ≥ milli, lowest index on ties', () => {
    expect(bestFitGpu(left, 0, 5, 250)).toBe(1); // 300 at GPUs 1 and 3 → 1
    expect(bestFitGpu(left, 0, 5, 400)).toBe(2); // 600
    expect(bestFitGpu(left, 0, 5, 700)).toBe(0); // 1000 at 0 and 4 → 0
    expect(bestFitGpu(left, 0, 5, 1001)).toBe(-1);
  });
  it('whole GPUs: the lowest-index fully free ones', () => {
    expect(lowestIndexGpus(left, 0, 5, 2, 1000)).toEqual([0, 4]);
    expect(lowestIndexGpus(left, 0, 5, 3, 1000)).toBeNull();
    expect(defaultGpuPick(left, 0, 5, 1, 1000)).toEqual([0]);
    expect(defaultGpuPick(left, 0, 5, 1, 300)).toEqual([1]);
    expect(defaultGpuPick(left, 0, 5, 0, 0)).toEqual([]);
  });
  it('reads a row of a column at an offset', () => {
    const col = new Uint16Array([0, 0, 0, 0, 0, 0, 0, 0, 200, 800, 500]);
    expect(bestFitGpu(col, 8, 3, 450)).toBe(2);
    expect(gpuFits(col, 8, 3, 2, 450)).toBe(true);
    expect(gpuFits(col, 8, 3, 3, 450)).toBe(false);
  });
  it('random: uniform among the GPUs with room, from the stream', () => {
    const r = new RandomStreams(7).stream('gpu');
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[randomGpu(left, 0, 5, 500, r)]!++;
    // GPUs 0, 2, 4 have ≥ 500 left: about 2000 each, never 1 or 3.
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    for (const g of [0, 2, 4]) expect(Math.abs(counts[g]! - 2000)).toBeLessThan(200);
    expect(randomGpu(left, 0, 5, 1001, r)).toBe(-1);
  });
  it('isSharing: one GPU below 1000', () => {
    expect(isSharing(1, 999)).toBe(true);
    expect(isSharing(1, 1000)).toBe(false);
    expect(isSharing(2, 500)).toBe(false);
  });
});

describe('pod GPU annotations', () => {
  const annotated = (a: Record<string, string>) => {
    const p = makePod('p');
    p.metadata.annotations = a;
    return p;
  };
  it('count, milli and models', () => {
    expect(gpuAskOf(annotated({ 'gpu.kubesim.io/count': '2', 'gpu.kubesim.io/milli': '1000', 'gpu.kubesim.io/models': 'V100M16|V100M32' }))).toEqual({
      numGpu: 2,
      gpuMilli: 1000,
      models: ['V100M16', 'V100M32'],
    });
    expect(gpuAskOf(annotated({ 'gpu.kubesim.io/milli': '250' }))).toEqual({ numGpu: 1, gpuMilli: 250, models: [] });
    expect(gpuAskOf(annotated({ 'gpu.kubesim.io/count': '0', 'gpu.kubesim.io/milli': '250' }))).toBeNull();
    expect(gpuAskOf(makePod('cpu', { requests: { cpu: '1' } }))).toBeNull();
  });
  it('the extended resource nvidia.com/gpu: k counts as k whole GPUs', () => {
    expect(gpuAskOf(makePod('w', { requests: { 'nvidia.com/gpu': '2' } }))).toEqual({ numGpu: 2, gpuMilli: 1000, models: [] });
  });
  it('reads a newer copy of the pod afresh when its annotations or spec are new, and only then', () => {
    const pod = annotated({ 'gpu.kubesim.io/milli': '250' });
    const ask = gpuAskOf(pod);
    // A status update shares the spec and annotations: the same answer.
    expect(gpuAskOf({ ...pod, status: { phase: 'Running' } })).toBe(ask);
    const reannotated = { ...pod, metadata: { ...pod.metadata, annotations: { 'gpu.kubesim.io/milli': '500' } } };
    expect(gpuAskOf(reannotated)).toEqual({ numGpu: 1, gpuMilli: 500, models: [] });
    const plain = makePod('p', { requests: { cpu: '1' } });
    expect(gpuAskOf(plain)).toBeNull();
    const respecced = { ...plain, spec: { ...plain.spec, containers: [{ name: 'c', resources: { requests: { 'nvidia.com/gpu': '1' } } }] } };
    expect(gpuAskOf(respecced)).toEqual({ numGpu: 1, gpuMilli: 1000, models: [] });
  });
  it('gpu-index', () => {
    expect(gpuIndexOf(annotated({ 'gpu.kubesim.io/gpu-index': '0,3' }))).toEqual([0, 3]);
    expect(gpuIndexOf(annotated({ 'gpu.kubesim.io/gpu-index': '9' }))).toBeNull();
    expect(gpuIndexOf(annotated({}))).toBeNull();
    expect(formatGpuIndex([1, 2])).toBe('1,2');
  });
  it('models', () => {
    expect(modelAllowed([], 'T4')).toBe(true);
    expect(modelAllowed(['T4'], 'A10')).toBe(false);
  });
});
