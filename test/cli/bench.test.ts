import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

/** The rows of a bench CSV (after the header), split on commas (no value here holds one). */
function readRows(path: string): { header: string; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  return { header: lines[0]!, rows: lines.slice(1).map((l) => l.split(',')) };
}

describe('kubesim bench', () => {
  it('writes every sample, the machine rows and the calibration rows; prints only medians', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
    const out = join(dir, 'engine.csv');
    const r = kubesim('bench', 'engine', '--samples', '5', '--time-ms', '20', '--out', out);
    expect(r.stderr).toMatch(/bench: wrote \d+ rows/);
    expect(r.status).toBe(0);
    const { header, rows } = readRows(out);
    expect(header).toBe('suite,case,metric,value,unit');
    // The machine first, in the agreed rows.
    expect(rows.slice(0, 6).map((c) => `${c[0]},${c[1]},${c[2]},${c[4]}`)).toEqual([
      'machine,host,cpus,count',
      'machine,host,memory,bytes',
      'machine,host,cpu_model,text',
      'machine,host,node,text',
      'machine,host,kubesim,text',
      'machine,host,os,text',
    ]);
    expect(rows[3]![3]).toBe(process.version);
    // Calibration before and after the suite: 5 samples each.
    const calibration = rows.filter((c) => c[0] === 'calibration');
    expect(calibration).toHaveLength(10);
    for (const c of calibration) expect([c[1], c[2], c[4]]).toEqual(['cpu-memory', 'ops_per_s', 'ops/s']);
    expect(rows.slice(6, 11).every((c) => c[0] === 'calibration')).toBe(true);
    expect(rows.slice(-5).every((c) => c[0] === 'calibration')).toBe(true);
    // Five samples of each hold case, every value a positive number.
    const engine = rows.filter((c) => c[0] === 'engine');
    for (const pending of ['1000', '100000', '1000000']) {
      const samples = engine.filter((c) => c[1] === `hold-${pending}`);
      expect(samples).toHaveLength(5);
      for (const c of samples) {
        expect([c[2], c[4]]).toEqual(['events_per_s', 'events/s']);
        expect(Number(c[3])).toBeGreaterThan(0);
      }
    }
    expect(rows).toHaveLength(6 + 10 + 15);
    // The table: the machine, then one line per case with its median, not one per sample.
    expect(r.stdout).toMatch(/^machine: .*\d+ cpus/);
    expect(r.stdout).toMatch(/suite\s+case\s+metric\s+median\s+unit\s+n\s+spread/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('engine'))).toHaveLength(3);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('calibration'))).toHaveLength(1);
    // Written through a temporary file and a rename: nothing else is left behind.
    expect(readdirSync(dir)).toEqual(['engine.csv']);
  });

  it('--small runs the macro suites small: the cluster suite simulates 5 minutes of the 1,000-node cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
    const out = join(dir, 'cluster.csv');
    const r = kubesim('bench', 'cluster', '--small', '--samples', '1', '--out', out);
    expect(r.status).toBe(0);
    const rows = readRows(out).rows.filter((c) => c[0] === 'cluster');
    expect(rows.map((c) => `${c[1]},${c[2]},${c[4]}`)).toEqual(['minutes-5-1000,wall_s,s', 'minutes-5-1000,sim_s_per_wall_s,x', 'minutes-5-1000,events_per_s,events/s']);
    for (const c of rows) expect(Number(c[3])).toBeGreaterThan(0);
  });

  it('names the known suites for an unknown one (exit 2)', () => {
    const r = kubesim('bench', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown benchmark suite "nope"; known suites: engine, random, plugins, scheduler, cluster, sweep, scale/);
  });

  it('the scale suite (a 70 s hour of 5,000 nodes) runs only when named', () => {
    const r = kubesim('bench', '--help');
    expect(r.status).toBe(0);
    // Commander wraps the description: compare it with the line breaks taken out.
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/engine, random, plugins, scheduler, cluster, sweep; all when none is named; scale only when named/);
  });
});
