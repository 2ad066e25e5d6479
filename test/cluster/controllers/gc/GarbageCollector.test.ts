import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { DeploymentController } from '../../../../src/cluster/controllers/deployment/DeploymentController.js';
import { GarbageCollector } from '../../../../src/cluster/controllers/GarbageCollector.js';
import { ReplicaSetController } from '../../../../src/cluster/controllers/replicaset/ReplicaSetController.js';
import { seconds } from '../../../../src/engine/time.js';
import { deployment, startFakeKubelets } from '../deployment/fakeKubelet.js';

function setup() {
  const cluster = new Cluster({ seed: 11, profile: CONTROL_PLANE_PROFILES.realistic });
  cluster.add(new DeploymentController(cluster));
  cluster.add(new ReplicaSetController(cluster));
  const gc = cluster.add(new GarbageCollector(cluster));
  startFakeKubelets(cluster, { terminationDelay: seconds(5) });
  cluster.start();
  return { cluster, gc, client: cluster.client('test') };
}

const count = (cluster: Cluster, kind: string): number => cluster.store.count(kind);

describe('GarbageCollector (background propagation)', () => {
  it('deleting a Deployment deletes its ReplicaSets, then their pods (gracefully)', () => {
    const { cluster, client } = setup();
    client.create(deployment('web', 4, 'app:v1'));
    cluster.sim.run({ until: seconds(60) });
    expect(count(cluster, 'ReplicaSet')).toBe(1);
    expect(count(cluster, 'Pod')).toBe(4);
    client.delete<Deployment>('Deployment', 'default', 'web');
    cluster.sim.run({ until: seconds(61) });
    expect(count(cluster, 'ReplicaSet')).toBe(0);
    // Pods are Terminating for the kubelet's 5 s, and nothing replaces them.
    const pods = [...cluster.store.list<Pod>('Pod')];
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    cluster.sim.run({ until: seconds(120) });
    expect(count(cluster, 'Pod')).toBe(0);
  });

  it('collects a dependent created after its owner was deleted', () => {
    const { cluster, client } = setup();
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'orphan', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', uid: 'no-such-uid', controller: true }] },
      spec: { replicas: 0, selector: { matchLabels: { app: 'x' } } },
    };
    client.create(rs);
    cluster.sim.run({ until: seconds(5) });
    expect(count(cluster, 'ReplicaSet')).toBe(0);
  });

  it('removes only the dangling ownerReference when another owner lives', () => {
    const { cluster, client } = setup();
    client.create(deployment('a', 0, 'app:v1'));
    cluster.sim.run({ until: seconds(1) });
    const a = cluster.store.get<Deployment>('Deployment', 'default', 'a')!;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'shared',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a', uid: a.metadata.uid! },
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'b', uid: 'dead' },
        ],
      },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    };
    client.create(pod);
    cluster.sim.run({ until: seconds(3) });
    const kept = cluster.store.get<Pod>('Pod', 'default', 'shared');
    expect(kept?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['a']);
  });
});
