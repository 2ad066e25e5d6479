/**
 * The FGD paper's placement experiment (reference gpu-sharing-policies.md
 * §1): kube-scheduler on its own (a StandaloneHost, bindings applied at
 * once) over the trace's nodes; the inflated pods arrive one at a time with
 * no time axis; each gets one scheduling cycle, and a pod that does not fit is
 * deleted (dropped: never retried). After every arrival the run records the
 * arrived and allocated GPU and the cluster's fragmentation Σ_n F(n), binned
 * into curve.csv rows.
 */
import { typicalPods, type TargetShape } from '../../gpu/frag.js';
import { DEFAULT_TUNE, inflate, TRACE_STREAM } from '../../gpu/openb/inflate.js';
import { traceNode, tracePod } from '../../gpu/openb/toObjects.js';
import { gpuCapacityMilli, gpuRequestMilli, type OpenbPod, type OpenbTrace } from '../../gpu/openb/types.js';
import { Simulation } from '../../engine/Simulation.js';
import { roundTo } from '../../metrics/stats.js';
import type { CurveRow, PodRow, RunKey, SummaryRow } from '../../metrics/types.js';
import type { LoadedConfiguration } from '../../scheduler/config/load.js';
import { createScheduler } from '../../scheduler/createScheduler.js';
import type { AttemptRecord } from '../../scheduler/Scheduler.js';
import { StandaloneHost } from '../../scheduler/StandaloneHost.js';
import type { RunOneResult } from '../runOne.js';
import { ClusterFragmentation } from '../../scheduler/plugins/gpu/ClusterFragmentation.js';
import { CurveBinner, curveAt } from './curve.js';
import { withoutPreemption } from '../../scheduler/policies/withoutPreemption.js';
import { withTargetWorkload } from '../../scheduler/policies/targetWorkload.js';

/** Options of {@link runPlacement}. */
export interface PlacementOptions {
  /** The `workload` column. */
  readonly workloadName: string;
  /** The policy as the user named it (the `policy` column). */
  readonly policyName: string;
  readonly policy: LoadedConfiguration;
  readonly seed: number;
  readonly trace: OpenbTrace;
  /** Inflation ratio (default 1.3; 0: the trace as recorded, shuffled). */
  readonly tune?: number;
  /** One pods.csv row per pod (default false: 10,000 pods × 1,020 runs is too many rows to be useful). */
  readonly podRows?: boolean;
  /**
   * The pods in arrival order, used as given instead of the paper's order
   * (sort, shuffle, inflate): for hand-made studies and tests.
   */
  readonly arrivals?: readonly OpenbPod[];
}

/** A placement run's rows: RunOneResult's, with the curve always present. */
export interface PlacementResult extends RunOneResult {
  readonly curve: CurveRow[];
  /** The target workload FGD (and F) used: typical pods of the trace as read. */
  readonly target: readonly TargetShape[];
  /** Pods that arrived (after inflation), in order. */
  readonly arrived: number;
}

/** Mean of an accumulated percentage over n records, to 4 decimals as the other runs' percentages; '' for none. */
function mean(sum: number, n: number): number | '' {
  return n === 0 ? '' : roundTo(sum / n, 4);
}

/**
 * Runs the paper's method once. Deterministic: the seed gives the shuffle and
 * clones (stream `trace/openb`) and the scheduler's own streams (the
 * permutation tie-break, the Random policy).
 */
export function runPlacement(options: PlacementOptions): PlacementResult {
  const { trace, seed } = options;
  const key: RunKey = { workload: options.workloadName, policy: options.policyName, seed };
  const sim = new Simulation({ seed });
  const capacity = gpuCapacityMilli(trace.nodes);
  const pods = options.arrivals ?? inflate(trace.pods, capacity, options.tune ?? DEFAULT_TUNE, sim.random.stream(TRACE_STREAM)).pods;
  // The target workload comes from the trace as read, CPU-only pods included (reference §2).
  const target = typicalPods(trace.pods);

  // A dropped pod is never looked at again: skip building its FitError message.
  const host = new StandaloneHost(false);
  const scheduler = createScheduler(sim, host, withoutPreemption(withTargetWorkload(options.policy, target)));
  host.attach(scheduler);
  let last: AttemptRecord | null = null;
  scheduler.onAttempt = (r) => (last = r);
  let cpuAllocatable = 0;
  let memAllocatable = 0;
  for (const n of trace.nodes) {
    scheduler.addNode(traceNode(n));
    cpuAllocatable += n.cpuMilli;
    memAllocatable += n.memoryMib;
  }
  const table = scheduler.cache.table;
  const frag = new ClusterFragmentation(table, target);
  const curve = capacity > 0 ? new CurveBinner(key, capacity) : null;

  let arrivedMilli = 0;
  let allocatedMilli = 0;
  let cpuRequested = 0;
  let memRequested = 0;
  let scheduled = 0;
  let sumCpuPct = 0;
  let sumMemPct = 0;
  let sumGpuPct = 0;
  const podRows: PodRow[] = [];
  for (const p of pods) {
    const pod = tracePod(p);
    const request = gpuRequestMilli(p);
    arrivedMilli += request;
    last = null;
    host.create(pod);
    // The cycle runs at this instant; bindings apply at once, so the pod is placed or failed when this returns.
    sim.run({ until: sim.now });
    const attempt = last as AttemptRecord | null;
    const nodeName = attempt?.nodeName ?? null;
    if (nodeName === null) {
      // Dropped: out of the queue and out of the host, never retried.
      const current = host.pods.get(p.name) ?? pod;
      host.pods.delete(p.name);
      scheduler.deletePod(current);
    } else {
      scheduled++;
      allocatedMilli += request;
      cpuRequested += p.cpuMilli;
      memRequested += p.memoryMib;
    }
    if (curve !== null) curve.record(arrivedMilli, allocatedMilli, frag.state().fragmentation);
    sumCpuPct += cpuAllocatable > 0 ? (cpuRequested / cpuAllocatable) * 100 : 0;
    sumMemPct += memAllocatable > 0 ? (memRequested / memAllocatable) * 100 : 0;
    sumGpuPct += capacity > 0 ? (allocatedMilli / capacity) * 100 : 0;
    if (options.podRows === true) podRows.push(podRow(key, p.name, nodeName, p.cpuMilli, p.memoryMib, p.numGpu));
  }

  const rows = curve?.rows() ?? [];
  const at100 = curveAt(rows, 100);
  const n = pods.length;
  const summary: SummaryRow = {
    ...key,
    nodes: trace.nodes.length,
    pods_created: n,
    pods_scheduled: scheduled,
    pods_unschedulable: n - scheduled,
    pods_completed: 0,
    pods_failed: 0,
    scheduling_attempts: scheduler.stats.attempts,
    preemptions: 0,
    evictions: 0,
    pending_s_p50: '',
    pending_s_p90: '',
    pending_s_p99: '',
    startup_s_p50: '',
    startup_s_p99: '',
    cpu_alloc_pct_mean: mean(sumCpuPct, n),
    mem_alloc_pct_mean: mean(sumMemPct, n),
    gpu_alloc_pct_mean: capacity > 0 ? mean(sumGpuPct, n) : '',
    makespan_s: '',
    unallocated_gpu_pct: at100?.unallocated_gpu_pct ?? '',
    frag_gpu_pct: at100?.frag_gpu_pct ?? '',
  };
  return {
    summary,
    pods: podRows,
    timeseries: [],
    curve: rows,
    simEvents: sim.eventsProcessed,
    podsScheduled: scheduler.stats.scheduled,
    violations: [],
    target,
    arrived: n,
  };
}

function podRow(key: RunKey, name: string, node: string | null, cpuMilli: number, memoryMib: number, numGpu: number): PodRow {
  return {
    ...key,
    namespace: 'default',
    name,
    owner_kind: '',
    owner_name: '',
    node: node ?? '',
    created_s: 0,
    scheduled_s: node === null ? '' : 0,
    started_s: '',
    ready_s: '',
    finished_s: '',
    deleted_s: node === null ? 0 : '',
    pending_s: node === null ? '' : 0,
    startup_s: '',
    attempts: 1,
    final_phase: node === null ? 'Deleted' : 'Running',
    cpu_request_m: cpuMilli,
    memory_request_bytes: memoryMib * 1024 * 1024,
    gpu_request: numGpu,
  };
}
