/**
 * A placement study (the FGD paper's method) through `kubesim compare` and
 * `kubesim merge`, on a tiny hand-made openb trace so that it runs without
 * the real one: curve.csv is written, deterministic across --jobs, and
 * merged shards give the unsharded files.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

const root = mkdtempSync(join(tmpdir(), 'kubesim-placement-'));
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');

writeFileSync(
  join(root, 'nodes.csv'),
  ['sn,cpu_milli,memory_mib,gpu,model', 'n-0,32000,131072,2,V100M16', 'n-1,32000,131072,2,V100M16', 'n-2,16000,65536,1,T4', 'n-3,16000,65536,1,T4', ''].join('\n'),
);
const pods = ['name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time'];
const shapes = [
  [4000, 1, 500, ''], [2000, 1, 250, ''], [8000, 2, 1000, ''], [1000, 0, 0, ''], [6000, 1, 1000, 'T4'],
  [3000, 1, 700, 'V100M16'], [2000, 1, 300, ''], [4000, 1, 1000, ''], [12000, 0, 0, ''], [2000, 1, 200, 'T4'],
] as const;
shapes.forEach(([cpu, gpus, milli, spec], i) => pods.push(`p-${String(i).padStart(2, '0')},${cpu},4096,${gpus},${milli},${spec},LS,Running,${i * 10},${i * 10 + 500},${i * 10}`));
writeFileSync(join(root, 'pods.csv'), `${pods.join('\n')}\n`);
const WORKLOAD = join(root, 'tiny-openb.yaml');
writeFileSync(
  WORKLOAD,
  `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: tiny-openb}
trace: {format: openb, dir: ".", nodeList: nodes.csv, podList: pods.csv, tune: 1.3, mode: placement}
`,
);

function compare(out: string, ...extra: string[]) {
  return kubesim('compare', WORKLOAD, '--policies', 'fgd,best-fit', '--seeds', '1..2', '--out', out, ...extra);
}

describe('kubesim compare on a placement study', () => {
  const one = join(root, 'jobs1');
  const two = join(root, 'jobs2');
  const r1 = compare(one, '--jobs', '1');
  const r2 = compare(two, '--jobs', '2');

  it('writes curve.csv beside the usual files, and the summary at 100 % arrived', () => {
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    expect(readdirSync(one).sort()).toEqual(['compare.csv', 'curve.csv', 'perf.csv', 'pods.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']);
    const curve = read(one, 'curve.csv').trim().split('\n');
    expect(curve[0]).toBe('workload,policy,seed,arrived_pct,allocated_gpu_pct,unallocated_gpu_pct,frag_gpu_pct,frag_ratio_pct');
    const rows = curve.slice(1).map((l) => l.split(','));
    expect(new Set(rows.map((r) => `${r[1]}/${r[2]}`))).toEqual(new Set(['fgd/1', 'fgd/2', 'best-fit/1', 'best-fit/2']));
    for (const r of rows) expect(Number(r[4]) + Number(r[5])).toBeCloseTo(100, 6);
    const summary = read(one, 'summary.csv').trim().split('\n').slice(1).map((l) => l.split(','));
    // unallocated_gpu_pct is the curve's row at arrived 100 %.
    for (const s of summary) {
      const at100 = rows.find((r) => r[1] === s[1] && r[2] === s[2] && r[3] === '100');
      expect(s[21]).toBe(at100?.[5] ?? '');
    }
    // The trace's node and pod lists are inputs of the sweep.
    expect(Object.keys(JSON.parse(read(one, 'run.json')).inputs as object).sort()).toEqual([join(root, 'nodes.csv'), join(root, 'pods.csv'), WORKLOAD].sort());
  });

  it('gives byte-identical curve and summary with --jobs 1 and --jobs 2', () => {
    expect(r2.status).toBe(0);
    for (const f of ['summary.csv', 'curve.csv', 'compare.csv']) expect(read(two, f), f).toBe(read(one, f));
  });

  it('merges shards into the unsharded curve.csv', () => {
    const s1 = join(root, 's1');
    const s2 = join(root, 's2');
    expect(compare(s1, '--shard', '1/2', '--jobs', '1').status).toBe(0);
    expect(compare(s2, '--shard', '2/2', '--jobs', '1').status).toBe(0);
    const merged = join(root, 'merged');
    expect(kubesim('merge', s1, s2, '--out', merged).status).toBe(0);
    for (const f of ['summary.csv', 'curve.csv', 'compare.csv']) expect(read(merged, f), f).toBe(read(one, f));
  });

  it('refuses a malformed trace with exit 2, naming file, line and column, and writes nothing', () => {
    writeFileSync(join(root, 'bad.csv'), `${pods[0]}\np-00,4000,4096,1,1500,,LS,Running,0,1,0\n`);
    const out = join(root, 'bad-out');
    const r = kubesim('run', WORKLOAD, '--set', 'trace.podList=bad.csv', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:2: column "gpu_milli": /);
    expect(() => readdirSync(out)).toThrow();
  });
});
