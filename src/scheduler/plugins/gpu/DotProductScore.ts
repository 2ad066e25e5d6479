/**
 * DotProductScore: the FGD paper's "DotProd" baseline
 * (pkg/simulator/plugin/dot_product_score.go with `-gpusel best -dimext merge
 * -norm max`): node vector [cpuLeft/128000, L/8000], pod vector
 * [cpu/128000, k·milli/8000], score `int(100 * (1 - (nv·pv)/2))`. Maximised,
 * so the node with the SMALLEST dot product (the least remaining capacity)
 * wins, despite the Tetris citation. Sharing pods go to the best-fit GPU (the
 * cache's default choice).
 */
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { PluginModule } from '../PluginModule.js';
import { newView, podGpuShape, totalLeft, viewOfNode, viewOfRow, type GpuNodeView, type PodGpuShape } from './podShape.js';
import { ShapeMemo } from './ShapeMemo.js';

/** The plugin's name (the paper simulator's). */
export const DOT_PRODUCT_SCORE = 'DotProductScore';
/** MaxSpecCpu: the normalising CPU (milli-cores) of the `max` norm. */
export const MAX_SPEC_CPU = 128000;
/** MaxSpecGpu: the normalising milli-GPU (8 GPUs). */
export const MAX_SPEC_GPU = 8000;

/** The DotProd score, float operations in the simulator's order. */
export function dotProductScore(v: GpuNodeView, s: PodGpuShape): number {
  let dot = 0;
  dot += (v.cpuLeft / MAX_SPEC_CPU) * (s.cpuMilli / MAX_SPEC_CPU);
  dot += (totalLeft(v) / MAX_SPEC_GPU) * ((s.numGpu * s.gpuMilli) / MAX_SPEC_GPU);
  const score = 1 - dot / 2;
  return Math.trunc(100 * score);
}

/** Prefers the node whose free (CPU, GPU) vector has the smallest dot product with the pod's. */
export class DotProductScorePlugin implements ScorePlugin {
  readonly name = DOT_PRODUCT_SCORE;
  private readonly memo = new ShapeMemo();
  private readonly view = newView();

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return dotProductScore(viewOfNode(node), podGpuShape(pod));
  }

  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = podGpuShape(pod);
    const table = this.handle.snapshot.table;
    this.memo.fill(table, s.key, rows, count, out, (row) => dotProductScore(viewOfRow(table, row, this.view), s));
  }
}

export const DotProductScore: PluginModule<undefined> = {
  name: DOT_PRODUCT_SCORE,
  factory: (_args, handle) => new DotProductScorePlugin(handle),
};
