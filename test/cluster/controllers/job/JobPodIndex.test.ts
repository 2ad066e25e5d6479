/**
 * JobPodIndex: a Job's unfinished pods in the order first seen, and its pods
 * that finished since the last sync took them.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { JobPodIndex } from '../../../../src/cluster/controllers/job/JobPodIndex.js';
import { seconds } from '../../../../src/engine/time.js';

function pod(name: string, owner: string, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: owner, uid: `uid-${owner}`, controller: true }] },
    spec: { containers: [{ name: 'c', image: 'i' }] },
    status: { phase },
  };
}

const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata.name!);
const unfinished = (index: JobPodIndex, owner: string): string[] => names(index.unfinishedPods(owner).map((u) => u.pod));

function setup() {
  const cluster = new Cluster({ seed: 1 });
  const index = new JobPodIndex(cluster.informers.for<Pod>('Pod'));
  const setPhase = (name: string, phase: Pod['status'] extends infer S ? (S extends { phase?: infer P } ? P : never) : never): void => {
    cluster.store.update<Pod>('Pod', 'default', name, (p) => ({ ...p, status: { ...p.status, phase } }));
  };
  const settle = (): void => cluster.sim.run({ until: cluster.sim.now + seconds(1) });
  return { cluster, index, setPhase, settle };
}

describe('JobPodIndex', () => {
  it('keeps unfinished pods per Job in first-seen order; finished ones leave it', () => {
    const { cluster, index, setPhase, settle } = setup();
    for (const n of ['a', 'b', 'c']) cluster.store.create(pod(n, 'j1', 'Pending'));
    cluster.store.create(pod('other', 'j2', 'Running'));
    settle();
    setPhase('a', 'Running');
    setPhase('b', 'Succeeded');
    settle();
    expect(unfinished(index, 'uid-j1')).toEqual(['a', 'c']);
    expect(unfinished(index, 'uid-j2')).toEqual(['other']);
    expect(index.unfinishedPods('uid-none')).toEqual([]);
  });

  it('reads each unfinished pod\'s readiness and deletion once per change', () => {
    const { cluster, index, settle } = setup();
    cluster.store.create(pod('a', 'j1', 'Running'));
    settle();
    expect(index.unfinishedPods('uid-j1')[0]).toMatchObject({ ready: false, terminating: false });
    cluster.store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] } }));
    settle();
    expect(index.unfinishedPods('uid-j1')[0]).toMatchObject({ ready: true, terminating: false });
    cluster.store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }));
    settle();
    expect(index.unfinishedPods('uid-j1')[0]).toMatchObject({ ready: true, terminating: true });
  });

  it('hands each finished pod over once, and again only if it changes', () => {
    const { cluster, index, setPhase, settle } = setup();
    cluster.store.create(pod('a', 'j1', 'Running'));
    cluster.store.create(pod('done', 'j1', 'Succeeded'));
    settle();
    expect(names(index.takeFinished('uid-j1'))).toEqual(['done']);
    expect(index.takeFinished('uid-j1')).toEqual([]);
    setPhase('a', 'Failed');
    settle();
    const [failed] = index.takeFinished('uid-j1');
    expect(failed?.status?.phase).toBe('Failed');
    cluster.store.update<Pod>('Pod', 'default', 'a', (p) => ({ ...p, metadata: { ...p.metadata, labels: { x: '1' } } }));
    settle();
    expect(names(index.takeFinished('uid-j1'))).toEqual(['a']);
  });

  it('forgets a deleted pod: its delete event counted it, a sync must not count it again', () => {
    const { cluster, index, settle } = setup();
    cluster.store.create(pod('done', 'j1', 'Succeeded'));
    cluster.store.create(pod('run', 'j1', 'Running'));
    settle();
    cluster.store.remove('Pod', 'default', 'done');
    cluster.store.remove('Pod', 'default', 'run');
    settle();
    expect(index.takeFinished('uid-j1')).toEqual([]);
    expect(index.unfinishedPods('uid-j1')).toEqual([]);
  });

  it('forgetFinished drops what a finished Job will never take', () => {
    const { cluster, index, settle } = setup();
    cluster.store.create(pod('done', 'j1', 'Succeeded'));
    settle();
    index.forgetFinished('uid-j1');
    expect(index.takeFinished('uid-j1')).toEqual([]);
  });
});
