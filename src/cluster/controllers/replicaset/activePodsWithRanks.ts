import type { Pod } from '../../../api/types.js';
import { isPodActive, isPodReady, podCondition } from '../../podStatus.js';

/** The annotation that orders pods for scale-down (PodDeletionCost, on by default since 1.22). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** Feature gates that change the victim order (both on in 1.34; turning them off reproduces older releases). */
export interface RankFeatures {
  /** LogarithmicScaleDown (GA and locked on since 1.31): compare ages in powers-of-two buckets, ties broken by UID. */
  logarithmicScaleDown?: boolean;
  /** PodDeletionCost: honour the pod-deletion-cost annotation. */
  podDeletionCost?: boolean;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * controller.ActivePodsWithRanks.Less: true when pod `i` should be deleted
 * before pod `j`. Instants are virtual microseconds; a missing timestamp is
 * Go's zero time. `now` is the instant of the sort.
 */
export function activePodLess(
  pi: Pod,
  rankI: number,
  pj: Pod,
  rankJ: number,
  now: number,
  instantOf: (timestamp: string) => number,
  features: RankFeatures = {},
): boolean {
  const logarithmic = features.logarithmicScaleDown ?? true;
  const nodeI = pi.spec.nodeName ?? '';
  const nodeJ = pj.spec.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (nodeI !== nodeJ && (nodeI === '' || nodeJ === '')) return nodeI === '';
  // 2. PodPending < PodUnknown < PodRunning.
  const phaseI = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const phaseJ = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (phaseI !== phaseJ) return phaseI < phaseJ;
  // 3. Not ready < ready.
  const readyI = isPodReady(pi);
  const readyJ = isPodReady(pj);
  if (readyI !== readyJ) return !readyI;
  // 4. Lower pod-deletion-cost < higher.
  if (features.podDeletionCost ?? true) {
    const costI = deletionCost(pi);
    const costJ = deletionCost(pj);
    if (costI !== costJ) return costI < costJ;
  }
  // 5. Doubled up (more related pods on the node) < not doubled up.
  if (rankI !== rankJ) return rankI > rankJ;
  // 6. Been ready for empty time < less time < more time.
  if (readyI && readyJ) {
    const t1 = timeOf(podCondition(pi, 'Ready')?.lastTransitionTime, instantOf);
    const t2 = timeOf(podCondition(pj, 'Ready')?.lastTransitionTime, instantOf);
    if (t1 !== t2) {
      if (!logarithmic || t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
      const diff = logarithmicRankDiff(t1, t2, now);
      if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
      return diff < 0;
    }
  }
  // 7. Pods with containers with higher restart counts < lower restart counts.
  const restartsI = maxContainerRestarts(pi);
  const restartsJ = maxContainerRestarts(pj);
  if (restartsI !== restartsJ) return restartsI > restartsJ;
  // 8. Empty creation time pods < newer pods < older pods.
  const c1 = timeOf(pi.metadata.creationTimestamp, instantOf);
  const c2 = timeOf(pj.metadata.creationTimestamp, instantOf);
  if (c1 !== c2) {
    if (!logarithmic || c1 === undefined || c2 === undefined) return afterOrZero(c1, c2);
    const diff = logarithmicRankDiff(c1, c2, now);
    if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
    return diff < 0;
  }
  return false;
}

/**
 * Orders `pods` (in place) for scale-down, first victim first, as
 * getPodsToDelete does: each ranked by the number of `relatedPods` that are
 * active on its node. Go's sort.Sort is not stable; this sort is, so equal
 * pods keep their input order.
 */
export function sortPodsForDeletion(
  pods: Pod[],
  relatedPods: Iterable<Pod>,
  now: number,
  instantOf: (timestamp: string) => number,
  features: RankFeatures = {},
): Pod[] {
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  // Timestamps are parsed once per distinct string, not once per comparison.
  const parsed = new Map<string, number>();
  const cachedInstantOf = (ts: string): number => {
    let t = parsed.get(ts);
    if (t === undefined) parsed.set(ts, (t = instantOf(ts)));
    return t;
  };
  const ranked = pods.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => {
    if (activePodLess(a.pod, a.rank, b.pod, b.rank, now, cachedInstantOf, features)) return -1;
    if (activePodLess(b.pod, b.rank, a.pod, a.rank, now, cachedInstantOf, features)) return 1;
    return 0;
  });
  for (let i = 0; i < ranked.length; i++) pods[i] = ranked[i]!.pod;
  return pods;
}

/** getDeletionCostFromPodAnnotations: the annotation as an int32, 0 when absent or invalid. */
export function deletionCost(pod: Pod): number {
  const text = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return 0;
  const value = Number(text);
  return value < -2147483648 || value > 2147483647 ? 0 : value;
}

/** maxContainerRestarts: the highest restartCount of the pod's containers. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

/**
 * logarithmicRankDiff: floor(log2) of the two ages in nanoseconds (−1 for
 * an age of zero or less), subtracted.
 */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1000;
  const d2 = (now - t2) * 1000;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** afterOrZero: a zero time sorts first; otherwise the later time does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

function timeOf(timestamp: string | undefined, instantOf: (timestamp: string) => number): number | undefined {
  if (timestamp === undefined || timestamp === '') return undefined;
  const t = instantOf(timestamp);
  return Number.isNaN(t) ? undefined : t;
}
