import type { BenchRow, Suite, SuiteOptions } from './BenchRow.js';
import { measure, PERF_WORKLOADS, prepare } from './schedulerPerf.js';

/** Timed repetitions per workload; each builds its cluster afresh (untimed). */
const DEFAULT_SAMPLES = 5;

/**
 * The scheduler suite: scheduler_perf workloads (SchedulingBasic,
 * TopologySpreading, PreemptionBasic) through kubesim's scheduler with the
 * default profile. `pods_per_s` is the median over samples of measured pods
 * scheduled / wall time of the measured phase, as upstream's
 * SchedulingThroughput average of that phase.
 */
export const schedulerSuite: Suite = {
  name: 'scheduler',
  description: "kube-scheduler's scheduler_perf workloads: SchedulingBasic, TopologySpreading, PreemptionBasic",
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const samples = options.timeMs !== undefined && options.timeMs < 500 ? 1 : DEFAULT_SAMPLES;
    for (const workload of PERF_WORKLOADS) {
      const rates: number[] = [];
      let scheduled = 0;
      for (let s = 0; s < samples; s++) {
        const run = prepare(workload);
        const t0 = performance.now();
        scheduled = measure(run);
        const seconds = (performance.now() - t0) / 1000;
        rates.push(scheduled / seconds);
      }
      rates.sort((a, b) => a - b);
      const median = rates[Math.floor(rates.length / 2)]!;
      rows.push(
        { suite: 'scheduler', case: workload.name, metric: 'pods_per_s', value: Math.round(median), unit: 'pods/s' },
        { suite: 'scheduler', case: workload.name, metric: 'pods_scheduled', value: scheduled, unit: 'count' },
        { suite: 'scheduler', case: workload.name, metric: 'samples', value: samples, unit: 'count' },
      );
    }
    return rows;
  },
};
