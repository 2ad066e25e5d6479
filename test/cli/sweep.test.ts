import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kubesim } from './run.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const TINY = fixture('tiny.yaml');
const root = mkdtempSync(join(tmpdir(), 'kubesim-sweep-'));
const read = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8');
const DETERMINISTIC = ['summary.csv', 'pods.csv', 'timeseries.csv', 'compare.csv'];

function compare(out: string, ...extra: string[]) {
  return kubesim('compare', TINY, '--policies', 'default,most-allocated', '--seeds', '1..2', '--out', out, ...extra);
}

describe('kubesim compare', () => {
  const one = join(root, 'jobs1');
  const two = join(root, 'jobs2');
  const r1 = compare(one, '--jobs', '1');
  const r2 = compare(two, '--jobs', '2');

  it('writes every output file of the sweep', () => {
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    expect(readdirSync(one).sort()).toEqual(['compare.csv', 'perf.csv', 'pods.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']);
    const summary = read(one, 'summary.csv').trim().split('\n');
    expect(summary[0]).toBe(
      'workload,policy,seed,nodes,pods_created,pods_scheduled,pods_unschedulable,pods_completed,pods_failed,scheduling_attempts,preemptions,evictions,pending_s_p50,pending_s_p90,pending_s_p99,startup_s_p50,startup_s_p99,cpu_alloc_pct_mean,mem_alloc_pct_mean,gpu_alloc_pct_mean,makespan_s,unallocated_gpu_pct,frag_gpu_pct',
    );
    expect(summary.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['tiny,default,1,6', 'tiny,default,2,6', 'tiny,most-allocated,1,6', 'tiny,most-allocated,2,6']);
    const compareRows = read(one, 'compare.csv').trim().split('\n');
    expect(compareRows[0]).toBe('workload,policy,metric,mean,ci95_low,ci95_high,n,delta_pct');
    expect(read(one, 'report.html')).not.toMatch(/https?:\/\//);
    expect(JSON.parse(read(one, 'run.json'))).toMatchObject({ command: 'compare', policies: ['default', 'most-allocated'], seeds: [1, 2], baseline: 'default' });
  });

  it('gives byte-identical deterministic files with --jobs 1 and --jobs 2, and on a rerun', () => {
    expect(r2.status).toBe(0);
    for (const f of DETERMINISTIC) expect(read(two, f), f).toBe(read(one, f));
    const again = join(root, 'again');
    expect(compare(again, '--jobs', '2').status).toBe(0);
    for (const f of DETERMINISTIC) expect(read(again, f), f).toBe(read(one, f));
    // Rerunning into its own folder is allowed and writes the same bytes.
    expect(compare(one, '--jobs', '2').status).toBe(0);
    for (const f of DETERMINISTIC) expect(read(two, f), f).toBe(read(one, f));
  });

  it('merges two shards into the unsharded sweep, byte for byte', () => {
    const s1 = join(root, 'shard1');
    const s2 = join(root, 'shard2');
    expect(compare(s1, '--shard', '1/2', '--jobs', '1').status).toBe(0);
    expect(compare(s2, '--shard', '2/2', '--jobs', '1').status).toBe(0);
    const merged = join(root, 'merged');
    const m = kubesim('merge', s1, s2, '--out', merged);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    for (const f of DETERMINISTIC) expect(read(merged, f), f).toBe(read(one, f));
  });
});

describe('kubesim compare: bad input', () => {
  it('refuses seeds like 5..1, exit 2', () => {
    const r = kubesim('compare', TINY, '--policies', 'default', '--seeds', '5..1', '--out', join(root, 'x'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--seeds: "5\.\.1": the range runs backwards/);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('refuses an unknown policy and a missing workload before anything runs', () => {
    const p = kubesim('compare', TINY, '--policies', 'default,nope', '--out', join(root, 'y'));
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/nope/);
    const w = kubesim('compare', join(root, 'missing.yaml'), '--policies', 'default', '--out', join(root, 'y'));
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/missing\.yaml: cannot read workload file: no such file/);
    expect(existsSync(join(root, 'y'))).toBe(false);
  });

  it("refuses a folder that holds another sweep's files and overwrites nothing", () => {
    const dir = join(root, 'taken');
    expect(kubesim('run', TINY, '--out', dir).status).toBe(0);
    const before = read(dir, 'summary.csv');
    const r = compare(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds the results of another sweep/);
    expect(read(dir, 'summary.csv')).toBe(before);
    const foreign = mkdtempSync(join(root, 'foreign-'));
    writeFileSync(join(foreign, 'summary.csv'), 'mine\n');
    expect(compare(foreign).status).toBe(2);
    expect(read(foreign, 'summary.csv')).toBe('mine\n');
  });

  it('reports a run that crashes in its worker with its workload, policy and seed; the rest completes; exit 1', () => {
    const dir = join(root, 'crash');
    const r = kubesim('compare', TINY, '--policies', `default,${fixture('crash-policy.mjs')}`, '--seeds', '1', '--out', dir, '--jobs', '2');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/1 of 2 runs failed/);
    expect(r.stderr).toMatch(/tiny policy=.*crash-policy\.mjs seed=1: .*the Crash plugin fails/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const summary = read(dir, 'summary.csv').trim().split('\n');
    expect(summary.length).toBe(2);
    expect(summary[1]).toMatch(/^tiny,default,1,/);
    expect(read(dir, 'failures.csv')).toMatch(/crash-policy\.mjs,1,/);
  });
});
