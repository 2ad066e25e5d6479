/**
 * PodTopologySpread's queueing hints (pkg/scheduler/framework/plugins/
 * podtopologyspread/plugin.go, v1.34.1, with the topology-key-only node
 * hint of #127478): which Pod and Node events may make a pod it rejected
 * schedulable. A constraint error queues the pod, as upstream's erroring hint does.
 */
import type { Pod } from '../../../api/types.js';
import type { QueueingHint } from '../../framework/events.js';
import { asNodes, asPods } from '../helper/hintObjects.js';
import { labelValue, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common.js';

/** Semantic equality of label maps (a missing map equals an empty one). */
function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) if (!Object.hasOwn(y, k) || x[k] !== y[k]) return false;
  return true;
}

/** Semantic equality of toleration (or taint) lists, field by field (a missing list equals an empty one). */
function sameList<T extends object>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i] as Record<string, unknown>;
    const q = y[i] as Record<string, unknown>;
    const keys = new Set([...Object.keys(p), ...Object.keys(q)]);
    for (const k of keys) if ((p[k] ?? '') !== (q[k] ?? '')) return false;
  }
  return true;
}

/**
 * isSchedulableAfterPodChange: only assigned pods in the pod's namespace (or
 * the pod itself) matter; a toleration change of the pod itself when a
 * constraint honours taints; a label change that flips a selector match; an
 * added or deleted pod that matches a selector.
 */
export function schedulableAfterPodChange(hardConstraintsOf: (pod: Pod) => SpreadConstraint[], pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const { ok, oldObj: original, newObj: modified } = asPods(oldObj, newObj);
  if (!ok) return 'Queue';
  const involved = (incoming: Pod): boolean =>
    (incoming.metadata.uid ?? '') === (pod.metadata.uid ?? '') ||
    ((incoming.spec.nodeName ?? '') !== '' && (incoming.metadata.namespace ?? '') === (pod.metadata.namespace ?? ''));
  if ((modified !== undefined && !involved(modified)) || (original !== undefined && !involved(original))) return 'QueueSkip';
  let constraints: SpreadConstraint[];
  try {
    constraints = hardConstraintsOf(pod);
  } catch {
    return 'Queue';
  }
  const anyMatch = (labels: Readonly<Record<string, string>> | undefined): boolean => constraints.some((c) => c.selector.matches(labels ?? {}));
  if (modified !== undefined && original !== undefined) {
    if (
      (pod.metadata.uid ?? '') === (modified.metadata.uid ?? '') &&
      !sameList(modified.spec.tolerations, original.spec.tolerations) &&
      constraints.some((c) => c.nodeTaintsPolicy === 'Honor')
    ) {
      return 'Queue';
    }
    if (sameLabels(modified.metadata.labels, original.metadata.labels)) return 'QueueSkip';
    for (const c of constraints) {
      if (c.selector.matches(original.metadata.labels ?? {}) !== c.selector.matches(modified.metadata.labels ?? {})) return 'Queue';
    }
    return 'QueueSkip';
  }
  if (modified !== undefined) return anyMatch(modified.metadata.labels) ? 'Queue' : 'QueueSkip';
  if (original !== undefined) return anyMatch(original.metadata.labels) ? 'Queue' : 'QueueSkip';
  return 'QueueSkip';
}

/**
 * isSchedulableAfterNodeChange: a node that starts or stops carrying every
 * topology key, or keeps them but changes a key's value or its taints; an
 * added or deleted node that carries every key.
 */
export function schedulableAfterNodeChange(hardConstraintsOf: (pod: Pod) => SpreadConstraint[], pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const { ok, oldObj: original, newObj: modified } = asNodes(oldObj, newObj);
  if (!ok) return 'Queue';
  let constraints: SpreadConstraint[];
  try {
    constraints = hardConstraintsOf(pod);
  } catch {
    return 'Queue';
  }
  const originalMatching = original !== undefined && nodeLabelsMatchSpreadConstraints(original.metadata.labels ?? {}, constraints);
  const modifiedMatching = modified !== undefined && nodeLabelsMatchSpreadConstraints(modified.metadata.labels ?? {}, constraints);
  if (original !== undefined && modified !== undefined) {
    if (originalMatching !== modifiedMatching) return 'Queue';
    if (modifiedMatching) {
      const ol = original.metadata.labels ?? {};
      const ml = modified.metadata.labels ?? {};
      const keyChanged = constraints.some((c) => (labelValue(ol, c.topologyKey) ?? '') !== (labelValue(ml, c.topologyKey) ?? ''));
      if (keyChanged || !sameList(original.spec?.taints, modified.spec?.taints)) return 'Queue';
    }
    return 'QueueSkip';
  }
  if (modified !== undefined) return modifiedMatching ? 'Queue' : 'QueueSkip';
  return originalMatching ? 'Queue' : 'QueueSkip';
}
