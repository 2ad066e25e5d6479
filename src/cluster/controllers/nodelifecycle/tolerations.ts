import { tolerates } from '../../../api/taints.js';
import type { Taint, Toleration } from '../../../api/types.js';
import { seconds, type Micros } from '../../../engine/time.js';

/**
 * v1helper.GetMatchingTolerations: whether every taint is tolerated, and for
 * each taint the first toleration that tolerates it.
 */
export function getMatchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  if (tolerations === undefined || tolerations.length === 0) return [false, []];
  const result: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => tolerates(t, taint));
    if (match === undefined) return [false, []];
    result.push(match);
  }
  return [true, result];
}

/**
 * getMinTolerationTime (tainteviction/taint_eviction.go): the smallest
 * tolerationSeconds among `tolerations`, 0 when there are none or one is
 * ≤ 0, and -1 (forever) when none sets tolerationSeconds.
 */
export function getMinTolerationTime(tolerations: readonly Toleration[]): Micros {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min === Infinity ? -1 : seconds(min);
}

/** getNoExecuteTaints: the node's NoExecute taints. */
export function getNoExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}
