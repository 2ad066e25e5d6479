import { describe, expect, it } from 'vitest';
import type { DaemonSet, Event, Node, Pod } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { DaemonSetController } from '../../../../src/cluster/controllers/daemonset/DaemonSetController.js';
import { targetNodeName } from '../../../../src/cluster/controllers/daemonset/daemonPod.js';
import { installAdmission } from '../../../../src/cluster/admission.js';
import { addNode, FakeNodeAgents, S } from './fakeNodeAgents.js';

function daemonSet(name: string, spec: Partial<DaemonSet['spec']> = {}, podSpec: Partial<Pod['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...podSpec } },
      ...spec,
    },
  };
}

function setup(profile = CONTROL_PLANE_PROFILES.ideal) {
  const cluster = new Cluster({ seed: 7, profile });
  installAdmission(cluster);
  const controller = cluster.add(new DaemonSetController(cluster));
  const agents = new FakeNodeAgents(cluster, { startDelay: S, readyDelay: S, terminateDelay: 2 * S });
  const client = cluster.client('test');
  return { cluster, controller, agents, client };
}

function podsOf(cluster: Cluster, prefix: string): Pod[] {
  return [...cluster.store.list<Pod>('Pod')].filter((p) => p.metadata.name?.startsWith(`${prefix}-`));
}

describe('DaemonSetController', () => {
  it('runs one pinned pod per eligible node: node selector and untolerated taints exclude nodes, auto-tolerations admit cordoned ones', () => {
    const { cluster, client } = setup(CONTROL_PLANE_PROFILES.realistic);
    addNode(cluster, 'n1', { disk: 'ssd' });
    addNode(cluster, 'n2', { disk: 'ssd' }, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    addNode(cluster, 'n3', { disk: 'hdd' });
    addNode(cluster, 'n4', { disk: 'ssd' }, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    addNode(cluster, 'n5', { disk: 'ssd' }, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
    cluster.start();
    client.create(daemonSet('fluentd', {}, { nodeSelector: { disk: 'ssd' } }));
    cluster.sim.run({ until: 30 * S });
    const pods = podsOf(cluster, 'fluentd');
    expect(pods.map(targetNodeName).sort()).toEqual(['n1', 'n4', 'n5']);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.spec.nodeName).toBe(targetNodeName(pod));
      expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }] }],
      });
      expect(pod.spec.tolerations).toEqual([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]);
    }
    const ds = cluster.store.get<DaemonSet>('DaemonSet', 'kube-system', 'fluentd')!;
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, numberUnavailable: 0 });
    const created = [...cluster.store.list<Event>('Event')].filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(3);
    expect(created[0]!.message).toMatch(/^Created pod: fluentd-/);
    expect(created[0]!.source?.component).toBe('daemonset-controller');
  });

  it('never double-creates while its writes are in flight, and follows nodes that join and stop matching', () => {
    const { cluster, client } = setup(CONTROL_PLANE_PROFILES.realistic);
    for (let i = 0; i < 20; i++) addNode(cluster, `n${i}`, { pool: 'a' });
    cluster.start();
    client.create(daemonSet('agent', {}, { nodeSelector: { pool: 'a' } }));
    cluster.sim.run({ until: 10 * S });
    expect(podsOf(cluster, 'agent')).toHaveLength(20);
    addNode(cluster, 'late', { pool: 'a' });
    cluster.sim.run({ until: 20 * S });
    expect(podsOf(cluster, 'agent').filter((p) => p.spec.nodeName === 'late')).toHaveLength(1);
    // n0 leaves the pool: its daemon pod is deleted (misscheduled until gone).
    client.update<Node>('Node', undefined, 'n0', (n) => ({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, pool: 'b' } } }));
    cluster.sim.run({ until: 21 * S });
    expect(cluster.store.get<DaemonSet>('DaemonSet', 'kube-system', 'agent')!.status?.numberMisscheduled).toBe(1);
    cluster.sim.run({ until: 40 * S });
    expect(podsOf(cluster, 'agent').filter((p) => p.spec.nodeName === 'n0')).toHaveLength(0);
    expect(podsOf(cluster, 'agent')).toHaveLength(20);
    expect(cluster.store.get<DaemonSet>('DaemonSet', 'kube-system', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 20, numberMisscheduled: 0, numberReady: 20 });
  });

  it('evicts its pod from a node that gains an untolerated NoExecute taint but keeps it on a new NoSchedule one', () => {
    const { cluster, client } = setup();
    addNode(cluster, 'n1');
    addNode(cluster, 'n2');
    cluster.start();
    client.create(daemonSet('agent'));
    cluster.sim.run({ until: 10 * S });
    client.update<Node>('Node', undefined, 'n1', (n) => ({ ...n, spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } }));
    client.update<Node>('Node', undefined, 'n2', (n) => ({ ...n, spec: { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } }));
    cluster.sim.run({ until: 20 * S });
    expect(podsOf(cluster, 'agent').map((p) => p.spec.nodeName)).toEqual(['n2']);
    expect(cluster.store.get<DaemonSet>('DaemonSet', 'kube-system', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('rolls a template change out with maxUnavailable 1: never more than one node without an available pod', () => {
    const { cluster, client, agents } = setup();
    for (let i = 0; i < 5; i++) addNode(cluster, `n${i}`);
    cluster.start();
    client.create(daemonSet('agent'));
    cluster.sim.run({ until: 10 * S });
    client.update<DaemonSet>('DaemonSet', 'kube-system', 'agent', (ds) => ({
      ...ds,
      spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, containers: [{ name: 'agent', image: 'agent:2' }] } } },
    }));
    let worst = 0;
    cluster.sim.run({
      until: 120 * S,
      stopWhen: () => {
        let available = 0;
        for (const p of cluster.store.list<Pod>('Pod')) {
          if (p.metadata.deletionTimestamp === undefined && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) available++;
        }
        worst = Math.max(worst, 5 - available);
        return false;
      },
    });
    expect(worst).toBe(1);
    const pods = podsOf(cluster, 'agent');
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => p.spec.containers[0]!.image === 'agent:2')).toBe(true);
    expect(cluster.store.get<DaemonSet>('DaemonSet', 'kube-system', 'agent')!.status).toMatchObject({ updatedNumberScheduled: 5, numberAvailable: 5 });
    // Each node: delete (2s grace in the fake kubelet), recreate, Running 1s, Ready 1s; one node at a time.
    const deletions = [...agents.lives.values()].filter((l) => l.deleted !== undefined).map((l) => l.deleted! / S);
    expect(deletions).toHaveLength(5);
    for (let i = 1; i < deletions.length; i++) expect(deletions[i]! - deletions[i - 1]!).toBeCloseTo(4, 6);
  });

  it('replaces a failed daemon pod, recording FailedDaemonPod', () => {
    const { cluster, client } = setup();
    addNode(cluster, 'n1');
    cluster.start();
    client.create(daemonSet('agent'));
    cluster.sim.run({ until: 5 * S });
    const [first] = podsOf(cluster, 'agent');
    client.update<Pod>('Pod', 'kube-system', first!.metadata.name!, (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }));
    cluster.sim.run({ until: 20 * S });
    const pods = podsOf(cluster, 'agent');
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.name).not.toBe(first!.metadata.name);
    expect([...cluster.store.list<Event>('Event')].some((e) => e.reason === 'FailedDaemonPod' && e.type === 'Warning')).toBe(true);
  });

  it('covers 300 nodes within the 250-pod burst and slow-start batches, creating each pod exactly once', () => {
    const { cluster, client } = setup(CONTROL_PLANE_PROFILES.realistic);
    for (let i = 0; i < 300; i++) addNode(cluster, `n${i}`);
    cluster.start();
    client.create(daemonSet('agent'));
    cluster.sim.run({ until: 60 * S });
    const pods = podsOf(cluster, 'agent');
    expect(pods).toHaveLength(300);
    expect(new Set(pods.map(targetNodeName)).size).toBe(300);
    expect(cluster.apiServer.calls.create).toBe(301);
  });

  it('is deterministic: the same seed gives the same pod names', () => {
    const run = (): string[] => {
      const { cluster, client } = setup(CONTROL_PLANE_PROFILES.realistic);
      for (let i = 0; i < 5; i++) addNode(cluster, `n${i}`);
      cluster.start();
      client.create(daemonSet('agent'));
      cluster.sim.run({ until: 10 * S });
      return podsOf(cluster, 'agent').map((p) => `${p.metadata.name}@${p.spec.nodeName}`);
    };
    expect(run()).toEqual(run());
  });
});
