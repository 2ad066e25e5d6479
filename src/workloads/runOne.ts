import type { Micros } from '../engine/time.js';
import { RunCollector } from '../metrics/collector/RunCollector.js';
import type { CurveRow, PodRow, SummaryRow, TimeseriesRow } from '../metrics/types.js';
import type { LoadedConfiguration } from '../scheduler/config/load.js';
import { ClusterRun } from './ClusterRun.js';
import { runTraceWorkload } from './openb/traceWorkload.js';
import type { Workload } from './spec/types.js';

/** One run: a workload, a scheduling policy, a seed. */
export interface RunOneOptions {
  readonly workload: Workload;
  /** The policy as the user named it (the `policy` column). */
  readonly policyName: string;
  readonly policy: LoadedConfiguration;
  readonly seed: number;
  /** Timeseries sample interval on the virtual clock (default 60 s). */
  readonly sampleInterval?: Micros;
  /** Record Events (default false: no output needs them and they cost time). */
  readonly recordEvents?: boolean;
  /** Watch the invariants (default true). */
  readonly checkInvariants?: boolean;
}

/** The deterministic rows of one run, and the counts perf.csv divides by wall-clock time. */
export interface RunOneResult {
  readonly summary: SummaryRow;
  readonly pods: PodRow[];
  readonly timeseries: TimeseriesRow[];
  /** curve.csv's rows: placement studies only. */
  readonly curve?: CurveRow[];
  /** Events the simulation processed. */
  readonly simEvents: number;
  /** Successful scheduling cycles (pods assumed and sent to binding, less failed bindings). */
  readonly podsScheduled: number;
  /** Invariant violations seen (empty when the invariants were not watched). */
  readonly violations: readonly string[];
}

/**
 * Runs `workload` once under `policy` with `seed` to the workload's
 * duration, observed by a {@link RunCollector} (a workload with a `trace`
 * section runs through src/workloads/openb instead). Deterministic: the same
 * options give deep-equal rows. Reads no wall clock: the caller times it.
 */
export function runOne(options: RunOneOptions): RunOneResult {
  const { workload, seed } = options;
  // A trace workload runs the trace's own way: the paper's placement method, or a replay.
  if (workload.trace !== undefined) return runTraceWorkload(workload, options.policyName, options.policy, seed);
  const run = new ClusterRun(workload, {
    seed,
    policy: options.policy,
    recordEvents: options.recordEvents ?? false,
    ...(options.checkInvariants === undefined ? {} : { checkInvariants: options.checkInvariants }),
  });
  const collector = new RunCollector(
    { workload: workload.metadata.name, policy: options.policyName, seed },
    run,
    options.sampleInterval === undefined ? {} : { sampleInterval: options.sampleInterval },
  );
  run.runUntil(workload.duration);
  const rows = collector.finish(workload.duration);
  return {
    ...rows,
    simEvents: run.cluster.sim.eventsProcessed,
    podsScheduled: run.scheduler.stats.scheduled,
    violations: run.monitor === null ? [] : [...run.monitor.violations],
  };
}
