import type { Pod } from '../../../api/types.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';

/**
 * The pod informer's `spec.nodeName` index (getPodsAssignedToNode): pods by
 * node, each node's pods in the order the informer first saw them.
 */
export class PodsByNode {
  private readonly byNode = new Map<string, Map<string, Stored<Pod>>>();

  constructor(informer: Informer<Pod>) {
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
    pods.set(`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`, pod);
  }

  private drop(pod: Stored<Pod>): void {
    const node = pod.spec.nodeName;
    if (node === undefined || node === '') return;
    const pods = this.byNode.get(node);
    if (pods === undefined) return;
    pods.delete(`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`);
    if (pods.size === 0) this.byNode.delete(node);
  }
}
