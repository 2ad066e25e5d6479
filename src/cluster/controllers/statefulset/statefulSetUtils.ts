/**
 * StatefulSet helpers (k/k pkg/controller/statefulset/stateful_set_utils.go):
 * pod identity (`<set>-<ordinal>`), revisions and the health predicates the
 * ordered update loop reads.
 */
import type { Pod, PodTemplateSpec, StatefulSet } from '../../../api/types.js';
import { isPodReady, podCondition } from '../../podStatus.js';
import { computeHash } from '../../store/names.js';
import { podFromTemplate } from '../podTemplate.js';

/** apps.ControllerRevisionHashLabelKey: a StatefulSet pod's revision (the ControllerRevision's name). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** apps.StatefulSetPodNameLabel. */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (1.28+). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** getParentNameAndOrdinal: the ordinal of a pod named `<parent>-<n>`, or -1. */
export function getOrdinal(pod: Pod, parent: string): number {
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(`${parent}-`)) return -1;
  const tail = name.slice(parent.length + 1);
  if (!/^(0|[1-9]\d*)$/.test(tail)) return -1;
  return Number(tail);
}

/** getPodName: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name ?? ''}-${ordinal}`;
}

/**
 * The name of the ControllerRevision for a template (ControllerRevisionName
 * `<set>-<hash>`); kubesim hashes the template instead of storing the revision.
 */
export function revisionName(set: StatefulSet, template: PodTemplateSpec | undefined, collisionCount?: number): string {
  return `${set.metadata.name ?? ''}-${computeHash(template ?? null, collisionCount)}`;
}

/** getPodRevision: the pod's controller-revision-hash label. */
export function getPodRevision(pod: Pod): string | undefined {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
}

/** newStatefulSetPod + setPodRevision: the pod of `ordinal` from `template`, at `revision`. */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revision: string): Pod {
  const name = getPodName(set, ordinal);
  const pod = podFromTemplate(template, set, '', {
    [STATEFULSET_POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision,
  });
  delete pod.metadata.generateName;
  pod.metadata.name = name;
  return pod;
}

/** isRunningAndReady: phase Running and Ready. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** isRunningAndAvailable: Running and Ready for more than minReadySeconds. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number, instantOf: (timestamp: string) => number): boolean {
  if (!isRunningAndReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  return since !== undefined && instantOf(since) + minReadySeconds * 1_000_000 < now;
}

/** isTerminating: the pod has a deletionTimestamp. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/** isHealthy: Running, Ready and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** isFailed / isSucceeded: the pod ended (it is deleted and made again). */
export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}
