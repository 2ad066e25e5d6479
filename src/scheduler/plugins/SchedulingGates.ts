/**
 * SchedulingGates (pkg/scheduler/framework/plugins/schedulinggates, v1.34.1):
 * a pod with spec.schedulingGates stays out of the active queue until the
 * gates are removed.
 */
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import type { EnqueueExtensions, Handle, PreEnqueuePlugin } from '../framework/interfaces.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { unresolvable, type Result } from '../framework/Status.js';
import { asPods } from './helper/hintObjects.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.SchedulingGates). */
export const NAME = 'SchedulingGates';

/** Keeps gated pods out of the active queue. */
export class SchedulingGatesPlugin implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly handle: Handle;

  constructor(handle: Handle) {
    this.handle = handle;
  }

  /** UnschedulableAndUnresolvable `waiting for scheduling gates: [a b]` while the pod has gates. */
  preEnqueue(pod: PodInfo): Result {
    const gates = pod.pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return null;
    return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }

  /** With queueing hints: the pod's own UpdatePodSchedulingGatesEliminated event; none without. */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    if (!this.handle.featureGates.enabled('SchedulerQueueingHints')) return [];
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated, label: 'PodSchedulingGatesEliminated' },
        hint: (pod, oldObj, newObj): QueueingHint => {
          const { ok, newObj: modified } = asPods(oldObj, newObj);
          if (!ok || modified === undefined) return 'Queue';
          return modified.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

/** SchedulingGates' registry entry (no args). */
export const SchedulingGates: PluginModule<undefined> = {
  name: NAME,
  factory(_args, handle) {
    return new SchedulingGatesPlugin(handle);
  },
};
