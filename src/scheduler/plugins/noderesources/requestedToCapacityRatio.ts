/**
 * The RequestedToCapacityRatio scoring strategy of NodeResourcesFit
 * (requested_to_capacity_ratio.go): each resource's utilisation, with the
 * pod, mapped through a user-given broken linear function, then the weighted
 * mean of the positive scores, rounded.
 */
import { divNonNegative, type ResourceScorer } from './resourceAllocation.js';
import type { ResourceSpec } from './ResourceSpec.js';

const MAX_UTILIZATION = 100;
/** MaxNodeScore / MaxCustomPriorityScore: the shape's 0..10 scores scale to 0..100. */
const SHAPE_SCORE_SCALE = 100 / 10;

/** A point of the args' shape (config.UtilizationShapePoint): utilisation 0..100 → score 0..10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** A point of helper.FunctionShape, on the scheduler's 0..100 score scale. */
export interface FunctionShapePoint {
  utilization: number;
  score: number;
}

/**
 * helper.BuildBrokenLinearFunction: the piecewise linear function through the
 * points (utilisations increasing), constant before the first and after the
 * last, with Go's truncating int64 division between points.
 */
export function buildBrokenLinearFunction(shape: readonly FunctionShapePoint[]): (p: number) => number {
  const n = shape.length;
  const us = Float64Array.from(shape, (s) => s.utilization);
  const ss = Float64Array.from(shape, (s) => s.score);
  return (p: number): number => {
    for (let i = 0; i < n; i++) {
      if (p <= us[i]!) {
        if (i === 0) return ss[0]!;
        const u0 = us[i - 1]!;
        const s0 = ss[i - 1]!;
        return s0 + Math.trunc(((ss[i]! - s0) * (p - u0)) / (us[i]! - u0));
      }
    }
    return ss[n - 1]!;
  };
}

/**
 * requestedToCapacityRatioScorer: per counted resource, utilisation =
 * requested × 100 / capacity (100 when over capacity), scored by the shape
 * (scores × 10); only positive scores count, in the numerator and Σw alike;
 * the result is round(Σ s_i w_i / Σ w_i), 0 when nothing counts.
 */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): ResourceScorer {
  const weights = Float64Array.from(resources, (r) => r.weight);
  const raw = buildBrokenLinearFunction(shape.map((p) => ({ utilization: p.utilization, score: p.score * SHAPE_SCORE_SCALE })));
  const resourceScore = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity ? raw(MAX_UTILIZATION) : raw(divNonNegative(requested * MAX_UTILIZATION, capacity));
  return {
    score(requested, allocatable) {
      let nodeScore = 0;
      let weightSum = 0;
      for (let i = 0; i < requested.length; i++) {
        const a = allocatable[i]!;
        if (a === 0) continue;
        const w = weights[i]!;
        const s = resourceScore(requested[i]!, a);
        if (s > 0) {
          nodeScore += s * w;
          weightSum += w;
        }
      }
      // Go's math.Round rounds half away from zero; the quotient is positive here.
      return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
    },
  };
}
