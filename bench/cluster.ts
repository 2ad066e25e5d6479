import { readFileSync } from 'node:fs';
import { ClusterRun } from '../src/workloads/ClusterRun.js';
import { loadWorkload } from '../src/workloads/spec/loadWorkload.js';
import type { BenchRow, Suite, SuiteOptions } from './BenchRow.js';

/** Timed repetitions of the hour (each a whole run from an empty cluster). */
const DEFAULT_SAMPLES = 3;

/**
 * The cluster suite: `workloads/hour-1000.yaml` — one simulated hour of a
 * 1,000-node cluster with a DaemonSet, Deployments and Jobs under the
 * realistic control plane — as one whole run: every controller, kubelet,
 * kube-scheduler and the API server on the virtual clock. Reports the median
 * wall time, simulated seconds per wall second and events per second.
 */
export const clusterSuite: Suite = {
  name: 'cluster',
  description: 'a simulated hour of a 1,000-node cluster (workloads/hour-1000.yaml), realistic control plane',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = options.timeMs !== undefined && options.timeMs < 500 ? 1 : DEFAULT_SAMPLES;
    const text = readFileSync(new URL('../../workloads/hour-1000.yaml', import.meta.url), 'utf8');
    const workload = loadWorkload(text, 'workloads/hour-1000.yaml', options.timeMs !== undefined && options.timeMs < 500 ? ['duration=5m'] : []);
    const walls: number[] = [];
    let events = 0;
    let pods = 0;
    for (let s = 0; s < samples; s++) {
      const run = new ClusterRun(workload, { seed: 1, checkInvariants: false });
      const t0 = performance.now();
      run.runUntil();
      walls.push((performance.now() - t0) / 1000);
      events = run.cluster.sim.eventsProcessed;
      pods = run.kubelets.containersCreated;
    }
    walls.sort((a, b) => a - b);
    const wall = walls[Math.floor(walls.length / 2)]!;
    const simSeconds = workload.duration / 1e6;
    const c = 'hour-1000';
    return [
      { suite: 'cluster', case: c, metric: 'wall_s', value: round(wall, 3), unit: 's' },
      { suite: 'cluster', case: c, metric: 'sim_s_per_wall_s', value: round(simSeconds / wall, 1), unit: 'x' },
      { suite: 'cluster', case: c, metric: 'events_per_s', value: Math.round(events / wall), unit: 'events/s' },
      { suite: 'cluster', case: c, metric: 'sim_events', value: events, unit: 'count' },
      { suite: 'cluster', case: c, metric: 'containers_created', value: pods, unit: 'count' },
      { suite: 'cluster', case: c, metric: 'samples', value: samples, unit: 'count' },
    ];
  },
};

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
