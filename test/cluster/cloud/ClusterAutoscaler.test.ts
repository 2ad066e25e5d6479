import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../../../src/api/types.js';
import { CloudProvider } from '../../../src/cluster/cloud/CloudProvider.js';
import { ClusterAutoscaler } from '../../../src/cluster/cloud/ClusterAutoscaler.js';
import type { AutoscalingOptions } from '../../../src/cluster/cloud/AutoscalingOptions.js';
import type { NodeGroup } from '../../../src/cluster/cloud/NodeGroup.js';
import { TAINT_TO_BE_DELETED } from '../../../src/cluster/cloud/ScaleDown.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { seconds } from '../../../src/engine/time.js';
import { FakeMachines, pod, unschedulable } from './fakes.js';

function group(name: string, extra: Partial<NodeGroup> = {}): NodeGroup {
  return { name, minSize: 0, maxSize: 10, provisioningDelay: seconds(60), template: { capacity: { cpu: '2', memory: '4Gi', pods: 110 } }, ...extra };
}

function setup(groups: NodeGroup[], options: Partial<AutoscalingOptions> = {}, register = true) {
  const cluster = new Cluster({ seed: 11 });
  const machines = new FakeMachines(cluster, register);
  const cloud = cluster.add(new CloudProvider(cluster, machines, groups));
  const ca = cluster.add(new ClusterAutoscaler(cluster, cloud, options));
  const client = cluster.client('test');
  return { cluster, machines, cloud, ca, client };
}

function events(cluster: Cluster, reason: string): Event[] {
  return [...cluster.store.list<Event>('Event')].filter((e) => e.reason === reason);
}

function nodeNames(cluster: Cluster): string[] {
  return [...cluster.store.list<Node>('Node')].map((n) => n.metadata.name ?? '');
}

describe('ClusterAutoscaler scale-up', () => {
  it('scales up at the next 10s scan after a pod turns unschedulable; the node is Ready after the provisioning delay', () => {
    const { cluster, machines, ca, client } = setup([group('pool')]);
    cluster.start();
    cluster.sim.run({ until: seconds(3) });
    client.create(unschedulable(pod('web', '1', '1Gi')));
    cluster.sim.run({ until: seconds(9) });
    expect(ca.counters.scaleUps).toBe(0);
    cluster.sim.run({ until: seconds(10) });
    expect(ca.counters).toMatchObject({ scaleUps: 1, nodesAdded: 1 });
    expect(events(cluster, 'TriggeredScaleUp').map((e) => [e.involvedObject.name, e.message, e.source?.component])).toEqual([
      ['web', 'pod triggered scale-up: [{pool 0->1 (max: 10)}]', 'cluster-autoscaler'],
    ]);
    cluster.sim.run({ until: seconds(69) });
    expect(nodeNames(cluster)).toEqual([]);
    // Scans at 20s…60s count the machine coming up: no second scale-up.
    expect(ca.counters.scaleUps).toBe(1);
    cluster.sim.run({ until: seconds(70) });
    expect(nodeNames(cluster)).toEqual(machines.booted);
    const node = cluster.store.get<Node>('Node', undefined, machines.booted[0]!)!;
    expect(node.status?.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:01:10Z' });
    cluster.sim.run({ until: seconds(600) });
    expect(ca.counters.scaleUps).toBe(1);
  });

  it('bin-packs pending pods first-fit decreasing onto template nodes', () => {
    const { cluster, ca } = setup([group('pool')]);
    // 1.5 + 1.5 + 1.5 + 0.5 + 0.5 + 0.5 cpu on 2-cpu nodes: 3 nodes.
    for (const [i, cpu] of ['500m', '1500m', '500m', '1500m', '500m', '1500m'].entries()) cluster.store.create(unschedulable(pod(`p${i}`, cpu, '100Mi')));
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    expect(ca.counters).toMatchObject({ scaleUps: 1, nodesAdded: 3 });
    expect(events(cluster, 'TriggeredScaleUp')[0]!.message).toBe('pod triggered scale-up: [{pool 0->3 (max: 10)}]');
    expect(events(cluster, 'TriggeredScaleUp')).toHaveLength(6);
  });

  it('counts the pods of DaemonSets that would land on a new node', () => {
    const { cluster, ca } = setup([group('pool')]);
    cluster.store.create({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', resources: { requests: { cpu: '600m' } } }] } } },
    });
    // 1.5 cpu pods: with 0.6 taken by the agent, one per node.
    for (const i of [0, 1]) cluster.store.create(unschedulable(pod(`p${i}`, '1', '100Mi')));
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    expect(ca.counters.nodesAdded).toBe(2);
  });

  it('respects the group max size and max-nodes-total', () => {
    const a = setup([group('pool', { maxSize: 2 })]);
    for (const i of [0, 1, 2, 3, 4]) a.cluster.store.create(unschedulable(pod(`p${i}`, '1500m', '100Mi')));
    a.cluster.start();
    a.cluster.sim.run({ until: seconds(200) });
    expect(a.ca.counters).toMatchObject({ scaleUps: 1, nodesAdded: 2 });
    expect(a.cloud.targetSize(a.cloud.groups[0]!)).toBe(2);
    expect(events(a.cluster, 'TriggeredScaleUp')).toHaveLength(2);
    expect(new Set(events(a.cluster, 'NotTriggerScaleUp').map((e) => e.message))).toEqual(new Set(["pod didn't trigger scale-up: 1 max node group size reached"]));

    const b = setup([group('pool')], { maxNodesTotal: 3 });
    for (const i of [0, 1, 2, 3, 4]) b.cluster.store.create(unschedulable(pod(`p${i}`, '1500m', '100Mi')));
    b.cluster.start();
    b.cluster.sim.run({ until: seconds(200) });
    expect(b.ca.counters.nodesAdded).toBe(3);
  });

  it('picks the least-waste group by default, and only groups whose template fits the pod', () => {
    const small = group('small');
    const big = group('big', { template: { capacity: { cpu: '8', memory: '16Gi', pods: 110 } } });
    const gpu = group('gpu', { template: { capacity: { cpu: '8', memory: '16Gi', pods: 110 }, labels: { accelerator: 'a100' }, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] } });
    const { cluster, cloud } = setup([big, small, gpu]);
    // small: (2−1)/2 + (4−1)/4 = 1.25 wasted; big: 7/8 + 15/16 = 1.8125.
    cluster.store.create(unschedulable(pod('web', '1', '1Gi')));
    const wantsGpu = unschedulable(pod('train', '1', '1Gi'));
    wantsGpu.spec = { ...wantsGpu.spec, nodeSelector: { accelerator: 'a100' } };
    cluster.store.create(wantsGpu);
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    // One option per scan: the first scan serves web (least waste), the second can only be gpu.
    expect(cloud.targetSize(small)).toBe(1);
    expect(cloud.targetSize(gpu)).toBe(0);
    cluster.sim.run({ until: seconds(11) });
    // The pod does not tolerate the gpu group's taint: no group fits it.
    expect(cloud.targetSize(gpu)).toBe(0);
    expect(events(cluster, 'NotTriggerScaleUp').map((e) => [e.involvedObject.name, e.message])).toEqual([
      ['train', "pod didn't trigger scale-up: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 2 node(s) didn't match Pod's node affinity/selector"],
    ]);
  });

  it('scales the group whose template the pod tolerates and selects', () => {
    const gpu = group('gpu', { template: { capacity: { cpu: '8', memory: '16Gi', pods: 110 }, labels: { accelerator: 'a100' }, taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] } });
    const { cluster, cloud } = setup([group('small'), gpu]);
    const p = unschedulable(pod('train', '1', '1Gi'));
    p.spec = { ...p.spec, nodeSelector: { accelerator: 'a100' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] };
    cluster.store.create(p);
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    expect(cloud.targetSize(gpu)).toBe(1);
    expect(cloud.targetSize(cloud.groups[0]!)).toBe(0);
  });

  it('most-pods and least-waste choose differently on the same groups', () => {
    const small = group('small', { maxSize: 1 });
    const big = group('big', { maxSize: 1, template: { capacity: { cpu: '8', memory: '32Gi', pods: 110 } } });
    // Four 1.5-cpu pods. small (1 node): 1 pod, waste 0.25 + 3.5/4 = 1.125;
    // big (1 node): 4 pods, waste 2/8 + 30/32 = 1.1875.
    const choose = (expander: AutoscalingOptions['expander']): string[] => {
      const { cluster, cloud } = setup([small, big], { expander });
      for (const i of [0, 1, 2, 3]) cluster.store.create(unschedulable(pod(`p${i}`, '1500m', '512Mi')));
      cluster.start();
      cluster.sim.run({ until: seconds(1) });
      return cloud.groups.filter((g) => cloud.targetSize(g) > 0).map((g) => g.name);
    };
    expect(choose(['most-pods'])).toEqual(['big']);
    expect(choose(['least-waste'])).toEqual(['small']);
  });

  it('removes a machine not Ready within max-node-provision-time (15m) and asks again', () => {
    const { cluster, machines, ca, cloud } = setup([group('pool')], {}, false);
    cluster.start();
    cluster.sim.run({ until: seconds(5) });
    cluster.client('test').create(unschedulable(pod('web', '1', '1Gi')));
    cluster.sim.run({ until: seconds(10) });
    expect(ca.counters.nodesAdded).toBe(1);
    const first = cloud.instances(cloud.groups[0]!)[0]!.name;
    cluster.sim.run({ until: seconds(909) });
    expect(ca.counters.provisioningTimeouts).toBe(0);
    cluster.sim.run({ until: seconds(910) });
    expect(ca.counters).toMatchObject({ provisioningTimeouts: 1, scaleUps: 2, nodesAdded: 2 });
    expect(machines.terminated).toEqual([first]);
    expect(cloud.instance(first)).toBeUndefined();
  });
});

describe('ClusterAutoscaler and failed nodes', () => {
  it('neither removes a node that was up and failed nor counts it as coming up', () => {
    const { cluster, machines, ca } = setup([group('pool', { initialSize: 1, minSize: 1 })]);
    cluster.start();
    cluster.sim.run({ until: seconds(95) });
    const [failed] = machines.booted;
    cluster.client('node-lifecycle').update<Node>('Node', undefined, failed!, (n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'Unknown' }] } }));
    cluster.client('test').create(unschedulable(pod('web', '1', '1Gi')));
    cluster.sim.run({ until: seconds(100) });
    expect(ca.counters.scaleUps).toBe(1);
    cluster.sim.run({ until: seconds(1800) });
    expect(nodeNames(cluster)).toContain(failed);
    expect(ca.counters.provisioningTimeouts).toBe(0);
  });
});

describe('ClusterAutoscaler scale-down', () => {
  it('removes empty nodes in bulk after scale-down-unneeded-time (10m), down to min size', () => {
    const { cluster, ca, cloud } = setup([group('pool', { initialSize: 3, minSize: 1 })]);
    cluster.start();
    // The first scan (t=0) runs before the Nodes are in its informer; they are unneeded from t=10s.
    cluster.sim.run({ until: seconds(609) });
    expect(nodeNames(cluster)).toHaveLength(3);
    expect(ca.scaleDown.unneededSince.size).toBe(2);
    cluster.sim.run({ until: seconds(610) });
    expect(nodeNames(cluster)).toHaveLength(1);
    expect(ca.counters).toMatchObject({ scaleDowns: 1, nodesRemoved: 2 });
    expect(cloud.targetSize(cloud.groups[0]!)).toBe(1);
    expect(events(cluster, 'ScaleDownEmpty')).toHaveLength(2);
    cluster.sim.run({ until: seconds(3600) });
    expect(nodeNames(cluster)).toHaveLength(1);
  });

  it('keeps nodes at or above the utilisation threshold (max of cpu and memory)', () => {
    const { cluster, machines, ca } = setup([group('pool', { initialSize: 2 })]);
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    const [a, b] = machines.booted;
    // a: cpu 0.5 → needed; b: cpu 0.25 but memory 2Gi/4Gi = 0.5 → needed.
    cluster.client('test').create(pod('x', '1', '100Mi', a));
    cluster.client('test').create(pod('y', '500m', '2Gi', b));
    cluster.sim.run({ until: seconds(1800) });
    expect(nodeNames(cluster)).toHaveLength(2);
    expect(ca.counters.scaleDowns).toBe(0);
  });

  it('drains a non-empty node whose pods fit elsewhere: taint, evict, then delete the machine', () => {
    const { cluster, machines, ca } = setup([group('pool', { initialSize: 2 })]);
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    const [a, b] = machines.booted;
    const client = cluster.client('test');
    client.create(pod('p1', '800m', '100Mi', a)); // a at 0.4: its pod fits on b
    client.create(pod('p2', '600m', '100Mi', b)); // b at 0.3, but with p1 moved in it is at 0.7
    cluster.sim.run({ until: seconds(609) });
    expect([...ca.scaleDown.unneededSince]).toEqual([[a, seconds(10)]]);
    cluster.sim.run({ until: seconds(610) });
    expect(cluster.store.get<Node>('Node', undefined, a!)!.spec?.taints?.map((t) => [t.key, t.effect])).toEqual([[TAINT_TO_BE_DELETED, 'NoSchedule']]);
    expect(cluster.store.get<Pod>('Pod', 'default', 'p1')).toBeUndefined();
    expect(events(cluster, 'ScaleDown').map((e) => [e.involvedObject.kind, e.involvedObject.name, e.message])).toEqual([
      ['Node', a, 'marked the node as toBeDeleted/unschedulable'],
      ['Pod', 'p1', 'deleting pod for node scale down'],
    ]);
    cluster.sim.run({ until: seconds(614) });
    expect(nodeNames(cluster)).toEqual([a, b]);
    cluster.sim.run({ until: seconds(615) });
    expect(nodeNames(cluster)).toEqual([b]);
    expect(machines.terminated).toEqual([a]);
    expect(ca.counters).toMatchObject({ scaleDowns: 1, nodesRemoved: 1 });
  });

  it('keeps a node whose pod has no controller', () => {
    const { cluster, machines } = setup([group('pool', { initialSize: 2 })]);
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    const bare = pod('bare', '100m', '100Mi', machines.booted[0]);
    bare.metadata = { name: 'bare', namespace: 'default' };
    cluster.client('test').create(bare);
    cluster.sim.run({ until: seconds(1800) });
    expect(nodeNames(cluster)).toEqual([machines.booted[0]]);
  });

  it('waits scale-down-delay-after-add (10m) after a scale-up', () => {
    const idle = group('idle', { initialSize: 1 });
    const batch = group('batch', { template: { capacity: { cpu: '2', memory: '4Gi', pods: 110 }, labels: { pool: 'batch' } } });
    const { cluster, ca, cloud } = setup([idle, batch]);
    cluster.start();
    cluster.sim.run({ until: seconds(295) });
    const p = unschedulable(pod('job', '1', '1Gi'));
    p.spec = { ...p.spec, nodeSelector: { pool: 'batch' } };
    cluster.client('test').create(p);
    cluster.sim.run({ until: seconds(300) });
    expect(ca.lastScaleUpTime).toBe(seconds(300));
    cluster.sim.run({ until: seconds(400) });
    const [batchNode] = cloud.instances(batch);
    cluster.client('test').bind('default', 'job', batchNode!.name);
    const idleNode = cloud.instances(idle)[0]!.name;
    // Unneeded since 10s, so due at 610s, but the delay after the 300s scale-up holds it to 900s.
    cluster.sim.run({ until: seconds(899) });
    expect(nodeNames(cluster)).toContain(idleNode);
    cluster.sim.run({ until: seconds(900) });
    expect(nodeNames(cluster)).not.toContain(idleNode);
  });
});
