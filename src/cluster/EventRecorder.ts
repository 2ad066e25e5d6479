import type { Event, KubeObject } from '../api/types.js';
import type { Callbacks } from '../engine/Callbacks.js';
import type { Timer } from '../engine/Simulation.js';
import type { Micros } from '../engine/time.js';
import type { ClusterClock } from './clock.js';
import type { Store } from './store/Store.js';

/** kube-apiserver's default `--event-ttl`: Events older than this are gone. */
export const EVENT_TTL_SECONDS = 3600;
/**
 * The apiserver's etcd lease manager reuses one lease for the writes of this
 * long (min(60 s, 5% of the TTL)) and grants it that much longer than the TTL.
 */
export const EVENT_LEASE_REUSE_SECONDS = Math.min(60, Math.floor(EVENT_TTL_SECONDS * 0.05));

/** One etcd lease Events are written with: it expires, and deletes them, at `expiresAt`. */
interface EventLease {
  readonly grantedAt: Micros;
  readonly expiresAt: Micros;
  /** The Events last written with this lease, and their correlator keys. */
  readonly events: Map<string, { namespace: string; name: string; key: string }>;
}

/**
 * client-go's EventRecorder: components record Normal and Warning Events
 * about objects; a repeat of the same reason and message on the same object
 * bumps `count` and `lastTimestamp` instead of making a new Event, as the
 * event correlator does. Events are written straight to the store (they are
 * fire-and-forget in Kubernetes too) and expire after the event TTL.
 */
export class EventRecorder {
  private readonly latest = new Map<string, { namespace: string; name: string }>();
  private serial = 0;
  /** Leases not yet expired, oldest first; the last one is reused for new writes. */
  private readonly leases: EventLease[] = [];
  /** The lease each Event was last written with, by namespace/name. */
  private readonly leaseOf = new Map<string, EventLease>();
  private readonly expiry: Timer | null;

  constructor(
    private readonly store: Store,
    private readonly clock: ClusterClock,
    /** False to record nothing (large runs that never print events). */
    readonly enabled: boolean,
    /** When given, Events expire on the virtual clock as etcd's leases make them (see {@link attachLease}). */
    callbacks?: Callbacks,
  ) {
    this.expiry = enabled && callbacks !== undefined ? callbacks.timer(() => this.expireLeases()) : null;
  }

  /** Records an Event about `object` from `component` (on `host`, for kubelets). */
  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string): void {
    if (!this.enabled) return;
    const meta = object.metadata;
    const namespace = meta.namespace ?? 'default';
    const key = `${meta.uid ?? meta.name}\u0000${reason}\u0000${message}`;
    const now = this.clock.timestamp();
    const seen = this.latest.get(key);
    if (seen !== undefined && this.store.get<Event>('Event', seen.namespace, seen.name) !== undefined) {
      this.store.update<Event>('Event', seen.namespace, seen.name, (e) => ({ ...e, count: (e.count ?? 1) + 1, lastTimestamp: now }));
      this.attachLease(seen.namespace, seen.name, key);
      return;
    }
    const name = `${meta.name ?? ''}.${(++this.serial).toString(16).padStart(16, '0')}`;
    const involvedObject: Event['involvedObject'] = { kind: object.kind ?? '', name: meta.name ?? '' };
    if (meta.namespace !== undefined) involvedObject.namespace = meta.namespace;
    if (meta.uid !== undefined) involvedObject.uid = meta.uid;
    const source: Event['source'] = { component };
    if (host !== undefined) source.host = host;
    this.store.create<Event>({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      type,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
    this.latest.set(key, { namespace, name });
    this.attachLease(namespace, name, key);
  }

  /**
   * Every Event write carries an etcd lease of the event TTL: the apiserver
   * grants one lease of TTL + 60 s and reuses it for the writes of the next
   * 60 s (storage/etcd3's leaseManager), so an Event is deleted between one
   * TTL and one TTL + 60 s after its last write, with the others of its lease.
   */
  private attachLease(namespace: string, name: string, key: string): void {
    if (this.expiry === null) return;
    const now = this.clock.now;
    const reuse = EVENT_LEASE_REUSE_SECONDS * 1_000_000;
    let lease = this.leases[this.leases.length - 1];
    if (lease === undefined || now >= lease.grantedAt + reuse) {
      lease = { grantedAt: now, expiresAt: now + EVENT_TTL_SECONDS * 1_000_000 + reuse, events: new Map() };
      this.leases.push(lease);
      if (this.leases.length === 1) this.expiry.armAt(lease.expiresAt);
    }
    const id = `${namespace}/${name}`;
    const before = this.leaseOf.get(id);
    if (before === lease) return;
    before?.events.delete(id);
    this.leaseOf.set(id, lease);
    lease.events.set(id, { namespace, name, key });
  }

  /** The oldest lease expired: its Events are deleted. */
  private expireLeases(): void {
    const now = this.clock.now;
    while (this.leases.length > 0 && this.leases[0]!.expiresAt <= now) {
      const lease = this.leases.shift()!;
      for (const [id, e] of lease.events) {
        this.leaseOf.delete(id);
        const seen = this.latest.get(e.key);
        if (seen !== undefined && seen.namespace === e.namespace && seen.name === e.name) this.latest.delete(e.key);
        this.store.remove('Event', e.namespace, e.name);
      }
    }
    const next = this.leases[0];
    if (next !== undefined) this.expiry!.armAt(next.expiresAt);
  }

  /** Deletes Events whose last occurrence is older than the TTL. */
  expire(): void {
    const cutoff = this.clock.now - EVENT_TTL_SECONDS * 1_000_000;
    const expired: Event[] = [];
    for (const e of this.store.list<Event>('Event')) {
      if (this.clock.instantOf(e.lastTimestamp ?? e.metadata.creationTimestamp) < cutoff) expired.push(e);
    }
    for (const e of expired) this.store.remove('Event', e.metadata.namespace, e.metadata.name ?? '');
  }
}
