/**
 * Builders for the InterPodAffinity tests, mirroring upstream's st.MakePod()
 * affinity helpers (PodAffinityIn, PodAntiAffinityExists, ...) and the test
 * harness (a snapshot with namespaces, PreFilter then Filter, PreScore then
 * Score then NormalizeScore).
 */
import type { Affinity, LabelSelector, Namespace, Node, Pod, PodAffinityTerm } from '../../../../src/api/types.js';
import { SchedulerCache } from '../../../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code, type Result } from '../../../../src/scheduler/framework/Status.js';
import {
  InterPodAffinity,
  InterPodAffinityPlugin,
  type InterPodAffinityArgs,
} from '../../../../src/scheduler/plugins/InterPodAffinity.js';
import { makeHandle, makeNode } from '../../fixtures.js';

/** st.PodAffinityWithRequiredReq / PodAffinityWithPreferredReq. */
export type Kind = 'required' | 'preferred';

let uid = 0;

/** st.MakePod(): namespace "" and no labels unless set; a unique uid. */
export class PodBuilder {
  private readonly pod: Pod;

  constructor(name = '') {
    this.pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: '', uid: `ipa-uid-${uid++}` }, spec: { containers: [{ name: 'c' }] } };
  }

  name(n: string): this {
    this.pod.metadata.name = n;
    return this;
  }

  namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }

  node(n: string): this {
    this.pod.spec.nodeName = n;
    return this;
  }

  label(k: string, v: string): this {
    this.pod.metadata.labels = { ...(this.pod.metadata.labels ?? {}), [k]: v };
    return this;
  }

  labels(ls: Record<string, string>): this {
    this.pod.metadata.labels = { ...(this.pod.metadata.labels ?? {}), ...ls };
    return this;
  }

  affinity(a: Affinity): this {
    this.pod.spec.affinity = a;
    return this;
  }

  /** st PodAffinity / PodAntiAffinity: a term with the selector; preferred terms get weight 1. */
  term(anti: boolean, topologyKey: string, labelSelector: LabelSelector, kind: Kind): this {
    const a: Affinity = (this.pod.spec.affinity ??= {});
    const side = anti ? (a.podAntiAffinity ??= {}) : (a.podAffinity ??= {});
    const t: PodAffinityTerm = { labelSelector, topologyKey };
    if (kind === 'required') (side.requiredDuringSchedulingIgnoredDuringExecution ??= []).push(t);
    else (side.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight: 1, podAffinityTerm: t });
    return this;
  }

  podAffinityIn(key: string, topologyKey: string, values: string[], kind: Kind): this {
    return this.term(false, topologyKey, { matchExpressions: [{ key, operator: 'In', values }] }, kind);
  }

  podAffinityNotIn(key: string, topologyKey: string, values: string[], kind: Kind): this {
    return this.term(false, topologyKey, { matchExpressions: [{ key, operator: 'NotIn', values }] }, kind);
  }

  podAffinityExists(key: string, topologyKey: string, kind: Kind): this {
    return this.term(false, topologyKey, { matchExpressions: [{ key, operator: 'Exists' }] }, kind);
  }

  podAntiAffinityIn(key: string, topologyKey: string, values: string[], kind: Kind): this {
    return this.term(true, topologyKey, { matchExpressions: [{ key, operator: 'In', values }] }, kind);
  }

  podAntiAffinityNotIn(key: string, topologyKey: string, values: string[], kind: Kind): this {
    return this.term(true, topologyKey, { matchExpressions: [{ key, operator: 'NotIn', values }] }, kind);
  }

  podAntiAffinityExists(key: string, topologyKey: string, kind: Kind): this {
    return this.term(true, topologyKey, { matchExpressions: [{ key, operator: 'Exists' }] }, kind);
  }

  podAntiAffinity(topologyKey: string, labelSelector: LabelSelector, kind: Kind): this {
    return this.term(true, topologyKey, labelSelector, kind);
  }

  obj(): Pod {
    return structuredClone(this.pod);
  }
}

/** st.MakePod(). */
export function makePodB(name = ''): PodBuilder {
  return new PodBuilder(name);
}

/** A pod literal as the Go tests write `&v1.Pod{...}`: namespace, labels, nodeName, affinity. */
export function pod(o: { name?: string; namespace?: string; labels?: Record<string, string>; nodeName?: string; affinity?: Affinity } = {}): Pod {
  const b = new PodBuilder(o.name ?? '').namespace(o.namespace ?? '');
  if (o.labels !== undefined) b.labels(o.labels);
  if (o.nodeName !== undefined && o.nodeName !== '') b.node(o.nodeName);
  if (o.affinity !== undefined) b.affinity(structuredClone(o.affinity));
  return b.obj();
}

/** `createPodWithAffinityTerms` of filtering_test.go. */
export function podWithAffinityTerms(
  namespace: string,
  nodeName: string,
  labels: Record<string, string>,
  affinity: PodAffinityTerm[] | undefined,
  antiAffinity: PodAffinityTerm[] | undefined,
): Pod {
  const a: Affinity = { podAffinity: {}, podAntiAffinity: {} };
  if (affinity !== undefined) a.podAffinity!.requiredDuringSchedulingIgnoredDuringExecution = affinity;
  if (antiAffinity !== undefined) a.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution = antiAffinity;
  return pod({ namespace, nodeName, labels, affinity: a });
}

/** A node with labels. */
export function node(name: string, labels: Record<string, string> = {}): Node {
  return makeNode(name, { labels });
}

/** A namespace with labels. */
export function namespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** The namespaces of scoring_test.go (used by most upstream tests). */
export const TEST_NAMESPACES: Namespace[] = [
  namespace('subteam1.team1', { team: 'team1' }),
  namespace('subteam2.team1', { team: 'team1' }),
  namespace('subteam1.team2', { team: 'team2' }),
  namespace('subteam2.team2', { team: 'team2' }),
];

/** A cache with the nodes, the bound pods and the namespaces (cache.NewSnapshot + informers). */
export function snapshotOf(pods: Pod[], nodes: Node[], namespaces: Namespace[] = TEST_NAMESPACES): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) if ((p.spec.nodeName ?? '') !== '') cache.addPod(new PodInfo(p));
  for (const ns of namespaces) cache.objects.set('Namespace', ns);
  return cache;
}

/** A plugin over a cache, with args defaulted as the configuration layer would. */
export function newPlugin(cache: SchedulerCache, args: Partial<InterPodAffinityArgs> = {}): InterPodAffinityPlugin {
  return InterPodAffinity.factory(InterPodAffinity.defaultArgs!(args), makeHandle(cache)) as InterPodAffinityPlugin;
}

/** A status as the tests compare it: null for Success, else code name and reasons. */
export function brief(r: Result): { code: Code; reasons: readonly string[] } | null {
  return r === null ? null : { code: r.code, reasons: r.reasons };
}

/** PreFilter then Filter on each named node; Filter is not run after a non-Success PreFilter. */
export function runFilter(
  p: InterPodAffinityPlugin,
  cache: SchedulerCache,
  incoming: Pod,
  nodeNames: string[],
): { preFilter: Result; filter: (ReturnType<typeof brief> | 'not-run')[]; state: CycleState } {
  const state = new CycleState();
  const info = new PodInfo(incoming);
  const { status } = p.preFilter(state, info, cache.nodeInfoList());
  if (status !== null) return { preFilter: status, filter: nodeNames.map(() => 'not-run'), state };
  const filter = nodeNames.map((n) => brief(p.filter(state, info, cache.get(n)!)));
  return { preFilter: status, filter, state };
}

/**
 * PreScore, then Score for each named node, then NormalizeScore, as
 * TestPreferredAffinity does. `scores` is undefined when PreScore did not succeed.
 */
export function runScore(
  p: InterPodAffinityPlugin,
  cache: SchedulerCache,
  incoming: Pod,
  nodeNames: string[],
): { preScore: Result; raw?: number[]; scores?: number[] } {
  const state = new CycleState();
  const info = new PodInfo(incoming);
  const nodes = nodeNames.map((n) => cache.get(n)!);
  const preScore = p.preScore(state, info, nodes);
  if (preScore !== null) return { preScore };
  const scores = new Float64Array(nodes.length);
  nodes.forEach((n, i) => (scores[i] = p.score(state, info, n)));
  const raw = [...scores];
  const s = p.normalizeScore(state, info, { nodes, scores, length: nodes.length });
  if (s !== null) throw new Error(`NormalizeScore failed: ${s.message()}`);
  return { preScore, raw, scores: [...scores] };
}
