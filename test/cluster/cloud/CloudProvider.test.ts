import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/api/types.js';
import { CloudProvider, TAINT_CLOUD_PROVIDER_UNINITIALIZED } from '../../../src/cluster/cloud/CloudProvider.js';
import type { NodeGroup } from '../../../src/cluster/cloud/NodeGroup.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../src/cluster/ControlPlaneProfile.js';
import { seconds } from '../../../src/engine/time.js';
import { FakeMachines } from './fakes.js';

const pool: NodeGroup = {
  name: 'pool',
  minSize: 0,
  maxSize: 3,
  provisioningDelay: seconds(90),
  template: { capacity: { cpu: '4', memory: '16Gi', pods: 110 }, allocatable: { cpu: '3920m', memory: '15Gi', pods: 110 }, labels: { 'node.kubernetes.io/instance-type': 'n2-standard-4' }, taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }], zone: 'zone-a' },
};

function setup(groups: NodeGroup[] = [pool]) {
  const cluster = new Cluster({ seed: 7 });
  const machines = new FakeMachines(cluster);
  const cloud = cluster.add(new CloudProvider(cluster, machines, groups));
  cluster.start();
  return { cluster, machines, cloud };
}

describe('CloudProvider', () => {
  it('boots a machine after the provisioning delay; the CCM initialises its Node', () => {
    const { cluster, machines, cloud } = setup();
    cluster.sim.run({ until: seconds(10) });
    const [name] = cloud.increaseSize(pool, 1);
    expect(name).toMatch(/^pool-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(cloud.targetSize(pool)).toBe(1);
    cluster.sim.run({ until: seconds(99) });
    expect(machines.booted).toEqual([]);
    cluster.sim.run({ until: seconds(100) });
    expect(machines.booted).toEqual([name]);
    const node = cluster.store.get<Node>('Node', undefined, name!)!;
    expect(node.spec?.providerID).toBe(`kubesim://pool/${name}`);
    expect(node.spec?.taints).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }]);
    expect(node.metadata.labels).toEqual({ 'node.kubernetes.io/instance-type': 'n2-standard-4', 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'zone-a' });
    expect(node.status?.allocatable).toEqual({ cpu: '3920m', memory: '15Gi', pods: 110 });
    expect(cloud.nodeGroupForNode(name!)).toBe(pool);
    expect(cloud.counters).toEqual({ nodesRequested: 1, nodesBooted: 1, nodesDeleted: 0, nodesInitialized: 1 });
  });

  it('registers the node with the uninitialized taint until the CCM removes it', () => {
    const cluster = new Cluster({ seed: 7, profile: CONTROL_PLANE_PROFILES.realistic });
    const machines = new FakeMachines(cluster);
    const cloud = cluster.add(new CloudProvider(cluster, machines, [{ ...pool, initialSize: 1 }]));
    const seen: string[][] = [];
    cluster.store.watch<Node>('Node', (e) => seen.push((e.object.spec?.taints ?? []).map((t) => t.key)));
    cluster.start();
    cluster.sim.run({ until: seconds(1) });
    expect(cloud.targetSize(cloud.group('pool')!)).toBe(1);
    expect(seen).toEqual([['dedicated', TAINT_CLOUD_PROVIDER_UNINITIALIZED], ['dedicated']]);
  });

  it('refuses to grow past max size', () => {
    const { cloud } = setup();
    cloud.increaseSize(pool, 3);
    expect(() => cloud.increaseSize(pool, 1)).toThrow('size increase too large - desired:4 max:3');
  });

  it('deletes a machine: terminates it and deletes its Node', () => {
    const { cluster, machines, cloud } = setup([{ ...pool, initialSize: 2 }]);
    cluster.sim.run({ until: seconds(1) });
    const [a, b] = machines.booted;
    expect(cloud.deleteNode(a!)).toBe(true);
    cluster.sim.run({ until: seconds(2) });
    expect(machines.terminated).toEqual([a]);
    expect(cluster.store.get('Node', undefined, a!)).toBeUndefined();
    expect(cluster.store.get('Node', undefined, b!)).toBeDefined();
    expect(cloud.targetSize(cloud.group('pool')!)).toBe(1);
    expect(cloud.deleteNode(a!)).toBe(false);
  });

  it('never boots a machine deleted while provisioning', () => {
    const { cluster, machines, cloud } = setup();
    const [name] = cloud.increaseSize(pool, 1);
    cluster.sim.run({ until: seconds(30) });
    cloud.deleteNode(name!);
    cluster.sim.run({ until: seconds(200) });
    expect(machines.booted).toEqual([]);
    expect(machines.terminated).toEqual([]);
  });

  it('deletes, every node-monitor-period, a NotReady Node whose machine is gone', () => {
    const { cluster, machines, cloud } = setup([{ ...pool, initialSize: 1 }]);
    cluster.sim.run({ until: seconds(1) });
    const [name] = machines.booted;
    // The machine vanishes behind the cloud's back, and the node goes NotReady.
    (cloud as unknown as { instancesByName: Map<string, unknown> }).instancesByName.delete(name!);
    cluster.client('node-lifecycle').update<Node>('Node', undefined, name!, (n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'Unknown' }] } }));
    cluster.sim.run({ until: seconds(4) });
    expect(cluster.store.get('Node', undefined, name!)).toBeDefined();
    cluster.sim.run({ until: seconds(5) });
    expect(cluster.store.get('Node', undefined, name!)).toBeUndefined();
  });

  it('names machines from the cloud/names stream: the same seed gives the same names', () => {
    const names = (seed: number): string[] => {
      const cluster = new Cluster({ seed });
      const cloud = cluster.add(new CloudProvider(cluster, new FakeMachines(cluster), [pool]));
      cluster.start();
      return cloud.increaseSize(pool, 3);
    };
    expect(names(3)).toEqual(names(3));
    expect(names(3)).not.toEqual(names(4));
  });
});
