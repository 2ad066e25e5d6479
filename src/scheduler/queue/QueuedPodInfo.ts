import type { Pod } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import type { ClusterEvent } from '../framework/events.js';
import type { QueuedPodInfoView } from '../framework/interfaces.js';
import type { PodInfo } from '../framework/PodInfo.js';

/**
 * A pending pod with what the scheduling queue knows about it
 * (framework.QueuedPodInfo). Times are µs of simulated time.
 */
export class QueuedPodInfo implements QueuedPodInfoView {
  /** The pod; replaced when the pod is updated while queued. */
  podInfo: PodInfo;
  /** When the pod was added to the queue, or re-added after a failed attempt. */
  timestamp: Micros;
  /** When the pod was first moved into activeQ (its first schedulable moment), or undefined before. */
  initialAttemptTimestamp: Micros | undefined = undefined;
  /** Pops so far (every scheduling attempt, successful or not). */
  attempts = 0;
  /** Attempts rejected by plugins; the backoff count after a plugin rejection. */
  unschedulableCount = 0;
  /** Consecutive attempts that ended in an error; the backoff count after an error. Reset by a rejection. */
  consecutiveErrorsCount = 0;
  /** Plugins that rejected the pod at its last attempt (Unschedulable/UnschedulableAndUnresolvable), or gate it. */
  unschedulablePlugins: Set<string>;
  /** Plugins that returned Pending at the last attempt: a Queue hint from them skips backoff. */
  pendingPlugins: Set<string> = new Set();
  /** The PreEnqueue plugin keeping the pod out of activeQ, or '' when the pod is not gated. */
  gatingPlugin = '';
  /** The cluster events the gating plugin registered: only those may move a gated pod. */
  gatingPluginEvents: readonly ClusterEvent[] = [];
  /**
   * The cached backoff expiry (µs), computed lazily from timestamp and the
   * counts; undefined when not computed yet. Cleared when the pod is re-added.
   */
  backoffExpiration: Micros | undefined = undefined;

  constructor(podInfo: PodInfo, timestamp: Micros, unschedulablePlugins: Iterable<string> = []) {
    this.podInfo = podInfo;
    this.timestamp = timestamp;
    this.unschedulablePlugins = new Set(unschedulablePlugins);
  }

  get pod(): Pod {
    return this.podInfo.pod;
  }

  /** `namespace/name`: the key of the queue's heaps and of the unschedulable pool. */
  get key(): string {
    return this.podInfo.key;
  }

  get uid(): string {
    return this.podInfo.uid;
  }

  /** True when a PreEnqueue plugin keeps the pod out of activeQ. */
  get gated(): boolean {
    return this.gatingPlugin !== '';
  }

  /** The rejecting plugins: unschedulable ∪ pending. */
  rejectorPlugins(): Set<string> {
    if (this.pendingPlugins.size === 0) return this.unschedulablePlugins;
    const all = new Set(this.unschedulablePlugins);
    for (const p of this.pendingPlugins) all.add(p);
    return all;
  }
}
