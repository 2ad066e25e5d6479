/**
 * Taints and tolerations, ported from k8s.io/api/core/v1 (toleration.go,
 * taint.go) and k8s.io/component-helpers/scheduling/corev1 (helpers.go) as of
 * v1.34: operators Equal (or empty) and Exists only; the numeric Gt/Lt
 * operators added after 1.34 are not tolerated (they match nothing).
 */
import type { Taint, TaintEffect, Toleration } from './types.js';

/** The taint the node controller puts on a cordoned node (`spec.unschedulable`). */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** Node not ready. */
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
/** Node unreachable. */
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/**
 * Toleration.ToleratesTaint (v1.34): the effect is empty or equal, the key is
 * empty or equal, and the operator is Exists, or Equal/empty with an equal value.
 */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  const effect = toleration.effect ?? '';
  if (effect.length > 0 && effect !== taint.effect) return false;
  const key = toleration.key ?? '';
  if (key.length > 0 && key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | null | undefined, taint: Taint): boolean {
  if (tolerations === null || tolerations === undefined) return false;
  for (const t of tolerations) if (tolerates(t, taint)) return true;
  return false;
}

/** A taint predicate: which taints a check considers. */
export type TaintFilter = (taint: Taint) => boolean;

/**
 * FindMatchingUntoleratedTaint: the first taint passing `inclusionFilter`
 * (all taints when it is missing) that no toleration tolerates, or undefined
 * when every such taint is tolerated.
 */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | null | undefined,
  tolerations: readonly Toleration[] | null | undefined,
  inclusionFilter?: TaintFilter | null,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (inclusionFilter !== undefined && inclusionFilter !== null && !inclusionFilter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** TolerationsTolerateTaintsWithFilter: every filtered taint is tolerated. */
export function tolerationsTolerateTaintsWithFilter(
  tolerations: readonly Toleration[] | null | undefined,
  taints: readonly Taint[] | null | undefined,
  inclusionFilter?: TaintFilter | null,
): boolean {
  return findMatchingUntoleratedTaint(taints, tolerations, inclusionFilter) === undefined;
}

/** The filter TaintToleration's Filter uses: NoSchedule and NoExecute taints. */
export const doNotScheduleTaintsFilter: TaintFilter = (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** Taint.MatchTaint: same key and effect (taints are unique by key and effect). */
export function taintsMatch(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** Toleration.MatchToleration: same key, effect, operator and value. */
export function tolerationsMatch(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.effect ?? '') === (b.effect ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '')
  );
}

/** Taint.ToString: `key=value:effect`, `key:effect` without a value. */
export function taintToString(t: Taint): string {
  return (t.value ?? '') === '' ? `${t.key}:${t.effect}` : `${t.key}=${t.value ?? ''}:${t.effect}`;
}

/** The taint effects, in upstream's order (validation lists them so). */
export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
