/**
 * The LeastAllocated scoring strategy of NodeResourcesFit (least_allocated.go):
 * favours nodes with more unrequested capacity, weighted over the resources.
 */
import { divNonNegative, weightedResourceScore, type ResourceScorer } from './resourceAllocation.js';
import type { ResourceSpec } from './ResourceSpec.js';

const MAX_NODE_SCORE = 100;

/** leastRequestedScore: (capacity − requested) × 100 / capacity, 0 when over capacity or no capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return divNonNegative((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** leastResourceScorer: Σ score_i × w_i / Σ w_i over the counted resources (integer division), 0 when none counts. */
export function leastResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  const weights = Float64Array.from(resources, (r) => r.weight);
  return {
    score(requested, allocatable) {
      return weightedResourceScore(requested, allocatable, weights, leastRequestedScore);
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
          if (r <= a0) {
            const x = (a0 - r) * MAX_NODE_SCORE;
            nodeScore += Math.trunc(x / a0) * w0;
          }
          weightSum += w0;
        }
        const a1 = alloc1[row]!;
        if (a1 !== 0) {
          const r = req1[row]! + q1;
          if (r <= a1) {
            const x = (a1 - r) * MAX_NODE_SCORE;
            nodeScore += Math.trunc(x / a1) * w1;
          }
          weightSum += w1;
        }
        out[k] = weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
      }
    },
  };
}
