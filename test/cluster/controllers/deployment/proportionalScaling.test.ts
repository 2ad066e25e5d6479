import { describe, expect, it } from 'vitest';
import type { Deployment, Event, Pod, ReplicaSet } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { DeploymentController } from '../../../../src/cluster/controllers/deployment/DeploymentController.js';
import { ReplicaSetController } from '../../../../src/cluster/controllers/replicaset/ReplicaSetController.js';
import { seconds } from '../../../../src/engine/time.js';
import { deployment, startFakeKubelets } from './fakeKubelet.js';

/** A cluster whose v2 pods never become Ready, so a rollout to v2 gets stuck half-way. */
function stuckRollout(extra: Partial<Deployment['spec']> = {}) {
  const cluster = new Cluster({ seed: 5, profile: CONTROL_PLANE_PROFILES.realistic });
  cluster.add(new DeploymentController(cluster));
  cluster.add(new ReplicaSetController(cluster));
  startFakeKubelets(cluster, { ready: (p: Pod) => p.spec.containers[0]?.image !== 'app:v2' });
  cluster.start();
  const client = cluster.client('test');
  client.create(deployment('web', 10, 'app:v1', undefined, extra));
  cluster.sim.run({ until: seconds(60) });
  client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
    ...d,
    spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: 'app:v2' }] } } },
  }));
  cluster.sim.run({ until: seconds(120) });
  return { cluster, client };
}

function sizes(cluster: Cluster): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rs of cluster.store.list<ReplicaSet>('ReplicaSet')) out[rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? ''] = rs.spec.replicas ?? 0;
  return out;
}

describe('Deployment controller: a stuck rollout', () => {
  it('stops at old 8 / new 5 with 10 replicas, surge 3, unavailable 2', () => {
    const { cluster } = stuckRollout();
    expect(sizes(cluster)).toEqual({ '1': 8, '2': 5 });
  });

  it('scales proportionally mid-rollout (getProportion from max-replicas 13 to 25)', () => {
    const { cluster, client } = stuckRollout();
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 20 } }));
    cluster.sim.run({ until: seconds(121) });
    // 8·25/13 = 15.4 → 15 (+7); 5·25/13 = 9.6 → 10 (+5): 12 = 25 − 13 added.
    expect(sizes(cluster)).toEqual({ '1': 15, '2': 10 });
    const messages = [...cluster.store.list<Event>('Event')].filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(messages.slice(-2).map((m) => m.replace(/web-[456789bcdf]+/, 'web-X'))).toEqual(['Scaled up replica set web-X from 8 to 15', 'Scaled up replica set web-X from 5 to 10']);
    for (const rs of cluster.store.list<ReplicaSet>('ReplicaSet')) {
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('25');
    }
  });

  it('reports ProgressDeadlineExceeded after progressDeadlineSeconds without progress', () => {
    const { cluster } = stuckRollout({ progressDeadlineSeconds: 30 });
    cluster.sim.run({ until: seconds(200) });
    const d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing?.message).toMatch(/^ReplicaSet "web-[456789bcdf]+" has timed out progressing\.$/);
    const available = d.status?.conditions?.find((c) => c.type === 'Available');
    expect(available).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(d.status).toMatchObject({ replicas: 13, updatedReplicas: 5, availableReplicas: 8, unavailableReplicas: 5 });
  });
});
