import { InputError } from '../api/InputError.js';
import type { CurveRow, PerfRow, PodRow, RunKey, SummaryRow, TimeseriesRow } from './types.js';

/** The run of one sweep (workload, policy, seed), as run.json lists it. */
export interface RunId {
  /** The workload's metadata.name, as the rows carry it. */
  readonly workload: string;
  readonly policy: string;
  readonly seed: number;
}

/**
 * run.json: what a sweep (or one shard of it) was asked to do — the shape the
 * CLI writes (src/cli/sweep/runJson.ts), restated here so that metrics code
 * does not depend on the CLI.
 */
export interface RunManifest {
  /** kubesim's version. */
  readonly kubesim: string;
  /** `run` or `compare`. */
  readonly command: string;
  /** The workload files as given, in the sweep's order. */
  readonly workloads: readonly string[];
  readonly policies: readonly string[];
  /** In the sweep's order (the order runs are written in). */
  readonly seeds: readonly number[];
  /** `--set path=value` overrides, in the order given. */
  readonly sets: readonly string[];
  readonly baseline: string;
  /** Input file path → sha256 of its content. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Present when this folder holds one shard of a sweep (`--shard index/count`, 1-based). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The runs this folder holds, in the sweep's order. */
  readonly runs: readonly RunId[];
}

/** One output folder of a sweep (a shard), read back. */
export interface SweepPart<M extends RunManifest = RunManifest> {
  readonly runJson: M;
  readonly summary: readonly SummaryRow[];
  readonly pods: readonly PodRow[];
  readonly timeseries: readonly TimeseriesRow[];
  readonly perf: readonly PerfRow[];
  /** curve.csv's rows (placement studies; absent or empty otherwise). */
  readonly curve?: readonly CurveRow[];
  /** Where the part came from (its folder), to name it in errors. */
  readonly source?: string;
}

/** The shards joined: what the unsharded sweep would have written. */
export interface MergedSweep<M extends RunManifest = RunManifest> {
  /** The common run.json (the first part's) without `shard`, with `runs` in canonical order. */
  readonly runJson: M;
  readonly summary: SummaryRow[];
  readonly pods: PodRow[];
  readonly timeseries: TimeseriesRow[];
  readonly perf: PerfRow[];
  readonly curve: CurveRow[];
  /**
   * Runs of the sweep no part holds (empty unless `allowMissing`); runs of a
   * workload no part holds at all cannot be named (the rows know workloads by
   * metadata name, run.json by file) and are left out of this list.
   */
  readonly missing: RunId[];
}

/** Options of {@link mergeSweeps}. */
export interface MergeOptions {
  /** Merge what is there when runs are missing, instead of failing; they are listed in `missing`. */
  readonly allowMissing?: boolean;
}

const SHOWN = 10;

function runName(r: RunKey | RunId): string {
  return `${r.workload}/${r.policy}/seed ${r.seed}`;
}

function keyOf(r: RunKey | RunId): string {
  return JSON.stringify([r.workload, r.policy, r.seed]);
}

function partName(part: SweepPart<RunManifest>, i: number): string {
  if (part.source !== undefined) return part.source;
  if (part.runJson.shard !== undefined) return `shard ${part.runJson.shard.index}/${part.runJson.shard.count}`;
  return `part ${i + 1}`;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return items.length > SHOWN ? `${shown} and ${items.length - SHOWN} more` : shown;
}

/** The fields every shard of one sweep must agree on, rendered for comparison and for the message. */
const AGREED: readonly [field: string, render: (m: RunManifest) => string][] = [
  ['kubesim version', (m) => JSON.stringify(m.kubesim)],
  ['command', (m) => JSON.stringify(m.command)],
  ['workloads', (m) => JSON.stringify(m.workloads)],
  ['policies', (m) => JSON.stringify(m.policies)],
  ['seeds', (m) => JSON.stringify(m.seeds)],
  ['sets', (m) => JSON.stringify(m.sets)],
  ['baseline', (m) => JSON.stringify(m.baseline)],
  ['inputs', (m) => JSON.stringify(Object.entries(m.inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))],
  ['shard count', (m) => (m.shard === undefined ? 'none' : String(m.shard.count))],
];

/**
 * Joins the output folders of the shards of one sweep into what the unsharded
 * sweep writes: the rows in canonical order — workload, then policy, then
 * seed, each in the sweep's order (run.json's `policies` and `seeds`; for
 * workloads, the order runs appear in the shards taken by shard index, since
 * run.json lists workload files while rows carry metadata names) — and,
 * within a run, in the order its shard wrote them. Throws an
 * {@link InputError} when the parts are not shards of one sweep (version,
 * command, workloads, policies, seeds, sets, baseline, inputs or shard count
 * differ), when a shard is given twice, a run appears in two parts, a part's
 * rows disagree with its run.json, or (unless `allowMissing`) runs of the
 * sweep are missing.
 */
export function mergeSweeps<M extends RunManifest>(parts: readonly SweepPart<M>[], options: MergeOptions = {}): MergedSweep<M> {
  const first = parts[0];
  if (first === undefined) throw new InputError('merge: no shard folders given');
  const m0 = first.runJson;

  for (const [field, render] of AGREED) {
    const want = render(m0);
    parts.forEach((part, i) => {
      const got = render(part.runJson);
      if (got !== want) {
        throw new InputError(`merge: ${partName(part, i)} is not a shard of the same sweep as ${partName(first, 0)}: ${field} differ (${got} vs ${want})`);
      }
    });
  }
  const shardOwner = new Map<number, string>();
  parts.forEach((part, i) => {
    const shard = part.runJson.shard;
    if (shard === undefined) return;
    const other = shardOwner.get(shard.index);
    if (other !== undefined) throw new InputError(`merge: shard ${shard.index}/${shard.count} given twice (${other} and ${partName(part, i)})`);
    shardOwner.set(shard.index, partName(part, i));
  });

  // Shards in index order list their runs in the sweep's order: the workload names in first-seen order are the sweep's.
  const ordered = parts.map((part, i) => ({ part, name: partName(part, i) })).sort((a, b) => (a.part.runJson.shard?.index ?? 0) - (b.part.runJson.shard?.index ?? 0));
  const workloads: string[] = [];
  for (const { part } of ordered) for (const run of part.runJson.runs) if (!workloads.includes(run.workload)) workloads.push(run.workload);
  if (workloads.length > m0.workloads.length) {
    throw new InputError(`merge: the runs name ${workloads.length} workloads (${list(workloads)}) but the sweep has ${m0.workloads.length} workload files`);
  }
  const policies = new Set(m0.policies);
  const seeds = new Set(m0.seeds);
  const grid: RunId[] = [];
  for (const workload of workloads) for (const policy of m0.policies) for (const seed of m0.seeds) grid.push({ workload, policy, seed });

  // run → the part holding it.
  const holder = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { part, name } of ordered) {
    const own = new Set<string>();
    for (const run of part.runJson.runs) {
      const key = keyOf(run);
      if (!policies.has(run.policy) || !seeds.has(run.seed)) {
        throw new InputError(`merge: ${name}: run.json lists run ${runName(run)}, which is not in the sweep's policies × seeds`);
      }
      if (own.has(key)) throw new InputError(`merge: ${name}: run.json lists run ${runName(run)} twice`);
      own.add(key);
      const other = holder.get(key);
      if (other !== undefined) duplicates.push(`${runName(run)} (${other} and ${name})`);
      else holder.set(key, name);
    }
    checkRows(name, 'summary.csv', part.summary, own, true);
    checkRows(name, 'perf.csv', part.perf, own, true);
    checkRows(name, 'pods.csv', part.pods, own, false);
    checkRows(name, 'timeseries.csv', part.timeseries, own, false);
    checkRows(name, 'curve.csv', part.curve ?? [], own, false);
  }
  if (duplicates.length > 0) throw new InputError(`merge: ${duplicates.length} run(s) appear in more than one shard: ${list(duplicates)}`);

  const present = grid.filter((r) => holder.has(keyOf(r)));
  const missing = grid.filter((r) => !holder.has(keyOf(r)));
  const total = m0.workloads.length * m0.policies.length * m0.seeds.length;
  const unseen = m0.workloads.length - workloads.length;
  if (present.length < total && options.allowMissing !== true) {
    const what = [
      ...(missing.length > 0 ? [list(missing.map(runName))] : []),
      ...(unseen > 0 ? [`every run of ${unseen} of the ${m0.workloads.length} workload files (${list(m0.workloads)})`] : []),
    ];
    throw new InputError(`merge: ${total - present.length} of ${total} run(s) of the sweep are missing: ${what.join('; and ')}`);
  }

  // Rows of every part grouped by run, keeping their order within a run.
  const byRun = <Row extends RunKey>(pick: (p: SweepPart<M>) => readonly Row[]): Row[] => {
    const groups = new Map<string, Row[]>();
    for (const part of parts) {
      for (const row of pick(part)) {
        const key = keyOf(row);
        const g = groups.get(key);
        if (g === undefined) groups.set(key, [row]);
        else g.push(row);
      }
    }
    return present.flatMap((r) => groups.get(keyOf(r)) ?? []);
  };

  const { shard: _shard, ...common } = m0;
  return {
    runJson: { ...common, runs: present } as unknown as M,
    summary: byRun((p) => p.summary),
    pods: byRun((p) => p.pods),
    timeseries: byRun((p) => p.timeseries),
    perf: byRun((p) => p.perf),
    curve: byRun((p) => p.curve ?? []),
    missing,
  };
}

/** Every row belongs to a run the part's run.json lists; with `onePerRun`, each run has exactly one row. */
function checkRows(part: string, file: string, rows: readonly RunKey[], runs: ReadonlySet<string>, onePerRun: boolean): void {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    if (!runs.has(key)) throw new InputError(`merge: ${part}: ${file} has rows of run ${runName(row)}, which its run.json does not list`);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (!onePerRun) return;
  for (const key of runs) {
    const n = counts.get(key) ?? 0;
    if (n !== 1) {
      const [workload, policy, seed] = JSON.parse(key) as [string, string, number];
      throw new InputError(`merge: ${part}: ${file} has ${n} rows for run ${runName({ workload, policy, seed })}, expected 1`);
    }
  }
}

/**
 * run.json `text` read back and checked field by field; `file` names it in
 * the {@link InputError} (`FILE: field "x": ...`). Fields kubesim does not
 * know are kept as they are.
 */
export function parseRunManifest(text: string, file = 'run.json'): RunManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  const fail = (field: string, want: string): never => {
    throw new InputError(`${file}: field "${field}": expected ${want}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('(top level)', 'an object');
  const o = data as Record<string, unknown>;
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
  const strings = (field: string): void => {
    const v = o[field];
    if (!Array.isArray(v) || !v.every(isString)) fail(field, 'an array of strings');
  };
  if (!isString(o['kubesim'])) fail('kubesim', 'a string (the version)');
  if (!isString(o['command'])) fail('command', 'a string');
  if (!isString(o['baseline'])) fail('baseline', 'a string');
  strings('workloads');
  strings('policies');
  strings('sets');
  const seeds = o['seeds'];
  if (!Array.isArray(seeds) || !seeds.every(isInt)) fail('seeds', 'an array of whole numbers');
  const inputs = o['inputs'];
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs) || !Object.values(inputs).every(isString)) {
    fail('inputs', 'an object of path → sha256 strings');
  }
  const shard = o['shard'];
  if (shard !== undefined) {
    const s = shard as Record<string, unknown> | null;
    if (typeof s !== 'object' || s === null || !isInt(s['index']) || !isInt(s['count']) || s['count'] < 1 || s['index'] < 0) {
      fail('shard', 'an object {index, count} of whole numbers');
    }
  }
  const runs = o['runs'];
  if (!Array.isArray(runs)) return fail('runs', 'an array');
  runs.forEach((r: unknown, i) => {
    const run = r as Record<string, unknown> | null;
    if (typeof run !== 'object' || run === null || !isString(run['workload']) || !isString(run['policy']) || !isInt(run['seed'])) {
      fail(`runs[${i}]`, 'an object {workload, policy, seed}');
    }
  });
  return data as RunManifest;
}
