import type { CycleState } from '../framework/CycleState.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code } from '../framework/Status.js';
import { anyRejected, scratch } from './filterScratch.js';

/**
 * Runs the filters in turn over the first `live` rows of `scratch.liveRows`
 * (`scratch.livePos` holds each row's place): each plugin sees only the rows
 * every earlier plugin passed, so, as in upstream's RunFilterPlugins, a row's
 * first rejection is its verdict. A rejected row's code and the index of the
 * filter that rejected it go to `scratch.codes` and `scratch.failedBy` at its
 * place; a row that passes leaves them untouched. One call per plugin with a
 * whole-table fast path, one Filter per row otherwise. Returns true when any
 * row was rejected.
 */
export function runFilterCascade(filters: readonly FilterPlugin[], state: CycleState, pod: PodInfo, infos: readonly (NodeInfo | undefined)[], live: number): boolean {
  const { liveRows, livePos, sub, codes, failedBy } = scratch;
  let rejected = false;
  for (let p = 0; p < filters.length && live > 0; p++) {
    const plugin = filters[p]!;
    if (plugin.filterNodes !== undefined) {
      sub.fill(0, 0, (live + 3) & ~3);
      plugin.filterNodes(state, pod, liveRows, live, sub);
      if (!anyRejected(scratch.sub32, live)) continue;
    } else {
      for (let q = 0; q < live; q++) {
        const s = plugin.filter(state, pod, infos[liveRows[q]!]!);
        sub[q] = s === null ? 0 : s.code;
      }
    }
    let kept = 0;
    for (let q = 0; q < live; q++) {
      const c = sub[q]!;
      const j = livePos[q]!;
      if (c !== 0 && c !== Code.Skip) {
        codes[j] = c;
        failedBy[j] = p;
        rejected = true;
      } else {
        liveRows[kept] = liveRows[q]!;
        livePos[kept++] = j;
      }
    }
    live = kept;
  }
  return rejected;
}
