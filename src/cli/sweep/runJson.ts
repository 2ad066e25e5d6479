import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinPolicy } from '../../scheduler/policies/builtins.js';

/**
 * run.json: what a sweep was — kubesim's version, the workloads, policies,
 * seeds and `--set` overrides, the baseline, the shard, every run, and a
 * SHA-256 of every input file — so a result folder says how to reproduce it.
 * No timestamp and no thread count: two runs of one command write the same bytes.
 */
export interface RunJson {
  kubesim: string;
  command: 'run' | 'compare';
  workloads: string[];
  policies: string[];
  seeds: number[];
  sets: string[];
  baseline: string;
  /** sha256 of each input file (workloads, policy files and modules), by the path as given. */
  inputs: Record<string, string>;
  shard?: { index: number; count: number };
  runs: { workload: string; policy: string; seed: number }[];
}

/** sha256 of a file's bytes, as hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The input files of a sweep: the workloads, and each policy that is a file rather than a built-in name. */
export function inputHashes(workloads: readonly string[], policies: readonly string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const w of workloads) inputs[w] = sha256File(w);
  for (const p of policies) if (builtinPolicy(p) === undefined && existsSync(p) && statSync(p).isFile()) inputs[p] = sha256File(p);
  return inputs;
}

/** What makes two run.json files the same sweep (the shard aside): everything that decides the results. */
export function sweepIdentity(r: RunJson): string {
  return JSON.stringify([r.kubesim, r.workloads, r.policies, r.seeds, r.sets, r.inputs]);
}
