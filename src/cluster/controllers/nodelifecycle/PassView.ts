import type { Micros } from '../../../engine/time.js';
import type { NodeLeases } from '../../kubelet/NodeLeases.js';
import type { MonitoredNode } from './MonitoredNodes.js';
import type { SeenRenewal } from './nodeHealth.js';

/**
 * The kubelets' lease renewals as the node lifecycle controller's passes
 * (every node-monitor-period from its start) see them: which renewal a look
 * finds and which pass first saw it, and when a quiet node must be looked
 * at again.
 */
export class PassView {
  /**
   * A renewal reaching the informer at the very instant of a pass is seen by
   * that pass only when its watch delivery was queued before the pass was
   * armed, a period earlier: only when the watch takes longer than a period.
   */
  readonly seenAtSameInstant: boolean;

  constructor(
    private readonly leases: NodeLeases,
    /** The first pass. */
    private readonly startedAt: Micros,
    /** --node-monitor-period. */
    private readonly period: Micros,
    /** --node-monitor-grace-period. */
    private readonly gracePeriod: Micros,
    watchLatency: Micros,
  ) {
    this.seenAtSameInstant = watchLatency > period;
  }

  /** The renewal made by `node`'s kubelet that the pass at `now` sees, when newer than the last one handed out. */
  renewal(node: MonitoredNode, now: Micros): SeenRenewal | undefined {
    const leases = this.leases;
    const at = leases.latestArrived(node.name, now, this.seenAtSameInstant);
    if (at === undefined || at === node.lastRenewal) return undefined;
    node.lastRenewal = at;
    // A node first looked at later saw it then (a pass looks at every node it lists).
    return { renewTime: leases.renewTimeOf(at), seenAt: Math.max(this.firstPassSeeing(leases.arrivalOf(at)), node.firstLookAt) };
  }

  /** The first pass that sees a watch delivery at `arrival`. */
  firstPassSeeing(arrival: Micros): Micros {
    if (arrival < this.startedAt) return this.startedAt;
    const pass = this.startedAt + Math.ceil((arrival - this.startedAt) / this.period) * this.period;
    return pass === arrival && !this.seenAtSameInstant ? pass + this.period : pass;
  }

  /**
   * The pass by which a quiet node must be looked at again, after a look at
   * `now`: never while its kubelet renews (at any pass its lease is then at
   * most one renew interval old, within the grace period; a change of
   * schedule touches the node), otherwise the first pass past its probe
   * time plus the grace period.
   */
  nextCheck(name: string, probeTimestamp: Micros, now: Micros): Micros {
    if (this.leases.interval <= this.gracePeriod && this.leases.isRenewing(name, now)) return Infinity;
    const pass = this.startedAt + (Math.floor((probeTimestamp + this.gracePeriod - this.startedAt) / this.period) + 1) * this.period;
    return Math.max(pass, now + this.period);
  }
}
