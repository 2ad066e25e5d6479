import { grownFloat64 } from '../../engine/typedArrays.js';
import { GPU_MILLI, MAX_GPUS_PER_NODE } from '../../gpu/types.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import { TaintSets } from './taintSets.js';

/** Bits of {@link NodeTable.taintFlags}. */
export const TAINT_NO_SCHEDULE_OR_EXECUTE = 1;
export const TAINT_PREFER_NO_SCHEDULE = 2;

/** One extended resource's columns. */
export interface ScalarColumns {
  allocatable: Float64Array;
  requested: Float64Array;
  /** 1 where the node lists the resource in its allocatable. */
  present: Uint8Array;
}

/** How many of the newest row stamps the table remembers the rows of (a power of two). */
const CHANGE_LOG_SIZE = 4096;

/**
 * The scheduler cache's nodes as a structure of arrays: one typed-array column
 * per number the filter and score fast paths read, one row per node (the
 * NodeInfo's `index`). Whole-table plugins scan these columns instead of
 * chasing NodeInfo objects, which is what keeps 5,000-node scoring in the
 * microseconds. A new resource is a new column, not a new code path.
 *
 * The NodeInfo objects are the authority; the cache writes a row back here
 * after every change ({@link sync}).
 */
export class NodeTable {
  capacity: number;
  /** 1 for rows holding a node. */
  live: Uint8Array;
  allocatableMilliCPU: Float64Array;
  allocatableMemory: Float64Array;
  allocatableEphemeralStorage: Float64Array;
  allowedPodNumber: Float64Array;
  requestedMilliCPU: Float64Array;
  requestedMemory: Float64Array;
  requestedEphemeralStorage: Float64Array;
  nonZeroMilliCPU: Float64Array;
  nonZeroMemory: Float64Array;
  podCount: Float64Array;
  unschedulable: Uint8Array;
  taintFlags: Uint8Array;
  /** The row's NoSchedule/NoExecute taints as an id of {@link taintSets} (0: none). */
  taintSet: Int32Array;
  /** The distinct NoSchedule/NoExecute taint lists the rows carry. */
  readonly taintSets = new TaintSets();
  /** Number of pods with required anti-affinity on the node. */
  requiredAntiAffinityPods: Float64Array;
  /**
   * A stamp per row, new whenever the row changes (from a table-wide counter,
   * so a reused row never repeats an old stamp): per-row memos of plugin results
   * compare it to know whether the node is unchanged since they computed.
   */
  generation: Float64Array;
  /** GPUs on the node (0 for none). */
  gpuCount: Uint8Array;
  /** The node's GPU model as an index into {@link gpuModels}; -1 for a node without GPUs. */
  gpuModel: Int32Array;
  /** Milli-GPU left per GPU, stride MAX_GPUS_PER_NODE: row*8+g is GPU g's left (0 past gpuCount). */
  gpuLeft: Uint16Array;
  /** GPU model names, in order of first appearance (indexes of {@link gpuModel}). */
  readonly gpuModels: string[] = [];
  private readonly gpuModelIndex = new Map<string, number>();
  /** Bumped when a column is added; memos keyed on the columns compare it. */
  epoch = 0;
  /** Live rows that are cordoned (spec.unschedulable): 0 lets NodeUnschedulable pass every node at once. */
  unschedulableCount = 0;
  /** Live rows per taint bit: 0 for a bit lets TaintToleration skip the per-node checks. */
  readonly taintedCount = [0, 0, 0];
  private stamps = 0;
  /** The row given each of the newest stamps, by stamp modulo its length. */
  private readonly changeLog = new Int32Array(CHANGE_LOG_SIZE);
  readonly scalars = new Map<string, ScalarColumns>();
  /** The NodeInfo of each row. */
  readonly infos: (NodeInfo | undefined)[] = [];

  constructor(capacity = 64) {
    this.capacity = capacity;
    this.live = new Uint8Array(capacity);
    this.allocatableMilliCPU = new Float64Array(capacity);
    this.allocatableMemory = new Float64Array(capacity);
    this.allocatableEphemeralStorage = new Float64Array(capacity);
    this.allowedPodNumber = new Float64Array(capacity);
    this.requestedMilliCPU = new Float64Array(capacity);
    this.requestedMemory = new Float64Array(capacity);
    this.requestedEphemeralStorage = new Float64Array(capacity);
    this.nonZeroMilliCPU = new Float64Array(capacity);
    this.nonZeroMemory = new Float64Array(capacity);
    this.podCount = new Float64Array(capacity);
    this.unschedulable = new Uint8Array(capacity);
    this.taintFlags = new Uint8Array(capacity);
    this.taintSet = new Int32Array(capacity);
    this.requiredAntiAffinityPods = new Float64Array(capacity);
    this.generation = new Float64Array(capacity);
    this.gpuCount = new Uint8Array(capacity);
    this.gpuModel = new Int32Array(capacity).fill(-1);
    this.gpuLeft = new Uint16Array(capacity * MAX_GPUS_PER_NODE);
  }

  /** The index of a GPU model name in {@link gpuModels}, added on first use. */
  gpuModelId(model: string): number {
    let id = this.gpuModelIndex.get(model);
    if (id === undefined) {
      id = this.gpuModels.length;
      this.gpuModels.push(model);
      this.gpuModelIndex.set(model, id);
    }
    return id;
  }

  /** The columns of an extended resource, made (all zero) on first use. */
  scalar(name: string): ScalarColumns {
    let s = this.scalars.get(name);
    if (s === undefined) {
      s = {
        allocatable: new Float64Array(this.capacity),
        requested: new Float64Array(this.capacity),
        present: new Uint8Array(this.capacity),
      };
      this.scalars.set(name, s);
      this.epoch++;
    }
    return s;
  }

  /** Grows the table so that row `index` exists. */
  ensure(index: number): void {
    if (index < this.capacity) return;
    let n = this.capacity;
    while (n <= index) n *= 2;
    const f = (a: Float64Array): Float64Array => grownFloat64(a, n);
    const u = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.live = u(this.live);
    this.allocatableMilliCPU = f(this.allocatableMilliCPU);
    this.allocatableMemory = f(this.allocatableMemory);
    this.allocatableEphemeralStorage = f(this.allocatableEphemeralStorage);
    this.allowedPodNumber = f(this.allowedPodNumber);
    this.requestedMilliCPU = f(this.requestedMilliCPU);
    this.requestedMemory = f(this.requestedMemory);
    this.requestedEphemeralStorage = f(this.requestedEphemeralStorage);
    this.nonZeroMilliCPU = f(this.nonZeroMilliCPU);
    this.nonZeroMemory = f(this.nonZeroMemory);
    this.podCount = f(this.podCount);
    this.unschedulable = u(this.unschedulable);
    this.taintFlags = u(this.taintFlags);
    const taintSet = new Int32Array(n);
    taintSet.set(this.taintSet);
    this.taintSet = taintSet;
    this.requiredAntiAffinityPods = f(this.requiredAntiAffinityPods);
    this.generation = f(this.generation);
    this.gpuCount = u(this.gpuCount);
    const model = new Int32Array(n).fill(-1);
    model.set(this.gpuModel);
    this.gpuModel = model;
    const left = new Uint16Array(n * MAX_GPUS_PER_NODE);
    left.set(this.gpuLeft);
    this.gpuLeft = left;
    for (const s of this.scalars.values()) {
      s.allocatable = f(s.allocatable);
      s.requested = f(s.requested);
      s.present = u(s.present);
    }
    this.capacity = n;
  }

  /**
   * Writes a NodeInfo's numbers into its row, with a new stamp unless
   * `stamp` is false (the caller knows nothing a plugin reads changed).
   */
  sync(info: NodeInfo, stamp = true): void {
    const i = info.index;
    this.ensure(i);
    // Take the row's old flags out of the counts before they are rewritten.
    if (this.live[i] === 1) this.count(i, -1);
    this.infos[i] = info;
    this.live[i] = 1;
    if (stamp || this.generation[i] === 0) this.stamp(i);
    const a = info.allocatable;
    const r = info.requested;
    this.allocatableMilliCPU[i] = a.milliCPU;
    this.allocatableMemory[i] = a.memory;
    this.allocatableEphemeralStorage[i] = a.ephemeralStorage;
    this.allowedPodNumber[i] = a.allowedPodNumber;
    this.requestedMilliCPU[i] = r.milliCPU;
    this.requestedMemory[i] = r.memory;
    this.requestedEphemeralStorage[i] = r.ephemeralStorage;
    this.nonZeroMilliCPU[i] = info.nonZeroRequested.milliCPU;
    this.nonZeroMemory[i] = info.nonZeroRequested.memory;
    this.podCount[i] = info.pods.length;
    this.unschedulable[i] = info.node.spec?.unschedulable === true ? 1 : 0;
    let flags = 0;
    for (const t of info.taints) {
      if (t.effect === 'PreferNoSchedule') flags |= TAINT_PREFER_NO_SCHEDULE;
      else flags |= TAINT_NO_SCHEDULE_OR_EXECUTE;
    }
    this.taintFlags[i] = flags;
    this.taintSet[i] = (flags & TAINT_NO_SCHEDULE_OR_EXECUTE) === 0 ? 0 : this.taintSets.idOf(info.taints);
    this.count(i, 1);
    this.requiredAntiAffinityPods[i] = info.podsWithRequiredAntiAffinity.length;
    const gpus = info.gpuCount;
    this.gpuCount[i] = gpus;
    this.gpuModel[i] = gpus === 0 ? -1 : this.gpuModelId(info.gpuModel);
    const used = info.gpuUsed;
    for (let g = 0; g < MAX_GPUS_PER_NODE; g++) this.gpuLeft[i * MAX_GPUS_PER_NODE + g] = g < gpus ? Math.max(0, GPU_MILLI - used[g]!) : 0;
    for (const [name, cols] of this.scalars) {
      cols.allocatable[i] = a.scalarResources?.get(name) ?? 0;
      cols.present[i] = a.scalarResources?.has(name) === true ? 1 : 0;
      cols.requested[i] = r.scalarResources?.get(name) ?? 0;
    }
    for (const source of [a.scalarResources, r.scalarResources]) {
      if (source === null) continue;
      for (const name of source.keys()) {
        if (this.scalars.has(name)) continue;
        const cols = this.scalar(name);
        for (const other of this.infos) if (other !== undefined) this.syncScalar(cols, name, other);
      }
    }
  }

  /** Marks a row free. */
  clear(index: number): void {
    if (index >= this.capacity) return;
    if (this.live[index] === 1) this.count(index, -1);
    this.live[index] = 0;
    this.infos[index] = undefined;
    this.gpuCount[index] = 0;
    this.gpuModel[index] = -1;
    this.gpuLeft.fill(0, index * MAX_GPUS_PER_NODE, (index + 1) * MAX_GPUS_PER_NODE);
    this.stamp(index);
  }

  /** The newest stamp given to a row (0 before any). */
  get lastStamp(): number {
    return this.stamps;
  }

  /**
   * Writes the rows stamped after stamp `since`, one per stamp (a row changed
   * twice appears twice), into `out` and returns how many; -1 when some of
   * them are no longer logged. A reader that remembers the stamp it has seen
   * up to finds the changed rows without visiting every row.
   */
  changedSince(since: number, out: Int32Array): number {
    const count = this.stamps - since;
    if (count < 0 || count > CHANGE_LOG_SIZE || count > out.length) return -1;
    for (let k = 0; k < count; k++) out[k] = this.changeLog[(since + 1 + k) & (CHANGE_LOG_SIZE - 1)]!;
    return count;
  }

  private stamp(row: number): void {
    this.generation[row] = ++this.stamps;
    this.changeLog[this.stamps & (CHANGE_LOG_SIZE - 1)] = row;
  }

  /** Adds (+1) or removes (-1) a live row's flags from the counts. */
  private count(i: number, delta: number): void {
    if (this.unschedulable[i] === 1) this.unschedulableCount += delta;
    const flags = this.taintFlags[i]!;
    if ((flags & TAINT_NO_SCHEDULE_OR_EXECUTE) !== 0) this.taintedCount[TAINT_NO_SCHEDULE_OR_EXECUTE]! += delta;
    if ((flags & TAINT_PREFER_NO_SCHEDULE) !== 0) this.taintedCount[TAINT_PREFER_NO_SCHEDULE]! += delta;
  }

  private syncScalar(cols: ScalarColumns, name: string, info: NodeInfo): void {
    const i = info.index;
    cols.allocatable[i] = info.allocatable.scalarResources?.get(name) ?? 0;
    cols.present[i] = info.allocatable.scalarResources?.has(name) === true ? 1 : 0;
    cols.requested[i] = info.requested.scalarResources?.get(name) ?? 0;
  }
}
