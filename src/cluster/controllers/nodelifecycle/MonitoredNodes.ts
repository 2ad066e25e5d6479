import type { Micros } from '../../../engine/time.js';

/** What the node lifecycle controller keeps of one node between passes. */
export interface MonitoredNode {
  readonly name: string;
  /** The order the node informer first saw it in (its list order). */
  readonly order: number;
  /** The pass that first looked at it (-1: none yet). */
  firstLookAt: Micros;
  /** Its zone, whether it counts for zone disruption, and whether it was Ready at the last look. */
  zone: string;
  counted: boolean;
  ready: boolean;
  /** It contributes to the zone counts (it was looked at). */
  contributing: boolean;
  /** The pass that looks at it again although nothing told of a change (Infinity: none). */
  checkAt: Micros;
  /** The last kubelet renewal (instant) handed to the health tracker. */
  lastRenewal: Micros;
}

/** The Ready and not-Ready nodes of one zone that count for disruption. */
export interface ZoneCount {
  ready: number;
  notReady: number;
}

/**
 * The nodes the node lifecycle controller monitors, split so that a pass
 * costs only what changed. A pass looks at a node when it is new, something
 * about it changed (its Node, its Lease, its kubelet's renewal schedule), it
 * is not a healthy Ready node (every pass then has something to do for it),
 * or its grace period could run out by then (`checkAt`). Every other node is
 * quiet: a pass would find its Ready condition True and unchanged, no taint
 * to remove and nothing queued, so skipping it changes nothing but the
 * count of Ready nodes in its zone, which is kept here.
 */
export class MonitoredNodes {
  private readonly nodes = new Map<string, MonitoredNode>();
  /** Looked at by the next pass. */
  private readonly due = new Set<string>();
  /** Quiet nodes looked at by the pass at an instant. */
  private readonly checks = new Map<Micros, Set<string>>();
  /** Counted nodes by zone, as of their last look; zones with none are absent. */
  readonly zones = new Map<string, ZoneCount>();
  private order = 0;

  /** The node informer saw `name` (again): the next pass looks at it. */
  add(name: string): void {
    this.remove(name);
    this.nodes.set(name, { name, order: this.order++, firstLookAt: -1, zone: '', counted: false, ready: false, contributing: false, checkAt: Infinity, lastRenewal: -1 });
    this.due.add(name);
  }

  /** The node was deleted from the informer: it no longer counts. */
  remove(name: string): void {
    const node = this.nodes.get(name);
    if (node === undefined) return;
    this.withdraw(node);
    this.unschedule(node);
    this.due.delete(name);
    this.nodes.delete(name);
  }

  /** Something about `name` changed: the next pass looks at it. */
  touch(name: string): void {
    if (this.nodes.has(name)) this.due.add(name);
  }

  /** The node `name`, if monitored. */
  get(name: string): MonitoredNode | undefined {
    return this.nodes.get(name);
  }

  /** The nodes the pass at `now` looks at, in list order; they are due no more until {@link settle} says so. */
  takeDue(now: Micros): MonitoredNode[] {
    const checked = this.checks.get(now);
    if (checked !== undefined) {
      this.checks.delete(now);
      for (const name of checked) {
        const node = this.nodes.get(name);
        if (node === undefined) continue;
        node.checkAt = Infinity;
        this.due.add(name);
      }
    }
    const out: MonitoredNode[] = [];
    for (const name of this.due) {
      const node = this.nodes.get(name);
      if (node !== undefined) out.push(node);
    }
    this.due.clear();
    if (out.length > 1) out.sort((a, b) => a.order - b.order);
    return out;
  }

  /** Every node is looked at by this pass: none is due any more. */
  takeAll(): void {
    this.due.clear();
    for (const node of this.nodes.values()) this.unschedule(node);
  }

  /** The node's zone contribution as of its look now. */
  contribute(node: MonitoredNode, zone: string, counted: boolean, ready: boolean): void {
    if (node.contributing && node.zone === zone && node.counted === counted && node.ready === ready) return;
    this.withdraw(node);
    node.zone = zone;
    node.counted = counted;
    node.ready = ready;
    node.contributing = true;
    if (!counted) return;
    let count = this.zones.get(zone);
    if (count === undefined) this.zones.set(zone, (count = { ready: 0, notReady: 0 }));
    if (ready) count.ready++;
    else count.notReady++;
  }

  /** After a look: `checkAt` null keeps it due every pass; otherwise it is quiet until then (Infinity: until told). */
  settle(node: MonitoredNode, checkAt: Micros | null): void {
    this.unschedule(node);
    if (checkAt === null) {
      this.due.add(node.name);
      return;
    }
    node.checkAt = checkAt;
    if (checkAt === Infinity) return;
    let set = this.checks.get(checkAt);
    if (set === undefined) this.checks.set(checkAt, (set = new Set()));
    set.add(node.name);
  }

  /**
   * The Ready counts of every zone with counted nodes. They are in the
   * order of each zone's first node in `list` (the node informer's) when
   * some zone has no state yet: handleDisruption gives new zones their state
   * in that order.
   */
  zoneCounts(zoneStates: ReadonlyMap<string, unknown>, list: Iterable<{ metadata: { name: string } }>): Map<string, ZoneCount> {
    let known = true;
    for (const zone of this.zones.keys()) {
      if (!zoneStates.has(zone)) {
        known = false;
        break;
      }
    }
    if (known) return this.zones;
    const ordered = new Map<string, ZoneCount>();
    for (const object of list) {
      const node = this.nodes.get(object.metadata.name);
      if (node === undefined || !node.contributing || !node.counted || ordered.has(node.zone)) continue;
      ordered.set(node.zone, this.zones.get(node.zone)!);
    }
    return ordered;
  }

  private withdraw(node: MonitoredNode): void {
    if (!node.contributing) return;
    node.contributing = false;
    if (!node.counted) return;
    const count = this.zones.get(node.zone);
    if (count === undefined) return;
    if (node.ready) count.ready--;
    else count.notReady--;
    if (count.ready === 0 && count.notReady === 0) this.zones.delete(node.zone);
  }

  private unschedule(node: MonitoredNode): void {
    if (node.checkAt === Infinity) return;
    const set = this.checks.get(node.checkAt);
    if (set !== undefined) {
      set.delete(node.name);
      if (set.size === 0) this.checks.delete(node.checkAt);
    }
    node.checkAt = Infinity;
  }
}
