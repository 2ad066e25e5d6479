import { describe, expect, it } from 'vitest';
import type { Lease, Node } from '../../../../src/api/types.js';
import { ClusterClock } from '../../../../src/cluster/clock.js';
import { NodeHealthTracker } from '../../../../src/cluster/controllers/nodelifecycle/nodeHealth.js';
import { seconds } from '../../../../src/engine/time.js';

const ORIGIN = Date.UTC(2026, 0, 1);
const clockAt = (): { clock: ClusterClock; set: (s: number) => void } => {
  let now = 0;
  return { clock: new ClusterClock(ORIGIN, () => now), set: (s) => (now = seconds(s)) };
};
const stamp = (s: number): string => new Date(ORIGIN + s * 1000).toISOString().slice(0, 19) + 'Z';

type StoredNode = Node & { metadata: { name: string; creationTimestamp: string } };
function node(readyHeartbeat?: number): StoredNode {
  const n: StoredNode = { kind: 'Node', metadata: { name: 'n', creationTimestamp: stamp(0) }, status: {} };
  if (readyHeartbeat !== undefined) {
    n.status!.conditions = [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: stamp(readyHeartbeat), lastTransitionTime: stamp(0) },
      { type: 'Ready', status: 'True', lastHeartbeatTime: stamp(readyHeartbeat), lastTransitionTime: stamp(0) },
    ];
  }
  return n;
}
const lease = (renew: number): Lease => ({ kind: 'Lease', metadata: { name: 'n', namespace: 'kube-node-lease' }, spec: { renewTime: `${stamp(renew).slice(0, 19)}.000000Z` } });

// After TestMonitorNodeHealthUpdateStatus (node_lifecycle_controller_test.go): grace 50s, startup grace 60s.
describe('NodeHealthTracker (tryUpdateNodeHealth)', () => {
  it('a node that never posted status goes Unknown (NodeStatusNeverUpdated) after the startup grace from its creation', () => {
    const { clock, set } = clockAt();
    const t = new NodeHealthTracker(clock, seconds(50), seconds(60));
    const n = node();
    set(60);
    expect(t.tryUpdate(n, undefined, seconds(60)).conditions).toBeNull();
    set(61);
    const r = t.tryUpdate(n, undefined, seconds(61));
    expect(r.observed.status).toBe('Unknown');
    expect(r.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'Ready=Unknown/NodeStatusNeverUpdated',
      'MemoryPressure=Unknown/NodeStatusNeverUpdated',
      'DiskPressure=Unknown/NodeStatusNeverUpdated',
      'PIDPressure=Unknown/NodeStatusNeverUpdated',
    ]);
    expect(r.conditions?.[0]).toMatchObject({ message: 'Kubelet never posted node status.', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(61) });
  });

  it('a node first seen with an old heartbeat gets the grace period from when it was first seen', () => {
    const { clock, set } = clockAt();
    const t = new NodeHealthTracker(clock, seconds(50), seconds(60));
    const n = node(0);
    set(100);
    expect(t.tryUpdate(n, undefined, seconds(100)).current?.status).toBe('True');
    set(150);
    expect(t.tryUpdate(n, undefined, seconds(150)).conditions).toBeNull();
    set(151);
    const r = t.tryUpdate(n, undefined, seconds(151));
    expect(r.observed.status).toBe('True');
    expect(r.current).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: stamp(0), lastTransitionTime: stamp(151) });
    expect(r.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=Unknown', 'Ready=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown']);
  });

  it('lease renewals keep a node healthy whose status heartbeat is old; a new heartbeat does too', () => {
    const { clock, set } = clockAt();
    const t = new NodeHealthTracker(clock, seconds(50), seconds(60));
    const n = node(0);
    set(0);
    t.tryUpdate(n, lease(0), 0);
    for (let s = 10; s <= 200; s += 10) {
      set(s);
      expect(t.tryUpdate(n, lease(s), seconds(s)).conditions).toBeNull();
    }
    set(250);
    expect(t.tryUpdate(n, lease(200), seconds(250)).conditions).toBeNull();
    const fresh = node(240);
    set(300);
    expect(t.tryUpdate(fresh, lease(200), seconds(300)).conditions).toBeNull(); // the 240s heartbeat, seen at 300, counts
    set(351);
    expect(t.tryUpdate(fresh, lease(200), seconds(351)).current?.status).toBe('Unknown');
  });
});

describe('NodeHealthTracker: renewals seen at passes that skipped the node', () => {
  it('a newer renewal moves the probe to the pass that saw it, never back, and an older one does nothing', () => {
    const { clock, set } = clockAt();
    const t = new NodeHealthTracker(clock, seconds(50), seconds(60));
    const n = node(0);
    set(0);
    t.tryUpdate(n, lease(0), 0);
    expect(t.peek('n')?.probeTimestamp).toBe(0);
    // The 40s renewal was first seen by the 45s pass; the node is looked at again at 90s.
    set(90);
    expect(t.tryUpdate(n, lease(0), seconds(90), { renewTime: lease(40).spec.renewTime!, seenAt: seconds(45) }).conditions).toBeNull();
    expect(t.peek('n')?.probeTimestamp).toBe(seconds(45));
    // 45 + 50 < 100: Unknown at the 100s look.
    set(100);
    expect(t.tryUpdate(n, lease(0), seconds(100), { renewTime: lease(30).spec.renewTime!, seenAt: seconds(35) }).current?.status).toBe('Unknown');
    expect(t.peek('n')?.probeTimestamp).toBe(seconds(45));
  });
});
