import { samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { calibrationRows } from './calibration.js';
import { machineRows } from './machine.js';

/** Options of {@link runBench}: the suites' options, and where progress goes. */
export interface RunBenchOptions extends SuiteOptions {
  /** Called before each step (a suite, or a calibration), e.g. to print progress. */
  onStep?: (what: string) => void;
  /** Called after each step with its wall time in seconds. */
  onStepDone?: (what: string, seconds: number) => void;
}

/**
 * A whole bench run: the machine rows, then the calibration workload before
 * each suite and after the last, so a machine that slows down mid-run is seen
 * by the calibration too; every sample of every step is kept, in run order.
 */
export async function runBench(suites: readonly Suite[], options: RunBenchOptions = {}): Promise<BenchRow[]> {
  const { onStep, onStepDone, ...suiteOptions } = options;
  const samples = samplesOf(suiteOptions);
  const rows: BenchRow[] = machineRows();
  const step = async (what: string, run: () => Promise<BenchRow[]> | BenchRow[]): Promise<void> => {
    onStep?.(what);
    const t0 = performance.now();
    rows.push(...(await run()));
    onStepDone?.(what, (performance.now() - t0) / 1000);
  };
  const calibrate = (): Promise<void> => step('calibration', () => calibrationRows(samples));
  await calibrate();
  for (const suite of suites) {
    await step(suite.name, () => suite.run(suiteOptions));
    await calibrate();
  }
  return rows;
}
