/**
 * helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/
 * normalize_score.go, v1.34.1), shared by TaintToleration and NodeAffinity.
 */
import type { NodeScoreList } from '../../framework/interfaces.js';

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/**
 * Rescales integer scores to [0, maxPriority] in place: `maxPriority * s / max`
 * with Go's truncating int64 division, then `maxPriority - s` when `reverse`.
 * When every score is 0 (max 0) the scores stay 0, or all become maxPriority
 * when `reverse`.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, list: NodeScoreList): void {
  const scores = list.scores;
  const n = list.length;
  let maxCount = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s > maxCount) maxCount = s;
  }
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    // Scores are small integers, so maxPriority * s is exact and trunc is Go's int64 division.
    const s = Math.trunc((maxPriority * scores[i]!) / maxCount);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
