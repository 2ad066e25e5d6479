import { describe, expect, it } from 'vitest';
import type { Event, Pod, ReplicaSet } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { ReplicaSetController } from '../../../../src/cluster/controllers/replicaset/ReplicaSetController.js';
import { isPodReady } from '../../../../src/cluster/podStatus.js';
import { milliseconds, seconds } from '../../../../src/engine/time.js';
import { startFakeKubelets } from '../deployment/fakeKubelet.js';

function replicaSet(name: string, replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      ...extra,
    },
  };
}

function setup(profile: 'ideal' | 'realistic', options: ConstructorParameters<typeof ReplicaSetController>[1] = {}, kubelets = true) {
  const cluster = new Cluster({ seed: 3, profile: CONTROL_PLANE_PROFILES[profile] });
  const controller = cluster.add(new ReplicaSetController(cluster, options));
  if (kubelets) startFakeKubelets(cluster, { bindDelay: seconds(1), readyDelay: seconds(2), terminationDelay: seconds(10) });
  cluster.start();
  return { cluster, controller, client: cluster.client('test') };
}

const pods = (cluster: Cluster): Pod[] => [...cluster.store.list<Pod>('Pod')];
const eventMessages = (cluster: Cluster, reason: string): string[] => [...cluster.store.list<Event>('Event')].filter((e) => e.reason === reason).map((e) => e.message);

describe('ReplicaSet controller', () => {
  it('creates in slow-start batches of 1, 2, 4, 8 (realistic latency)', () => {
    const { cluster, client } = setup('realistic', {}, false);
    const createdAt: number[] = [];
    cluster.store.watch<Pod>('Pod', (e) => {
      if (e.type === 'ADDED') createdAt.push(cluster.sim.now);
    });
    client.create(replicaSet('web', 15));
    cluster.sim.run({ until: seconds(5) });
    expect(pods(cluster)).toHaveLength(15);
    const batches = new Map<number, number>();
    for (const t of createdAt) batches.set(t, (batches.get(t) ?? 0) + 1);
    expect([...batches.values()]).toEqual([1, 2, 4, 8]);
    // Each batch waits for the previous one's answers: one request latency apart.
    const times = [...batches.keys()];
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(milliseconds(15));
    for (const p of pods(cluster)) expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(eventMessages(cluster, 'SuccessfulCreate')).toHaveLength(15);
    const rs = cluster.store.get<ReplicaSet>('ReplicaSet', 'default', 'web')!;
    expect(rs.status).toMatchObject({ replicas: 15, fullyLabeledReplicas: 15, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
  });

  it('creates at most burstReplicas per sync and never double-creates while its writes are in flight', () => {
    const { cluster, client } = setup('realistic', { burstReplicas: 5 }, false);
    client.create(replicaSet('web', 12));
    cluster.sim.run({ until: seconds(30) });
    expect(pods(cluster)).toHaveLength(12);
    cluster.sim.run({ until: seconds(600) });
    expect(pods(cluster)).toHaveLength(12);
  });

  it('counts ready and available replicas, with minReadySeconds', () => {
    const { cluster, client } = setup('ideal');
    client.create(replicaSet('web', 3, { minReadySeconds: 10 }));
    cluster.sim.run({ until: seconds(5) });
    let rs = cluster.store.get<ReplicaSet>('ReplicaSet', 'default', 'web')!;
    expect(rs.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 0 });
    // Ready at 3 s; available once 3 s + 10 s is strictly before now. The requeue
    // after minReadySeconds lands exactly on 13 s (not yet), the next one on 23 s.
    cluster.sim.run({ until: seconds(20) });
    rs = cluster.store.get<ReplicaSet>('ReplicaSet', 'default', 'web')!;
    expect(rs.status?.availableReplicas).toBe(0);
    cluster.sim.run({ until: seconds(24) });
    rs = cluster.store.get<ReplicaSet>('ReplicaSet', 'default', 'web')!;
    expect(rs.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('replaces a pod at once when it starts terminating', () => {
    const { cluster, client } = setup('ideal');
    client.create(replicaSet('web', 2));
    cluster.sim.run({ until: seconds(10) });
    const victim = pods(cluster)[0]!;
    client.delete('Pod', 'default', victim.metadata.name!);
    cluster.sim.run({ until: seconds(12) });
    // The old pod is still Terminating (10 s), its replacement already exists.
    expect(pods(cluster)).toHaveLength(3);
    expect(pods(cluster).filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(2);
    cluster.sim.run({ until: seconds(30) });
    expect(pods(cluster)).toHaveLength(2);
    expect(cluster.store.get<ReplicaSet>('ReplicaSet', 'default', 'web')!.status?.replicas).toBe(2);
  });

  it('scales down the not-ready and the newest pods first', () => {
    const { cluster, client } = setup('ideal');
    client.create(replicaSet('web', 3));
    cluster.sim.run({ until: seconds(60) });
    const oldest = pods(cluster).map((p) => p.metadata.name!);
    client.update<ReplicaSet>('ReplicaSet', 'default', 'web', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: 5 } }));
    cluster.sim.run({ until: seconds(62) }); // two new pods: bound, not yet ready
    expect(pods(cluster).filter((p) => !isPodReady(p))).toHaveLength(2);
    const young = pods(cluster).filter((p) => !oldest.includes(p.metadata.name!)).map((p) => p.metadata.name!);
    client.update<ReplicaSet>('ReplicaSet', 'default', 'web', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: 3 } }));
    cluster.sim.run({ until: seconds(63) });
    const terminating = pods(cluster).filter((p) => p.metadata.deletionTimestamp !== undefined).map((p) => p.metadata.name!);
    expect(terminating.sort()).toEqual(young.sort());
    expect(eventMessages(cluster, 'SuccessfulDelete').sort()).toEqual(young.map((n) => `Deleted pod: ${n}`).sort());
  });

  it('prefers the lowest pod-deletion-cost', () => {
    const { cluster, client } = setup('ideal');
    client.create(replicaSet('web', 3));
    cluster.sim.run({ until: seconds(60) });
    const [a, b, c] = pods(cluster);
    client.update<Pod>('Pod', 'default', a!.metadata.name!, (p) => ({ ...p, metadata: { ...p.metadata, annotations: { 'controller.kubernetes.io/pod-deletion-cost': '100' } } }));
    client.update<Pod>('Pod', 'default', c!.metadata.name!, (p) => ({ ...p, metadata: { ...p.metadata, annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-5' } } }));
    cluster.sim.run({ until: seconds(61) });
    client.update<ReplicaSet>('ReplicaSet', 'default', 'web', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: 1 } }));
    cluster.sim.run({ until: seconds(62) });
    const terminating = pods(cluster).filter((p) => p.metadata.deletionTimestamp !== undefined).map((p) => p.metadata.name);
    expect(terminating.sort()).toEqual([b!.metadata.name, c!.metadata.name].sort());
  });
});

describe('ReplicaSet controller: client-side rate limit', () => {
  it('realistic: kube-api-qps 20 / burst 30, so 70 creations take 2 s after the burst', () => {
    const { cluster, client } = setup('realistic', {}, false);
    const createdAt: number[] = [];
    cluster.store.watch<Pod>('Pod', (e) => {
      if (e.type === 'ADDED') createdAt.push(cluster.sim.now);
    });
    client.create(replicaSet('web', 70));
    cluster.sim.run({ until: seconds(10) });
    expect(createdAt).toHaveLength(70);
    const first = createdAt[0]!;
    // The burst goes out in slow-start batches (one round trip each); the last 40 or so wait 50 ms a token.
    expect(createdAt[29]! - first).toBeLessThan(milliseconds(200));
    const tail = createdAt[69]! - createdAt[29]!;
    expect(tail).toBeGreaterThanOrEqual(milliseconds(1900));
    expect(tail).toBeLessThanOrEqual(milliseconds(2100));
  });

  it('apiRateLimit null turns it off', () => {
    const { cluster, client } = setup('realistic', { apiRateLimit: null }, false);
    client.create(replicaSet('web', 70));
    cluster.sim.run({ until: milliseconds(500) });
    expect(pods(cluster)).toHaveLength(70);
  });
});
