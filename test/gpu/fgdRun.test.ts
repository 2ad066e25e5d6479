/**
 * A whole default-trace placement under each GPU policy with StandaloneHost:
 * the trace shuffled and inflated with clones to 1.3× the GPU capacity (a
 * simple version of the paper's method; g2's runner is the real one), placed
 * one pod at a time, a pod that does not fit dropped. Checks GPU accounting
 * against the pods' annotations and prints the time per pod (the FGD run
 * must stay well under 300 µs per pod for the 5 s per run).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/RandomStreams.js';
import { Simulation } from '../../src/engine/Simulation.js';
import { typicalPods } from '../../src/gpu/frag.js';
import { gpuAskOf, gpuIndexOf } from '../../src/gpu/podGpu.js';
import { createScheduler } from '../../src/scheduler/createScheduler.js';
import { loadBuiltinPolicy } from '../../src/scheduler/policies/resolvePolicy.js';
import { withTargetWorkload } from '../../src/scheduler/policies/targetWorkload.js';
import { StandaloneHost } from '../../src/scheduler/StandaloneHost.js';
import { OPENB_PRESENT, podObject, traceNodes, tracePods, type TracePod } from './openbFixture.js';

function workload(seed: number): TracePod[] {
  const trace = tracePods();
  const rng = new RandomStreams(seed).stream('workload');
  const pods = [...trace];
  for (let i = pods.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pods[i], pods[j]] = [pods[j]!, pods[i]!];
  }
  const cap = 6212 * 1000 * 1.3;
  let total = pods.reduce((s, p) => s + p.numGpu * p.gpuMilli, 0);
  for (;;) {
    const c = trace[rng.int(trace.length)]!;
    if (total + c.gpuMilli > cap) break;
    pods.push(c);
    total += c.numGpu * c.gpuMilli;
  }
  return pods;
}

function run(policy: string): { ms: number; pods: number; placed: number; host: StandaloneHost; scheduler: ReturnType<typeof createScheduler> } {
  const pods = workload(42);
  const target = typicalPods(tracePods());
  const sim = new Simulation({ seed: 42 });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, withTargetWorkload(loadBuiltinPolicy(policy), target));
  host.attach(scheduler);
  for (const n of traceNodes()) scheduler.addNode(n);
  const start = performance.now();
  let placed = 0;
  pods.forEach((p, i) => {
    const pod = podObject(p, `-${i}`);
    host.create(pod);
    sim.run({ until: sim.now });
    const now = host.pods.get(pod.metadata.uid!)!;
    if ((now.spec.nodeName ?? '') !== '') placed++;
    else {
      // The paper's method drops a pod that does not fit.
      host.pods.delete(pod.metadata.uid!);
      scheduler.deletePod(now);
    }
  });
  const ms = performance.now() - start;
  return { ms, pods: pods.length, placed, host, scheduler };
}

describe.skipIf(!OPENB_PRESENT)('default trace placement (openb)', () => {
  for (const policy of ['fgd', 'best-fit']) {
    it(`${policy}: every GPU pod's annotation matches the cache, no GPU over-committed`, { timeout: 120_000 }, () => {
      const { ms, pods, placed, host, scheduler } = run(policy);
      console.log(`${policy}: ${pods} pods, ${placed} placed, ${ms.toFixed(0)} ms, ${((ms * 1000) / pods).toFixed(0)} µs/pod`);
      expect(pods).toBeGreaterThan(10000);
      expect(placed).toBeGreaterThan(8000);
      const used = new Map<string, number[]>();
      for (const p of host.pods.values()) {
        const node = p.spec.nodeName;
        const ask = gpuAskOf(p);
        if (node === undefined || ask === null) continue;
        const idx = gpuIndexOf(p);
        expect(idx, p.metadata.name).not.toBeNull();
        expect(idx!.length).toBe(ask.numGpu);
        expect(scheduler.cache.gpuPlacementOf(p.metadata.uid!)).toEqual(idx);
        const u = used.get(node) ?? new Array<number>(8).fill(0);
        for (const g of idx!) u[g]! += ask.gpuMilli;
        used.set(node, u);
      }
      for (const [node, u] of used) {
        const info = scheduler.cache.get(node)!;
        for (let g = 0; g < 8; g++) {
          expect(u[g]!).toBeLessThanOrEqual(1000);
          expect(info.gpuLeft(g)).toBe(g < info.gpuCount ? 1000 - u[g]! : 0);
        }
      }
    });
  }
});
