import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../../src/api/types.js';
import { installAdmission } from '../../src/cluster/admission.js';
import { Cluster } from '../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../src/cluster/ControlPlaneProfile.js';
import { InvariantMonitor } from '../../src/cluster/invariants.js';
import { ClusterSchedulerHost } from '../../src/scheduler/ClusterSchedulerHost.js';
import { createScheduler } from '../../src/scheduler/createScheduler.js';
import { loadBuiltinPolicy } from '../../src/scheduler/policies/resolvePolicy.js';

function node(name: string, cpu: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: { capacity: { cpu, memory: '8Gi', pods: '110' }, allocatable: { cpu, memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, cpu: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] } };
}

function clusterWithScheduler(profile = CONTROL_PLANE_PROFILES.realistic) {
  const cluster = new Cluster({ seed: 3, profile });
  installAdmission(cluster);
  const host = new ClusterSchedulerHost(cluster);
  const scheduler = createScheduler(cluster.sim, host, loadBuiltinPolicy('default'));
  host.attach(scheduler);
  cluster.add(host);
  const monitor = new InvariantMonitor(cluster.store);
  return { cluster, scheduler, monitor };
}

describe('kube-scheduler in a simulated cluster', () => {
  it('binds pods through the API server: watch latency in, request latency out', () => {
    const { cluster, monitor } = clusterWithScheduler();
    cluster.store.create(node('n1', '2'));
    cluster.start();
    cluster.client('kubectl').create(pod('a', '500m'));
    cluster.sim.run({ until: 10_000_000 });
    const bound = cluster.store.get<Pod>('Pod', 'default', 'a')!;
    expect(bound.spec.nodeName).toBe('n1');
    // create (15 ms) → watch (25 ms) → scheduling cycle (0) → bind (15 ms) at 55 ms.
    const p = CONTROL_PLANE_PROFILES.realistic;
    const scheduled = [...cluster.store.list<Event>('Event')][0]!;
    expect(scheduled.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(2 * p.requestLatency + p.watchLatency).toBeLessThan(1_000_000);
    const events = [...cluster.store.list<Event>('Event')].map((e) => `${e.reason}: ${e.message}`);
    expect(events).toEqual(['Scheduled: Successfully assigned default/a to n1']);
    expect(monitor.violations).toEqual([]);
  });

  it('records PodScheduled=False/Unschedulable and a FailedScheduling event for a pod that fits nowhere', () => {
    const { cluster } = clusterWithScheduler();
    cluster.store.create(node('n1', '1'));
    cluster.start();
    cluster.client('kubectl').create(pod('big', '4'));
    cluster.sim.run({ until: 5_000_000 });
    const p = cluster.store.get<Pod>('Pod', 'default', 'big')!;
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status?.phase).toBe('Pending');
    const cond = p.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    // The scheduler's FitError message, as the cycle wrote it.
    expect(cond?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\. /);
    const failed = [...cluster.store.list<Event>('Event')].filter((e) => e.reason === 'FailedScheduling');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]!.type).toBe('Warning');
    expect(failed[0]!.message).toBe(cond?.message);
  });

  it('schedules a pending pod once a node joins, never overcommitting', () => {
    const { cluster, monitor } = clusterWithScheduler();
    cluster.store.create(node('n1', '1'));
    cluster.start();
    for (let i = 0; i < 3; i++) cluster.client('kubectl').create(pod(`p${i}`, '600m'));
    cluster.sim.run({ until: 2_000_000 });
    const boundCount = () => [...cluster.store.list<Pod>('Pod')].filter((p) => p.spec.nodeName !== undefined).length;
    expect(boundCount()).toBe(1);
    cluster.client('kubelet').create(node('n2', '2'));
    cluster.sim.run({ until: 60_000_000 });
    expect(boundCount()).toBe(3);
    monitor.checkAllNodes();
    expect(monitor.violations).toEqual([]);
  });

  it('gives admitted pods their priority and the default NoExecute tolerations', () => {
    const { cluster } = clusterWithScheduler(CONTROL_PLANE_PROFILES.ideal);
    cluster.start();
    cluster.client('kubectl').create({ ...pod('crit', '100m'), spec: { ...pod('crit', '100m').spec, priorityClassName: 'system-node-critical' } });
    cluster.sim.run({ until: 10_000_000 });
    const p = cluster.store.get<Pod>('Pod', 'default', 'crit')!;
    expect(p.spec.priority).toBe(2_000_001_000);
    expect(p.spec.tolerations?.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:300',
      'node.kubernetes.io/unreachable:NoExecute:300',
    ]);
  });
});
