/**
 * The DaemonSet RollingUpdate planner (k/k pkg/controller/daemon/update.go,
 * `rollingUpdate` with maxSurge 0): old pods are deleted, at most
 * maxUnavailable nodes being without an available daemon pod at a time; an
 * old pod that is not available anyway is always replaced. The manage loop
 * then creates the new pods on the emptied nodes.
 */
import type { DaemonSet, Pod } from '../../../api/types.js';
import { CONTROLLER_REVISION_HASH_LABEL } from './daemonPod.js';

/** intstr.GetScaledValueFromIntOrPercent: an integer, or a percentage of `total` rounded up or down. */
export function scaledValueFromIntOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (match === null) {
    const n = Number(value);
    if (Number.isInteger(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid value "${value}"`);
  }
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * util.UnavailableCount with update.go's fix-up: maxUnavailable of the
 * desired number scheduled, rounded up; 1 when it and maxSurge both come to 0.
 */
export function maxUnavailableOf(ds: DaemonSet, desiredNumberScheduled: number): number {
  const rolling = ds.spec.updateStrategy?.rollingUpdate;
  const maxUnavailable = scaledValueFromIntOrPercent(rolling?.maxUnavailable ?? 1, desiredNumberScheduled, true);
  const maxSurge = scaledValueFromIntOrPercent(rolling?.maxSurge ?? 0, desiredNumberScheduled, true);
  return maxUnavailable === 0 && maxSurge === 0 ? 1 : maxUnavailable;
}

/** util.IsPodUpdated (hash only: kubesim writes no templateGeneration). */
export function isPodUpdated(pod: Pod, hash: string): boolean {
  return hash.length > 0 && pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
}

/**
 * findUpdatedPodsOnNode: the node's one new and one old live pod, or
 * `ok: false` when it has more than one of either (the manage loop sorts that out).
 */
export function findUpdatedPodsOnNode(pods: readonly Pod[], hash: string): { newPod: Pod | undefined; oldPod: Pod | undefined; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash)) {
      if (newPod !== undefined) return { newPod, oldPod, ok: false };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { newPod, oldPod, ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * The pods rollingUpdate deletes this sync. `nodeToDaemonPods` holds every
 * node that should run the DaemonSet (an empty list for one without a pod)
 * and every node that has daemon pods, as updatedDesiredNodeCounts leaves it.
 */
export function rollingUpdatePodsToDelete(
  nodeToDaemonPods: ReadonlyMap<string, readonly Pod[]>,
  hash: string,
  maxUnavailable: number,
  available: (pod: Pod) => boolean,
): Pod[] {
  let numUnavailable = 0;
  const allowedReplacementPods: Pod[] = [];
  const candidatePodsToDelete: Pod[] = [];
  for (const pods of nodeToDaemonPods.values()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods, hash);
    if (!ok) {
      numUnavailable++;
      continue;
    }
    if ((oldPod === undefined && newPod === undefined) || (oldPod !== undefined && newPod !== undefined)) {
      // The manage loop will create or delete the appropriate pod: count the node unavailable.
      numUnavailable++;
    } else if (newPod !== undefined) {
      if (!available(newPod)) numUnavailable++;
    } else if (oldPod !== undefined) {
      if (!available(oldPod)) allowedReplacementPods.push(oldPod);
      else if (numUnavailable >= maxUnavailable) continue;
      else candidatePodsToDelete.push(oldPod);
    }
  }
  const remainingUnavailable = Math.max(0, maxUnavailable - numUnavailable);
  return [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remainingUnavailable)];
}
