/**
 * BestFitScore: the FGD paper's "BestFit" baseline
 * (pkg/simulator/plugin/best_fit_score.go): raw score
 * `int((1 - [(cpuLeft-cpu)/128000·0.5 + (L - k·milli)/8000·0.5]) · 100)`, then
 * min-max normalised over the feasible nodes to 0–100 (all 0 when every raw
 * score is equal). Sharing pods go to the best-fit GPU.
 */
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, NodeScoreList, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { Result } from '../../framework/Status.js';
import type { PluginModule } from '../PluginModule.js';
import { MAX_SPEC_CPU, MAX_SPEC_GPU } from './DotProductScore.js';
import { newView, podGpuShape, totalLeft, viewOfNode, viewOfRow, type GpuNodeView, type PodGpuShape } from './podShape.js';
import { ShapeMemo } from './ShapeMemo.js';

/** The plugin's name (the paper simulator's). */
export const BEST_FIT_SCORE = 'BestFitScore';

/** getBestFitScore: float operations in the simulator's order (cpu term, then GPU term). */
export function bestFitRawScore(v: GpuNodeView, s: PodGpuShape): number {
  let score = 0;
  score += ((v.cpuLeft - s.cpuMilli) / MAX_SPEC_CPU) * 0.5;
  score += ((totalLeft(v) - s.numGpu * s.gpuMilli) / MAX_SPEC_GPU) * 0.5;
  return Math.trunc((1 - score) * 100);
}

/**
 * The simulator's NormalizeScore (plugin_utils.go): `(s - min) * 100 / (max - min)`
 * in int64 arithmetic; every score 0 when max == min.
 */
export function minMaxNormalize(scores: Float64Array, n: number): void {
  if (n === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  if (max === min) {
    scores.fill(0, 0, n);
    return;
  }
  const range = max - min;
  for (let i = 0; i < n; i++) scores[i] = Math.trunc(((scores[i]! - min) * 100) / range);
}

/** Prefers the node left with the least free CPU and GPU after placing the pod. */
export class BestFitScorePlugin implements ScorePlugin {
  readonly name = BEST_FIT_SCORE;
  private readonly memo = new ShapeMemo();
  private readonly view = newView();

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return bestFitRawScore(viewOfNode(node), podGpuShape(pod));
  }

  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = podGpuShape(pod);
    const table = this.handle.snapshot.table;
    this.memo.fill(table, s.key, rows, count, out, (row) => bestFitRawScore(viewOfRow(table, row, this.view), s));
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, list: NodeScoreList): Result {
    minMaxNormalize(list.scores, list.length);
    return null;
  }
}

export const BestFitScore: PluginModule<undefined> = {
  name: BEST_FIT_SCORE,
  factory: (_args, handle) => new BestFitScorePlugin(handle),
};
