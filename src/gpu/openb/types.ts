/**
 * The Alibaba GPU cluster trace 2023 ("openb"), as read from its CSV files
 * (schema: the data folder's README.md). Numbers are kept in the trace's own
 * units: milli-cores, MiB, milli-GPU, seconds from the trace start.
 */
import type { GpuPodShape } from '../types.js';

/** One row of a node list (`sn,cpu_milli,memory_mib,gpu,model`). */
export interface OpenbNode {
  /** `sn`: the node's name. */
  readonly name: string;
  readonly cpuMilli: number;
  readonly memoryMib: number;
  /** `gpu`: how many GPUs (0–8). */
  readonly gpu: number;
  /** `model`: the GPU model (`V100M16`, `G2`, ...); '' for a node without GPUs. */
  readonly model: string;
}

/**
 * One row of a pod list: the 11-column files, or the 5-column multigpu files
 * (which have no gpu_spec, qos, phase or times). The {@link GpuPodShape}
 * fields are what the GPU policies read; `models` is `gpu_spec` split on `|`
 * as written (duplicates kept, so two spellings stay two shapes).
 */
export interface OpenbPod extends GpuPodShape {
  readonly name: string;
  readonly memoryMib: number;
  /** `gpu_spec` as written ('' = any model). */
  readonly gpuSpec: string;
  /** `qos` ('' when absent); unused by the paper's method. */
  readonly qos: string;
  /** `pod_phase` ('' when absent); unused by the paper's method. */
  readonly podPhase: string;
  /** `creation_time`, seconds from the trace start (absent in 5-column files). */
  readonly creationTime?: number;
  /** `deletion_time`, seconds (absent in 5-column files or when empty). */
  readonly deletionTime?: number;
  /** `scheduled_time`, seconds (absent when never scheduled or in 5-column files). */
  readonly scheduledTime?: number;
}

/** A whole trace: a node list and a pod list, each in file order. */
export interface OpenbTrace {
  /** The node list's path, as opened. */
  readonly nodeFile: string;
  /** The pod list's path, as opened. */
  readonly podFile: string;
  readonly nodes: readonly OpenbNode[];
  readonly pods: readonly OpenbPod[];
}

/** A pod's whole GPU request in milli-GPU: `num_gpu × gpu_milli`. */
export function gpuRequestMilli(pod: GpuPodShape): number {
  return pod.numGpu * pod.gpuMilli;
}

/** Σ `gpu × 1000` over the nodes: the cluster's GPU capacity in milli-GPU. */
export function gpuCapacityMilli(nodes: readonly OpenbNode[]): number {
  let sum = 0;
  for (const n of nodes) sum += n.gpu * 1000;
  return sum;
}
