/** One run of a sweep: a workload file, a policy, a seed. */
export interface PlannedRun {
  /** Position in the whole sweep (workload-major, then policy, then seed). */
  readonly index: number;
  /** The workload file as given on the command line. */
  readonly workloadFile: string;
  /** The policy as given (a built-in name, a configuration file or a module). */
  readonly policy: string;
  readonly seed: number;
}

/**
 * Every run of a sweep, in the canonical order the output files use:
 * workloads in command-line order, then policies in `--policies` order, then
 * seeds in `--seeds` order.
 */
export function planSweep(workloadFiles: readonly string[], policies: readonly string[], seeds: readonly number[]): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const workloadFile of workloadFiles) {
    for (const policy of policies) for (const seed of seeds) runs.push({ index: runs.length, workloadFile, policy, seed });
  }
  return runs;
}

/**
 * The runs of shard `index` of `count` (1-based): contiguous slices of the
 * canonical order, sizes differing by at most one, so merging the shards in
 * index order gives the whole sweep's order back.
 */
export function shardOf<T>(runs: readonly T[], index: number, count: number): T[] {
  const start = Math.floor(((index - 1) * runs.length) / count);
  const end = Math.floor((index * runs.length) / count);
  return runs.slice(start, end);
}
