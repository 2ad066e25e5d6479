import type { NodeInfo } from '../framework/NodeInfo.js';
import type { CycleContext } from './CycleContext.js';

/**
 * selectHost: the index of the node with the highest total. Ties break by the
 * profile's rule: at random (reservoir sampling, each of the tied nodes equally
 * likely, draws from the scheduler's seeded stream), by node name, or by a
 * fixed node priority order.
 */
export function selectHost(ctx: CycleContext, nodes: readonly NodeInfo[], totals: Float64Array): number {
  const m = totals.length;
  if (m === 0) return -1;
  let best = 0;
  let max = totals[0]!;
  const tieBreak = ctx.framework.profile.tieBreak;
  if (tieBreak.kind === 'random') {
    // Uniform among the nodes tied at the top, as upstream's reservoir sampling,
    // with one draw: count the ties, then take the r-th of them.
    let tied = 1;
    for (let i = 1; i < m; i++) {
      const t = totals[i]!;
      if (t > max) {
        max = t;
        best = i;
        tied = 1;
      } else if (t === max) tied++;
    }
    if (tied === 1) return best;
    let r = ctx.random.int(tied);
    for (let i = best; i < m; i++) {
      if (totals[i] === max && r-- === 0) return i;
    }
    return best;
  }
  for (let i = 1; i < m; i++) {
    const t = totals[i]!;
    if (t > max) {
      max = t;
      best = i;
    } else if (t === max && before(tieBreak, nodes[i]!, nodes[best]!)) {
      best = i;
    }
  }
  return best;
}

function before(tieBreak: Exclude<CycleContext['framework']['profile']['tieBreak'], { kind: 'random' }>, a: NodeInfo, b: NodeInfo): boolean {
  return tieBreak.kind === 'nodeName' ? a.name < b.name : tieBreak.rank(a) < tieBreak.rank(b);
}
