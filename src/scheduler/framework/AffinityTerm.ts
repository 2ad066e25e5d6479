import { labelSelectorAsSelector, type Selector } from '../../api/labels.js';
import type { PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types.js';

/**
 * A pod (anti-)affinity term made ready for matching, as framework.AffinityTerm.
 * `matchLabelKeys` / `mismatchLabelKeys` are merged into the selector here, as
 * the API server does when the pod is created.
 */
export class AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly namespaceSelector: Selector;
  readonly topologyKey: string;

  constructor(ownerNamespace: string, ownerLabels: Readonly<Record<string, string>>, term: PodAffinityTerm) {
    // No namespaces and no namespaceSelector: the owner's namespace only.
    this.namespaces =
      (term.namespaces === undefined || term.namespaces.length === 0) && (term.namespaceSelector === undefined || term.namespaceSelector === null)
        ? new Set([ownerNamespace])
        : new Set(term.namespaces ?? []);
    const expressions = [...(term.labelSelector?.matchExpressions ?? [])];
    for (const key of term.matchLabelKeys ?? []) {
      const v = ownerLabels[key];
      if (v !== undefined) expressions.push({ key, operator: 'In', values: [v] });
    }
    for (const key of term.mismatchLabelKeys ?? []) {
      const v = ownerLabels[key];
      if (v !== undefined) expressions.push({ key, operator: 'NotIn', values: [v] });
    }
    // The API server merges the keys only into a selector that exists; a null one keeps matching nothing.
    const merged =
      term.labelSelector === undefined || term.labelSelector === null ? term.labelSelector : { ...term.labelSelector, matchExpressions: expressions };
    this.selector = labelSelectorAsSelector(merged);
    this.namespaceSelector = labelSelectorAsSelector(term.namespaceSelector);
    this.topologyKey = term.topologyKey;
  }

  /** True when a pod in `namespace` (whose namespace has `namespaceLabels`) with `labels` matches the term. */
  matches(namespace: string, labels: Readonly<Record<string, string>> | undefined, namespaceLabels: Readonly<Record<string, string>> | undefined): boolean {
    if (this.namespaces.has(namespace) || this.namespaceSelector.matches(namespaceLabels ?? {})) {
      return this.selector.matches(labels ?? {});
    }
    return false;
  }
}

/** A preferred term with its weight. */
export interface WeightedAffinityTerm {
  term: AffinityTerm;
  weight: number;
}

/** Parses weighted terms, as upstream's getWeightedAffinityTerms. */
export function weightedTerms(
  ownerNamespace: string,
  ownerLabels: Readonly<Record<string, string>>,
  terms: readonly WeightedPodAffinityTerm[] | undefined,
): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ term: new AffinityTerm(ownerNamespace, ownerLabels, t.podAffinityTerm), weight: t.weight }));
}
