import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import { CloudProvider } from '../../../src/cluster/cloud/CloudProvider.js';
import { ClusterAutoscaler } from '../../../src/cluster/cloud/ClusterAutoscaler.js';
import { ClusterState } from '../../../src/cluster/cloud/ClusterSnapshot.js';
import { isNodeReady } from '../../../src/cluster/cloud/podKinds.js';
import type { NodeGroup } from '../../../src/cluster/cloud/NodeGroup.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { isPodAssigned } from '../../../src/cluster/podStatus.js';
import { Informer } from '../../../src/cluster/store/Informer.js';
import { seconds } from '../../../src/engine/time.js';
import { FakeMachines, pod } from './fakes.js';

/** A first-fit scheduler for the test: binds what fits, marks the rest Unschedulable (as kube-scheduler does). */
function fakeScheduler(cluster: Cluster): void {
  const client = cluster.client('fake-scheduler');
  const pods = new Informer<Pod>(cluster.store, 'Pod');
  const nodes = new Informer<Node>(cluster.store, 'Node');
  const state = new ClusterState(nodes, pods);
  let queued = false;
  const pass = (): void => {
    queued = false;
    const snapshot = state.snapshot();
    for (const p of pods.list()) {
      if (isPodAssigned(p) || p.metadata.deletionTimestamp !== undefined) continue;
      const target = [...snapshot.nodes()].find((n) => isNodeReady(n.node) && n.fits(p));
      if (target !== undefined) {
        snapshot.mutable(target.name)!.addPod(p);
        client.bind(p.metadata.namespace ?? 'default', p.metadata.name ?? '', target.name);
      } else if (p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.reason !== 'Unschedulable') {
        client.update<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '', (c) => ({
          ...c,
          status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/0 nodes are available' }] },
        }));
      }
    }
  };
  const poke = (): void => {
    if (queued) return;
    queued = true;
    cluster.callbacks.after(0, pass);
  };
  pods.addHandler({ add: poke });
  nodes.addHandler({ add: poke, update: poke });
}

describe('cluster-autoscaler end to end (fake scheduler)', () => {
  it('grows the group for a burst of pods, then shrinks it back once they are gone', () => {
    const cluster = new Cluster({ seed: 3 });
    const pool: NodeGroup = { name: 'pool', minSize: 1, maxSize: 10, provisioningDelay: seconds(60), template: { capacity: { cpu: '2', memory: '8Gi', pods: 110 } } };
    const cloud = cluster.add(new CloudProvider(cluster, new FakeMachines(cluster), [pool]));
    const ca = cluster.add(new ClusterAutoscaler(cluster, cloud));
    fakeScheduler(cluster);
    cluster.start();
    cluster.sim.run({ until: seconds(5) });
    // 10 one-cpu pods at t=5s: 2 fit the min-size node, 8 need 4 more nodes.
    const client = cluster.client('test');
    for (let i = 0; i < 10; i++) client.create(pod(`burst-${i}`, '1', '1Gi'));
    cluster.sim.run({ until: seconds(10) });
    expect(ca.counters).toMatchObject({ scaleUps: 1, nodesAdded: 4 });
    cluster.sim.run({ until: seconds(69) });
    expect([...cluster.store.list<Pod>('Pod')].filter(isPodAssigned)).toHaveLength(2);
    cluster.sim.run({ until: seconds(70) });
    expect([...cluster.store.list<Pod>('Pod')].filter(isPodAssigned)).toHaveLength(10);
    expect([...cluster.store.list<Node>('Node')]).toHaveLength(5);
    // The burst ends just after the 300s scan; the empty nodes are unneeded from the 310s scan and go at 910s, down to min size 1.
    cluster.sim.run({ until: seconds(300) });
    for (let i = 0; i < 10; i++) client.delete('Pod', 'default', `burst-${i}`);
    cluster.sim.run({ until: seconds(909) });
    expect([...cluster.store.list<Node>('Node')]).toHaveLength(5);
    cluster.sim.run({ until: seconds(910) });
    expect([...cluster.store.list<Node>('Node')]).toHaveLength(1);
    expect(ca.counters).toMatchObject({ scaleUps: 1, scaleDowns: 1, nodesAdded: 4, nodesRemoved: 4 });
  });
});
