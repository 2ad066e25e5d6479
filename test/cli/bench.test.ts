import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

describe('kubesim bench engine', () => {
  it('writes suite,case,metric,value,unit rows for the three hold cases', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
    const out = join(dir, 'engine.csv');
    const r = kubesim('bench', 'engine', '--time-ms', '50', '--out', out);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('suite,case,metric,value,unit');
    const rates = lines
      .slice(1)
      .map((l) => l.split(','))
      .filter((cells) => cells[2] === 'events_per_s');
    expect(rates.map((c) => c[1])).toEqual(['hold-1000', 'hold-100000', 'hold-1000000']);
    for (const cells of rates) {
      expect(cells[0]).toBe('engine');
      expect(cells[4]).toBe('events/s');
      expect(Number(cells[3])).toBeGreaterThan(0);
    }
    // Written through a temporary file and a rename: nothing else is left behind.
    expect(readdirSync(dir)).toEqual(['engine.csv']);
  });
});

describe('kubesim bench cluster', () => {
  it('runs the 1,000-node workload (5 simulated minutes with --time-ms under 500) and reports its rates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
    const out = join(dir, 'cluster.csv');
    const r = kubesim('bench', 'cluster', '--time-ms', '50', '--out', out);
    expect(r.stderr).toMatch(/bench: wrote 6 rows/);
    expect(r.status).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((c) => c[2])).toEqual(['wall_s', 'sim_s_per_wall_s', 'events_per_s', 'sim_events', 'containers_created', 'samples']);
    for (const c of rows) expect([c[0], c[1]]).toEqual(['cluster', 'hour-1000']);
    // 1,000 DaemonSet pods start in the first minutes, at least.
    expect(Number(rows.find((c) => c[2] === 'containers_created')![3])).toBeGreaterThanOrEqual(1000);
  });
});
