import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { RunCollector } from '../../../src/metrics/collector/RunCollector.js';
import type { PodRow } from '../../../src/metrics/types.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';
import { ClusterRun } from '../../../src/workloads/ClusterRun.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';
import { collect, DISRUPT, SMALL } from './fixtures.js';

const byName = (rows: PodRow[], name: string): PodRow | undefined => rows.find((r) => r.name === name || r.name.startsWith(`${name}-`));

describe('RunCollector on a small ideal cluster', () => {
  const { run, rows } = collect(SMALL);
  const { summary, pods, timeseries } = rows;

  it('lists every pod in creation order with its times, owner, node, requests and final phase', () => {
    expect(pods.map((p) => (p.owner_kind === 'ReplicaSet' ? 'web' : p.name.replace(/-[a-z0-9]{5}$/, '')))).toEqual(['web', 'web', 'batch', 'waiter', 'late', 'huge']);
    const [web1, web2] = pods;
    for (const w of [web1!, web2!]) {
      expect(w).toMatchObject({ owner_kind: 'ReplicaSet', created_s: 0, scheduled_s: 0, started_s: 2, ready_s: 6, finished_s: '', deleted_s: '', pending_s: 0, startup_s: 2 });
      expect(w).toMatchObject({ attempts: 1, final_phase: 'Running', cpu_request_m: 1000, memory_request_bytes: 1024 ** 3, gpu_request: 0 });
    }
    expect(new Set([web1!.node, web2!.node])).toEqual(new Set(['pool-1', 'pool-2']));
    const batch = byName(pods, 'batch')!;
    expect(batch).toMatchObject({ owner_kind: 'Job', owner_name: 'batch', created_s: 60, scheduled_s: 60, started_s: 63, finished_s: 363, pending_s: 0, startup_s: 3 });
    expect(batch).toMatchObject({ final_phase: 'Succeeded', cpu_request_m: 3000, memory_request_bytes: 0, attempts: 1 });
    const waiter = byName(pods, 'waiter')!;
    expect(waiter).toMatchObject({ owner_kind: '', owner_name: '', created_s: 120, scheduled_s: 120, started_s: 123, final_phase: 'Running' });
    expect(waiter.node).not.toBe(batch.node);
    // late waits for batch's 3 cpu: bound the instant batch finishes, busybox already on the node.
    const late = byName(pods, 'late')!;
    expect(late).toMatchObject({ node: batch.node, created_s: 180, scheduled_s: 363, started_s: 364, pending_s: 183, startup_s: 184, attempts: 2 });
    const huge = byName(pods, 'huge')!;
    expect(huge).toMatchObject({ node: '', created_s: 240, scheduled_s: '', started_s: '', pending_s: '', final_phase: 'Pending', cpu_request_m: 64000 });
    expect(huge.attempts).toBeGreaterThanOrEqual(1);
  });

  it('summarizes counts, R-7 percentiles, makespan and the exact time-weighted allocation', () => {
    expect(summary).toMatchObject({ workload: 'small', policy: 'default', seed: 1, nodes: 2 });
    expect(summary).toMatchObject({ pods_created: 6, pods_scheduled: 5, pods_unschedulable: 1, pods_completed: 1, pods_failed: 0 });
    expect(summary).toMatchObject({ preemptions: 0, evictions: 0 });
    // pending [0,0,0,0,183]: p90 = x3 + 0.6 (x4 − x3), p99 = 0.96 × 183.
    expect(summary).toMatchObject({ pending_s_p50: 0, pending_s_p90: 109.8, pending_s_p99: 175.68 });
    // startup [2,2,3,3,184]: p50 = 3, p99 = 3 + 0.96 × 181.
    expect(summary).toMatchObject({ startup_s_p50: 3, startup_s_p99: 176.76 });
    // cpu of 8000m: 2000 for 60 s, 5000 for 60 s, 8000 for 480 s → (25·60 + 62.5·60 + 100·480) / 600.
    expect(summary.cpu_alloc_pct_mean).toBe(88.75);
    // memory: 2Gi of 16Gi all along; no GPU anywhere.
    expect(summary.mem_alloc_pct_mean).toBe(12.5);
    expect(summary.gpu_alloc_pct_mean).toBe('');
    expect(summary.makespan_s).toBe(363);
  });

  it('counts the scheduler attempts it was told of, as the scheduler does', () => {
    expect(summary.scheduling_attempts).toBe(run.scheduler.stats.attempts);
    expect(summary.scheduling_attempts).toBe(pods.reduce((s, p) => s + p.attempts, 0));
  });

  it('samples the cluster every 60 s from 0 to the end, each sample after the commits of its instant', () => {
    expect(timeseries.map((r) => r.t_s)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    const at = (t: number) => timeseries.find((r) => r.t_s === t)!;
    // At 0 the web pods are bound but still pulling nginx: phase Pending.
    expect(at(0)).toMatchObject({ workload: 'small', nodes_ready: 2, pods_pending: 2, pods_running: 0, cpu_alloc_pct: 25, mem_alloc_pct: 12.5, gpu_alloc_pct: '' });
    expect(at(60)).toMatchObject({ pods_pending: 1, pods_running: 2, cpu_alloc_pct: 62.5 });
    expect(at(120)).toMatchObject({ pods_pending: 1, pods_running: 3, cpu_alloc_pct: 100 });
    expect(at(360)).toMatchObject({ pods_pending: 2, pods_running: 4, pods_succeeded: 0, cpu_alloc_pct: 100 });
    expect(at(420)).toMatchObject({ pods_pending: 1, pods_running: 4, pods_succeeded: 1, pods_failed: 0, cpu_alloc_pct: 100 });
  });

  it('honours the sample interval, and sampling changes nothing of the run', () => {
    const other = collect(SMALL, { sampleInterval: 45 * MICROS_PER_SECOND });
    expect(other.rows.timeseries.map((r) => r.t_s)).toEqual([0, 45, 90, 135, 180, 225, 270, 315, 360, 405, 450, 495, 540, 585]);
    expect(other.rows.pods).toEqual(pods);
    expect(other.rows.summary).toEqual(summary);
    expect(other.run.cluster.sim.eventsProcessed).toBe(run.cluster.sim.eventsProcessed);
  });

  it('adds no event and makes no write: the run is the same without it', () => {
    const bare = new ClusterRun(loadWorkload(SMALL, 'inline.yaml'), { seed: 1, policy: loadBuiltinPolicy('default'), recordEvents: false });
    bare.runUntil();
    expect(bare.cluster.sim.eventsProcessed).toBe(run.cluster.sim.eventsProcessed);
    expect(bare.cluster.store.revision).toBe(run.cluster.store.revision);
    expect([...bare.cluster.store.list<Pod>('Pod')]).toEqual([...run.cluster.store.list<Pod>('Pod')]);
  });
});

describe('RunCollector: the exact time-weighted allocation', () => {
  it('a 2-cpu pod bound for exactly half the run on 2 × 4 cpu is 12.5 %', () => {
    const text = `
apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: half}
duration: 10m
controlPlane: ideal
images: {default: 0, overhead: 0s}
cluster:
  nodePools:
    - {name: pool, count: 2, capacity: {cpu: "4", memory: 8Gi, nvidia.com/gpu: "4"}}
arrivals:
  - at: 2m
    runDuration: 5m
    manifest:
      apiVersion: batch/v1
      kind: Job
      metadata: {name: half, namespace: default}
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: w, image: busybox, resources: {requests: {cpu: "2", memory: 2Gi, nvidia.com/gpu: "2"}, limits: {nvidia.com/gpu: "2"}}}]
`;
    const { rows } = collect(text);
    expect(rows.pods[0]).toMatchObject({ scheduled_s: 120, started_s: 120, finished_s: 420, final_phase: 'Succeeded', gpu_request: 2 });
    // 2/8 cpu, 2/16 Gi, 2/8 GPU for 300 of 600 s.
    expect(rows.summary).toMatchObject({ cpu_alloc_pct_mean: 12.5, mem_alloc_pct_mean: 6.25, gpu_alloc_pct_mean: 12.5, makespan_s: 420, pods_completed: 1 });
    expect(rows.timeseries.map((r) => r.gpu_alloc_pct)).toEqual([0, 0, 25, 25, 25, 25, 25, 0, 0, 0, 0]);
  });

  it('finish can end before the workload duration, and is exact there too', () => {
    const { rows } = collect(SMALL, { until: 2 * MICROS_PER_MINUTE });
    // 25 % for 60 s then 62.5 % for 60 s; waiter is bound at 120 s itself, after the last instant integrated.
    expect(rows.summary.cpu_alloc_pct_mean).toBe(43.75);
    expect(rows.timeseries.map((r) => r.t_s)).toEqual([0, 60, 120]);
    expect(rows.timeseries[2]!.cpu_alloc_pct).toBe(100);
  });

  it('refuses a second finish and an end before what it saw', () => {
    const workload = loadWorkload(SMALL, 'inline.yaml');
    const run = new ClusterRun(workload, { seed: 1, recordEvents: false });
    const collector = new RunCollector({ workload: 'small', policy: 'default', seed: 1 }, run);
    run.runUntil(2 * MICROS_PER_MINUTE);
    expect(() => collector.finish(MICROS_PER_MINUTE)).toThrow(RangeError);
    collector.finish();
    expect(() => collector.finish()).toThrow(/twice/);
    expect(() => new RunCollector({ workload: 'small', policy: 'default', seed: 1 }, run, { sampleInterval: 0 })).toThrow(RangeError);
  });
});

describe('RunCollector with disruptions on a realistic control plane', () => {
  const { run, rows } = collect(DISRUPT);
  const { summary, pods } = rows;

  it('takes each instant at the commit, not the watch delivery (25 ms later)', () => {
    // vip is created at 1m by a request taking 15 ms; the watch delivers it 25 ms after the commit.
    expect(byName(pods, 'vip')!.created_s).toBe(60.015);
  });

  it('counts the preemption victim and the evictions (drain, taint manager) once each', () => {
    expect(summary.preemptions).toBe(1);
    expect(summary.evictions).toBe(2);
    const webs = pods.filter((p) => p.owner_kind === 'ReplicaSet');
    const [first, second] = webs;
    // The two original replicas: one preempted by vip, one drained; neither finished on its own.
    expect(first!.final_phase).toBe('Deleted');
    expect(second!.final_phase).toBe('Deleted');
    expect(first!.finished_s).toBe('');
    expect(summary.pods_completed).toBe(0);
    // vip, on the failed node, has a deletionTimestamp no kubelet will ever honour: still there.
    expect(byName(pods, 'vip')!.final_phase).toBe('Running');
    expect(summary.pods_unschedulable).toBe(2);
    expect(summary.scheduling_attempts).toBe(run.scheduler.stats.attempts);
  });

  it('excludes the instants with no Ready node from the mean; counts only Ready nodes', () => {
    const at = (t: number) => rows.timeseries.find((r) => r.t_s === t)!;
    expect(at(0)).toMatchObject({ nodes_ready: 0, cpu_alloc_pct: '', mem_alloc_pct: '', gpu_alloc_pct: '' });
    expect(at(60)).toMatchObject({ nodes_ready: 2, cpu_alloc_pct: 75, gpu_alloc_pct: 50 });
    // pool-2 NotReady: its pod's requests leave with its allocatable.
    expect(at(420)).toMatchObject({ nodes_ready: 1, cpu_alloc_pct: 0, gpu_alloc_pct: 0 });
    expect(summary.nodes).toBe(2);
    expect(summary.gpu_alloc_pct_mean).not.toBe('');
  });
});
