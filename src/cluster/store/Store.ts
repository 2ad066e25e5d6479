import type { Callbacks } from '../../engine/Callbacks.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import type { Micros } from '../../engine/time.js';
import type { KubeObject, ObjectMeta } from '../../api/types.js';
import type { ClusterClock } from '../clock.js';
import { ApiError } from './ApiError.js';
import { isClusterScoped, keyOf } from './keys.js';
import { generateName } from './names.js';

/** The type of a watch event, as the API server sends it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to one object, delivered to watchers in revision order. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: WatchEventType;
  /** The object after the change (for DELETED, its last state). */
  readonly object: T;
  /** The object before the change (null for ADDED). */
  readonly oldObject: T | null;
  /** The object's store key (`namespace/name`, or `name` when cluster-scoped), when the store sent it. */
  readonly key?: string;
}

/** Receives watch events. */
export type WatchHandler<T extends KubeObject = KubeObject> = (event: WatchEvent<T>) => void;

/** A stored object: metadata fields the API server always sets are present. */
export type Stored<T extends KubeObject> = T & {
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
};

/**
 * etcd behind the kube-apiserver: objects by kind and key, one global
 * revision bumped on every write and written into the object's
 * resourceVersion, and watches that deliver every change in revision order
 * after the control plane's watch latency.
 *
 * Writes here are commits: instantaneous at the current virtual instant. The
 * time an API call takes is modelled by {@link ApiServer}, which calls these.
 * Objects are immutable once stored: a write stores a new object, so a
 * watcher may keep the old one. Iteration is in creation order.
 */
export class Store {
  /** The etcd revision: the number of writes so far. */
  revision = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  /** Watch handlers by kind; each list is replaced, never changed, so a commit can keep the one it saw. */
  private readonly watchers = new Map<string, readonly WatchHandler[]>();
  private uids = 0;
  /**
   * Deliveries waiting for the watch latency, in commit order. The latency
   * is the same for every commit, so they fall due in this order and one
   * shared callback takes the next one each time.
   */
  private readonly deliveries: { handlers: readonly WatchHandler[]; event: WatchEvent }[] = [];
  private deliveryHead = 0;
  private readonly deliverNext = (): void => {
    const d = this.deliveries[this.deliveryHead]!;
    this.deliveries[this.deliveryHead++] = undefined as never;
    if (this.deliveryHead === this.deliveries.length) {
      this.deliveries.length = 0;
      this.deliveryHead = 0;
    } else if (this.deliveryHead >= 4096 && this.deliveryHead * 2 >= this.deliveries.length) {
      this.deliveries.splice(0, this.deliveryHead);
      this.deliveryHead = 0;
    }
    for (const handler of d.handlers) handler(d.event);
  };

  constructor(
    private readonly callbacks: Callbacks,
    private readonly clock: ClusterClock,
    private readonly names: RandomStream,
    /** Delay between a commit and its delivery to watchers. */
    private readonly watchLatency: Micros,
  ) {}

  /** The object of `kind` at `namespace`/`name` (namespace ignored for cluster-scoped kinds). */
  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): Stored<T> | undefined {
    return this.table(kind).get(keyOf(kind, namespace, name)) as Stored<T> | undefined;
  }

  /** Every object of `kind`, in creation order. */
  list<T extends KubeObject>(kind: string): IterableIterator<Stored<T>> {
    return this.table(kind).values() as IterableIterator<Stored<T>>;
  }

  /** How many objects of `kind` are stored. */
  count(kind: string): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  /** The kinds that have ever held an object. */
  kinds(): string[] {
    return [...this.objects.keys()];
  }

  /**
   * Watches `kind` from now on: `handler` gets every later change, each after
   * the watch latency, in revision order. Returns a function that stops it.
   */
  watch<T extends KubeObject>(kind: string, handler: WatchHandler<T>): () => void {
    this.watchers.set(kind, [...(this.watchers.get(kind) ?? []), handler as WatchHandler]);
    return () => {
      const list = this.watchers.get(kind) ?? [];
      const i = list.indexOf(handler as WatchHandler);
      if (i >= 0) this.watchers.set(kind, [...list.slice(0, i), ...list.slice(i + 1)]);
    };
  }

  /**
   * Creates `object` (its `kind` must be set). Resolves generateName, sets
   * uid, resourceVersion, creationTimestamp, generation and the default
   * namespace. Throws {@link ApiError} AlreadyExists or Invalid.
   */
  create<T extends KubeObject>(object: T): Stored<T> {
    const kind = object.kind;
    if (kind === undefined || kind === '') throw ApiError.invalid('', '', 'kind: Required value');
    const meta = object.metadata;
    const table = this.table(kind);
    let name = meta.name;
    const namespace = isClusterScoped(kind) ? undefined : (meta.namespace ?? 'default');
    if (name === undefined || name === '') {
      if (meta.generateName === undefined || meta.generateName === '') {
        throw ApiError.invalid(kind, '', 'metadata.name: Required value: name or generateName is required');
      }
      // The real API server answers AlreadyExists and the client retries; drawing again is the same.
      do name = generateName(meta.generateName, this.names);
      while (table.has(keyOf(kind, namespace, name)));
    }
    const key = keyOf(kind, namespace, name);
    if (table.has(key)) throw ApiError.alreadyExists(kind, name);
    const revision = ++this.revision;
    const metadata: ObjectMeta = {
      ...meta,
      name,
      uid: meta.uid ?? this.nextUid(),
      resourceVersion: String(revision),
      creationTimestamp: meta.creationTimestamp ?? this.clock.timestamp(),
    };
    if (namespace !== undefined) metadata.namespace = namespace;
    else delete metadata.namespace;
    if ('spec' in object && metadata.generation === undefined) metadata.generation = 1;
    const stored = { ...object, kind, metadata } as Stored<T>;
    table.set(key, stored);
    this.notify(kind, 'ADDED', stored, null, key);
    return stored;
  }

  /**
   * Replaces the object at `namespace`/`name` with `mutate(current)`. `mutate`
   * returns a new object (never changing `current`), or null to write
   * nothing. A new `spec` object bumps metadata.generation. Returns the stored
   * object, or null when nothing was written; throws NotFound.
   */
  update<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, mutate: (current: Stored<T>) => T | null): Stored<T> | null {
    const table = this.table(kind);
    const key = keyOf(kind, namespace, name);
    const current = table.get(key) as Stored<T> | undefined;
    if (current === undefined) throw ApiError.notFound(kind, name);
    const next = mutate(current);
    if (next === null) return null;
    const revision = ++this.revision;
    let metadata: ObjectMeta;
    if (next.metadata === current.metadata) {
      // The usual patch of spec or status: the stored metadata with the new revision.
      metadata = { ...current.metadata, resourceVersion: String(revision) };
    } else {
      metadata = { ...next.metadata, name: current.metadata.name, uid: current.metadata.uid, resourceVersion: String(revision) };
      if (current.metadata.namespace !== undefined) metadata.namespace = current.metadata.namespace;
      metadata.creationTimestamp = current.metadata.creationTimestamp;
    }
    const generation = current.metadata.generation;
    if (generation !== undefined) {
      const specChanged = (next as { spec?: unknown }).spec !== (current as { spec?: unknown }).spec;
      metadata.generation = specChanged ? generation + 1 : generation;
    }
    // `next` is the mutation's own new object: it becomes the stored one
    // (same key order as a copy) instead of being copied once more.
    let stored: Stored<T>;
    if (next !== current && next.kind === kind && Object.isExtensible(next)) {
      (next as { metadata: ObjectMeta }).metadata = metadata;
      stored = next as Stored<T>;
    } else stored = { ...next, kind, metadata } as Stored<T>;
    table.set(key, stored);
    this.notify(kind, 'MODIFIED', stored, current, key);
    return stored;
  }

  /** Removes the object for good (the final step of a deletion). Returns it, or undefined if absent. */
  remove<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): Stored<T> | undefined {
    const table = this.table(kind);
    const key = keyOf(kind, namespace, name);
    const current = table.get(key) as Stored<T> | undefined;
    if (current === undefined) return undefined;
    table.delete(key);
    const revision = ++this.revision;
    const last = { ...current, metadata: { ...current.metadata, resourceVersion: String(revision) } } as Stored<T>;
    this.notify(kind, 'DELETED', last, current, key);
    return last;
  }

  private notify(kind: string, type: WatchEventType, object: KubeObject, oldObject: KubeObject | null, key: string): void {
    const list = this.watchers.get(kind);
    if (list === undefined || list.length === 0) return;
    const event: WatchEvent = { type, object, oldObject, key };
    // One delivery event per commit for all watchers of the kind: a fixed
    // latency keeps revision order, and the watchers run in the order they watched.
    this.deliveries.push({ handlers: list, event });
    this.callbacks.after(this.watchLatency, this.deliverNext);
  }

  private table(kind: string): Map<string, KubeObject> {
    let table = this.objects.get(kind);
    if (table === undefined) this.objects.set(kind, (table = new Map()));
    return table;
  }

  /** A deterministic RFC 4122-shaped uid: version 4 layout, counter in the node field. */
  private nextUid(): string {
    const n = ++this.uids;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}
