import type { Node, Pod } from '../../api/types.js';
import { objectKey } from '../store/keys.js';
import type { Informer } from '../store/Informer.js';
import { isPodAssigned, isPodTerminal } from '../podStatus.js';
import { isUnschedulablePod } from './podKinds.js';
import { SimulatedNode } from './SimulatedNode.js';

/**
 * The autoscaler's view of the cluster, kept current by its informers'
 * handlers rather than rebuilt every scan (a 5,000-node cluster is scanned
 * every 10s): a {@link SimulatedNode} per node holding its non-terminal
 * bound pods, and the pods the scheduler marked Unschedulable.
 */
export class ClusterState {
  private readonly byName = new Map<string, SimulatedNode>();
  private readonly registered = new Set<string>();
  /** Unschedulable pods by key, in the order they became so. */
  readonly unschedulable = new Map<string, Pod>();

  constructor(nodes: Informer<Node>, pods: Informer<Pod>) {
    nodes.addHandler({
      add: (n) => this.nodeChanged(n),
      update: (_, n) => this.nodeChanged(n),
      delete: (n) => this.nodeDeleted(n),
    });
    pods.addHandler({
      add: (p) => this.podChanged(null, p),
      update: (o, p) => this.podChanged(o, p),
      delete: (p) => this.podChanged(p, null),
    });
  }

  /** The registered node named `name`. */
  node(name: string): SimulatedNode | undefined {
    return this.registered.has(name) ? this.byName.get(name) : undefined;
  }

  /** Every registered node, in registration order. */
  *nodes(): IterableIterator<SimulatedNode> {
    for (const name of this.registered) yield this.byName.get(name)!;
  }

  /** A snapshot to simulate on: copy-on-write over the current state. */
  snapshot(): ClusterSnapshot {
    return new ClusterSnapshot(this);
  }

  private entry(name: string): SimulatedNode {
    let n = this.byName.get(name);
    if (n === undefined) this.byName.set(name, (n = new SimulatedNode({ metadata: { name } })));
    return n;
  }

  private nodeChanged(node: Node): void {
    const name = node.metadata.name ?? '';
    this.entry(name).setNode(node);
    this.registered.add(name);
  }

  private nodeDeleted(node: Node): void {
    const name = node.metadata.name ?? '';
    this.registered.delete(name);
    const n = this.byName.get(name);
    // Pods still bound to a deleted node stay counted until they go (the pod GC deletes them).
    if (n !== undefined && n.pods.length === 0) this.byName.delete(name);
  }

  private podChanged(old: Pod | null, pod: Pod | null): void {
    if (old !== null && counts(old)) this.byName.get(old.spec.nodeName ?? '')?.removePod(old);
    if (pod !== null && counts(pod)) this.entry(pod.spec.nodeName ?? '').addPod(pod);
    const key = objectKey((pod ?? old)!);
    if (pod !== null && isUnschedulablePod(pod)) this.unschedulable.set(key, pod);
    else this.unschedulable.delete(key);
    if (old !== null && pod === null) {
      const name = old.spec.nodeName ?? '';
      const n = this.byName.get(name);
      if (n !== undefined && n.pods.length === 0 && !this.registered.has(name)) this.byName.delete(name);
    }
  }
}

/** A pod the node's accounting includes: bound and not finished. */
function counts(pod: Pod): boolean {
  return isPodAssigned(pod) && !isPodTerminal(pod);
}

/**
 * ClusterSnapshot: the state as the simulation changes it. Reads see the
 * current state; the first change to a node copies it, so a scan's
 * what-ifs never touch the state the informers keep.
 */
export class ClusterSnapshot {
  private readonly changed = new Map<string, SimulatedNode>();

  constructor(private readonly state: ClusterState) {}

  /** The node as the simulation has it. */
  get(name: string): SimulatedNode | undefined {
    return this.changed.get(name) ?? this.state.node(name);
  }

  /** The node, copied first if this snapshot has not changed it yet. */
  mutable(name: string): SimulatedNode | undefined {
    const mine = this.changed.get(name);
    if (mine !== undefined) return mine;
    const base = this.state.node(name);
    if (base === undefined) return undefined;
    const copy = base.clone();
    this.changed.set(name, copy);
    return copy;
  }

  /** Every registered node, as the simulation has it, in registration order. */
  *nodes(): IterableIterator<SimulatedNode> {
    for (const base of this.state.nodes()) yield this.changed.get(base.name) ?? base;
  }
}
