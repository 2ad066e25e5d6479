import { readFileSync } from 'node:fs';
import { ClusterRun } from '../src/workloads/ClusterRun.js';
import { loadWorkload } from '../src/workloads/spec/loadWorkload.js';
import type { Workload } from '../src/workloads/spec/types.js';
import { samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { workloadPath } from './paths.js';
import { round } from './sample.js';

/**
 * The cluster suite: `workloads/hour-1000.yaml` — one simulated hour of a
 * 1,000-node cluster with a DaemonSet, Deployments and Jobs under the
 * realistic control plane — as whole runs from an empty cluster: every
 * controller, kubelet, kube-scheduler and the API server on the virtual
 * clock. Per sample: wall time, simulated seconds per wall second and events
 * per wall second. With `small`, five simulated minutes (case `minutes-5-1000`).
 */
export const clusterSuite: Suite = {
  name: 'cluster',
  description: 'a simulated hour of a 1,000-node cluster (workloads/hour-1000.yaml), realistic control plane',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options);
    const small = options.small === true;
    const path = workloadPath('hour-1000.yaml');
    const workload = loadWorkload(readFileSync(path, 'utf8'), 'workloads/hour-1000.yaml', small ? ['duration=5m'] : []);
    const c = small ? 'minutes-5-1000' : 'hour-1000';
    return timeClusterRuns('cluster', c, workload, samples, { checkInvariants: false });
  },
};

/**
 * Runs `workload` from an empty cluster `samples` times (seed 1) and times
 * each whole run: wall time, simulated seconds per wall second, events per
 * wall second, and with `heap` the heap in use at the end.
 */
export async function timeClusterRuns(
  suite: string,
  c: string,
  workload: Workload,
  samples: number,
  options: { checkInvariants?: boolean; heap?: boolean } = {},
): Promise<BenchRow[]> {
  const simSeconds = workload.duration / 1e6;
  const rows: BenchRow[] = [];
  for (let s = 0; s < samples; s++) {
    const run = new ClusterRun(workload, { seed: 1, ...(options.checkInvariants === undefined ? {} : { checkInvariants: options.checkInvariants }) });
    const t0 = performance.now();
    run.runUntil();
    const wall = (performance.now() - t0) / 1000;
    const events = run.cluster.sim.eventsProcessed;
    rows.push(
      { suite, case: c, metric: 'wall_s', value: round(wall, 3), unit: 's' },
      { suite, case: c, metric: 'sim_s_per_wall_s', value: round(simSeconds / wall, 1), unit: 'x' },
      { suite, case: c, metric: 'events_per_s', value: Math.round(events / wall), unit: 'events/s' },
    );
    if (options.heap === true) rows.push({ suite, case: c, metric: 'heap_used_bytes', value: process.memoryUsage().heapUsed, unit: 'bytes' });
    await Promise.resolve();
  }
  return rows;
}
