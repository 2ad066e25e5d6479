import type { Selector } from '../../api/labels.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';

/** How many pods with one label value each node holds. */
export type NodesWithLabel = ReadonlyMap<NodeInfo, number>;

/**
 * For each pod label key a selector has asked about, namespace and value:
 * the nodes holding pods with that label, and how many. A count by label
 * selector needs to look only at the nodes holding a pod with the value
 * one of its `key=value` requirements asks for: on every other node nothing
 * can match. A new spreading owner's first count then visits the few nodes
 * that hold its label (none, for a new Deployment) instead of every pod in
 * the cluster. A key is indexed from the first time it is asked about, so
 * pods pay only for the keys selectors use.
 */
export class PodLabelIndex {
  /** key → namespace → value → node → pods. */
  private readonly byKey = new Map<string, Map<string, Map<string, Map<NodeInfo, number>>>>();

  /** @param nodes the cache's nodes, whose pods a key's index starts from */
  constructor(private readonly nodes: () => Iterable<NodeInfo>) {}

  /** Counts `pod`'s labels on `node` (the pod has just been added to it). */
  add(pod: PodInfo, node: NodeInfo): void {
    for (const [key, byNamespace] of this.byKey) count(byNamespace, key, pod, node, 1);
  }

  /** Takes `pod`'s labels off `node` (the pod has just left it). */
  remove(pod: PodInfo, node: NodeInfo): void {
    for (const [key, byNamespace] of this.byKey) count(byNamespace, key, pod, node, -1);
  }

  /** The nodes holding pods labelled `key=value` in `namespace` (undefined: none). */
  nodesWith(namespace: string, key: string, value: string): NodesWithLabel | undefined {
    return (this.byKey.get(key) ?? this.track(key)).get(namespace)?.get(value);
  }

  /** Starts indexing `key`, from the pods on the nodes now. */
  private track(key: string): Map<string, Map<string, Map<NodeInfo, number>>> {
    const byNamespace = new Map<string, Map<string, Map<NodeInfo, number>>>();
    this.byKey.set(key, byNamespace);
    for (const node of this.nodes()) for (const pod of node.pods) count(byNamespace, key, pod, node, 1);
    return byNamespace;
  }

  /**
   * The only nodes that can hold a pod in `namespace` matching `selector`:
   * those of its most selective single-value `=` / `in` requirement (an
   * empty map when no pod has that label); null when the selector has no
   * such requirement (every node may hold a match).
   */
  candidates(selector: Selector, namespace: string): NodesWithLabel | null {
    const reqs = selector.requirements();
    if (reqs === undefined) return EMPTY; // Nothing matches nothing
    let best: NodesWithLabel | null = null;
    for (const r of reqs) {
      if ((r.operator !== '=' && r.operator !== '==' && r.operator !== 'in') || r.values.length !== 1) continue;
      const nodes = this.nodesWith(namespace, r.key, r.values[0]!) ?? EMPTY;
      if (best === null || nodes.size < best.size) best = nodes;
    }
    return best;
  }
}

const EMPTY: NodesWithLabel = new Map();

/** Adds `delta` to the pods on `node` with `pod`'s value of `key` (nothing when the pod lacks the key). */
function count(byNamespace: Map<string, Map<string, Map<NodeInfo, number>>>, key: string, pod: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  const labels = pod.labels;
  const value = labels[key];
  if (typeof value !== 'string' || !Object.hasOwn(labels, key)) return;
  let values = byNamespace.get(pod.namespace);
  if (values === undefined) {
    if (delta < 0) return;
    byNamespace.set(pod.namespace, (values = new Map()));
  }
  let nodes = values.get(value);
  if (nodes === undefined) {
    if (delta < 0) return;
    values.set(value, (nodes = new Map()));
  }
  const n = (nodes.get(node) ?? 0) + delta;
  if (n > 0) nodes.set(node, n);
  else {
    nodes.delete(node);
    if (nodes.size === 0) values.delete(value);
  }
}
