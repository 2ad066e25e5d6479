/**
 * What the GPU plugins read of a pod and of a node row, computed once.
 */
import { gpuAskOf } from '../../../gpu/podGpu.js';
import { shapeKey } from '../../../gpu/frag.js';
import { GPU_MILLI, MAX_GPUS_PER_NODE } from '../../../gpu/types.js';
import type { NodeTable } from '../../cache/NodeTable.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';

/** A pod as the GPU policies see it: CPU request and GPU ask (memory is filtered but never scored). */
export interface PodGpuShape {
  /** CPU request, milli-cores. */
  readonly cpuMilli: number;
  /** Number of GPUs (0 for a CPU-only pod). */
  readonly numGpu: number;
  /** Milli-GPU per GPU (0 for a CPU-only pod). */
  readonly gpuMilli: number;
  /** Allowed GPU models; empty means any. */
  readonly models: readonly string[];
  /** True for a GPU-sharing pod (one GPU, milli < 1000). */
  readonly sharing: boolean;
  /** True when the pod requests nothing at all (no cpu, memory or GPU). */
  readonly empty: boolean;
  /** (cpu, milli, k, models): the memo key of scores that depend only on the shape. */
  readonly key: string;
}

const shapes = new WeakMap<PodInfo, PodGpuShape>();

/** The pod's GPU shape (memoised per PodInfo). */
export function podGpuShape(pod: PodInfo): PodGpuShape {
  let s = shapes.get(pod);
  if (s === undefined) {
    const ask = gpuAskOf(pod.pod);
    const cpuMilli = pod.requests.milliCPU;
    const numGpu = ask?.numGpu ?? 0;
    const gpuMilli = ask?.gpuMilli ?? 0;
    const models = ask?.models ?? [];
    s = {
      cpuMilli,
      numGpu,
      gpuMilli,
      models,
      sharing: numGpu === 1 && gpuMilli < GPU_MILLI,
      empty: ask === null && cpuMilli === 0 && pod.requests.memory === 0,
      key: shapeKey({ cpuMilli, gpuMilli, numGpu, models }),
    };
    shapes.set(pod, s);
  }
  return s;
}

/** A node's GPU state in the shape the policy formulas read (from a NodeInfo: the generic path, preemption's clones). */
export interface GpuNodeView {
  cpuLeft: number;
  model: string;
  count: number;
  /** Left milli per GPU at `left[0 .. count)`. */
  left: Float64Array;
}

/** The view of a NodeInfo. */
export function viewOfNode(node: NodeInfo): GpuNodeView {
  const count = node.gpuCount;
  const left = new Float64Array(MAX_GPUS_PER_NODE);
  for (let g = 0; g < count; g++) left[g] = node.gpuLeft(g);
  return { cpuLeft: node.allocatable.milliCPU - node.requested.milliCPU, model: node.gpuModel, count, left };
}

/** The view of a NodeTable row, into `into` (reused). */
export function viewOfRow(table: NodeTable, row: number, into: GpuNodeView): GpuNodeView {
  const count = table.gpuCount[row]!;
  const base = row * MAX_GPUS_PER_NODE;
  for (let g = 0; g < MAX_GPUS_PER_NODE; g++) into.left[g] = table.gpuLeft[base + g]!;
  into.count = count;
  const model = table.gpuModel[row]!;
  into.model = model < 0 ? '' : table.gpuModels[model]!;
  into.cpuLeft = table.allocatableMilliCPU[row]! - table.requestedMilliCPU[row]!;
  return into;
}

/** An empty view to reuse with {@link viewOfRow}. */
export function newView(): GpuNodeView {
  return { cpuLeft: 0, model: '', count: 0, left: new Float64Array(MAX_GPUS_PER_NODE) };
}

/** Σ left over the node's GPUs (L). */
export function totalLeft(v: GpuNodeView): number {
  let l = 0;
  for (let g = 0; g < v.count; g++) l += v.left[g]!;
  return l;
}
