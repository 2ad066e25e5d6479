import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Toleration } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { NodeLifecycleController } from '../../../../src/cluster/controllers/nodelifecycle/NodeLifecycleController.js';
import { TaintEvictionController } from '../../../../src/cluster/controllers/nodelifecycle/TaintEvictionController.js';
import { Kubelets } from '../../../../src/cluster/kubelet/Kubelets.js';
import { milliseconds, seconds } from '../../../../src/engine/time.js';
import { machine, pod, runPod } from '../../kubelet/helpers.js';

const TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** Every Node, Pod and Event write as `instant type kind object` (resourceVersions left out: fewer writes renumber them). */
function timeline(cluster: Cluster): string[] {
  const out: string[] = [];
  const strip = (o: KubeObject): string => JSON.stringify(o, (k, v: unknown) => (k === 'resourceVersion' ? undefined : v));
  for (const kind of ['Node', 'Pod', 'Event']) cluster.store.watch(kind, (e) => out.push(`${cluster.sim.now} ${e.type} ${kind} ${strip(e.object)}`));
  return out;
}

/**
 * Three zones of six nodes, two booting late at odd instants, pods on them,
 * and kubelets stopping and restarting on and off the 5s pass grid: a full
 * lease written per renewal and the schedule must give the same history.
 */
function churn(leaseRenewals: 'scheduled' | 'written', realistic: boolean): { out: string[]; events: number } {
  const cluster = new Cluster({ seed: 3, ...(realistic ? { profile: { name: 'realistic', requestLatency: milliseconds(15), watchLatency: milliseconds(25) } } : {}) });
  const kubelets = cluster.add(new Kubelets(cluster, { leaseRenewals }));
  cluster.add(new NodeLifecycleController(cluster));
  cluster.add(new TaintEvictionController(cluster));
  const out = timeline(cluster);
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const nodes: Node[] = Array.from({ length: 18 }, (_, i) => machine(`node-${i}`, { zone: zones[i % 3]! }));
  for (const n of nodes.slice(0, 16)) kubelets.boot(n);
  cluster.callbacks.at(seconds(33) + 4321, () => kubelets.boot(nodes[16]!));
  cluster.callbacks.at(seconds(71) + 12, () => kubelets.boot(nodes[17]!));
  for (let i = 0; i < 12; i++) runPod(cluster, pod(`web-${i}`, { tolerations: TOLERATIONS }), `node-${i}`);
  const stop = (s: number, n: number): void => cluster.callbacks.at(Math.round(seconds(s)), () => kubelets.stop(`node-${n}`));
  const restart = (s: number, n: number): void => cluster.callbacks.at(Math.round(seconds(s)), () => kubelets.restart(`node-${n}`));
  stop(600, 1); // on a renewal and a pass
  stop(603.3, 2);
  restart(640, 2); // back before the grace period runs out
  stop(655, 16);
  restart(800.0001, 1);
  for (const n of [0, 3, 6, 9, 12, 15]) stop(1000, n); // all of zone-a: full disruption of a zone
  for (const n of [0, 3, 6, 9, 12, 15]) restart(1400, n);
  stop(1500.5, 17);
  restart(1700, 17);
  cluster.start();
  cluster.sim.run({ until: seconds(2400) });
  return { out, events: cluster.sim.eventsProcessed };
}

describe('node lifecycle passes that look only where something can happen', () => {
  for (const realistic of [false, true]) {
    it(`give the same history as every lease renewal written (${realistic ? 'realistic' : 'ideal'} control plane)`, () => {
      const written = churn('written', realistic);
      const scheduled = churn('scheduled', realistic);
      expect(written.out.some((l) => l.includes('Kubelet stopped posting node status.'))).toBe(true);
      expect(written.out.some((l) => l.includes('"reason":"TaintManagerEviction"'))).toBe(true);
      expect(scheduled.out).toEqual(written.out);
      // Three events per renewal (timer, commit, watch delivery) are gone.
      expect(scheduled.events).toBeLessThan(written.events / 3);
    });
  }

  it('a healthy idle 1,000-node cluster costs O(1) events per node-minute, not one per 10s renewal', () => {
    const cluster = new Cluster({ seed: 1 });
    const kubelets = cluster.add(new Kubelets(cluster));
    const nlc = cluster.add(new NodeLifecycleController(cluster));
    for (let i = 0; i < 1000; i++) kubelets.boot(machine(`node-${i}`, { zone: `zone-${i % 3}` }));
    cluster.start();
    cluster.sim.run({ until: seconds(60) });
    const warm = cluster.sim.eventsProcessed;
    cluster.sim.run({ until: seconds(3660) });
    const perNodeMinute = (cluster.sim.eventsProcessed - warm) / (1000 * 60);
    // Left: a status report per node every 5 min (timer, commit, delivery) and the 5s passes.
    expect(perNodeMinute).toBeLessThan(1);
    // A renewal every 10s would be 6 per node-minute before its commit and delivery.
    expect(perNodeMinute).toBeGreaterThan(0.3);
    expect(nlc.zoneStates.get(':\x00:zone-1')).toBe('Normal');
    expect(cluster.store.get<Node>('Node', undefined, 'node-999')!.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
