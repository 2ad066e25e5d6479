/**
 * GPU sharing as the FGD paper's simulator models it (Alibaba's
 * Open-Gpu-Share): a node has `count` GPUs of one model, each with 1000
 * milli-GPU; a pod asks `numGpu` GPUs of `gpuMilli` each (below 1000 only
 * when numGpu is 1: a sharing pod), optionally restricted to some models.
 * See ../../../shared/reference/gpu-sharing-policies.md.
 */

/** Milli-GPU in one whole GPU. */
export const GPU_MILLI = 1000;
/** The most GPUs a node may have (the per-GPU columns' stride). */
export const MAX_GPUS_PER_NODE = 8;

/** Node label naming the GPU model (GPU feature discovery's label). */
export const GPU_MODEL_LABEL = 'nvidia.com/gpu.product';
/** Node capacity/allocatable key holding the number of GPUs. */
export const GPU_COUNT_RESOURCE = 'nvidia.com/gpu';

/** Pod annotation: milli-GPU asked per GPU (1–1000). */
export const POD_GPU_MILLI_ANNOTATION = 'gpu.kubesim.io/milli';
/** Pod annotation: number of GPUs asked (1–8; absent or 0 for a CPU-only pod). */
export const POD_GPU_COUNT_ANNOTATION = 'gpu.kubesim.io/count';
/** Pod annotation: allowed GPU models joined by `|` (absent: any model). */
export const POD_GPU_MODELS_ANNOTATION = 'gpu.kubesim.io/models';
/** Pod annotation the scheduler writes when it binds: the chosen GPU indexes, comma-separated ("0,1"). */
export const POD_GPU_INDEX_ANNOTATION = 'gpu.kubesim.io/gpu-index';

/** What a pod asks of a node, as the GPU policies see it (memory is filtered but never scored). */
export interface GpuPodShape {
  /** CPU request, milli-cores. */
  readonly cpuMilli: number;
  /** Milli-GPU per GPU (0 for a CPU-only pod). */
  readonly gpuMilli: number;
  /** Number of GPUs (0 for a CPU-only pod). */
  readonly numGpu: number;
  /** Allowed GPU models; empty means any. */
  readonly models: readonly string[];
}
