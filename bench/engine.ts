import { Bench } from 'tinybench';
import type { BenchRow, Suite, SuiteOptions } from './BenchRow.js';
import { HoldModel } from './hold.js';

/** Pending-event counts of the hold cases. */
export const HOLD_SIZES = [1_000, 100_000, 1_000_000] as const;
/** Events run per timed iteration: large enough that timer resolution does not matter. */
const EVENTS_PER_ITERATION = 200_000;

/**
 * The engine suite: the hold model (pop the earliest event, push one at
 * now + Exp(1 s)) with 10^3, 10^5 and 10^6 events pending. Reports the median
 * over tinybench's samples as `events_per_s`.
 */
export const engineSuite: Suite = {
  name: 'engine',
  description: 'event queue: the hold model with 1e3, 1e5 and 1e6 pending events',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const pending of HOLD_SIZES) {
      const model = new HoldModel(pending, 1);
      const bench = new Bench({
        time: options.timeMs ?? 1500,
        iterations: 10,
        warmupTime: 200,
        warmupIterations: 2,
        retainSamples: true,
      });
      bench.add(`hold-${pending}`, () => model.step(EVENTS_PER_ITERATION));
      await bench.run();
      const task = bench.tasks[0]!;
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`hold-${pending}: benchmark ${result.state}`);
      const medianMs = result.latency.p50;
      rows.push(
        { suite: 'engine', case: `hold-${pending}`, metric: 'events_per_s', value: Math.round(EVENTS_PER_ITERATION / (medianMs / 1000)), unit: 'events/s' },
        { suite: 'engine', case: `hold-${pending}`, metric: 'samples', value: result.latency.samplesCount, unit: 'count' },
      );
    }
    return rows;
  },
};
