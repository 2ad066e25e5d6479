import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { PodsByNode } from '../../../../src/cluster/controllers/nodelifecycle/PodsByNode.js';

function pod(name: string, nodeName?: string): Pod {
  return { kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...(nodeName === undefined ? {} : { nodeName }) } };
}

describe('PodsByNode', () => {
  it("lists a node's pods in the order the informer first saw them, with each pod's latest object", () => {
    const cluster = new Cluster();
    const index = PodsByNode.of(cluster.informers.for<Pod>('Pod'));
    for (const [name, node] of [['b', 'n1'], ['a', 'n1'], ['c', 'n2'], ['d', undefined]] as const) cluster.store.create(pod(name, node));
    cluster.sim.run();
    cluster.store.update<Pod>('Pod', 'default', 'b', (p) => ({ ...p, status: { phase: 'Running' } }));
    cluster.sim.run();
    expect(index.get('n1').map((p) => [p.metadata.name, p.status?.phase])).toEqual([
      ['b', 'Running'],
      ['a', undefined],
    ]);
    expect(index.get('n2').map((p) => p.metadata.name)).toEqual(['c']);
    expect(index.get('n3')).toEqual([]);
  });

  it('forgets a deleted pod, and a pod recreated under the same name is a new entry at the end', () => {
    const cluster = new Cluster();
    const index = PodsByNode.of(cluster.informers.for<Pod>('Pod'));
    cluster.store.create(pod('a', 'n1'));
    cluster.store.create(pod('b', 'n1'));
    cluster.sim.run();
    cluster.store.remove('Pod', 'default', 'a');
    cluster.sim.run();
    expect(index.get('n1').map((p) => p.metadata.name)).toEqual(['b']);
    cluster.store.create(pod('a', 'n1'));
    cluster.sim.run();
    expect(index.get('n1').map((p) => p.metadata.name)).toEqual(['b', 'a']);
    cluster.store.remove('Pod', 'default', 'a');
    cluster.store.remove('Pod', 'default', 'b');
    cluster.sim.run();
    expect(index.get('n1')).toEqual([]);
  });

  it('is one index per informer', () => {
    const cluster = new Cluster();
    const pods = cluster.informers.for<Pod>('Pod');
    expect(PodsByNode.of(pods)).toBe(PodsByNode.of(pods));
    expect(PodsByNode.of(new Cluster().informers.for<Pod>('Pod'))).not.toBe(PodsByNode.of(pods));
  });
});
