import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/api/InputError.js';
import { toCsv } from '../../src/metrics/csv.js';
import { mergeSweeps, parseRunManifest, type RunId, type RunManifest, type SweepPart } from '../../src/metrics/merge.js';
import { SUMMARY_COLUMNS, type SummaryRow } from '../../src/metrics/types.js';
import { perfRow, podRow, summaryRow, timeseriesRow } from './report/fixtures.js';

const base: Omit<RunManifest, 'runs'> = {
  kubesim: '0.1.0',
  command: 'compare',
  workloads: ['workloads/web.yaml', 'workloads/batch.yaml'],
  policies: ['default', 'most-allocated'],
  seeds: [3, 1, 2],
  sets: ['cluster.nodes=10'],
  baseline: 'default',
  inputs: { 'workloads/web.yaml': 'aa', 'workloads/batch.yaml': 'bb' },
};

/** What the unsharded sweep writes, in its order: workload (metadata.name), policy, seed in --seeds order. */
function unsharded(): SweepPart {
  const runs: RunId[] = [];
  for (const workload of ['web', 'batch']) for (const policy of base.policies) for (const seed of base.seeds) runs.push({ workload, policy, seed });
  return {
    runJson: { ...base, runs },
    summary: runs.map((r, i) => summaryRow(r.workload, r.policy, r.seed, { makespan_s: 100 + i })),
    pods: runs.flatMap((r) => [podRow(r.workload, r.policy, r.seed, 'p-b', 2), podRow(r.workload, r.policy, r.seed, 'p-a', 1)]),
    timeseries: runs.flatMap((r) => [timeseriesRow(r.workload, r.policy, r.seed, 0, 1, 2), timeseriesRow(r.workload, r.policy, r.seed, 10, 3, 4)]),
    perf: runs.map((r, i) => perfRow(r.workload, r.policy, r.seed, i)),
    curve: runs.flatMap((r, i) => [99, 100].map((arrived_pct) => ({
      workload: r.workload, policy: r.policy, seed: r.seed, arrived_pct, allocated_gpu_pct: i, unallocated_gpu_pct: 100 - i, frag_gpu_pct: 1, frag_ratio_pct: '' as const,
    }))),
  };
}

/** Shard `index` (1-based) of `count`: a contiguous slice of the runs, as `kubesim compare --shard index/count` writes it. */
function shard(whole: SweepPart, index: number, count: number): SweepPart {
  const all = whole.runJson.runs;
  const slice = all.slice(Math.floor(((index - 1) * all.length) / count), Math.floor((index * all.length) / count));
  const keep = (r: RunId): boolean => slice.some((x) => x.workload === r.workload && x.policy === r.policy && x.seed === r.seed);
  return {
    runJson: { ...whole.runJson, shard: { index, count }, runs: slice },
    summary: whole.summary.filter(keep),
    pods: whole.pods.filter(keep),
    timeseries: whole.timeseries.filter(keep),
    perf: whole.perf.filter(keep),
    curve: (whole.curve ?? []).filter(keep),
    source: `out/shard-${index}`,
  };
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('mergeSweeps', () => {
  const whole = unsharded();

  it('joins shards, given in any order, into exactly the unsharded sweep', () => {
    for (const count of [1, 2, 5, 12]) {
      const shards = Array.from({ length: count }, (_, i) => shard(whole, i + 1, count)).reverse();
      const merged = mergeSweeps(shards);
      expect(merged.summary).toEqual(whole.summary);
      expect(merged.pods).toEqual(whole.pods);
      expect(merged.timeseries).toEqual(whole.timeseries);
      expect(merged.perf).toEqual(whole.perf);
      expect(merged.curve).toEqual(whole.curve);
      expect(merged.runJson).toEqual(whole.runJson);
      expect(merged.missing).toEqual([]);
      const csv = (rows: readonly SummaryRow[]): string => toCsv(SUMMARY_COLUMNS, rows.map((r) => SUMMARY_COLUMNS.map((c) => r[c])));
      expect(csv(merged.summary)).toBe(csv(whole.summary));
    }
  });

  it('checks that curve.csv rows belong to the shard\'s runs', () => {
    const a = shard(whole, 1, 2);
    const b = shard(whole, 2, 2);
    expect(errorOf(() => mergeSweeps([a, { ...b, curve: [...(b.curve ?? []), ...(a.curve ?? []).slice(0, 1)] }]))).toBe(
      'merge: out/shard-2: curve.csv has rows of run web/default/seed 3, which its run.json does not list',
    );
    // Sweeps without placement studies have no curve.csv at all.
    const { curve: _a, ...noCurveA } = a;
    const { curve: _b, ...noCurveB } = b;
    expect(mergeSweeps([noCurveA, noCurveB]).curve).toEqual([]);
  });

  it('orders by workload, policy, then seed in the sweep\'s --seeds order, whatever the order of the shards', () => {
    const merged = mergeSweeps([shard(whole, 3, 3), shard(whole, 1, 3), shard(whole, 2, 3)]);
    expect(merged.summary.map((r) => `${r.workload}/${r.policy}/${r.seed}`).slice(0, 7)).toEqual([
      'web/default/3', 'web/default/1', 'web/default/2', 'web/most-allocated/3', 'web/most-allocated/1', 'web/most-allocated/2', 'batch/default/3',
    ]);
    // Rows within a run keep the order their shard wrote them in.
    expect(merged.pods.slice(0, 2).map((p) => p.name)).toEqual(['p-b', 'p-a']);
    expect(merged.runJson).not.toHaveProperty('shard');
  });

  it('rejects shards of different sweeps, saying what differs', () => {
    const a = shard(whole, 1, 2);
    const b = shard(whole, 2, 2);
    const differ = (patch: Partial<RunManifest>): string => errorOf(() => mergeSweeps([a, { ...b, runJson: { ...b.runJson, ...patch } }]));
    expect(differ({ kubesim: '0.2.0' })).toBe('merge: out/shard-2 is not a shard of the same sweep as out/shard-1: kubesim version differ ("0.2.0" vs "0.1.0")');
    expect(differ({ policies: ['most-allocated', 'default'] })).toMatch(/: policies differ \(\["most-allocated","default"\] vs \["default","most-allocated"\]\)$/);
    expect(differ({ command: 'run' })).toMatch(/: command differ/);
    expect(differ({ workloads: ['workloads/web.yaml'] })).toMatch(/: workloads differ/);
    expect(differ({ seeds: [1, 2, 3] })).toMatch(/: seeds differ \(\[1,2,3\] vs \[3,1,2\]\)$/);
    expect(differ({ sets: [] })).toMatch(/: sets differ/);
    expect(differ({ baseline: 'most-allocated' })).toMatch(/: baseline differ/);
    expect(differ({ inputs: { 'workloads/web.yaml': 'cc', 'workloads/batch.yaml': 'bb' } })).toMatch(/: inputs differ/);
    expect(differ({ shard: { index: 2, count: 3 } })).toMatch(/: shard count differ \(3 vs 2\)$/);
    // The same inputs in another key order: one sweep.
    expect(mergeSweeps([a, { ...b, runJson: { ...b.runJson, inputs: { 'workloads/batch.yaml': 'bb', 'workloads/web.yaml': 'aa' } } }]).summary).toHaveLength(12);
  });

  it('reports missing runs, or merges what is there with allowMissing', () => {
    const parts = [shard(whole, 1, 4), shard(whole, 4, 4)];
    expect(errorOf(() => mergeSweeps(parts))).toBe(
      'merge: 6 of 12 run(s) of the sweep are missing: web/most-allocated/seed 3, web/most-allocated/seed 1, web/most-allocated/seed 2, batch/default/seed 3, batch/default/seed 1, batch/default/seed 2',
    );
    const merged = mergeSweeps(parts, { allowMissing: true });
    expect(merged.missing).toHaveLength(6);
    expect(merged.summary).toEqual([...whole.summary.slice(0, 3), ...whole.summary.slice(9)]);
    expect(merged.runJson.runs).toHaveLength(6);
  });

  it('reports a workload no shard holds by its file, since rows name workloads by metadata.name', () => {
    expect(errorOf(() => mergeSweeps([shard(whole, 1, 2)]))).toBe(
      'merge: 6 of 12 run(s) of the sweep are missing: every run of 1 of the 2 workload files (workloads/web.yaml, workloads/batch.yaml)',
    );
  });

  it('reports duplicated runs and a shard given twice', () => {
    const a = shard(whole, 1, 2);
    const b = shard(whole, 2, 2);
    expect(errorOf(() => mergeSweeps([a, b, { ...a, source: 'copy' }]))).toBe('merge: shard 1/2 given twice (out/shard-1 and copy)');
    const extra = { ...b, runJson: { ...b.runJson, runs: [...b.runJson.runs, whole.runJson.runs[0]!] }, summary: [...b.summary, whole.summary[0]!], perf: [...b.perf, whole.perf[0]!] };
    expect(errorOf(() => mergeSweeps([a, extra]))).toBe('merge: 1 run(s) appear in more than one shard: web/default/seed 3 (out/shard-1 and out/shard-2)');
  });

  it('rejects a part whose rows disagree with its run.json', () => {
    const a = shard(whole, 1, 1);
    expect(errorOf(() => mergeSweeps([{ ...a, summary: a.summary.slice(1) }]))).toBe('merge: out/shard-1: summary.csv has 0 rows for run web/default/seed 3, expected 1');
    expect(errorOf(() => mergeSweeps([{ ...a, runJson: { ...a.runJson, runs: a.runJson.runs.slice(1) } }]))).toBe(
      'merge: out/shard-1: summary.csv has rows of run web/default/seed 3, which its run.json does not list',
    );
    expect(errorOf(() => mergeSweeps([{ ...a, runJson: { ...a.runJson, runs: [...a.runJson.runs, { workload: 'web', policy: 'default', seed: 9 }] } }]))).toBe(
      'merge: out/shard-1: run.json lists run web/default/seed 9, which is not in the sweep\'s policies × seeds',
    );
    expect(errorOf(() => mergeSweeps([]))).toBe('merge: no shard folders given');
  });
});

describe('parseRunManifest', () => {
  const manifest = { ...base, shard: { index: 1, count: 2 }, runs: [{ workload: 'web', policy: 'default', seed: 1 }], profile: 'realistic' };

  it('reads a valid run.json, keeping fields it does not know', () => {
    expect(parseRunManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('names the file and the field that is wrong', () => {
    const bad = (patch: object): string => errorOf(() => parseRunManifest(JSON.stringify({ ...manifest, ...patch }), 'out/a/run.json'));
    expect(errorOf(() => parseRunManifest('{', 'out/a/run.json'))).toMatch(/^out\/a\/run\.json: not valid JSON: /);
    expect(errorOf(() => parseRunManifest('[]'))).toBe('run.json: field "(top level)": expected an object');
    expect(bad({ kubesim: 1 })).toBe('out/a/run.json: field "kubesim": expected a string (the version)');
    expect(bad({ baseline: null })).toBe('out/a/run.json: field "baseline": expected a string');
    expect(bad({ seeds: [1, 2.5] })).toBe('out/a/run.json: field "seeds": expected an array of whole numbers');
    expect(bad({ policies: 'default' })).toBe('out/a/run.json: field "policies": expected an array of strings');
    expect(bad({ inputs: { a: 1 } })).toBe('out/a/run.json: field "inputs": expected an object of path → sha256 strings');
    expect(bad({ shard: { index: 0 } })).toBe('out/a/run.json: field "shard": expected an object {index, count} of whole numbers');
    expect(bad({ runs: [{ workload: 'web', policy: 'default' }] })).toBe('out/a/run.json: field "runs[0]": expected an object {workload, policy, seed}');
  });
});
