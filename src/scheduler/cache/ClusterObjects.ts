import type {
  Namespace,
  PodDisruptionBudget,
  ReplicaSet,
  ReplicationController,
  Service,
  StatefulSet,
} from '../../api/types.js';

type Kinds = {
  Namespace: Namespace;
  Service: Service;
  ReplicaSet: ReplicaSet;
  StatefulSet: StatefulSet;
  ReplicationController: ReplicationController;
  PodDisruptionBudget: PodDisruptionBudget;
};

/** The object kinds besides pods and nodes that scheduler plugins read. */
export type ListedKind = keyof Kinds;

/**
 * The scheduler's informer caches of the objects plugins consult besides pods
 * and nodes: namespaces (namespaceSelector), Services, ReplicaSets,
 * StatefulSets and ReplicationControllers (PodTopologySpread's default
 * selector), PodDisruptionBudgets (preemption). Kept in insertion order.
 */
export class ClusterObjects {
  private readonly store = new Map<ListedKind, Map<string, Kinds[ListedKind]>>();

  /** Adds or replaces an object. */
  set<K extends ListedKind>(kind: K, object: Kinds[K]): void {
    let byKey = this.store.get(kind);
    if (byKey === undefined) this.store.set(kind, (byKey = new Map()));
    byKey.set(keyOf(kind, object), object);
  }

  delete<K extends ListedKind>(kind: K, object: Kinds[K]): void {
    this.store.get(kind)?.delete(keyOf(kind, object));
  }

  /** Objects of a kind, in one namespace or (namespace undefined) all. */
  list<K extends ListedKind>(kind: K, namespace?: string): Kinds[K][] {
    const out: Kinds[K][] = [];
    for (const o of this.store.get(kind)?.values() ?? []) {
      if (namespace === undefined || (o.metadata.namespace ?? '') === namespace) out.push(o as Kinds[K]);
    }
    return out;
  }

  /** A namespace's labels, or undefined when the namespace is unknown. */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined {
    const ns = this.store.get('Namespace')?.get(name) as Namespace | undefined;
    return ns === undefined ? undefined : (ns.metadata.labels ?? {});
  }
}

function keyOf(kind: ListedKind, o: { metadata: { namespace?: string; name?: string } }): string {
  return kind === 'Namespace' ? (o.metadata.name ?? '') : `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}
