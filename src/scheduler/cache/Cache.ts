import { parseResourceList } from '../../api/resources.js';
import type { Node } from '../../api/types.js';
import { NodeInfo, type ImageStateSummary } from '../framework/NodeInfo.js';
import { boundTo, sameForSelectors, sameStringMap, type PodInfo } from '../framework/PodInfo.js';
import { isNodeHeartbeat, isPodStatusUpdate, sameGpuPlacement } from './statusWrites.js';
import { sameJson } from '../nodeSchedulingPropertiesChange.js';
import { Resource } from '../framework/Resource.js';
import { ClusterObjects } from './ClusterObjects.js';
import { MatchChangeLog } from './MatchChangeLog.js';
import { PodLabelIndex } from './PodLabelIndex.js';
import { PodPriorities } from './PodPriorities.js';
import { NodeTable } from './NodeTable.js';
import { NodeTree } from './nodeTree.js';
import { zoneKey } from '../../api/zoneKey.js';

/** An image name as ImageLocality compares it: `:latest` added when the name has no tag. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

interface PodState {
  info: PodInfo;
  nodeName: string;
  assumed: boolean;
}

interface ImageState extends ImageStateSummary {
  nodes: Set<string>;
}

/**
 * What plugins see of the cluster during a scheduling cycle (framework's
 * SharedLister / Snapshot). kubesim schedules one pod at a time inside one
 * event of the virtual clock, so the cache itself serves as the snapshot.
 */
export interface Snapshot {
  /** Every node, in the scheduler's scan order (zones interleaved). */
  nodeInfoList(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /** Nodes with at least one pod that has pod affinity or anti-affinity. */
  havePodsWithAffinityList(): readonly NodeInfo[];
  /** Nodes with at least one pod that has required pod anti-affinity. */
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  /** How many nodes hold an image (by normalised name); 0 when none does. */
  imageNumNodes(normalizedName: string): number;
  /** The rows of {@link nodeInfoList}'s nodes, in the same order. */
  scanRows(): Int32Array;
  /** The GPU indexes a pod (by uid) holds on its node, or undefined for a pod without GPUs or unknown. */
  gpuPlacementOf(uid: string): readonly number[] | undefined;
  /**
   * Re-chooses the GPUs of a pod already counted on its node (an assumed pod at
   * Reserve): its current GPUs are released, `pick` chooses on the node as it
   * is without them (null: keep the previous choice), and the choice is
   * counted at once. Returns the pod's GPU indexes.
   */
  assignGpus(uid: string, pick: (node: NodeInfo) => readonly number[] | null): readonly number[] | undefined;
  readonly table: NodeTable;
  readonly objects: ClusterObjects;
  /** The nodes whose matchGeneration moved, in order (for counts over {@link nodeInfoList} kept across cycles). */
  readonly matchChanges: MatchChangeLog;
  /** The nodes holding pods with each label value (for counts by label selector). */
  readonly podLabels: PodLabelIndex;
  /** The lowest priority of a pod on any node (+Infinity when none): no pod of a priority not above it can preempt anything. */
  lowestPodPriority(): number;
}

/**
 * The scheduler's cache (pkg/scheduler/backend/cache): nodes with their pods,
 * assumed pods counted at once, image states, and the node scan order. Every
 * change to a NodeInfo is written through to the {@link NodeTable}.
 */
export class SchedulerCache implements Snapshot {
  readonly table = new NodeTable();
  readonly objects = new ClusterObjects();
  readonly matchChanges = new MatchChangeLog();
  readonly podLabels = new PodLabelIndex(() => this.nodes.values());
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly tree = new NodeTree();
  private ordered: NodeInfo[] | null = null;
  /** The rows of `ordered`, rebuilt with it. */
  private rows: Int32Array | null = null;
  private readonly freeRows: number[] = [];
  private nextRow = 0;
  private readonly pods = new Map<string, PodState>();
  private readonly images = new Map<string, ImageState>();
  private readonly withAffinity = new Set<NodeInfo>();
  private readonly withRequiredAntiAffinity = new Set<NodeInfo>();
  private affinityList: NodeInfo[] | null = null;
  private antiAffinityList: NodeInfo[] | null = null;
  private readonly priorities = new PodPriorities();

  get numNodes(): number {
    return this.tree.numNodes;
  }

  nodeInfoList(): readonly NodeInfo[] {
    if (this.ordered === null) {
      this.ordered = this.tree.list().map((name) => this.nodes.get(name)!);
      this.rows = null;
    }
    return this.ordered;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.nodes.get(nodeName);
  }

  scanRows(): Int32Array {
    if (this.rows === null || this.ordered === null) {
      const list = this.nodeInfoList();
      this.rows = Int32Array.from(list, (n) => n.index);
    }
    return this.rows;
  }

  lowestPodPriority(): number {
    return this.priorities.lowest;
  }

  imageNumNodes(normalizedName: string): number {
    return this.images.get(normalizedName)?.numNodes ?? 0;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return (this.affinityList ??= this.nodeInfoList().filter((n) => this.withAffinity.has(n)));
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return (this.antiAffinityList ??= this.nodeInfoList().filter((n) => this.withRequiredAntiAffinity.has(n)));
  }

  // ---- nodes ----------------------------------------------------------------

  addNode(node: Node): NodeInfo {
    const name = node.metadata.name ?? '';
    const existing = this.nodes.get(name);
    if (existing !== undefined) {
      this.updateNode(existing.node, node);
      return existing;
    }
    const row = this.freeRows.pop() ?? this.nextRow++;
    const info = new NodeInfo(node, row, allocatableOf(node));
    this.nodes.set(name, info);
    this.tree.add(node);
    this.addImages(info);
    this.ordered = null;
    this.afterChange(info, true);
    return info;
  }

  updateNode(old: Node, node: Node): void {
    const info = this.nodes.get(node.metadata.name ?? '');
    if (info === undefined) {
      this.addNode(node);
      return;
    }
    // The same object again may have been changed in place: only a new object is compared.
    if (info.node !== node && isNodeHeartbeat(info.node, node)) {
      // A heartbeat: the row and its stamp stay, so memoized verdicts and failed scans stay valid.
      info.node = node;
      info.generation++;
      return;
    }
    // A status heartbeat carries the same images object: removing and re-adding it would rebuild the same states.
    const sameImages = info.node.status?.images === node.status?.images;
    if (!sameImages) this.removeImages(info);
    // Only a zone change moves the node in the scan order; the list holds the same NodeInfo objects.
    if (zoneKey(old) !== zoneKey(node)) {
      this.tree.update(old, node);
      this.ordered = null;
    }
    // A heartbeat keeps the labels and taints: selector counts over the node stay valid.
    const sameForCounts = info.node !== node && sameStringMap(info.node.metadata.labels, node.metadata.labels) && sameJson(info.node.spec?.taints ?? [], node.spec?.taints ?? []);
    info.node = node;
    info.allocatable = allocatableOf(node);
    info.generation++;
    if (!sameForCounts) info.nodeChangedForSelectors();
    if (!sameImages) this.addImages(info);
    this.afterChange(info, !sameForCounts);
  }

  /** Removes a node; its pods stay known (as upstream keeps them until they are deleted). */
  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.nodes.get(name);
    if (info === undefined) return;
    this.removeImages(info);
    for (const p of info.pods) {
      this.podLabels.remove(p, info);
      this.priorities.add(p.priority, -1);
    }
    this.tree.remove(info.node);
    this.nodes.delete(name);
    this.withAffinity.delete(info);
    this.withRequiredAntiAffinity.delete(info);
    this.table.clear(info.index);
    this.freeRows.push(info.index);
    this.ordered = null;
    this.affinityList = null;
    this.antiAffinityList = null;
  }

  // ---- GPUs -----------------------------------------------------------------

  gpuPlacementOf(uid: string): readonly number[] | undefined {
    const state = this.pods.get(uid);
    if (state === undefined) return undefined;
    return this.nodes.get(state.nodeName)?.gpuPlacements.get(uid)?.indexes;
  }

  assignGpus(uid: string, pick: (node: NodeInfo) => readonly number[] | null): readonly number[] | undefined {
    const state = this.pods.get(uid);
    const node = state === undefined ? undefined : this.nodes.get(state.nodeName);
    const held = node?.unplaceGpus(uid);
    if (node === undefined || held === undefined) return undefined;
    const chosen = pick(node) ?? held.indexes;
    node.placeGpus(uid, chosen, held.milli);
    this.afterChange(node, false); // GPUs are no selector's business
    return chosen;
  }

  // ---- pods -----------------------------------------------------------------

  /** True when the pod (by uid) is assumed: placed by the scheduler, binding not yet confirmed. */
  isAssumed(uid: string): boolean {
    return this.pods.get(uid)?.assumed === true;
  }

  /** The PodInfo of an assumed pod (bound to its node), or undefined. */
  assumedPodInfo(uid: string): PodInfo | undefined {
    const state = this.pods.get(uid);
    return state?.assumed === true ? state.info : undefined;
  }

  /** The node a known pod is on, or undefined. */
  nodeOf(uid: string): string | undefined {
    return this.pods.get(uid)?.nodeName;
  }

  /** Counts a pod on `nodeName` at once, before its binding is confirmed. */
  assumePod(info: PodInfo, nodeName: string): PodInfo {
    if (this.pods.has(info.uid)) throw new Error(`pod ${info.key} is already in the scheduler cache`);
    const bound = boundTo(info, nodeName);
    this.pods.set(info.uid, { info: bound, nodeName, assumed: true });
    this.placeOnNode(bound, nodeName);
    return bound;
  }

  /** Undoes {@link assumePod} (a failed Reserve, Permit or Bind). */
  forgetPod(uid: string): void {
    const state = this.pods.get(uid);
    if (state === undefined || !state.assumed) return;
    this.takeOffNode(state.info, state.nodeName);
    this.pods.delete(uid);
  }

  /**
   * Adds a bound pod seen by the informer: confirms an assumed pod, or counts a
   * pod bound by someone else (a static pod, a DaemonSet pod with nodeName).
   */
  addPod(info: PodInfo): void {
    const nodeName = info.nodeName;
    const state = this.pods.get(info.uid);
    if (state !== undefined && state.info === info && state.nodeName === nodeName) {
      // The binding of the assumed pod confirmed, nothing else changed: it already counts on its node.
      state.assumed = false;
      return;
    }
    // An assumed (or earlier) copy of the pod is replaced by the one the informer delivers.
    // A copy that selectors see as the old one (a status update) leaves the node's selector counts as they were.
    const node = state !== undefined && state.nodeName === nodeName ? this.nodes.get(nodeName) : undefined;
    const keepsCounts = node !== undefined && sameForSelectors(state!.info, info);
    const matchGeneration = node?.matchGeneration ?? 0;
    if (keepsCounts && state!.info.pod !== info.pod && isPodStatusUpdate(state!.info.pod, info.pod)) {
      // A status update: the pod is put back as upstream does (the node's pod order moves the same way),
      // but no plugin can tell, so the row keeps its stamp and memoized verdicts stay valid.
      const placed = node.gpuPlacements.get(info.uid);
      this.takeOffNode(state!.info, nodeName, false, false);
      this.pods.set(info.uid, { info, nodeName, assumed: false });
      this.placeOnNode(info, nodeName, false, false);
      node.rewindMatchGeneration(matchGeneration);
      this.afterChange(node, false, !sameGpuPlacement(placed, node.gpuPlacements.get(info.uid)));
      return;
    }
    if (state !== undefined) this.takeOffNode(state.info, state.nodeName, !keepsCounts);
    this.pods.set(info.uid, { info, nodeName, assumed: false });
    this.placeOnNode(info, nodeName, !keepsCounts);
    if (keepsCounts) node.rewindMatchGeneration(matchGeneration);
  }

  /** The PodInfo the cache holds for a bound (not assumed) pod, or undefined. */
  boundPodInfo(uid: string): PodInfo | undefined {
    const state = this.pods.get(uid);
    return state === undefined || state.assumed ? undefined : state.info;
  }

  /** Replaces a bound pod's info (labels or other fields changed). */
  updatePod(info: PodInfo): void {
    this.addPod(info);
  }

  /** Removes a pod from the cache. */
  removePod(uid: string): void {
    const state = this.pods.get(uid);
    if (state === undefined) return;
    this.takeOffNode(state.info, state.nodeName);
    this.pods.delete(uid);
  }

  /**
   * `countsMove` false: the caller puts the node's matchGeneration back, so
   * the change is not logged; `sync` false: the caller writes the row.
   */
  private placeOnNode(info: PodInfo, nodeName: string, countsMove = true, sync = true): void {
    const node = this.nodes.get(nodeName);
    if (node === undefined) return; // a pod on a node the cache does not know yet
    node.addPod(info);
    this.priorities.add(info.priority, 1);
    if (countsMove) this.podLabels.add(info, node);
    if (sync) this.afterChange(node, countsMove);
  }

  private takeOffNode(info: PodInfo, nodeName: string, countsMove = true, sync = true): void {
    const node = this.nodes.get(nodeName);
    if (node === undefined) return;
    // The node may be a newer one of the same name that never held the pod.
    if (node.removePod(info)) {
      this.priorities.add(info.priority, -1);
      if (countsMove) this.podLabels.remove(info, node);
    }
    if (sync) this.afterChange(node, countsMove);
  }

  /**
   * Writes the node's row; `countsMove`: its matchGeneration moved, for the
   * change log; `stamp` false: nothing a plugin reads changed.
   */
  private afterChange(node: NodeInfo, countsMove: boolean, stamp = true): void {
    this.table.sync(node, stamp);
    if (countsMove) this.matchChanges.record(node, this.nodes.size);
    const hadAffinity = this.withAffinity.has(node);
    const hasAffinity = node.podsWithAffinity.length > 0;
    if (hadAffinity !== hasAffinity) {
      if (hasAffinity) this.withAffinity.add(node);
      else this.withAffinity.delete(node);
      this.affinityList = null;
    }
    const hadAnti = this.withRequiredAntiAffinity.has(node);
    const hasAnti = node.podsWithRequiredAntiAffinity.length > 0;
    if (hadAnti !== hasAnti) {
      if (hasAnti) this.withRequiredAntiAffinity.add(node);
      else this.withRequiredAntiAffinity.delete(node);
      this.antiAffinityList = null;
    }
    if (this.ordered === null) {
      this.affinityList = null;
      this.antiAffinityList = null;
    }
  }

  // ---- images ---------------------------------------------------------------

  private addImages(info: NodeInfo): void {
    const states = new Map<string, ImageStateSummary>();
    for (const image of info.node.status?.images ?? []) {
      for (const raw of image.names ?? []) {
        const name = normalizedImageName(raw);
        let state = this.images.get(name);
        if (state === undefined) {
          state = { size: image.sizeBytes ?? 0, numNodes: 0, nodes: new Set() };
          this.images.set(name, state);
        }
        if (!state.nodes.has(info.name)) {
          state.nodes.add(info.name);
          state.numNodes = state.nodes.size;
        }
        states.set(name, state);
      }
    }
    info.imageStates = states;
  }

  private removeImages(info: NodeInfo): void {
    for (const name of info.imageStates.keys()) {
      const state = this.images.get(name);
      if (state === undefined) continue;
      state.nodes.delete(info.name);
      state.numNodes = state.nodes.size;
      if (state.nodes.size === 0) this.images.delete(name);
    }
    info.imageStates = new Map();
  }
}

/** A node's allocatable in canonical units. */
export function allocatableOf(node: Node): Resource {
  return Resource.fromMap(parseResourceList(node.status?.allocatable ?? node.status?.capacity ?? {}));
}
