/**
 * InterPodAffinity's PreFilter and Filter (pkg/scheduler/framework/plugins/
 * interpodaffinity/filtering.go, v1.34.1): counts of matching pods per
 * topology pair, computed once per cycle, and the three per-node checks.
 */
import type { Labels } from '../../../api/labels.js';
import type { ClusterObjects } from '../../cache/ClusterObjects.js';
import type { AffinityTerm } from '../../framework/AffinityTerm.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import { Code, Status } from '../../framework/Status.js';

/** The plugin's name (names.InterPodAffinity). */
export const NAME = 'InterPodAffinity';
/** Where PreFilter keeps its state in the CycleState (preFilterStateKey). */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;

/** ErrReasonExistingAntiAffinityRulesNotMatch. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
/** ErrReasonAffinityRulesNotMatch. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** ErrReasonAntiAffinityRulesNotMatch. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

// Filter's rejections never change, so one object each serves every node (no allocation per node).
const AFFINITY_REJECTION = new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_AFFINITY_RULES_NOT_MATCH], NAME);
const ANTI_AFFINITY_REJECTION = new Status(Code.Unschedulable, [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH], NAME);
const EXISTING_ANTI_AFFINITY_REJECTION = new Status(Code.Unschedulable, [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH], NAME);

/**
 * A node's value for a topology key, or undefined when the node lacks it.
 * Label values are strings, so anything else (an Object.prototype member for
 * a key like `constructor`) means "absent".
 */
export function labelValue(labels: Labels, key: string): string | undefined {
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * topologyToMatchedTermCount: how many matches each (topology key, value) pair
 * has. Entries that fall to zero are deleted, as upstream's update does, so
 * {@link size} is the number of pairs with a non-zero count.
 */
export class TopologyCounts {
  /** topology key → value → count. */
  readonly byKey = new Map<string, Map<string, number>>();
  /** Number of (key, value) pairs present (len(map) upstream). */
  size = 0;

  /** Adds `delta` to the pair; a pair that reaches zero is removed. */
  add(key: string, value: string, delta: number): void {
    let values = this.byKey.get(key);
    if (values === undefined) {
      values = new Map();
      this.byKey.set(key, values);
    }
    const old = values.get(value);
    const next = (old ?? 0) + delta;
    if (next === 0) {
      if (old !== undefined) {
        values.delete(value);
        this.size--;
        if (values.size === 0) this.byKey.delete(key);
      } else if (values.size === 0) {
        this.byKey.delete(key);
      }
      return;
    }
    if (old === undefined) this.size++;
    values.set(value, next);
  }

  /** update(): adds `delta` for the node's value of `key`, if the node has the key. */
  addForNode(labels: Labels, key: string, delta: number): void {
    const v = labelValue(labels, key);
    if (v !== undefined) this.add(key, v, delta);
  }

  /** The count of a pair, 0 when absent. */
  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** A deep copy (preemption mutates clones). */
  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, values] of this.byKey) c.byKey.set(k, new Map(values));
    c.size = this.size;
    return c;
  }

  /** The pairs as `key=value` → count, sorted (for tests and explain output). */
  toObject(): Record<string, number> {
    const out: Record<string, number> = {};
    const entries: [string, number][] = [];
    for (const [k, values] of this.byKey) for (const [v, n] of values) entries.push([`${k}=${v}`, n]);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [k, n] of entries) out[k] = n;
    return out;
  }
}

/**
 * One of the incoming pod's terms after mergeAffinityTermNamespacesIfNotEmpty:
 * a non-empty namespaceSelector is unrolled into the namespaces it selects now,
 * so matching needs no namespace lookup; an empty one (`{}`) selects every
 * namespace.
 */
export interface IncomingTerm {
  readonly topologyKey: string;
  readonly selector: AffinityTerm['selector'];
  readonly namespaces: ReadonlySet<string>;
  /** namespaceSelector was `{}`: any namespace matches. */
  readonly allNamespaces: boolean;
}

/** mergeAffinityTermNamespacesIfNotEmpty for one of the incoming pod's terms. */
export function mergeNamespaces(term: AffinityTerm, objects: ClusterObjects): IncomingTerm {
  const nsSelector = term.namespaceSelector;
  if (nsSelector.empty()) {
    return { topologyKey: term.topologyKey, selector: term.selector, namespaces: term.namespaces, allNamespaces: true };
  }
  let namespaces = term.namespaces;
  const listed = objects.list('Namespace');
  for (const ns of listed) {
    const name = ns.metadata.name ?? '';
    if (namespaces.has(name) || !nsSelector.matches(ns.metadata.labels ?? {})) continue;
    if (namespaces === term.namespaces) namespaces = new Set(term.namespaces);
    (namespaces as Set<string>).add(name);
  }
  return { topologyKey: term.topologyKey, selector: term.selector, namespaces, allNamespaces: false };
}

/** AffinityTerm.Matches(pod, nil) for a merged incoming term. */
export function incomingTermMatches(term: IncomingTerm, pod: PodInfo): boolean {
  return (term.allNamespaces || term.namespaces.has(pod.namespace)) && term.selector.matches(pod.labels);
}

/** podMatchesAllAffinityTerms: false for no terms. */
export function matchesAllIncomingTerms(terms: readonly IncomingTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!incomingTermMatches(t, pod)) return false;
  return true;
}

/** True when the node has at least one of the terms' topology keys. */
function hasAnyTopologyKey(labels: Labels, terms: readonly IncomingTerm[]): boolean {
  for (const t of terms) if (labelValue(labels, t.topologyKey) !== undefined) return true;
  return false;
}

/**
 * The PreFilter state (preFilterState): the incoming pod's merged required
 * terms, its namespace's labels, and the three count maps. AddPod/RemovePod
 * update a clone of it during preemption.
 */
export class PreFilterState {
  constructor(
    readonly pod: PodInfo,
    /** The incoming pod's required affinity terms, namespaces merged. */
    readonly affinityTerms: readonly IncomingTerm[],
    /** The incoming pod's required anti-affinity terms, namespaces merged. */
    readonly antiAffinityTerms: readonly IncomingTerm[],
    /** Labels of the incoming pod's namespace ({} when unknown). */
    readonly namespaceLabels: Labels,
    /** Existing pods whose required anti-affinity terms match the incoming pod. */
    public existingAntiAffinityCounts: TopologyCounts,
    /** Existing pods matching all the incoming pod's required affinity terms (one per term). */
    public affinityCounts: TopologyCounts,
    /** Existing pods matching the incoming pod's required anti-affinity terms (one per term). */
    public antiAffinityCounts: TopologyCounts,
    /** The incoming pod matches all its own required affinity terms (the first-pod exception). */
    readonly matchesOwnAffinity: boolean,
  ) {}

  /** preFilterState.Clone: fresh counts, shared terms. */
  clone(): PreFilterState {
    return new PreFilterState(
      this.pod,
      this.affinityTerms,
      this.antiAffinityTerms,
      this.namespaceLabels,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
      this.matchesOwnAffinity,
    );
  }

  /** updateWithPod: counts (multiplier 1) or uncounts (-1) a pod placed on `node`. */
  updateWithPod(p: PodInfo, node: NodeInfo, multiplier: number): void {
    const labels = node.labels;
    // Existing pod's anti-affinity against the incoming pod.
    for (const t of p.requiredAntiAffinityTerms) {
      if (t.matches(this.pod.namespace, this.pod.labels, this.namespaceLabels)) {
        this.existingAntiAffinityCounts.addForNode(labels, t.topologyKey, multiplier);
      }
    }
    // The incoming pod's affinity: the pod must match every term.
    if (matchesAllIncomingTerms(this.affinityTerms, p)) {
      for (const t of this.affinityTerms) this.affinityCounts.addForNode(labels, t.topologyKey, multiplier);
    }
    // The incoming pod's anti-affinity: each matching term counts.
    for (const t of this.antiAffinityTerms) {
      if (incomingTermMatches(t, p)) this.antiAffinityCounts.addForNode(labels, t.topologyKey, multiplier);
    }
  }
}

/**
 * getExistingAntiAffinityCounts: for each existing pod with required
 * anti-affinity, each of its terms matching the incoming pod counts once for
 * its node's topology pair.
 */
export function existingAntiAffinityCounts(pod: PodInfo, nsLabels: Labels, nodes: readonly NodeInfo[]): TopologyCounts {
  const counts = new TopologyCounts();
  for (const node of nodes) {
    const labels = node.labels;
    for (const existing of node.podsWithRequiredAntiAffinity) {
      for (const t of existing.requiredAntiAffinityTerms) {
        if (labelValue(labels, t.topologyKey) !== undefined && t.matches(pod.namespace, pod.labels, nsLabels)) {
          counts.addForNode(labels, t.topologyKey, 1);
        }
      }
    }
  }
  return counts;
}

/**
 * getIncomingAffinityAntiAffinityCounts: existing pods matching the incoming
 * pod's required terms, per topology pair. A node lacking every term's key
 * cannot contribute, so its pods are not examined.
 */
export function incomingAffinityAntiAffinityCounts(
  affinityTerms: readonly IncomingTerm[],
  antiAffinityTerms: readonly IncomingTerm[],
  nodes: readonly NodeInfo[],
): { affinity: TopologyCounts; antiAffinity: TopologyCounts } {
  const affinity = new TopologyCounts();
  const antiAffinity = new TopologyCounts();
  if (affinityTerms.length === 0 && antiAffinityTerms.length === 0) return { affinity, antiAffinity };
  for (const node of nodes) {
    const labels = node.labels;
    const checkAffinity = affinityTerms.length > 0 && hasAnyTopologyKey(labels, affinityTerms);
    const checkAnti = antiAffinityTerms.length > 0 && hasAnyTopologyKey(labels, antiAffinityTerms);
    if (!checkAffinity && !checkAnti) continue;
    for (const existing of node.pods) {
      if (checkAffinity && matchesAllIncomingTerms(affinityTerms, existing)) {
        for (const t of affinityTerms) affinity.addForNode(labels, t.topologyKey, 1);
      }
      if (checkAnti) {
        for (const t of antiAffinityTerms) {
          if (labelValue(labels, t.topologyKey) !== undefined && incomingTermMatches(t, existing)) {
            antiAffinity.addForNode(labels, t.topologyKey, 1);
          }
        }
      }
    }
  }
  return { affinity, antiAffinity };
}

/**
 * Builds the PreFilter state, or returns null when upstream returns Skip: no
 * existing pod's anti-affinity matches the pod and the pod has no required
 * terms of its own. With no pods with required anti-affinity in the cluster
 * and a pod without required terms this is O(1).
 */
export function computePreFilterState(
  pod: PodInfo,
  allNodes: readonly NodeInfo[],
  nodesWithRequiredAntiAffinityPods: readonly NodeInfo[],
  objects: ClusterObjects,
): PreFilterState | null {
  const hasOwnTerms = pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0;
  if (!hasOwnTerms && nodesWithRequiredAntiAffinityPods.length === 0) return null;
  const nsLabels = objects.namespaceLabels(pod.namespace) ?? {};
  const existing = existingAntiAffinityCounts(pod, nsLabels, nodesWithRequiredAntiAffinityPods);
  if (!hasOwnTerms && existing.size === 0) return null;
  const affinityTerms = pod.requiredAffinityTerms.map((t) => mergeNamespaces(t, objects));
  const antiAffinityTerms = pod.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, objects));
  const { affinity, antiAffinity } = incomingAffinityAntiAffinityCounts(affinityTerms, antiAffinityTerms, allNodes);
  return new PreFilterState(
    pod,
    affinityTerms,
    antiAffinityTerms,
    nsLabels,
    existing,
    affinity,
    antiAffinity,
    matchesAllIncomingTerms(affinityTerms, pod),
  );
}

/** satisfyPodAffinity: every term's key on the node with a match in its domain, or the first-pod exception. */
export function satisfyPodAffinity(s: PreFilterState, labels: Labels): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = labelValue(labels, t.topologyKey);
    // All topology labels must exist on the node.
    if (v === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: no pod anywhere matches, and the pod matches its own terms.
  return s.affinityCounts.size === 0 && s.matchesOwnAffinity;
}

/** satisfyPodAntiAffinity: no pod matching one of the pod's anti-affinity terms in that term's domain. */
export function satisfyPodAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.antiAffinityTerms) {
    const v = labelValue(labels, t.topologyKey);
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

/**
 * satisfyExistingPodsAntiAffinity: no existing pod's anti-affinity matching the
 * pod in any of the node's topology pairs. Upstream walks the node's labels;
 * walking the (few) counted keys instead gives the same answer.
 */
export function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, values] of s.existingAntiAffinityCounts.byKey) {
    const v = labelValue(labels, key);
    if (v !== undefined && (values.get(v) ?? 0) > 0) return false;
  }
  return true;
}

/** Filter's verdict for a node: null (Success) or one of the three rejections. */
export function filterNode(s: PreFilterState, labels: Labels): Status | null {
  if (!satisfyPodAffinity(s, labels)) return AFFINITY_REJECTION;
  if (!satisfyPodAntiAffinity(s, labels)) return ANTI_AFFINITY_REJECTION;
  if (!satisfyExistingPodsAntiAffinity(s, labels)) return EXISTING_ANTI_AFFINITY_REJECTION;
  return null;
}
