/**
 * The FGD paper's arrival order and Monte-Carlo workload inflation
 * (reference gpu-sharing-policies.md §1; the simulator's
 * `TunePodsByNodeTotalResource`): sort the trace by name, shuffle it, then
 * trim random pods while the GPU request exceeds `tune` × capacity, or append
 * clones sampled with replacement until the next one would pass it.
 */
import { InputError } from '../../api/InputError.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import { gpuRequestMilli, type OpenbPod } from './types.js';

/** The random stream of a run that orders and inflates a trace: one stream for the shuffle, the trims and the clones, in that order. */
export const TRACE_STREAM = 'trace/openb';
/** The paper's inflation target: 1.3 × the cluster's GPU capacity. */
export const DEFAULT_TUNE = 1.3;

/** What {@link inflate} did. */
export interface Inflation {
  /** The pods in arrival order. */
  readonly pods: OpenbPod[];
  /** Σ num_gpu × gpu_milli of `pods`. */
  readonly gpuRequestMilli: number;
  /** Pods removed (the trim branch). */
  readonly removed: number;
  /** Clones appended (the clone branch). */
  readonly cloned: number;
}

function byName(a: OpenbPod, b: OpenbPod): number {
  // Go compares strings bytewise; trace names are ASCII, where UTF-16 order is the same.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A clone's name: the simulator's `<name>-tuned-<i>`, i counting clones from 0 (unique, as trace names are). */
export function cloneName(name: string, i: number): string {
  return `${name}-tuned-${i}`;
}

/**
 * The paper's arrival order for one run.
 *
 * - Sort by name, shuffle (Fisher–Yates from `random`).
 * - `tune` ≤ 0: done. Σ request > tune × capacity: remove a uniformly random
 *   pod while it still is. Σ request < tune × capacity: loop — draw a pod
 *   uniformly (with replacement) from the trace sorted by name; stop if Σ +
 *   its **per-GPU** milli would pass the target (the simulator's quirk: a
 *   k-GPU clone adds k × milli but is tested with milli, so the total may end
 *   above the target, and a CPU-only draw never stops the loop); else append
 *   a clone and add its whole request.
 *
 * Deterministic for a given stream state; the trace is not changed.
 * @param trace the pod list in file order
 * @param capacityMilli the cluster's GPU capacity, milli-GPU
 * @param tune the inflation ratio (the paper's 1.3)
 */
export function inflate(trace: readonly OpenbPod[], capacityMilli: number, tune: number, random: RandomStream): Inflation {
  const sorted = [...trace].sort(byName);
  const pods = random.shuffle([...sorted]);
  let total = 0;
  for (const p of pods) total += gpuRequestMilli(p);
  const target = tune * capacityMilli;
  let removed = 0;
  let cloned = 0;
  if (tune <= 0 || pods.length === 0 || total === target) return { pods, gpuRequestMilli: total, removed, cloned };
  if (total > target) {
    while (total > target && pods.length > 0) {
      const [gone] = pods.splice(random.int(pods.length), 1);
      total -= gpuRequestMilli(gone!);
      removed++;
    }
    return { pods, gpuRequestMilli: total, removed, cloned };
  }
  // A trace of CPU-only pods would never stop: the simulator panics on it; so does this, politely.
  if (sorted.every((p) => p.gpuMilli === 0)) throw new InputError('the pod list has no GPU pod: it cannot be inflated to a share of the GPU capacity (set tune to 0)');
  for (;;) {
    const c = sorted[random.int(sorted.length)]!;
    if (total + c.gpuMilli > target) break;
    total += gpuRequestMilli(c);
    pods.push({ ...c, name: cloneName(c.name, cloned) });
    cloned++;
  }
  return { pods, gpuRequestMilli: total, removed, cloned };
}
