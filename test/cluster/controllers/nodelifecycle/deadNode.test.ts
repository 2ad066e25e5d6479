import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod, Toleration } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { NodeLifecycleController } from '../../../../src/cluster/controllers/nodelifecycle/NodeLifecycleController.js';
import { TaintEvictionController } from '../../../../src/cluster/controllers/nodelifecycle/TaintEvictionController.js';
import { Kubelets } from '../../../../src/cluster/kubelet/Kubelets.js';
import { seconds } from '../../../../src/engine/time.js';
import { machine, pod, runPod } from '../../kubelet/helpers.js';

/** The tolerations DefaultTolerationSeconds admission adds. */
const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

interface Observed {
  /** node → instant (s) its Ready condition became Unknown. */
  unknownAt: Map<string, number>;
  /** node → instant (s) the unreachable taint appeared, and its timeAdded. */
  taintedAt: Map<string, number>;
  timeAdded: Map<string, string>;
  /** node → instant the taint went away. */
  untaintedAt: Map<string, number>;
  /** node → instant the unreachable:NoSchedule taint appeared. */
  noScheduleAt: Map<string, number>;
  /** pod → instant its Ready condition went False. */
  podNotReadyAt: Map<string, number>;
  /** pod → instant it got a deletionTimestamp. */
  deletedAt: Map<string, number>;
}

function controlPlane(nodes: Node[], options: { profile?: 'ideal' | 'realistic' } = {}): { cluster: Cluster; kubelets: Kubelets; nlc: NodeLifecycleController; seen: Observed } {
  const cluster = new Cluster({ seed: 7, ...(options.profile === 'realistic' ? { profile: { name: 'realistic', requestLatency: 15_000, watchLatency: 25_000 } } : {}) });
  const kubelets = cluster.add(new Kubelets(cluster));
  const nlc = cluster.add(new NodeLifecycleController(cluster));
  cluster.add(new TaintEvictionController(cluster));
  for (const n of nodes) kubelets.boot(n);
  const seen: Observed = { unknownAt: new Map(), taintedAt: new Map(), timeAdded: new Map(), untaintedAt: new Map(), noScheduleAt: new Map(), podNotReadyAt: new Map(), deletedAt: new Map() };
  const now = (): number => cluster.sim.now / 1e6;
  cluster.store.watch<Node>('Node', (e) => {
    const name = e.object.metadata.name ?? '';
    const ready = e.object.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown' && !seen.unknownAt.has(name)) seen.unknownAt.set(name, now());
    const taint = e.object.spec?.taints?.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute');
    if (e.object.spec?.taints?.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule') && !seen.noScheduleAt.has(name)) seen.noScheduleAt.set(name, now());
    if (taint !== undefined && !seen.taintedAt.has(name)) {
      seen.taintedAt.set(name, now());
      seen.timeAdded.set(name, taint.timeAdded ?? '');
    }
    if (taint === undefined && seen.taintedAt.has(name) && !seen.untaintedAt.has(name)) seen.untaintedAt.set(name, now());
  });
  cluster.store.watch<Pod>('Pod', (e) => {
    const name = e.object.metadata.name ?? '';
    const ready = e.object.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status === 'False' && e.object.status?.phase === 'Running' && !seen.podNotReadyAt.has(name)) seen.podNotReadyAt.set(name, now());
    if (e.object.metadata.deletionTimestamp !== undefined && !seen.deletedAt.has(name)) seen.deletedAt.set(name, now());
  });
  cluster.start();
  return { cluster, kubelets, nlc, seen };
}

function node3Taints(cluster: Cluster): string[] {
  return (cluster.store.get<Node>('Node', undefined, 'node-3')!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
}

function events(cluster: Cluster, reason: string): string[] {
  const out: string[] = [];
  for (const e of cluster.store.list<Event>('Event')) if (e.reason === reason) out.push(`${e.involvedObject.name}: ${e.message} (${e.source?.component ?? ''})`);
  return out;
}

describe('the dead-node timeline (kubernetes-behaviour.md §1)', () => {
  it('3 nodes, node-3 dies at 10m: Unknown at 10m50s, tainted at 10m55s, pods deleted 300s later and left Terminating', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => machine(n, { zone: 'zone-a' }));
    const { cluster, kubelets, seen } = controlPlane(nodes);
    for (let i = 0; i < 6; i++) runPod(cluster, pod(`web-${i}`, { tolerations: DEFAULT_TOLERATIONS }), `node-${(i % 3) + 1}`);
    cluster.callbacks.at(seconds(600), () => kubelets.stop('node-3'));
    cluster.sim.run({ until: seconds(1200) });

    // Last lease renewal 590s, seen by the 595s pass; 595 + 50 < 650.
    expect(seen.unknownAt.get('node-3')).toBe(650);
    const node3 = cluster.store.get<Node>('Node', undefined, 'node-3')!;
    expect(node3.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown', 'Ready=Unknown']);
    const readyCondition = node3.status?.conditions?.[3];
    expect(readyCondition).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-01-01T00:10:50Z' });
    // The last status report: images changed at 3s (written at the 10s check), then every 5 min.
    expect(readyCondition?.lastHeartbeatTime).toBe('2026-01-01T00:05:10Z');
    expect(events(cluster, 'NodeNotReady')).toEqual([
      'node-3: Node node-3 status is now: NodeNotReady (node-controller)',
      'web-2: Node is not ready (node-controller)',
      'web-5: Node is not ready (node-controller)',
    ]);
    expect(seen.podNotReadyAt.get('web-2')).toBe(650);
    expect(seen.podNotReadyAt.get('web-5')).toBe(650);

    // Queued by the next pass (observed Unknown) and tainted by the next 100ms tainting pass.
    expect(seen.taintedAt.get('node-3')).toBe(655.1);
    expect(seen.timeAdded.get('node-3')).toBe('2026-01-01T00:10:55Z');
    // The NoSchedule taint of the Unknown condition comes at once (not rate limited), so nothing new lands there.
    expect(seen.noScheduleAt.get('node-3')).toBe(650);
    expect(node3.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:10:50Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:10:55Z' },
    ]);

    // Deleted 300s (tolerationSeconds) after the taint was seen; the 30s grace sets deletionTimestamp.
    expect(seen.deletedAt.get('web-2')).toBe(955.1);
    expect(seen.deletedAt.get('web-5')).toBe(955.1);
    for (const name of ['web-2', 'web-5']) {
      const p = cluster.store.get<Pod>('Pod', 'default', name)!;
      expect(p.metadata.deletionTimestamp).toBe('2026-01-01T00:16:25Z');
      expect(p.status?.phase).toBe('Running'); // no kubelet to confirm: Terminating
      expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    }
    expect(events(cluster, 'TaintManagerEviction')).toEqual([
      'web-2: Marking for deletion Pod default/web-2 (taint-eviction-controller)',
      'web-5: Marking for deletion Pod default/web-5 (taint-eviction-controller)',
    ]);
    // The healthy nodes' pods are untouched.
    for (const name of ['web-0', 'web-1', 'web-3', 'web-4']) {
      const p = cluster.store.get<Pod>('Pod', 'default', name)!;
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    expect(seen.unknownAt.has('node-1')).toBe(false);
  });

  it('with the realistic control plane the same timeline holds within a pass', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => machine(n, { zone: 'zone-a' }));
    const { cluster, kubelets, seen } = controlPlane(nodes, { profile: 'realistic' });
    runPod(cluster, pod('web', { tolerations: DEFAULT_TOLERATIONS }), 'node-3');
    cluster.callbacks.at(seconds(600), () => kubelets.stop('node-3'));
    cluster.sim.run({ until: seconds(1000) });
    const unknown = seen.unknownAt.get('node-3')!;
    expect(unknown).toBeGreaterThanOrEqual(645);
    expect(unknown).toBeLessThanOrEqual(655.1);
    const tainted = seen.taintedAt.get('node-3')!;
    expect(tainted - unknown).toBeGreaterThan(0);
    expect(tainted - unknown).toBeLessThanOrEqual(5.2);
    expect(seen.deletedAt.get('web')! - tainted).toBeCloseTo(300, 0);
  });

  it('a pod that tolerates the taint forever stays; one without tolerations is deleted at once', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => machine(n, { zone: 'zone-a' }));
    const { cluster, kubelets, seen } = controlPlane(nodes);
    runPod(cluster, pod('daemon', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] }), 'node-3');
    runPod(cluster, pod('bare'), 'node-3');
    runPod(cluster, pod('short', { tolerations: [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }), 'node-3');
    cluster.callbacks.at(seconds(600), () => kubelets.stop('node-3'));
    cluster.sim.run({ until: seconds(1200) });
    expect(seen.deletedAt.get('bare')).toBe(655.1);
    expect(seen.deletedAt.get('short')).toBe(715.1);
    expect(seen.deletedAt.has('daemon')).toBe(false);
  });

  it('a node that comes back loses its taint and the pending evictions are cancelled', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => machine(n, { zone: 'zone-a' }));
    const { cluster, kubelets, seen } = controlPlane(nodes);
    runPod(cluster, pod('web', { tolerations: DEFAULT_TOLERATIONS }), 'node-3');
    cluster.callbacks.at(seconds(600), () => kubelets.stop('node-3'));
    cluster.callbacks.at(seconds(700), () => kubelets.restart('node-3'));
    cluster.sim.run({ until: seconds(1200) });
    expect(seen.taintedAt.get('node-3')).toBe(655.1);
    // The kubelet posts Ready at 700s; the 700s pass (after it) or the 705s pass removes the taint.
    expect(seen.untaintedAt.get('node-3')).toBe(705);
    expect(seen.deletedAt.has('web')).toBe(false);
    expect(node3Taints(cluster)).toEqual([]);
    expect(events(cluster, 'TaintManagerEviction')).toEqual(['web: Cancelling deletion of Pod default/web (taint-eviction-controller)']);
    const node3 = cluster.store.get<Node>('Node', undefined, 'node-3')!;
    expect(node3.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', lastTransitionTime: '2026-01-01T00:11:40Z' });
    expect(cluster.store.get<Pod>('Pod', 'default', 'web')!.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});

describe('eviction rate limits and zone disruption', () => {
  it('nodes dying together in a healthy zone are tainted 10s apart (0.1 nodes/s)', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => machine(`node-${i}`, { zone: 'zone-a' }));
    const { cluster, kubelets, nlc, seen } = controlPlane(nodes);
    for (const n of ['node-2', 'node-5', 'node-7']) cluster.callbacks.at(seconds(600), () => kubelets.stop(n));
    cluster.sim.run({ until: seconds(800) });
    expect(['node-2', 'node-5', 'node-7'].map((n) => seen.taintedAt.get(n))).toEqual([655.1, 665.1, 675.1]);
    expect(nlc.zoneStates.get(':\x00:zone-a')).toBe('Normal');
  });

  it('partial disruption in a zone of at most 50 nodes stops tainting (rate 0)', () => {
    const nodes = Array.from({ length: 6 }, (_, i) => machine(`node-${i}`, { zone: 'zone-a' }));
    const { cluster, kubelets, nlc, seen } = controlPlane(nodes);
    for (const n of ['node-0', 'node-1', 'node-2', 'node-3']) cluster.callbacks.at(seconds(600), () => kubelets.stop(n));
    cluster.sim.run({ until: seconds(2000) });
    expect(seen.unknownAt.size).toBe(4);
    expect(seen.taintedAt.size).toBe(0);
    expect(seen.noScheduleAt.size).toBe(4); // NoSchedule condition taints are never rate limited
    expect(nlc.zoneStates.get(':\x00:zone-a')).toBe('PartialDisruption');
    expect(nlc.tainters.get(':\x00:zone-a')!.limiter.qps).toBe(0);
  });

  it('partial disruption in a zone of more than 50 nodes taints at 0.01/s (100s apart)', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => machine(`node-${i}`, { zone: 'zone-a' }));
    const { cluster, kubelets, nlc, seen } = controlPlane(nodes);
    for (let i = 0; i < 40; i++) cluster.callbacks.at(seconds(600), () => kubelets.stop(`node-${i}`));
    cluster.sim.run({ until: seconds(1000) });
    expect(nlc.zoneStates.get(':\x00:zone-a')).toBe('PartialDisruption');
    expect(nlc.tainters.get(':\x00:zone-a')!.limiter.qps).toBe(0.01);
    // The 650s pass saw the zone partially disrupted and swapped in a 0.01/s limiter, still full
    // (the old one had its token): one node at once, then one every 100s.
    expect([...seen.taintedAt.values()]).toEqual([655.1, 755.1, 855.1, 955.1]);
  });

  it('a fully disrupted zone taints at the normal rate while another zone is healthy', () => {
    const nodes = [...['a-1', 'a-2'].map((n) => machine(n, { zone: 'zone-a' })), ...['b-1', 'b-2'].map((n) => machine(n, { zone: 'zone-b' }))];
    const { cluster, kubelets, nlc, seen } = controlPlane(nodes);
    for (const n of ['b-1', 'b-2']) cluster.callbacks.at(seconds(600), () => kubelets.stop(n));
    cluster.sim.run({ until: seconds(800) });
    expect(nlc.zoneStates.get(':\x00:zone-b')).toBe('FullDisruption');
    expect([seen.taintedAt.get('b-1'), seen.taintedAt.get('b-2')]).toEqual([655.1, 665.1]);
  });

  it('when every zone is fully disrupted nothing is tainted (the control plane is assumed cut off)', () => {
    const nodes = ['node-1', 'node-2', 'node-3'].map((n) => machine(n, { zone: 'zone-a' }));
    const { cluster, kubelets, nlc, seen } = controlPlane(nodes);
    for (const n of ['node-1', 'node-2', 'node-3']) cluster.callbacks.at(seconds(600), () => kubelets.stop(n));
    cluster.sim.run({ until: seconds(2000) });
    expect(seen.unknownAt.size).toBe(3);
    expect(seen.taintedAt.size).toBe(0);
    expect(seen.noScheduleAt.size).toBe(3);
    expect(nlc.zoneStates.get(':\x00:zone-a')).toBe('FullDisruption');
  });
});
