/**
 * NodeResourcesFit's EnqueueExtensions (fit.go EventsToRegister and its
 * queueing hints, v1.34): a scheduled pod's deletion or scale-down may free
 * room; a node's addition or allocatable growth may make it fit.
 */
import { podRequests } from '../../../api/podRequests.js';
import { isScalarResourceName, parseResourceList } from '../../../api/resources.js';
import type { Node, Pod } from '../../../api/types.js';
import type { FeatureGates } from '../../featureGates.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../../framework/events.js';
import { NodeInfo } from '../../framework/NodeInfo.js';
import { Resource } from '../../framework/Resource.js';
import { asNodes, asPods } from '../helper/hintObjects.js';
import { FitRequest, insufficientResources } from './fitRequest.js';

const NO_IGNORED: ReadonlySet<string> = new Set();

/** The pod's requests as Filter sees them, from the Pod object (hints get objects, not PodInfos). */
function requestOf(pod: Pod, gates: FeatureGates): Resource {
  return Resource.fromMap(podRequests(pod, { podLevelResources: gates.enabled('PodLevelResources') }));
}

/** A node's allocatable as the scheduler's cache reads it (status.allocatable, else status.capacity). */
function allocatableOf(node: Node): Resource {
  return Resource.fromMap(parseResourceList(node.status?.allocatable ?? node.status?.capacity ?? {}));
}

/** isFit: the pod fits the node when it is empty (Fits with no ignored resources). */
export function fitsEmptyNode(pod: Pod, node: Node, gates: FeatureGates): boolean {
  const info = new NodeInfo(node, -1, allocatableOf(node));
  return insufficientResources(new FitRequest(requestOf(pod, gates), NO_IGNORED, NO_IGNORED), info).length === 0;
}

/** haveAnyRequestedResourcesIncreased: more pods allowed, or more of a resource the pod requests. */
export function requestedResourcesIncreased(pod: Pod, oldNode: Node, newNode: Node, gates: FeatureGates): boolean {
  const req = requestOf(pod, gates);
  const before = allocatableOf(oldNode);
  const after = allocatableOf(newNode);
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  if (
    (req.milliCPU > 0 && after.milliCPU > before.milliCPU) ||
    (req.memory > 0 && after.memory > before.memory) ||
    (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage)
  ) {
    return true;
  }
  for (const [name, q] of req.scalarResources ?? []) {
    if (q === 0) continue;
    if ((after.scalarResources?.get(name) ?? 0) > (before.scalarResources?.get(name) ?? 0)) return true;
  }
  return false;
}

/** isSchedulableAfterPodScaleDown: the target itself, or a scheduled pod that now requests less of what the target requests. */
function scaleDownHelps(target: Pod, oldPod: Pod, newPod: Pod, gates: FeatureGates): boolean {
  if (newPod.metadata.uid === target.metadata.uid) return true;
  if ((newPod.spec.nodeName ?? '') === '') return false;
  const before = requestOf(oldPod, gates);
  const after = requestOf(newPod, gates);
  for (const [name, v] of podRequests(target, { podLevelResources: gates.enabled('PodLevelResources') })) {
    if (v === 0) continue;
    const counted = name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isScalarResourceName(name);
    if (counted && before.get(name) > after.get(name)) return true;
  }
  return false;
}

/**
 * The events NodeResourcesFit registers, with its hints: Pod Delete (and
 * UpdatePodScaleDown, InPlacePodVerticalScaling being on by default in 1.34);
 * Node Add | UpdateNodeAllocatable (plus UpdateNodeTaint | UpdateNodeLabel
 * when queueing hints are off, as upstream's preCheck workaround).
 */
export function fitEventsToRegister(gates: FeatureGates): ClusterEventWithHint[] {
  const nodeActions = gates.enabled('SchedulerQueueingHints')
    ? ActionType.Add | ActionType.UpdateNodeAllocatable
    : ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel;
  return [
    {
      event: { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown, label: 'PodDelete|PodScaleDown' },
      hint: (pod, oldObj, newObj): QueueingHint => {
        const { ok, oldObj: oldPod, newObj: newPod } = asPods(oldObj, newObj);
        if (!ok || oldPod === undefined) return 'Queue';
        if (newPod === undefined) {
          // Deleted: only a scheduled (or nominated) pod frees room.
          const unscheduled = (oldPod.spec.nodeName ?? '') === '' && (oldPod.status?.nominatedNodeName ?? '') === '';
          return unscheduled ? 'QueueSkip' : 'Queue';
        }
        return scaleDownHelps(pod, oldPod, newPod, gates) ? 'Queue' : 'QueueSkip';
      },
    },
    {
      event: { resource: 'Node', actionType: nodeActions, label: 'NodeAdd|NodeAllocatableChange' },
      hint: (pod, oldObj, newObj): QueueingHint => {
        const { ok, oldObj: oldNode, newObj: newNode } = asNodes(oldObj, newObj);
        if (!ok || newNode === undefined) return 'Queue';
        // The pod would not fit the node even empty.
        if (!fitsEmptyNode(pod, newNode, gates)) return 'QueueSkip';
        if (oldNode === undefined) return 'Queue';
        return requestedResourcesIncreased(pod, oldNode, newNode, gates) ? 'Queue' : 'QueueSkip';
      },
    },
  ];
}
