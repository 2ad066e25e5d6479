/**
 * GpuPackingScore: the FGD paper's "GpuPacking" baseline
 * (pkg/simulator/plugin/gpu_packing_score.go). From high to low:
 * use already-shared GPUs (`max(100 - Σ(left·100/1000)/10, 50)` over the
 * chosen GPUs), use fully free GPUs of a used node (`max(50 - u, 33)`), use
 * a node whose GPUs are all free (`max(33 - G, G)`: small empty nodes
 * first). CPU-only pods score 0 everywhere. Sharing pods go to the best-fit
 * GPU.
 */
import { GPU_MILLI, MAX_GPUS_PER_NODE } from '../../../gpu/types.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { PluginModule } from '../PluginModule.js';
import { newView, podGpuShape, viewOfNode, viewOfRow, type GpuNodeView, type PodGpuShape } from './podShape.js';
import { ShapeMemo } from './ShapeMemo.js';

/** The plugin's name (the paper simulator's). */
export const GPU_PACKING_SCORE = 'GpuPackingScore';

const order = new Int32Array(MAX_GPUS_PER_NODE);

/** getPackingScore (0 for a CPU-only pod or a node that cannot hold the pod). */
export function gpuPackingScore(v: GpuNodeView, s: PodGpuShape): number {
  if (s.numGpu === 0) return 0;
  let fullyFree = 0;
  for (let g = 0; g < v.count; g++) if (v.left[g] === GPU_MILLI) fullyFree++;
  if (fullyFree === v.count) return Math.max(Math.trunc(100 / 3) - fullyFree, fullyFree);
  // GPUs by left ascending, index order on ties (a stable sort).
  for (let g = 0; g < v.count; g++) {
    let j = g;
    while (j > 0 && v.left[order[j - 1]!]! > v.left[g]!) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = g;
  }
  let need = s.numGpu;
  let freeUsed = 0;
  let ratio = 0;
  for (let i = 0; i < v.count && need > 0; i++) {
    const l = v.left[order[i]!]!;
    if (s.gpuMilli > l) continue;
    need--;
    if (l === GPU_MILLI) freeUsed++;
    ratio += Math.trunc((l * 100) / GPU_MILLI);
  }
  if (need !== 0) return 0;
  if (freeUsed > 0) return Math.max(50 - freeUsed, Math.trunc(100 / 3));
  return Math.max(100 - Math.trunc(ratio / 10), 50);
}

/** Packs GPU pods onto already-used GPUs, then used nodes, then the smallest empty nodes. */
export class GpuPackingScorePlugin implements ScorePlugin {
  readonly name = GPU_PACKING_SCORE;
  private readonly memo = new ShapeMemo();
  private readonly view = newView();

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return gpuPackingScore(viewOfNode(node), podGpuShape(pod));
  }

  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = podGpuShape(pod);
    if (s.numGpu === 0) {
      out.fill(0, 0, count);
      return;
    }
    const table = this.handle.snapshot.table;
    this.memo.fill(table, s.key, rows, count, out, (row) => gpuPackingScore(viewOfRow(table, row, this.view), s));
  }
}

export const GpuPackingScore: PluginModule<undefined> = {
  name: GPU_PACKING_SCORE,
  factory: (_args, handle) => new GpuPackingScorePlugin(handle),
};
