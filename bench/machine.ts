import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import type { BenchRow } from './BenchRow.js';

/** kubesim's version, from the package.json two folders up (bench/ in the source tree, dist/bench/ when built). */
function kubesimVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kubesim' && pkg.version !== undefined) return pkg.version;
    } catch {
      // not at this level: try the next
    }
  }
  return 'unknown';
}

/**
 * The machine a bench run measured, as rows of suite `machine`, case `host`
 * (the format agreed with `kubesim gate`): cpus, memory, cpu_model, node,
 * kubesim and os. Values may be text here.
 */
export function machineRows(): BenchRow[] {
  const cores = cpus();
  const row = (metric: string, value: number | string, unit: string): BenchRow => ({ suite: 'machine', case: 'host', metric, value, unit });
  return [
    row('cpus', cores.length, 'count'),
    row('memory', totalmem(), 'bytes'),
    row('cpu_model', cores[0]?.model.trim() ?? 'unknown', 'text'),
    row('node', process.version, 'text'),
    row('kubesim', kubesimVersion(), 'text'),
    row('os', `${platform()} ${release()}`, 'text'),
  ];
}
