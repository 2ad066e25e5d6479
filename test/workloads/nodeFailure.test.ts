import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod } from '../../src/api/types.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../src/engine/time.js';
import { get } from '../../src/kubectl/get.js';
import { runShipped } from './shippedWorkloads.js';

const at = (minutes: number, seconds = 0): number => minutes * MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND;

function podsOn(pods: Pod[], node: string): Pod[] {
  return pods.filter((p) => p.spec.nodeName === node);
}

describe('workloads/node-failure.yaml (node-3 stops at 10m, realistic control plane)', () => {
  it('runs 6 replicas spread over the three nodes before the failure', () => {
    const { run } = runShipped('node-failure.yaml', at(9));
    const pods = [...run.cluster.store.list<Pod>('Pod')];
    expect(pods.length).toBe(6);
    expect(['node-1', 'node-2', 'node-3'].map((n) => podsOn(pods, n).length)).toEqual([2, 2, 2]);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('keeps node-3 Ready until the 50 s grace period runs out, then NotReady with Unknown conditions', () => {
    const before = runShipped('node-failure.yaml', at(10, 45)).run.cluster.store.get<Node>('Node', undefined, 'node-3')!;
    expect(before.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const { run, view } = runShipped('node-failure.yaml', at(10, 56));
    const node3 = run.cluster.store.get<Node>('Node', undefined, 'node-3')!;
    expect(node3.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node3.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(get(view, 'nodes').stdout).toMatch(/\nnode-3 +NotReady +<none> +10m +v1\.34\.0\n/);
    // The node controller marks its pods not ready (the Ready condition; kubectl's READY column counts container statuses).
    for (const p of podsOn([...run.cluster.store.list<Pod>('Pod')], 'node-3')) expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });

  it('evicts node-3 pods 300 s after the NoExecute taint; they stay Terminating and are replaced on node-1 and node-2', () => {
    const early = runShipped('node-failure.yaml', at(15, 50)).run.cluster.store;
    expect(podsOn([...early.list<Pod>('Pod')], 'node-3').every((p) => p.metadata.deletionTimestamp === undefined)).toBe(true);

    const { run, view } = runShipped('node-failure.yaml', at(17));
    const pods = [...run.cluster.store.list<Pod>('Pod')];
    const dead = podsOn(pods, 'node-3');
    expect(dead.length).toBe(2);
    for (const p of dead) {
      // Evicted at 955.1 s (taint at 655.1 s + 300 s), with the pod's 30 s grace: 00:16:25.
      expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:16:25Z');
      expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    }
    const table = get(view, 'pods').stdout;
    expect(table.match(/ Terminating /g)?.length).toBe(2);
    expect(table.match(/ Running /g)?.length).toBe(6);
    const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(live.length).toBe(6);
    expect(live.every((p) => p.spec.nodeName === 'node-1' || p.spec.nodeName === 'node-2')).toBe(true);
    expect(run.cluster.store.get<Deployment>('Deployment', 'default', 'web')?.status?.availableReplicas).toBe(6);
    expect(run.monitor?.violations).toEqual([]);
  });
});
