/**
 * Σ_n F(n) over the scheduler cache's NodeTable, kept current cheaply: each
 * call compares every live row's generation with the one its F was computed
 * at and recomputes only the rows that changed (one per placed pod), so the
 * paper's per-arrival fragmentation metric costs ~N compares, not N·|target|·G.
 */
import { CompiledTarget, type TargetShape } from '../../../gpu/frag.js';
import { GPU_MILLI, MAX_GPUS_PER_NODE } from '../../../gpu/types.js';
import type { NodeTable } from '../../cache/NodeTable.js';

/** The cluster's GPU totals at one instant (milli-GPU). */
export interface GpuClusterState {
  /** Σ over nodes of count × 1000. */
  capacity: number;
  /** Σ of (1000 − left) over every GPU. */
  allocated: number;
  /** Σ left. */
  idle: number;
  /** Σ_n F(n). */
  fragmentation: number;
}

/** Tracks the cluster fragmentation of one table against one target workload. */
export class ClusterFragmentation {
  private readonly target: CompiledTarget;
  private generation = new Float64Array(0);
  private frag = new Float64Array(0);

  constructor(
    private readonly table: NodeTable,
    target: readonly TargetShape[],
  ) {
    this.target = new CompiledTarget(target);
  }

  /** The totals now (F recomputed only for rows changed since the last call). */
  state(): GpuClusterState {
    const t = this.table;
    if (this.generation.length !== t.capacity) {
      const g = new Float64Array(t.capacity).fill(-1);
      g.set(this.generation.subarray(0, Math.min(this.generation.length, t.capacity)));
      const f = new Float64Array(t.capacity);
      f.set(this.frag.subarray(0, Math.min(this.frag.length, t.capacity)));
      this.generation = g;
      this.frag = f;
    }
    let capacity = 0;
    let idle = 0;
    let fragmentation = 0;
    for (let row = 0; row < t.capacity; row++) {
      if (t.live[row] !== 1) continue;
      const count = t.gpuCount[row]!;
      if (count === 0) continue;
      const base = row * MAX_GPUS_PER_NODE;
      capacity += count * GPU_MILLI;
      for (let g = 0; g < count; g++) idle += t.gpuLeft[base + g]!;
      const gen = t.generation[row]!;
      if (this.generation[row] !== gen) {
        const model = t.gpuModels[t.gpuModel[row]!] ?? '';
        const cpuLeft = t.allocatableMilliCPU[row]! - t.requestedMilliCPU[row]!;
        this.frag[row] = this.target.fragmentation(cpuLeft, this.target.accessFor(model), t.gpuLeft, base, count);
        this.generation[row] = gen;
      }
      fragmentation += this.frag[row]!;
    }
    return { capacity, allocated: capacity - idle, idle, fragmentation };
  }
}
