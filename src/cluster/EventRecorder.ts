import type { Event, KubeObject } from '../api/types.js';
import type { ClusterClock } from './clock.js';
import type { Store } from './store/Store.js';

/** kube-apiserver's default `--event-ttl`: Events older than this are gone. */
export const EVENT_TTL_SECONDS = 3600;

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

  constructor(
    private readonly store: Store,
    private readonly clock: ClusterClock,
    /** False to record nothing (large runs that never print events). */
    readonly enabled: boolean,
  ) {}

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
