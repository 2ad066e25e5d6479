/**
 * util.As for queueing hints (pkg/scheduler/util/utils.go): the old and new
 * objects of a cluster event as the expected kind, or a failure when either
 * is something else (the hint then answers Queue, as upstream does on error).
 */
import type { Node, Pod } from '../../../api/types.js';

/** The typed objects of an event; `ok` is false when an object has the wrong kind. */
export interface TypedPair<T> {
  ok: boolean;
  oldObj: T | undefined;
  newObj: T | undefined;
}

function isObject(o: unknown): o is { kind?: unknown; metadata?: unknown; spec?: unknown } {
  return typeof o === 'object' && o !== null;
}

/** True when `o` looks like a Pod: kind Pod, or no kind and a spec with containers. */
export function isPod(o: unknown): o is Pod {
  if (!isObject(o) || !isObject(o.metadata)) return false;
  if (o.kind !== undefined) return o.kind === 'Pod';
  return isObject(o.spec) && Array.isArray((o.spec as { containers?: unknown }).containers);
}

/** True when `o` looks like a Node: kind Node, or no kind and not a pod. */
export function isNode(o: unknown): o is Node {
  if (!isObject(o) || !isObject(o.metadata)) return false;
  if (o.kind !== undefined) return o.kind === 'Node';
  return !isPod(o);
}

function asKind<T>(oldObj: unknown, newObj: unknown, is: (o: unknown) => o is T): TypedPair<T> {
  const bad = (newObj !== undefined && newObj !== null && !is(newObj)) || (oldObj !== undefined && oldObj !== null && !is(oldObj));
  if (bad) return { ok: false, oldObj: undefined, newObj: undefined };
  return {
    ok: true,
    oldObj: oldObj === undefined || oldObj === null ? undefined : (oldObj as T),
    newObj: newObj === undefined || newObj === null ? undefined : (newObj as T),
  };
}

/** util.As[*v1.Node]. */
export function asNodes(oldObj: unknown, newObj: unknown): TypedPair<Node> {
  return asKind(oldObj, newObj, isNode);
}

/** util.As[*v1.Pod]. */
export function asPods(oldObj: unknown, newObj: unknown): TypedPair<Pod> {
  return asKind(oldObj, newObj, isPod);
}
