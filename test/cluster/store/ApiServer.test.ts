import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../src/cluster/ControlPlaneProfile.js';
import type { ApiResult } from '../../../src/cluster/store/ApiServer.js';

function pod(name: string, nodeName?: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName === undefined ? {} : { nodeName }) } };
}

describe('ApiServer', () => {
  it('commits a call after the request latency and answers at the commit', () => {
    const cluster = new Cluster({ profile: CONTROL_PLANE_PROFILES.realistic });
    const client = cluster.client('test');
    let answeredAt = -1;
    client.create(pod('a'), (r) => {
      answeredAt = cluster.sim.now;
      expect(r.ok).toBe(true);
    });
    expect(cluster.store.get('Pod', 'default', 'a')).toBeUndefined();
    cluster.sim.run();
    expect(answeredAt).toBe(CONTROL_PLANE_PROFILES.realistic.requestLatency);
    expect(cluster.store.get('Pod', 'default', 'a')).toBeDefined();
  });

  it('applies an update to the latest state at commit time', () => {
    const cluster = new Cluster();
    const client = cluster.client('test');
    client.create({ ...pod('a'), metadata: { name: 'a', labels: { x: '1' } } });
    client.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, y: '2' } } }));
    client.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, z: '3' } } }));
    cluster.sim.run();
    expect(cluster.store.get<Pod>('Pod', 'default', 'a')!.metadata.labels).toEqual({ x: '1', y: '2', z: '3' });
  });

  it('copies a Binding\'s annotations onto the pod in the binding\'s own write', () => {
    const cluster = new Cluster();
    const client = cluster.client('kube-scheduler');
    client.create({ ...pod('a'), metadata: { name: 'a', namespace: 'default', annotations: { keep: 'me' } } });
    cluster.sim.run();
    const before = cluster.store.get<Pod>('Pod', 'default', 'a')!.metadata.resourceVersion;
    client.bind('default', 'a', 'node-1', undefined, { 'gpu.kubesim.io/gpu-index': '0,1' });
    cluster.sim.run();
    const bound = cluster.store.get<Pod>('Pod', 'default', 'a')!;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.metadata.annotations).toEqual({ keep: 'me', 'gpu.kubesim.io/gpu-index': '0,1' });
    expect(Number(bound.metadata.resourceVersion)).toBe(Number(before) + 1);
  });

  it('binds a pod once and refuses a second binding with Conflict', () => {
    const cluster = new Cluster();
    const client = cluster.client('kube-scheduler');
    const results: ApiResult<Pod>[] = [];
    client.create(pod('a'));
    client.bind('default', 'a', 'node-1', (r) => results.push(r));
    client.bind('default', 'a', 'node-2', (r) => results.push(r));
    cluster.sim.run();
    const bound = cluster.store.get<Pod>('Pod', 'default', 'a')!;
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    expect(results[0]!.ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, error: { reason: 'Conflict', message: 'Operation cannot be fulfilled on pods "a": pod a is already assigned to node "node-1"' } });
  });

  it('deletes an unbound pod at once', () => {
    const cluster = new Cluster();
    const client = cluster.client('test');
    client.create(pod('a'));
    client.delete('Pod', 'default', 'a');
    cluster.sim.run();
    expect(cluster.store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('deletes a bound pod gracefully: deletionTimestamp now + grace, then the final delete with grace 0', () => {
    const cluster = new Cluster();
    const client = cluster.client('test');
    client.create({ ...pod('a', 'node-1'), spec: { ...pod('a', 'node-1').spec, terminationGracePeriodSeconds: 45 } });
    cluster.sim.run({ until: 10_000_000 });
    client.delete('Pod', 'default', 'a');
    cluster.sim.run();
    const terminating = cluster.store.get<Pod>('Pod', 'default', 'a')!;
    expect(terminating.metadata.deletionTimestamp).toBe('2026-01-01T00:00:55Z');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(45);
    // A second delete with a longer grace changes nothing; a shorter one shortens it.
    client.delete('Pod', 'default', 'a', { gracePeriodSeconds: 60 });
    client.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    cluster.sim.run();
    expect(cluster.store.get('Pod', 'default', 'a')).toBeUndefined();
  });

  it('runs admission on created objects', () => {
    const cluster = new Cluster();
    cluster.apiServer.admission = (o) => ({ ...o, metadata: { ...o.metadata, labels: { admitted: 'yes' } } });
    cluster.client('test').create(pod('a'));
    cluster.sim.run();
    expect(cluster.store.get<Pod>('Pod', 'default', 'a')!.metadata.labels).toEqual({ admitted: 'yes' });
  });
});
