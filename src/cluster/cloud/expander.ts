import { canonicalQuantity } from '../../api/quantity.js';
import { RESOURCE_CPU, RESOURCE_MEMORY } from '../../api/resources.js';
import type { Pod } from '../../api/types.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import type { NodeGroup } from './NodeGroup.js';

/** expander.Option: growing `group` by `nodeCount` nodes would schedule `pods`. */
export interface ExpansionOption {
  readonly group: NodeGroup;
  readonly nodeCount: number;
  readonly pods: readonly Pod[];
}

/** The expanders kubesim implements (`--expander`). */
export type ExpanderName = 'random' | 'most-pods' | 'least-waste';

/** The expander names, for validation. */
export const EXPANDER_NAMES: readonly ExpanderName[] = ['random', 'most-pods', 'least-waste'];

/** `--expander` default since PR #7631 (kubernetes-behaviour.md §5). */
export const DEFAULT_EXPANDER: readonly ExpanderName[] = ['least-waste'];

/**
 * The chosen option: each named filter keeps its best options in turn (a
 * comma-separated `--expander` list is a chain), and the random strategy,
 * every chain's fallback, picks one of what is left. Undefined when there is
 * no option.
 */
export function bestOption(options: readonly ExpansionOption[], chain: readonly ExpanderName[], random: RandomStream): ExpansionOption | undefined {
  let left: readonly ExpansionOption[] = options;
  for (const name of chain) {
    if (left.length <= 1) break;
    if (name === 'most-pods') left = mostPods(left);
    else if (name === 'least-waste') left = leastWaste(left);
  }
  if (left.length === 0) return undefined;
  if (left.length === 1) return left[0];
  // random.BestOption: rand.Intn(len(options)).
  return left[random.int(left.length)];
}

/** expander/mostpods: the options that schedule the most pods. */
export function mostPods(options: readonly ExpansionOption[]): ExpansionOption[] {
  let max = -1;
  let best: ExpansionOption[] = [];
  for (const o of options) {
    if (o.pods.length > max) {
      max = o.pods.length;
      best = [o];
    } else if (o.pods.length === max) best.push(o);
  }
  return best;
}

/**
 * expander/waste: the options wasting the least fraction of cpu plus memory,
 * waste = (capacity×nodeCount − Σ container requests) / (capacity×nodeCount)
 * for each of cpu and memory, capacity from the template node.
 */
export function leastWaste(options: readonly ExpansionOption[]): ExpansionOption[] {
  let leastWastedScore = 0;
  let best: ExpansionOption[] | null = null;
  for (const o of options) {
    const score = wastedScore(o);
    if (best !== null && score === leastWastedScore) best.push(o);
    if (best === null || score < leastWastedScore) {
      leastWastedScore = score;
      best = [o];
    }
  }
  return best ?? [];
}

/** wastedCPU + wastedMemory of an option, as expander/waste computes it. */
export function wastedScore(option: ExpansionOption): number {
  let cpu = 0;
  let memory = 0;
  for (const pod of option.pods) {
    for (const c of pod.spec.containers) {
      const requests = c.resources?.requests;
      const rc = requests?.[RESOURCE_CPU];
      const rm = requests?.[RESOURCE_MEMORY];
      if (rc !== undefined) cpu += canonicalQuantity(RESOURCE_CPU, rc);
      if (rm !== undefined) memory += canonicalQuantity(RESOURCE_MEMORY, rm);
    }
  }
  const capacity = option.group.template.capacity;
  const availCPU = canonicalQuantity(RESOURCE_CPU, capacity[RESOURCE_CPU] ?? 0) * option.nodeCount;
  const availMemory = canonicalQuantity(RESOURCE_MEMORY, capacity[RESOURCE_MEMORY] ?? 0) * option.nodeCount;
  return (availCPU - cpu) / availCPU + (availMemory - memory) / availMemory;
}
