import type { Node } from '../api/types.js';
import { ActionType } from './framework/events.js';

/**
 * True when `a` and `b` serialise to the same JSON (same keys in the same
 * order, same values), without serialising: a kubelet heartbeat shares every
 * sub-object but the conditions with the node it replaces, so identity
 * answers most of the walk. Keys whose value is undefined are skipped, as
 * JSON.stringify skips them.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // JSON writes an undefined array element as null.
      const x: unknown = a[i] === undefined ? null : a[i];
      const y: unknown = b[i] === undefined ? null : b[i];
      if (!sameJson(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  const kb = Object.keys(rb);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < ka.length && ra[ka[i]!] === undefined) i++;
    while (j < kb.length && rb[kb[j]!] === undefined) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    const k = ka[i]!;
    if (k !== kb[j] || !sameJson(ra[k], rb[k])) return false;
    i++;
    j++;
  }
}

/**
 * The ActionType bits of a node update, as upstream's
 * nodeSchedulingPropertiesChange: which of the properties that scheduling
 * reads changed (allocatable, labels, taints or unschedulable, conditions,
 * annotations); UpdateOther when none of them did.
 */
export function nodeSchedulingPropertiesChange(oldNode: Node, node: Node): number {
  let a = 0;
  if (!sameJson(oldNode.status?.allocatable ?? {}, node.status?.allocatable ?? {})) a |= ActionType.UpdateNodeAllocatable;
  if (!sameJson(oldNode.metadata.labels ?? {}, node.metadata.labels ?? {})) a |= ActionType.UpdateNodeLabel;
  if (!sameJson(oldNode.spec?.taints ?? [], node.spec?.taints ?? []) || (oldNode.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false)) {
    a |= ActionType.UpdateNodeTaint;
  }
  if (!sameJson(oldNode.status?.conditions ?? [], node.status?.conditions ?? [])) a |= ActionType.UpdateNodeCondition;
  if (!sameJson(oldNode.metadata.annotations ?? {}, node.metadata.annotations ?? {})) a |= ActionType.UpdateNodeAnnotation;
  return a === 0 ? ActionType.UpdateOther : a;
}
