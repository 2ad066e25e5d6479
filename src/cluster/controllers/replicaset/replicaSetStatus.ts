import type { Pod, ReplicaSet } from '../../../api/types.js';
import type { Micros } from '../../../engine/time.js';
import { MICROS_PER_SECOND } from '../../../engine/time.js';
import { isPodReady, podCondition } from '../../podStatus.js';

/** A ReplicaSet's status as the ReplicaSet controller computes it. */
export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;

/**
 * podutil.IsPodAvailable: ready, and ready for more than `minReadySeconds`
 * (strictly: `lastTransitionTime + minReadySeconds` is before now).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Micros, instantOf: (ts: string) => Micros): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (since === undefined || since === '') return false;
  return instantOf(since) + minReadySeconds * MICROS_PER_SECOND < now;
}

/** True when every label of `template` (as entries) is on `labels` with the same value. */
function labelsMatch(template: readonly (readonly [string, string])[], labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of template) if (labels?.[k] !== v) return false;
  return true;
}

/**
 * replicaset.calculateStatus: replicas (active pods), fullyLabeledReplicas
 * (pods carrying all the template's labels), readyReplicas,
 * availableReplicas (ready for minReadySeconds) and observedGeneration.
 */
export function calculateReplicaSetStatus(rs: ReplicaSet, activePods: readonly Pod[], now: Micros, instantOf: (ts: string) => Micros): ReplicaSetStatus {
  const templateLabels = Object.entries(rs.spec.template?.metadata?.labels ?? {});
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (labelsMatch(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now, instantOf)) available++;
    }
  }
  const status: ReplicaSetStatus = {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
  };
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  return status;
}

/** True when two statuses say the same (the controller writes only a changed status). */
export function sameReplicaSetStatus(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  return (
    (a?.replicas ?? 0) === (b.replicas ?? 0) &&
    (a?.fullyLabeledReplicas ?? 0) === (b.fullyLabeledReplicas ?? 0) &&
    (a?.readyReplicas ?? 0) === (b.readyReplicas ?? 0) &&
    (a?.availableReplicas ?? 0) === (b.availableReplicas ?? 0) &&
    a?.observedGeneration === b.observedGeneration
  );
}
