import { samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { measure, prepare } from './perfRun.js';
import { PERF_WORKLOADS, SMALL_PERF_WORKLOADS } from './perfWorkloads.js';
import { wallSeconds } from './sample.js';

/**
 * The scheduler suite: kube-scheduler's scheduler_perf workloads
 * (SchedulingBasic, SchedulingDaemonset, TopologySpreading,
 * PreferredTopologySpreading, PreemptionBasic, SchedulingWithMixedChurn,
 * Unschedulable) through kubesim's scheduler with the default profile. One
 * `pods_per_s` row per sample: measured pods / wall time of the measured
 * phase, as upstream's SchedulingThroughput average. Each sample builds its
 * cluster afresh (untimed); the workloads take turns sample by sample.
 */
export const schedulerSuite: Suite = {
  name: 'scheduler',
  description: "kube-scheduler's scheduler_perf workloads (SchedulingThroughput, pods/s)",
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options);
    const workloads = options.small === true ? SMALL_PERF_WORKLOADS : PERF_WORKLOADS;
    const rows: BenchRow[][] = workloads.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (const [i, workload] of workloads.entries()) {
        const run = prepare(workload);
        let scheduled = 0;
        const seconds = wallSeconds(() => {
          scheduled = measure(run);
        });
        rows[i]!.push({ suite: 'scheduler', case: workload.name, metric: 'pods_per_s', value: Math.round(scheduled / seconds), unit: 'pods/s' });
        // Let the event loop breathe between workloads (progress output, signals).
        await Promise.resolve();
      }
    }
    return rows.flat();
  },
};
