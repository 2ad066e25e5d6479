import type { Pod } from '../../api/types.js';

/** What changed, as framework.ActionType bits. */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodToleration: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** Any other update. */
  UpdateOther: 1 << 11,
  /** Every kind of update. */
  Update: (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11),
  All: (1 << 12) - 1,
} as const;

/**
 * The kind of object an event is about, as framework.EventResource.
 * `AssignedPod` and `UnscheduledPod` split `Pod` by whether spec.nodeName is set.
 */
export type EventResource = 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'Node' | 'WildCard';

/** A change in the cluster that may make unschedulable pods schedulable (framework.ClusterEvent). */
export interface ClusterEvent {
  resource: EventResource;
  /** {@link ActionType} bits. */
  actionType: number;
  /** A short name for logs and metrics, e.g. `NodeAdd`. */
  label?: string;
}

/** Whether an event may make the pod schedulable: Queue moves it on; QueueSkip leaves it where it is. */
export type QueueingHint = 'Queue' | 'QueueSkip';

/** Decides, for one rejected pod and one event, whether to re-queue it (a plugin's QueueingHintFn). */
export type QueueingHintFn = (pod: Pod, oldObject: unknown, newObject: unknown) => QueueingHint;

/** An event a plugin registers for, with its optional hint (no hint: always Queue). */
export interface ClusterEventWithHint {
  event: ClusterEvent;
  hint?: QueueingHintFn;
}
