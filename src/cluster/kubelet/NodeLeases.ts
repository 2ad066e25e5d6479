import type { Lease } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import type { Cluster } from '../Cluster.js';
import type { Stored, WatchEvent } from '../store/Store.js';
import { NAMESPACE_NODE_LEASE, NODE_LEASE_RENEW_INTERVAL } from './constants.js';
import { microTime } from './nodeStatus.js';

/**
 * One unbroken run of a kubelet's lease renewals: the renewal written
 * through the API at `anchor` (the lease's create, or the update after a
 * restart), then one every renew interval strictly before `end` (Infinity
 * while the kubelet runs).
 */
interface RenewalRun {
  readonly anchor: Micros;
  end: Micros;
}

/** Told the name of a node whose renewal schedule changed (a run began or ended). */
export type NodeLeaseListener = (nodeName: string) => void;

/** Told that a running kubelet's lease was deleted: it should write it again at the instant `at`. */
export type LeaseLostHandler = (nodeName: string, at: Micros) => void;

const registry = new WeakMap<object, NodeLeases>();

/**
 * The node leases of one cluster as a schedule rather than as writes: a
 * kubelet renews its Lease at a fixed cadence (every 10s from its first
 * write, kubernetes-behaviour.md §1), so instead of an API write and a watch
 * delivery per renewal, the renewals after the first of each run are
 * answered here: the renewTime the Lease has at an instant (its commit lands
 * after the request latency) and the one a watcher has seen (after the watch
 * latency too). The first renewal of each run still goes through the API, so
 * the Lease exists with its owner reference; {@link flush} writes the rest
 * into the store when something reads the store itself (a view, the end of
 * a run), and {@link project} gives a view's copy without writing.
 *
 * One ordering convention stands in for the event queue's: a kubelet
 * stopping at the very instant of a renewal stops before it (as operations
 * scheduled in advance do).
 */
export class NodeLeases {
  /** The renew interval (nodeLeaseDurationSeconds × 0.25). */
  readonly interval: Micros = NODE_LEASE_RENEW_INTERVAL;
  private readonly requestLatency: Micros;
  private readonly watchLatency: Micros;
  private readonly runs = new Map<string, RenewalRun[]>();
  private readonly listeners: NodeLeaseListener[] = [];
  private leaseLost: LeaseLostHandler | null = null;
  private watching = false;
  private lastRenewTime: [Micros, string] = [-1, ''];

  private constructor(private readonly cluster: Pick<Cluster, 'store' | 'clock' | 'profile' | 'sim'>) {
    this.requestLatency = cluster.profile.requestLatency;
    this.watchLatency = cluster.profile.watchLatency;
  }

  /** The cluster's node leases, made on first use (the kubelets and the node lifecycle controller share them). */
  static of(cluster: Pick<Cluster, 'store' | 'clock' | 'profile' | 'sim'>): NodeLeases {
    let leases = registry.get(cluster);
    if (leases === undefined) registry.set(cluster, (leases = new NodeLeases(cluster)));
    return leases;
  }

  /** The cluster's node leases if anything made them. */
  static find(cluster: object): NodeLeases | undefined {
    return registry.get(cluster);
  }

  // ---- the kubelets' side ----------------------------------------------------------

  /** Who writes a lost lease again (the kubelets). */
  onLeaseLost(handler: LeaseLostHandler): void {
    this.leaseLost = handler;
  }

  /** The kubelet of `nodeName` wrote its lease through the API at `now`: renewals follow every interval. */
  renewed(nodeName: string, now: Micros): void {
    this.watchDeletions();
    let runs = this.runs.get(nodeName);
    if (runs === undefined) this.runs.set(nodeName, (runs = []));
    const open = runs[runs.length - 1];
    if (open !== undefined && open.end > now) open.end = now;
    runs.push({ anchor: now, end: Infinity });
    this.prune(runs, now);
    this.notify(nodeName);
  }

  /** The kubelet of `nodeName` stopped at `now`: no renewal at or after it. */
  stopped(nodeName: string, now: Micros): void {
    const runs = this.runs.get(nodeName);
    const open = runs?.[runs.length - 1];
    if (open === undefined || open.end <= now) return;
    open.end = now;
    this.notify(nodeName);
  }

  // ---- what observers see ------------------------------------------------------------

  /** Tells `listener` of every node whose renewal schedule changes. */
  subscribe(listener: NodeLeaseListener): void {
    this.listeners.push(listener);
  }

  /**
   * True when the kubelet of `nodeName` renews and the written first renewal
   * of its current run reached watchers before `t`: from then on a watcher
   * always has a renewal at most one interval old.
   */
  isRenewing(nodeName: string, t: Micros): boolean {
    const runs = this.runs.get(nodeName);
    const open = runs?.[runs.length - 1];
    return open !== undefined && open.end === Infinity && this.arrivalOf(open.anchor) < t;
  }

  /**
   * The instant of the latest renewal answered here (not the written ones)
   * that reached watchers before `t` (or at `t` too when `inclusive`), or
   * undefined.
   */
  latestArrived(nodeName: string, t: Micros, inclusive: boolean): Micros | undefined {
    return this.latest(nodeName, t - this.requestLatency - this.watchLatency, inclusive);
  }

  /** The instant of the latest renewal answered here whose write committed by `t`, or undefined. */
  latestCommitted(nodeName: string, t: Micros): Micros | undefined {
    return this.latest(nodeName, t - this.requestLatency, true);
  }

  /** When the renewal made at `renewedAt` reaches watchers. */
  arrivalOf(renewedAt: Micros): Micros {
    return renewedAt + this.requestLatency + this.watchLatency;
  }

  /** The lease's renewTime (metav1.MicroTime) for a renewal at `t`. */
  renewTimeOf(t: Micros): string {
    if (this.lastRenewTime[0] !== t) this.lastRenewTime = [t, microTime(this.cluster.clock.originMs, t)];
    return this.lastRenewTime[1];
  }

  /** `lease` as the store would hold it at `t` had every renewal been written (the same object when nothing is newer). */
  project<T extends Lease>(lease: T, t: Micros): T {
    if (lease.metadata.namespace !== NAMESPACE_NODE_LEASE) return lease;
    const renewTime = this.committedRenewTime(lease.metadata.name ?? '', lease, t);
    return renewTime === null ? lease : { ...lease, spec: { ...lease.spec, renewTime } };
  }

  /** Writes every node lease's latest committed renewal into the store (before something reads the store itself). */
  flush(): void {
    const store = this.cluster.store;
    const now = this.cluster.sim.now;
    for (const name of this.runs.keys()) {
      const lease = store.get<Lease>('Lease', NAMESPACE_NODE_LEASE, name);
      if (lease === undefined) continue;
      const renewTime = this.committedRenewTime(name, lease, now);
      if (renewTime === null) continue;
      store.update<Lease>('Lease', NAMESPACE_NODE_LEASE, name, (l) => ({ ...l, spec: { ...l.spec, holderIdentity: name, renewTime } }));
    }
  }

  // ---- internals ------------------------------------------------------------------------

  /** The renewTime newer than `lease`'s that a write committed by `t` would have set, or null. */
  private committedRenewTime(name: string, lease: Lease, t: Micros): string | null {
    const r = this.latestCommitted(name, t);
    if (r === undefined) return null;
    const renewTime = this.renewTimeOf(r);
    const current = lease.spec.renewTime;
    return current !== undefined && current >= renewTime ? null : renewTime;
  }

  /** The latest answered renewal at or before `cutoff` (strictly before unless `inclusive`), newest run first. */
  private latest(nodeName: string, cutoff: Micros, inclusive: boolean): Micros | undefined {
    const runs = this.runs.get(nodeName);
    if (runs === undefined) return undefined;
    const interval = this.interval;
    for (let i = runs.length - 1; i >= 0; i--) {
      const run = runs[i]!;
      // Renewals anchor + k·interval for k ≥ 1, strictly before `end`, and within the cutoff.
      const byEnd = run.end === Infinity ? Infinity : Math.ceil((run.end - run.anchor) / interval) - 1;
      const span = cutoff - run.anchor;
      const byCutoff = inclusive ? Math.floor(span / interval) : Math.ceil(span / interval) - 1;
      const k = Math.min(byEnd, byCutoff);
      if (k >= 1) return run.anchor + k * interval;
    }
    return undefined;
  }

  /** Drops the runs older than the newest one with an answered renewal that already reached watchers (nothing asks about the past). */
  private prune(runs: RenewalRun[], now: Micros): void {
    for (let i = runs.length - 2; i >= 1; i--) {
      const run = runs[i]!;
      const first = run.anchor + this.interval;
      if (first < run.end && this.arrivalOf(first) < now) {
        runs.splice(0, i);
        return;
      }
    }
  }

  private notify(nodeName: string): void {
    for (const l of this.listeners) l(nodeName);
  }

  /** A running kubelet's lease deleted (its Node was deleted): its runs end, and the kubelet writes it again at its next renewal. */
  private watchDeletions(): void {
    if (this.watching) return;
    this.watching = true;
    this.cluster.store.watch<Lease>('Lease', (event) => {
      if (event.type !== 'DELETED') return;
      const lease = (event as WatchEvent<Stored<Lease>>).object;
      if (lease.metadata.namespace !== NAMESPACE_NODE_LEASE) return;
      const name = lease.metadata.name;
      const runs = this.runs.get(name);
      const open = runs?.[runs.length - 1];
      if (open === undefined || open.end !== Infinity) return;
      const now = this.cluster.sim.now;
      // Renewals whose update committed before the delete count; later ones failed (NotFound).
      const committedBy = now - this.watchLatency;
      open.end = Math.max(open.anchor + 1, committedBy - this.requestLatency + 1);
      this.notify(name);
      const next = open.anchor + (Math.floor((now - open.anchor) / this.interval) + 1) * this.interval;
      this.leaseLost?.(name, next);
    });
  }
}
