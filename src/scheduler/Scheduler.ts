import type { KubeObject, Node, Pod } from '../api/types.js';
import type { EventKind, Simulation, Timer } from '../engine/Simulation.js';
import type { RandomStream } from '../engine/RandomStreams.js';
import { MICROS_PER_SECOND, type Micros } from '../engine/time.js';
import { SchedulerCache } from './cache/Cache.js';
import type { ListedKind } from './cache/ClusterObjects.js';
import { CycleState } from './framework/CycleState.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint } from './framework/events.js';
import type { Framework, Profile } from './framework/Framework.js';
import type { Handle, Nominator } from './framework/interfaces.js';
import type { NodeInfo } from './framework/NodeInfo.js';
import { PodInfo } from './framework/PodInfo.js';
import { reusedPodInfo } from './cache/reusedPodInfo.js';
import type { FeatureGates } from './featureGates.js';
import { Framework as FrameworkImpl } from './framework/Framework.js';
import type { QueuedPodInfo } from './queue/QueuedPodInfo.js';
import { SchedulingQueue } from './queue/SchedulingQueue.js';
import { fitErrorMessage, findNodesThatFitPod, prioritizeNodes, selectHost, type CycleContext } from './schedulePod.js';
import type { SchedulerHost } from './SchedulerHost.js';
import { schedulerHandle } from './schedulerHandle.js';
import { nodeSchedulingPropertiesChange } from './nodeSchedulingPropertiesChange.js';
import { Code, Status } from './framework/Status.js';

/** The scheduler-wide settings of a KubeSchedulerConfiguration. */
export interface SchedulerSettings {
  percentageOfNodesToScore: number;
  podInitialBackoff: Micros;
  podMaxBackoff: Micros;
  featureGates: FeatureGates;
  /** Simulated time one scheduling cycle takes (0: instantaneous, the ideal control plane). */
  cycleDuration?: Micros;
}

/** Builds the profiles once the scheduler can hand each one its Handle. */
export type ProfileBuilder = (handleFor: (schedulerName: string) => Handle) => Profile[];

/** Counters of what the scheduler did. */
export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  unschedulable: number;
  errors: number;
  preemptionAttempts: number;
  bindFailures: number;
}

/** The outcome of one attempt, for observers (metrics, `kubesim explain`-like traces). */
export interface AttemptRecord {
  pod: PodInfo;
  /** The node chosen, or null when the pod did not fit. */
  nodeName: string | null;
  /** The FitError message when it did not fit. */
  message: string;
  nominatedNodeName: string | null;
}

/**
 * kube-scheduler as an actor on the virtual clock: informer entry points keep
 * the cache and the queue current; whenever the active queue has a pod, one
 * scheduling cycle runs as one event (pop, Filter/Score, assume, Reserve,
 * Permit), then the binding cycle goes through the host (an API call in a
 * cluster simulation); failures go back to the queue with backoff, after
 * PostFilter (preemption). The backoff queue is flushed every whole second and
 * leftover unschedulable pods every 30 s, as upstream's background loops.
 */
export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, unschedulable: 0, errors: 0, preemptionAttempts: 0, bindFailures: 0 };
  /** Called after every attempt, when set. */
  onAttempt: ((r: AttemptRecord) => void) | null = null;

  private readonly sim: Simulation;
  private readonly host: SchedulerHost;
  private readonly settings: SchedulerSettings;
  private readonly random: RandomStream;
  private readonly frameworks = new Map<string, Framework>();
  private readonly defaultFramework: Framework;
  private nextStartNodeIndex = 0;
  private readonly scheduleKind: EventKind;
  private scheduling = false;
  private readonly flushBackoffTimer: Timer;
  private readonly flushLeftoverTimer: Timer;
  private readonly startedAt: Micros;

  constructor(sim: Simulation, host: SchedulerHost, settings: SchedulerSettings, buildProfiles: ProfileBuilder) {
    this.sim = sim;
    this.host = host;
    this.settings = settings;
    this.random = sim.random.stream('scheduler');
    this.startedAt = sim.now;
    const handles = new Map<string, { framework: Framework | null }>();
    const handleFor = (schedulerName: string): Handle => {
      const slot = { framework: null as Framework | null };
      handles.set(schedulerName, slot);
      return schedulerHandle(
        {
          cache: this.cache,
          featureGates: settings.featureGates,
          random: this.random,
          nominator: () => this.queue.nominator,
          host,
          context: (fw, state, pod) => this.context(fw, state, pod),
        },
        () => {
          if (slot.framework === null) throw new Error(`profile ${schedulerName} used before it was built`);
          return slot.framework;
        },
      );
    };
    const profiles = buildProfiles(handleFor);
    if (profiles.length === 0) throw new Error('a scheduler needs at least one profile');
    for (const p of profiles) {
      const fw = new FrameworkImpl(p);
      this.frameworks.set(p.schedulerName, fw);
      const slot = handles.get(p.schedulerName);
      if (slot !== undefined) slot.framework = fw;
    }
    this.defaultFramework = this.frameworks.values().next().value as Framework;
    const fw = this.defaultFramework;
    this.queue = new SchedulingQueue({
      now: () => this.sim.now,
      less: (a, b) => fw.plugins.queueSort.less(a, b),
      preEnqueue: (pod) => this.frameworkFor(pod.pod)?.runPreEnqueuePlugins(pod) ?? null,
      podInitialBackoff: settings.podInitialBackoff,
      podMaxBackoff: settings.podMaxBackoff,
      featureGates: settings.featureGates,
      pluginEvents: (plugin) => this.eventsOf(plugin),
    });
    this.scheduleKind = sim.on('scheduler/schedule-one', () => this.scheduleOne());
    this.flushBackoffTimer = sim.timer(sim.on('scheduler/flush-backoff', () => this.flushBackoff()));
    this.flushLeftoverTimer = sim.timer(sim.on('scheduler/flush-unschedulable-leftover', () => this.flushLeftover()));
  }

  /** The profile (Framework) of a schedulerName, or undefined. */
  framework(schedulerName: string): Framework | undefined {
    return this.frameworks.get(schedulerName);
  }

  /** The schedulerNames of the profiles, in configuration order. */
  profileNames(): string[] {
    return [...this.frameworks.keys()];
  }

  /** The nominator (pods nominated by preemption). */
  get nominator(): Nominator {
    return this.queue.nominator;
  }

  // ---- informer entry points ---------------------------------------------------

  /** A pod appeared: bound pods go to the cache, pending pods for this scheduler to the queue. */
  addPod(pod: Pod): void {
    const info = new PodInfo(pod, { podLevelResources: this.settings.featureGates.enabled('PodLevelResources') });
    if (info.nodeName !== '') {
      this.cache.addPod(info);
      this.queue.assignedPodAdded(info);
      this.wake();
      return;
    }
    if (this.frameworkFor(pod) === null) return;
    this.queue.add(info);
    this.wake();
  }

  /** A pod changed. */
  updatePod(oldPod: Pod, pod: Pod): void {
    const info = reusedPodInfo(this.cache, oldPod, pod) ?? new PodInfo(pod, { podLevelResources: this.settings.featureGates.enabled('PodLevelResources') });
    if (info.nodeName !== '') {
      const wasAssumed = this.cache.isAssumed(info.uid);
      this.cache.updatePod(info);
      if (!wasAssumed) this.queue.assignedPodUpdated(oldPod, info);
      this.wake();
      return;
    }
    if (this.frameworkFor(pod) === null) return;
    this.queue.update(oldPod, info);
    this.wake();
  }

  /** A pod was deleted. */
  deletePod(pod: Pod): void {
    const uid = pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if ((pod.spec.nodeName ?? '') !== '' || this.cache.nodeOf(uid) !== undefined) {
      this.cache.removePod(uid);
      this.moveAll({ resource: 'AssignedPod', actionType: ActionType.Delete, label: 'AssignedPodDelete' }, pod, undefined);
      return;
    }
    this.queue.delete(pod);
  }

  addNode(node: Node): void {
    this.cache.addNode(node);
    this.moveAll({ resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' }, undefined, node);
  }

  updateNode(oldNode: Node, node: Node): void {
    this.cache.updateNode(oldNode, node);
    const actionType = nodeSchedulingPropertiesChange(oldNode, node);
    // A node update that changes nothing scheduling reads (a heartbeat) is no cluster event.
    if (actionType !== 0) this.moveAll({ resource: 'Node', actionType, label: 'NodeUpdate' }, oldNode, node);
  }

  deleteNode(node: Node): void {
    this.cache.removeNode(node);
  }

  /** Another kind plugins read changed (a Service, a PDB, a namespace, ...). */
  setObject(kind: ListedKind, object: KubeObject): void {
    this.cache.objects.set(kind, object as never);
  }

  deleteObject(kind: ListedKind, object: KubeObject): void {
    this.cache.objects.delete(kind, object as never);
  }

  // ---- the scheduling loop ------------------------------------------------------

  /** Starts a scheduling cycle at the current instant if the scheduler is idle and a pod is waiting. */
  private wake(): void {
    if (!this.scheduling && this.queue.hasActivePods()) {
      this.scheduling = true;
      this.sim.schedule(0, this.scheduleKind);
    }
    this.armFlushTimers();
  }

  /** One scheduling cycle, then the next one after the cycle's duration while pods wait. */
  private scheduleOne(): void {
    const qpi = this.queue.pop();
    if (qpi !== undefined) this.attempt(qpi);
    if (this.queue.hasActivePods()) this.sim.schedule(this.settings.cycleDuration ?? 0, this.scheduleKind);
    else this.scheduling = false;
    this.armFlushTimers();
  }

  private attempt(qpi: QueuedPodInfo): void {
    const podInfo = qpi.podInfo;
    const fw = this.frameworkFor(podInfo.pod);
    if (fw === null || podInfo.pod.metadata.deletionTimestamp !== undefined || this.cache.isAssumed(podInfo.uid)) {
      this.queue.done(podInfo.uid);
      return;
    }
    this.stats.attempts++;
    const state = new CycleState();
    const ctx = this.context(fw, state, podInfo);
    const fit = findNodesThatFitPod(ctx);
    this.nextStartNodeIndex = fit.nextStartNodeIndex;
    if (fit.error !== null) return this.fail(qpi, fit.error, fit.error.message(), null, new Set());

    let host: NodeInfo | undefined;
    if (fit.feasible.length === 0) {
      const numAllNodes = this.cache.numNodes;
      let nominated: string | null = null;
      if (numAllNodes === 0) {
        return this.fail(qpi, statusOf(Code.UnschedulableAndUnresolvable, 'no nodes available to schedule pods'), 'no nodes available to schedule pods', null, new Set());
      }
      // Reasons of fast-path rejections are computed on first read: read them now,
      // before PostFilter may evict pods and change the nodes they describe —
      // unless no one will read them (then the message is only FitError's head).
      const filterMessage =
        this.host.failureMessages === false && fw.plugins.postFilter.length === 0
          ? `0/${numAllNodes} nodes are available.`
          : fitErrorMessage(numAllNodes, fit.diagnosis);
      if (fw.plugins.postFilter.length > 0) {
        this.stats.preemptionAttempts++;
        const r = fw.runPostFilterPlugins(state, podInfo, fit.diagnosis.nodeToStatus);
        if (r.status !== null) fit.diagnosis.postFilterMsg = r.status.message();
        if (r.nominatedNodeName !== undefined) nominated = r.nominatedNodeName;
      }
      const message = fit.diagnosis.postFilterMsg === '' ? filterMessage : `${filterMessage} ${fit.diagnosis.postFilterMsg}.`;
      return this.fail(qpi, statusOf(Code.Unschedulable, message), message, nominated, fit.diagnosis.unschedulablePlugins);
    }
    if (fit.feasible.length === 1) {
      host = fit.feasible[0]!;
    } else {
      const scored = prioritizeNodes(ctx, fit.feasible, fit.feasibleRows);
      if (scored.error !== null) return this.fail(qpi, scored.error, scored.error.message(), null, new Set());
      host = fit.feasible[selectHost(ctx, fit.feasible, scored.totals)]!;
    }
    this.assumeAndBind(qpi, fw, state, host.name);
  }

  private assumeAndBind(qpi: QueuedPodInfo, fw: Framework, state: CycleState, nodeName: string): void {
    const podInfo = qpi.podInfo;
    const assumed = this.cache.assumePod(podInfo, nodeName);
    this.queue.nominator.deleteNominatedPodIfExists(podInfo);
    const reserve = fw.runReservePlugins(state, assumed, nodeName);
    if (reserve !== null) {
      this.cache.forgetPod(podInfo.uid);
      return this.fail(qpi, reserve, reserve.message(), null, new Set([reserve.plugin]));
    }
    // A Permit Wait is taken as approval: kubesim has no waiting-pods API (framework.WaitingPod)
    // for a plugin to allow or reject later, and no in-tree plugin waits.
    const permit = fw.runPermitPlugins(state, assumed, nodeName);
    if (permit.status !== null && permit.status.code !== Code.Wait) {
      fw.runUnreservePlugins(state, assumed, nodeName);
      this.cache.forgetPod(podInfo.uid);
      return this.fail(qpi, permit.status, permit.status.message(), null, new Set([permit.status.plugin]));
    }
    this.queue.done(podInfo.uid);
    this.stats.scheduled++;
    this.onAttempt?.({ pod: podInfo, nodeName, message: '', nominatedNodeName: null });
    // The binding cycle: PreBind, Bind (the host's API call), then PostBind.
    const preBind = fw.runPreBindPlugins(state, assumed, nodeName);
    const bind = preBind ?? fw.runBindPlugins(state, assumed, nodeName);
    if (bind !== null) return this.bindingFailed(qpi, fw, state, assumed, nodeName, bind.message());
    this.host.bind(assumed, nodeName, (error) => {
      if (error !== null) this.bindingFailed(qpi, fw, state, assumed, nodeName, error);
      else fw.runPostBindPlugins(state, assumed, nodeName);
    });
  }

  private bindingFailed(qpi: QueuedPodInfo, fw: Framework, state: CycleState, assumed: PodInfo, nodeName: string, message: string): void {
    this.stats.bindFailures++;
    this.stats.scheduled--;
    fw.runUnreservePlugins(state, assumed, nodeName);
    this.cache.forgetPod(assumed.uid);
    this.moveAll({ resource: 'AssignedPod', actionType: ActionType.Delete, label: 'AssignedPodDelete' }, assumed.pod, undefined);
    this.fail(qpi, statusOf(Code.Error, message), message, null, new Set());
  }

  /** handleSchedulingFailure: back to the queue, the failure recorded on the pod, the nomination kept. */
  private fail(qpi: QueuedPodInfo, status: Status, message: string, nominated: string | null, plugins: Set<string>): void {
    const rejected = status.code === Code.Unschedulable || status.code === Code.UnschedulableAndUnresolvable;
    if (rejected) this.stats.unschedulable++;
    else this.stats.errors++;
    this.queue.addUnschedulableIfNotPresent(qpi, { rejectorPlugins: plugins, error: !rejected });
    if (nominated !== null) {
      // A nomination to '' clears the pod's nomination (upstream's ModeOverride with an empty name).
      if (nominated === '') this.queue.nominator.deleteNominatedPodIfExists(qpi.podInfo);
      else this.queue.nominator.addNominatedPod(qpi.podInfo, nominated);
    }
    this.host.recordFailure(qpi.podInfo, rejected ? 'Unschedulable' : 'SchedulerError', message, nominated);
    this.onAttempt?.({ pod: qpi.podInfo, nodeName: null, message, nominatedNodeName: nominated });
    this.wake();
  }

  // ---- background loops ---------------------------------------------------------

  /** Arms the flush timers while there is something for them to do, on their upstream cadence. */
  private armFlushTimers(): void {
    if (this.queue.backoffCount() > 0 && !this.flushBackoffTimer.armed) {
      // flushBackoffQCompleted runs every whole second.
      const next = (Math.floor(this.sim.now / MICROS_PER_SECOND) + 1) * MICROS_PER_SECOND;
      this.flushBackoffTimer.armAt(next);
    }
    if (this.queue.unschedulableCount() > 0 && !this.flushLeftoverTimer.armed) {
      // flushUnschedulablePodsLeftover runs every 30 s from the scheduler's start.
      const period = 30 * MICROS_PER_SECOND;
      const k = Math.floor((this.sim.now - this.startedAt) / period) + 1;
      this.flushLeftoverTimer.armAt(this.startedAt + k * period);
    }
  }

  private flushBackoff(): void {
    this.queue.flushBackoffQCompleted();
    this.wake();
  }

  private flushLeftover(): void {
    this.queue.flushUnschedulablePodsLeftover();
    this.wake();
  }

  private moveAll(event: ClusterEvent, oldObject: unknown, newObject: unknown): void {
    this.queue.moveAllToActiveOrBackoffQueue(event, oldObject, newObject);
    this.wake();
  }

  // ---- plumbing -------------------------------------------------------------------

  private frameworkFor(pod: Pod): Framework | null {
    return this.frameworks.get(pod.spec.schedulerName ?? 'default-scheduler') ?? null;
  }

  /** A plugin's registered events; undefined when it has no EnqueueExtensions (then every event may help, as upstream). */
  private eventsOf(plugin: string): readonly ClusterEventWithHint[] | undefined {
    for (const fw of this.frameworks.values()) {
      for (const p of fw.enqueueExtensions()) if (p.name === plugin) return p.eventsToRegister();
    }
    return undefined;
  }

  private context(fw: Framework, state: CycleState, pod: PodInfo): CycleContext {
    return {
      framework: fw,
      snapshot: this.cache,
      state,
      pod,
      nominator: this.queue.nominator,
      percentageOfNodesToScore: this.settings.percentageOfNodesToScore,
      nextStartNodeIndex: this.nextStartNodeIndex,
      random: this.random,
    };
  }
}

function statusOf(code: Code, message: string): Status {
  return new Status(code, [message]);
}
