/**
 * A line-by-line reference of upstream's InterPodAffinity (v1.34.1
 * filtering.go / scoring.go) with none of the plugin's shortcuts: Go-style
 * maps keyed by "key\0value", every node and pod visited, the node's labels
 * walked for existing anti-affinity. The property tests compare the plugin
 * against it on random clusters.
 */
import type { Labels } from '../../../../src/api/labels.js';
import type { SchedulerCache } from '../../../../src/scheduler/cache/Cache.js';
import type { AffinityTerm } from '../../../../src/scheduler/framework/AffinityTerm.js';
import type { NodeInfo } from '../../../../src/scheduler/framework/NodeInfo.js';
import type { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../../src/scheduler/framework/Status.js';

type Counts = Map<string, number>;
const pair = (k: string, v: string): string => `${k}\u0000${v}`;
const has = (labels: Labels, k: string): boolean => Object.hasOwn(labels, k);

/** An incoming term after mergeAffinityTermNamespacesIfNotEmpty, as a match function. */
interface Merged {
  topologyKey: string;
  matches(p: PodInfo): boolean;
}

function merge(t: AffinityTerm, cache: SchedulerCache): Merged {
  const names = new Set(t.namespaces);
  let everything = false;
  if (t.namespaceSelector.empty()) everything = true;
  else for (const ns of cache.objects.list('Namespace')) if (t.namespaceSelector.matches(ns.metadata.labels ?? {})) names.add(ns.metadata.name ?? '');
  return { topologyKey: t.topologyKey, matches: (p) => (names.has(p.namespace) || everything) && t.selector.matches(p.labels) };
}

function update(m: Counts, labels: Labels, k: string, v: number): void {
  if (!has(labels, k)) return;
  const key = pair(k, labels[k]!);
  const n = (m.get(key) ?? 0) + v;
  if (n === 0) m.delete(key);
  else m.set(key, n);
}

function matchesAll(terms: Merged[], p: PodInfo): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => t.matches(p));
}

/** The reference PreFilter state, or 'Skip'. */
export interface OracleFilterState {
  pod: PodInfo;
  aff: Merged[];
  anti: Merged[];
  existing: Counts;
  affinity: Counts;
  antiAffinity: Counts;
  nsLabels: Labels;
  /** PreFilter's Skip: no existing anti-affinity match and no required terms of its own. */
  skip: boolean;
}

export function oraclePreFilter(pod: PodInfo, cache: SchedulerCache): OracleFilterState {
  const nsLabels = cache.objects.namespaceLabels(pod.namespace) ?? {};
  const existing: Counts = new Map();
  // Every pod of every node (not the cache's list of nodes with anti-affinity pods, which this cross-checks).
  for (const n of cache.nodeInfoList()) {
    for (const e of n.pods) {
      for (const t of e.requiredAntiAffinityTerms) if (t.matches(pod.namespace, pod.labels, nsLabels)) update(existing, n.labels, t.topologyKey, 1);
    }
  }
  const aff = pod.requiredAffinityTerms.map((t) => merge(t, cache));
  const anti = pod.requiredAntiAffinityTerms.map((t) => merge(t, cache));
  const affinity: Counts = new Map();
  const antiAffinity: Counts = new Map();
  if (aff.length > 0 || anti.length > 0) {
    for (const n of cache.nodeInfoList()) {
      for (const e of n.pods) {
        if (matchesAll(aff, e)) for (const t of aff) update(affinity, n.labels, t.topologyKey, 1);
        for (const t of anti) if (t.matches(e)) update(antiAffinity, n.labels, t.topologyKey, 1);
      }
    }
  }
  const skip = existing.size === 0 && aff.length === 0 && anti.length === 0;
  return { pod, aff, anti, existing, affinity, antiAffinity, nsLabels, skip };
}

/** updateWithPod on the reference state. */
export function oracleUpdate(s: OracleFilterState, p: PodInfo, n: NodeInfo, mult: number): void {
  for (const t of p.requiredAntiAffinityTerms) if (t.matches(s.pod.namespace, s.pod.labels, s.nsLabels)) update(s.existing, n.labels, t.topologyKey, mult);
  if (matchesAll(s.aff, p)) for (const t of s.aff) update(s.affinity, n.labels, t.topologyKey, mult);
  for (const t of s.anti) if (t.matches(p)) update(s.antiAffinity, n.labels, t.topologyKey, mult);
}

/** The reference Filter code for a node. */
export function oracleFilter(s: OracleFilterState, n: NodeInfo): Code {
  const labels = n.labels;
  let podsExist = true;
  let affinityOk = true;
  for (const t of s.aff) {
    if (!has(labels, t.topologyKey)) {
      affinityOk = false;
      break;
    }
    if ((s.affinity.get(pair(t.topologyKey, labels[t.topologyKey]!)) ?? 0) <= 0) podsExist = false;
  }
  if (affinityOk && !podsExist) affinityOk = s.affinity.size === 0 && matchesAll(s.aff, s.pod);
  if (!affinityOk) return Code.UnschedulableAndUnresolvable;
  if (s.antiAffinity.size > 0) {
    for (const t of s.anti) {
      if (has(labels, t.topologyKey) && (s.antiAffinity.get(pair(t.topologyKey, labels[t.topologyKey]!)) ?? 0) > 0) return Code.Unschedulable;
    }
  }
  if (s.existing.size > 0) {
    for (const k of Object.keys(labels)) if ((s.existing.get(pair(k, labels[k]!)) ?? 0) > 0) return Code.Unschedulable;
  }
  return Code.Success;
}

/** The counts as `key=value` → n, sorted, for comparison with TopologyCounts.toObject(). */
export function countsObject(m: Counts): Record<string, number> {
  const entries = [...m].map(([k, n]) => [k.replace('\u0000', '='), n] as [string, number]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}

/** Reference PreScore + Score + NormalizeScore over `nodes`; 'Skip' as upstream. */
export function oracleScores(
  pod: PodInfo,
  cache: SchedulerCache,
  nodes: readonly NodeInfo[],
  args: { hardPodAffinityWeight: number; ignorePreferredTermsOfExistingPods: boolean },
): number[] | 'Skip' {
  if (nodes.length === 0) return 'Skip';
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return 'Skip';
  const all = cache.nodeInfoList();
  const aff = pod.preferredAffinityTerms.map((t) => ({ m: merge(t.term, cache), w: t.weight }));
  const anti = pod.preferredAntiAffinityTerms.map((t) => ({ m: merge(t.term, cache), w: t.weight }));
  const nsLabels = cache.objects.namespaceLabels(pod.namespace) ?? {};
  const topo = new Map<string, Map<string, number>>();
  const add = (labels: Labels, k: string, d: number): void => {
    if (!has(labels, k)) return;
    let m = topo.get(k);
    if (m === undefined) topo.set(k, (m = new Map()));
    m.set(labels[k]!, (m.get(labels[k]!) ?? 0) + d);
  };
  for (const n of all) {
    for (const e of hasConstraints ? n.pods : n.pods.filter((p) => p.hasAffinity)) {
      if (Object.keys(n.labels).length === 0) continue;
      for (const t of aff) if (t.m.matches(e)) add(n.labels, t.m.topologyKey, t.w);
      for (const t of anti) if (t.m.matches(e)) add(n.labels, t.m.topologyKey, -t.w);
      if (args.hardPodAffinityWeight > 0) {
        for (const t of e.requiredAffinityTerms) if (t.matches(pod.namespace, pod.labels, nsLabels)) add(n.labels, t.topologyKey, args.hardPodAffinityWeight);
      }
      for (const t of e.preferredAffinityTerms) if (t.term.matches(pod.namespace, pod.labels, nsLabels)) add(n.labels, t.term.topologyKey, t.weight);
      for (const t of e.preferredAntiAffinityTerms) if (t.term.matches(pod.namespace, pod.labels, nsLabels)) add(n.labels, t.term.topologyKey, -t.weight);
    }
  }
  if (topo.size === 0) return 'Skip';
  const raw = nodes.map((n) => {
    let s = 0;
    for (const [k, vals] of topo) if (has(n.labels, k)) s += vals.get(n.labels[k]!) ?? 0;
    return s;
  });
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  return raw.map((s) => (max - min > 0 ? Math.trunc(100 * ((s - min) / (max - min))) : 0));
}
