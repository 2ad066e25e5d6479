import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from '../../src/api/types.js';
import { MICROS_PER_MINUTE } from '../../src/engine/time.js';
import { ClusterRun } from '../../src/workloads/ClusterRun.js';
import { loadWorkload } from '../../src/workloads/spec/loadWorkload.js';

const WORKLOAD = `
apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: autoscaling}
duration: 1h
controlPlane: realistic
parameters: {replicas: 8}
cluster:
  nodePools:
    - name: fixed
      count: 1
      zones: [zone-a]
      capacity: {cpu: "2", memory: 8Gi, pods: "110"}
    - name: burst
      count: 0
      zones: [zone-b]
      capacity: {cpu: "2", memory: 8Gi, pods: "110"}
      autoscaling: {min: 0, max: 6, provisioningDelay: 2m}
arrivals:
  - at: 1m
    manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: \${replicas}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: nginx, resources: {requests: {cpu: 900m, memory: 1Gi}}}]
operations:
  - {at: 20m, op: scale, kind: Deployment, name: web, replicas: 1}
`;

function run(until: number): ClusterRun {
  const r = new ClusterRun(loadWorkload(WORKLOAD, 'autoscaling.yaml'), { seed: 2 });
  r.runUntil(until);
  return r;
}

const burstNodes = (r: ClusterRun): Node[] => [...r.cluster.store.list<Node>('Node')].filter((n) => n.metadata.name.startsWith('burst-'));

describe('cluster-autoscaler in a whole cluster', () => {
  it('scales the burst group up for the unschedulable pods, after the provisioning delay, until every replica runs', () => {
    const before = run(3 * MICROS_PER_MINUTE);
    expect(burstNodes(before)).toEqual([]);
    const r = run(8 * MICROS_PER_MINUTE);
    // 8 pods of 900m on 2-cpu nodes: 2 fit the fixed node, 6 need 3 more nodes.
    expect(burstNodes(r).length).toBe(3);
    for (const n of burstNodes(r)) expect(n.metadata.name).toMatch(/^burst-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(r.cluster.store.get<Deployment>('Deployment', 'default', 'web')?.status?.availableReplicas).toBe(8);
    expect(r.autoscaler?.counters.scaleUps).toBeGreaterThanOrEqual(1);
    expect(r.monitor?.violations).toEqual([]);
  });

  it('scales the burst group back down once its nodes are unneeded for 10 minutes', () => {
    const r = run(45 * MICROS_PER_MINUTE);
    const pods = [...r.cluster.store.list<Pod>('Pod')].filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(pods.length).toBe(1);
    expect(burstNodes(r).length).toBe(0);
    expect(r.autoscaler?.counters.nodesRemoved).toBe(3);
    expect(r.monitor?.violations).toEqual([]);
  });
});
