import { describe, expect, it } from 'vitest';
import type { ConfigMapLike } from './fixtures.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../src/cluster/ControlPlaneProfile.js';
import type { WatchEvent } from '../../../src/cluster/store/Store.js';
import { milliseconds } from '../../../src/engine/time.js';

function configMap(name: string): ConfigMapLike {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } };
}

describe('Store watch delivery', () => {
  it('delivers every commit after the watch latency, in revision order, interleaved with other events by time', () => {
    const cluster = new Cluster({ profile: CONTROL_PLANE_PROFILES.realistic });
    const { store, callbacks, sim } = cluster;
    const seen: string[] = [];
    store.watch<ConfigMapLike>('ConfigMap', (e) => seen.push(`${sim.now / 1000}ms ${e.type} ${e.object.metadata.name} rv=${e.object.metadata.resourceVersion} key=${e.key}`));
    store.create(configMap('a'));
    callbacks.after(milliseconds(10), () => store.create(configMap('b')));
    callbacks.after(milliseconds(30), () => {
      store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (c) => ({ ...c, data: { a: '2' } }));
      store.remove('ConfigMap', 'default', 'b');
    });
    callbacks.after(milliseconds(26), () => seen.push('26ms other'));
    sim.run({ until: milliseconds(100) });
    expect(seen).toEqual([
      '25ms ADDED a rv=1 key=default/a',
      '26ms other',
      '35ms ADDED b rv=2 key=default/b',
      '55ms MODIFIED a rv=3 key=default/a',
      '55ms DELETED b rv=4 key=default/b',
    ]);
  });

  it('gives a commit the watchers of its instant: a later watch misses it, an unwatch after it still gets it', () => {
    const cluster = new Cluster();
    const { store, sim } = cluster;
    const first: string[] = [];
    const second: string[] = [];
    const stop = store.watch<ConfigMapLike>('ConfigMap', (e) => first.push(e.object.metadata.name!));
    store.create(configMap('a'));
    store.watch<ConfigMapLike>('ConfigMap', (e) => second.push(e.object.metadata.name!));
    store.create(configMap('b'));
    stop();
    store.create(configMap('c'));
    sim.run({ until: 1 });
    expect(first).toEqual(['a', 'b']);
    expect(second).toEqual(['b', 'c']);
  });

  it('stores the mutation’s new object without copying it, leaving the old one as it was', () => {
    const { store } = new Cluster();
    const a = store.create(configMap('a'));
    let next: ConfigMapLike | undefined;
    const a2 = store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => (next = { ...cur, data: { a: '2' } }))!;
    expect(a2).toBe(next);
    expect(a2.metadata).not.toBe(a.metadata);
    expect(a.metadata.resourceVersion).toBe('1');
    expect(a2.metadata.resourceVersion).toBe('2');
    expect(Object.keys(a2)).toEqual(Object.keys(a));
    // A mutation that hands back the current object, or a frozen one, is copied.
    const a3 = store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => cur)!;
    expect(a3).not.toBe(a2);
    expect(a2.metadata.resourceVersion).toBe('2');
    const frozen = Object.freeze({ ...a3, data: { a: '4' } });
    const a4 = store.update<ConfigMapLike>('ConfigMap', 'default', 'a', () => frozen)!;
    expect(a4).not.toBe(frozen);
    expect(a4.metadata.resourceVersion).toBe('4');
  });

  it('keeps many deliveries in order across a long run (the queue compacts)', () => {
    const cluster = new Cluster({ profile: CONTROL_PLANE_PROFILES.realistic });
    const { store, callbacks, sim } = cluster;
    const revisions: number[] = [];
    store.watch<ConfigMapLike>('ConfigMap', (e: WatchEvent<ConfigMapLike>) => revisions.push(Number(e.object.metadata.resourceVersion)));
    store.create(configMap('a'));
    for (let i = 0; i < 10_000; i++) callbacks.after(i * 7, () => store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (c) => ({ ...c, data: { a: String(i) } })));
    sim.run({ until: milliseconds(1000) });
    expect(revisions).toHaveLength(10_001);
    expect(revisions.every((r, i) => r === i + 1)).toBe(true);
  });
});
