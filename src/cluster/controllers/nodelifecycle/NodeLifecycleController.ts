import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../../api/taints.js';
import type { Lease, Node, NodeCondition, Pod, Taint } from '../../../api/types.js';
import type { Timer } from '../../../engine/Simulation.js';
import { milliseconds, seconds, type Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';
import { NodeLeases } from '../../kubelet/NodeLeases.js';
import { MonitoredNodes, type MonitoredNode, type ZoneCount } from './MonitoredNodes.js';
import { PassView } from './PassView.js';
import { NodeHealthTracker, readyOf, type SeenRenewal } from './nodeHealth.js';
import { noScheduleTaintDiff } from './noScheduleTaints.js';
import { PodsByNode } from './PodsByNode.js';
import { EVICTION_RATE_LIMITER_BURST, RateLimitedTimedQueue, TokenBucket } from './RateLimitedTimedQueue.js';
import { isNodeExcludedFromDisruptionChecks, zoneOf, zoneStateOf, type ZoneState } from './zoneState.js';

/** The component name on its Events (the node lifecycle controller's recorder). */
export const NODE_CONTROLLER_COMPONENT = 'node-controller';
/** scheduler.NodeEvictionPeriod: how often the tainting queues are tried. */
export const NODE_EVICTION_PERIOD: Micros = milliseconds(100);
/** The namespace of node leases. */
const NAMESPACE_NODE_LEASE = 'kube-node-lease';

/** kube-controller-manager's node lifecycle flags (kubernetes-behaviour.md §1). */
export interface NodeLifecycleOptions {
  /** `--node-monitor-period` (5s). */
  nodeMonitorPeriod?: Micros;
  /** `--node-monitor-grace-period` (50s from v1.32). */
  nodeMonitorGracePeriod?: Micros;
  /** `--node-startup-grace-period` (60s). */
  nodeStartupGracePeriod?: Micros;
  /** `--node-eviction-rate` (0.1 nodes/s). */
  evictionLimiterQPS?: number;
  /** `--secondary-node-eviction-rate` (0.01 nodes/s). */
  secondaryEvictionLimiterQPS?: number;
  /** `--large-cluster-size-threshold` (50). */
  largeClusterThreshold?: number;
  /** `--unhealthy-zone-threshold` (0.55). */
  unhealthyZoneThreshold?: number;
}

/** The controller's defaults. */
export const NODE_LIFECYCLE_DEFAULTS: Readonly<Required<NodeLifecycleOptions>> = Object.freeze({
  nodeMonitorPeriod: seconds(5),
  nodeMonitorGracePeriod: seconds(50),
  nodeStartupGracePeriod: seconds(60),
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterThreshold: 50,
  unhealthyZoneThreshold: 0.55,
});

/** UnreachableTaintTemplate and NotReadyTaintTemplate. */
const UNREACHABLE: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
const NOT_READY: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

function hasTaint(node: Node, template: Taint): boolean {
  const taints = node.spec?.taints;
  if (taints === undefined) return false;
  for (const t of taints) if (t.key === template.key && t.effect === template.effect) return true;
  return false;
}

/** The number of counted nodes of a zone. */
function zoneSize(count: ZoneCount | undefined): number {
  return count === undefined ? 0 : count.ready + count.notReady;
}

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go) with taint-based eviction: every 5s it checks
 * each node's lease and Ready heartbeat; past the grace period it sets the
 * node's conditions Unknown, marks its pods not Ready and queues the NoExecute
 * `unreachable` (or `not-ready`) taint in its zone's rate-limited queue, which
 * is drained every 100ms at the zone's rate (0.1/s healthy, 0.01/s or 0 in
 * partial disruption, none when every zone is down). A node Ready again loses
 * the taints. The taint eviction controller then deletes the pods.
 *
 * A pass looks only at the nodes where it has something to do
 * ({@link MonitoredNodes}); a healthy node's kubelet renewals, answered by
 * {@link NodeLeases} rather than written, are read when it is looked at,
 * with the pass that would have seen each one, so every probe time, Unknown
 * transition and taint lands at the same instant as with a look at every
 * node every pass.
 */
export class NodeLifecycleController implements Actor {
  readonly name = 'kube-controller-manager/node-lifecycle-controller';
  readonly options: Readonly<Required<NodeLifecycleOptions>>;
  private readonly client: ApiClient;
  private nodes!: Informer<Node>;
  /** Node leases by node name, from the Lease informer (the lister's Get without building keys). */
  private readonly leases = new Map<string, Lease>();
  /** The kubelets' renewals as the passes see them. */
  private passes!: PassView;
  private readonly monitored = new MonitoredNodes();
  private podsByNode!: PodsByNode;
  private healthTracker!: NodeHealthTracker;
  private readonly knownNodes = new Set<string>();
  private readonly addedNodes: string[] = [];
  private readonly deletedNodes: string[] = [];
  /** zoneNoExecuteTainter. */
  readonly tainters = new Map<string, RateLimitedTimedQueue>();
  /** zoneStates. */
  readonly zoneStates = new Map<string, ZoneState>();
  private monitorTimer!: Timer;
  private taintTimer!: Timer;
  private startedAt: Micros = 0;
  private nextTaintPass: Micros = Infinity;

  constructor(
    private readonly cluster: Cluster,
    options: NodeLifecycleOptions = {},
  ) {
    this.options = { ...NODE_LIFECYCLE_DEFAULTS, ...options };
    this.client = cluster.client(NODE_CONTROLLER_COMPONENT);
  }

  /** Starts the monitor loop (a pass now, then every node-monitor-period). */
  start(): void {
    this.nodes = this.cluster.informers.for<Node>('Node');
    this.nodes.addHandler({
      add: (n) => {
        this.addedNodes.push(n.metadata.name);
        this.monitored.add(n.metadata.name);
        this.doNoScheduleTaintingPass(n);
      },
      update: (_old, n) => {
        this.monitored.touch(n.metadata.name);
        this.doNoScheduleTaintingPass(n);
      },
      delete: (n) => {
        this.deletedNodes.push(n.metadata.name);
        this.monitored.remove(n.metadata.name);
      },
    });
    const leases = this.cluster.informers.for<Lease>('Lease');
    const nodeLease = (l: Lease): boolean => l.metadata.namespace === NAMESPACE_NODE_LEASE;
    const seen = (l: Lease): void => {
      if (!nodeLease(l)) return;
      this.leases.set(l.metadata.name ?? '', l);
      this.monitored.touch(l.metadata.name ?? '');
    };
    leases.addHandler({
      add: seen,
      update: (_old, l) => seen(l),
      delete: (l) => {
        if (!nodeLease(l)) return;
        this.leases.delete(l.metadata.name ?? '');
        this.monitored.touch(l.metadata.name ?? '');
      },
    });
    const kubeletLeases = NodeLeases.of(this.cluster);
    kubeletLeases.subscribe((name) => this.monitored.touch(name));
    this.podsByNode = PodsByNode.of(this.cluster.informers.for<Pod>('Pod'));
    this.startedAt = this.cluster.sim.now;
    const o = this.options;
    this.passes = new PassView(kubeletLeases, this.startedAt, o.nodeMonitorPeriod, o.nodeMonitorGracePeriod, this.cluster.profile.watchLatency);
    this.healthTracker = new NodeHealthTracker(this.cluster.clock, this.options.nodeMonitorGracePeriod, this.options.nodeStartupGracePeriod);
    this.monitorTimer = this.cluster.callbacks.timer(() => {
      this.monitorTimer.arm(this.options.nodeMonitorPeriod);
      this.monitorNodeHealth();
    });
    this.taintTimer = this.cluster.callbacks.timer(() => this.doNoExecuteTaintingPass());
    this.monitorTimer.arm(0);
  }

  private get now(): Micros {
    return this.cluster.sim.now;
  }

  // ---- monitorNodeHealth ----------------------------------------------------------

  /** monitorNodeHealth: one pass over every node (looking only at those where something can happen). */
  monitorNodeHealth(): void {
    // New and deleted nodes (upstream diffs the lister against knownNodeSet; the informer's handlers tell the same).
    if (this.addedNodes.length > 0) {
      for (const name of this.addedNodes.splice(0)) {
        const node = this.nodes.get(undefined, name);
        if (node === undefined || this.knownNodes.has(name)) continue;
        this.cluster.recorder.event(node, 'Normal', 'RegisteredNode', `Registered Node ${name} in Controller`, NODE_CONTROLLER_COMPONENT);
        this.knownNodes.add(name);
        this.addPodEvictorForNewZone(node);
        this.markNodeAsReachable(node);
      }
    }
    if (this.deletedNodes.length > 0) {
      for (const name of this.deletedNodes.splice(0)) {
        if (!this.knownNodes.has(name) || this.nodes.get(undefined, name) !== undefined) continue;
        this.cluster.recorder.event({ kind: 'Node', metadata: { name } }, 'Normal', 'RemovingNode', `Removing Node ${name} from Controller`, NODE_CONTROLLER_COMPONENT);
        this.knownNodes.delete(name);
        this.healthTracker.forget(name);
      }
    }

    // A zone missing its state would be made again by a look at any of its nodes, in list order: look at all.
    let everyNode = false;
    for (const zone of this.monitored.zones.keys()) {
      if (!this.zoneStates.has(zone)) {
        everyNode = true;
        break;
      }
    }
    if (everyNode) {
      this.monitored.takeAll();
      for (const node of this.nodes.list()) this.look(node, this.monitored.get(node.metadata.name));
    } else {
      for (const entry of this.monitored.takeDue(this.now)) {
        const node = this.nodes.get(undefined, entry.name);
        if (node !== undefined) this.look(node, entry);
      }
    }
    this.handleDisruption(this.monitored.zoneCounts(this.zoneStates, this.nodes.list()));
  }

  /**
   * One node's turn in a pass: its health, its zone's count, the taint its
   * Ready status calls for, NodeNotReady when it just stopped being Ready;
   * then whether the next passes can skip it.
   */
  private look(node: Stored<Node>, entry: MonitoredNode | undefined): void {
    const now = this.now;
    const name = node.metadata.name;
    let renewal: SeenRenewal | undefined;
    if (entry !== undefined) {
      if (entry.firstLookAt < 0) entry.firstLookAt = now;
      renewal = this.passes.renewal(entry, now);
    }
    const [observedReady, currentReady] = this.tryUpdateNodeHealth(node, renewal);
    const counted = !isNodeExcludedFromDisruptionChecks(node);
    if (entry !== undefined) this.monitored.contribute(entry, zoneOf(node), counted, currentReady !== undefined && currentReady.status === 'True');
    if (currentReady === undefined) {
      if (entry !== undefined) this.monitored.settle(entry, null);
      return;
    }
    this.processTaintBaseEviction(node, observedReady);
    if (currentReady.status !== 'True' && observedReady.status === 'True') {
      // Reported once, when the status changes.
      this.cluster.recorder.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, NODE_CONTROLLER_COMPONENT);
      this.markPodsNotReady(node.metadata.name);
    }
    if (entry === undefined) return;
    // Quiet: Ready at this look and as remembered, untainted and dequeued, and in a zone that always has a state.
    const quiet = counted && observedReady.status === 'True' && currentReady.status === 'True' && this.healthTracker.peek(name)?.readyCondition?.status === 'True' && !hasTaint(node, UNREACHABLE) && !hasTaint(node, NOT_READY);
    this.monitored.settle(entry, quiet ? this.passes.nextCheck(name, this.healthTracker.peek(name)?.probeTimestamp ?? now, now) : null);
  }

  /**
   * tryUpdateNodeHealth: the node's health from its heartbeats; when the
   * grace period ran out, writes its conditions Unknown. Returns the Ready
   * condition as observed and as it is now.
   */
  private tryUpdateNodeHealth(node: Stored<Node>, renewal: SeenRenewal | undefined): [NodeCondition, NodeCondition | undefined] {
    const lease = this.leases.get(node.metadata.name);
    const result = this.healthTracker.tryUpdate(node, lease, this.now, renewal);
    if (result.conditions !== null) {
      const conditions = result.conditions;
      this.client.update<Node>('Node', undefined, node.metadata.name, (n) => ({ ...n, status: { ...n.status, conditions } }));
    }
    return [result.observed, result.current];
  }

  /** MarkPodsNotReady: the Ready condition of every pod on the node goes False (kubectl's READY is containers', unchanged). */
  private markPodsNotReady(nodeName: string): void {
    const stamp = this.cluster.clock.timestamp();
    for (const pod of this.podsByNode.get(nodeName)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready === undefined || ready.status === 'False') continue;
      const namespace = pod.metadata.namespace ?? 'default';
      this.client.update<Pod>('Pod', namespace, pod.metadata.name, (p) => {
        if (p.metadata.uid !== pod.metadata.uid) return null;
        const conditions = (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' && c.status !== 'False' ? { ...c, status: 'False' as const, lastTransitionTime: stamp } : c));
        return { ...p, status: { ...p.status, conditions } };
      });
      this.cluster.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER_COMPONENT);
    }
  }

  // ---- taints ---------------------------------------------------------------------

  private addPodEvictorForNewZone(node: Node): void {
    const zone = zoneOf(node);
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, 'Initial');
    this.tainters.set(zone, new RateLimitedTimedQueue(new TokenBucket(this.options.evictionLimiterQPS, EVICTION_RATE_LIMITER_BURST)));
  }

  private tainter(node: Node): RateLimitedTimedQueue {
    this.addPodEvictorForNewZone(node);
    return this.tainters.get(zoneOf(node))!;
  }

  /** processTaintBaseEviction: queue the taint for the observed Ready status, swap it, or clear it. */
  private processTaintBaseEviction(node: Stored<Node>, observedReady: NodeCondition): void {
    switch (observedReady.status) {
      case 'False':
        if (hasTaint(node, UNREACHABLE)) this.swapNodeControllerTaint(node.metadata.name, NOT_READY, UNREACHABLE);
        else this.markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (hasTaint(node, NOT_READY)) this.swapNodeControllerTaint(node.metadata.name, UNREACHABLE, NOT_READY);
        else this.markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  /** markNodeForTainting: (re)queues the node; while untainted it goes to the back of its zone's queue. */
  private markNodeForTainting(node: Stored<Node>, status: 'False' | 'Unknown'): boolean {
    const queue = this.tainter(node);
    if (!hasTaint(node, status === 'False' ? NOT_READY : UNREACHABLE)) queue.remove(node.metadata.name);
    const added = queue.add(node.metadata.name, node.metadata.uid, this.now);
    this.armTaintingPass();
    return added;
  }

  /** markNodeAsReachable: removes both NoExecute taints and dequeues the node. */
  private markNodeAsReachable(node: Node): boolean {
    const name = node.metadata.name ?? '';
    if (hasTaint(node, UNREACHABLE) || hasTaint(node, NOT_READY)) {
      this.client.update<Node>('Node', undefined, name, (n) => {
        const taints = n.spec?.taints ?? [];
        const kept = taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === UNREACHABLE.key || t.key === NOT_READY.key)));
        return kept.length === taints.length ? null : { ...n, spec: { ...n.spec, taints: kept } };
      });
    }
    return this.tainter(node).remove(name);
  }

  /**
   * doNoScheduleTaintingPass (run on every node add and update): the
   * NoSchedule taints of the node's conditions — `unreachable` for Ready
   * Unknown, `not-ready` for False, the pressure ones — and `unschedulable`.
   */
  private doNoScheduleTaintingPass(node: Node): void {
    const [toAdd, toRemove] = noScheduleTaintDiff(node);
    if (toAdd.length === 0 && toRemove.length === 0) return;
    this.swapNodeControllerTaints(node.metadata.name ?? '', toAdd, toRemove);
  }

  /** SwapNodeControllerTaint: adds `add` (timeAdded now) and removes `remove` in one write. */
  private swapNodeControllerTaint(nodeName: string, add: Taint, remove: Taint): void {
    this.swapNodeControllerTaints(nodeName, [add], [remove]);
  }

  private swapNodeControllerTaints(nodeName: string, add: readonly Taint[], remove: readonly Taint[]): void {
    const timeAdded = this.cluster.clock.timestamp();
    const matches = (t: Taint, list: readonly Taint[]): boolean => list.some((x) => x.key === t.key && x.effect === t.effect);
    this.client.update<Node>('Node', undefined, nodeName, (n) => {
      const taints = (n.spec?.taints ?? []).filter((t) => !matches(t, remove) && !matches(t, add));
      for (const t of add) taints.push({ ...t, timeAdded });
      return { ...n, spec: { ...n.spec, taints } };
    });
  }

  /** Arms the tainting pass at the first 100ms tick when some zone's limiter can accept. */
  private armTaintingPass(): void {
    let due = Infinity;
    for (const queue of this.tainters.values()) if (queue.length > 0) due = Math.min(due, queue.limiter.nextAcceptAt());
    if (due === Infinity) {
      this.taintTimer.disarm();
      this.nextTaintPass = Infinity;
      return;
    }
    // The pass runs on a 100ms grid from the controller's start; a pass due now runs at the next tick.
    const at = Math.max(due, this.now + 1);
    const tick = this.startedAt + Math.ceil((at - this.startedAt) / NODE_EVICTION_PERIOD) * NODE_EVICTION_PERIOD;
    if (!this.taintTimer.armed || tick < this.nextTaintPass) {
      this.nextTaintPass = tick;
      this.taintTimer.armAt(tick);
    }
  }

  /** doNoExecuteTaintingPass: each zone's queue, at its limiter's pace. */
  private doNoExecuteTaintingPass(): void {
    this.nextTaintPass = Infinity;
    const now = this.now;
    for (const queue of this.tainters.values()) {
      queue.tryProcess(now, (value) => {
        const node = this.nodes.get(undefined, value.value);
        if (node === undefined) return [true, 0];
        const ready = readyOf(node);
        if (ready === undefined) return [true, 0];
        if (ready.status === 'False') this.swapNodeControllerTaint(node.metadata.name, NOT_READY, UNREACHABLE);
        else if (ready.status === 'Unknown') this.swapNodeControllerTaint(node.metadata.name, UNREACHABLE, NOT_READY);
        return [true, 0]; // ready again: the taint request is ignored
      });
    }
    this.armTaintingPass();
  }

  // ---- disruption -------------------------------------------------------------------

  /** handleDisruption: zone states and the tainting rate each implies, from each zone's Ready counts. */
  private handleDisruption(zoneToNodeConditions: Map<string, ZoneCount>): void {
    const newZoneStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, count] of zoneToNodeConditions) {
      const state = zoneStateOf(count.ready, count.notReady, this.options.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newZoneStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneToNodeConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const now = this.now;
    if (allAreFullyDisrupted) {
      // Every node is down: assume the control plane lost them, and stop all evictions.
      for (const node of this.nodes.list()) this.markNodeAsReachable(node);
      for (const zone of this.zoneStates.keys()) this.tainters.get(zone)?.swapLimiter(0, now);
      for (const zone of this.zoneStates.keys()) this.zoneStates.set(zone, 'FullDisruption');
      this.armTaintingPass();
      return;
    }
    if (allWasFullyDisrupted) {
      // Leaving full disruption: every node gets a fresh probe time.
      for (const node of this.nodes.list()) this.healthTracker.resetProbe(node.metadata.name, now);
      for (const zone of [...this.zoneStates.keys()]) {
        const state = newZoneStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneSize(zoneToNodeConditions.get(zone)), state);
        this.zoneStates.set(zone, state);
      }
      this.armTaintingPass();
      return;
    }
    for (const [zone, state] of [...this.zoneStates]) {
      const next = newZoneStates.get(zone);
      if (next === undefined || next === state) continue;
      this.setLimiterInZone(zone, zoneSize(zoneToNodeConditions.get(zone)), next);
      this.zoneStates.set(zone, next);
    }
    this.armTaintingPass();
  }

  /** setLimiterInZone: Normal and FullDisruption taint at the normal rate; PartialDisruption at ReducedQPSFunc. */
  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const queue = this.tainters.get(zone);
    if (queue === undefined) return;
    const now = this.now;
    if (state === 'Normal' || state === 'FullDisruption') queue.swapLimiter(this.options.evictionLimiterQPS, now);
    else if (state === 'PartialDisruption') queue.swapLimiter(this.reducedQPS(zoneSize), now);
  }

  /** ReducedQPSFunc: the secondary rate in a zone larger than the large-cluster threshold, otherwise 0. */
  reducedQPS(nodeNum: number): number {
    return nodeNum > this.options.largeClusterThreshold ? this.options.secondaryEvictionLimiterQPS : 0;
  }
}
