import type { KubeObject, OwnerReference } from '../../api/types.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { Informer } from '../store/Informer.js';
import { isClusterScoped, keyOf } from '../store/keys.js';
import type { Stored } from '../store/Store.js';
import { defaultClientRateLimit, ThrottledClient, type ApiWriter, type ClientRateLimit } from './workqueue/ThrottledClient.js';
import { OwnerIndex } from './replicaset/ownerIndex.js';
import { WorkQueue } from './workqueue/WorkQueue.js';

/** Kinds whose objects carry ownerReferences the collector follows (dependents). */
export const DEFAULT_DEPENDENT_KINDS = ['Pod', 'ReplicaSet', 'Job', 'ControllerRevision', 'EndpointSlice', 'Lease'] as const;
/** Kinds whose deletion cascades to their dependents (owners). */
export const DEFAULT_OWNER_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Service', 'Node'] as const;

/** Options of the garbage collector. */
export interface GarbageCollectorOptions {
  /** Kinds of dependents (default {@link DEFAULT_DEPENDENT_KINDS}). */
  dependentKinds?: readonly string[];
  /** Kinds of owners (default {@link DEFAULT_OWNER_KINDS}). */
  ownerKinds?: readonly string[];
  /** Client-side API rate limit (default: 20 qps / burst 30 under `realistic`, none under `ideal`; null for none). */
  apiRateLimit?: ClientRateLimit | null;
}

/**
 * kube-controller-manager's garbage collector (pkg/controller/garbagecollector)
 * with background propagation: when an owner is deleted, each dependent whose
 * owners are all gone is deleted (a pod gracefully, as a DELETE without
 * options is), and a dependent that still has a live owner loses only the
 * dangling ownerReferences. A dependent created after its owner was deleted
 * (or naming an owner that never existed) is collected too, as the graph
 * builder's "virtual" owners are: owners are verified against the API
 * server, not a cache.
 *
 * Simplified: foreground and orphan propagation and finalizers are not
 * modelled (every delete is background); the dependency graph is an index
 * per dependent kind rather than one graph.
 */
export class GarbageCollector implements Actor {
  readonly name = 'kube-controller-manager/garbage-collector';
  /** Dependents to check, by `kind/namespace/name`. */
  readonly queue: WorkQueue<string>;
  private readonly client: ApiWriter;
  private readonly dependentKinds: readonly string[];
  private readonly ownerKinds: readonly string[];
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private readonly indexes = new Map<string, OwnerIndex<KubeObject>>();
  /** Dependents deleted by the collector (for counters and tests). */
  deleted = 0;

  constructor(
    private readonly cluster: Cluster,
    options: GarbageCollectorOptions = {},
  ) {
    const limit = options.apiRateLimit === undefined ? defaultClientRateLimit(cluster.profile) : options.apiRateLimit;
    this.client = ThrottledClient.wrap(cluster.client('kube-controller-manager/generic-garbage-collector'), cluster.callbacks, limit);
    this.dependentKinds = options.dependentKinds ?? DEFAULT_DEPENDENT_KINDS;
    this.ownerKinds = options.ownerKinds ?? DEFAULT_OWNER_KINDS;
    this.queue = new WorkQueue<string>(cluster.callbacks, (key) => this.attemptToDelete(key));
  }

  start(): void {
    for (const kind of this.dependentKinds) {
      const informer = this.cluster.informers.for<KubeObject>(kind);
      this.informers.set(kind, informer);
      this.indexes.set(kind, new OwnerIndex(informer, false));
      informer.addHandler({
        add: (o) => this.checkDependent(kind, o),
        update: (old, o) => {
          if (old.metadata.ownerReferences !== o.metadata.ownerReferences) this.checkDependent(kind, o);
        },
      });
    }
    for (const kind of this.ownerKinds) {
      this.cluster.informers.for<KubeObject>(kind).addHandler({ delete: (owner) => this.ownerDeleted(owner) });
    }
  }

  /** A dependent naming an owner that is already gone is queued at once. */
  private checkDependent(kind: string, o: Stored<KubeObject>): void {
    const refs = o.metadata.ownerReferences;
    if (refs === undefined || refs.length === 0) return;
    if (refs.some((r) => !this.ownerExists(r, o.metadata.namespace))) this.queue.add(this.keyOf(kind, o));
  }

  /** Every cached dependent of the deleted owner is queued. */
  private ownerDeleted(owner: Stored<KubeObject>): void {
    const uid = owner.metadata.uid;
    for (const [kind, index] of this.indexes) {
      for (const dependent of index.dependents(uid)) this.queue.add(this.keyOf(kind, dependent));
    }
  }

  private keyOf(kind: string, o: KubeObject): string {
    return `${kind}/${keyOf(kind, o.metadata.namespace, o.metadata.name ?? '')}`;
  }

  /** The owner named by `ref` exists in the API server with the same uid. */
  private ownerExists(ref: OwnerReference, namespace: string | undefined): boolean {
    const owner = this.cluster.store.get(ref.kind, isClusterScoped(ref.kind) ? undefined : namespace, ref.name);
    return owner !== undefined && owner.metadata.uid === ref.uid;
  }

  /**
   * attemptToDeleteItem: deletes a dependent whose owners are all gone, or
   * removes the dangling references of one that still has a live owner.
   */
  private attemptToDelete(key: string): void {
    const slash = key.indexOf('/');
    const kind = key.slice(0, slash);
    const rest = key.slice(slash + 1);
    const cut = rest.lastIndexOf('/');
    const namespace = cut < 0 ? undefined : rest.slice(0, cut);
    const name = cut < 0 ? rest : rest.slice(cut + 1);
    const dependent = this.informers.get(kind)?.get(namespace, name);
    if (dependent === undefined) return;
    if (dependent.metadata.deletionTimestamp !== undefined) return; // already going
    const refs = dependent.metadata.ownerReferences ?? [];
    const dangling = refs.filter((r) => !this.ownerExists(r, namespace));
    if (dangling.length === 0) return;
    const uid = dependent.metadata.uid;
    if (dangling.length === refs.length) {
      this.deleted++;
      this.client.delete(kind, namespace, name);
      return;
    }
    const gone = new Set(dangling.map((r) => r.uid));
    this.client.update<KubeObject>(kind, namespace, name, (cur) => {
      if (cur.metadata.uid !== uid) return null;
      const ownerReferences = (cur.metadata.ownerReferences ?? []).filter((r) => !gone.has(r.uid));
      return { ...cur, metadata: { ...cur.metadata, ownerReferences } };
    });
  }
}
