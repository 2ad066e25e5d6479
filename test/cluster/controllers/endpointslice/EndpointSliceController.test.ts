import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { EndpointSliceController } from '../../../../src/cluster/controllers/endpointslice/EndpointSliceController.js';
import { seconds } from '../../../../src/engine/time.js';

function service(name = 'web'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { tier: 'front' } }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
}

function pod(name: string, ip: string | undefined, ready: boolean, app = 'web', nodeName = 'node-a'): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app } },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: ip === undefined ? 'Pending' : 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
  if (ip !== undefined) p.status = { ...p.status, podIP: ip };
  return p;
}

function setup(profile = CONTROL_PLANE_PROFILES.ideal) {
  const cluster = new Cluster({ seed: 5, profile });
  cluster.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } });
  const controller = cluster.add(new EndpointSliceController(cluster));
  cluster.start();
  return { cluster, controller, client: cluster.client('test') };
}

function slices(cluster: Cluster): EndpointSlice[] {
  return [...cluster.store.list<EndpointSlice>('EndpointSlice')];
}

function conditionsByPod(cluster: Cluster): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of slices(cluster)) for (const e of s.endpoints) out[e.targetRef!.name] = e.conditions;
  return out;
}

describe('EndpointSliceController', () => {
  it('makes one labelled, owned slice of the selected pods that have an IP', () => {
    const { cluster, client } = setup();
    client.create(service());
    client.create(pod('web-1', '10.0.0.1', true));
    client.create(pod('web-2', '10.0.0.2', false));
    client.create(pod('web-3', undefined, false));
    client.create(pod('other', '10.0.0.9', true, 'db'));
    cluster.sim.run();
    const all = slices(cluster);
    expect(all).toHaveLength(1);
    const slice = all[0]!;
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.metadata.ownerReferences).toMatchObject([{ apiVersion: 'v1', kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true }]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-a', zone: 'zone-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: expect.any(String) } },
      { addresses: ['10.0.0.2'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-a', zone: 'zone-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: expect.any(String) } },
    ]);
  });

  it('follows readiness and termination, updating the same slice', () => {
    const { cluster, client } = setup();
    client.create(service());
    client.create(pod('web-1', '10.0.0.1', true));
    client.create(pod('web-2', '10.0.0.2', false));
    cluster.sim.run();
    const name = slices(cluster)[0]!.metadata.name;
    client.update<Pod>('Pod', 'default', 'web-2', (p) => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] } }));
    cluster.sim.run();
    expect(conditionsByPod(cluster)).toEqual({ 'web-1': { ready: true, serving: true, terminating: false }, 'web-2': { ready: true, serving: true, terminating: false } });
    client.delete('Pod', 'default', 'web-1'); // graceful: deletionTimestamp set
    cluster.sim.run();
    expect(conditionsByPod(cluster)).toEqual({ 'web-1': { ready: false, serving: true, terminating: true }, 'web-2': { ready: true, serving: true, terminating: false } });
    client.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 0 });
    client.update<Pod>('Pod', 'default', 'web-2', (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }));
    cluster.sim.run();
    expect(slices(cluster).map((s) => [s.metadata.name, s.endpoints.length])).toEqual([[name, 0]]);
  });

  it('keeps an empty placeholder slice for a Service without endpoints', () => {
    const { cluster, client } = setup();
    client.create(service());
    cluster.sim.run();
    expect(slices(cluster).map((s) => [s.endpoints, s.ports])).toEqual([[[], []]]);
    client.create(pod('web-1', '10.0.0.1', true));
    cluster.sim.run();
    expect(slices(cluster).map((s) => s.endpoints.length)).toEqual([1]);
  });

  it('puts at most 100 endpoints in a slice (250 pods → 100, 100, 50) and refills as pods come and go', () => {
    const { cluster, client, controller } = setup(CONTROL_PLANE_PROFILES.realistic);
    client.create(service());
    for (let i = 0; i < 250; i++) client.create(pod(`web-${i}`, `10.0.${i >> 8}.${i & 255}`, true));
    cluster.sim.run({ until: seconds(5) });
    expect(slices(cluster).map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 50]);
    const addresses = new Set(slices(cluster).flatMap((s) => s.endpoints.map((e) => e.addresses[0])));
    expect(addresses.size).toBe(250);
    // 30 pods leave the first slice; 40 new pods fill its room and the third slice's.
    for (let i = 0; i < 30; i++) client.delete('Pod', 'default', `web-${i}`, { gracePeriodSeconds: 0 });
    cluster.sim.run({ until: seconds(10) });
    for (let i = 250; i < 290; i++) client.create(pod(`web-${i}`, `10.0.${i >> 8}.${i & 255}`, true));
    cluster.sim.run({ until: seconds(15) });
    expect(slices(cluster).map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 60]);
    expect(controller.slicesOf('default', 'web')).toHaveLength(3);
  });

  it('deletes the slices of a deleted Service', () => {
    const { cluster, client } = setup();
    client.create(service());
    client.create(pod('web-1', '10.0.0.1', true));
    cluster.sim.run();
    expect(slices(cluster)).toHaveLength(1);
    client.delete('Service', 'default', 'web');
    cluster.sim.run();
    expect(slices(cluster)).toHaveLength(0);
  });

  it('follows a pod whose labels stop matching', () => {
    const { cluster, client } = setup();
    client.create(service());
    client.create(pod('web-1', '10.0.0.1', true));
    client.create(pod('web-2', '10.0.0.2', true));
    cluster.sim.run();
    client.update<Pod>('Pod', 'default', 'web-2', (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'debug' } } }));
    cluster.sim.run();
    expect(Object.keys(conditionsByPod(cluster))).toEqual(['web-1']);
  });

  it('finds the members again when the selector changes, and leaves the slices alone when it goes', () => {
    const { cluster, client } = setup();
    client.create(pod('web-1', '10.0.0.1', true));
    client.create(pod('db-1', '10.0.0.5', true, 'db'));
    client.create(service());
    cluster.sim.run();
    expect(Object.keys(conditionsByPod(cluster))).toEqual(['web-1']);
    client.update<Service>('Service', 'default', 'web', (s) => ({ ...s, spec: { ...s.spec, selector: { app: 'db' } } }));
    cluster.sim.run();
    expect(Object.keys(conditionsByPod(cluster))).toEqual(['db-1']);
    client.update<Service>('Service', 'default', 'web', (s) => {
      const { selector: _, ...spec } = s.spec ?? {};
      return { ...s, spec };
    });
    client.create(pod('db-2', '10.0.0.6', true, 'db'));
    cluster.sim.run();
    expect(Object.keys(conditionsByPod(cluster))).toEqual(['db-1']);
  });
});
