/**
 * GPU fragmentation as the FGD paper defines it (pkg/utils/frag.go of
 * hkust-adsl/kubernetes-scheduler-simulator; see
 * ../../../shared/reference/gpu-sharing-policies.md §2): the "target
 * workload" (typical pods) and a node's fragmentation F(n) in milli-GPU.
 */
import type { GpuPodShape } from './types.js';

/** A typical pod shape with its share p_m of the target workload. */
export interface TargetShape extends GpuPodShape {
  /** p_m: the shape's probability (the selected shapes' weights sum to 1). */
  readonly weight: number;
}

/** The key a pod shape is grouped by: (cpu, milli, k, models). */
export function shapeKey(s: GpuPodShape): string {
  return `${s.cpuMilli}/${s.gpuMilli}/${s.numGpu}/${s.models.join('|')}`;
}

/**
 * The target workload: pods grouped by (cpu, milli, k, models), groups sorted
 * by count descending, taken until the cumulative count reaches `coverage` of
 * all pods, weights renormalised over the taken groups. CPU-only pods count
 * (as shapes with numGpu 0); memory is ignored. Ties in count keep the order
 * in which each shape first appears in `pods` (a stable sort), so the result
 * depends only on the pod list.
 */
export function typicalPods(pods: readonly GpuPodShape[], coverage = 0.95): TargetShape[] {
  const groups = new Map<string, { shape: GpuPodShape; count: number }>();
  for (const p of pods) {
    const key = shapeKey(p);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { shape: p, count: 1 });
    else g.count++;
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
  const total = pods.length;
  const taken: { shape: GpuPodShape; count: number }[] = [];
  let cumulative = 0;
  for (const g of sorted) {
    if (total > 0 && cumulative >= coverage * total) break;
    taken.push(g);
    cumulative += g.count;
  }
  return taken.map(({ shape, count }) => ({
    cpuMilli: shape.cpuMilli,
    gpuMilli: shape.gpuMilli,
    numGpu: shape.numGpu,
    models: [...shape.models],
    weight: count / cumulative,
  }));
}

/**
 * f(n, m): the milli-GPU of node n that a task of shape m cannot use. Every
 * idle GPU is a fragment for a CPU-only task, for a task barred from the
 * node's model, and for a task the node cannot hold (too few GPUs with
 * `milli` left, or too little CPU); for a task that fits, only the GPUs with
 * less than `milli` left are.
 */
export function shapeFragmentation(cpuLeftMilli: number, model: string, left: ArrayLike<number>, count: number, m: GpuPodShape, offset = 0): number {
  let total = 0;
  let small = 0;
  let fitting = 0;
  for (let g = 0; g < count; g++) {
    const l = left[offset + g]!;
    total += l;
    if (l < m.gpuMilli) small += l;
    else fitting++;
  }
  if (m.numGpu === 0) return total;
  if (m.models.length > 0 && !m.models.includes(model)) return total;
  return fitting >= m.numGpu && cpuLeftMilli >= m.cpuMilli ? small : total;
}

/** F(n) = Σ_m p_m · f(n, m), in milli-GPU (0 for a node without GPUs). */
export function nodeFragmentation(
  cpuLeftMilli: number,
  model: string,
  left: ArrayLike<number>,
  count: number,
  target: readonly TargetShape[],
  offset = 0,
): number {
  if (count === 0) return 0;
  let f = 0;
  for (const m of target) f += m.weight * shapeFragmentation(cpuLeftMilli, model, left, count, m, offset);
  return f;
}

/**
 * A target workload compiled for speed: the shapes' numbers in typed arrays
 * and, per GPU model, which shapes may use it. {@link fragmentation} gives
 * exactly {@link nodeFragmentation}'s value (same terms, same order).
 */
export class CompiledTarget {
  readonly shapes: readonly TargetShape[];
  private readonly cpu: Float64Array;
  private readonly milli: Float64Array;
  private readonly k: Float64Array;
  private readonly weight: Float64Array;
  private readonly access = new Map<string, Uint8Array>();

  constructor(shapes: readonly TargetShape[]) {
    this.shapes = shapes;
    this.cpu = Float64Array.from(shapes, (s) => s.cpuMilli);
    this.milli = Float64Array.from(shapes, (s) => s.gpuMilli);
    this.k = Float64Array.from(shapes, (s) => s.numGpu);
    this.weight = Float64Array.from(shapes, (s) => s.weight);
  }

  /** 1 per shape that may use GPUs of `model` (a GPU shape with no model restriction or one naming it). */
  accessFor(model: string): Uint8Array {
    let a = this.access.get(model);
    if (a === undefined) {
      a = Uint8Array.from(this.shapes, (s) => (s.numGpu > 0 && (s.models.length === 0 || s.models.includes(model)) ? 1 : 0));
      this.access.set(model, a);
    }
    return a;
  }

  /** F(n) for a node with `cpuLeftMilli`, GPUs `left[offset .. offset+count)` and the model's {@link accessFor} row. */
  fragmentation(cpuLeftMilli: number, access: Uint8Array, left: ArrayLike<number>, offset: number, count: number): number {
    if (count === 0) return 0;
    let total = 0;
    for (let g = 0; g < count; g++) total += left[offset + g]!;
    const n = this.weight.length;
    let f = 0;
    for (let i = 0; i < n; i++) {
      let frag = total;
      if (access[i] === 1 && cpuLeftMilli >= this.cpu[i]!) {
        const milli = this.milli[i]!;
        let small = 0;
        let fitting = 0;
        for (let g = 0; g < count; g++) {
          const l = left[offset + g]!;
          if (l < milli) small += l;
          else fitting++;
        }
        if (fitting >= this.k[i]!) frag = small;
      }
      f += this.weight[i]! * frag;
    }
    return f;
  }
}
