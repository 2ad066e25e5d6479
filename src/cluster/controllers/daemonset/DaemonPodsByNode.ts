import type { Pod } from '../../../api/types.js';
import { isPodTerminal } from '../../podStatus.js';
import type { Informer } from '../../store/Informer.js';
import { compareDaemonPods, targetNodeName } from './daemonPod.js';

/** One DaemonSet's pods: where each pod is filed, and the pods by target node. */
interface OwnerPods {
  /** Pod uid → the node it is filed under (null: indexed but left out, as getNodesToDaemonPods leaves it out). */
  readonly where: Map<string, string | null>;
  readonly byNode: Map<string, readonly Pod[]>;
  /** Nodes whose list changed since the last {@link DaemonPodsByNode.takeChanged}. */
  changed: Set<string>;
}

/**
 * getNodesToDaemonPods kept current from the pod informer's events instead
 * of rebuilt on every sync: each DaemonSet's pods by target node, best
 * first (compareDaemonPods), deleted terminal pods left out. A node's list is
 * replaced, never changed, whenever one of its pods changes, so a sync can
 * remember what it derived from a list by the list's identity.
 *
 * It files pods as the controllers' PodsByController index does (by the
 * controller uid of each add and update, removed on delete), so it holds the
 * same pods; only pods controlled by a DaemonSet are filed. The map's key
 * order is not getNodesToDaemonPods' (the first pod seen per node): callers
 * that depend on the order rebuild the map.
 */
export class DaemonPodsByNode {
  private readonly byOwner = new Map<string, OwnerPods>();

  /** Indexes `pods` now and keeps the index current from its events. */
  constructor(pods: Informer<Pod>) {
    pods.addHandler({
      add: (pod) => this.put(pod),
      update: (_old, pod) => this.put(pod),
      delete: (pod) => this.remove(pod),
    });
  }

  /** The pods of the DaemonSet with `uid` by target node (read-only). */
  nodes(uid: string): ReadonlyMap<string, readonly Pod[]> {
    return this.byOwner.get(uid)?.byNode ?? NO_NODES;
  }

  /** The nodes whose list for the DaemonSet with `uid` changed since the last call (the DaemonSet's one sync reads them). */
  takeChanged(uid: string): ReadonlySet<string> {
    const owner = this.byOwner.get(uid);
    if (owner === undefined || owner.changed.size === 0) return NO_CHANGES;
    const changed = owner.changed;
    owner.changed = new Set();
    return changed;
  }

  private put(pod: Pod): void {
    const uid = daemonSetUidOf(pod);
    if (uid === undefined) return;
    let owner = this.byOwner.get(uid);
    if (owner === undefined) this.byOwner.set(uid, (owner = { where: new Map(), byNode: new Map(), changed: new Set() }));
    const podUid = pod.metadata.uid ?? '';
    const before = owner.where.get(podUid);
    if (before !== undefined && before !== null) {
      unfile(owner.byNode, before, podUid);
      owner.changed.add(before);
    }
    const node = isPodTerminal(pod) && pod.metadata.deletionTimestamp !== undefined ? undefined : targetNodeName(pod);
    if (node !== undefined) {
      file(owner.byNode, node, pod);
      owner.changed.add(node);
    }
    owner.where.set(podUid, node ?? null);
  }

  private remove(pod: Pod): void {
    const uid = daemonSetUidOf(pod);
    if (uid === undefined) return;
    const owner = this.byOwner.get(uid);
    if (owner === undefined) return;
    const podUid = pod.metadata.uid ?? '';
    const before = owner.where.get(podUid);
    if (before !== undefined && before !== null) {
      unfile(owner.byNode, before, podUid);
      owner.changed.add(before);
    }
    // The (empty) entry stays, so that its changes are still there for the next sync.
    owner.where.delete(podUid);
  }
}

const NO_NODES: ReadonlyMap<string, readonly Pod[]> = new Map();
const NO_CHANGES: ReadonlySet<string> = new Set();

/** The uid of the pod's controller when that controller is a DaemonSet. */
function daemonSetUidOf(pod: Pod): string | undefined {
  const refs = pod.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (const r of refs) if (r.controller === true) return r.kind === 'DaemonSet' ? r.uid : undefined;
  return undefined;
}

/** Adds `pod` to `node`'s list in its sorted place (a new list). */
function file(byNode: Map<string, readonly Pod[]>, node: string, pod: Pod): void {
  const list = byNode.get(node);
  if (list === undefined) {
    byNode.set(node, [pod]);
    return;
  }
  let i = 0;
  while (i < list.length && compareDaemonPods(list[i]!, pod) <= 0) i++;
  byNode.set(node, [...list.slice(0, i), pod, ...list.slice(i)]);
}

/** Removes the pod with `podUid` from `node`'s list (a new list; the node goes when its list empties). */
function unfile(byNode: Map<string, readonly Pod[]>, node: string, podUid: string): void {
  const list = byNode.get(node);
  if (list === undefined) return;
  const rest = list.filter((p) => (p.metadata.uid ?? '') !== podUid);
  if (rest.length === 0) byNode.delete(node);
  else byNode.set(node, rest);
}
