import type { Node, Taint } from '../../api/types.js';
import { gpuAskOf, gpuIndexOf } from '../../gpu/podGpu.js';
import { defaultGpuPick } from '../../gpu/select.js';
import { GPU_COUNT_RESOURCE, GPU_MILLI, GPU_MODEL_LABEL, MAX_GPUS_PER_NODE } from '../../gpu/types.js';
import { HostPortInfo } from './HostPortInfo.js';
import type { PodInfo } from './PodInfo.js';
import { PodJournal } from './PodJournal.js';
import { Resource } from './Resource.js';

/** An image's size and how many nodes have it (framework.ImageStateSummary); shared by every node holding it. */
export interface ImageStateSummary {
  size: number;
  numNodes: number;
}

/** The GPUs a pod holds on a node: `milli` on each GPU of `indexes` (empty when it could not be placed). */
export interface GpuPlacement {
  readonly indexes: readonly number[];
  readonly milli: number;
}

/**
 * One node with the pods on it and their sums (framework.NodeInfo): the node,
 * its pods (assumed ones included), Requested, NonZeroRequested, Allocatable,
 * used host ports, and the images it holds. The scheduler's cache keeps one per
 * node and mirrors its numbers in the NodeTable's typed arrays for the fast
 * paths; preemption works on clones.
 */
export class NodeInfo {
  node: Node;
  /** The node's row in the NodeTable; -1 for a clone. */
  readonly index: number;
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  requested = new Resource();
  /** Requested with the 100m / 200Mi defaults for containers that request no cpu / memory. */
  nonZeroRequested = new Resource();
  allocatable: Resource;
  /** Normalised image name → summary, for the images in node.status.images. */
  imageStates: Map<string, ImageStateSummary> = new Map();
  /** Bumped on every change. */
  generation = 0;
  /**
   * Bumped when what a label-selector count over the node's pods reads
   * changes: a pod joins or leaves, or the Node's labels or taints change
   * (the scheduler cache keeps it across a pod update that changes none
   * of a pod's namespace, labels or deletion, and across a node heartbeat). PodTopologySpread's counters recount a node only when it moves.
   */
  matchGeneration = 0;
  /** The pods that joined and left, step by step of {@link matchGeneration}; null until a pod comes, and on clones (which no count keeps). */
  podJournal: PodJournal | null = null;
  /** Milli-GPU in use on each GPU (index < MAX_GPUS_PER_NODE), summed over {@link gpuPlacements}. */
  gpuUsed = new Int32Array(MAX_GPUS_PER_NODE);
  /** The GPUs each GPU pod on the node holds, by pod uid (shared with clones until either writes). */
  gpuPlacements = new Map<string, GpuPlacement>();
  private gpuShared = false;
  /** The lowest priority of the node's pods (+Infinity without pods), recomputed on read after its pod left. */
  private lowestPriority = Infinity;
  private lowestPriorityStale = false;
  private gpuCountOf: Resource | null = null;
  private gpuCountValue = 0;

  constructor(node: Node, index: number, allocatable: Resource) {
    this.node = node;
    this.index = index;
    this.allocatable = allocatable;
  }

  get name(): string {
    return this.node.metadata.name ?? '';
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node.metadata.labels ?? {};
  }

  get taints(): readonly Taint[] {
    return this.node.spec?.taints ?? [];
  }

  /** The node's GPU count: allocatable (else capacity) `nvidia.com/gpu`, at most MAX_GPUS_PER_NODE. */
  get gpuCount(): number {
    if (this.gpuCountOf !== this.allocatable) {
      const n = this.allocatable.scalarResources?.get(GPU_COUNT_RESOURCE) ?? 0;
      this.gpuCountValue = Math.max(0, Math.min(MAX_GPUS_PER_NODE, Math.floor(n)));
      this.gpuCountOf = this.allocatable;
    }
    return this.gpuCountValue;
  }

  /** The node's GPU model (label `nvidia.com/gpu.product`), '' when unlabelled. */
  get gpuModel(): string {
    return this.node.metadata.labels?.[GPU_MODEL_LABEL] ?? '';
  }

  /** Milli-GPU left on GPU `g` (0 past the node's GPU count; never negative). */
  gpuLeft(g: number): number {
    return g < this.gpuCount ? Math.max(0, GPU_MILLI - this.gpuUsed[g]!) : 0;
  }

  /** Every GPU's left milli, index order (length = gpuCount). */
  gpuLeftList(): number[] {
    const out: number[] = [];
    for (let g = 0; g < this.gpuCount; g++) out.push(this.gpuLeft(g));
    return out;
  }

  /**
   * Records that pod `uid` holds `milli` on each of `indexes` (replacing any
   * earlier placement of the pod). The cache calls it through
   * {@link addPod} and when a plugin picks a pod's GPUs at Reserve.
   */
  placeGpus(uid: string, indexes: readonly number[], milli: number): void {
    this.unplaceGpus(uid);
    this.ownGpuState();
    for (const g of indexes) this.gpuUsed[g]! += milli;
    this.gpuPlacements.set(uid, { indexes, milli });
    this.generation++;
  }

  /** Forgets pod `uid`'s GPUs; returns what it held, or undefined. */
  unplaceGpus(uid: string): GpuPlacement | undefined {
    const held = this.gpuPlacements.get(uid);
    if (held === undefined) return undefined;
    this.ownGpuState();
    for (const g of held.indexes) this.gpuUsed[g]! -= held.milli;
    this.gpuPlacements.delete(uid);
    this.generation++;
    return held;
  }

  /** Copies the GPU state shared with a clone before writing to it. */
  private ownGpuState(): void {
    if (!this.gpuShared) return;
    this.gpuUsed = this.gpuUsed.slice();
    this.gpuPlacements = new Map(this.gpuPlacements);
    this.gpuShared = false;
  }

  /**
   * Counts a GPU pod's GPUs: the ones its `gpu.kubesim.io/gpu-index`
   * annotation names (a bound pod), else the default pick (best-fit GPU for
   * a sharing pod, lowest-index free GPUs for whole ones) on the node as it
   * is; a pod the node cannot hold gets no GPUs.
   */
  private addGpuPod(p: PodInfo): void {
    const ask = gpuAskOf(p.pod);
    if (ask === null) return;
    let indexes: readonly number[] | null = gpuIndexOf(p.pod);
    if (indexes === null) {
      const left = this.gpuLeftList();
      indexes = defaultGpuPick(left, 0, left.length, ask.numGpu, ask.gpuMilli) ?? [];
    }
    this.placeGpus(p.uid, indexes, ask.gpuMilli);
  }

  /** Counts a pod on this node. */
  addPod(p: PodInfo): void {
    this.addGpuPod(p);
    this.pods.push(p);
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(p);
    this.requested.add(p.requests);
    this.nonZeroRequested.milliCPU += p.nonZeroMilliCPU;
    this.nonZeroRequested.memory += p.nonZeroMemory;
    for (const hp of p.hostPorts) this.usedPorts.add(hp);
    if (p.priority < this.lowestPriority) this.lowestPriority = p.priority;
    this.generation++;
    if (this.index >= 0) (this.podJournal ??= new PodJournal()).record(p, 1, this.matchGeneration);
    this.matchGeneration++;
  }

  /** The Node's labels or taints changed: selector counts over the node are redone, not brought forward. */
  nodeChangedForSelectors(): void {
    this.matchGeneration++;
    this.podJournal?.reset(this.matchGeneration);
  }

  /** Puts matchGeneration back to `generation` after a pod was replaced by a copy that selectors see as the same. */
  rewindMatchGeneration(generation: number): void {
    this.podJournal?.rewind(generation);
    this.matchGeneration = generation;
  }

  /** The lowest priority of a pod on the node (+Infinity when it has none): preemption finds no victim where the preemptor's is not higher. */
  lowestPodPriority(): number {
    if (this.lowestPriorityStale) {
      let lowest = Infinity;
      for (const p of this.pods) if (p.priority < lowest) lowest = p.priority;
      this.lowestPriority = lowest;
      this.lowestPriorityStale = false;
    }
    return this.lowestPriority;
  }

  /** Removes a pod (by uid); false when it is not on this node. */
  removePod(p: PodInfo): boolean {
    const i = this.pods.findIndex((q) => q.uid === p.uid);
    if (i < 0) return false;
    const stored = this.pods[i]!;
    swapRemove(this.pods, i);
    removeByUid(this.podsWithAffinity, stored.uid);
    removeByUid(this.podsWithRequiredAntiAffinity, stored.uid);
    this.requested.sub(stored.requests);
    this.nonZeroRequested.milliCPU -= stored.nonZeroMilliCPU;
    this.nonZeroRequested.memory -= stored.nonZeroMemory;
    for (const hp of stored.hostPorts) this.usedPorts.remove(hp);
    this.unplaceGpus(stored.uid);
    if (stored.priority === this.lowestPriority) this.lowestPriorityStale = true;
    this.generation++;
    if (this.index >= 0) (this.podJournal ??= new PodJournal()).record(stored, -1, this.matchGeneration);
    this.matchGeneration++;
    return true;
  }

  /** A deep-enough copy for what-if evaluation (preemption): own pod lists and sums; shared pods and node. */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node, -1, this.allocatable);
    c.pods.push(...this.pods);
    c.podsWithAffinity.push(...this.podsWithAffinity);
    c.podsWithRequiredAntiAffinity.push(...this.podsWithRequiredAntiAffinity);
    c.usedPorts = this.usedPorts.clone();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.imageStates = this.imageStates;
    // Copy-on-write: preemption clones every node per attempt and rarely touches GPUs.
    c.gpuUsed = this.gpuUsed;
    c.gpuPlacements = this.gpuPlacements;
    c.gpuShared = true;
    this.gpuShared = true;
    c.lowestPriority = this.lowestPriority;
    c.lowestPriorityStale = this.lowestPriorityStale;
    c.generation = this.generation;
    c.matchGeneration = this.matchGeneration;
    return c;
  }
}

/** Removes by uid as upstream does: the last element moves into the gap, so pod order matches Go's. */
function removeByUid(list: PodInfo[], uid: string): void {
  const i = list.findIndex((q) => q.uid === uid);
  if (i >= 0) swapRemove(list, i);
}

function swapRemove(list: PodInfo[], i: number): void {
  list[i] = list[list.length - 1]!;
  list.pop();
}
