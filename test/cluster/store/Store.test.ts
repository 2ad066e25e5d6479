import { describe, expect, it } from 'vitest';
import type { ConfigMapLike } from './fixtures.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../src/cluster/ControlPlaneProfile.js';
import { ApiError } from '../../../src/cluster/store/ApiError.js';
import type { WatchEvent } from '../../../src/cluster/store/Store.js';
import { milliseconds } from '../../../src/engine/time.js';

function configMap(name: string, namespace?: string): ConfigMapLike {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, data: { a: '1' } };
}

describe('Store', () => {
  it('bumps one global revision on every write and writes it as resourceVersion', () => {
    const { store } = new Cluster();
    const a = store.create(configMap('a'));
    const b = store.create(configMap('b'));
    const a2 = store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => ({ ...cur, data: { a: '2' } }))!;
    const gone = store.remove('ConfigMap', 'default', 'b')!;
    expect([a, b, a2, gone].map((o) => o.metadata.resourceVersion)).toEqual(['1', '2', '3', '4']);
    expect(store.revision).toBe(4);
  });

  it('fills uid, namespace and creationTimestamp, and keeps them across updates', () => {
    const cluster = new Cluster();
    const a = cluster.store.create(configMap('a'));
    expect(a.metadata.namespace).toBe('default');
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    const a2 = cluster.store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => ({ ...cur, metadata: { ...cur.metadata, uid: 'x', labels: { l: 'v' } } }))!;
    expect(a2.metadata.uid).toBe(a.metadata.uid);
    expect(a2.metadata.labels).toEqual({ l: 'v' });
  });

  it('never changes a stored object: a write stores a new one', () => {
    const { store } = new Cluster();
    const a = store.create(configMap('a'));
    store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => ({ ...cur, data: { a: '2' } }));
    expect(a.data).toEqual({ a: '1' });
    expect(store.get<ConfigMapLike>('ConfigMap', 'default', 'a')!.data).toEqual({ a: '2' });
  });

  it('bumps metadata.generation only when spec changes', () => {
    const { store } = new Cluster();
    store.create({ apiVersion: 'apps/v1', kind: 'Thing', metadata: { name: 't' }, spec: { n: 1 }, status: {} } as never);
    const s1 = store.update<never>('Thing', 'default', 't', (cur: { status: object }) => ({ ...(cur as object), status: { ready: 1 } }) as never)!;
    const s2 = store.update<never>('Thing', 'default', 't', (cur: object) => ({ ...cur, spec: { n: 2 } }) as never)!;
    expect([(s1 as { metadata: { generation: number } }).metadata.generation, (s2 as { metadata: { generation: number } }).metadata.generation]).toEqual([1, 2]);
  });

  it('resolves generateName with five characters of the upstream alphabet, and refuses duplicates', () => {
    const { store } = new Cluster({ seed: 7 });
    const pod = store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-7c5ddbdf54-' } });
    expect(pod.metadata.name).toMatch(/^web-7c5ddbdf54-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(() => store.create(configMap(pod.metadata.name))).toThrow(ApiError);
    expect(() => store.create(configMap(pod.metadata.name))).toThrow(`configmaps "${pod.metadata.name}" already exists`);
  });

  it('keys cluster-scoped kinds without a namespace', () => {
    const { store } = new Cluster();
    const node = store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: 'ignored' } });
    expect(node.metadata.namespace).toBeUndefined();
    expect(store.get('Node', 'anything', 'n1')).toBe(node);
  });

  it('throws NotFound for an update of a missing object, and writes nothing when mutate returns null', () => {
    const { store } = new Cluster();
    expect(() => store.update('ConfigMap', 'default', 'missing', (c) => c)).toThrow('configmaps "missing" not found');
    store.create(configMap('a'));
    expect(store.update('ConfigMap', 'default', 'a', () => null)).toBeNull();
    expect(store.revision).toBe(1);
  });

  it('delivers watch events in revision order after the watch latency', () => {
    const cluster = new Cluster({ profile: CONTROL_PLANE_PROFILES.realistic });
    const seen: [number, string, string][] = [];
    cluster.store.watch('ConfigMap', (e: WatchEvent) => seen.push([cluster.sim.now, e.type, e.object.metadata.resourceVersion ?? '']));
    cluster.store.create(configMap('a'));
    cluster.store.create(configMap('b'));
    cluster.store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => ({ ...cur, data: {} }));
    cluster.store.remove('ConfigMap', 'default', 'b');
    expect(seen).toEqual([]);
    cluster.sim.run();
    const latency = CONTROL_PLANE_PROFILES.realistic.watchLatency;
    expect(latency).toBe(milliseconds(25));
    expect(seen).toEqual([
      [latency, 'ADDED', '1'],
      [latency, 'ADDED', '2'],
      [latency, 'MODIFIED', '3'],
      [latency, 'DELETED', '4'],
    ]);
  });

  it('gives a MODIFIED event the previous object and a DELETED event the last state', () => {
    const cluster = new Cluster();
    const events: WatchEvent[] = [];
    cluster.store.watch('ConfigMap', (e: WatchEvent) => events.push(e));
    const a = cluster.store.create(configMap('a'));
    cluster.store.update<ConfigMapLike>('ConfigMap', 'default', 'a', (cur) => ({ ...cur, data: { a: '9' } }));
    cluster.store.remove('ConfigMap', 'default', 'a');
    cluster.sim.run();
    expect(events[1]!.oldObject).toBe(a);
    expect((events[2]!.object as ConfigMapLike).data).toEqual({ a: '9' });
    expect(events[2]!.oldObject).toBe(events[1]!.object);
  });
});
