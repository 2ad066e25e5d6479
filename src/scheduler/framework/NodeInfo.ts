import type { Node, Taint } from '../../api/types.js';
import { HostPortInfo } from './HostPortInfo.js';
import type { PodInfo } from './PodInfo.js';
import { Resource } from './Resource.js';

/** An image's size and how many nodes have it (framework.ImageStateSummary); shared by every node holding it. */
export interface ImageStateSummary {
  size: number;
  numNodes: number;
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

  /** Counts a pod on this node. */
  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (p.hasAffinity) this.podsWithAffinity.push(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(p);
    this.requested.add(p.requests);
    this.nonZeroRequested.milliCPU += p.nonZeroMilliCPU;
    this.nonZeroRequested.memory += p.nonZeroMemory;
    for (const hp of p.hostPorts) this.usedPorts.add(hp);
    this.generation++;
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
    this.generation++;
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
    c.generation = this.generation;
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
