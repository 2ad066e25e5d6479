/**
 * InterPodAffinity's PreScore, Score and NormalizeScore (pkg/scheduler/
 * framework/plugins/interpodaffinity/scoring.go, v1.34.1): a weight per
 * (topology key, value) summed once per cycle; a node's score is the sum over
 * the keys it carries.
 */
import type { Labels } from '../../../api/labels.js';
import type { AffinityTerm, WeightedAffinityTerm } from '../../framework/AffinityTerm.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { Snapshot } from '../../cache/Cache.js';
import { incomingTermMatches, labelValue, mergeNamespaces, NAME, type IncomingTerm } from './filtering.js';

/** Where PreScore keeps its state in the CycleState (preScoreStateKey). */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** framework.MaxNodeScore. */
const MAX_NODE_SCORE = 100;

/** One of the incoming pod's preferred terms with namespaces merged, and its weight. */
interface WeightedIncomingTerm {
  term: IncomingTerm;
  weight: number;
}

/**
 * preScoreState: topologyScore (key → value → summed weight), kept also as
 * parallel arrays for Score's loop. Read-only after PreScore, so Clone shares it.
 */
export class PreScoreState {
  readonly topologyScore = new Map<string, Map<string, number>>();
  /** The keys of {@link topologyScore}, in insertion order. */
  keys: string[] = [];
  /** The value maps of {@link keys}, same order. */
  values: Map<string, number>[] = [];

  /** Adds `delta` to (key, value), creating the entry even when the sum is 0 (as upstream's map does). */
  add(key: string, value: string, delta: number): void {
    let m = this.topologyScore.get(key);
    if (m === undefined) {
      m = new Map();
      this.topologyScore.set(key, m);
      this.keys.push(key);
      this.values.push(m);
    }
    m.set(value, (m.get(value) ?? 0) + delta);
  }

  /** Score: Σ over the keys the node carries of topologyScore[key][node's value]. */
  score(labels: Labels): number {
    let s = 0;
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const v = labelValue(labels, keys[i]!);
      if (v !== undefined) s += this.values[i]!.get(v) ?? 0;
    }
    return s;
  }
}

/** What PreScore needs besides the pod and the cluster. */
export interface ScoringArgs {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

/** True when the labels object has at least one key (len(node.Labels) != 0). */
function hasLabels(labels: Labels): boolean {
  for (const _ in labels) return true;
  return false;
}

/** processTerm for one of an existing pod's terms against the incoming pod. */
function processExistingTerm(
  state: PreScoreState,
  term: AffinityTerm,
  weight: number,
  pod: PodInfo,
  nsLabels: Labels,
  labels: Labels,
  multiplier: number,
): void {
  if (!term.matches(pod.namespace, pod.labels, nsLabels)) return;
  const v = labelValue(labels, term.topologyKey);
  if (v !== undefined) state.add(term.topologyKey, v, weight * multiplier);
}

function processExistingTerms(
  state: PreScoreState,
  terms: readonly WeightedAffinityTerm[],
  pod: PodInfo,
  nsLabels: Labels,
  labels: Labels,
  multiplier: number,
): void {
  for (const t of terms) processExistingTerm(state, t.term, t.weight, pod, nsLabels, labels, multiplier);
}

/**
 * PreScore. Returns null when upstream returns Skip: no nodes; the pod has no
 * preferred terms and ignorePreferredTermsOfExistingPods is set; or no term
 * matched anywhere. A pod without preferred terms only visits nodes holding
 * pods with affinity, so it costs O(1) on a cluster without any.
 */
export function computePreScoreState(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  snapshot: Snapshot,
  args: ScoringArgs,
): PreScoreState | null {
  if (nodes.length === 0) return null;
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return null;
  // Unless the pod has preferred terms, only nodes hosting pods with affinity matter.
  const scan = hasConstraints ? snapshot.nodeInfoList() : snapshot.havePodsWithAffinityList();
  if (scan.length === 0) return null;

  const objects = snapshot.objects;
  const affinity: WeightedIncomingTerm[] = pod.preferredAffinityTerms.map((t) => ({ term: mergeNamespaces(t.term, objects), weight: t.weight }));
  const antiAffinity: WeightedIncomingTerm[] = pod.preferredAntiAffinityTerms.map((t) => ({
    term: mergeNamespaces(t.term, objects),
    weight: t.weight,
  }));
  const nsLabels = objects.namespaceLabels(pod.namespace) ?? {};
  const hard = args.hardPodAffinityWeight;
  const state = new PreScoreState();
  // The node's value of each incoming term's key, looked up once per node.
  const affinityValues: (string | undefined)[] = new Array<string | undefined>(affinity.length);
  const antiValues: (string | undefined)[] = new Array<string | undefined>(antiAffinity.length);

  for (const node of scan) {
    const labels = node.labels;
    if (!hasLabels(labels)) continue;
    let incomingKeys = false;
    for (let i = 0; i < affinity.length; i++) {
      const v = labelValue(labels, affinity[i]!.term.topologyKey);
      affinityValues[i] = v;
      if (v !== undefined) incomingKeys = true;
    }
    for (let i = 0; i < antiAffinity.length; i++) {
      const v = labelValue(labels, antiAffinity[i]!.term.topologyKey);
      antiValues[i] = v;
      if (v !== undefined) incomingKeys = true;
    }
    const pods = hasConstraints ? node.pods : node.podsWithAffinity;
    for (const existing of pods) {
      if (incomingKeys) {
        // The incoming pod's preferred terms against the existing pod (namespaces merged: no lookup).
        for (let i = 0; i < affinity.length; i++) {
          const v = affinityValues[i];
          const t = affinity[i]!;
          if (v !== undefined && incomingTermMatches(t.term, existing)) state.add(t.term.topologyKey, v, t.weight);
        }
        for (let i = 0; i < antiAffinity.length; i++) {
          const v = antiValues[i];
          const t = antiAffinity[i]!;
          if (v !== undefined && incomingTermMatches(t.term, existing)) state.add(t.term.topologyKey, v, -t.weight);
        }
      }
      // The existing pod's terms against the incoming pod.
      if (hard > 0) {
        for (const t of existing.requiredAffinityTerms) processExistingTerm(state, t, hard, pod, nsLabels, labels, 1);
      }
      processExistingTerms(state, existing.preferredAffinityTerms, pod, nsLabels, labels, 1);
      processExistingTerms(state, existing.preferredAntiAffinityTerms, pod, nsLabels, labels, -1);
    }
  }
  return state.keys.length === 0 ? null : state;
}

/**
 * NormalizeScore: scores scaled to [0, 100] by (s - min) / (max - min), as
 * upstream computes it in float64: `int64(100 * (float64(s-min) / float64(max-min)))`.
 * All zero when every node scores the same.
 */
export function normalizeScores(scores: Float64Array, length: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < length; i++) {
    const s = scores[i]!;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < length; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  }
}
