import type { Micros } from '../../engine/time.js';

/** The resources whose allocation kubesim reports, in this order: cpu (millicores), memory (bytes), `nvidia.com/gpu`. */
export const ALLOCATION_RESOURCES = ['cpu', 'memory', 'nvidia.com/gpu'] as const;

/** An amount of each of {@link ALLOCATION_RESOURCES}, in canonical units (millicores, bytes, devices). */
export type ResourceTriple = [cpu: number, memory: number, gpu: number];

/** What the tracker knows of one node. */
interface NodeAllocation {
  /** The Node object exists. */
  exists: boolean;
  /** Its Ready condition is True. */
  ready: boolean;
  allocatable: ResourceTriple;
  /** Σ requests of the bound, unfinished pods on it. */
  requested: ResourceTriple;
}

/**
 * Cluster allocation on the virtual clock: Σ requests of the bound,
 * unfinished pods on Ready nodes over Σ allocatable of Ready nodes, per
 * resource, and its time integral.
 *
 * The ratio is piecewise constant, changing only at commits, so the
 * integral is exact: {@link advance} to each change's instant before
 * applying it. Pods on a node that is not Ready (or not yet registered) are
 * left out of the numerator as the node is left out of the denominator, so
 * the ratio never exceeds 100 % while a failed node's pods await eviction
 * (the node's own view, as `kubectl describe node` shows Allocated resources).
 * The mean is over the time some Ready node had a non-zero allocatable of the
 * resource: with no capacity the ratio is undefined, not 0.
 */
export class AllocationTracker {
  private readonly nodes = new Map<string, NodeAllocation>();
  private readonly readyAllocatable: ResourceTriple = [0, 0, 0];
  private readonly readyRequested: ResourceTriple = [0, 0, 0];
  /** ∫ ratio dt (µs) per resource. */
  private readonly weighted: ResourceTriple = [0, 0, 0];
  /** ∫ [allocatable > 0] dt (µs) per resource. */
  private readonly covered: ResourceTriple = [0, 0, 0];
  private last: Micros;
  private existing = 0;
  private readyCount = 0;

  constructor(start: Micros) {
    this.last = start;
  }

  /** Nodes that exist now. */
  get nodeCount(): number {
    return this.existing;
  }

  /** Nodes that are Ready now. */
  get readyNodeCount(): number {
    return this.readyCount;
  }

  /** Integrates the current ratio up to `t` (never backwards). */
  advance(t: Micros): void {
    const dt = t - this.last;
    if (dt <= 0) return;
    for (let r = 0; r < 3; r++) {
      const alloc = this.readyAllocatable[r]!;
      if (alloc > 0) {
        this.weighted[r]! += (this.readyRequested[r]! / alloc) * dt;
        this.covered[r]! += dt;
      }
    }
    this.last = t;
  }

  /** The current ratio of resource `r` (0..1), undefined when Ready nodes have none of it. */
  ratio(r: number): number | undefined {
    const alloc = this.readyAllocatable[r]!;
    return alloc > 0 ? this.readyRequested[r]! / alloc : undefined;
  }

  /** The time-weighted mean ratio of resource `r` so far, undefined when it never had capacity. */
  meanRatio(r: number): number | undefined {
    const covered = this.covered[r]!;
    return covered > 0 ? this.weighted[r]! / covered : undefined;
  }

  /** Whether node `name` counted as Ready at the last {@link setNode}; undefined for a node not known to exist. */
  readiness(name: string): boolean | undefined {
    const n = this.nodes.get(name);
    return n === undefined || !n.exists ? undefined : n.ready;
  }

  /** A Node was added or changed. */
  setNode(name: string, ready: boolean, allocatable: ResourceTriple): void {
    const n = this.node(name);
    if (!n.exists) {
      n.exists = true;
      this.existing++;
    }
    if (n.ready) this.addReady(n, -1);
    n.ready = ready;
    n.allocatable = allocatable;
    if (n.ready) this.addReady(n, 1);
  }

  /** A Node was deleted (its pods' requests stay recorded until they go too). */
  removeNode(name: string): void {
    const n = this.nodes.get(name);
    if (n === undefined || !n.exists) return;
    if (n.ready) this.addReady(n, -1);
    n.exists = false;
    n.ready = false;
    this.existing--;
  }

  /** Adds (`sign` 1) or removes (−1) a pod's requests on `nodeName`. */
  addPod(nodeName: string, requests: ResourceTriple, sign: 1 | -1): void {
    const n = this.node(nodeName);
    for (let r = 0; r < 3; r++) {
      n.requested[r]! += sign * requests[r]!;
      if (n.ready) this.readyRequested[r]! += sign * requests[r]!;
    }
  }

  private addReady(n: NodeAllocation, sign: 1 | -1): void {
    this.readyCount += sign;
    for (let r = 0; r < 3; r++) {
      this.readyAllocatable[r]! += sign * n.allocatable[r]!;
      this.readyRequested[r]! += sign * n.requested[r]!;
    }
  }

  private node(name: string): NodeAllocation {
    let n = this.nodes.get(name);
    if (n === undefined) {
      n = { exists: false, ready: false, allocatable: [0, 0, 0], requested: [0, 0, 0] };
      this.nodes.set(name, n);
    }
    return n;
  }
}
