import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { PodGC } from '../../../../src/cluster/controllers/PodGC.js';
import { inInformerOrder, isPodTerminated, PodGCIndex, type IndexedPod } from '../../../../src/cluster/controllers/PodGCIndex.js';
import { seconds } from '../../../../src/engine/time.js';

function pod(name: string, nodeName: string | undefined, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', creationTimestamp?: string): Pod {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] }, status: { phase } };
  if (nodeName !== undefined) p.spec.nodeName = nodeName;
  if (creationTimestamp !== undefined) p.metadata.creationTimestamp = creationTimestamp;
  return p;
}

/** The pods of one of the index's views, as `namespace/name`. */
const keys = (m: Map<string, IndexedPod>): string[] => [...m.values()].map((e) => `${e.pod.metadata.namespace}/${e.pod.metadata.name}`).sort();

describe('PodGCIndex', () => {
  it('follows the informer: terminated, terminating (bound or not) and bound pods by node', () => {
    const cluster = new Cluster({ seed: 1 });
    const index = new PodGCIndex(cluster.informers.for<Pod>('Pod'));
    const { store } = cluster;
    store.create(pod('run', 'n1', 'Running'));
    store.create(pod('done', 'n1', 'Succeeded'));
    store.create(pod('pending', undefined, 'Pending'));
    cluster.sim.run({ until: seconds(1) });
    expect(keys(index.terminated)).toEqual(['default/done']);
    expect(keys(index.byNode.get('n1')!)).toEqual(['default/done', 'default/run']);

    store.update<Pod>('Pod', 'default', 'run', (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }));
    store.update<Pod>('Pod', 'default', 'pending', (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }));
    store.update<Pod>('Pod', 'default', 'done', (p) => ({ ...p, spec: { ...p.spec, nodeName: 'n2' } }));
    cluster.sim.run({ until: seconds(2) });
    expect(keys(index.terminating)).toEqual(['default/run']);
    expect(keys(index.unscheduledTerminating)).toEqual(['default/pending']);
    expect(keys(index.byNode.get('n1')!)).toEqual(['default/run']);
    expect(keys(index.byNode.get('n2')!)).toEqual(['default/done']);

    store.remove('Pod', 'default', 'run');
    store.remove('Pod', 'default', 'done');
    cluster.sim.run({ until: seconds(3) });
    expect(index.terminating.size).toBe(0);
    expect(index.terminated.size).toBe(0);
    expect([...index.byNode.keys()]).toEqual([]);
  });

  it('ranks pods in the informer order: an update keeps the rank, a re-created pod goes last', () => {
    const cluster = new Cluster({ seed: 1 });
    const informer = cluster.informers.for<Pod>('Pod');
    const index = new PodGCIndex(informer);
    const { store } = cluster;
    for (const name of ['a', 'b', 'c']) store.create(pod(name, 'n1', 'Succeeded'));
    cluster.sim.run({ until: seconds(1) });
    store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, status: { ...p.status, reason: 'x' } }));
    store.remove('Pod', 'default', 'b');
    store.create(pod('b', 'n1', 'Succeeded'));
    cluster.sim.run({ until: seconds(2) });
    const order = inInformerOrder(index.terminated.values()).map((e) => e.pod.metadata.name);
    expect(order).toEqual(['a', 'c', 'b']);
    expect(order).toEqual([...informer.list()].map((p) => p.metadata.name));
  });

  it('after any sequence of writes, each view is the informer filtered, in the informer order', () => {
    const cluster = new Cluster({ seed: 1 });
    const informer = cluster.informers.for<Pod>('Pod');
    const index = new PodGCIndex(informer);
    const { store } = cluster;
    let rng = 7;
    const next = (n: number): number => (rng = (rng * 1103515245 + 12345) % 2147483648) % n;
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const phases = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
    const view = (m: Map<string, IndexedPod>): string[] => inInformerOrder(m.values()).map((e) => e.pod.metadata.uid);
    const scan = (keep: (p: Pod) => boolean): string[] => [...informer.list()].filter(keep).map((p) => p.metadata.uid);
    for (let step = 0; step < 400; step++) {
      const name = names[next(names.length)]!;
      const current = store.get<Pod>('Pod', 'default', name);
      const op = next(5);
      if (current === undefined) store.create(pod(name, next(2) === 0 ? undefined : `n${next(3)}`, phases[next(4)]!));
      else if (op === 0) store.remove('Pod', 'default', name);
      else if (op === 1) store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, status: { ...p.status, phase: phases[next(4)]! } }));
      else if (op === 2) store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } }));
      else if (op === 3) store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, spec: { ...p.spec, nodeName: `n${next(3)}` } }));
      else store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, status: { ...p.status, reason: `r${step}` } }));
      cluster.sim.run({ until: seconds(step + 1) });
      const deleting = (p: Pod): boolean => p.metadata.deletionTimestamp !== undefined;
      const bound = (p: Pod): boolean => (p.spec.nodeName ?? '') !== '';
      expect(view(index.terminated)).toEqual(scan(isPodTerminated));
      expect(view(index.terminating)).toEqual(scan((p) => deleting(p) && bound(p)));
      expect(view(index.unscheduledTerminating)).toEqual(scan((p) => deleting(p) && !bound(p)));
      for (const node of ['n0', 'n1', 'n2']) expect(view(index.byNode.get(node) ?? new Map())).toEqual(scan((p) => p.spec.nodeName === node));
      expect([...index.byNode.keys()].every((n) => index.byNode.get(n)!.size > 0)).toBe(true);
    }
  });

  it('counts a missing phase as Pending and Unknown as not terminated', () => {
    expect(isPodTerminated({ metadata: {}, spec: { containers: [] } })).toBe(false);
    expect(isPodTerminated(pod('x', undefined, 'Failed'))).toBe(true);
    expect(isPodTerminated({ ...pod('x', undefined, 'Pending'), status: { phase: 'Unknown' } })).toBe(false);
  });
});

describe('PodGC terminated-pod selection', () => {
  it('deletes the same pods, in the same order, as a stable sort of the whole informer would', () => {
    const cluster = new Cluster({ seed: 1 });
    cluster.add(new PodGC(cluster, { terminatedPodThreshold: 5 }));
    cluster.start();
    const { store } = cluster;
    // Same creation second for many (ties broken by name, then informer order across namespaces).
    const stamps = ['2025-01-01T00:00:03Z', '2025-01-01T00:00:01Z', '2025-01-01T00:00:02Z', '2025-01-01T00:00:01Z'];
    const created: Pod[] = [];
    for (let i = 0; i < 16; i++) {
      const p = pod(`p-${(i * 7) % 16}`, 'n1', i % 3 === 0 ? 'Failed' : 'Succeeded', stamps[i % stamps.length]);
      if (i % 5 === 0) p.status!.reason = 'Evicted';
      if (i % 2 === 1) p.metadata.namespace = 'other';
      created.push(p);
      store.create(p);
    }
    store.create(pod('live', 'n1', 'Running'));
    const deleted: string[] = [];
    store.watch<Pod>('Pod', (e) => {
      if (e.type === 'DELETED') deleted.push(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    cluster.sim.run({ until: seconds(21) });
    // The upstream order: evicted first, then oldest, then by name; a stable sort keeps creation order for ties.
    const evicted = (p: Pod): boolean => p.status?.phase === 'Failed' && p.status.reason === 'Evicted';
    const expected = created
      .map((p, i) => ({ p, i }))
      .sort((a, b) => {
        if (evicted(a.p) !== evicted(b.p)) return evicted(a.p) ? -1 : 1;
        const ta = a.p.metadata.creationTimestamp!;
        const tb = b.p.metadata.creationTimestamp!;
        if (ta !== tb) return ta < tb ? -1 : 1;
        const na = a.p.metadata.name!;
        const nb = b.p.metadata.name!;
        return na < nb ? -1 : na > nb ? 1 : a.i - b.i;
      })
      .slice(0, 11)
      .map(({ p }) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(deleted).toEqual(expected);
    expect(store.count('Pod')).toBe(6);
  });
});
