import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Node, Pod, ReplicaSet } from '../../src/api/types.js';
import { MICROS_PER_MINUTE } from '../../src/engine/time.js';
import { ClusterRun } from '../../src/workloads/ClusterRun.js';
import { loadWorkload } from '../../src/workloads/spec/loadWorkload.js';

const WORKLOAD = `
apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: operations}
duration: 30m
controlPlane: realistic
cluster:
  nodePools:
    - name: pool
      count: 4
      zones: [zone-a, zone-b]
      capacity: {cpu: "4", memory: 8Gi, pods: "110"}
arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 4
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: "nginx:1.26", resources: {requests: {cpu: 500m, memory: 256Mi}}}]
    readyAfter: 2s
  - poisson: {rate: 30/m, start: 1m, end: 5m}
    runDuration: uniform(20s,40s)
    manifest:
      apiVersion: batch/v1
      kind: Job
      metadata: {name: batch, namespace: default}
      spec:
        completions: 2
        parallelism: 2
        template:
          spec:
            restartPolicy: Never
            containers: [{name: work, image: busybox, resources: {requests: {cpu: 100m}}}]
operations:
  - {at: 6m, op: cordon, node: pool-1}
  - {at: 7m, op: drain, node: pool-2}
  - {at: 8m, op: scale, kind: Deployment, name: web, replicas: 6}
  - {at: 10m, op: rollout, kind: Deployment, name: web, image: "nginx:1.27"}
  - {at: 20m, op: uncordon, node: pool-1}
`;

function run(until: number): ClusterRun {
  const r = new ClusterRun(loadWorkload(WORKLOAD, 'operations.yaml'), { seed: 5 });
  r.runUntil(until);
  return r;
}

const list = <T extends KubeObject>(r: ClusterRun, kind: string): T[] => [...r.cluster.store.list<T>(kind)];

describe('workload operations through the API server', () => {
  it('cordons a node and drains another: no new pod lands on either, the drained node keeps only what cannot move', () => {
    const r = run(9 * MICROS_PER_MINUTE);
    const n1 = r.cluster.store.get<Node>('Node', undefined, 'pool-1')!;
    const n2 = r.cluster.store.get<Node>('Node', undefined, 'pool-2')!;
    expect(n1.spec?.unschedulable).toBe(true);
    expect(n2.spec?.unschedulable).toBe(true);
    const web = list<Pod>(r, 'Pod').filter((p) => p.metadata.labels?.['app'] === 'web' && p.metadata.deletionTimestamp === undefined);
    expect(web.some((p) => p.spec.nodeName === 'pool-2')).toBe(false);
    expect(r.monitor?.violations).toEqual([]);
  });

  it('scales to 6 and rolls out the new image: every web pod runs nginx:1.27 and the Deployment converges', () => {
    const r = run(25 * MICROS_PER_MINUTE);
    const d = r.cluster.store.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.status).toMatchObject({ replicas: 6, updatedReplicas: 6, readyReplicas: 6, availableReplicas: 6 });
    const web = list<Pod>(r, 'Pod').filter((p) => p.metadata.labels?.['app'] === 'web');
    expect(web.length).toBe(6);
    expect(web.every((p) => p.spec.containers[0]!.image === 'nginx:1.27')).toBe(true);
    const sets = list<ReplicaSet>(r, 'ReplicaSet');
    expect(sets.length).toBe(2);
    expect(sets.map((s) => s.spec.replicas).sort()).toEqual([0, 6]);
    expect(r.monitor?.violations).toEqual([]);
  });

  it('runs the Poisson Jobs to completion, each with exactly its completions', () => {
    const r = run(25 * MICROS_PER_MINUTE);
    const jobs = list<{ metadata: { name: string }; status?: { succeeded?: number; conditions?: { type: string; status: string }[] } } & KubeObject>(r, 'Job');
    expect(jobs.length).toBe(r.driver.arrived - 1);
    expect(jobs.length).toBeGreaterThan(80);
    for (const j of jobs) {
      expect(j.metadata.name).toMatch(/^batch-\d+$/);
      expect(j.status?.succeeded).toBe(2);
      expect(j.status?.conditions?.find((c) => c.type === 'Complete')?.status).toBe('True');
    }
  });

  it('is deterministic: the same seed gives the same store', () => {
    const a = run(12 * MICROS_PER_MINUTE);
    const b = run(12 * MICROS_PER_MINUTE);
    const dump = (r: ClusterRun): string => JSON.stringify(['Pod', 'Node', 'ReplicaSet', 'Job', 'Event'].map((k) => list(r, k)));
    expect(dump(a)).toBe(dump(b));
    expect(a.cluster.store.revision).toBe(b.cluster.store.revision);
  });
});
