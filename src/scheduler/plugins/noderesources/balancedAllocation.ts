/**
 * NodeResourcesBalancedAllocation's scorer (balanced_allocation.go,
 * balancedResourceScorer, v1.34.1): 100 × (1 − the standard deviation of the
 * requested/allocatable fractions), in float64 and truncated, as Go computes it.
 */
import type { ResourceScorer } from './resourceAllocation.js';

const MAX_NODE_SCORE = 100;

/**
 * balancedResourceScorer: fractions min(requested/allocatable, 1) of the
 * counted resources; std = |f0 − f1| / 2 for two, the population standard
 * deviation for more, 0 otherwise; score = int64((1 − std) × 100).
 */
export function balancedResourceScorer(): ResourceScorer {
  let fractions = new Float64Array(4);
  return {
    score(requested, allocatable) {
      if (fractions.length < requested.length) fractions = new Float64Array(requested.length);
      let n = 0;
      let totalFraction = 0;
      for (let i = 0; i < requested.length; i++) {
        const a = allocatable[i]!;
        if (a === 0) continue;
        let fraction = requested[i]! / a;
        if (fraction > 1) fraction = 1;
        totalFraction += fraction;
        fractions[n++] = fraction;
      }
      let std = 0;
      if (n === 2) {
        std = Math.abs((fractions[0]! - fractions[1]!) / 2);
      } else if (n > 2) {
        const mean = totalFraction / n;
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const d = fractions[j]! - mean;
          sum = sum + d * d;
        }
        std = Math.sqrt(sum / n);
      }
      return Math.trunc((1 - std) * MAX_NODE_SCORE);
    },
    scoreRows2(_i0, alloc0, req0, q0, _i1, alloc1, req1, q1, rows, count, out) {
      for (let k = 0; k < count; k++) {
        const row = rows[k]!;
        const a0 = alloc0[row]!;
        const a1 = alloc1[row]!;
        if (a0 === 0 || a1 === 0) {
          // One fraction or none: std is 0.
          out[k] = MAX_NODE_SCORE;
          continue;
        }
        let f0 = (req0[row]! + q0) / a0;
        if (f0 > 1) f0 = 1;
        let f1 = (req1[row]! + q1) / a1;
        if (f1 > 1) f1 = 1;
        out[k] = Math.trunc((1 - Math.abs((f0 - f1) / 2)) * MAX_NODE_SCORE);
      }
    },
  };
}
