import type { Lease, Node, NodeCondition } from '../../../api/types.js';
import type { Micros } from '../../../engine/time.js';
import type { ClusterClock } from '../../clock.js';

/** The node's Ready condition, if any. */
export function readyOf(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** What the controller remembers of a node's health (nodeHealthData). */
interface NodeHealth {
  probeTimestamp: Micros;
  readyTransitionTimestamp: Micros;
  /** The Ready condition last seen. */
  readyCondition: NodeCondition | undefined;
  /** The lease's renewTime last seen. */
  leaseRenewTime: string | undefined;
  /** The node and lease objects the last pass read (stored objects are immutable: same object, nothing new). */
  seenNode: Node | undefined;
  seenLease: Lease | undefined;
}

/** A lease renewal the controller saw at a pass before this one (one it did not look at the node for). */
export interface SeenRenewal {
  /** The lease's renewTime. */
  renewTime: string;
  /** The pass that first saw it. */
  seenAt: Micros;
}

/** One node's health check: the Ready condition as observed and as it is now, and the conditions to write (or null). */
export interface HealthCheck {
  observed: NodeCondition;
  current: NodeCondition | undefined;
  conditions: NodeCondition[] | null;
}

/**
 * The node lifecycle controller's nodeHealthMap and tryUpdateNodeHealth: a
 * node is probed alive when its Ready heartbeat or its lease renewal changes;
 * once now is past probe + grace (the startup grace for a node that never
 * posted Ready) its kubelet conditions become Unknown (NodeStatusUnknown,
 * "Kubelet stopped posting node status."; missing ones NodeStatusNeverUpdated).
 */
export class NodeHealthTracker {
  private readonly health = new Map<string, NodeHealth>();
  /** The answer for a node with nothing new, reused (read it before the next call). */
  private readonly unchanged: HealthCheck = { observed: { type: 'Ready', status: 'Unknown' }, current: undefined, conditions: null };

  constructor(
    private readonly clock: ClusterClock,
    private readonly gracePeriod: Micros,
    private readonly startupGracePeriod: Micros,
  ) {}

  /** Forgets a deleted node. */
  forget(name: string): void {
    this.health.delete(name);
  }

  /** Leaving full disruption: the node counts as probed `now`. */
  resetProbe(name: string, now: Micros): void {
    const h = this.health.get(name);
    if (h === undefined) return;
    h.probeTimestamp = now;
    h.readyTransitionTimestamp = now;
  }

  /** The probe time and Ready condition remembered for `name`. */
  peek(name: string): { readonly probeTimestamp: Micros; readonly readyCondition: NodeCondition | undefined } | undefined {
    return this.health.get(name);
  }

  /**
   * tryUpdateNodeHealth for `node` and its `lease` at `now`; the answer is
   * valid until the next call. `renewal` is a newer renewal the controller
   * would have seen at an earlier pass had it looked then: the probe time
   * becomes that pass, as it would have.
   */
  tryUpdate(node: Node & { metadata: { name: string; creationTimestamp: string } }, lease: Lease | undefined, now: Micros, renewal?: SeenRenewal): HealthCheck {
    const name = node.metadata.name;
    let health = this.health.get(name);
    if (health !== undefined && health.seenNode === node && health.readyCondition !== undefined) {
      // The node object is the one seen last pass: at most the lease moved (the common case, kept cheap).
      if (renewal !== undefined) seeRenewal(health, renewal);
      if (health.seenLease !== lease) {
        health.seenLease = lease;
        const renewTime = lease?.spec.renewTime;
        if (renewTime !== undefined && (health.leaseRenewTime === undefined || health.leaseRenewTime < renewTime)) {
          health.leaseRenewTime = renewTime;
          health.probeTimestamp = now;
        }
      }
      const current = health.readyCondition;
      if (now <= health.probeTimestamp + this.gracePeriod || current.status === 'Unknown') {
        const r = this.unchanged;
        r.observed = current;
        r.current = current;
        return r;
      }
    }
    const current = readyOf(node);
    let observed: NodeCondition;
    let gracePeriod: Micros;
    if (current === undefined) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp };
      gracePeriod = this.startupGracePeriod;
      const created = this.clock.instantOf(node.metadata.creationTimestamp);
      if (health !== undefined) health.readyCondition = undefined;
      else health = { probeTimestamp: created, readyTransitionTimestamp: created, readyCondition: undefined, leaseRenewTime: undefined, seenNode: undefined, seenLease: undefined };
    } else {
      observed = { ...current };
      gracePeriod = this.gracePeriod;
    }
    const saved = health?.readyCondition;
    if (health === undefined) {
      health = { probeTimestamp: now, readyTransitionTimestamp: now, readyCondition: current, leaseRenewTime: undefined, seenNode: undefined, seenLease: undefined };
    } else if (saved === undefined && current !== undefined) {
      health.probeTimestamp = now;
      health.readyTransitionTimestamp = now;
      health.readyCondition = current;
    } else if (saved !== undefined && current === undefined) {
      health.probeTimestamp = now;
      health.readyTransitionTimestamp = now;
      health.readyCondition = undefined;
    } else if (saved !== undefined && current !== undefined && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      if (saved.lastTransitionTime !== current.lastTransitionTime) health.readyTransitionTimestamp = now;
      health.probeTimestamp = now;
      health.readyCondition = current;
    }
    health.seenNode = node;
    health.seenLease = lease;
    if (renewal !== undefined) seeRenewal(health, renewal);
    // Always update the probe time if the node lease is renewed.
    const renewTime = lease?.spec.renewTime;
    if (renewTime !== undefined && (health.leaseRenewTime === undefined || health.leaseRenewTime < renewTime)) {
      health.leaseRenewTime = renewTime;
      health.probeTimestamp = now;
    }
    this.health.set(name, health);

    if (now > health.probeTimestamp + gracePeriod) {
      const stamp = this.clock.timestamp();
      const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const c = conditions.find((x) => x.type === type);
        if (c === undefined) {
          conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: stamp });
        } else if (c.status !== 'Unknown') {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = stamp;
        }
      }
      const updated = conditions.find((c) => c.type === 'Ready');
      if (updated !== undefined && !sameCondition(updated, observed)) {
        health.readyCondition = updated;
        health.readyTransitionTimestamp = now;
        return { observed, current: updated, conditions };
      }
    }
    return { observed, current, conditions: null };
  }
}

/** A renewal newer than the last seen moves the probe to the pass that saw it. */
function seeRenewal(health: NodeHealth, renewal: SeenRenewal): void {
  if (health.leaseRenewTime !== undefined && health.leaseRenewTime >= renewal.renewTime) return;
  health.leaseRenewTime = renewal.renewTime;
  health.probeTimestamp = Math.max(health.probeTimestamp, renewal.seenAt);
}

function sameCondition(a: NodeCondition, b: NodeCondition): boolean {
  return a.type === b.type && a.status === b.status && a.reason === b.reason && a.message === b.message && a.lastHeartbeatTime === b.lastHeartbeatTime && a.lastTransitionTime === b.lastTransitionTime;
}
