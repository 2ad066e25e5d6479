import type { Pod } from '../../api/types.js';
import type { Informer } from '../store/Informer.js';
import type { Stored } from '../store/Store.js';

/** A pod the index holds, with its place in the informer's order. */
export interface IndexedPod {
  pod: Stored<Pod>;
  /** The informer's order: pods first seen earlier have a smaller seq (an update keeps it). */
  readonly seq: number;
}

/**
 * The pod informer's views the pod GC reads, kept current from the
 * informer's events so that a pass touches only the pods it may act on
 * instead of every pod in the cluster: terminated pods, terminating pods
 * (bound or not), and bound pods by node name. Each pod carries its rank in
 * the informer's order, so a pass can visit them in the order a full scan
 * of the informer would.
 */
export class PodGCIndex {
  private readonly all = new Map<string, IndexedPod>();
  /** Phase Succeeded or Failed (any phase besides Pending, Running and Unknown). */
  readonly terminated = new Map<string, IndexedPod>();
  /** deletionTimestamp set and bound to a node. */
  readonly terminating = new Map<string, IndexedPod>();
  /** deletionTimestamp set and bound to no node. */
  readonly unscheduledTerminating = new Map<string, IndexedPod>();
  /** Bound pods by spec.nodeName. */
  readonly byNode = new Map<string, Map<string, IndexedPod>>();
  private seq = 0;

  /** Indexes `pods` now (its cached pods as adds) and from its events on. */
  constructor(pods: Informer<Pod>) {
    pods.addHandler({
      add: (pod) => this.put(pod),
      update: (_old, pod) => this.put(pod),
      delete: (pod) => this.drop(pod.metadata.uid),
    });
  }

  private put(pod: Stored<Pod>): void {
    // Keyed by uid: a pod keeps it through its updates, and no two pods in the informer share one.
    const key = pod.metadata.uid;
    let entry = this.all.get(key);
    let before: Stored<Pod> | null = null;
    if (entry === undefined) this.all.set(key, (entry = { pod, seq: this.seq++ }));
    else {
      before = entry.pod;
      entry.pod = pod;
    }
    // Only the views the pod joins or leaves are touched: most updates (a status write) change none.
    const was = before === null ? 0 : viewsOf(before);
    const is = viewsOf(pod);
    if (was !== is) {
      if ((was ^ is) & TERMINATED) setIf(this.terminated, key, entry, (is & TERMINATED) !== 0);
      if ((was ^ is) & TERMINATING) setIf(this.terminating, key, entry, (is & TERMINATING) !== 0);
      if ((was ^ is) & UNSCHEDULED_TERMINATING) setIf(this.unscheduledTerminating, key, entry, (is & UNSCHEDULED_TERMINATING) !== 0);
    }
    const node = pod.spec.nodeName ?? '';
    const nodeBefore = before === null ? '' : (before.spec.nodeName ?? '');
    if (node === nodeBefore) return;
    if (nodeBefore !== '') this.leaveNode(nodeBefore, key);
    if (node !== '') {
      let pods = this.byNode.get(node);
      if (pods === undefined) this.byNode.set(node, (pods = new Map()));
      pods.set(key, entry);
    }
  }

  private drop(key: string): void {
    const entry = this.all.get(key);
    if (entry === undefined) return;
    this.all.delete(key);
    this.terminated.delete(key);
    this.terminating.delete(key);
    this.unscheduledTerminating.delete(key);
    const node = entry.pod.spec.nodeName ?? '';
    if (node !== '') this.leaveNode(node, key);
  }

  private leaveNode(node: string, key: string): void {
    const pods = this.byNode.get(node);
    if (pods === undefined) return;
    pods.delete(key);
    if (pods.size === 0) this.byNode.delete(node);
  }
}

/** The views a pod belongs in, as bits. */
const TERMINATED = 1;
const TERMINATING = 2;
const UNSCHEDULED_TERMINATING = 4;

function viewsOf(pod: Pod): number {
  let views = isPodTerminated(pod) ? TERMINATED : 0;
  if (pod.metadata.deletionTimestamp !== undefined) views |= (pod.spec.nodeName ?? '') !== '' ? TERMINATING : UNSCHEDULED_TERMINATING;
  return views;
}

function setIf(map: Map<string, IndexedPod>, key: string, entry: IndexedPod, member: boolean): void {
  if (member) map.set(key, entry);
  else map.delete(key);
}

/** isPodTerminated: phase neither Pending, Running nor Unknown (a missing phase counts as Pending). */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase ?? 'Pending';
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** Indexed pods in the informer's order. */
export function inInformerOrder(pods: Iterable<IndexedPod>): IndexedPod[] {
  return [...pods].sort((a, b) => a.seq - b.seq);
}
