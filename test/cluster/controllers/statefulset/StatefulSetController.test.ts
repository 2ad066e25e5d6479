import { describe, expect, it } from 'vitest';
import type { Event, Pod, StatefulSet } from '../../../../src/api/types.js';
import { installAdmission } from '../../../../src/cluster/admission.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES, type ControlPlaneProfile } from '../../../../src/cluster/ControlPlaneProfile.js';
import { StatefulSetController } from '../../../../src/cluster/controllers/statefulset/StatefulSetController.js';
import { addNode, FakeNodeAgents, S } from '../daemonset/fakeNodeAgents.js';

function statefulSet(name: string, spec: Partial<StatefulSet['spec']> = {}, image = 'db:1'): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'db', image }] } },
      ...spec,
    },
  };
}

function setup(profile: ControlPlaneProfile = CONTROL_PLANE_PROFILES.ideal) {
  const cluster = new Cluster({ seed: 3, profile });
  installAdmission(cluster);
  cluster.add(new StatefulSetController(cluster));
  const agents = new FakeNodeAgents(cluster, { startDelay: S, readyDelay: 2 * S, terminateDelay: 2 * S });
  addNode(cluster, 'n1');
  addNode(cluster, 'n2');
  cluster.start();
  return { cluster, agents, client: cluster.client('test') };
}

function setImage(image: string) {
  return (s: StatefulSet): StatefulSet => ({ ...s, spec: { ...s.spec, template: { ...s.spec.template!, spec: { ...s.spec.template!.spec, containers: [{ name: 'db', image }] } } } });
}

function pods(cluster: Cluster): Pod[] {
  return [...cluster.store.list<Pod>('Pod')].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

describe('StatefulSetController', () => {
  it('OrderedReady creates web-0, web-1, web-2 one at a time, each after its predecessor is Running and Ready', () => {
    const { cluster, agents, client } = setup();
    client.create(statefulSet('web'));
    cluster.sim.run({ until: 60 * S });
    expect(pods(cluster).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    // Each pod: Running 1s after binding, Ready 2s later; the next is created at that instant.
    expect(['web-0', 'web-1', 'web-2'].map((n) => agents.lives.get(`default/${n}`)!.created / S)).toEqual([0, 3, 6]);
    const web1 = cluster.store.get<Pod>('Pod', 'default', 'web-1')!;
    expect(web1.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(web1.metadata.labels?.['controller-revision-hash']).toMatch(/^web-[456789bcdf]{1,10}$/);
    const status = cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.status!;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(status.currentRevision).toBe(web1.metadata.labels?.['controller-revision-hash']);
    const messages = [...cluster.store.list<Event>('Event')].filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(messages).toEqual(['create Pod web-0 in StatefulSet web successful', 'create Pod web-1 in StatefulSet web successful', 'create Pod web-2 in StatefulSet web successful']);
  });

  it('does not double-create under realistic latencies', () => {
    const { cluster, client } = setup(CONTROL_PLANE_PROFILES.realistic);
    client.create(statefulSet('web', { replicas: 5 }));
    cluster.sim.run({ until: 120 * S });
    expect(pods(cluster).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    expect([...cluster.store.list<Event>('Event')].filter((e) => e.type === 'Warning')).toEqual([]);
    expect(cluster.apiServer.calls.create).toBe(6); // the set and five pods
  });

  it('scales down highest ordinal first, each pod fully gone before the next is deleted', () => {
    const { cluster, agents, client } = setup();
    client.create(statefulSet('web', { replicas: 4 }));
    cluster.sim.run({ until: 60 * S });
    client.update<StatefulSet>('StatefulSet', 'default', 'web', (s) => ({ ...s, spec: { ...s.spec, replicas: 1 } }));
    cluster.sim.run({ until: 120 * S });
    expect(pods(cluster).map((p) => p.metadata.name)).toEqual(['web-0']);
    const gone = ['web-3', 'web-2', 'web-1'].map((n) => agents.lives.get(`default/${n}`)!.deleted! / S);
    // 2s of graceful termination each, strictly one after another.
    expect(gone).toEqual([62, 64, 66]);
    const deletes = [...cluster.store.list<Event>('Event')].filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletes).toEqual(['delete Pod web-3 in StatefulSet web successful', 'delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
  });

  it('Parallel creates every pod at once and deletes condemned ones together', () => {
    const { cluster, agents, client } = setup();
    client.create(statefulSet('web', { replicas: 4, podManagementPolicy: 'Parallel' }));
    cluster.sim.run({ until: 30 * S });
    expect([0, 1, 2, 3].map((i) => agents.lives.get(`default/web-${i}`)!.created)).toEqual([0, 0, 0, 0]);
    client.update<StatefulSet>('StatefulSet', 'default', 'web', (s) => ({ ...s, spec: { ...s.spec, replicas: 1 } }));
    cluster.sim.run({ until: 60 * S });
    expect([1, 2, 3].map((i) => agents.lives.get(`default/web-${i}`)!.deleted! / S)).toEqual([32, 32, 32]);
  });

  it('rolls an update out highest ordinal first, one pod at a time, stopping at the partition', () => {
    const { cluster, agents, client } = setup();
    client.create(statefulSet('web'));
    cluster.sim.run({ until: 60 * S });
    const oldRevision = cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.status!.updateRevision;
    client.update<StatefulSet>('StatefulSet', 'default', 'web', (s) => setImage('db:2')({ ...s, spec: { ...s.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } } }));
    cluster.sim.run({ until: 120 * S });
    expect(pods(cluster).map((p) => p.spec.containers[0]!.image)).toEqual(['db:1', 'db:2', 'db:2']);
    // web-2: deleted at 60, gone at 62, recreated, Ready at 65; then web-1 the same.
    expect(agents.lives.get('default/web-2')!.created / S).toBe(62);
    expect(agents.lives.get('default/web-1')!.created / S).toBe(67);
    const status = cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.status!;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2, currentRevision: oldRevision });
    expect(status.updateRevision).not.toBe(oldRevision);
    // Partition 0 finishes the rollout and the update revision becomes current.
    client.update<StatefulSet>('StatefulSet', 'default', 'web', (s) => ({ ...s, spec: { ...s.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } } }));
    cluster.sim.run({ until: 180 * S });
    expect(pods(cluster).map((p) => p.spec.containers[0]!.image)).toEqual(['db:2', 'db:2', 'db:2']);
    expect(cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, currentRevision: status.updateRevision });
  });

  it('replaces a pod that failed, keeping its name', () => {
    const { cluster, client } = setup();
    client.create(statefulSet('web', { replicas: 2 }));
    cluster.sim.run({ until: 30 * S });
    const uid = cluster.store.get<Pod>('Pod', 'default', 'web-0')!.metadata.uid;
    client.update<Pod>('Pod', 'default', 'web-0', (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }));
    cluster.sim.run({ until: 60 * S });
    const web0 = cluster.store.get<Pod>('Pod', 'default', 'web-0')!;
    expect(web0.metadata.uid).not.toBe(uid);
    expect(web0.status?.phase).toBe('Running');
  });
});
