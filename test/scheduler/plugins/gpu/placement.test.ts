/**
 * GPU policies end to end: the scheduler with StandaloneHost and with
 * ClusterSchedulerHost (bindings through the API server) places GPU pods, the
 * GPUs chosen at Reserve land in the bound pods' `gpu.kubesim.io/gpu-index`
 * annotations, and a cache rebuilt from the pod objects agrees.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/api/types.js';
import { installAdmission } from '../../../../src/cluster/admission.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { Simulation } from '../../../../src/engine/Simulation.js';
import { gpuIndexOf } from '../../../../src/gpu/podGpu.js';
import { SchedulerCache } from '../../../../src/scheduler/cache/Cache.js';
import { ClusterSchedulerHost } from '../../../../src/scheduler/ClusterSchedulerHost.js';
import { createScheduler } from '../../../../src/scheduler/createScheduler.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { loadBuiltinPolicy } from '../../../../src/scheduler/policies/resolvePolicy.js';
import { withTargetWorkload } from '../../../../src/scheduler/policies/targetWorkload.js';
import { StandaloneHost } from '../../../../src/scheduler/StandaloneHost.js';
import { gpuNode, gpuPod } from './gpuFixtures.js';

const TARGET = [
  { cpuMilli: 1000, gpuMilli: 500, numGpu: 1, models: [], weight: 0.5 },
  { cpuMilli: 1000, gpuMilli: 1000, numGpu: 1, models: [], weight: 0.5 },
];

function standalone(policy: string, nodes: Node[], seed = 1) {
  const sim = new Simulation({ seed });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, withTargetWorkload(loadBuiltinPolicy(policy), TARGET));
  host.attach(scheduler);
  for (const n of nodes) scheduler.addNode(n);
  return { sim, host, scheduler };
}

/** Per-node GPU left rebuilt from pod objects alone. */
function rebuilt(nodes: Node[], pods: Iterable<Pod>): Record<string, number[]> {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) if ((p.spec.nodeName ?? '') !== '') cache.addPod(new PodInfo(p));
  return Object.fromEntries(nodes.map((n) => [n.metadata.name!, cache.get(n.metadata.name!)!.gpuLeftList()]));
}

describe('GPU placement with StandaloneHost', () => {
  it('fgd: the sharing pod goes to the node and GPU FGD picks, written into gpu-index', () => {
    // A: [1000, 600] (a 400 pod on GPU 1), B: one free GPU. The scores test gives A 52 (GPU 1), B 42.
    const nodes = [gpuNode('A', 12000, 2), gpuNode('B', 10000, 1)];
    const { sim, host, scheduler } = standalone('fgd', nodes);
    host.create(gpuPod('a1', 2000, 1, 400, { node: 'A', index: [1] }));
    host.create(gpuPod('p', 1000, 1, 400));
    sim.run();
    const p = [...host.pods.values()].find((x) => x.metadata.name === 'p')!;
    expect(p.spec.nodeName).toBe('A');
    // Best-fit would take GPU 1 as well (600 < 1000); FGD's pick is GPU 1: [1000, 200].
    expect(gpuIndexOf(p)).toEqual([1]);
    expect(scheduler.cache.get('A')!.gpuLeftList()).toEqual([1000, 200]);
    expect(rebuilt(nodes, host.pods.values())).toEqual({ A: [1000, 200], B: [1000] });
  });

  it('fgd picks a GPU other than best-fit when that fragments less', () => {
    // One node, GPUs [1000, 600]; pod 1×100; target t = (0 m, 1×600), p = 1. F = 0 (both GPUs ≥ 600).
    // GPU 0 → [900, 600]: both still ≥ 600 → F' 0 → 50. GPU 1 → [1000, 500]: 500 < 600 → F' 500 →
    // int(100σ(−0.5)) = 37. FGD takes GPU 0, where best-fit would take GPU 1 (600 < 1000).
    const nodes = [gpuNode('A', 12000, 2)];
    const sim = new Simulation({ seed: 1 });
    const host = new StandaloneHost();
    const target = [{ cpuMilli: 0, gpuMilli: 600, numGpu: 1, models: [], weight: 1 }];
    const scheduler = createScheduler(sim, host, withTargetWorkload(loadBuiltinPolicy('fgd'), target));
    host.attach(scheduler);
    for (const n of nodes) scheduler.addNode(n);
    host.create(gpuPod('a1', 2000, 1, 400, { node: 'A', index: [1] }));
    host.create(gpuPod('p', 1000, 1, 100));
    sim.run();
    const p = [...host.pods.values()].find((x) => x.metadata.name === 'p')!;
    expect(gpuIndexOf(p)).toEqual([0]);
    expect(scheduler.cache.get('A')!.gpuLeftList()).toEqual([900, 600]);
    expect(rebuilt(nodes, host.pods.values())).toEqual({ A: [900, 600] });
  });

  for (const policy of ['dot-product', 'gpu-clustering', 'gpu-packing', 'best-fit', 'random']) {
    it(`${policy}: every GPU pod bound with its GPUs, no GPU over-committed, rebuilt cache agrees`, () => {
      const nodes = [gpuNode('a', 32000, 4), gpuNode('b', 32000, 2, 'T4'), gpuNode('c', 32000, 0)];
      const { sim, host, scheduler } = standalone(policy, nodes, 7);
      const shapes: [number, number, number][] = [
        [1000, 1, 300], [2000, 1, 700], [1000, 2, 1000], [500, 0, 0], [1000, 1, 500], [1000, 1, 1000], [3000, 1, 200], [1000, 1, 800],
      ];
      shapes.forEach(([cpu, k, milli], i) => host.create(gpuPod(`p${i}`, cpu, k, milli)));
      sim.run({ until: 1_000_000 });
      const placed = [...host.pods.values()].filter((p) => (p.spec.nodeName ?? '') !== '');
      // Random GPU picks may fragment the 6 GPUs so that a late whole-GPU pod no longer fits.
      expect(placed.length).toBeGreaterThanOrEqual(policy === 'random' ? shapes.length - 2 : shapes.length);
      for (const p of placed) {
        const k = Number(p.metadata.annotations?.['gpu.kubesim.io/count'] ?? 0);
        if (k === 0) expect(gpuIndexOf(p)).toBeNull();
        else expect(gpuIndexOf(p)!.length).toBe(k);
      }
      const fromPods = rebuilt(nodes, host.pods.values());
      for (const n of nodes) expect(scheduler.cache.get(n.metadata.name!)!.gpuLeftList()).toEqual(fromPods[n.metadata.name!]);
      for (const left of Object.values(fromPods)) for (const l of left) expect(l).toBeGreaterThanOrEqual(0);
      // Idle = 6000 − the placed pods' k·milli (all of them: 300+700+2000+500+1000+200+800 = 5500).
      const asked = placed.reduce((s, p) => s + Number(p.metadata.annotations?.['gpu.kubesim.io/count'] ?? 0) * Number(p.metadata.annotations?.['gpu.kubesim.io/milli'] ?? 0), 0);
      if (placed.length === shapes.length) expect(asked).toBe(5500);
      const idle = Object.values(fromPods).flat().reduce((s, l) => s + l, 0);
      expect(idle).toBe(6000 - asked);
    });
  }

  it('random keeps its draws for CPU-only pods (EqualScore + random tie-break)', () => {
    const nodes = [gpuNode('a', 32000, 4), gpuNode('b', 32000, 2), gpuNode('c', 32000, 0)];
    const { sim, host } = standalone('random', nodes, 11);
    for (let i = 0; i < 30; i++) host.create(gpuPod(`c${i}`, 100, 0, 0));
    sim.run({ until: 1_000_000 });
    const counts = new Map<string, number>();
    for (const p of host.pods.values()) counts.set(p.spec.nodeName!, (counts.get(p.spec.nodeName!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('GPU placement in a simulated cluster (ClusterSchedulerHost)', () => {
  it('binds with the gpu-index annotation in the same write', () => {
    const cluster = new Cluster({ seed: 3, profile: CONTROL_PLANE_PROFILES.realistic });
    installAdmission(cluster);
    const host = new ClusterSchedulerHost(cluster);
    const scheduler = createScheduler(cluster.sim, host, withTargetWorkload(loadBuiltinPolicy('fgd'), TARGET));
    host.attach(scheduler);
    cluster.add(host);
    const n = gpuNode('A', 12000, 2);
    n.status!.conditions = [{ type: 'Ready', status: 'True' }];
    cluster.store.create(n);
    cluster.start();
    const writes: string[] = [];
    cluster.store.watch<Pod>('Pod', (e) => writes.push(`${e.type} ${e.object.spec.nodeName ?? '-'} ${e.object.metadata.annotations?.['gpu.kubesim.io/gpu-index'] ?? '-'}`));
    const a = gpuPod('a', 1000, 1, 400);
    delete a.metadata.uid;
    cluster.client('kubectl').create(a);
    cluster.sim.run({ until: 10_000_000 });
    const bound = cluster.store.get<Pod>('Pod', 'default', 'a')!;
    expect(bound.spec.nodeName).toBe('A');
    expect(gpuIndexOf(bound)).toEqual([0]);
    expect(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    // ADDED (pending), then one MODIFIED carrying both the node and the GPU index.
    expect(writes).toEqual(['ADDED - -', 'MODIFIED A 0']);
    expect(cluster.apiServer.calls.bind).toBe(1);
    expect(scheduler.cache.get('A')!.gpuLeftList()).toEqual([600, 1000]);
    expect(scheduler.cache.isAssumed(bound.metadata.uid!)).toBe(false);
  });
});

describe('withoutPreemption', () => {
  it('random without PostFilter places exactly as with it when every pod has one priority', async () => {
    const { withoutPreemption } = await import('../../../../src/scheduler/policies/withoutPreemption.js');
    const nodes = [gpuNode('a', 4000, 2), gpuNode('b', 4000, 1)];
    const placements = (loaded: ReturnType<typeof loadBuiltinPolicy>): string[] => {
      const sim = new Simulation({ seed: 5 });
      const host = new StandaloneHost();
      const scheduler = createScheduler(sim, host, loaded);
      host.attach(scheduler);
      for (const n of nodes) scheduler.addNode(n);
      const out: string[] = [];
      for (let i = 0; i < 12; i++) {
        const pod = gpuPod(`p${i}`, 700, 1, 300 + 100 * (i % 5));
        host.create(pod);
        sim.run({ until: sim.now });
        const now = host.pods.get(pod.metadata.uid!)!;
        out.push(`${now.spec.nodeName ?? '-'}:${now.metadata.annotations?.['gpu.kubesim.io/gpu-index'] ?? '-'}`);
        if ((now.spec.nodeName ?? '') === '') {
          host.pods.delete(pod.metadata.uid!);
          scheduler.deletePod(now);
        }
      }
      const fw = scheduler.framework('default-scheduler')!;
      out.push(`postFilter=${fw.plugins.postFilter.length}`);
      return out;
    };
    const withIt = placements(loadBuiltinPolicy('random'));
    const without = placements(withoutPreemption(loadBuiltinPolicy('random')));
    expect(withIt.at(-1)).not.toBe('postFilter=0');
    expect(without.at(-1)).toBe('postFilter=0');
    expect(without.slice(0, -1)).toEqual(withIt.slice(0, -1));
    expect(withIt.filter((p) => p.startsWith('-')).length).toBeGreaterThan(0);
  });
});
