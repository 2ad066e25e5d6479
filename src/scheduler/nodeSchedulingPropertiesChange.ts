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
 * nodeConditionsChanged: only each condition type's status counts (upstream
 * strips the conditions to a type → status map), so a kubelet heartbeat that
 * moves lastHeartbeatTime alone is no condition change.
 */
export function nodeConditionsChanged(oldNode: Node, node: Node): boolean {
  const before = oldNode.status?.conditions ?? [];
  const after = node.status?.conditions ?? [];
  if (before === after) return false;
  // A heartbeat writes the same types in the same order: compare in place before building maps.
  if (before.length === after.length) {
    let same = true;
    for (let i = 0; i < before.length && same; i++) same = before[i]!.type === after[i]!.type && before[i]!.status === after[i]!.status;
    if (same) return false;
  }
  const strip = (conditions: typeof before): Map<string, string> => {
    const m = new Map<string, string>();
    for (const c of conditions) m.set(c.type, c.status);
    return m;
  };
  const a = strip(before);
  const b = strip(after);
  if (a.size !== b.size) return true;
  for (const [type, status] of a) if (b.get(type) !== status) return true;
  return false;
}

/**
 * The ActionType bits of a node update, as upstream's
 * NodeSchedulingPropertiesChange: which of the properties that scheduling
 * reads changed — allocatable, labels, taints (or the node became
 * schedulable), condition statuses, annotations. 0 when none did: upstream
 * then has no event, and moves no pod.
 */
export function nodeSchedulingPropertiesChange(oldNode: Node, node: Node): number {
  let a = 0;
  if (!sameJson(oldNode.status?.allocatable ?? {}, node.status?.allocatable ?? {})) a |= ActionType.UpdateNodeAllocatable;
  if (!sameJson(oldNode.metadata.labels ?? {}, node.metadata.labels ?? {})) a |= ActionType.UpdateNodeLabel;
  // extractNodeSpecUnschedulableChange: only a node that becomes schedulable (uncordon) counts, as a taint change.
  const uncordoned = (oldNode.spec?.unschedulable ?? false) && !(node.spec?.unschedulable ?? false);
  if (uncordoned || !sameJson(oldNode.spec?.taints ?? [], node.spec?.taints ?? [])) a |= ActionType.UpdateNodeTaint;
  if (nodeConditionsChanged(oldNode, node)) a |= ActionType.UpdateNodeCondition;
  if (!sameJson(oldNode.metadata.annotations ?? {}, node.metadata.annotations ?? {})) a |= ActionType.UpdateNodeAnnotation;
  return a;
}
