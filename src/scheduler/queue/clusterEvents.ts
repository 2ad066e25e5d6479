/**
 * The cluster events as the scheduling queue sees them (framework/events.go
 * of kube-scheduler v1.34): the queue's own events, upstream's event matching
 * (MatchClusterEvents, which is stricter than a plain bit overlap), and the
 * events an update of an unscheduled pod produces (PodSchedulingPropertiesChange).
 */
import { deepEqual } from '../../api/deepEqual.js';
import { podRequests } from '../../api/podRequests.js';
import type { Pod } from '../../api/types.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint } from '../framework/events.js';

/** A new unscheduled pod (framework.EventUnscheduledPodAdd). */
export const EVENT_UNSCHEDULED_POD_ADD: ClusterEvent = { resource: 'UnscheduledPod', actionType: ActionType.Add, label: 'UnschedulablePodAdd' };
/** An unscheduled pod updated (framework.EventUnscheduledPodUpdate). */
export const EVENT_UNSCHEDULED_POD_UPDATE: ClusterEvent = { resource: 'UnscheduledPod', actionType: ActionType.Update, label: 'UnschedulablePodUpdate' };
/** A bound pod added (framework.EventAssignedPodAdd). */
export const EVENT_ASSIGNED_POD_ADD: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Add, label: 'AssignedPodAdd' };
/** A bound pod deleted (framework.EventAssignedPodDelete). */
export const EVENT_ASSIGNED_POD_DELETE: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Delete, label: 'AssignedPodDelete' };
/** A pod stayed in unschedulablePods past podMaxInUnschedulablePodsDuration (a wildcard event). */
export const EVENT_UNSCHEDULABLE_TIMEOUT: ClusterEvent = { resource: 'WildCard', actionType: ActionType.All, label: 'UnschedulableTimeout' };
/** A pod forced back by Activate (a wildcard event). */
export const EVENT_FORCE_ACTIVATE: ClusterEvent = { resource: 'WildCard', actionType: ActionType.All, label: 'ForceActivate' };

/** The queue's own move reasons (framework.ScheduleAttemptFailure, BackoffComplete, ...), for reports. */
export const SCHEDULE_ATTEMPT_FAILURE = 'ScheduleAttemptFailure';
export const BACKOFF_COMPLETE = 'BackoffComplete';
export const POP_FROM_BACKOFF_Q = 'PopFromBackoffQ';
export const FORCE_ACTIVATE = 'ForceActivate';

/**
 * What a plugin that does not implement EnqueueExtensions is registered for:
 * every kind of object, every action, no hint (upstream's defaultEnqueueExtension,
 * UnrollWildCardResource, restricted to the resources kubesim has).
 */
export const DEFAULT_ENQUEUE_EVENTS: readonly ClusterEventWithHint[] = [
  { event: { resource: 'Pod', actionType: ActionType.All } },
  { event: { resource: 'Node', actionType: ActionType.All } },
];

const ACTION_NAMES: readonly [number, string][] = Object.entries(ActionType)
  .filter(([name]) => name !== 'All' && name !== 'Update')
  .map(([name, bit]) => [bit, name]);

/** The event's label: its own, or resource + action as upstream's ClusterEvent.Label(). */
export function eventLabel(e: ClusterEvent): string {
  if (e.label !== undefined && e.label !== '') return e.label;
  let action: string;
  if (e.actionType === ActionType.All) action = 'All';
  else if (e.actionType === ActionType.Update) action = 'Update';
  else action = ACTION_NAMES.filter(([bit]) => (e.actionType & bit) !== 0).map(([, n]) => n).join('|');
  return `${e.resource === 'WildCard' ? '*' : e.resource}${action}`;
}

/** True for `{WildCard, All}` (framework.ClusterEventIsWildCard): such an event moves every pod. */
export function clusterEventIsWildCard(e: ClusterEvent): boolean {
  return e.resource === 'WildCard' && e.actionType === ActionType.All;
}

function matchEventResources(registered: ClusterEvent['resource'], incoming: ClusterEvent['resource']): boolean {
  return registered === 'WildCard' || registered === incoming || (registered === 'Pod' && (incoming === 'AssignedPod' || incoming === 'UnscheduledPod'));
}

/**
 * framework.MatchClusterEvents: a registered event `ce` matches an incoming
 * one when `ce` is the wildcard, or the resources match, the actions overlap
 * and the incoming action type is not above the registered one — upstream
 * compares the bit masks as numbers (`incoming.ActionType <= ce.ActionType`).
 * An incoming wildcard event matches only a registered wildcard.
 */
export function matchClusterEvents(ce: ClusterEvent, incoming: ClusterEvent): boolean {
  return (
    clusterEventIsWildCard(ce) ||
    (matchEventResources(ce.resource, incoming.resource) && (ce.actionType & incoming.actionType) !== 0 && incoming.actionType <= ce.actionType)
  );
}

/** framework.MatchAnyClusterEvent: does any of the registered events match `incoming`? */
export function matchAnyClusterEvent(incoming: ClusterEvent, registered: readonly ClusterEvent[]): boolean {
  for (const e of registered) if (matchClusterEvents(e, incoming)) return true;
  return false;
}

function labelsEqual(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  // equality.Semantic.DeepEqual: a missing map equals an empty one.
  const ra = a ?? {};
  const rb = b ?? {};
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) return false;
  for (const k of ka) if (!Object.hasOwn(rb, k) || rb[k] !== ra[k]) return false;
  return true;
}

function podScaledDown(newPod: Pod, oldPod: Pod): boolean {
  // Requests come from the spec alone, and stored specs are never changed in
  // place: a status write (most pod updates) keeps the spec object.
  if (newPod.spec === oldPod.spec) return false;
  const newReq = podRequests(newPod);
  for (const [name, oldValue] of podRequests(oldPod)) {
    const v = newReq.get(name);
    if (v === undefined || oldValue > v) return true;
  }
  return false;
}

/**
 * framework.PodSchedulingPropertiesChange: the events an update of a pod
 * produces, one per kind of change (labels, scale-down, scheduling gates
 * removed, tolerations), or a single "other update" event. The resource is
 * AssignedPod when the new pod is bound, UnscheduledPod otherwise.
 */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource = newPod.spec.nodeName === undefined || newPod.spec.nodeName === '' ? 'UnscheduledPod' : 'AssignedPod';
  const events: ClusterEvent[] = [];
  if (!labelsEqual(newPod.metadata.labels, oldPod.metadata.labels)) events.push({ resource, actionType: ActionType.UpdatePodLabel });
  if (podScaledDown(newPod, oldPod)) events.push({ resource, actionType: ActionType.UpdatePodScaleDown });
  if ((newPod.spec.schedulingGates ?? []).length === 0 && (oldPod.spec.schedulingGates ?? []).length !== 0) {
    events.push({ resource, actionType: ActionType.UpdatePodSchedulingGatesEliminated });
  }
  // The API server lets a user add tolerations, never change or remove them: the length says it all.
  if ((newPod.spec.tolerations ?? []).length !== (oldPod.spec.tolerations ?? []).length) {
    events.push({ resource, actionType: ActionType.UpdatePodToleration });
  }
  if (events.length === 0) events.push({ resource, actionType: ActionType.UpdateOther });
  return events;
}

function stripForUpdateCheck(pod: Pod): unknown {
  const { resourceVersion: _rv, generation: _gen, finalizers: _fin, ...metadata } = pod.metadata;
  return { ...pod, metadata, status: undefined };
}

/**
 * isPodUpdated (used when SchedulerQueueingHints is off): did the pod change
 * other than in its status, resourceVersion, generation or finalizers?
 */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  return !deepEqual(stripForUpdateCheck(oldPod), stripForUpdateCheck(newPod));
}
