import { performance } from 'node:perf_hooks';
import { podLines } from '../../metrics/csvFiles.js';
import { pendingSeconds } from '../../metrics/report/series.js';
import { resolvePolicy } from '../../scheduler/policies/resolvePolicy.js';
import { runOne } from '../../workloads/runOne.js';
import type { Workload } from '../../workloads/spec/types.js';
import { readWorkloadFile } from '../readWorkloadFile.js';
import type { RunOutput, RunTask } from './task.js';

/**
 * A piscina worker: one task is one whole run — never one pod. Workload files
 * are loaded once per thread and reused by the runs that share them.
 */
const workloads = new Map<string, Workload>();

export default async function run(task: RunTask): Promise<RunOutput> {
  const cacheKey = JSON.stringify([task.workloadFile, task.sets]);
  let workload = workloads.get(cacheKey);
  if (workload === undefined) workloads.set(cacheKey, (workload = readWorkloadFile(task.workloadFile, task.sets)));
  const policy = await resolvePolicy(task.policy);
  const t0 = performance.now();
  // The invariant monitor is the tests' instrument: no output reads it, and at scale it was 2 % of a run.
  const result = runOne({ workload, policyName: task.policy, policy: policy.loaded, seed: task.seed, checkInvariants: false });
  const wall = (performance.now() - t0) / 1000;
  const simSeconds = workload.duration / 1e6;
  const key = { workload: workload.metadata.name, policy: task.policy, seed: task.seed };
  return {
    key,
    summary: result.summary,
    podLines: podLines(result.pods),
    pending: pendingSeconds(result.pods),
    timeseries: result.timeseries,
    curve: result.curve ?? [],
    simSeconds,
    perf: {
      ...key,
      wall_s: round(wall, 3),
      sim_events: result.simEvents,
      events_per_s: Math.round(result.simEvents / wall),
      sim_s_per_wall_s: round(simSeconds / wall, 1),
      sched_pods_per_s: round(result.podsScheduled / wall, 1),
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    },
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
