/**
 * Choosing the node to preempt on (preemption.go pickOneNodeForPreemption).
 */
import type { CandidateScoreFunc, Victims } from './Candidate.js';
import { earliestPodStartTime } from './podOrder.js';

const INT32_SPAN = 2n ** 31n;
const MIN_INT64 = -(2n ** 63n);

/**
 * The default criteria, applied in order until one node is left:
 * 1. the fewest PDB violations;
 * 2. the lowest highest-victim priority;
 * 3. the lowest Σ(priority + 2^31) over the victims;
 * 4. the fewest victims;
 * 5. the latest earliest start time among the highest-priority victims.
 */
export function defaultScoreFuncs(nodesToVictims: ReadonlyMap<string, Victims>): CandidateScoreFunc[] {
  const victimsOf = (node: string): Victims => nodesToVictims.get(node)!;
  return [
    (node) => -BigInt(victimsOf(node).numPDBViolations),
    (node) => -BigInt(victimsOf(node).pods[0]!.priority),
    (node) => {
      let sum = 0n;
      for (const p of victimsOf(node).pods) sum += BigInt(p.priority) + INT32_SPAN;
      return -sum;
    },
    (node) => -BigInt(victimsOf(node).pods.length),
    (node) => {
      const pods = victimsOf(node).pods;
      return pods.length === 0 ? MIN_INT64 : earliestPodStartTime(pods);
    },
  ];
}

/**
 * Picks one node among `nodesToVictims` (victims of each node ordered by
 * decreasing importance): each score function keeps the nodes with the
 * highest score, and the next one breaks their tie. When ties remain after
 * the last function, the first node is taken. Upstream's candidates come from
 * a Go map (random order), so its "first" is random; kubesim iterates the map
 * in insertion order — the candidate list order: non-violating candidates
 * first, each group in dry-run order from the random offset.
 * Returns '' for no candidates.
 */
export function pickOneNodeForPreemption(nodesToVictims: ReadonlyMap<string, Victims>, scoreFuncs: CandidateScoreFunc[] | null): string {
  if (nodesToVictims.size === 0) return '';
  let all = [...nodesToVictims.keys()];
  const funcs = scoreFuncs === null || scoreFuncs.length === 0 ? defaultScoreFuncs(nodesToVictims) : scoreFuncs;
  for (const f of funcs) {
    let selected: string[] = [];
    let maxScore = MIN_INT64;
    for (const node of all) {
      const score = f(node);
      if (score > maxScore) {
        maxScore = score;
        selected = [];
      }
      if (score === maxScore) selected.push(node);
    }
    if (selected.length === 1) return selected[0]!;
    all = selected;
  }
  return all[0]!;
}
