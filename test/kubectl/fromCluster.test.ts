import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/Cluster.js';
import { seconds } from '../../src/engine/time.js';
import { get } from '../../src/kubectl/get.js';
import { viewOfCluster } from '../../src/kubectl/fromCluster.js';

describe('viewOfCluster', () => {
  it('prints the store at the cluster clock: AGE follows virtual time, names follow the store', () => {
    const cluster = new Cluster({ seed: 1 });
    const view = viewOfCluster(cluster);
    cluster.store.create<Node>({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.34.0' } } });
    cluster.store.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } });
    cluster.sim.run({ until: seconds(150) });
    expect(get(view, 'nodes').stdout).toBe('NAME     STATUS   ROLES    AGE     VERSION\nnode-1   Ready    <none>   2m30s   v1.34.0\n');
    expect(get(view, 'pods').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          2m30s\n');
  });
});
