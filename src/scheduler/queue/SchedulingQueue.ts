/**
 * kube-scheduler's scheduling queue (backend/queue/scheduling_queue.go,
 * v1.34.1) on the virtual clock: activeQ (pods to try, in QueueSort order),
 * backoffQ (pods serving their backoff penalty) and unschedulablePods (pods
 * waiting for a cluster event, and pods gated by PreEnqueue), with the
 * plugins' queueing hints deciding which event moves which pod.
 *
 * Nothing here runs by itself: the scheduler actor calls pop() when idle,
 * flushBackoffQCompleted() every second on whole seconds and
 * flushUnschedulablePodsLeftover() every 30 s, as upstream's Run() loops do.
 *
 * Backoff (v1.34): duration = initial · 2^(count−1) capped at max, where count
 * is consecutiveErrorsCount after an error, else unschedulableCount (0: no
 * backoff); expiry = timestamp + duration, truncated to the whole second with
 * SchedulerPopFromBackoffQ; a pod is backing off while expiry ≥ truncate(now)
 * (≥ now without the gate), so with the gate it leaves at expiry + 1 s.
 *
 * Scheduling attempts are atomic on the virtual clock, so the in-flight event
 * log upstream keeps for pods being scheduled is not needed (see activeQueue.ts).
 */
import type { Pod } from '../../api/types.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND, type Micros } from '../../engine/time.js';
import type { ClusterEvent } from '../framework/events.js';
import { ActionType } from '../framework/events.js';
import type { QueuedPodInfoView } from '../framework/interfaces.js';
import type { PodInfo } from '../framework/PodInfo.js';
import type { Status } from '../framework/Status.js';
import type { FeatureGates } from '../featureGates.js';
import { ActiveQueue } from './activeQueue.js';
import { BackoffQueue } from './backoffQueue.js';
import {
  BACKOFF_COMPLETE,
  EVENT_ASSIGNED_POD_ADD,
  EVENT_UNSCHEDULABLE_TIMEOUT,
  EVENT_UNSCHEDULED_POD_ADD,
  EVENT_UNSCHEDULED_POD_UPDATE,
  eventLabel,
  FORCE_ACTIVATE,
  isPodUpdated,
  matchAnyClusterEvent,
  matchClusterEvents,
  podSchedulingPropertiesChange,
  SCHEDULE_ATTEMPT_FAILURE,
} from './clusterEvents.js';
import { PodNominator, type PodLister } from './nominator.js';
import { QueuedPodInfo } from './QueuedPodInfo.js';
import { QueueingHints, type PluginEventsLookup, type QueueingStrategy } from './queueingHints.js';
import { UnschedulablePods } from './unschedulablePods.js';

/** DefaultPodInitialBackoffDuration. */
export const DEFAULT_POD_INITIAL_BACKOFF: Micros = MICROS_PER_SECOND;
/** DefaultPodMaxBackoffDuration. */
export const DEFAULT_POD_MAX_BACKOFF: Micros = 10 * MICROS_PER_SECOND;
/** DefaultPodMaxInUnschedulablePodsDuration. */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION: Micros = 5 * MICROS_PER_MINUTE;

/** The sub-queue a pending pod is in. `gated` pods sit in unschedulablePods. */
export type QueueName = 'active' | 'backoff' | 'unschedulable' | 'gated';

export interface SchedulingQueueOptions {
  /** The profile's QueueSort less function (PrioritySort: higher priority, then earlier timestamp). */
  less: (a: QueuedPodInfoView, b: QueuedPodInfoView) => boolean;
  /** The simulated clock, µs. */
  now: () => Micros;
  /** podInitialBackoffSeconds, µs (default 1 s). */
  podInitialBackoff?: Micros;
  /** podMaxBackoffSeconds, µs (default 10 s). */
  podMaxBackoff?: Micros;
  /** How long a pod may wait in unschedulablePods before the leftover flush moves it (default 5 min). */
  podMaxInUnschedulablePodsDuration?: Micros;
  /** The profile's PreEnqueue plugins: null to admit, else the gating Status (its `plugin` names the gate). */
  preEnqueue?: (pod: PodInfo) => Status | null;
  /** SchedulerPopFromBackoffQ and SchedulerQueueingHints are read from here. */
  featureGates: FeatureGates;
  /**
   * A plugin's EnqueueExtensions registrations. `undefined` means the plugin
   * does not implement EnqueueExtensions: it is registered for every event
   * with no hint (always Queue), as upstream's default extension. An empty
   * list means it is interested in no event (only its own pod's updates, a
   * wildcard event or the leftover flush can move a pod it rejected).
   */
  pluginEvents?: PluginEventsLookup;
  /** The scheduler's view of pods, for the nominator to skip deleted or bound pods. */
  podLister?: PodLister;
  /** Namespace labels, for matching affinity terms' namespaceSelector in assignedPodAdded/Updated. */
  namespaceLabels?: (namespace: string) => Readonly<Record<string, string>> | undefined;
}

/** Options of {@link SchedulingQueue.addUnschedulableIfNotPresent}. */
export interface FailedAttempt {
  /** Plugins that rejected the pod (Diagnosis.UnschedulablePlugins). */
  rejectorPlugins?: Iterable<string>;
  /** Plugins that returned Pending (Diagnosis.PendingPlugins). */
  pendingPlugins?: Iterable<string>;
  /** The attempt ended in an error, not a rejection: the plugin sets are cleared. */
  error?: boolean;
  /** The pod as the scheduler's informer now has it, if it changed during the attempt. */
  podInfo?: PodInfo;
  /** The scheduling cycle to compare with the last move request (only without queueing hints); default: the current one. */
  schedulingCycle?: number;
}

/** A pending pod and where it waits (for reports). */
export interface PendingPod {
  pInfo: QueuedPodInfo;
  queue: QueueName;
}

function keyOfPod(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

function asPod(p: Pod | PodInfo): Pod {
  return 'pod' in p ? p.pod : p;
}

export class SchedulingQueue {
  readonly nominator: PodNominator;
  private readonly now: () => Micros;
  private readonly podMaxInUnschedulablePodsDuration: Micros;
  private readonly preEnqueue: (pod: PodInfo) => Status | null;
  private readonly namespaceLabels: (namespace: string) => Readonly<Record<string, string>> | undefined;
  private readonly hintsEnabled: boolean;
  private readonly popFromBackoffQEnabled: boolean;
  private readonly activeQ: ActiveQueue;
  private readonly backoffQ: BackoffQueue;
  private readonly unschedulablePods = new UnschedulablePods();
  private readonly hints: QueueingHints;
  /** The scheduling cycle of the last move request (used only without queueing hints). */
  private moveRequestCycle = -1;

  constructor(o: SchedulingQueueOptions) {
    this.now = o.now;
    this.podMaxInUnschedulablePodsDuration = o.podMaxInUnschedulablePodsDuration ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION;
    this.preEnqueue = o.preEnqueue ?? (() => null);
    this.namespaceLabels = o.namespaceLabels ?? (() => undefined);
    this.hintsEnabled = o.featureGates.enabled('SchedulerQueueingHints');
    this.popFromBackoffQEnabled = o.featureGates.enabled('SchedulerPopFromBackoffQ');
    this.hints = new QueueingHints(o.pluginEvents ?? (() => undefined), this.hintsEnabled);
    this.backoffQ = new BackoffQueue(
      o.now,
      o.podInitialBackoff ?? DEFAULT_POD_INITIAL_BACKOFF,
      o.podMaxBackoff ?? DEFAULT_POD_MAX_BACKOFF,
      o.less,
      this.popFromBackoffQEnabled,
    );
    this.activeQ = new ActiveQueue(o.less, this.popFromBackoffQEnabled ? this.backoffQ : null);
    this.nominator = new PodNominator({
      podLister: o.podLister,
      resolve: (key) => (this.activeQ.get(key) ?? this.unschedulablePods.get(key) ?? this.backoffQ.get(key))?.podInfo,
    });
  }

  // ---- adding, updating, deleting pods ---------------------------------------

  /** Add: a new pending pod; it goes to activeQ, or to unschedulablePods if a PreEnqueue plugin gates it. */
  add(podInfo: PodInfo): void {
    this.moveToActiveQ(new QueuedPodInfo(podInfo, this.now()), eventLabel(EVENT_UNSCHEDULED_POD_ADD), false);
  }

  /**
   * Update: an unscheduled pod changed. In activeQ or backoffQ it is updated in
   * place; in unschedulablePods the rejecting plugins' hints for the update's
   * events decide whether it moves; a pod in no queue is added to activeQ.
   */
  update(oldPod: Pod, newPodInfo: PodInfo): void {
    const newPod = newPodInfo.pod;
    const events = this.hintsEnabled ? podSchedulingPropertiesChange(newPod, oldPod) : [];
    // An in-flight pod: upstream records the update to replay if the attempt fails. Attempts are atomic here.
    if (this.hintsEnabled && this.activeQ.isInFlight(newPodInfo.uid)) return;

    const oldKey = keyOfPod(oldPod);
    for (const q of [this.activeQ, this.backoffQ]) {
      const pInfo = q.get(oldKey);
      if (pInfo !== undefined) {
        pInfo.podInfo = newPodInfo;
        q.update(oldKey);
        this.nominator.updateNominatedPod(oldPod, pInfo.podInfo);
        return;
      }
    }

    const pInfo = this.unschedulablePods.get(newPodInfo.key);
    if (pInfo !== undefined) {
      pInfo.podInfo = newPodInfo;
      this.nominator.updateNominatedPod(oldPod, pInfo.podInfo);
      if (this.hintsEnabled) {
        for (const evt of events) {
          const hint = this.hints.isPodWorthRequeuing(pInfo, evt, oldPod, newPod);
          const queue = this.requeuePodWithQueueingStrategy(pInfo, hint, eventLabel(evt));
          if (queue === 'active' || (this.popFromBackoffQEnabled && queue === 'backoff')) break;
        }
        return;
      }
      if (isPodUpdated(oldPod, newPod)) {
        // The backoff may have completed while the pod was in unschedulablePods.
        if (this.backoffQ.isPodBackingoff(pInfo)) this.moveToBackoffQ(pInfo, eventLabel(EVENT_UNSCHEDULED_POD_UPDATE));
        else this.moveToActiveQ(pInfo, eventLabel(EVENT_UNSCHEDULED_POD_UPDATE), false);
        return;
      }
      this.unschedulablePods.addOrUpdate(pInfo);
      return;
    }
    this.moveToActiveQ(new QueuedPodInfo(newPodInfo, this.now()), eventLabel(EVENT_UNSCHEDULED_POD_UPDATE), false);
  }

  /** Delete: the pod is gone (or bound by someone else); forgets it and its nomination. */
  delete(pod: Pod | PodInfo): void {
    const p = asPod(pod);
    this.nominator.deleteByUid(p.metadata.uid ?? keyOfPod(p));
    const key = keyOfPod(p);
    if (this.activeQ.delete(key)) return;
    if (this.backoffQ.delete(key)) return;
    this.unschedulablePods.delete(key);
  }

  /**
   * Activate: moves the pods, if in unschedulablePods or backoffQ, to activeQ
   * (podsToActivate of plugins). Pods in no queue are ignored.
   */
  activate(pods: readonly Pod[]): void {
    for (const pod of pods) {
      const key = keyOfPod(pod);
      let pInfo = this.unschedulablePods.get(key);
      let movesFromBackoffQ = false;
      if (pInfo === undefined) {
        pInfo = this.backoffQ.get(key);
        if (pInfo === undefined) {
          // Upstream registers a ForceActivate event for an in-flight pod; nothing to replay here.
          this.moveRequestCycle = this.activeQ.schedulingCycle();
          continue;
        }
        this.backoffQ.delete(key);
        movesFromBackoffQ = true;
      }
      this.moveToActiveQ(pInfo, FORCE_ACTIVATE, movesFromBackoffQ);
    }
  }

  // ---- the scheduling cycle --------------------------------------------------

  /**
   * Pop, non-blocking: the next pod to try, or undefined when there is none.
   * Increments the pod's attempts. With SchedulerPopFromBackoffQ an empty
   * activeQ yields the head of backoffQ (pods rejected by plugins only).
   */
  pop(): QueuedPodInfo | undefined {
    return this.activeQ.pop()?.pInfo;
  }

  /** Done: the pod's attempt is over (called when binding ends; addUnschedulableIfNotPresent calls it too). */
  done(uid: string): void {
    this.activeQ.done(uid);
  }

  /** The number of pops so far. */
  schedulingCycle(): number {
    return this.activeQ.schedulingCycle();
  }

  /**
   * AddUnschedulableIfNotPresent, after a failed attempt: records the
   * rejecting plugins (none after an error), bumps the unschedulable count (or
   * the consecutive-error count), restarts the timestamp and the backoff, and
   * queues the pod: an error (no rejecting plugin) goes to backoffQ (or
   * activeQ if already past its backoff), a rejection to unschedulablePods.
   * Upstream would first replay the events received during the attempt;
   * attempts are atomic on the virtual clock, so there are none.
   * Returns an Error, and changes nothing, if the pod is already queued.
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo, attempt: FailedAttempt = {}): Error | null {
    this.done(pInfo.uid);
    if (attempt.podInfo !== undefined) pInfo.podInfo = attempt.podInfo;
    const key = pInfo.key;
    if (this.unschedulablePods.has(key)) return new Error(`Pod ${key} is already present in unschedulable queue`);
    if (this.activeQ.has(key)) return new Error(`Pod ${key} is already present in the active queue`);
    if (this.backoffQ.has(key)) return new Error(`Pod ${key} is already present in the backoff queue`);

    const error = attempt.error === true;
    pInfo.unschedulablePlugins = new Set(error ? [] : (attempt.rejectorPlugins ?? []));
    pInfo.pendingPlugins = new Set(error ? [] : (attempt.pendingPlugins ?? []));
    for (const p of pInfo.rejectorPlugins()) this.hints.hintsFor(p, pInfo.pod.spec.schedulerName ?? '');

    if (pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0) {
      // An unexpected error (e.g. an API failure), not a rejection.
      pInfo.consecutiveErrorsCount++;
    } else {
      pInfo.unschedulableCount++;
      // The error is gone.
      pInfo.consecutiveErrorsCount = 0;
    }
    pInfo.timestamp = this.now();
    // The counts and the timestamp changed: the cached expiry is stale.
    pInfo.backoffExpiration = undefined;

    const noRejector = pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0;
    if (!this.hintsEnabled) {
      const cycle = attempt.schedulingCycle ?? this.activeQ.schedulingCycle();
      if (this.moveRequestCycle >= cycle || noRejector) this.moveToBackoffQ(pInfo, SCHEDULE_ATTEMPT_FAILURE);
      else this.unschedulablePods.addOrUpdate(pInfo);
      return null;
    }
    // determineSchedulingHintForInFlightPod with no in-flight events.
    this.requeuePodWithQueueingStrategy(pInfo, noRejector ? 'afterBackoff' : 'skip', SCHEDULE_ATTEMPT_FAILURE);
    return null;
  }

  // ---- the background flushes ------------------------------------------------

  /** flushBackoffQCompleted (every 1 s, on whole seconds): pods done backing off go to activeQ. */
  flushBackoffQCompleted(): void {
    for (const pInfo of this.backoffQ.popAllBackoffCompleted()) this.moveToActiveQ(pInfo, BACKOFF_COMPLETE, true);
  }

  /**
   * flushUnschedulablePodsLeftover (every 30 s): pods that have waited in
   * unschedulablePods for more than podMaxInUnschedulablePodsDuration go to
   * backoffQ or activeQ (gated pods stay).
   */
  flushUnschedulablePodsLeftover(): void {
    const now = this.now();
    const toMove: QueuedPodInfo[] = [];
    for (const pInfo of this.unschedulablePods.values()) {
      if (now - pInfo.timestamp > this.podMaxInUnschedulablePodsDuration) toMove.push(pInfo);
    }
    if (toMove.length > 0) this.movePodsToActiveOrBackoffQueue(toMove, EVENT_UNSCHEDULABLE_TIMEOUT, undefined, undefined);
  }

  // ---- cluster events --------------------------------------------------------

  /**
   * MoveAllToActiveOrBackoffQueue: a cluster event happened; each pod in
   * unschedulablePods whose rejecting plugins' hints say Queue moves to
   * backoffQ (still backing off) or activeQ (a Pending plugin's Queue skips
   * backoff). `preCheck`, if given, selects the pods to consider.
   */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj?: unknown, newObj?: unknown, preCheck?: (pod: Pod) => boolean): void {
    if (!this.hints.isEventOfInterest(event)) return;
    const pods = this.unschedulablePods.list().filter((p) => preCheck === undefined || preCheck(p.pod));
    this.movePodsToActiveOrBackoffQueue(pods, event, oldObj, newObj);
  }

  /**
   * AssignedPodAdded: a bound pod appeared. Only pods it may help are
   * considered: those rejected by PodTopologySpread in its namespace, and those
   * with a required pod-affinity term it matches.
   */
  assignedPodAdded(pod: Pod | PodInfo): void {
    const p = asPod(pod);
    this.movePodsToActiveOrBackoffQueue(this.unschedulablePodsWithCrossTopologyTerm(p), EVENT_ASSIGNED_POD_ADD, undefined, p);
  }

  /**
   * AssignedPodUpdated: a bound pod changed. `event` is one of the update's
   * events; without it, every event of podSchedulingPropertiesChange(new, old)
   * is applied in turn, as upstream's pod-update handler does. A scale-down may
   * help any pod; other changes only pods with a cross-topology term, as in
   * assignedPodAdded.
   */
  assignedPodUpdated(oldPod: Pod | undefined, newPod: Pod | PodInfo, event?: ClusterEvent): void {
    const p = asPod(newPod);
    if (event === undefined) {
      for (const e of podSchedulingPropertiesChange(p, oldPod ?? p)) this.assignedPodUpdated(oldPod, p, e);
      return;
    }
    if (matchClusterEvents({ resource: 'Pod', actionType: ActionType.UpdatePodScaleDown }, event)) {
      this.moveAllToActiveOrBackoffQueue(event, oldPod, p);
    } else {
      this.movePodsToActiveOrBackoffQueue(this.unschedulablePodsWithCrossTopologyTerm(p), event, oldPod, p);
    }
  }

  // ---- the nominator ---------------------------------------------------------

  /** Nominates the pod to the node (preemption), or clears its nomination with ''. */
  addNominatedPod(pod: PodInfo, nodeName: string): void {
    this.nominator.addNominatedPod(pod, nodeName);
  }

  deleteNominatedPodIfExists(pod: PodInfo): void {
    this.nominator.deleteNominatedPodIfExists(pod);
  }

  // ---- reports ---------------------------------------------------------------

  /** The number of pods in each sub-queue (gated pods apart from unschedulable ones) and in flight. */
  counts(): { active: number; backoff: number; unschedulable: number; gated: number; inFlight: number } {
    const gated = this.unschedulablePods.countGated();
    return {
      active: this.activeQ.length,
      backoff: this.backoffQ.length,
      unschedulable: this.unschedulablePods.length - gated,
      gated,
      inFlight: this.activeQ.inFlightPods().length,
    };
  }

  /** Would pop() yield a pod? (activeQ is not empty, or, with SchedulerPopFromBackoffQ, backoffQ's rejection heap is not.) */
  hasActivePods(): boolean {
    return this.activeQ.length > 0 || (this.popFromBackoffQEnabled && this.backoffQ.lenBackoff() > 0);
  }

  /** Pods in backoffQ. */
  backoffCount(): number {
    return this.backoffQ.length;
  }

  /** Pods in unschedulablePods, gated ones included. */
  unschedulableCount(): number {
    return this.unschedulablePods.length;
  }

  /** PendingPods: every queued pod with its sub-queue, activeQ first, then backoffQ, then unschedulablePods. */
  pendingPods(): PendingPod[] {
    const out: PendingPod[] = [];
    for (const pInfo of this.activeQ.list()) out.push({ pInfo, queue: 'active' });
    for (const pInfo of this.backoffQ.list()) out.push({ pInfo, queue: 'backoff' });
    for (const pInfo of this.unschedulablePods.values()) out.push({ pInfo, queue: pInfo.gated ? 'gated' : 'unschedulable' });
    return out;
  }

  /** Upstream's pending-pods summary line: `activeQ:1; backoffQ:0; unschedulablePods:2`. */
  summary(): string {
    return `activeQ:${this.activeQ.length}; backoffQ:${this.backoffQ.length}; unschedulablePods:${this.unschedulablePods.length}`;
  }

  /** GetPod: the queued pod with this namespace and name, and its sub-queue. */
  getPod(namespace: string, name: string): PendingPod | undefined {
    const key = `${namespace}/${name}`;
    const b = this.backoffQ.get(key);
    if (b !== undefined) return { pInfo: b, queue: 'backoff' };
    const u = this.unschedulablePods.get(key);
    if (u !== undefined) return { pInfo: u, queue: u.gated ? 'gated' : 'unschedulable' };
    const a = this.activeQ.get(key);
    if (a !== undefined) return { pInfo: a, queue: 'active' };
    return undefined;
  }

  /** Pods popped and not yet done. */
  inFlightPods(): QueuedPodInfo[] {
    return this.activeQ.inFlightPods();
  }

  /** The earliest backoff expiry among pods in backoffQ, or undefined when backoffQ is empty. */
  nextBackoffExpiry(): Micros | undefined {
    return this.backoffQ.nextExpiry();
  }

  /**
   * The first instant at which flushBackoffQCompleted would move a pod: with
   * SchedulerPopFromBackoffQ a pod expiring at second s leaves at the flush of
   * s + 1 (its window must be over); without it, just after its expiry.
   */
  nextBackoffCompletion(): Micros | undefined {
    const expiry = this.backoffQ.nextExpiry();
    if (expiry === undefined) return undefined;
    return this.popFromBackoffQEnabled ? expiry + MICROS_PER_SECOND : expiry + 1;
  }

  /** Is the pod still serving its backoff penalty (the queue's own comparison)? */
  isPodBackingoff(pInfo: QueuedPodInfo): boolean {
    return this.backoffQ.isPodBackingoff(pInfo);
  }

  /** The pod's backoff expiry (µs), or −∞ when it has no failed attempt. */
  backoffExpiry(pInfo: QueuedPodInfo): Micros {
    return this.backoffQ.getBackoffTime(pInfo);
  }

  get podInitialBackoff(): Micros {
    return this.backoffQ.podInitialBackoff;
  }

  get podMaxBackoff(): Micros {
    return this.backoffQ.podMaxBackoff;
  }

  // ---- internals -------------------------------------------------------------

  /**
   * moveToActiveQ: runs PreEnqueue (skipped for a pod coming straight from
   * backoffQ with SchedulerPopFromBackoffQ, which ran it on the way in); a
   * gated pod goes to unschedulablePods. Returns true if the pod went to activeQ.
   */
  private moveToActiveQ(pInfo: QueuedPodInfo, event: string, movesFromBackoffQ: boolean): boolean {
    if (!(this.popFromBackoffQEnabled && movesFromBackoffQ)) this.runPreEnqueue(pInfo);
    const key = pInfo.key;
    if (pInfo.gated) {
      if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) return false;
      this.unschedulablePods.addOrUpdate(pInfo);
      return false;
    }
    if (pInfo.initialAttemptTimestamp === undefined) pInfo.initialAttemptTimestamp = this.now();
    this.unschedulablePods.delete(key);
    this.backoffQ.delete(key);
    this.activeQ.add(pInfo);
    if (event === eventLabel(EVENT_UNSCHEDULED_POD_ADD) || event === eventLabel(EVENT_UNSCHEDULED_POD_UPDATE)) {
      this.nominator.addNominatedPodFromStatus(pInfo.podInfo);
    }
    return true;
  }

  /**
   * moveToBackoffQ: with SchedulerPopFromBackoffQ, PreEnqueue runs here (a
   * gated pod goes to unschedulablePods). Returns true if the pod went to backoffQ.
   */
  private moveToBackoffQ(pInfo: QueuedPodInfo, _event: string): boolean {
    if (this.popFromBackoffQEnabled) {
      this.runPreEnqueue(pInfo);
      if (pInfo.gated) {
        if (!this.unschedulablePods.has(pInfo.key)) this.unschedulablePods.addOrUpdate(pInfo);
        return false;
      }
    }
    this.unschedulablePods.delete(pInfo.key);
    this.backoffQ.add(pInfo);
    return true;
  }

  /** runPreEnqueuePlugins: records the gating plugin (and adds it to the unschedulable plugins), or clears it. */
  private runPreEnqueue(pInfo: QueuedPodInfo): void {
    const s = this.preEnqueue(pInfo.podInfo);
    if (s === null) {
      pInfo.gatingPlugin = '';
      return;
    }
    pInfo.unschedulablePlugins.add(s.plugin);
    pInfo.gatingPlugin = s.plugin;
    pInfo.gatingPluginEvents = this.hints.eventsOf(s.plugin, pInfo.pod.spec.schedulerName ?? '');
  }

  /** requeuePodWithQueueingStrategy: returns the queue the pod ended in. */
  private requeuePodWithQueueingStrategy(pInfo: QueuedPodInfo, strategy: QueueingStrategy, event: string): QueueName {
    if (strategy === 'skip') {
      this.unschedulablePods.addOrUpdate(pInfo);
      return 'unschedulable';
    }
    // The backoff may have completed while the pod was in unschedulablePods.
    if (strategy === 'afterBackoff' && this.backoffQ.isPodBackingoff(pInfo)) {
      return this.moveToBackoffQ(pInfo, event) ? 'backoff' : 'unschedulable';
    }
    // Queue immediately, or the backoff is over. A gated pod stays in unschedulablePods.
    return this.moveToActiveQ(pInfo, event, false) ? 'active' : 'unschedulable';
  }

  private movePodsToActiveOrBackoffQueue(pods: readonly QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (!this.hints.isEventOfInterest(event)) return;
    const label = eventLabel(event);
    for (const pInfo of pods) {
      // An event the gating plugin is not interested in can never let the pod in.
      if (pInfo.gated && !matchAnyClusterEvent(event, pInfo.gatingPluginEvents)) continue;
      const strategy = this.hints.isPodWorthRequeuing(pInfo, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.unschedulablePods.delete(pInfo.key);
      this.requeuePodWithQueueingStrategy(pInfo, strategy, label);
    }
    this.moveRequestCycle = this.activeQ.schedulingCycle();
  }

  /** getUnschedulablePodsWithCrossTopologyTerm. */
  private unschedulablePodsWithCrossTopologyTerm(pod: Pod): QueuedPodInfo[] {
    const namespace = pod.metadata.namespace ?? '';
    const nsLabels = this.namespaceLabels(namespace);
    const out: QueuedPodInfo[] = [];
    for (const pInfo of this.unschedulablePods.values()) {
      if (pInfo.unschedulablePlugins.has('PodTopologySpread') && namespace === pInfo.podInfo.namespace) {
        out.push(pInfo);
        continue;
      }
      for (const term of pInfo.podInfo.requiredAffinityTerms) {
        if (term.matches(namespace, pod.metadata.labels, nsLabels)) {
          out.push(pInfo);
          break;
        }
      }
    }
    return out;
  }
}
