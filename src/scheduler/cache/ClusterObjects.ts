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
  /** The same objects per kind and namespace (the listers' namespace index), so one namespace's list does not walk them all. */
  private readonly byNamespace = new Map<ListedKind, Map<string, Map<string, Kinds[ListedKind]>>>();

  /** Adds or replaces an object. */
  set<K extends ListedKind>(kind: K, object: Kinds[K]): void {
    let byKey = this.store.get(kind);
    if (byKey === undefined) this.store.set(kind, (byKey = new Map()));
    const key = keyOf(kind, object);
    byKey.set(key, object);
    let namespaces = this.byNamespace.get(kind);
    if (namespaces === undefined) this.byNamespace.set(kind, (namespaces = new Map()));
    const ns = object.metadata.namespace ?? '';
    let inNs = namespaces.get(ns);
    if (inNs === undefined) namespaces.set(ns, (inNs = new Map()));
    inNs.set(key, object);
  }

  delete<K extends ListedKind>(kind: K, object: Kinds[K]): void {
    const key = keyOf(kind, object);
    this.store.get(kind)?.delete(key);
    this.byNamespace
      .get(kind)
      ?.get(object.metadata.namespace ?? '')
      ?.delete(key);
  }

  /** Objects of a kind, in one namespace or (namespace undefined) all, in insertion order. */
  list<K extends ListedKind>(kind: K, namespace?: string): Kinds[K][] {
    const objects = namespace === undefined ? this.store.get(kind) : this.byNamespace.get(kind)?.get(namespace);
    return objects === undefined ? [] : ([...objects.values()] as Kinds[K][]);
  }

  /** One object by namespace and name (a lister's Get), or undefined. */
  get<K extends Exclude<ListedKind, 'Namespace'>>(kind: K, namespace: string, name: string): Kinds[K] | undefined {
    return this.store.get(kind)?.get(`${namespace}/${name}`) as Kinds[K] | undefined;
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
