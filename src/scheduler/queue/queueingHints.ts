/**
 * The plugins' queueing hints as the scheduling queue uses them: upstream's
 * QueueingHintMap (built by buildQueueingHintMap in scheduler.go) and
 * isPodWorthRequeuing / isEventOfInterest of scheduling_queue.go.
 */
import type { Pod } from '../../api/types.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint, type QueueingHint, type QueueingHintFn } from '../framework/events.js';
import { clusterEventIsWildCard, DEFAULT_ENQUEUE_EVENTS, matchClusterEvents } from './clusterEvents.js';
import type { QueuedPodInfo } from './QueuedPodInfo.js';

/** How a pod goes back after an event (queueingStrategy): not at all, through backoff, or straight to activeQ. */
export type QueueingStrategy = 'skip' | 'afterBackoff' | 'immediately';

/** A plugin's EnqueueExtensions registrations; undefined when the plugin does not implement EnqueueExtensions. */
export type PluginEventsLookup = (plugin: string, schedulerName: string) => readonly ClusterEventWithHint[] | undefined;

interface RegisteredHint {
  event: ClusterEvent;
  hint: QueueingHintFn;
}

/** defaultQueueingHintFn. */
const queueAlways: QueueingHintFn = () => 'Queue';

function isPodObject(o: unknown): o is Pod {
  return typeof o === 'object' && o !== null && 'metadata' in o && 'spec' in o;
}

export class QueueingHints {
  private readonly lookup: PluginEventsLookup;
  private readonly hintsEnabled: boolean;
  /** Registrations per scheduler name and plugin, resolved once; also the plugins known so far. */
  private readonly byProfile = new Map<string, Map<string, readonly RegisteredHint[]>>();

  constructor(lookup: PluginEventsLookup, hintsEnabled: boolean) {
    this.lookup = lookup;
    this.hintsEnabled = hintsEnabled;
  }

  /**
   * The plugin's registered events with their hints, as buildQueueingHintMap:
   * no hint (or SchedulerQueueingHints off) means always Queue; a plugin that
   * does not implement EnqueueExtensions is registered for every event; a
   * plugin registered for Node/Add but not Node/UpdateNodeTaint also gets
   * Node/UpdateNodeTaint with no hint.
   */
  hintsFor(plugin: string, schedulerName: string): readonly RegisteredHint[] {
    let byPlugin = this.byProfile.get(schedulerName);
    if (byPlugin === undefined) {
      byPlugin = new Map();
      this.byProfile.set(schedulerName, byPlugin);
    }
    const cached = byPlugin.get(plugin);
    if (cached !== undefined) return cached;
    const registered = this.lookup(plugin, schedulerName) ?? DEFAULT_ENQUEUE_EVENTS;
    const out: RegisteredHint[] = [];
    let nodeAdded = false;
    let nodeTaintUpdated = false;
    for (const { event, hint } of registered) {
      out.push({ event, hint: hint === undefined || !this.hintsEnabled ? queueAlways : hint });
      if (event.resource === 'Node') {
        if ((event.actionType & ActionType.Add) !== 0) nodeAdded = true;
        if ((event.actionType & ActionType.UpdateNodeTaint) !== 0) nodeTaintUpdated = true;
      }
    }
    if (nodeAdded && !nodeTaintUpdated) out.push({ event: { resource: 'Node', actionType: ActionType.UpdateNodeTaint }, hint: queueAlways });
    byPlugin.set(plugin, out);
    return out;
  }

  /** The events the plugin is registered for (GatingPluginEvents of a pod it gates). */
  eventsOf(plugin: string, schedulerName: string): ClusterEvent[] {
    return this.hintsFor(plugin, schedulerName).map((h) => h.event);
  }

  /**
   * isEventOfInterest: a wildcard event, or one some plugin registered for.
   * The plugins consulted are those known so far — every plugin that rejected
   * or gated a pod is known before the pod waits — and only their
   * registrations can move a pod, so the answer is the same as upstream's.
   */
  isEventOfInterest(event: ClusterEvent): boolean {
    if (clusterEventIsWildCard(event)) return true;
    for (const byPlugin of this.byProfile.values()) {
      for (const regs of byPlugin.values()) {
        for (const reg of regs) if (matchClusterEvents(reg.event, event)) return true;
      }
    }
    return false;
  }

  /**
   * isPodWorthRequeuing: runs the hints the rejecting plugins registered for
   * events matching `event`. A Queue from a Pending plugin means
   * 'immediately', from an unschedulable plugin 'afterBackoff'; all QueueSkip
   * means 'skip'. A pod with no rejecting plugin, or a wildcard event (unless
   * aimed at another pod), means 'afterBackoff'. A hint that throws counts as
   * Queue, as a hint returning an error does upstream.
   */
  isPodWorthRequeuing(pInfo: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): QueueingStrategy {
    const rejectors = pInfo.rejectorPlugins();
    if (rejectors.size === 0) return 'afterBackoff';
    if (clusterEventIsWildCard(event)) {
      // A wildcard event with a pod in newObj is for that pod only (ForceActivate).
      if (newObj !== undefined && newObj !== null) {
        if (!isPodObject(newObj)) return 'skip';
        const uid = newObj.metadata.uid ?? `${newObj.metadata.namespace ?? ''}/${newObj.metadata.name ?? ''}`;
        if (uid !== pInfo.uid) return 'skip';
      }
      return 'afterBackoff';
    }
    const pod = pInfo.pod;
    const schedulerName = pod.spec.schedulerName ?? '';
    let strategy: QueueingStrategy = 'skip';
    for (const plugin of rejectors) {
      for (const reg of this.hintsFor(plugin, schedulerName)) {
        if (!matchClusterEvents(reg.event, event)) continue;
        let hint: QueueingHint;
        try {
          hint = reg.hint(pod, oldObj, newObj);
        } catch {
          hint = 'Queue';
        }
        if (hint === 'QueueSkip') continue;
        // Queue from a Pending plugin skips backoff: nothing beats it.
        if (pInfo.pendingPlugins.has(plugin)) return 'immediately';
        // Without Pending plugins nothing can beat afterBackoff.
        if (pInfo.pendingPlugins.size === 0) return 'afterBackoff';
        strategy = 'afterBackoff';
      }
    }
    return strategy;
  }
}
