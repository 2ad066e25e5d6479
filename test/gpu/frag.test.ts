/**
 * The FGD paper's fragmentation (reference §2): f(n, m), F(n), the compiled
 * form, and the target workload ("typical pods"), by hand and on the default
 * openb trace.
 */
import { describe, expect, it } from 'vitest';
import { CompiledTarget, nodeFragmentation, shapeFragmentation, typicalPods, type TargetShape } from '../../src/gpu/frag.js';
import type { GpuPodShape } from '../../src/gpu/types.js';
import { OPENB_PRESENT, tracePods } from './openbFixture.js';

const shape = (cpuMilli: number, gpuMilli: number, numGpu: number, models: string[] = []): GpuPodShape => ({ cpuMilli, gpuMilli, numGpu, models });

describe('shapeFragmentation f(n, m)', () => {
  // A V100M16 node with 4 GPUs left [1000, 500, 200, 0] (L = 1700) and 10 vCPU left.
  const left = [1000, 500, 200, 0];
  const f = (m: GpuPodShape, cpu = 10000, model = 'V100M16'): number => shapeFragmentation(cpu, model, left, 4, m);
  it('a CPU-only task: every idle GPU is a fragment (L)', () => expect(f(shape(1000, 0, 0))).toBe(1700));
  it('a task barred from the model: L', () => expect(f(shape(1000, 300, 1, ['T4']))).toBe(1700));
  it('a task allowed on the model is judged by fit', () => expect(f(shape(1000, 300, 1, ['T4', 'V100M16']))).toBe(200));
  // milli 300: GPUs with left ≥ 300 are 1000 and 500 (2 ≥ k=1); those below: 200 + 0 = 200.
  it('a sharing task that fits: only the pieces below its milli', () => expect(f(shape(1000, 300, 1))).toBe(200));
  // milli 600: only GPU 0 fits; below: 500 + 200 + 0 = 700.
  it('a bigger sharing task: 700', () => expect(f(shape(1000, 600, 1))).toBe(700));
  // 2 whole GPUs: one fully free GPU only → does not fit → L.
  it('two whole GPUs on a node with one free GPU: L', () => expect(f(shape(1000, 1000, 2))).toBe(1700));
  it('one whole GPU fits: the partial GPUs are fragments', () => expect(f(shape(1000, 1000, 1))).toBe(700));
  it('too little CPU: L', () => expect(f(shape(20000, 300, 1))).toBe(1700));
  it('a node without GPUs: 0', () => expect(shapeFragmentation(5000, '', [], 0, shape(0, 0, 0))).toBe(0));
});

describe('nodeFragmentation F(n)', () => {
  const target: TargetShape[] = [
    { ...shape(1000, 0, 0), weight: 0.25 },
    { ...shape(1000, 300, 1), weight: 0.5 },
    { ...shape(1000, 1000, 1), weight: 0.25 },
  ];
  it('Σ p_m f(n, m): 0.25·1700 + 0.5·200 + 0.25·700 = 700', () => {
    expect(nodeFragmentation(10000, 'V100M16', [1000, 500, 200, 0], 4, target)).toBe(700);
  });
  it('an empty 2-GPU node: only the CPU-only share counts (0.25·2000 = 500)', () => {
    expect(nodeFragmentation(10000, 'T4', [1000, 1000], 2, target)).toBe(500);
  });
  it('CompiledTarget gives the same numbers, at an offset into a column', () => {
    const c = new CompiledTarget(target);
    const col = new Uint16Array([9, 9, 9, 9, 9, 9, 9, 9, 1000, 500, 200, 0, 0, 0, 0, 0]);
    expect(c.fragmentation(10000, c.accessFor('V100M16'), col, 8, 4)).toBe(700);
    for (const [cpu, l] of [
      [0, [1000, 1000, 1000]],
      [500, [10, 990, 300, 700, 1000, 0, 50, 1000]],
      [3000, [0, 0]],
    ] as const) {
      expect(c.fragmentation(cpu, c.accessFor('A10'), l, 0, l.length)).toBeCloseTo(nodeFragmentation(cpu, 'A10', l, l.length, target), 9);
    }
  });
});

describe('typicalPods', () => {
  it('groups by (cpu, milli, k, models), most frequent first, until ≥ 95 %, renormalised', () => {
    const pods = [
      ...Array.from({ length: 60 }, () => shape(1000, 500, 1)),
      ...Array.from({ length: 30 }, () => shape(2000, 0, 0)),
      ...Array.from({ length: 6 }, () => shape(1000, 1000, 2)),
      ...Array.from({ length: 4 }, () => shape(1000, 500, 1, ['T4'])),
    ];
    // 60 → 60 %, 90 → 90 %, 96 → 96 % ≥ 95 %: three groups, weights over 96 pods.
    const t = typicalPods(pods);
    expect(t.map((s) => [s.cpuMilli, s.gpuMilli, s.numGpu, s.models.join('|')])).toEqual([
      [1000, 500, 1, ''],
      [2000, 0, 0, ''],
      [1000, 1000, 2, ''],
    ]);
    expect(t.map((s) => s.weight)).toEqual([60 / 96, 30 / 96, 6 / 96]);
  });
  it('ties keep first appearance (stable)', () => {
    const t = typicalPods([shape(1, 0, 0), shape(2, 0, 0), shape(2, 0, 0), shape(1, 0, 0)], 1);
    expect(t.map((s) => s.cpuMilli)).toEqual([1, 2]);
  });
});

describe.skipIf(!OPENB_PRESENT)('typicalPods on the default openb trace', () => {
  it('35 of 91 shapes; the top one is (3.152 vCPU, 0.81 GPU) at 13.5 %', () => {
    const pods = tracePods();
    const all = typicalPods(pods, 1.01);
    expect(all.length).toBe(91);
    const t = typicalPods(pods);
    expect(t.length).toBe(35);
    expect(t[0]).toMatchObject({ cpuMilli: 3152, gpuMilli: 810, numGpu: 1, models: [] });
    // p_m = 13.5 % after renormalising over the 95 % taken (12.8 % of all pods).
    expect(Math.round(1000 * t[0]!.weight) / 10).toBe(13.5);
    const top = pods.filter((p) => p.cpuMilli === 3152 && p.gpuMilli === 810 && p.numGpu === 1 && p.models.length === 0).length;
    expect(Math.round((1000 * top) / pods.length) / 10).toBe(12.8);
    expect(t.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 12);
  });
});
