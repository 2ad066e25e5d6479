import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE } from '../../../api/taints.js';
import type { Node, Taint } from '../../../api/types.js';

/** v1.TaintNodeMemoryPressure: MemoryPressure is True. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** v1.TaintNodeDiskPressure: DiskPressure is True. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** v1.TaintNodePIDPressure: PIDPressure is True. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** v1.TaintNodeNetworkUnavailable: NetworkUnavailable is True. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** nodeConditionToTaintKeyStatusMap: which condition status taints the node with which key. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};

/** taintKeyToNodeConditionMap's keys: the taints this pass owns (with the unschedulable one). */
const OWNED_KEYS = new Set([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_DISK_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNSCHEDULABLE]);

/** The diff of a node that is as it should be. */
const NO_CHANGE: readonly [readonly Taint[], readonly Taint[]] = Object.freeze([Object.freeze([]), Object.freeze([])] as const);

/**
 * doNoScheduleTaintingPass's diff: the NoSchedule taints the node's
 * conditions (and spec.unschedulable) call for, against the condition
 * NoSchedule taints it carries. Returns [taints to add, taints to remove];
 * both empty when the node is as it should be.
 */
export function noScheduleTaintDiff(node: Node): readonly [readonly Taint[], readonly Taint[]] {
  // A healthy node (every update of one, heartbeats included) wants none and has none: answer without building lists.
  if (!wantsOrHasAny(node)) return NO_CHANGE;
  const want: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key !== undefined) want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable === true) want.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && OWNED_KEYS.has(t.key));
  // TaintSetDiff: taints match by key and effect.
  const toAdd = want.filter((w) => !have.some((h) => h.key === w.key));
  const toRemove = have.filter((h) => !want.some((w) => w.key === h.key));
  return [toAdd, toRemove];
}

/** Whether a condition or spec.unschedulable calls for a taint, or the node carries one this pass owns. */
function wantsOrHasAny(node: Node): boolean {
  if (node.spec?.unschedulable === true) return true;
  for (const c of node.status?.conditions ?? []) if (CONDITION_TAINTS[c.type]?.[c.status] !== undefined) return true;
  for (const t of node.spec?.taints ?? []) if (t.effect === 'NoSchedule' && OWNED_KEYS.has(t.key)) return true;
  return false;
}
