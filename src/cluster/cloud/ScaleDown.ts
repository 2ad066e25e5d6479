import type { Node, Pod, Taint } from '../../api/types.js';
import { seconds, type Micros } from '../../engine/time.js';
import type { Cluster } from '../Cluster.js';
import { isPodTerminal } from '../podStatus.js';
import type { ApiClient } from '../store/ApiServer.js';
import type { AutoscalingOptions } from './AutoscalingOptions.js';
import type { CloudProvider } from './CloudProvider.js';
import type { NodeGroup } from './NodeGroup.js';
import type { ClusterSnapshot, ClusterState } from './ClusterSnapshot.js';
import { equivalenceKey, isDaemonSetPod, isMirrorPod, isNodeReady, isReplicated } from './podKinds.js';
import type { SimulatedNode } from './SimulatedNode.js';

/** The taint the autoscaler puts on a node it is removing. */
export const TAINT_TO_BE_DELETED = 'ToBeDeletedByClusterAutoscaler';
/** How often a drain checks whether the evicted pods are gone. */
const DRAIN_POLL_INTERVAL: Micros = seconds(5);
/** PodEvictionHeadroom: extra time past max-graceful-termination a drain waits. */
const POD_EVICTION_HEADROOM: Micros = seconds(30);

/** Counters the scale-down side updates. */
export interface ScaleDownCounters {
  scaleDowns: number;
  nodesRemoved: number;
}

/**
 * cluster-autoscaler's scale-down: the planner finds unneeded nodes each
 * scan (utilisation below the threshold, every pod that would have to move
 * fits on another node, the group above its min size) and remembers since
 * when each has been unneeded; the actuator removes those unneeded for
 * scale-down-unneeded-time, empty ones in bulk (up to max-empty-bulk-delete)
 * and otherwise one non-empty node at a time: taint, evict its pods, wait
 * for them to go, delete the machine.
 */
export class ScaleDown {
  /** Node name → when it became unneeded. */
  readonly unneededSince = new Map<string, Micros>();
  /** Nodes being removed (tainted, draining or deleted, not yet gone from the informer). */
  private readonly deleting = new Set<string>();
  private drainInProgress: string | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly cloud: CloudProvider,
    private readonly options: AutoscalingOptions,
    private readonly client: ApiClient,
    private readonly state: ClusterState,
    private readonly counters: ScaleDownCounters,
  ) {}

  /** True while a non-empty node is being drained. */
  get draining(): boolean {
    return this.drainInProgress !== null;
  }

  /** Forgets nodes that are gone. */
  nodeDeleted(name: string): void {
    this.deleting.delete(name);
    this.unneededSince.delete(name);
  }

  /**
   * UpdateClusterState: marks unneeded nodes. The snapshot gets the moved
   * pods of each removable node, so later candidates cannot count on the
   * room they take.
   */
  updateUnneeded(snapshot: ClusterSnapshot, now: Micros): void {
    const removable = new Set<string>();
    const removalsByGroup = new Map<string, number>();
    // Empty nodes first, as the planner checks emptiness before simulating drains.
    const threshold = this.options.scaleDownUtilizationThreshold;
    const candidates: SimulatedNode[] = [];
    for (const n of snapshot.nodes()) {
      // Utilisation first: it rules out most nodes of a busy cluster at the cost of two divisions.
      if (n.utilization() < threshold && this.cloud.nodeGroupForNode(n.name) !== undefined && !this.deleting.has(n.name) && isCandidate(n.node)) candidates.push(n);
    }
    const empty = candidates.filter((n) => movablePods(n).length === 0);
    // Non-empty nodes already unneeded first, then the rest, up to the per-scan count.
    const nonEmpty = candidates.filter((n) => movablePods(n).length > 0);
    nonEmpty.sort((a, b) => Number(this.unneededSince.has(b.name)) - Number(this.unneededSince.has(a.name)));
    nonEmpty.length = Math.min(nonEmpty.length, this.options.scaleDownNonEmptyCandidatesCount);
    for (const { name } of [...empty, ...nonEmpty]) {
      // Pods moved here by an earlier candidate count: read the node as the simulation has it now.
      const candidate = snapshot.get(name)!;
      const group = this.cloud.nodeGroupForNode(name)!;
      if (candidate.utilization() >= threshold) continue;
      const planned = removalsByGroup.get(group.name) ?? 0;
      if (this.sizeAfterRemovals(group) - planned <= group.minSize) continue;
      const toMove = movablePods(candidate);
      if (toMove.some((p) => !isReplicated(p))) continue;
      if (!this.placeElsewhere(toMove, snapshot, candidate, removable)) continue;
      // The node is gone in the simulation: its pods now sit on their destinations.
      const gone = snapshot.mutable(name)!;
      for (const p of toMove) gone.removePod(p);
      removable.add(name);
      removalsByGroup.set(group.name, planned + 1);
      if (!this.unneededSince.has(name)) this.unneededSince.set(name, now);
    }
    for (const name of [...this.unneededSince.keys()]) {
      if (!removable.has(name)) {
        this.unneededSince.delete(name);
          }
    }
  }

  /**
   * StartDeletion: removes the nodes unneeded for long enough. Returns the
   * number of nodes whose removal started.
   */
  actuate(now: Micros): number {
    const ready: string[] = [];
    for (const [name, since] of this.unneededSince) {
      if (!this.deleting.has(name) && now - since >= this.options.scaleDownUnneededTime) ready.push(name);
    }
    if (ready.length === 0) return 0;
    const empty = ready.filter((n) => this.podsOn(n).length === 0);
    if (empty.length > 0) {
      const batch = this.withinMinSize(empty).slice(0, this.options.maxEmptyBulkDelete);
      for (const name of batch) this.removeEmpty(name);
      if (batch.length > 0) {
        this.counters.scaleDowns++;
        this.counters.nodesRemoved += batch.length;
      }
      return batch.length;
    }
    if (this.drainInProgress !== null) return 0;
    const [name] = this.withinMinSize(ready);
    if (name === undefined) return 0;
    this.counters.scaleDowns++;
    this.counters.nodesRemoved++;
    this.drain(name, now);
    return 1;
  }

  /** The nodes that can go without taking their group below min size, given removals under way. */
  private withinMinSize(names: string[]): string[] {
    const taken = new Map<string, number>();
    const out: string[] = [];
    for (const name of names) {
      const group = this.cloud.nodeGroupForNode(name);
      if (group === undefined) continue;
      const n = taken.get(group.name) ?? 0;
      if (this.sizeAfterRemovals(group) - n <= group.minSize) continue;
      taken.set(group.name, n + 1);
      out.push(name);
    }
    return out;
  }

  /** The group's target size less the removals already under way (a drain takes minutes). */
  private sizeAfterRemovals(group: NodeGroup): number {
    let n = this.cloud.targetSize(group);
    for (const name of this.deleting) if (this.cloud.instance(name)?.group === group) n--;
    return n;
  }

  private placeElsewhere(pods: Pod[], snapshot: ClusterSnapshot, from: SimulatedNode, removable: Set<string>): boolean {
    const destinations: string[] = [];
    for (const dest of snapshot.nodes()) {
      if (dest.name === from.name || removable.has(dest.name) || this.deleting.has(dest.name) || !isNodeReady(dest.node)) continue;
      destinations.push(dest.name);
    }
    const placed: [SimulatedNode, Pod][] = [];
    // Equivalent pods resume the search where the last one stopped (the destinations only fill up).
    const resumeAt = new Map<string, number>();
    for (const pod of pods) {
      const group = equivalenceKey(pod);
      let i = group === undefined ? 0 : (resumeAt.get(group) ?? 0);
      while (i < destinations.length && !snapshot.get(destinations[i]!)!.fits(pod)) i++;
      if (group !== undefined) resumeAt.set(group, i);
      if (i === destinations.length) {
        for (const [dest, p] of placed) dest.removePod(p);
        return false;
      }
      const target = snapshot.mutable(destinations[i]!)!;
      target.addPod(pod);
      placed.push([target, pod]);
    }
    return true;
  }

  private removeEmpty(name: string): void {
    this.deleting.add(name);
    this.unneededSince.delete(name);
    const node = this.cluster.store.get<Node>('Node', undefined, name);
    if (node !== undefined) this.cluster.recorder.event(node, 'Normal', 'ScaleDownEmpty', `removing empty node ${name}`, 'cluster-autoscaler');
    this.taint(name, () => this.cloud.deleteNode(name));
  }

  /** Drains a non-empty node: taint, evict every pod that must move, wait, then delete the machine. */
  private drain(name: string, now: Micros): void {
    this.deleting.add(name);
    this.drainInProgress = name;
    this.unneededSince.delete(name);
    const deadline = now + this.options.maxGracefulTermination + POD_EVICTION_HEADROOM;
    this.taint(name, () => {
      const node = this.cluster.store.get<Node>('Node', undefined, name);
      if (node !== undefined) this.cluster.recorder.event(node, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable', 'cluster-autoscaler');
      for (const pod of this.podsOn(name)) {
        this.cluster.recorder.event(pod, 'Normal', 'ScaleDown', 'deleting pod for node scale down', 'cluster-autoscaler');
        this.client.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
      }
      const wait = (): void => {
        if (this.podsOn(name).length > 0 && this.cluster.sim.now < deadline) {
          this.cluster.callbacks.after(DRAIN_POLL_INTERVAL, wait);
          return;
        }
        this.cloud.deleteNode(name);
        this.drainInProgress = null;
      };
      this.cluster.callbacks.after(DRAIN_POLL_INTERVAL, wait);
    });
  }

  /** The pods on the node a drain evicts and waits for (DaemonSet and mirror pods stay). */
  private podsOn(nodeName: string): Pod[] {
    return (this.state.node(nodeName)?.pods ?? []).filter((p) => !isDaemonSetPod(p) && !isMirrorPod(p));
  }

  private taint(name: string, then: () => void): void {
    const taint: Taint = { key: TAINT_TO_BE_DELETED, value: String(Math.floor(this.cluster.clock.originMs / 1000 + this.cluster.sim.now / 1e6)), effect: 'NoSchedule' };
    this.client.update<Node>(
      'Node',
      undefined,
      name,
      (n) => {
        if ((n.spec?.taints ?? []).some((t) => t.key === TAINT_TO_BE_DELETED)) return null;
        return { ...n, spec: { ...n.spec, taints: [...(n.spec?.taints ?? []), taint] } };
      },
      () => then(),
    );
  }
}

/** The pods that would have to move if the node went: all but DaemonSet, mirror and finished pods. */
function movablePods(node: SimulatedNode): Pod[] {
  return node.pods.filter((p) => !isDaemonSetPod(p) && !isMirrorPod(p) && !isPodTerminal(p));
}

/** A node the planner may consider: Ready, schedulable, not already tainted for deletion. */
function isCandidate(node: Node): boolean {
  if (!isNodeReady(node) || node.spec?.unschedulable === true || node.metadata.deletionTimestamp !== undefined) return false;
  return !(node.spec?.taints ?? []).some((t) => t.key === TAINT_TO_BE_DELETED);
}
