import type { DaemonSet, Node, Pod } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { ApiClient } from '../store/ApiServer.js';
import { Informer } from '../store/Informer.js';
import { DEFAULT_AUTOSCALING_OPTIONS, type AutoscalingOptions } from './AutoscalingOptions.js';
import { estimateNodes } from './binpacking.js';
import type { NodeGroup } from './NodeGroup.js';
import type { CloudProvider, Instance } from './CloudProvider.js';
import { TAINT_CLOUD_PROVIDER_UNINITIALIZED } from './CloudProvider.js';
import { ClusterState, type ClusterSnapshot } from './ClusterSnapshot.js';
import { equivalenceKey, isNodeReady } from './podKinds.js';
import { templateNodeInfo } from './templateNodeInfo.js';
import { bestOption, type ExpansionOption } from './expander.js';
import { ScaleDown } from './ScaleDown.js';
import type { SimulatedNode } from './SimulatedNode.js';

/** What the autoscaler has done so far. */
export interface AutoscalerCounters {
  /** Scale-ups made (one per scan that grew a group). */
  scaleUps: number;
  /** Scale-downs started (a bulk of empty nodes, or one drained node). */
  scaleDowns: number;
  /** Nodes asked of the cloud. */
  nodesAdded: number;
  /** Nodes removed by scale-down. */
  nodesRemoved: number;
  /** Machines removed because they were not Ready within max-node-provision-time. */
  provisioningTimeouts: number;
}

/**
 * cluster-autoscaler's RunOnce, every scan-interval: remove machines that
 * did not become Ready within max-node-provision-time; take the pods the
 * scheduler marked Unschedulable, drop those that fit on existing Ready
 * nodes or on nodes still coming up; for each group below its max, bin-pack
 * the rest onto new template nodes (first-fit decreasing); let the expander
 * pick one option and ask the cloud for its nodes. A scan that scaled up
 * does not scale down; otherwise the scale-down planner and actuator run
 * (the actuator not within scale-down-delay-after-add of the last scale-up).
 */
export class ClusterAutoscaler implements Actor {
  readonly name = 'cluster-autoscaler';
  readonly options: AutoscalingOptions;
  readonly counters: AutoscalerCounters = { scaleUps: 0, scaleDowns: 0, nodesAdded: 0, nodesRemoved: 0, provisioningTimeouts: 0 };
  /** When the last scale-up was made (−∞ before any). */
  lastScaleUpTime: Micros = -Infinity;
  readonly scaleDown: ScaleDown;
  private readonly client: ApiClient;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly daemonSets: Informer<DaemonSet>;
  private readonly state: ClusterState;
  /** Machines whose node has been up (registered, Ready, initialised) at some scan. */
  private readonly seenUp = new Set<string>();

  /**
   * @param cluster the cluster
   * @param cloud the cloud whose node groups it scales
   * @param options flags; unset ones take cluster-autoscaler's defaults
   */
  constructor(
    private readonly cluster: Cluster,
    private readonly cloud: CloudProvider,
    options: Partial<AutoscalingOptions> = {},
  ) {
    this.options = { ...DEFAULT_AUTOSCALING_OPTIONS, ...options };
    this.client = cluster.client('cluster-autoscaler');
    this.nodes = new Informer<Node>(cluster.store, 'Node');
    this.pods = new Informer<Pod>(cluster.store, 'Pod');
    this.daemonSets = new Informer<DaemonSet>(cluster.store, 'DaemonSet');
    this.state = new ClusterState(this.nodes, this.pods);
    this.scaleDown = new ScaleDown(cluster, cloud, this.options, this.client, this.state, this.counters);
  }

  /** Runs the first scan now and one every scan-interval after. */
  start(): void {
    this.nodes.addHandler({ delete: (n) => this.scaleDown.nodeDeleted(n.metadata.name ?? '') });
    const loop = (): void => {
      this.runOnce();
      this.cluster.callbacks.after(this.options.scanInterval, loop);
    };
    this.cluster.callbacks.after(0, loop);
  }

  /** One scan (RunOnce). */
  runOnce(): void {
    const now = this.cluster.sim.now;
    this.removeLongUnready(now);
    const snapshot = this.state.snapshot();
    if (this.scaleUp(snapshot)) {
      this.lastScaleUpTime = now;
      return; // no scale-down in a scan that scaled up
    }
    if (!this.options.scaleDownEnabled) return;
    this.scaleDown.updateUnneeded(snapshot, now);
    if (now < this.lastScaleUpTime + this.options.scaleDownDelayAfterAdd) return;
    this.scaleDown.actuate(now);
  }

  /** True when the Node of `instance` is registered, Ready and initialised. */
  private isUp(instance: Instance): boolean {
    const node = this.nodes.get(undefined, instance.name);
    if (node === undefined || !isNodeReady(node)) return false;
    return !(node.spec?.taints ?? []).some((t) => t.key === TAINT_CLOUD_PROVIDER_UNINITIALIZED);
  }

  /** A machine asked for that has never been up yet: it stands as a template node until it is. */
  private isUpcoming(instance: Instance): boolean {
    return !this.seenUp.has(instance.name) && !this.isUp(instance);
  }

  /**
   * Machines never up within max-node-provision-time are deleted (and the
   * group's target shrinks). A node that was up and then failed is left to
   * the node lifecycle controllers.
   */
  private removeLongUnready(now: Micros): void {
    const late: string[] = [];
    for (const name of this.seenUp) if (this.cloud.instance(name) === undefined) this.seenUp.delete(name);
    for (const group of this.cloud.groups) {
      for (const instance of this.cloud.instances(group)) {
        if (this.seenUp.has(instance.name)) continue;
        if (this.isUp(instance)) this.seenUp.add(instance.name);
        else if (now - instance.requestedAt >= this.options.maxNodeProvisionTime) late.push(instance.name);
      }
    }
    for (const name of late) {
      this.cloud.deleteNode(name);
      this.counters.provisioningTimeouts++;
    }
  }

  /** ScaleUp: returns true when it asked the cloud for nodes. */
  private scaleUp(snapshot: ClusterSnapshot): boolean {
    if (this.state.unschedulable.size === 0) return false;
    let pending = [...this.state.unschedulable.values()];
    pending = this.filterOutSchedulable(pending, snapshot);
    if (pending.length === 0) return false;

    // Every node, and every machine not registered yet.
    let total = this.nodes.size;
    for (const g of this.cloud.groups) for (const i of this.cloud.instances(g)) if (this.nodes.get(undefined, i.name) === undefined) total++;
    const options: ExpansionOption[] = [];
    for (const group of this.cloud.groups) {
      const target = this.cloud.targetSize(group);
      let room = group.maxSize - target;
      if (this.options.maxNodesTotal > 0) room = Math.min(room, this.options.maxNodesTotal - total);
      if (room <= 0) continue;
      const template = templateNodeInfo(group, this.daemonSets.list());
      const fitting = pending.filter((p) => template.fits(p));
      if (fitting.length === 0) continue;
      const estimate = estimateNodes(fitting, template, room);
      if (estimate.nodeCount > 0) options.push({ group, nodeCount: estimate.nodeCount, pods: estimate.pods });
    }
    const best = bestOption(options, this.options.expander, this.cluster.random('cluster-autoscaler/expander'));
    if (best === undefined) {
      this.recordNotTriggered(pending, new Set());
      return false;
    }
    const before = this.cloud.targetSize(best.group);
    this.cloud.increaseSize(best.group, best.nodeCount);
    this.counters.scaleUps++;
    this.counters.nodesAdded += best.nodeCount;
    const message = `pod triggered scale-up: [{${best.group.name} ${before}->${before + best.nodeCount} (max: ${best.group.maxSize})}]`;
    for (const pod of best.pods) this.cluster.recorder.event(pod, 'Normal', 'TriggeredScaleUp', message, 'cluster-autoscaler');
    this.recordNotTriggered(pending, new Set(best.pods));
    return true;
  }

  /**
   * NotTriggerScaleUp on each pod left out: "pod didn't trigger scale-up: "
   * and, per reason, how many node groups gave it (sorted, as upstream's
   * reasons aggregation prints them). A pod some group could still take
   * (only another option was chosen) waits for the next scan, silently.
   */
  private recordNotTriggered(pending: readonly Pod[], helped: ReadonlySet<Pod>): void {
    let templates: Map<NodeGroup, SimulatedNode> | undefined;
    for (const pod of pending) {
      if (helped.has(pod)) continue;
      templates ??= new Map(this.cloud.groups.map((g) => [g, templateNodeInfo(g, this.daemonSets.list())]));
      const counts = new Map<string, number>();
      let possible = false;
      for (const [group, template] of templates) {
        const reason = this.cloud.targetSize(group) >= group.maxSize ? 'max node group size reached' : template.unfitReason(pod);
        if (reason === undefined) possible = true;
        else counts.set(reason, (counts.get(reason) ?? 0) + 1);
      }
      if (possible) continue;
      const reasons = [...counts].map(([r, n]) => `${n} ${r}`).sort();
      this.cluster.recorder.event(pod, 'Normal', 'NotTriggerScaleUp', `pod didn't trigger scale-up: ${reasons.join(', ')}`, 'cluster-autoscaler');
    }
  }

  /**
   * FilterOutSchedulable plus upcoming nodes: pods that fit on an existing
   * Ready node, or on a template node standing for each machine still coming
   * up, are left to the scheduler.
   */
  private filterOutSchedulable(pending: Pod[], snapshot: ClusterSnapshot): Pod[] {
    const existing: string[] = [];
    for (const node of snapshot.nodes()) {
      const instance = this.cloud.instance(node.name);
      // A node still coming up is counted below, as a template node.
      if (isNodeReady(node.node) && (instance === undefined || !this.isUpcoming(instance))) existing.push(node.name);
    }
    const upcoming: SimulatedNode[] = [];
    for (const group of this.cloud.groups) {
      let template: SimulatedNode | undefined;
      for (const instance of this.cloud.instances(group)) {
        if (!this.isUpcoming(instance)) continue;
        template ??= templateNodeInfo(group, this.daemonSets.list());
        upcoming.push(template.clone());
      }
    }
    // Equivalence groups: a target that could not take a pod cannot take an
    // equivalent one (same controller, same scheduling-relevant spec) later in
    // the pass, as the snapshot only fills up; so each group's search resumes
    // where the last one ended, as upstream's hinting simulator does.
    const targets: (string | SimulatedNode)[] = [...existing, ...upcoming];
    const resumeAt = new Map<string, number>();
    const left: Pod[] = [];
    for (const pod of pending) {
      const group = equivalenceKey(pod);
      let i = group === undefined ? 0 : (resumeAt.get(group) ?? 0);
      for (; i < targets.length; i++) {
        const t = targets[i]!;
        const node = typeof t === 'string' ? snapshot.get(t)! : t;
        if (node.fits(pod)) {
          (typeof t === 'string' ? snapshot.mutable(t)! : t).addPod(pod);
          break;
        }
      }
      if (group !== undefined) resumeAt.set(group, i);
      if (i === targets.length) left.push(pod);
    }
    return left;
  }
}
