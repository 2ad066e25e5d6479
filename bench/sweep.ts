import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import runWorker from '../src/cli/sweep/runWorker.js';
import { inputHashes, type RunJson } from '../src/cli/sweep/runJson.js';
import type { RunOutput } from '../src/cli/sweep/task.js';
import { writeSweepOutputs } from '../src/cli/sweep/writeOutputs.js';
import { DEFAULT_MICRO_SAMPLES, samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { workloadPath } from './paths.js';
import { round } from './sample.js';

/** The sweep: minikube.yaml (two simulated hours of a one-node cluster), two policies, two seeds. */
const POLICIES = ['default', 'most-allocated'] as const;
const SEEDS = [1, 2] as const;

/**
 * What `kubesim compare workloads/minikube.yaml --policy default
 * --policy most-allocated --seeds 1,2` does, in this process: each run as a
 * sweep worker makes it (load, resolve the policy, run, collect), then the
 * output folder — summary, pods, timeseries, perf, compare, report.html,
 * run.json — written to a temporary folder. Without the worker threads, so
 * the time is the work's, not the pool's. `small`: 10 simulated minutes.
 */
export async function runSweepOnce(small: boolean): Promise<number> {
  const workloadFile = workloadPath('minikube.yaml');
  const sets = small ? ['duration=10m'] : [];
  const outputs: RunOutput[] = [];
  const runs: RunJson['runs'] = [];
  for (const policy of POLICIES) {
    for (const seed of SEEDS) {
      const output = await runWorker({ workloadFile, sets, policy, seed });
      outputs.push(output);
      runs.push({ workload: output.key.workload, policy, seed });
    }
  }
  const runJson: RunJson = {
    kubesim: 'bench',
    command: 'compare',
    workloads: [workloadFile],
    policies: [...POLICIES],
    seeds: [...SEEDS],
    sets,
    baseline: POLICIES[0],
    inputs: inputHashes([workloadFile], POLICIES),
    runs,
  };
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-sweep-'));
  try {
    writeSweepOutputs(dir, runJson, outputs, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return outputs.length;
}

/** The sweep suite: wall seconds of a small `kubesim compare` (2 policies × 2 seeds), per sample. */
export const sweepSuite: Suite = {
  name: 'sweep',
  description: 'a small `kubesim compare`: workloads/minikube.yaml, 2 policies x 2 seeds, output folder written',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    // Each sample is well under a second: as many as a micro case.
    const samples = samplesOf(options, DEFAULT_MICRO_SAMPLES);
    const small = options.small === true;
    const c = small ? 'minikube-10m-2x2' : 'minikube-2x2';
    await runSweepOnce(small); // warm-up: module loading and compilation are not the sweep's
    const rows: BenchRow[] = [];
    for (let s = 0; s < samples; s++) {
      const t0 = performance.now();
      await runSweepOnce(small);
      rows.push({ suite: 'sweep', case: c, metric: 'wall_s', value: round((performance.now() - t0) / 1000, 3), unit: 's' });
    }
    return rows;
  },
};
