import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, Job, Node } from '../../src/api/types.js';
import { MICROS_PER_MINUTE } from '../../src/engine/time.js';
import { runShipped } from './shippedWorkloads.js';

describe('workloads/hour-1000.yaml, scaled down to 100 nodes and 20 minutes', () => {
  const { run } = runShipped('hour-1000.yaml', 20 * MICROS_PER_MINUTE, { set: ['nodes=100', 'deploymentRate=20/h', 'jobRate=1/m', 'duration=20m'] });
  const store = run.cluster.store;

  it('runs the DaemonSet on every node', () => {
    const ds = store.get<DaemonSet>('DaemonSet', 'kube-system', 'node-exporter')!;
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 100, currentNumberScheduled: 100, numberReady: 100, numberAvailable: 100 });
    expect([...store.list<Node>('Node')].length).toBe(100);
  });

  it('converges every Deployment that arrived more than two minutes before the end', () => {
    const deployments = [...store.list<Deployment>('Deployment')];
    expect(deployments.length).toBeGreaterThan(2);
    const endMs = run.workload.clock.originMs + 20 * 60_000;
    for (const d of deployments) {
      if (Date.parse(d.metadata.creationTimestamp!) > endMs - 120_000) continue;
      expect(d.status?.availableReplicas, d.metadata.name).toBe(20);
    }
  });

  it('completes the Jobs whose pods have had time to run', () => {
    const jobs = [...store.list<Job>('Job')];
    expect(jobs.length).toBeGreaterThan(5);
    for (const j of jobs) expect((j.status?.succeeded ?? 0) + (j.status?.active ?? 0)).toBeGreaterThan(0);
    expect(jobs.some((j) => j.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True'))).toBe(true);
  });

  it('keeps every invariant: no node over allocatable, no pod on two nodes', () => {
    run.monitor!.checkAllNodes();
    expect(run.monitor!.checks).toBeGreaterThan(500);
    expect(run.monitor!.violations).toEqual([]);
  });
});
