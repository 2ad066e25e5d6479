/**
 * FGDScore: Fragmentation Gradient Descent (the FGD paper's FGDScore plugin,
 * pkg/simulator/plugin/fgd_score.go; ../../../../../shared/reference/
 * gpu-sharing-policies.md §2). A node scores by how little placing the pod
 * grows its fragmentation F(n) against the target workload:
 * `int(100 * sigmoid((F(n) - F(n')) / 1000))` — 50 when F does not change.
 * A sharing pod tries every GPU with room (index order) and keeps the first
 * with the strictly highest score; that GPU is the pod's at Reserve. Whole
 * GPUs (and CPU-only pods) are taken out of n' in ascending-left order and
 * the pod gets the lowest-index fully free GPUs.
 *
 * Speed: F(n) is memoised per row generation, and each node's score per
 * (row generation, pod shape), so a cycle recomputes only the rows changed
 * since the last pod of the same shape.
 */
import { CompiledTarget, type TargetShape } from '../../../gpu/frag.js';
import { lowestIndexGpus } from '../../../gpu/select.js';
import { MAX_GPUS_PER_NODE } from '../../../gpu/types.js';
import type { NodeTable } from '../../cache/NodeTable.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, ReservePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import type { Result } from '../../framework/Status.js';
import type { ArgsError, PluginModule } from '../PluginModule.js';
import { newView, podGpuShape, viewOfNode, viewOfRow, type GpuNodeView, type PodGpuShape } from './podShape.js';
import { ShapeMemo } from './ShapeMemo.js';

/** The plugin's name (the paper simulator's). */
export const FGD_SCORE = 'FGDScore';

/** FGDScoreArgs: the target workload (typical pods with their weights p_m). */
export interface FGDScoreArgs {
  targetWorkload: TargetShape[];
}

/** 1 / (1 + e^-x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The score of a fragmentation change: int64(sigmoid((before - after) / 1000) * 100). */
export function fragDeltaScore(before: number, after: number): number {
  return Math.trunc(sigmoid((before - after) / 1000) * 100);
}

/** The FGD score of a node for a shape, and the GPUs the pod would take. */
export interface FgdResult {
  score: number;
  gpus: number[];
}

const scratch = new Float64Array(MAX_GPUS_PER_NODE);
/** The sharing GPU chosen by the last {@link fgdNodeScore} (-1 for none). */
let chosenGpu = -1;

/**
 * calculateGpuShareFragExtendScore's score on one node, without allocating
 * (the scoring hot path); `before` is F(n). A sharing pod's best GPU is left
 * in `chosenGpu`.
 */
function fgdNodeScore(target: CompiledTarget, v: GpuNodeView, s: PodGpuShape, before: number): number {
  const access = target.accessFor(v.model);
  scratch.set(v.left);
  const cpuAfter = v.cpuLeft - s.cpuMilli;
  if (s.sharing) {
    let best = 0;
    let gpu = -1;
    for (let g = 0; g < v.count; g++) {
      const l = v.left[g]!;
      if (l < s.gpuMilli) continue;
      scratch[g] = l - s.gpuMilli;
      const score = fragDeltaScore(before, target.fragmentation(cpuAfter, access, scratch, 0, v.count));
      scratch[g] = l;
      if (gpu < 0 || score > best) {
        best = score;
        gpu = g;
      }
    }
    chosenGpu = gpu;
    return best;
  }
  // Whole GPUs: n' takes k GPUs with left ≥ milli in ascending-left order (lowest index on ties).
  let taken = 0;
  for (let n = 0; n < s.numGpu; n++) {
    let pick = -1;
    for (let g = 0; g < v.count; g++) {
      if ((taken & (1 << g)) !== 0 || v.left[g]! < s.gpuMilli) continue;
      if (pick < 0 || v.left[g]! < v.left[pick]!) pick = g;
    }
    if (pick < 0) break;
    taken |= 1 << pick;
    scratch[pick] = v.left[pick]! - s.gpuMilli;
  }
  chosenGpu = -1;
  return fragDeltaScore(before, target.fragmentation(cpuAfter, access, scratch, 0, v.count));
}

/**
 * calculateGpuShareFragExtendScore on one node: `before` is F(n) (computed
 * when undefined). Returns the score and the GPUs the pod would take: the
 * sharing GPU FGD picks, or the lowest-index GPUs with room for whole ones.
 */
export function fgdScore(target: CompiledTarget, v: GpuNodeView, s: PodGpuShape, before?: number): FgdResult {
  const f0 = before ?? target.fragmentation(v.cpuLeft, target.accessFor(v.model), v.left, 0, v.count);
  const score = fgdNodeScore(target, v, s, f0);
  if (s.sharing) return { score, gpus: chosenGpu < 0 ? [] : [chosenGpu] };
  return { score, gpus: s.numGpu === 0 ? [] : (lowestIndexGpus(v.left, 0, v.count, s.numGpu, s.gpuMilli) ?? []) };
}

/** Scores nodes by the fragmentation gradient and picks the sharing GPU at Reserve. */
export class FGDScorePlugin implements ScorePlugin, ReservePlugin {
  readonly name = FGD_SCORE;
  readonly target: CompiledTarget;
  private readonly memo = new ShapeMemo();
  private fragGeneration = new Float64Array(0);
  private fragValue = new Float64Array(0);
  private fragEpoch = -1;
  private readonly view = newView();

  constructor(
    args: FGDScoreArgs,
    private readonly handle: Handle,
  ) {
    this.target = new CompiledTarget(args.targetWorkload);
  }

  /** F(n) of a row, memoised by the row's generation. */
  rowFragmentation(table: NodeTable, row: number): number {
    if (this.fragGeneration.length !== table.capacity || this.fragEpoch !== table.epoch) {
      this.fragGeneration = new Float64Array(table.capacity).fill(-1);
      this.fragValue = new Float64Array(table.capacity);
      this.fragEpoch = table.epoch;
    }
    const gen = table.generation[row]!;
    if (this.fragGeneration[row] === gen) return this.fragValue[row]!;
    const model = table.gpuModel[row]!;
    const count = table.gpuCount[row]!;
    const cpuLeft = table.allocatableMilliCPU[row]! - table.requestedMilliCPU[row]!;
    const f = model < 0 ? 0 : this.target.fragmentation(cpuLeft, this.target.accessFor(table.gpuModels[model]!), table.gpuLeft, row * MAX_GPUS_PER_NODE, count);
    this.fragGeneration[row] = gen;
    this.fragValue[row] = f;
    return f;
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const s = podGpuShape(pod);
    if (s.empty) return 100;
    return fgdScore(this.target, viewOfNode(node), s).score;
  }

  scoreNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = podGpuShape(pod);
    if (s.empty) {
      out.fill(100, 0, count);
      return;
    }
    const table = this.handle.snapshot.table;
    this.memo.fill(table, s.key, rows, count, out, (row) => fgdNodeScore(this.target, viewOfRow(table, row, this.view), s, this.rowFragmentation(table, row)));
  }

  /** The pod's GPUs: FGD's own pick, on the node as it was before the assumed pod. */
  reserve(_state: CycleState, pod: PodInfo, _nodeName: string): Result {
    const s = podGpuShape(pod);
    if (s.numGpu === 0) return null;
    this.handle.snapshot.assignGpus(pod.uid, (node) => {
      const v = viewOfNode(node);
      v.cpuLeft += s.cpuMilli; // the assumed pod's CPU is already counted on the node
      const r = fgdScore(this.target, v, s);
      return r.gpus.length === s.numGpu ? r.gpus : null;
    });
    return null;
  }

  unreserve(): void {
    // The cache forgets the assumed pod, and its GPUs with it.
  }
}

/** FGDScoreArgs defaulting: an empty target workload (every node then scores 50). */
export function defaultFGDScoreArgs(raw: unknown): FGDScoreArgs {
  const o = (raw ?? {}) as Record<string, unknown>;
  const list = Array.isArray(o['targetWorkload']) ? (o['targetWorkload'] as unknown[]) : [];
  return {
    targetWorkload: list.map((e) => {
      const m = (e ?? {}) as Record<string, unknown>;
      const models = m['models'];
      return {
        cpuMilli: Number(m['cpuMilli'] ?? 0),
        gpuMilli: Number(m['gpuMilli'] ?? 0),
        numGpu: Number(m['numGpu'] ?? 0),
        models: Array.isArray(models) ? models.map(String) : typeof models === 'string' && models !== '' ? models.split('|') : [],
        weight: Number(m['weight'] ?? 0),
      };
    }),
  };
}

/** Every shape needs non-negative finite numbers, numGpu ≤ 8, gpuMilli ≤ 1000. */
export function validateFGDScoreArgs(args: FGDScoreArgs): ArgsError[] {
  const errs: ArgsError[] = [];
  args.targetWorkload.forEach((t, i) => {
    const check = (field: string, v: number, max: number): void => {
      if (!Number.isFinite(v) || v < 0 || v > max) {
        errs.push({ path: `targetWorkload[${i}].${field}`, message: `targetWorkload[${i}].${field}: Invalid value: ${v}: must be in [0, ${max}]` });
      }
    };
    check('cpuMilli', t.cpuMilli, Number.MAX_SAFE_INTEGER);
    check('gpuMilli', t.gpuMilli, 1000);
    check('numGpu', t.numGpu, MAX_GPUS_PER_NODE);
    check('weight', t.weight, 1);
  });
  return errs;
}

export const FGDScore: PluginModule<FGDScoreArgs> = {
  name: FGD_SCORE,
  argsKind: 'FGDScoreArgs',
  defaultArgs: defaultFGDScoreArgs,
  validateArgs: validateFGDScoreArgs,
  factory: (args, handle) => new FGDScorePlugin(args, handle),
};
