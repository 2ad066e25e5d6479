import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import { ClusterState } from '../../../src/cluster/cloud/ClusterSnapshot.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { Informer } from '../../../src/cluster/store/Informer.js';
import { pod, unschedulable } from './fakes.js';

function node(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: 110 } } };
}

describe('ClusterState', () => {
  it('keeps per-node requests and the unschedulable pods current from watch events', () => {
    const cluster = new Cluster();
    const client = cluster.client('test');
    const state = new ClusterState(new Informer<Node>(cluster.store, 'Node'), new Informer<Pod>(cluster.store, 'Pod'));
    client.create(pod('early', '1', '1Gi', 'n1')); // bound before its node registers
    client.create(node('n1'));
    client.create(node('n2'));
    client.create(pod('a', '500m', '1Gi', 'n2'));
    client.create(unschedulable(pod('p', '1', '1Gi')));
    cluster.sim.run();
    expect([...state.nodes()].map((n) => [n.name, n.requested.get('cpu'), n.pods.length])).toEqual([
      ['n1', 1000, 1],
      ['n2', 500, 1],
    ]);
    expect([...state.unschedulable.keys()]).toEqual(['default/p']);
    client.bind('default', 'p', 'n2');
    client.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, status: { phase: 'Succeeded' } }));
    client.delete('Pod', 'default', 'early', { gracePeriodSeconds: 0 });
    client.delete('Node', undefined, 'n1');
    cluster.sim.run();
    expect([...state.nodes()].map((n) => [n.name, n.requested.get('cpu'), n.pods.map((p) => p.metadata.name)])).toEqual([['n2', 1000, ['p']]]);
    expect(state.unschedulable.size).toBe(0);
  });

  it('copies a node on a snapshot’s first change, leaving the state untouched', () => {
    const cluster = new Cluster();
    const client = cluster.client('test');
    const state = new ClusterState(new Informer<Node>(cluster.store, 'Node'), new Informer<Pod>(cluster.store, 'Pod'));
    client.create(node('n1'));
    cluster.sim.run();
    const snapshot = state.snapshot();
    snapshot.mutable('n1')!.addPod(pod('x', '2', '1Gi'));
    expect(snapshot.get('n1')!.requested.get('cpu')).toBe(2000);
    expect([...snapshot.nodes()][0]!.requested.get('cpu')).toBe(2000);
    expect(state.node('n1')!.requested.get('cpu')).toBeUndefined();
    expect(state.snapshot().get('n1')!.pods).toEqual([]);
  });
});
