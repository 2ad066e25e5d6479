import type { Pod } from '../api/types.js';
import {
  GPU_COUNT_RESOURCE,
  GPU_MILLI,
  MAX_GPUS_PER_NODE,
  POD_GPU_COUNT_ANNOTATION,
  POD_GPU_INDEX_ANNOTATION,
  POD_GPU_MILLI_ANNOTATION,
  POD_GPU_MODELS_ANNOTATION,
  type GpuPodShape,
} from './types.js';

/** What a pod asks of a node's GPUs: `numGpu` GPUs of `gpuMilli` each, of one of `models` (empty: any). */
export interface GpuAsk {
  readonly numGpu: number;
  readonly gpuMilli: number;
  readonly models: readonly string[];
}

const NO_MODELS: readonly string[] = [];
/**
 * Asks by spec object, then by annotations object: the ask reads nothing
 * else, a status update keeps both objects and a controller's replicas share
 * their spec, so a new copy of a pod is not parsed again.
 */
const asks = new WeakMap<object, WeakMap<object, GpuAsk | null>>();
const NO_ANNOTATIONS = {};

/**
 * The GPU ask of a pod, or null for a pod that asks none. The annotations
 * `gpu.kubesim.io/count` and `gpu.kubesim.io/milli` (as Open-Gpu-Share's) win;
 * a pod without them that requests the extended resource `nvidia.com/gpu: k`
 * (the NVIDIA device plugin's whole GPUs) asks k GPUs of 1000 milli each.
 * Memoised per (immutable) spec and annotations objects.
 */
export function gpuAskOf(pod: Pod): GpuAsk | null {
  let bySpec = asks.get(pod.spec);
  if (bySpec === undefined) asks.set(pod.spec, (bySpec = new WeakMap()));
  const annotations = pod.metadata.annotations ?? NO_ANNOTATIONS;
  let ask = bySpec.get(annotations);
  if (ask === undefined) {
    ask = parseAsk(pod);
    bySpec.set(annotations, ask);
  }
  return ask;
}

function parseAsk(pod: Pod): GpuAsk | null {
  const a = pod.metadata.annotations;
  const milliText = a?.[POD_GPU_MILLI_ANNOTATION];
  if (milliText !== undefined) {
    const milli = Number.parseInt(milliText, 10);
    const countText = a?.[POD_GPU_COUNT_ANNOTATION];
    const count = countText === undefined ? 1 : Number.parseInt(countText, 10);
    if (!(milli > 0) || !(count > 0)) return null;
    const modelsText = a?.[POD_GPU_MODELS_ANNOTATION] ?? '';
    const models = modelsText === '' ? NO_MODELS : modelsText.split('|').filter((m) => m !== '');
    return { numGpu: Math.min(count, MAX_GPUS_PER_NODE), gpuMilli: Math.min(milli, GPU_MILLI), models };
  }
  let whole = 0;
  for (const c of pod.spec.containers) {
    const q = c.resources?.limits?.[GPU_COUNT_RESOURCE] ?? c.resources?.requests?.[GPU_COUNT_RESOURCE];
    if (q !== undefined) whole += Number.parseInt(String(q), 10) || 0;
  }
  if (whole <= 0) return null;
  return { numGpu: Math.min(whole, MAX_GPUS_PER_NODE), gpuMilli: GPU_MILLI, models: NO_MODELS };
}

/** The GPU indexes in a bound pod's `gpu.kubesim.io/gpu-index` annotation, or null when absent or malformed. */
export function gpuIndexOf(pod: Pod): number[] | null {
  const text = pod.metadata.annotations?.[POD_GPU_INDEX_ANNOTATION];
  if (text === undefined || text === '') return null;
  const out: number[] = [];
  for (const part of text.split(',')) {
    const g = Number(part);
    if (!Number.isInteger(g) || g < 0 || g >= MAX_GPUS_PER_NODE) return null;
    out.push(g);
  }
  return out;
}

/** The annotation value for chosen GPU indexes ("0,1"). */
export function formatGpuIndex(indexes: readonly number[]): string {
  return indexes.join(',');
}

/** A pod's shape as the GPU policies see it: CPU request (milli-cores) and GPU ask. */
export function gpuShapeOf(cpuMilli: number, ask: GpuAsk | null): GpuPodShape {
  return ask === null ? { cpuMilli, gpuMilli: 0, numGpu: 0, models: NO_MODELS } : { cpuMilli, gpuMilli: ask.gpuMilli, numGpu: ask.numGpu, models: ask.models };
}

/** True when a node of `model` may run a pod restricted to `models` (empty: any model). */
export function modelAllowed(models: readonly string[], model: string): boolean {
  return models.length === 0 || models.includes(model);
}
