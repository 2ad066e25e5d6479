import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { OwnerIndex } from '../../../../src/cluster/controllers/replicaset/ownerIndex.js';

function pod(name: string, owners: string[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ownerReferences: owners.map((uid, i) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, controller: i === 0 })) },
    spec: { containers: [] },
  };
}

describe('OwnerIndex', () => {
  it('moves an updated dependent to the end of its owners’ lists, and re-files it when its owners change', () => {
    const cluster = new Cluster({ seed: 1 });
    const index = new OwnerIndex(cluster.informers.for<Pod>('Pod'), false);
    const { store, sim } = cluster;
    for (const name of ['a', 'b', 'c']) store.create(pod(name, ['rs-1', 'rs-2']));
    store.create(pod('solo', ['rs-3']));
    sim.run({ until: 1 });
    const names = (uid: string): string[] => [...index.dependents(uid)].map((p) => p.metadata.name!);
    expect(names('rs-1')).toEqual(['a', 'b', 'c']);
    store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, status: { phase: 'Running' } }));
    store.update<Pod>('Pod', 'default', 'solo', (p) => ({ ...p, status: { phase: 'Running' } }));
    sim.run({ until: 2 });
    expect(names('rs-1')).toEqual(['b', 'c', 'a']);
    expect(names('rs-2')).toEqual(['b', 'c', 'a']);
    expect([...index.dependents('rs-1')][2]!.status?.phase).toBe('Running');
    expect([...index.dependents('rs-3')].map((p) => p.status?.phase)).toEqual(['Running']);
    store.update<Pod>('Pod', 'default', 'b', (p) => ({ ...p, metadata: { ...p.metadata, ownerReferences: [p.metadata.ownerReferences![1]!] } }));
    sim.run({ until: 3 });
    expect(names('rs-1')).toEqual(['c', 'a']);
    expect(names('rs-2')).toEqual(['c', 'a', 'b']);
    expect(index.count('rs-2')).toBe(3);
  });

  it('indexes only the controller reference when asked', () => {
    const cluster = new Cluster({ seed: 1 });
    const index = new OwnerIndex(cluster.informers.for<Pod>('Pod'), true);
    cluster.store.create(pod('a', ['rs-1', 'rs-2']));
    cluster.sim.run({ until: 1 });
    cluster.store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, status: { phase: 'Running' } }));
    cluster.sim.run({ until: 2 });
    expect(index.count('rs-1')).toBe(1);
    expect(index.count('rs-2')).toBe(0);
  });
});
