import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { GC_CHECK_PERIOD, PodGC, QUARANTINE_TIME, TERMINATED_POD_GC_THRESHOLD } from '../../../../src/cluster/controllers/PodGC.js';
import { seconds } from '../../../../src/engine/time.js';

function node(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

function pod(name: string, nodeName: string | undefined, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', reason?: string): Pod {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase } };
  if (nodeName !== undefined) p.spec.nodeName = nodeName;
  if (reason !== undefined) p.status!.reason = reason;
  return p;
}

function setup(options: ConstructorParameters<typeof PodGC>[1] = {}) {
  const cluster = new Cluster({ seed: 1 });
  const gc = cluster.add(new PodGC(cluster, options));
  cluster.start();
  return { cluster, gc, store: cluster.store };
}

const names = (cluster: Cluster): string[] => [...cluster.store.list<Pod>('Pod')].map((p) => p.metadata.name!).sort();

describe('PodGC', () => {
  it('uses upstream defaults: threshold 12500, period 20 s, quarantine 40 s', () => {
    expect(TERMINATED_POD_GC_THRESHOLD).toBe(12500);
    expect(GC_CHECK_PERIOD).toBe(seconds(20));
    expect(QUARANTINE_TIME).toBe(seconds(40));
  });

  it('deletes the oldest terminated pods beyond the threshold, evicted ones first', () => {
    const { cluster, store } = setup({ terminatedPodThreshold: 2 });
    store.create(node('n1'));
    store.create(pod('done-1', 'n1', 'Succeeded'));
    cluster.sim.run({ until: seconds(1) });
    store.create(pod('done-2', 'n1', 'Failed'));
    cluster.sim.run({ until: seconds(2) });
    store.create(pod('done-3', 'n1', 'Succeeded'));
    store.create(pod('evicted', 'n1', 'Failed', 'Evicted'));
    store.create(pod('running', 'n1', 'Running'));
    cluster.sim.run({ until: seconds(19) });
    expect(names(cluster)).toHaveLength(5);
    cluster.sim.run({ until: seconds(21) });
    expect(names(cluster)).toEqual(['done-2', 'done-3', 'running']);
  });

  it('force-deletes pods of a node that has been gone for the quarantine, marking them Failed', () => {
    const { cluster, store } = setup();
    store.create(node('n1'));
    store.create(pod('a', 'n1', 'Running'));
    store.create(pod('b', 'n2', 'Running'));
    const phases: string[] = [];
    store.watch<Pod>('Pod', (e) => {
      if (e.type === 'MODIFIED') phases.push(`${e.object.metadata.name}:${e.object.status?.phase}:${e.object.status?.conditions?.[0]?.reason}`);
    });
    cluster.sim.run({ until: seconds(5) });
    store.remove('Node', undefined, 'n1');
    // Seen missing at 20 s; quarantine until 60 s.
    cluster.sim.run({ until: seconds(59) });
    expect(names(cluster)).toEqual(['a', 'b']);
    cluster.sim.run({ until: seconds(61) });
    expect(names(cluster)).toEqual([]);
    expect(phases).toEqual(['a:Failed:DeletionByPodGC', 'b:Failed:DeletionByPodGC']);
  });

  it('keeps pods of a node that comes back within the quarantine', () => {
    const { cluster, store } = setup();
    store.create(pod('a', 'n1', 'Running'));
    cluster.sim.run({ until: seconds(30) });
    store.create(node('n1'));
    cluster.sim.run({ until: seconds(120) });
    expect(names(cluster)).toEqual(['a']);
  });

  it('force-deletes terminating pods on a not-ready node tainted out-of-service, and unscheduled terminating pods', () => {
    const { cluster, store } = setup();
    store.create<Node>({ ...node('n1'), spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, status: { conditions: [{ type: 'Ready', status: 'False' }] } });
    store.create(pod('stuck', 'n1', 'Running'));
    store.create(pod('not-terminating', 'n1', 'Running'));
    store.create(pod('unscheduled', undefined, 'Pending'));
    for (const name of ['stuck', 'unscheduled']) {
      store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:30Z' } }));
    }
    cluster.sim.run({ until: seconds(21) });
    expect(names(cluster)).toEqual(['not-terminating']);
  });

  it('waits for its deletions before the next pass (20 s after), so a rate-limited pass never asks twice', () => {
    // 1 deletion per second: a pass deleting 5 pods takes 4 s more than one deleting 1.
    const { cluster, store } = setup({ terminatedPodThreshold: 1, apiRateLimit: { qps: 1, burst: 1 } });
    store.create(node('n1'));
    for (let i = 0; i < 6; i++) store.create(pod(`old-${i}`, 'n1', 'Succeeded'));
    const deletedAt: [string, number][] = [];
    store.watch<Pod>('Pod', (e) => {
      if (e.type === 'DELETED') deletedAt.push([e.object.metadata.name!, Math.floor(cluster.sim.now / seconds(1))]);
    });
    cluster.sim.run({ until: seconds(30) });
    // The first pass starts at 20 s and deletes the 5 oldest, one per second.
    expect(deletedAt.map(([, t]) => t)).toEqual([20, 21, 22, 23, 24]);
    store.create(pod('new-1', 'n1', 'Succeeded'));
    store.create(pod('new-2', 'n1', 'Succeeded'));
    // The next pass starts 20 s after the first ended (24 s), not at 40 s: nothing before 44 s.
    cluster.sim.run({ until: seconds(43.9) });
    expect(deletedAt).toHaveLength(5);
    cluster.sim.run({ until: seconds(60) });
    // Then the two oldest of old-5, new-1 and new-2.
    expect(deletedAt.slice(5)).toEqual([
      ['old-5', 44],
      ['new-1', 45],
    ]);
    expect(new Set(deletedAt.map(([n]) => n)).size).toBe(7);
    expect(names(cluster)).toEqual(['new-2']);
  });
});
