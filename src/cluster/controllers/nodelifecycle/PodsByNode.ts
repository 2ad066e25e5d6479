import type { Pod } from '../../../api/types.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';

/** One index per pod informer: the node lifecycle and taint eviction controllers read the same one. */
const shared = new WeakMap<Informer<Pod>, PodsByNode>();

/**
 * The pod informer's `spec.nodeName` index (getPodsAssignedToNode): pods by
 * node, each node's pods in the order the informer first saw them. Pods are
 * keyed by uid, which a pod keeps through its updates and which no two pods
 * in the informer share.
 */
export class PodsByNode {
  private readonly byNode = new Map<string, Map<string, Stored<Pod>>>();

  /** The index of `informer`, made (and fed from its events) on first use. */
  static of(informer: Informer<Pod>): PodsByNode {
    let index = shared.get(informer);
    if (index === undefined) shared.set(informer, (index = new PodsByNode(informer)));
    return index;
  }

  private constructor(informer: Informer<Pod>) {
    informer.addHandler({
      add: (pod) => this.put(pod),
      update: (old, pod) => {
        if (old.spec.nodeName !== pod.spec.nodeName) this.drop(old);
        this.put(pod);
      },
      delete: (pod) => this.drop(pod),
    });
  }

  /** The pods bound to `nodeName`. */
  get(nodeName: string): Stored<Pod>[] {
    const pods = this.byNode.get(nodeName);
    return pods === undefined ? [] : [...pods.values()];
  }

  private put(pod: Stored<Pod>): void {
    const node = pod.spec.nodeName;
    if (node === undefined || node === '') return;
    let pods = this.byNode.get(node);
    if (pods === undefined) this.byNode.set(node, (pods = new Map()));
    pods.set(pod.metadata.uid, pod);
  }

  private drop(pod: Stored<Pod>): void {
    const node = pod.spec.nodeName;
    if (node === undefined || node === '') return;
    const pods = this.byNode.get(node);
    if (pods === undefined) return;
    pods.delete(pod.metadata.uid);
    if (pods.size === 0) this.byNode.delete(node);
  }
}
