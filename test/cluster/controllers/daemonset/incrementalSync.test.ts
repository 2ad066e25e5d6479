import { describe, expect, it } from 'vitest';
import type { DaemonSet, Event, Node, Pod, Taint } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../../../../src/cluster/ControlPlaneProfile.js';
import { DaemonSetController } from '../../../../src/cluster/controllers/daemonset/DaemonSetController.js';
import { installAdmission } from '../../../../src/cluster/admission.js';
import { addNode, FakeNodeAgents, S } from './fakeNodeAgents.js';

/** A small deterministic PRNG (mulberry32) for the scenario. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function daemonSet(name: string, selector: Record<string, string>, image: string, maxUnavailable: number | string = 1): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } },
      template: { metadata: { labels: { app: name } }, spec: { nodeSelector: selector, containers: [{ name: 'agent', image }] } },
    },
  };
}

/**
 * Drives one random scenario — nodes joining, leaving, relabelled, tainted
 * and heartbeating; daemon pods failing; template and selector changes
 * (rolling updates) — and returns what the cluster holds after each step.
 */
function scenario(seed: number, incremental: boolean): string[] {
  const cluster = new Cluster({ seed: 3, profile: CONTROL_PLANE_PROFILES.realistic });
  installAdmission(cluster);
  cluster.add(new DaemonSetController(cluster, { incremental }));
  new FakeNodeAgents(cluster, { startDelay: S, readyDelay: S, terminateDelay: 2 * S });
  const client = cluster.client('test');
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const names: string[] = [];
  let made = 0;
  const newNode = (): void => {
    const name = `n${made++}`;
    names.push(name);
    addNode(cluster, name, { pool: random() < 0.7 ? 'a' : 'b' });
  };
  for (let i = 0; i < 30; i++) newNode();
  cluster.start();
  client.create(daemonSet('agent', { pool: 'a' }, 'agent:1'));
  client.create(daemonSet('logs', {}, 'logs:1', '20%'));
  const snapshots: string[] = [];
  let version = 1;
  for (let step = 0; step < 60; step++) {
    const r = random();
    const node = pick(names);
    if (r < 0.15) newNode();
    else if (r < 0.25 && node !== undefined) {
      names.splice(names.indexOf(node), 1);
      client.delete('Node', undefined, node);
    } else if (r < 0.4 && node !== undefined) {
      client.update<Node>('Node', undefined, node, (n) => ({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, pool: random() < 0.5 ? 'a' : 'b' } } }));
    } else if (r < 0.5 && node !== undefined) {
      const effect = random() < 0.5 ? 'NoSchedule' : 'NoExecute';
      const taints: Taint[] = random() < 0.3 ? [] : [{ key: 'dedicated', value: 'x', effect }];
      client.update<Node>('Node', undefined, node, (n) => ({ ...n, spec: { ...n.spec, taints } }));
    } else if (r < 0.65 && node !== undefined) {
      // A heartbeat: only the status changes.
      client.update<Node>('Node', undefined, node, (n) => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: cluster.clock.timestamp() }] } }));
    } else if (r < 0.8) {
      const pods = [...cluster.store.list<Pod>('Pod')].filter((p) => p.status?.phase === 'Running');
      const pod = pick(pods);
      if (pod !== undefined) client.update<Pod>('Pod', pod.metadata.namespace, pod.metadata.name, (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }));
    } else if (r < 0.9) {
      version++;
      const name = random() < 0.5 ? 'agent' : 'logs';
      client.update<DaemonSet>('DaemonSet', 'kube-system', name, (ds) => ({
        ...ds,
        spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, containers: [{ name: 'agent', image: `${name}:${version}` }] } } },
      }));
    } else {
      client.update<DaemonSet>('DaemonSet', 'kube-system', 'agent', (ds) => ({
        ...ds,
        spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, nodeSelector: { pool: random() < 0.5 ? 'a' : 'b' } } } },
      }));
    }
    cluster.sim.run({ until: cluster.sim.now + Math.floor(random() * 20 * S) });
    const pods = [...cluster.store.list<Pod>('Pod')].map((p) => [p.metadata.name, p.spec.nodeName, p.status?.phase, p.metadata.deletionTimestamp, p.metadata.labels]);
    const sets = [...cluster.store.list<DaemonSet>('DaemonSet')].map((ds) => [ds.metadata.name, ds.status]);
    const events = [...cluster.store.list<Event>('Event')].map((e) => [e.reason, e.message, e.count]);
    snapshots.push(JSON.stringify({ now: cluster.sim.now, pods, sets, events }));
  }
  return snapshots;
}

describe('DaemonSetController incremental sync', () => {
  it.each([1, 2, 3, 4, 5])('makes the same pods, statuses and Events as recounting every node each sync (seed %i)', (seed) => {
    const full = scenario(seed, false);
    const incremental = scenario(seed, true);
    expect(incremental).toHaveLength(full.length);
    for (let i = 0; i < full.length; i++) expect(incremental[i], `step ${i}`).toBe(full[i]);
    // The scenario reaches the paths that matter: failed pods replaced, pods deleted, pods created.
    const reasons = new Set((JSON.parse(full.at(-1)!) as { events: [string][] }).events.map(([reason]) => reason));
    expect([...reasons].sort()).toEqual(expect.arrayContaining(['FailedDaemonPod', 'SuccessfulCreate', 'SuccessfulDelete']));
  });

  it('keeps the status counts of a full recount while nodes change under it', () => {
    const snapshots = scenario(9, true);
    const last = JSON.parse(snapshots.at(-1)!) as { sets: [string, DaemonSet['status']][] };
    for (const [, status] of last.sets) {
      expect(status!.numberUnavailable).toBe(status!.desiredNumberScheduled - status!.numberAvailable!);
    }
  });
});
