/**
 * GPU selection on one node: which GPUs a pod takes. Every function reads a
 * node's per-GPU left milli as `left[offset + g]` for g < count (a NodeTable
 * row of the `gpuLeft` column, or a plain array with offset 0).
 *
 * Rules (Open-Gpu-Share as the FGD paper's simulator runs it): a sharing pod
 * (one GPU, milli < 1000) goes to the best-fit GPU — the smallest left ≥ milli,
 * lowest index on ties — or to one the policy picks; a pod of k whole GPUs
 * always takes the lowest-index fully free GPUs.
 */
import type { RandomStream } from '../engine/RandomStreams.js';
import { GPU_MILLI } from './types.js';

/** True when the ask (`k` GPUs of `milli`) is a GPU-sharing one: one GPU, below a whole one. */
export function isSharing(k: number, milli: number): boolean {
  return k === 1 && milli < GPU_MILLI;
}

/** How many GPUs have at least `milli` left. */
export function gpusWithAtLeast(left: ArrayLike<number>, offset: number, count: number, milli: number): number {
  let n = 0;
  for (let g = 0; g < count; g++) if (left[offset + g]! >= milli) n++;
  return n;
}

/** True when `k` GPUs of the node each have `milli` left (k = 0: always). */
export function gpuFits(left: ArrayLike<number>, offset: number, count: number, k: number, milli: number): boolean {
  if (k === 0) return true;
  let n = 0;
  for (let g = 0; g < count; g++) if (left[offset + g]! >= milli && ++n >= k) return true;
  return false;
}

/** The best-fit GPU: the smallest left ≥ milli, lowest index on ties; -1 when none fits. */
export function bestFitGpu(left: ArrayLike<number>, offset: number, count: number, milli: number): number {
  let best = -1;
  let bestLeft = Infinity;
  for (let g = 0; g < count; g++) {
    const l = left[offset + g]!;
    if (l >= milli && l < bestLeft) {
      best = g;
      bestLeft = l;
    }
  }
  return best;
}

/**
 * A GPU chosen uniformly among those with left ≥ milli, by reservoir sampling
 * in index order (the simulator's allocateGpuIdBasedOnRandomFit: the c-th
 * fitting GPU replaces the choice when int(c) draws 0); -1 when none fits.
 */
export function randomGpu(left: ArrayLike<number>, offset: number, count: number, milli: number, random: RandomStream): number {
  let chosen = -1;
  let seen = 0;
  for (let g = 0; g < count; g++) {
    if (left[offset + g]! >= milli) {
      seen++;
      if (random.int(seen) === 0) chosen = g;
    }
  }
  return chosen;
}

/** The `k` lowest-index GPUs with left ≥ milli (fully free ones for whole GPUs), or null when fewer fit. */
export function lowestIndexGpus(left: ArrayLike<number>, offset: number, count: number, k: number, milli: number): number[] | null {
  const out: number[] = [];
  for (let g = 0; g < count && out.length < k; g++) if (left[offset + g]! >= milli) out.push(g);
  return out.length === k ? out : null;
}

/**
 * The default choice for an ask: best-fit for a sharing pod, the lowest-index
 * fitting GPUs otherwise; null when the node cannot hold it, [] for k = 0.
 */
export function defaultGpuPick(left: ArrayLike<number>, offset: number, count: number, k: number, milli: number): number[] | null {
  if (k === 0) return [];
  if (isSharing(k, milli)) {
    const g = bestFitGpu(left, offset, count, milli);
    return g < 0 ? null : [g];
  }
  return lowestIndexGpus(left, offset, count, k, milli);
}
