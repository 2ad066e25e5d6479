import { RESOURCE_CPU, RESOURCE_MEMORY } from '../../api/resources.js';
import type { Pod } from '../../api/types.js';
import { cachedPodRequests, type SimulatedNode } from './SimulatedNode.js';

/** What the estimator found: the new nodes needed and the pods they would take. */
export interface Estimate {
  readonly nodeCount: number;
  readonly pods: Pod[];
}

/**
 * The binpacking node estimator, first-fit decreasing: pods sorted by
 * cpu/allocatable + memory/allocatable of the template, largest first (the
 * order the classic BinpackingNodeEstimator used), each put on the first new
 * node it fits, a new template node opened when none fits, at most
 * `maxNodes` of them. Pods left over once the limit is reached are not in
 * the estimate. `template` is the group's node with its DaemonSet pods.
 */
export function estimateNodes(pods: readonly Pod[], template: SimulatedNode, maxNodes: number): Estimate {
  const cpu = template.allocatable.get(RESOURCE_CPU) ?? 0;
  const memory = template.allocatable.get(RESOURCE_MEMORY) ?? 0;
  const score = (p: Pod): number => {
    const r = cachedPodRequests(p);
    return (cpu > 0 ? (r.get(RESOURCE_CPU) ?? 0) / cpu : 0) + (memory > 0 ? (r.get(RESOURCE_MEMORY) ?? 0) / memory : 0);
  };
  // A stable sort keeps the pods' order among equal scores.
  const sorted = pods.map((pod, i) => ({ pod, i, s: score(pod) })).sort((a, b) => b.s - a.s || a.i - b.i);
  const nodes: SimulatedNode[] = [];
  const placed: Pod[] = [];
  for (const { pod } of sorted) {
    let target = nodes.find((n) => n.fits(pod));
    if (target === undefined) {
      if (nodes.length >= maxNodes) continue;
      const fresh = template.clone();
      if (!fresh.fits(pod)) continue;
      nodes.push(fresh);
      target = fresh;
    }
    target.addPod(pod);
    placed.push(pod);
  }
  return { nodeCount: nodes.length, pods: placed };
}
