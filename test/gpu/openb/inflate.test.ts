import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/api/InputError.js';
import { RandomStreams, type RandomStream } from '../../../src/engine/RandomStreams.js';
import { cloneName, inflate, TRACE_STREAM } from '../../../src/gpu/openb/inflate.js';
import { readTrace } from '../../../src/gpu/openb/readTrace.js';
import { gpuCapacityMilli, gpuRequestMilli, type OpenbPod } from '../../../src/gpu/openb/types.js';

function pod(name: string, numGpu: number, gpuMilli: number, cpuMilli = 1000): OpenbPod {
  return { name, cpuMilli, memoryMib: 1024, numGpu, gpuMilli, models: [], gpuSpec: '', qos: '', podPhase: '' };
}

/** A stream whose shuffle keeps the order and whose int() answers from a script. */
function scripted(ints: number[]): RandomStream & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    shuffle: <T>(a: T[]) => a,
    int: (n: number) => {
      asked.push(n);
      const v = ints.shift();
      if (v === undefined) throw new Error('script exhausted');
      return v;
    },
  } as unknown as RandomStream & { asked: number[] };
}

const names = (pods: readonly OpenbPod[]) => pods.map((p) => p.name);

describe('inflate (the paper’s TunePodsByNodeTotalResource)', () => {
  // Sorted by name: a (2×1000), b (1×500), c (CPU-only).
  const trace = [pod('c', 0, 0), pod('a', 2, 1000), pod('b', 1, 500)];

  it('sorts by name before the shuffle, and draws clones from the name-sorted trace', () => {
    // cap 4000 × 1.3 = 5200; total 2500. Draw a (2500+1000 ≤ 5200: +2000 → 4500), then a again (4500+1000 > 5200: stop).
    const r = inflate(trace, 4000, 1.3, scripted([0, 0]));
    expect(names(r.pods)).toEqual(['a', 'b', 'c', cloneName('a', 0)]);
    expect(r.gpuRequestMilli).toBe(4500);
    expect(r.cloned).toBe(1);
    expect(r.pods[3]).toMatchObject({ name: 'a-tuned-0', numGpu: 2, gpuMilli: 1000 });
  });

  it('the quirk: a clone is tested with its per-GPU milli, so a multi-GPU clone can pass the target', () => {
    // total 2500 → b (3000) → b (3500) → b (4000) → a: 4000 + 1000 ≤ 5200, appended: 6000 > 5200. Then a: 7000 > 5200, stop.
    const r = inflate(trace, 4000, 1.3, scripted([1, 1, 1, 0, 0]));
    expect(names(r.pods).slice(3)).toEqual(['b-tuned-0', 'b-tuned-1', 'b-tuned-2', 'a-tuned-3']);
    expect(r.gpuRequestMilli).toBe(6000);
    expect(r.gpuRequestMilli).toBeGreaterThan(1.3 * 4000);
  });

  it('a CPU-only draw never stops the loop (its per-GPU milli is 0)', () => {
    // c, c, c, then b: 2500+500 ≤ 5200 (3000), then a: 3000+1000 ≤ 5200 (5000), then b: 5500 > 5200 stop.
    const r = inflate(trace, 4000, 1.3, scripted([2, 2, 2, 1, 0, 1]));
    expect(names(r.pods).slice(3)).toEqual(['c-tuned-0', 'c-tuned-1', 'c-tuned-2', 'b-tuned-3', 'a-tuned-4']);
    expect(r.gpuRequestMilli).toBe(5000);
  });

  it('trims uniformly random pods while the request is over tune × capacity', () => {
    // cap 1000 × 1.3 = 1300 < 2500: remove index 0 (a: 500 left ≤ 1300, stop).
    const s = scripted([0]);
    const r = inflate(trace, 1000, 1.3, s);
    expect(names(r.pods)).toEqual(['b', 'c']);
    expect(r).toMatchObject({ removed: 1, cloned: 0, gpuRequestMilli: 500 });
    expect(s.asked).toEqual([3]);
    // Removing b first (500 → 2000 > 1300) goes on: then index 0, a.
    const r2 = inflate(trace, 1000, 1.3, scripted([1, 0]));
    expect(names(r2.pods)).toEqual(['c']);
    expect(r2.removed).toBe(2);
  });

  it('tune 0 keeps the shuffled trace; exactly on target adds nothing', () => {
    expect(names(inflate(trace, 4000, 0, scripted([])).pods)).toEqual(['a', 'b', 'c']);
    expect(names(inflate(trace, 2500, 1, scripted([])).pods)).toEqual(['a', 'b', 'c']);
  });

  it('a trace with no GPU pod cannot be inflated: an input error, not an endless loop', () => {
    expect(() => inflate([pod('x', 0, 0)], 4000, 1.3, scripted([]))).toThrow(InputError);
  });

  it('leaves the trace unchanged and is deterministic per seed', () => {
    const big = Array.from({ length: 50 }, (_, i) => pod(`p${String(i).padStart(2, '0')}`, 1 + (i % 2), 1000));
    const copy = structuredClone(big);
    const a = inflate(big, 100_000, 1.3, new RandomStreams(7).stream(TRACE_STREAM));
    const b = inflate(big, 100_000, 1.3, new RandomStreams(7).stream(TRACE_STREAM));
    const c = inflate(big, 100_000, 1.3, new RandomStreams(8).stream(TRACE_STREAM));
    expect(big).toEqual(copy);
    expect(names(a.pods)).toEqual(names(b.pods));
    expect(names(a.pods)).not.toEqual(names(c.pods));
    expect(new Set(names(a.pods)).size).toBe(a.pods.length);
    expect(a.pods.reduce((s, p) => s + gpuRequestMilli(p), 0)).toBe(a.gpuRequestMilli);
  });
});

const DATA = resolve(import.meta.dirname, '../../../../shared/data/openb');
const hasData = existsSync(DATA);
if (!hasData) console.log(`openb data not found at ${DATA}: skipping the trace inflation tests`);

describe.skipIf(!hasData)('inflate on the openb trace', () => {
  const load = (list: string) => readTrace({ dir: DATA, nodeList: 'openb_node_list_gpu_node.csv', podList: `openb_pod_list_${list}.csv` });

  it('default, seed 42: clones to 10,830 pods (8,152 + 2,678), just under 1.3 × 6,212 GPUs', () => {
    const t = load('default');
    const cap = gpuCapacityMilli(t.nodes);
    expect(cap).toBe(6_212_000);
    const r = inflate(t.pods, cap, 1.3, new RandomStreams(42).stream(TRACE_STREAM));
    // Σ request of the trace is 6,086,800; the clones bring it to 8,075,450 (the target is 8,075,600).
    expect(r).toMatchObject({ removed: 0, cloned: 2678, gpuRequestMilli: 8_075_450 });
    expect(r.pods).toHaveLength(10_830);
    expect(r.pods.slice(0, 8152).map((p) => p.name).sort()).toEqual(t.pods.map((p) => p.name).sort());
  });

  it('multigpu50, seed 42: trims 2,567 of 9,061 pods to get under the target', () => {
    const t = load('multigpu50');
    const r = inflate(t.pods, gpuCapacityMilli(t.nodes), 1.3, new RandomStreams(42).stream(TRACE_STREAM));
    expect(r).toMatchObject({ removed: 2567, cloned: 0, gpuRequestMilli: 8_073_250 });
    expect(r.pods).toHaveLength(6494);
  });
});
