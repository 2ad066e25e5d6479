import { Piscina } from 'piscina';
import type { PlannedRun } from './plan.js';
import type { RunOutput, RunTask } from './task.js';

/** A run that threw inside its worker. */
export interface FailedRun {
  readonly run: PlannedRun;
  readonly message: string;
}

/** Called as runs finish (in completion order, which varies; outputs never depend on it). */
export type ProgressListener = (done: number, total: number, output: RunOutput | null) => void;

/**
 * Runs a sweep on a piscina pool of `jobs` worker threads, one task per run.
 * A run that throws is recorded with its workload, policy and seed and the
 * others go on. Results come back indexed by the run's place in the sweep,
 * so the files written from them are the same whatever the thread count.
 */
export async function runSweep(
  runs: readonly PlannedRun[],
  sets: readonly string[],
  jobs: number,
  onProgress: ProgressListener = () => {},
): Promise<{ outputs: (RunOutput | null)[]; failures: FailedRun[] }> {
  const pool = new Piscina<RunTask, RunOutput>({
    filename: new URL('./runWorker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    // Each task is a whole run: no queue limit, no idle churn.
    idleTimeout: 60_000,
    // A run allocates fast and keeps a large live cluster: a young generation
    // of 192 MB (semi-spaces of 64 MB, V8's default is 16) halves the
    // scavenges and the objects promoted by them (a 6 h demo run: ~13 % faster).
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
  const outputs: (RunOutput | null)[] = runs.map(() => null);
  const failures: FailedRun[] = [];
  let done = 0;
  try {
    await Promise.all(
      runs.map(async (run, i) => {
        try {
          outputs[i] = await pool.run({ workloadFile: run.workloadFile, sets, policy: run.policy, seed: run.seed });
        } catch (error) {
          failures.push({ run, message: error instanceof Error ? error.message : String(error) });
        }
        done++;
        onProgress(done, runs.length, outputs[i] ?? null);
      }),
    );
  } finally {
    await pool.destroy();
  }
  failures.sort((a, b) => a.run.index - b.run.index);
  return { outputs, failures };
}
