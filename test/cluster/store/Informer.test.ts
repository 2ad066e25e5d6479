import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/api/types.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../src/cluster/ControlPlaneProfile.js';

describe('Informer', () => {
  it('lags the store by the watch latency and calls add, update and delete in order', () => {
    const cluster = new Cluster({ profile: CONTROL_PLANE_PROFILES.realistic });
    const informer = cluster.informers.for<Node>('Node');
    const calls: string[] = [];
    informer.addHandler({
      add: (n) => calls.push(`add ${n.metadata.name}@${cluster.sim.now}`),
      update: (o, n) => calls.push(`update ${o.metadata.resourceVersion}->${n.metadata.resourceVersion}`),
      delete: (n) => calls.push(`delete ${n.metadata.name}`),
    });
    cluster.store.create<Node>({ kind: 'Node', metadata: { name: 'n1' } });
    expect(informer.get(undefined, 'n1')).toBeUndefined();
    cluster.sim.run();
    expect(informer.get(undefined, 'n1')?.metadata.name).toBe('n1');
    cluster.store.update<Node>('Node', undefined, 'n1', (n) => ({ ...n, spec: { unschedulable: true } }));
    cluster.store.remove('Node', undefined, 'n1');
    cluster.sim.run();
    expect(calls).toEqual([`add n1@${CONTROL_PLANE_PROFILES.realistic.watchLatency}`, 'update 1->2', 'delete n1']);
    expect(informer.size).toBe(0);
  });

  it('starts from the objects already stored and replays them to a new handler', () => {
    const cluster = new Cluster();
    cluster.store.create<Node>({ kind: 'Node', metadata: { name: 'a' } });
    cluster.store.create<Node>({ kind: 'Node', metadata: { name: 'b' } });
    const informer = cluster.informers.for<Node>('Node');
    const added: string[] = [];
    informer.addHandler({ add: (n) => added.push(n.metadata.name) });
    expect(added).toEqual(['a', 'b']);
    expect(cluster.informers.for<Node>('Node')).toBe(informer);
  });
});
