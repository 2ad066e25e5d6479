import type { PerfRow, PodRow, SummaryRow, TimeseriesRow } from '../../../src/metrics/types.js';

/** A summary row with every metric 0, overridden by `fields`. */
export function summaryRow(workload: string, policy: string, seed: number, fields: Partial<SummaryRow> = {}): SummaryRow {
  return {
    workload, policy, seed,
    nodes: 0, pods_created: 0, pods_scheduled: 0, pods_unschedulable: 0, pods_completed: 0, pods_failed: 0,
    scheduling_attempts: 0, preemptions: 0, evictions: 0,
    pending_s_p50: 0, pending_s_p90: 0, pending_s_p99: 0, startup_s_p50: 0, startup_s_p99: 0,
    cpu_alloc_pct_mean: 0, mem_alloc_pct_mean: 0, gpu_alloc_pct_mean: '', makespan_s: 0, unallocated_gpu_pct: '', frag_gpu_pct: '',
    ...fields,
  };
}

/** A pod row of a run, bound at `pending_s`. */
export function podRow(workload: string, policy: string, seed: number, name: string, pending: number | '', fields: Partial<PodRow> = {}): PodRow {
  return {
    workload, policy, seed, namespace: 'default', name, owner_kind: 'ReplicaSet', owner_name: 'web-7c5ddbdf54', node: pending === '' ? '' : 'node-1',
    created_s: 0, scheduled_s: pending, started_s: '', ready_s: '', finished_s: '', deleted_s: '', pending_s: pending, startup_s: '',
    attempts: 1, final_phase: pending === '' ? 'Pending' : 'Running', cpu_request_m: 100, memory_request_bytes: 134217728, gpu_request: 0,
    ...fields,
  };
}

/** A timeseries sample of a run. */
export function timeseriesRow(workload: string, policy: string, seed: number, t: number, cpu: number | '', mem: number | '', gpu: number | '' = ''): TimeseriesRow {
  return {
    workload, policy, seed, t_s: t, nodes_ready: 3, pods_pending: 0, pods_running: 1, pods_succeeded: 0, pods_failed: 0,
    cpu_alloc_pct: cpu, mem_alloc_pct: mem, gpu_alloc_pct: gpu,
  };
}

/** A perf row of a run. */
export function perfRow(workload: string, policy: string, seed: number, wall = 1.5): PerfRow {
  return { workload, policy, seed, wall_s: wall, sim_events: 1000, events_per_s: 666.667, sim_s_per_wall_s: 2400, sched_pods_per_s: 10, peak_rss_bytes: 123456789 };
}
