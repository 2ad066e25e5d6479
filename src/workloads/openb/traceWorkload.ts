/**
 * Workloads with a `trace` section: reading their trace and running them.
 */
import { InputError } from '../../api/InputError.js';
import { readTraceCached } from '../../gpu/openb/readTrace.js';
import type { OpenbTrace } from '../../gpu/openb/types.js';
import type { LoadedConfiguration } from '../../scheduler/config/load.js';
import type { Workload } from '../spec/types.js';
import type { RunOneResult } from '../runOne.js';
import { type PlacementResult, runPlacement } from './runPlacement.js';
import { runReplay } from './runReplay.js';

/** True for a workload that is a placement study (the FGD paper's method, no time axis). */
export function isPlacementStudy(workload: Workload): boolean {
  return workload.trace?.mode === 'placement';
}

/**
 * Reads and checks the trace of a workload (memoised per thread; undefined
 * without a `trace`). Call it where the workload is loaded so that a missing
 * or malformed trace file is an input error (exit 2) before any run starts.
 * @throws InputError naming the file, line and column
 */
export function traceOf(workload: Workload): OpenbTrace | undefined {
  return workload.trace === undefined ? undefined : readTraceCached(workload.trace);
}

/**
 * One run of a trace workload: reads the trace (memoised), then runs
 * {@link runPlacement} (mode placement, with the workload's `tune`; the
 * result has `curve` rows) or {@link runReplay} (mode replay, to the
 * workload's `duration`).
 * @throws InputError when the trace files are missing or malformed, or the workload has no trace
 */
export function runTraceWorkload(workload: Workload, policyName: string, policy: LoadedConfiguration, seed: number): PlacementResult | RunOneResult {
  const trace = traceOf(workload);
  if (trace === undefined || workload.trace === undefined) throw new InputError(`workload ${workload.metadata.name} has no trace`);
  const common = { workloadName: workload.metadata.name, policyName, policy, seed, trace };
  if (workload.trace.mode === 'replay') return runReplay({ ...common, duration: workload.duration });
  return runPlacement({ ...common, tune: workload.trace.tune });
}
