import type { KubeObject } from '../../../api/types.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';

/**
 * An index of an informer's objects by owner uid (every ownerReference, or
 * only the controller one), kept current by the informer's events: the
 * controllers' "pods of this ReplicaSet" lookup without scanning every pod.
 * Each owner's dependents are in the order of their last add or update.
 * Entries are keyed by the dependent's uid: the informer's key (namespace and
 * name) holds one uid at a time, since an update never changes the uid.
 */
export class OwnerIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, Stored<T>>>();

  /**
   * @param informer the informer to index (its handler is added now)
   * @param controllerOnly index only the ownerReference with `controller: true`
   */
  constructor(informer: Informer<T>, readonly controllerOnly: boolean) {
    informer.addHandler({
      add: (o) => this.put(o),
      update: (old, o) => {
        if (old.metadata.ownerReferences === o.metadata.ownerReferences) this.move(o);
        else {
          this.drop(old);
          this.put(o);
        }
      },
      delete: (o) => this.drop(o),
    });
  }

  /** The cached dependents of the owner with `uid`. */
  dependents(uid: string): IterableIterator<Stored<T>> {
    return (this.byOwner.get(uid) ?? EMPTY).values() as IterableIterator<Stored<T>>;
  }

  /** How many dependents the owner with `uid` has in the cache. */
  count(uid: string): number {
    return this.byOwner.get(uid)?.size ?? 0;
  }

  private owners(o: KubeObject): string[] {
    const refs = o.metadata.ownerReferences ?? [];
    return refs.filter((r) => !this.controllerOnly || r.controller === true).map((r) => r.uid);
  }

  private put(o: Stored<T>): void {
    const key = o.metadata.uid;
    for (const uid of this.owners(o)) {
      let m = this.byOwner.get(uid);
      if (m === undefined) this.byOwner.set(uid, (m = new Map()));
      m.set(key, o);
    }
  }

  /** The same owners: each owner's entry goes to the end with the new object (what drop then put leaves), without building lists. */
  private move(o: Stored<T>): void {
    const refs = o.metadata.ownerReferences;
    if (refs === undefined) return;
    const key = o.metadata.uid;
    for (const r of refs) {
      if (this.controllerOnly && r.controller !== true) continue;
      let m = this.byOwner.get(r.uid);
      if (m === undefined) this.byOwner.set(r.uid, (m = new Map()));
      // A sole entry stays where it is; otherwise it goes to the end, as delete then set does.
      if (m.size !== 1 || !m.has(key)) m.delete(key);
      m.set(key, o);
    }
  }

  private drop(o: Stored<T>): void {
    const key = o.metadata.uid;
    for (const uid of this.owners(o)) {
      const m = this.byOwner.get(uid);
      if (m === undefined) continue;
      m.delete(key);
      if (m.size === 0) this.byOwner.delete(uid);
    }
  }
}

const EMPTY = new Map<string, never>();
