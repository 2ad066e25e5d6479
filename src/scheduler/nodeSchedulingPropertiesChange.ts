import type { Node } from '../api/types.js';
import { ActionType } from './framework/events.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The ActionType bits of a node update, as upstream's
 * nodeSchedulingPropertiesChange: which of the properties that scheduling
 * reads changed (allocatable, labels, taints or unschedulable, conditions,
 * annotations); UpdateOther when none of them did.
 */
export function nodeSchedulingPropertiesChange(oldNode: Node, node: Node): number {
  let a = 0;
  if (!same(oldNode.status?.allocatable ?? {}, node.status?.allocatable ?? {})) a |= ActionType.UpdateNodeAllocatable;
  if (!same(oldNode.metadata.labels ?? {}, node.metadata.labels ?? {})) a |= ActionType.UpdateNodeLabel;
  if (!same(oldNode.spec?.taints ?? [], node.spec?.taints ?? []) || (oldNode.spec?.unschedulable ?? false) !== (node.spec?.unschedulable ?? false)) {
    a |= ActionType.UpdateNodeTaint;
  }
  if (!same(oldNode.status?.conditions ?? [], node.status?.conditions ?? [])) a |= ActionType.UpdateNodeCondition;
  if (!same(oldNode.metadata.annotations ?? {}, node.metadata.annotations ?? {})) a |= ActionType.UpdateNodeAnnotation;
  return a === 0 ? ActionType.UpdateOther : a;
}
