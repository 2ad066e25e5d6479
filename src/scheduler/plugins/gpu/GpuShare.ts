/**
 * GpuShare: the FGD paper simulator's `Open-Gpu-Share` plugin (Alibaba's GPU
 * sharing scheduler as pkg/simulator/plugin/open_gpu_share.go runs it), under
 * a Go-style plugin name.
 *
 * Filter: a pod that asks GPUs needs a node with GPUs, of an allowed model
 * when it names models, and with `numGpu` GPUs that each have `gpuMilli`
 * left (one GPU for a sharing pod; k fully free GPUs for k whole ones).
 * Reserve: the cache has already counted the assumed pod on the default GPUs
 * (best-fit GPU for a sharing pod, the lowest-index free GPUs for whole ones);
 * with `gpuSelection: Random` a sharing pod's GPU is re-drawn uniformly among
 * the fitting ones from the scheduler's seeded stream. Score plugins that
 * choose GPUs their own way (FGDScore) re-choose at their own Reserve.
 */
import { gpuFits, randomGpu } from '../../../gpu/select.js';
import { MAX_GPUS_PER_NODE } from '../../../gpu/types.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { FilterPlugin, Handle, ReservePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import { Code, Status, type Result } from '../../framework/Status.js';
import type { ArgsError, PluginModule } from '../PluginModule.js';
import { podGpuShape, viewOfNode, type PodGpuShape } from './podShape.js';

/** The plugin's name. */
export const GPU_SHARE = 'GpuShare';
/** Rejection of a node without GPUs. */
export const ERR_REASON_NO_GPU = 'node(s) had no GPU';
/** Rejection of a node whose GPU model the pod does not allow. */
export const ERR_REASON_GPU_MODEL = "node(s) didn't match the pod's GPU model";
/** Rejection of a node without enough GPUs with the asked milli left (as NodeResourcesFit's "Insufficient <resource>"). */
export const ERR_REASON_INSUFFICIENT_GPU = 'Insufficient GPU';

/** How Reserve chooses a sharing pod's GPU. */
export type GpuSelection = 'BestFit' | 'Random';

/** GpuShareArgs. */
export interface GpuShareArgs {
  /** BestFit (default: the smallest left ≥ milli, lowest index on ties) or Random. */
  gpuSelection: GpuSelection;
}

const scratchLeft = new Float64Array(MAX_GPUS_PER_NODE);

/** A NodeInfo's per-GPU left milli, in a reused buffer. */
function leftOf(node: NodeInfo): Float64Array {
  for (let g = 0; g < MAX_GPUS_PER_NODE; g++) scratchLeft[g] = node.gpuLeft(g);
  return scratchLeft;
}

const NO_GPU = 1;
const MODEL = 2;
const INSUFFICIENT = 3;

/** 0 when a node with these GPUs can hold the shape, else why not (NO_GPU, MODEL, INSUFFICIENT). */
function verdict(s: PodGpuShape, count: number, model: string, left: ArrayLike<number>, offset: number): number {
  if (s.numGpu === 0) return 0;
  if (count === 0) return NO_GPU;
  if (s.models.length > 0 && !s.models.includes(model)) return MODEL;
  return gpuFits(left, offset, count, s.numGpu, s.gpuMilli) ? 0 : INSUFFICIENT;
}

/** The GPU fit filter and the GPU choice at Reserve. */
export class GpuSharePlugin implements FilterPlugin, ReservePlugin {
  readonly name = GPU_SHARE;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;

  constructor(
    readonly args: GpuShareArgs,
    private readonly handle: Handle,
  ) {}

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    const s = podGpuShape(pod);
    if (s.numGpu === 0) return null;
    switch (verdict(s, node.gpuCount, node.gpuModel, leftOf(node), 0)) {
      case 0:
        return null;
      case NO_GPU:
        return new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_NO_GPU]);
      case MODEL:
        return new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_GPU_MODEL]);
      default:
        return new Status(Code.Unschedulable, [ERR_REASON_INSUFFICIENT_GPU]);
    }
  }

  /** The whole-table Filter over the GPU columns. */
  filterNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const s = podGpuShape(pod);
    if (s.numGpu === 0) {
      codes.fill(0, 0, count);
      return;
    }
    const t = this.handle.snapshot.table;
    const gpuCount = t.gpuCount;
    const gpuModel = t.gpuModel;
    const models = t.gpuModels;
    const left = t.gpuLeft;
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      const m = gpuModel[row]!;
      const v = verdict(s, gpuCount[row]!, m < 0 ? '' : models[m]!, left, row * MAX_GPUS_PER_NODE);
      codes[k] = v === 0 ? 0 : v === INSUFFICIENT ? Code.Unschedulable : Code.UnschedulableAndUnresolvable;
    }
  }

  reserve(_state: CycleState, pod: PodInfo, _nodeName: string): Result {
    if (this.args.gpuSelection !== 'Random') return null; // the cache's default pick is best-fit
    const s = podGpuShape(pod);
    if (!s.sharing) return null;
    const random = this.handle.random;
    this.handle.snapshot.assignGpus(pod.uid, (node) => {
      const v = viewOfNode(node);
      const g = randomGpu(v.left, 0, v.count, s.gpuMilli, random);
      return g < 0 ? null : [g];
    });
    return null;
  }

  unreserve(): void {
    // The cache forgets the assumed pod, and its GPUs with it.
  }
}

/** GpuShareArgs defaulting: gpuSelection BestFit. */
export function defaultGpuShareArgs(raw: unknown): GpuShareArgs {
  const o = (raw ?? {}) as Record<string, unknown>;
  const sel = o['gpuSelection'];
  return { gpuSelection: sel === undefined ? 'BestFit' : (sel as GpuSelection) };
}

/** gpuSelection must be BestFit or Random. */
export function validateGpuShareArgs(args: GpuShareArgs): ArgsError[] {
  if (args.gpuSelection === 'BestFit' || args.gpuSelection === 'Random') return [];
  return [{ path: 'gpuSelection', message: `gpuSelection: Unsupported value: ${JSON.stringify(args.gpuSelection)}: supported values: "BestFit", "Random"` }];
}

export const GpuShare: PluginModule<GpuShareArgs> = {
  name: GPU_SHARE,
  argsKind: 'GpuShareArgs',
  defaultArgs: defaultGpuShareArgs,
  validateArgs: validateGpuShareArgs,
  factory: (args, handle) => new GpuSharePlugin(args, handle),
};
