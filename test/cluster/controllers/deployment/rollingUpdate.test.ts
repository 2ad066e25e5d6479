import { describe, expect, it } from 'vitest';
import type { Deployment, Event, ReplicaSet } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { DeploymentController } from '../../../../src/cluster/controllers/deployment/DeploymentController.js';
import { ReplicaSetController } from '../../../../src/cluster/controllers/replicaset/ReplicaSetController.js';
import { seconds } from '../../../../src/engine/time.js';
import { withDefaults } from '../../../../src/api/defaults.js';
import { deployment, podCounts, podsOf, startFakeKubelets } from './fakeKubelet.js';

function setup(profile: 'ideal' | 'realistic' = 'ideal'): Cluster {
  const cluster = new Cluster({ seed: 7, profile: CONTROL_PLANE_PROFILES[profile] });
  cluster.add(new DeploymentController(cluster));
  cluster.add(new ReplicaSetController(cluster));
  startFakeKubelets(cluster);
  cluster.start();
  return cluster;
}

function replicaSets(cluster: Cluster): ReplicaSet[] {
  return [...cluster.store.list<ReplicaSet>('ReplicaSet')];
}

function events(cluster: Cluster, reason: string): string[] {
  return [...cluster.store.list<Event>('Event')].filter((e) => e.reason === reason).map((e) => e.message);
}

describe('Deployment controller: creation', () => {
  it('creates <deploy>-<hash> with the pod-template-hash label and pods <rs>-<5 chars>', () => {
    const cluster = setup();
    cluster.client('test').create(deployment('web', 3, 'nginx:1.25'));
    cluster.sim.run({ until: seconds(60) });
    const [rs] = replicaSets(cluster);
    expect(rs).toBeDefined();
    const hash = rs!.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('3');
    expect(rs!.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('4');
    const pods = podsOf(cluster, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(events(cluster, 'ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(events(cluster, 'SuccessfulCreate')).toHaveLength(3);
    for (const m of events(cluster, 'SuccessfulCreate')) expect(m).toMatch(/^Created pod: web-/);
    const d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, observedGeneration: 1 });
    const byType = Object.fromEntries((d.status?.conditions ?? []).map((c) => [c.type, c]));
    expect(byType['Available']).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(byType['Progressing']).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    expect(rs!.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });
});

/** Runs a rollout from image v1 to v2 and checks the bounds after every event. */
function rollout(replicas: number, strategy: Deployment['spec']['strategy'], surge: number, unavailable: number, profile: 'ideal' | 'realistic') {
  const cluster = setup(profile);
  const client = cluster.client('test');
  client.create(deployment('web', replicas, 'app:v1', strategy));
  cluster.sim.run({ until: seconds(120) });
  expect(podCounts(cluster, 'web').available).toBe(replicas);
  client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
    ...d,
    spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: 'app:v2' }] } } },
  }));
  let maxActive = 0;
  let minAvailable = Infinity;
  let maxSpecSum = 0;
  cluster.sim.run({
    until: seconds(1200),
    stopWhen: () => {
      const c = podCounts(cluster, 'web');
      maxActive = Math.max(maxActive, c.active);
      minAvailable = Math.min(minAvailable, c.available);
      maxSpecSum = Math.max(maxSpecSum, replicaSets(cluster).reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0));
      return false;
    },
  });
  // The bounds of a RollingUpdate, after every single event of the rollout.
  expect(maxSpecSum).toBeLessThanOrEqual(replicas + surge);
  expect(maxActive).toBeLessThanOrEqual(replicas + surge);
  expect(minAvailable).toBeGreaterThanOrEqual(replicas - unavailable);
  const final = podCounts(cluster, 'web');
  expect(final).toEqual({ active: replicas, available: replicas, total: replicas });
  return { cluster, maxActive, minAvailable, maxSpecSum };
}

describe('Deployment controller: RollingUpdate', () => {
  for (const profile of ['ideal', 'realistic'] as const) {
    it(`10 replicas, default 25%/25% (surge 3, unavailable 2) holds the bounds and converges (${profile})`, () => {
      const { cluster, maxActive, minAvailable, maxSpecSum } = rollout(10, undefined, 3, 2, profile);
      expect(maxSpecSum).toBeLessThanOrEqual(13);
      expect(maxActive).toBeLessThanOrEqual(13);
      expect(maxActive).toBe(13); // the surge is used
      expect(minAvailable).toBeGreaterThanOrEqual(8);
      const rss = replicaSets(cluster).sort((a, b) => (a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '').localeCompare(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? ''));
      expect(rss).toHaveLength(2);
      expect(rss.map((rs) => rs.spec.replicas)).toEqual([0, 10]);
      expect(rss.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['1', '2']);
      expect(rss[0]!.metadata.name).not.toBe(rss[1]!.metadata.name);
      const pods = podsOf(cluster, 'web');
      expect(pods).toHaveLength(10);
      for (const p of pods) {
        expect(p.spec.containers[0]!.image).toBe('app:v2');
        expect(p.metadata.name!.startsWith(`${rss[1]!.metadata.name}-`)).toBe(true);
      }
      const d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
      expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
      expect(d.status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10, unavailableReplicas: 0, observedGeneration: 2 });
      const scaling = events(cluster, 'ScalingReplicaSet');
      expect(scaling[1]).toBe(`Scaled up replica set ${rss[1]!.metadata.name} from 0 to 3`);
      expect(scaling[2]).toBe(`Scaled down replica set ${rss[0]!.metadata.name} from 10 to 8`);
    });
  }

  it('4 replicas: surge 1, unavailable 1', () => {
    const { maxActive, minAvailable } = rollout(4, undefined, 1, 1, 'realistic');
    expect(maxActive).toBe(5);
    expect(minAvailable).toBe(3);
  });

  it('maxSurge 0, maxUnavailable 1: never more than replicas pods', () => {
    const { maxActive, minAvailable, cluster } = rollout(5, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }, 0, 1, 'realistic');
    expect(maxActive).toBe(5);
    expect(minAvailable).toBe(4);
    expect(podsOf(cluster, 'web').every((p) => p.spec.containers[0]!.image === 'app:v2')).toBe(true);
  });

  it('maxUnavailable 0: availability never drops', () => {
    const { maxActive, minAvailable } = rollout(6, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } }, 3, 0, 'realistic');
    expect(maxActive).toBe(9);
    expect(minAvailable).toBe(6);
  });
});

describe('Deployment controller: Recreate', () => {
  it('scales the old ReplicaSet to 0, waits for its pods to go, then creates the new one', () => {
    const cluster = setup('realistic');
    const client = cluster.client('test');
    client.create(deployment('db', 3, 'db:v1', { type: 'Recreate' }));
    cluster.sim.run({ until: seconds(60) });
    client.update<Deployment>('Deployment', 'default', 'db', (d) => ({
      ...d,
      spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: 'db:v2' }] } } },
    }));
    let mixed = false;
    cluster.sim.run({
      until: seconds(300),
      stopWhen: () => {
        const images = new Set(podsOf(cluster, 'db').map((p) => p.spec.containers[0]!.image));
        if (images.size > 1) mixed = true;
        return false;
      },
    });
    expect(mixed).toBe(false);
    const pods = podsOf(cluster, 'db');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.spec.containers[0]!.image === 'db:v2')).toBe(true);
    const scaling = events(cluster, 'ScalingReplicaSet');
    expect(scaling).toHaveLength(3);
    expect(scaling[1]).toMatch(/^Scaled down replica set db-[456789bcdf]+ from 3 to 0$/);
    expect(scaling[2]).toMatch(/^Scaled up replica set db-[456789bcdf]+ from 0 to 3$/);
  });
});

describe('Deployment controller: scaling and history', () => {
  it('scales the only ReplicaSet with the Deployment', () => {
    const cluster = setup();
    const client = cluster.client('test');
    client.create(deployment('web', 2, 'app:v1'));
    cluster.sim.run({ until: seconds(60) });
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 5 } }));
    cluster.sim.run({ until: seconds(120) });
    expect(podCounts(cluster, 'web').available).toBe(5);
    const rs = replicaSets(cluster)[0]!;
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(events(cluster, 'ScalingReplicaSet').at(-1)).toBe(`Scaled up replica set ${rs.metadata.name} from 2 to 5`);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const cluster = setup();
    const client = cluster.client('test');
    client.create(deployment('web', 2, 'app:v0', undefined, { revisionHistoryLimit: 1 }));
    cluster.sim.run({ until: seconds(60) });
    for (let v = 1; v <= 3; v++) {
      client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
        ...d,
        spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: `app:v${v}` }] } } },
      }));
      cluster.sim.run({ until: cluster.sim.now + seconds(120) });
    }
    const rss = replicaSets(cluster);
    expect(rss.map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });
});

describe('Deployment controller: with API defaulting on create only', () => {
  it('a rollout written by an update (not defaulted) still finds its defaulted ReplicaSet', () => {
    const cluster = new Cluster({ seed: 9 });
    cluster.apiServer.admission = (o) => (o.kind === 'Pod' ? o : withDefaults(o));
    cluster.add(new DeploymentController(cluster));
    cluster.add(new ReplicaSetController(cluster));
    startFakeKubelets(cluster);
    cluster.start();
    const client = cluster.client('test');
    client.create(deployment('web', 3, 'app:v1'));
    cluster.sim.run({ until: seconds(60) });
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
      ...d,
      spec: { ...d.spec, template: { ...d.spec.template, spec: { containers: [{ name: 'main', image: 'app:v2' }] } } },
    }));
    cluster.sim.run({ until: seconds(300) });
    expect(replicaSets(cluster)).toHaveLength(2);
    expect(podCounts(cluster, 'web')).toEqual({ active: 3, available: 3, total: 3 });
    expect(cluster.store.get<Deployment>('Deployment', 'default', 'web')!.status?.collisionCount).toBeUndefined();
  });
});

describe('Deployment controller: paused', () => {
  it('does not roll out while paused, and does when resumed', () => {
    const cluster = setup();
    const client = cluster.client('test');
    client.create(deployment('web', 2, 'app:v1'));
    cluster.sim.run({ until: seconds(60) });
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
      ...d,
      spec: { ...d.spec, paused: true, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: 'app:v2' }] } } },
    }));
    cluster.sim.run({ until: seconds(120) });
    expect(replicaSets(cluster)).toHaveLength(1);
    let d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    client.update<Deployment>('Deployment', 'default', 'web', (cur) => ({ ...cur, spec: { ...cur.spec, paused: false } }));
    cluster.sim.run({ until: seconds(300) });
    expect(replicaSets(cluster)).toHaveLength(2);
    expect(podsOf(cluster, 'web').map((p) => p.spec.containers[0]!.image)).toEqual(['app:v2', 'app:v2']);
    d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });
});

describe('Deployment controller: minReadySeconds', () => {
  it('counts a pod available only minReadySeconds after Ready, and holds maxUnavailable with it', () => {
    const cluster = setup('realistic');
    const client = cluster.client('test');
    client.create(deployment('web', 4, 'app:v1', undefined, { minReadySeconds: 20 }));
    cluster.sim.run({ until: seconds(15) });
    let d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({ readyReplicas: 4, availableReplicas: 0, unavailableReplicas: 4 });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    cluster.sim.run({ until: seconds(60) });
    d = cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({ readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
    client.update<Deployment>('Deployment', 'default', 'web', (cur) => ({
      ...cur,
      spec: { ...cur.spec, template: { ...cur.spec.template, spec: { ...cur.spec.template.spec, containers: [{ name: 'main', image: 'app:v2' }] } } },
    }));
    // Ready-but-not-yet-available new pods must not let old pods go: at most 1 (25% of 4) below 4 at any time.
    let minReadyOld = Infinity;
    cluster.sim.run({
      until: seconds(600),
      stopWhen: () => {
        minReadyOld = Math.min(minReadyOld, podCounts(cluster, 'web').available);
        return false;
      },
    });
    expect(minReadyOld).toBeGreaterThanOrEqual(3);
    expect(podsOf(cluster, 'web').map((p) => p.spec.containers[0]!.image)).toEqual(['app:v2', 'app:v2', 'app:v2', 'app:v2']);
  });
});

describe('Deployment controller: determinism', () => {
  it('the same seed gives the same pods, ReplicaSets and Events', () => {
    const run = (): string => {
      const { cluster } = rollout(6, undefined, 2, 1, 'realistic');
      const names = podsOf(cluster, 'web').map((p) => `${p.metadata.name}@${p.metadata.creationTimestamp}`);
      const evs = [...cluster.store.list<Event>('Event')].map((e) => `${e.reason}:${e.message}`);
      return JSON.stringify([names, evs, cluster.store.revision]);
    };
    expect(run()).toBe(run());
  });
});

/** Object.freeze, all the way down. */
function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('Deployment controller: the stored pod template', () => {
  it('is never written by a sync, which shares it rather than copying it (a write to the frozen template would throw)', () => {
    const cluster = setup('realistic');
    const client = cluster.client('test');
    client.create(deployment('web', 4, 'app:v1'));
    cluster.sim.run({ until: seconds(60) });
    deepFreeze(cluster.store.get<Deployment>('Deployment', 'default', 'web')!.spec.template);
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({ ...d, spec: { ...d.spec, replicas: 6 } }));
    cluster.sim.run({ until: seconds(180) });
    expect(podCounts(cluster, 'web').available).toBe(6);
    client.update<Deployment>('Deployment', 'default', 'web', (d) => ({
      ...d,
      spec: { ...d.spec, template: deepFreeze({ ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'main', image: 'app:v2' }] } }) },
    }));
    cluster.sim.run({ until: seconds(1200) });
    expect(podCounts(cluster, 'web')).toEqual({ active: 6, available: 6, total: 6 });
    expect(podsOf(cluster, 'web').every((p) => p.spec.containers[0]!.image === 'app:v2')).toBe(true);
  });
});
