import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../UsageError.js';
import { type RunJson, sweepIdentity } from './runJson.js';

/** The files a sweep writes into its output folder. */
export const OUTPUT_FILES = ['summary.csv', 'pods.csv', 'timeseries.csv', 'curve.csv', 'perf.csv', 'compare.csv', 'report.html', 'run.json', 'failures.csv'] as const;

/**
 * Refuses an output folder that holds another sweep's files: a folder with a
 * run.json of a different sweep, or kubesim's files without a run.json. The
 * same sweep may be run again into its own folder (it writes the same bytes).
 * Nothing is written before this check passes.
 */
export function checkOutputFolder(dir: string, next: RunJson): void {
  if (!existsSync(dir)) return;
  const present = new Set(readdirSync(dir));
  const ours = OUTPUT_FILES.filter((f) => present.has(f));
  if (ours.length === 0) return;
  if (!present.has('run.json')) {
    throw new UsageError(`--out ${dir}: the folder holds ${ours.join(', ')} of another sweep (no run.json); choose another folder or remove them`);
  }
  let previous: RunJson;
  try {
    previous = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;
  } catch {
    throw new UsageError(`--out ${dir}: run.json there is not a kubesim run.json; choose another folder`);
  }
  if (sweepIdentity(previous) !== sweepIdentity(next) || JSON.stringify(previous.shard ?? null) !== JSON.stringify(next.shard ?? null)) {
    throw new UsageError(`--out ${dir}: the folder holds the results of another sweep (see its run.json); choose another folder or remove it`);
  }
}
