/**
 * The openb trace replayed on the virtual clock (`trace.mode: replay`):
 * kube-scheduler on its own (a StandaloneHost, bindings applied at once)
 * over the trace's nodes; each pod is created at its `creation_time` and
 * deleted at its `deletion_time` (never, when empty), and a pod that does not
 * fit waits in the scheduling queue and is retried as kube-scheduler retries
 * (backoff, cluster events, the 5-minute flush) until it fits or is deleted.
 * No kubelet, no control-plane latency: the trace's months are only its
 * arrivals, departures and scheduling cycles.
 */
import { InputError } from '../../api/InputError.js';
import { typicalPods } from '../../gpu/frag.js';
import { traceNode, tracePod } from '../../gpu/openb/toObjects.js';
import { gpuCapacityMilli, gpuRequestMilli, type OpenbTrace } from '../../gpu/openb/types.js';
import { Simulation } from '../../engine/Simulation.js';
import { MICROS_PER_HOUR, MICROS_PER_SECOND, type Micros } from '../../engine/time.js';
import { orEmpty, percentile, roundTo, secondsOf } from '../../metrics/stats.js';
import type { RunKey, SummaryRow, TimeseriesRow } from '../../metrics/types.js';
import type { LoadedConfiguration } from '../../scheduler/config/load.js';
import { createScheduler } from '../../scheduler/createScheduler.js';
import { withTargetWorkload } from '../../scheduler/policies/targetWorkload.js';
import { StandaloneHost } from '../../scheduler/StandaloneHost.js';
import type { RunOneResult } from '../runOne.js';
import { withoutPreemption } from '../../scheduler/policies/withoutPreemption.js';

/** Options of {@link runReplay}. */
export interface ReplayOptions {
  readonly workloadName: string;
  readonly policyName: string;
  readonly policy: LoadedConfiguration;
  readonly seed: number;
  readonly trace: OpenbTrace;
  /** The run length: events after it do not happen. */
  readonly duration: Micros;
  /** Timeseries sample interval (default 1 h: the trace spans months). */
  readonly sampleInterval?: Micros;
}

/** A time-weighted mean of a piecewise-constant value. */
class TimeMean {
  private area = 0;
  private value = 0;
  private since = 0;
  set(now: Micros, value: number): void {
    this.area += this.value * (now - this.since);
    this.value = value;
    this.since = now;
  }
  mean(end: Micros): number | '' {
    if (end <= 0) return '';
    return roundTo((this.area + this.value * (end - this.since)) / end, 4);
  }
}

interface PodState {
  created: Micros;
  scheduled: Micros | null;
  deleted: boolean;
  bound: boolean;
}

/**
 * Replays a trace: pods arrive and leave by the trace's times (seconds from
 * the trace start, virtual time 0). Summary: pending percentiles (creation →
 * binding), pods never bound by the end, time-weighted CPU, memory and GPU
 * (milli-GPU, shares counted) allocation; timeseries every `sampleInterval`.
 * @throws InputError when the pod list has no creation times (the 5-column multigpu lists)
 */
export function runReplay(options: ReplayOptions): RunOneResult {
  const { trace, seed, duration } = options;
  const key: RunKey = { workload: options.workloadName, policy: options.policyName, seed };
  const missing = trace.pods.find((p) => p.creationTime === undefined);
  if (missing !== undefined) {
    throw new InputError(`${trace.podFile}: pod ${missing.name} has no creation_time: a replay needs the 11-column pod lists (the multigpu lists are placement-only)`);
  }
  const sim = new Simulation({ seed });
  const host = new StandaloneHost();
  // Every trace pod has the same priority: preemption could never find a victim (see withoutPreemption).
  const scheduler = createScheduler(sim, host, withoutPreemption(withTargetWorkload(options.policy, typicalPods(trace.pods))));
  host.attach(scheduler);
  let cpuTotal = 0;
  let memTotal = 0;
  for (const n of trace.nodes) {
    scheduler.addNode(traceNode(n));
    cpuTotal += n.cpuMilli;
    memTotal += n.memoryMib;
  }
  const gpuTotal = gpuCapacityMilli(trace.nodes);
  const pods = trace.pods;
  const index = new Map(pods.map((p, i) => [p.name, i]));
  const states: (PodState | undefined)[] = pods.map(() => undefined);
  let cpu = 0;
  let mem = 0;
  let gpu = 0;
  let pending = 0;
  let running = 0;
  const cpuMean = new TimeMean();
  const memMean = new TimeMean();
  const gpuMean = new TimeMean();
  const account = (i: number, sign: 1 | -1): void => {
    const p = pods[i]!;
    cpu += sign * p.cpuMilli;
    mem += sign * p.memoryMib;
    gpu += sign * gpuRequestMilli(p);
    cpuMean.set(sim.now, cpuTotal > 0 ? (cpu / cpuTotal) * 100 : 0);
    memMean.set(sim.now, memTotal > 0 ? (mem / memTotal) * 100 : 0);
    gpuMean.set(sim.now, gpuTotal > 0 ? (gpu / gpuTotal) * 100 : 0);
  };

  scheduler.onAttempt = (r) => {
    if (r.nodeName === null) return;
    const i = index.get(r.pod.name)!;
    const s = states[i]!;
    s.bound = true;
    s.scheduled ??= sim.now;
    pending--;
    running++;
    account(i, 1);
  };
  const create = sim.on('trace/create', (i) => {
    states[i] = { created: sim.now, scheduled: null, deleted: false, bound: false };
    pending++;
    host.create(tracePod(pods[i]!));
  });
  const remove = sim.on('trace/delete', (i) => {
    const s = states[i];
    const pod = host.pods.get(pods[i]!.name);
    if (s === undefined || pod === undefined) return;
    host.pods.delete(pods[i]!.name);
    scheduler.deletePod(pod);
    s.deleted = true;
    if (s.bound) {
      running--;
      account(i, -1);
    } else pending--;
  });
  pods.forEach((p, i) => {
    const at = p.creationTime! * MICROS_PER_SECOND;
    if (at > duration) return;
    sim.scheduleAt(at, create, i);
    // A deletion before the creation (bad data) happens right after it.
    if (p.deletionTime !== undefined) sim.scheduleAt(Math.max(at, p.deletionTime * MICROS_PER_SECOND), remove, i);
  });
  const timeseries: TimeseriesRow[] = [];
  const interval = options.sampleInterval ?? MICROS_PER_HOUR;
  // A sample is the state at the end of its instant: the events due then (a cycle right after an arrival) have run.
  const sample = (): void => {
    timeseries.push({
      ...key,
      t_s: secondsOf(sim.now),
      nodes_ready: trace.nodes.length,
      pods_pending: pending,
      pods_running: running,
      pods_succeeded: 0,
      pods_failed: 0,
      cpu_alloc_pct: cpuTotal > 0 ? roundTo((cpu / cpuTotal) * 100, 4) : '',
      mem_alloc_pct: memTotal > 0 ? roundTo((mem / memTotal) * 100, 4) : '',
      gpu_alloc_pct: gpuTotal > 0 ? roundTo((gpu / gpuTotal) * 100, 4) : '',
    });
  };
  for (let t = 0; t <= duration; t += interval) {
    sim.run({ until: t });
    sample();
  }
  sim.run({ until: duration });

  const created = states.filter((s): s is PodState => s !== undefined);
  const pendingTimes = created.filter((s) => s.scheduled !== null).map((s) => (s.scheduled! - s.created) / MICROS_PER_SECOND);
  const p = (q: number): number | '' => {
    const v = percentile(pendingTimes, q);
    return orEmpty(v === undefined ? undefined : roundTo(v, 6));
  };
  const summary: SummaryRow = {
    ...key,
    nodes: trace.nodes.length,
    pods_created: created.length,
    pods_scheduled: pendingTimes.length,
    pods_unschedulable: created.filter((s) => !s.bound && !s.deleted).length,
    pods_completed: 0,
    pods_failed: 0,
    scheduling_attempts: scheduler.stats.attempts,
    preemptions: 0,
    evictions: 0,
    pending_s_p50: p(0.5),
    pending_s_p90: p(0.9),
    pending_s_p99: p(0.99),
    startup_s_p50: '',
    startup_s_p99: '',
    cpu_alloc_pct_mean: cpuMean.mean(duration),
    mem_alloc_pct_mean: memMean.mean(duration),
    gpu_alloc_pct_mean: gpuTotal > 0 ? gpuMean.mean(duration) : '',
    makespan_s: '',
    unallocated_gpu_pct: '',
    frag_gpu_pct: '',
  };
  return { summary, pods: [], timeseries, curve: [], simEvents: sim.eventsProcessed, podsScheduled: scheduler.stats.scheduled, violations: [] };
}
