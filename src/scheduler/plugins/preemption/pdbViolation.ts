/**
 * Which potential victims a preemption would take below their
 * PodDisruptionBudget (default_preemption.go filterPodsWithPDBViolation).
 */
import { labelSelectorAsSelector, type Selector } from '../../../api/labels.js';
import type { PodDisruptionBudget } from '../../../api/types.js';
import type { PodInfo } from '../../framework/PodInfo.js';

const selectors = new WeakMap<PodDisruptionBudget, Selector | null>();

/** The PDB's compiled selector, or null when it is invalid (an invalid selector matches no pod). */
function selectorOf(pdb: PodDisruptionBudget): Selector | null {
  let s = selectors.get(pdb);
  if (s === undefined) {
    try {
      s = labelSelectorAsSelector(pdb.spec.selector);
    } catch {
      s = null;
    }
    selectors.set(pdb, s);
  }
  return s;
}

/**
 * Splits `pods` into those whose eviction would violate a PDB and the rest,
 * keeping their order. Each matching PDB (same namespace, a non-empty selector
 * that matches the pod's labels, the pod not already in `disruptedPods`) has
 * its `disruptionsAllowed` decremented; a pod that drives any of them below
 * zero is violating. Pods without labels match no PDB.
 */
export function filterPodsWithPDBViolation(
  pods: readonly PodInfo[],
  pdbs: readonly PodDisruptionBudget[],
): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length !== 0) {
      for (let i = 0; i < pdbs.length; i++) {
        const pdb = pdbs[i]!;
        if ((pdb.metadata.namespace ?? '') !== p.namespace) continue;
        const selector = selectorOf(pdb);
        // A PDB with a nil or empty selector matches nothing.
        if (selector === null || selector.empty() || !selector.matches(p.labels)) continue;
        // Already processed by the API server's eviction: not counted again.
        const disrupted = pdb.status?.disruptedPods;
        if (disrupted !== undefined && Object.hasOwn(disrupted, p.name)) continue;
        allowed[i] = allowed[i]! - 1;
        if (allowed[i]! < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}
