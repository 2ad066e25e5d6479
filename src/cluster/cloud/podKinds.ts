import type { Node, Pod } from '../../api/types.js';
import { controllerUidOf } from '../controllers/podTemplate.js';
import { isPodAssigned, isPodTerminal, podCondition } from '../podStatus.js';
import { cachedPodRequests } from './SimulatedNode.js';

/** The annotation the kubelet puts on the API copy of a static pod. */
export const ANNOTATION_MIRROR_POD = 'kubernetes.io/config.mirror';

/** True when the pod's controller is a DaemonSet. */
export function isDaemonSetPod(pod: Pod): boolean {
  return (pod.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.kind === 'DaemonSet');
}

/** True for a static pod's mirror. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[ANNOTATION_MIRROR_POD] !== undefined;
}

/** True when a controller owns the pod (so it is recreated elsewhere when evicted). */
export function isReplicated(pod: Pod): boolean {
  return (pod.metadata.ownerReferences ?? []).some((r) => r.controller === true);
}

/** A pod the scheduler gave up on: unbound, not being deleted, PodScheduled=False with reason Unschedulable. */
export function isUnschedulablePod(pod: Pod): boolean {
  if (isPodAssigned(pod) || pod.metadata.deletionTimestamp !== undefined || isPodTerminal(pod)) return false;
  const c = podCondition(pod, 'PodScheduled');
  return c?.status === 'False' && c.reason === 'Unschedulable';
}

/** True when the node's Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

const equivalenceKeys = new WeakMap<Pod, string | undefined>();

/**
 * The pod's equivalence group (upstream's PodEquivalenceGroup): its
 * controller's uid and what the simulation's predicates read of its spec.
 * Pods without a controller have none.
 */
export function equivalenceKey(pod: Pod): string | undefined {
  if (equivalenceKeys.has(pod)) return equivalenceKeys.get(pod);
  const owner = controllerUidOf(pod);
  let key: string | undefined;
  if (owner !== undefined) {
    const s = pod.spec;
    key = `${owner}\u0000${JSON.stringify([[...cachedPodRequests(pod)], s.nodeSelector, s.affinity?.nodeAffinity, s.tolerations])}`;
  }
  equivalenceKeys.set(pod, key);
  return key;
}
