import type { Node, Pod } from '../../api/types.js';
import type { GpuPlacement } from '../framework/NodeInfo.js';

/**
 * Status writes no Filter or Score plugin can see. The cache keeps a node's
 * row stamp through them, so memoized verdicts and failed scans stay valid.
 * Stored objects are immutable and a status write shares every other
 * sub-object with the object it replaces, so identity answers.
 */

/**
 * True when `node` is `old` with a kubelet heartbeat: new conditions and
 * resourceVersion; the same spec (taints, cordon), labels, annotations,
 * allocatable, capacity and images objects. No plugin reads conditions.
 */
export function isNodeHeartbeat(old: Node, node: Node): boolean {
  const a = old.status;
  const b = node.status;
  return (
    old.spec === node.spec &&
    old.metadata.labels === node.metadata.labels &&
    old.metadata.annotations === node.metadata.annotations &&
    a?.allocatable === b?.allocatable &&
    a?.capacity === b?.capacity &&
    a?.images === b?.images
  );
}

/**
 * True when `pod` is a status update of `old`: the same spec, labels and
 * annotations objects, the same pod and the same deletion. Plugins read a
 * pod on a node through those alone (preemption reads a victim's status,
 * afresh each attempt, never through a memo).
 */
export function isPodStatusUpdate(old: Pod, pod: Pod): boolean {
  const m = old.metadata;
  const n = pod.metadata;
  return (
    old.spec === pod.spec &&
    m.labels === n.labels &&
    m.annotations === n.annotations &&
    m.uid === n.uid &&
    m.namespace === n.namespace &&
    m.deletionTimestamp === n.deletionTimestamp &&
    m.deletionGracePeriodSeconds === n.deletionGracePeriodSeconds
  );
}

/** Two GPU placements of one pod (or none) on the same GPUs with the same share each. */
export function sameGpuPlacement(a: GpuPlacement | undefined, b: GpuPlacement | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.milli !== b.milli || a.indexes.length !== b.indexes.length) return false;
  for (let i = 0; i < a.indexes.length; i++) if (a.indexes[i] !== b.indexes[i]) return false;
  return true;
}
