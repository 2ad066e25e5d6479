import type { KubeObject } from '../../api/types.js';
import { keyOf, objectKey } from './keys.js';
import type { Store, Stored, WatchEvent } from './Store.js';

/** Callbacks of an informer's event handler (client-go's ResourceEventHandlerFuncs). */
export interface InformerHandler<T extends KubeObject> {
  add?(object: Stored<T>): void;
  update?(oldObject: Stored<T>, object: Stored<T>): void;
  delete?(object: Stored<T>): void;
}

/**
 * A shared informer: a local cache of one kind kept current by a watch, so
 * it lags the store by the watch latency exactly as a real informer lags
 * etcd, and handlers that run after the cache is updated. It starts from
 * the store's current objects (the initial list) when made.
 */
export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, Stored<T>>();
  private readonly handlers: InformerHandler<T>[] = [];

  constructor(
    store: Store,
    readonly kind: string,
  ) {
    for (const object of store.list<T>(kind)) this.cache.set(objectKey(object), object);
    store.watch<T>(kind, (event) => this.deliver(event as WatchEvent<Stored<T>>));
  }

  /** Adds a handler; it is told of objects already cached as adds, as client-go's AddEventHandler does. */
  addHandler(handler: InformerHandler<T>): void {
    this.handlers.push(handler);
    if (handler.add !== undefined) for (const object of this.cache.values()) handler.add(object);
  }

  /** The cached object (the lister's Get). */
  get(namespace: string | undefined, name: string): Stored<T> | undefined {
    return this.cache.get(keyOf(this.kind, namespace, name));
  }

  /** Every cached object, in the order the informer first saw them. */
  list(): IterableIterator<Stored<T>> {
    return this.cache.values();
  }

  /** Number of cached objects. */
  get size(): number {
    return this.cache.size;
  }

  private deliver(event: WatchEvent<Stored<T>>): void {
    const key = event.key ?? objectKey(event.object);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      for (const h of this.handlers) h.delete?.(event.object);
      return;
    }
    const old = this.cache.get(key);
    this.cache.set(key, event.object);
    if (old === undefined) for (const h of this.handlers) h.add?.(event.object);
    else for (const h of this.handlers) h.update?.(old, event.object);
  }
}

/** Informers shared by the controllers of one process (kube-controller-manager's SharedInformerFactory). */
export class InformerFactory {
  private readonly informers = new Map<string, Informer<KubeObject>>();

  constructor(private readonly store: Store) {}

  /** The one informer of `kind`, made on first use. */
  for<T extends KubeObject>(kind: string): Informer<T> {
    let informer = this.informers.get(kind);
    if (informer === undefined) this.informers.set(kind, (informer = new Informer<KubeObject>(this.store, kind)));
    return informer as unknown as Informer<T>;
  }
}
