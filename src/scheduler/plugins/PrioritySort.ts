/**
 * PrioritySort (pkg/scheduler/framework/plugins/queuesort, v1.34.1): the
 * active queue's order — higher spec.priority first, then earlier queue
 * timestamp.
 */
import type { QueuedPodInfoView, QueueSortPlugin } from '../framework/interfaces.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.PrioritySort). */
export const NAME = 'PrioritySort';

/** Orders the active queue by priority, then by when the pod was (re)queued. */
export class PrioritySortPlugin implements QueueSortPlugin {
  readonly name = NAME;

  /** Less: p1 > p2, or equal priorities and an earlier timestamp. */
  less(a: QueuedPodInfoView, b: QueuedPodInfoView): boolean {
    const p1 = a.podInfo.priority;
    const p2 = b.podInfo.priority;
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}

/** PrioritySort's registry entry (no args). */
export const PrioritySort: PluginModule<undefined> = {
  name: NAME,
  factory() {
    return new PrioritySortPlugin();
  },
};
