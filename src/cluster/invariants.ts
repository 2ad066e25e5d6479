import type { Node, Pod } from '../api/types.js';
import { podRequests } from '../api/podRequests.js';
import { parseResourceList } from '../api/resources.js';
import type { Store, WatchEvent } from './store/Store.js';

/**
 * Watches a cluster and records every breach of the invariants any correct
 * cluster keeps: no node holds more than its allocatable (requests of its
 * non-terminal pods, and the pod count), and a pod once bound never moves to
 * another node. Simulation tests attach one and assert it saw nothing.
 * Usage is kept per node as pods come and go, so a check costs one node's pods.
 */
export class InvariantMonitor {
  /** Human-readable breaches, in the order found. */
  readonly violations: string[] = [];
  /** Checks made (bindings seen). */
  checks = 0;
  private readonly boundTo = new Map<string, string>();
  private readonly podsOn = new Map<string, Map<string, Map<string, number>>>();

  constructor(private readonly store: Store) {
    store.watch<Pod>('Pod', (e: WatchEvent<Pod>) => this.onPod(e));
  }

  private onPod(e: WatchEvent<Pod>): void {
    const pod = e.object;
    const uid = pod.metadata.uid ?? '';
    const node = pod.spec.nodeName ?? '';
    const phase = pod.status?.phase;
    if (e.type === 'DELETED' || phase === 'Succeeded' || phase === 'Failed') {
      const on = this.boundTo.get(uid);
      if (on !== undefined) this.podsOn.get(on)?.delete(uid);
      if (e.type === 'DELETED') this.boundTo.delete(uid);
      return;
    }
    if (node === '') return;
    const first = this.boundTo.get(uid);
    if (first === undefined) {
      this.boundTo.set(uid, node);
      let pods = this.podsOn.get(node);
      if (pods === undefined) this.podsOn.set(node, (pods = new Map()));
      pods.set(uid, podRequests(pod));
      this.checkNode(node);
    } else if (first !== node) {
      this.violations.push(`pod ${pod.metadata.namespace}/${pod.metadata.name} moved from node ${first} to ${node}`);
    }
  }

  /** Checks one node's allocatable against the requests of the non-terminal pods bound to it. */
  checkNode(nodeName: string): void {
    this.checks++;
    const node = this.store.get<Node>('Node', undefined, nodeName);
    const pods = this.podsOn.get(nodeName);
    if (node === undefined || pods === undefined) return;
    const allocatable = parseResourceList(node.status?.allocatable ?? node.status?.capacity);
    const used = new Map<string, number>();
    for (const requests of pods.values()) for (const [name, amount] of requests) used.set(name, (used.get(name) ?? 0) + amount);
    const maxPods = allocatable.get('pods');
    if (maxPods !== undefined && pods.size > maxPods) this.violations.push(`node ${nodeName} holds ${pods.size} pods, allocatable ${maxPods}`);
    for (const [name, amount] of used) {
      const limit = allocatable.get(name);
      if (amount > 0 && limit !== undefined && amount > limit) this.violations.push(`node ${nodeName} has ${name} requests ${amount} over allocatable ${limit}`);
    }
  }

  /** Checks every node (at the end of a run). */
  checkAllNodes(): void {
    for (const node of this.store.list<Node>('Node')) this.checkNode(node.metadata.name);
  }
}
