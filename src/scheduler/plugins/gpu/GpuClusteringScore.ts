/**
 * GpuClusteringScore: the FGD paper's "GpuClustering" baseline
 * (pkg/simulator/plugin/gpu_clustering_score.go): pods are tagged
 * `share-gpu` or `<k>-gpu`; a node is preferred when its GPU pods all carry
 * the pod's tag (75 + base), then when they include it (50 + base), then an
 * idle node (25 + base), then one with other tags only (base), where
 * `base = 25 * (8000 - L) / 8000` in int64 arithmetic (L is not normalised to
 * the node's size). CPU-only pods score 0 everywhere. Sharing pods go to the
 * best-fit GPU.
 */
import { gpuAskOf } from '../../../gpu/podGpu.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { PluginModule } from '../PluginModule.js';
import { MAX_SPEC_GPU } from './DotProductScore.js';
import { newView, podGpuShape, totalLeft, viewOfNode, viewOfRow, type GpuNodeView, type PodGpuShape } from './podShape.js';
import { ShapeMemo } from './ShapeMemo.js';

/** The plugin's name (the paper simulator's). */
export const GPU_CLUSTERING_SCORE = 'GpuClusteringScore';

/** A GPU tag as a bit: bit 0 `share-gpu`, bit k `<k>-gpu`; 0 for a CPU-only ask. */
export function gpuTagBit(numGpu: number, gpuMilli: number): number {
  if (numGpu === 0) return 0;
  return numGpu === 1 && gpuMilli < 1000 ? 1 : 1 << numGpu;
}

/** The set of tags of the GPU pods on a node, as bits. */
export function nodeGpuTags(node: NodeInfo): number {
  let tags = 0;
  for (const p of node.pods) {
    const ask = gpuAskOf(p.pod);
    if (ask !== null) tags |= gpuTagBit(ask.numGpu, ask.gpuMilli);
  }
  return tags;
}

function popcount(x: number): number {
  let n = 0;
  for (; x !== 0; x &= x - 1) n++;
  return n;
}

/** The GpuClustering score of a node with GPU tags `tags` (bits). */
export function gpuClusteringScore(v: GpuNodeView, tags: number, s: PodGpuShape): number {
  const tag = gpuTagBit(s.numGpu, s.gpuMilli);
  if (tag === 0) return 0;
  const base = Math.trunc((25 * (MAX_SPEC_GPU - totalLeft(v))) / MAX_SPEC_GPU);
  if ((tags & tag) !== 0) return base + (popcount(tags) === 1 ? 75 : 50);
  return base + (tags === 0 ? 25 : 0);
}

/** Clusters GPU pods of one kind (sharing, k whole GPUs) on the same nodes. */
export class GpuClusteringScorePlugin implements ScorePlugin {
  readonly name = GPU_CLUSTERING_SCORE;
  private readonly memo = new ShapeMemo();
  private readonly view = newView();

  constructor(private readonly handle: Handle) {}

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return gpuClusteringScore(viewOfNode(node), nodeGpuTags(node), podGpuShape(pod));
  }

  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = podGpuShape(pod);
    if (s.numGpu === 0) {
      out.fill(0, 0, count);
      return;
    }
    const table = this.handle.snapshot.table;
    this.memo.fill(table, s.key, rows, count, out, (row) => {
      const info = table.infos[row];
      return gpuClusteringScore(viewOfRow(table, row, this.view), info === undefined ? 0 : nodeGpuTags(info), s);
    });
  }
}

export const GpuClusteringScore: PluginModule<undefined> = {
  name: GPU_CLUSTERING_SCORE,
  factory: (_args, handle) => new GpuClusteringScorePlugin(handle),
};
