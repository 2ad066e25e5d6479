import { describe, expect, it } from 'vitest';
import { CHURN_CYCLE, measure, prepare } from '../../bench/perfRun.js';
import { PERF_WORKLOADS, SMALL_PERF_WORKLOADS, type PerfWorkload } from '../../bench/perfWorkloads.js';
import { defaultNode, defaultPod } from '../../bench/schedulerPerf.js';
import { MICROS_PER_SECOND } from '../../src/engine/time.js';

const sizes = (w: PerfWorkload) => [
  w.name,
  w.nodes.reduce((n, op) => n + op.count, 0),
  w.initPods.reduce((n, op) => n + op.count, 0),
  w.measure.count,
  w.churn === undefined ? '' : `${w.churn.mode}/${w.churn.intervalMs}ms/${w.churn.templates.map((t) => t.kind).join('+')}`,
  w.threshold ?? null,
];

describe('scheduler_perf workloads', () => {
  it("have upstream's names, sizes, churn and CI thresholds (misc/ and topology_spreading/performance-config.yaml)", () => {
    expect(PERF_WORKLOADS.map(sizes)).toEqual([
      ['SchedulingBasic/5000Nodes_10000Pods', 5000, 1000, 10000, '', 680],
      // node-with-name.yaml's scheduler-perf-node, then 15000 node-default.yaml nodes.
      ['SchedulingDaemonset/15000Nodes', 15001, 0, 30000, '', 1100],
      ['TopologySpreading/5000Nodes_5000Pods', 5000, 5000, 5000, '', 460],
      ['PreferredTopologySpreading/5000Nodes_5000Pods', 5000, 5000, 5000, '', 340],
      ['PreemptionBasic/500Nodes', 500, 2000, 500, '', 18],
      ['SchedulingWithMixedChurn/5000Nodes_10000Pods', 5000, 0, 10000, 'recreate/1000ms/Node+Pod+Service', 710],
      ['Unschedulable/5kNodes/100Init/10kPods', 5000, 100, 10000, 'create/200ms/Pod', 590],
    ]);
    expect(SMALL_PERF_WORKLOADS.map(sizes)).toEqual([
      ['SchedulingBasic/500Nodes', 500, 500, 1000, '', null],
      ['SchedulingDaemonset/5Nodes', 6, 0, 10, '', null],
      ['TopologySpreading/500Nodes', 500, 1000, 1000, '', null],
      ['PreferredTopologySpreading/500Nodes', 500, 1000, 1000, '', null],
      ['PreemptionBasic/5Nodes', 5, 20, 5, '', null],
      ['SchedulingWithMixedChurn/10Nodes', 10, 0, 100, 'recreate/1000ms/Node+Pod+Service', null],
      ['Unschedulable/500Nodes/10Init/1kPods', 500, 10, 1000, 'create/200ms/Pod', null],
    ]);
  });

  it('every small workload schedules all its measured pods', () => {
    for (const w of SMALL_PERF_WORKLOADS) {
      const run = prepare(w);
      expect(run.scheduler.stats.scheduled, w.name).toBe(w.initPods.reduce((n, op) => n + op.count, 0));
      expect(measure(run), w.name).toBe(w.measure.count);
    }
  });

  it('SchedulingDaemonset: every pod goes to scheduler-perf-node, the only node its affinity allows', () => {
    const w = SMALL_PERF_WORKLOADS.find((x) => x.name.startsWith('SchedulingDaemonset/'))!;
    const run = prepare(w);
    measure(run);
    const nodes = [...run.host.pods.values()].map((p) => p.spec.nodeName);
    expect(nodes).toEqual(Array(10).fill('scheduler-perf-node'));
  });

  it('PreemptionBasic: each high-priority pod evicts low-priority ones (3 cpu on nodes holding 4 × 900m)', () => {
    const w = SMALL_PERF_WORKLOADS.find((x) => x.name.startsWith('PreemptionBasic/'))!;
    const run = prepare(w);
    measure(run);
    const pods = [...run.host.pods.values()];
    expect(pods.filter((p) => p.metadata.name!.startsWith('high-')).every((p) => p.spec.nodeName !== undefined)).toBe(true);
    // One high pod per node fits after evicting 3 of its 4 low pods: 5 × 3 evicted, 5 left.
    expect(pods.filter((p) => p.metadata.name!.startsWith('low-'))).toHaveLength(5);
    expect(run.scheduler.stats.preemptionAttempts).toBe(5);
  });

  it('Unschedulable: a 9-cpu high-priority pod arrives every 200 ms of the measured phase and stays pending', () => {
    const w = SMALL_PERF_WORKLOADS.find((x) => x.name.startsWith('Unschedulable/'))!;
    const run = prepare(w);
    const start = run.sim.now;
    measure(run);
    // 1,000 pods at one cycle each: about a second of simulated time.
    expect(run.sim.now - start).toBeGreaterThanOrEqual(1000 * CHURN_CYCLE);
    const churned = [...run.host.pods.values()].filter((p) => p.metadata.name!.startsWith('pod-h-'));
    expect(churned.length).toBe(Math.floor((run.sim.now - start) / (MICROS_PER_SECOND / 5)));
    expect(churned.length).toBeGreaterThanOrEqual(5);
    for (const p of churned) {
      expect(p.spec.nodeName).toBeUndefined();
      expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.reason).toBe('Unschedulable');
    }
  });

  it('SchedulingWithMixedChurn: each second the previous node, pod and service are deleted and new ones created', () => {
    const small = SMALL_PERF_WORKLOADS.find((x) => x.name.startsWith('SchedulingWithMixedChurn/'))!;
    // Enough measured pods for three seconds of simulated time, so that the churn recreates twice.
    const w: PerfWorkload = { ...small, name: 'mixed-churn-3s', nodes: [{ count: 100, node: defaultNode }], measure: { count: 3000, pod: defaultPod } };
    const run = prepare(w);
    const start = run.sim.now;
    expect(measure(run)).toBe(3000);
    const ticks = Math.floor((run.sim.now - start) / MICROS_PER_SECOND);
    expect(ticks).toBe(3);
    // The workload's 100 nodes and the last churn node (with room for no pod).
    expect(run.scheduler.cache.numNodes).toBe(101);
    expect(run.scheduler.cache.get('node-churn-00002')).toBeDefined();
    expect(run.scheduler.cache.get('node-churn-00001')).toBeUndefined();
    expect([...run.host.pods.values()].filter((p) => p.metadata.name!.startsWith('pod-h-')).map((p) => p.metadata.name)).toEqual(['pod-h-000002']);
    expect(run.scheduler.cache.objects.list('Service').map((s) => s.metadata.name)).toEqual(['service-churn-00002']);
  });
});
