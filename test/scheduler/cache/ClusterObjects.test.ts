import { describe, expect, it } from 'vitest';
import type { ReplicaSet, Service } from '../../../src/api/types.js';
import { ClusterObjects } from '../../../src/scheduler/cache/ClusterObjects.js';

function service(namespace: string, name: string): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { selector: { app: name } } } as Service;
}

function replicaSet(namespace: string, name: string, app: string): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { namespace, name }, spec: { selector: { matchLabels: { app } } } } as ReplicaSet;
}

describe('ClusterObjects', () => {
  it('lists one namespace in insertion order, and every namespace without one', () => {
    const o = new ClusterObjects();
    o.set('Service', service('a', 's1'));
    o.set('Service', service('b', 's2'));
    o.set('Service', service('a', 's3'));
    expect(o.list('Service', 'a').map((s) => s.metadata.name)).toEqual(['s1', 's3']);
    expect(o.list('Service', 'b').map((s) => s.metadata.name)).toEqual(['s2']);
    expect(o.list('Service', 'c')).toEqual([]);
    expect(o.list('Service').map((s) => s.metadata.name)).toEqual(['s1', 's2', 's3']);
  });

  it('keeps a replaced object in its place and forgets a deleted one in both views', () => {
    const o = new ClusterObjects();
    o.set('Service', service('a', 's1'));
    o.set('Service', service('a', 's2'));
    const again = service('a', 's1');
    o.set('Service', again);
    expect(o.list('Service', 'a')[0]).toBe(again);
    o.delete('Service', again);
    expect(o.list('Service', 'a').map((s) => s.metadata.name)).toEqual(['s2']);
    expect(o.list('Service').map((s) => s.metadata.name)).toEqual(['s2']);
  });

  it('gets an object by namespace and name, as a lister does', () => {
    const o = new ClusterObjects();
    const rs = replicaSet('a', 'web', 'web');
    o.set('ReplicaSet', rs);
    expect(o.get('ReplicaSet', 'a', 'web')).toBe(rs);
    expect(o.get('ReplicaSet', 'b', 'web')).toBeUndefined();
    expect(o.get('StatefulSet', 'a', 'web')).toBeUndefined();
    o.delete('ReplicaSet', rs);
    expect(o.get('ReplicaSet', 'a', 'web')).toBeUndefined();
  });
});
