import { DEFAULT_MICRO_SAMPLES, samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { HoldModel } from './hold.js';
import { tinySample } from './sample.js';

/** Pending-event counts of the hold cases. */
export const HOLD_SIZES = [1_000, 100_000, 1_000_000] as const;
/** Events run per timed iteration: large enough that timer resolution does not matter. */
const EVENTS_PER_ITERATION = 200_000;
/** Default time budget of one sample, ms. */
const SAMPLE_MS = 400;

/**
 * The engine suite: the hold model (pop the earliest event, push one at
 * now + Exp(1 s)) with 10^3, 10^5 and 10^6 events pending. Each sample is
 * tinybench's median over iterations of 200,000 events, as `events_per_s`;
 * the cases take turns sample by sample, so a machine slowing down mid-run
 * touches them all alike.
 */
export const engineSuite: Suite = {
  name: 'engine',
  description: 'event queue: the hold model with 1e3, 1e5 and 1e6 pending events',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options, DEFAULT_MICRO_SAMPLES);
    const timeMs = options.timeMs ?? SAMPLE_MS;
    const models = HOLD_SIZES.map((pending) => ({ pending, model: new HoldModel(pending, 1) }));
    const rows: BenchRow[][] = models.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (const [i, { pending, model }] of models.entries()) {
        const ms = await tinySample(`hold-${pending}`, () => model.step(EVENTS_PER_ITERATION), { timeMs, iterations: 2, warmup: s === 0 });
        rows[i]!.push({ suite: 'engine', case: `hold-${pending}`, metric: 'events_per_s', value: Math.round(EVENTS_PER_ITERATION / (ms / 1000)), unit: 'events/s' });
      }
    }
    return rows.flat();
  },
};
