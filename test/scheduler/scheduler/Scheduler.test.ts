/**
 * The scheduler as an actor on the virtual clock, end to end with the default
 * profile: scheduler_perf's small workloads (SchedulingBasic 5Nodes,
 * PreemptionBasic 5Nodes, TopologySpreading 5Nodes) and the invariants every
 * run must keep.
 */
import { describe, expect, it } from 'vitest';
import { defaultNode, defaultPod, highPriorityPod, lowPriorityPod, spreadingPod } from '../../../bench/schedulerPerf.js';
import type { Pod } from '../../../src/api/types.js';
import { Simulation } from '../../../src/engine/Simulation.js';
import { MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { createScheduler } from '../../../src/scheduler/createScheduler.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';
import { StandaloneHost } from '../../../src/scheduler/StandaloneHost.js';

function cluster(nodes: number, zones: string[] = [], seed = 1): { sim: Simulation; host: StandaloneHost; scheduler: ReturnType<typeof createScheduler> } {
  const sim = new Simulation({ seed });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, loadBuiltinPolicy('default'));
  host.attach(scheduler);
  for (let i = 0; i < nodes; i++) scheduler.addNode(defaultNode(i, zones));
  return { sim, host, scheduler };
}

/** No node over its allocatable cpu, memory or pods; every bound pod on a node that exists. */
function checkInvariants(host: StandaloneHost, nodes: number): void {
  const used = new Map<string, { cpu: number; mem: number; pods: number }>();
  for (const p of host.pods.values()) {
    const node = p.spec.nodeName;
    if (node === undefined) continue;
    const u = used.get(node) ?? { cpu: 0, mem: 0, pods: 0 };
    const req = p.spec.containers[0]!.resources!.requests!;
    u.cpu += parseInt(String(req['cpu']), 10) * (String(req['cpu']).endsWith('m') ? 1 : 1000);
    u.mem += 500; // every template requests 500Mi
    u.pods++;
    used.set(node, u);
  }
  for (const [node, u] of used) {
    expect(node).toMatch(/^scheduler-perf-\d{5}$/);
    expect(Number(node.slice(-5))).toBeLessThan(nodes);
    expect(u.cpu, `cpu on ${node}`).toBeLessThanOrEqual(4000);
    expect(u.mem, `memory on ${node}`).toBeLessThanOrEqual(32 * 1024);
    expect(u.pods, `pods on ${node}`).toBeLessThanOrEqual(110);
  }
}

describe('Scheduler', () => {
  it('SchedulingBasic/5Nodes: schedules every pod, spreading by LeastAllocated', () => {
    const { sim, host, scheduler } = cluster(5);
    for (let i = 0; i < 15; i++) host.create(defaultPod(i));
    sim.run();
    const placed = [...host.pods.values()].map((p) => p.spec.nodeName);
    expect(placed.every((n) => n !== undefined)).toBe(true);
    // Equal nodes and equal pods: LeastAllocated + BalancedAllocation spread them 3 per node.
    const perNode = new Map<string, number>();
    for (const n of placed) perNode.set(n!, (perNode.get(n!) ?? 0) + 1);
    expect([...perNode.values()].sort()).toEqual([3, 3, 3, 3, 3]);
    expect(scheduler.stats).toMatchObject({ attempts: 15, scheduled: 15, unschedulable: 0 });
    checkInvariants(host, 5);
  });

  it('PreemptionBasic/5Nodes: high-priority pods preempt low-priority ones after backoff', () => {
    const { sim, host, scheduler } = cluster(5);
    for (let i = 0; i < 20; i++) host.create(lowPriorityPod(i));
    sim.run();
    expect([...host.pods.values()].every((p) => p.spec.nodeName !== undefined)).toBe(true); // 4 × 900m per 4-cpu node
    for (let i = 0; i < 5; i++) host.create(highPriorityPod(i));
    sim.run();
    const high = [...host.pods.values()].filter((p) => (p.spec.priority ?? 0) === 10);
    expect(high).toHaveLength(5);
    expect(high.every((p) => p.spec.nodeName !== undefined)).toBe(true);
    // Each 3-cpu preemptor on a node full of 900m pods evicts 3 of its 4 low-priority pods.
    const low = [...host.pods.values()].filter((p) => (p.spec.priority ?? 0) === 0);
    expect(low).toHaveLength(5);
    expect(scheduler.stats.preemptionAttempts).toBe(5);
    // The preemptors were retried after their backoff on the virtual clock.
    expect(sim.now).toBeGreaterThanOrEqual(MICROS_PER_SECOND);
    checkInvariants(host, 5);
  });

  it('TopologySpreading/5Nodes: DoNotSchedule zone spreading keeps the skew within maxSkew', () => {
    const zones = ['moon-1', 'moon-2', 'moon-3'];
    const { sim, host } = cluster(5, zones);
    for (let i = 0; i < 10; i++) host.create(defaultPod(i));
    for (let i = 0; i < 30; i++) host.create(spreadingPod(i));
    sim.run();
    const zoneOf = (p: Pod): string => zones[Number(p.spec.nodeName!.slice(-5)) % 3]!;
    const counts = new Map<string, number>();
    for (const p of host.pods.values()) if (p.metadata.labels?.['color'] === 'blue') counts.set(zoneOf(p), (counts.get(zoneOf(p)) ?? 0) + 1);
    const values = zones.map((z) => counts.get(z) ?? 0);
    expect(values.reduce((a, b) => a + b, 0)).toBe(30);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(5);
    checkInvariants(host, 5);
  });

  it('is deterministic: the same seed places every pod on the same node', () => {
    const placements = (seed: number): string[] => {
      const { sim, host } = cluster(20, [], seed);
      for (let i = 0; i < 100; i++) host.create(defaultPod(i));
      sim.run();
      return [...host.pods.values()].map((p) => `${p.metadata.name}@${p.spec.nodeName}`);
    };
    expect(placements(7)).toEqual(placements(7));
    expect(placements(7)).not.toEqual(placements(8));
  });

  it('keeps an unschedulable pod pending and says why', () => {
    const { sim, host, scheduler } = cluster(2);
    const huge: Pod = { ...defaultPod(0), spec: { ...defaultPod(0).spec, containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '64' } } }] } };
    host.create(huge);
    sim.run({ until: 60 * MICROS_PER_SECOND });
    const pod = host.pods.get(huge.metadata.uid!)!;
    expect(pod.spec.nodeName).toBeUndefined();
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond?.message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);
    expect(scheduler.queue.counts().unschedulable).toBe(1);
  });
});
