/**
 * The machinery NodeResourcesFit's scoring strategies and
 * NodeResourcesBalancedAllocation share (resource_allocation.go's
 * resourceAllocationScorer): the pod's request per configured resource, the
 * node's allocatable and requested per resource (skipping what upstream skips),
 * and a strategy's scorer combining them — per node on a NodeInfo, or over
 * the NodeTable's typed-array columns for a whole list of rows.
 */
import { isScalarResourceName } from '../../../api/resources.js';
import { RowMemo } from '../helper/RowMemo.js';
import type { NodeTable } from '../../cache/NodeTable.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { ResourceSpec } from './ResourceSpec.js';

/**
 * A strategy's scorer: the node score from the per-resource requested and
 * allocatable amounts, in the order of the configured resources. A resource
 * with allocatable 0 was skipped (not on the node, or not requested) and must
 * not count.
 */
export interface ResourceScorer {
  score(requested: Float64Array, allocatable: Float64Array): number;
  /**
   * Optional hand-written loop for the common case of exactly two counted
   * resources (configured indices `i0`, `i1`): for each `rows[k]`, resource
   * j's allocatable is `alloc_j[row]` and requested `req_j[row] + q_j`;
   * writes what {@link score} would give into `out[k]`.
   */
  scoreRows2?(
    i0: number,
    alloc0: Float64Array,
    req0: Float64Array,
    q0: number,
    i1: number,
    alloc1: Float64Array,
    req1: Float64Array,
    q1: number,
    rows: Int32Array,
    count: number,
    out: Float64Array,
  ): void;
}

const CPU = 0;
const MEMORY = 1;
const EPHEMERAL_STORAGE = 2;
/** Extended resources, hugepages, kubernetes.io/ resources: NodeInfo's ScalarResources. */
const SCALAR = 3;
/** Any other name (`pods`, `storage`, ...): NodeInfo never has it, so it is never counted. */
const NEVER = 4;

/**
 * resourceAllocationScorer: resources, whether the node's load is Requested
 * (BalancedAllocation) or NonZeroRequested for cpu and memory (Fit's
 * strategies), and the strategy's scorer. Holds scratch buffers, so one
 * instance scores one pod at a time (the scheduler is single-threaded here).
 */
export class ResourceAllocationScorer {
  /** Per-row scores of the last pod requests, reused for nodes unchanged since (scores are pure in node and requests). */
  private readonly memo = new RowMemo();
  readonly resources: readonly ResourceSpec[];
  readonly useRequested: boolean;
  readonly scorer: ResourceScorer;
  private readonly kinds: Uint8Array;
  private readonly scalar: Uint8Array;
  private readonly requested: Float64Array;
  private readonly allocatable: Float64Array;

  constructor(resources: readonly ResourceSpec[], useRequested: boolean, scorer: ResourceScorer) {
    this.resources = resources;
    this.useRequested = useRequested;
    this.scorer = scorer;
    const n = resources.length;
    this.kinds = new Uint8Array(n);
    this.scalar = new Uint8Array(n);
    this.requested = new Float64Array(n);
    this.allocatable = new Float64Array(n);
    resources.forEach((r, i) => {
      const isScalar = isScalarResourceName(r.name);
      this.scalar[i] = isScalar ? 1 : 0;
      this.kinds[i] =
        r.name === 'cpu' ? CPU : r.name === 'memory' ? MEMORY : r.name === 'ephemeral-storage' ? EPHEMERAL_STORAGE : isScalar ? SCALAR : NEVER;
    });
  }

  /**
   * calculatePodResourceRequestList: the pod's request of each configured
   * resource — cpu and memory with the 100m / 200Mi defaults for containers
   * that request none unless `useRequested`, everything else as requested.
   */
  podRequestList(pod: PodInfo): Float64Array {
    const out = new Float64Array(this.resources.length);
    this.resources.forEach((r, i) => {
      const kind = this.kinds[i];
      if (!this.useRequested && kind === CPU) out[i] = pod.nonZeroMilliCPU;
      else if (!this.useRequested && kind === MEMORY) out[i] = pod.nonZeroMemory;
      else out[i] = pod.requests.get(r.name);
    });
    return out;
  }

  /** isBestEffortPod: the pod requests none of the configured resources. */
  static isBestEffort(podRequests: Float64Array): boolean {
    for (let i = 0; i < podRequests.length; i++) if (podRequests[i] !== 0) return false;
    return true;
  }

  /** score on one node (resourceAllocationScorer.score with calculateResourceAllocatableRequest). */
  scoreNode(node: NodeInfo, podRequests: Float64Array): number {
    const { kinds, scalar, requested, allocatable } = this;
    const load = this.useRequested ? node.requested : node.nonZeroRequested;
    for (let i = 0; i < kinds.length; i++) {
      const q = podRequests[i]!;
      let a = 0;
      let r = 0;
      if (!(q === 0 && scalar[i] === 1)) {
        switch (kinds[i]) {
          case CPU:
            a = node.allocatable.milliCPU;
            r = load.milliCPU + q;
            break;
          case MEMORY:
            a = node.allocatable.memory;
            r = load.memory + q;
            break;
          case EPHEMERAL_STORAGE:
            a = node.allocatable.ephemeralStorage;
            r = node.requested.ephemeralStorage + q;
            break;
          case SCALAR: {
            const name = this.resources[i]!.name;
            const have = node.allocatable.scalarResources;
            if (have !== null && have.has(name)) {
              a = have.get(name)!;
              r = (node.requested.scalarResources?.get(name) ?? 0) + q;
            }
            break;
          }
          default:
            break;
        }
      }
      if (a === 0) {
        allocatable[i] = 0;
        requested[i] = 0;
      } else {
        allocatable[i] = a;
        requested[i] = r;
      }
    }
    return this.scorer.score(requested, allocatable);
  }

  /**
   * The whole-table path: the score of each `rows[k]` into `out[k]`, reading
   * the NodeTable's columns. Identical to {@link scoreNode} on each row's NodeInfo.
   */
  scoreRows(table: NodeTable, podRequests: Float64Array, rows: Int32Array, count: number, out: Float64Array): void {
    this.memo.fillScores(table, podRequests.join(','), rows, count, out, (r, c, o) => this.computeRows(table, podRequests, r, c, o));
  }

  /** Scores without the memo. */
  private computeRows(table: NodeTable, podRequests: Float64Array, rows: Int32Array, count: number, out: Float64Array): void {
    const n = this.kinds.length;
    const idx: number[] = [];
    const allocCols: Float64Array[] = [];
    const reqCols: Float64Array[] = [];
    const qs: number[] = [];
    for (let i = 0; i < n; i++) {
      const q = podRequests[i]!;
      if (q === 0 && this.scalar[i] === 1) continue;
      let a: Float64Array;
      let r: Float64Array;
      switch (this.kinds[i]) {
        case CPU:
          a = table.allocatableMilliCPU;
          r = this.useRequested ? table.requestedMilliCPU : table.nonZeroMilliCPU;
          break;
        case MEMORY:
          a = table.allocatableMemory;
          r = this.useRequested ? table.requestedMemory : table.nonZeroMemory;
          break;
        case EPHEMERAL_STORAGE:
          a = table.allocatableEphemeralStorage;
          r = table.requestedEphemeralStorage;
          break;
        case SCALAR: {
          // No column: no node lists the resource, so it is skipped everywhere.
          const cols = table.scalars.get(this.resources[i]!.name);
          if (cols === undefined) continue;
          a = cols.allocatable;
          r = cols.requested;
          break;
        }
        default:
          continue;
      }
      idx.push(i);
      allocCols.push(a);
      reqCols.push(r);
      qs.push(q);
    }
    const { requested, allocatable, scorer } = this;
    requested.fill(0);
    allocatable.fill(0);
    const m = idx.length;
    if (m === 0) {
      out.fill(scorer.score(requested, allocatable), 0, count);
      return;
    }
    if (m === 2 && scorer.scoreRows2 !== undefined) {
      scorer.scoreRows2(idx[0]!, allocCols[0]!, reqCols[0]!, qs[0]!, idx[1]!, allocCols[1]!, reqCols[1]!, qs[1]!, rows, count, out);
      return;
    }
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      for (let j = 0; j < m; j++) {
        const i = idx[j]!;
        const a = allocCols[j]![row]!;
        if (a === 0) {
          allocatable[i] = 0;
          requested[i] = 0;
        } else {
          allocatable[i] = a;
          requested[i] = reqCols[j]![row]! + qs[j]!;
        }
      }
      out[k] = scorer.score(requested, allocatable);
    }
  }
}

/**
 * Go's int64 division `x / y` for 0 ≤ x < 2^53 and 0 < y: Math.trunc of the
 * double quotient is exact here. (For the double quotient of such integers to
 * round up to the next integer q, y would have to exceed 2^53 / q, making x
 * ≈ q·y exceed 2^53.) Amounts stay below 2^53 / 100 (90 TB of memory), so the
 * scorers' `requested × 100` is an exact double as well.
 */
export function divNonNegative(x: number, y: number): number {
  return Math.trunc(x / y);
}

/**
 * Σ perResource(requested_i, allocatable_i) × w_i / Σ w_i over the resources
 * with capacity (Go's integer division), 0 when none counts: the per-node
 * score of LeastAllocated and MostAllocated. (Their two-resource table paths
 * inline the same sum for speed.)
 */
export function weightedResourceScore(
  requested: Float64Array,
  allocatable: Float64Array,
  weights: Float64Array,
  perResource: (requested: number, capacity: number) => number,
): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const a = allocatable[i]!;
    if (a === 0) continue;
    const w = weights[i]!;
    nodeScore += perResource(requested[i]!, a) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}
