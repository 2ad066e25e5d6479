/**
 * The MostAllocated scoring strategy of NodeResourcesFit (most_allocated.go):
 * favours nodes with more requested capacity (bin packing), weighted over the
 * resources.
 */
import { divNonNegative, weightedResourceScore, type ResourceScorer } from './resourceAllocation.js';
import type { ResourceSpec } from './ResourceSpec.js';

const MAX_NODE_SCORE = 100;

/** mostRequestedScore: min(requested, capacity) × 100 / capacity, 0 without capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  // requested may exceed capacity because pods without requests count the non-zero defaults.
  const r = requested > capacity ? capacity : requested;
  return divNonNegative(r * MAX_NODE_SCORE, capacity);
}

/** mostResourceScorer: Σ score_i × w_i / Σ w_i over the counted resources (integer division), 0 when none counts. */
export function mostResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  const weights = Float64Array.from(resources, (r) => r.weight);
  return {
    score(requested, allocatable) {
      return weightedResourceScore(requested, allocatable, weights, mostRequestedScore);
    },
    // The two-resource table path, the same sum inlined.
    scoreRows2(i0, alloc0, req0, q0, i1, alloc1, req1, q1, rows, count, out) {
      const w0 = weights[i0]!;
      const w1 = weights[i1]!;
      for (let k = 0; k < count; k++) {
        const row = rows[k]!;
        let nodeScore = 0;
        let weightSum = 0;
        const a0 = alloc0[row]!;
        if (a0 !== 0) {
          const r = req0[row]! + q0;
          const x = (r > a0 ? a0 : r) * MAX_NODE_SCORE;
          nodeScore += Math.trunc(x / a0) * w0;
          weightSum += w0;
        }
        const a1 = alloc1[row]!;
        if (a1 !== 0) {
          const r = req1[row]! + q1;
          const x = (r > a1 ? a1 : r) * MAX_NODE_SCORE;
          nodeScore += Math.trunc(x / a1) * w1;
          weightSum += w1;
        }
        out[k] = weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
      }
    },
  };
}
