import { describe, expect, it } from 'vitest';
import type { Lease } from '../../../src/api/types.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { Kubelets } from '../../../src/cluster/kubelet/Kubelets.js';
import { NodeLeases } from '../../../src/cluster/kubelet/NodeLeases.js';
import { milliseconds, seconds } from '../../../src/engine/time.js';
import { viewOfCluster } from '../../../src/kubectl/fromCluster.js';
import { machine } from './helpers.js';

const REALISTIC = { name: 'realistic', requestLatency: milliseconds(15), watchLatency: milliseconds(25) } as const;

function cluster(options: { realistic?: boolean; nodes?: string[] } = {}): { cluster: Cluster; kubelets: Kubelets; leases: NodeLeases; written: string[] } {
  const c = new Cluster({ seed: 1, ...(options.realistic === true ? { profile: REALISTIC } : {}) });
  const kubelets = c.add(new Kubelets(c));
  for (const n of options.nodes ?? ['node-1']) kubelets.boot(machine(n));
  const written: string[] = [];
  c.store.watch<Lease>('Lease', (e) => written.push(`${c.sim.now / 1e6} ${e.type} ${e.object.spec.renewTime ?? ''}`));
  c.start();
  return { cluster: c, kubelets, leases: NodeLeases.of(c), written };
}

const renewTime = (s: number): string => `2026-01-01T00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(6).padStart(9, '0')}Z`;

describe('NodeLeases: the kubelets renewal schedule', () => {
  it('ideal control plane: the first renewal is written at registration, the rest every 10s are answered', () => {
    const { cluster: c, kubelets, leases, written } = cluster();
    expect(kubelets.leases).toBe(leases);
    c.sim.run({ until: seconds(25) });
    expect(written).toEqual([`0 ADDED ${renewTime(0)}`]);
    expect(leases.latestCommitted('node-1', seconds(9))).toBeUndefined();
    expect(leases.latestCommitted('node-1', seconds(25))).toBe(seconds(20));
    expect(leases.latestArrived('node-1', seconds(25), false)).toBe(seconds(20));
    // A renewal arriving at the very instant: seen only by an observer whose look was queued after it.
    expect(leases.latestArrived('node-1', seconds(20), false)).toBe(seconds(10));
    expect(leases.latestArrived('node-1', seconds(20), true)).toBe(seconds(20));
    expect(leases.latestCommitted('node-1', seconds(20))).toBe(seconds(20));
    expect(leases.renewTimeOf(seconds(20))).toBe(renewTime(20));
    expect(leases.isRenewing('node-1', seconds(25))).toBe(true);
    expect(leases.latestArrived('node-2', seconds(25), true)).toBeUndefined();
  });

  it('realistic control plane: a renewal commits 15ms after it is made and reaches watchers 25ms later', () => {
    const { cluster: c, leases } = cluster({ realistic: true });
    c.sim.run({ until: seconds(11) });
    // Node create commits at 15ms: the kubelet writes the lease then, and renews at 10.015s.
    const lease = c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    expect(lease.spec.renewTime).toBe(renewTime(0.015));
    expect(leases.latestCommitted('node-1', seconds(10) + milliseconds(29))).toBeUndefined();
    expect(leases.latestCommitted('node-1', seconds(10) + milliseconds(30))).toBe(seconds(10) + milliseconds(15));
    expect(leases.latestArrived('node-1', seconds(10) + milliseconds(55), false)).toBeUndefined();
    expect(leases.latestArrived('node-1', seconds(10) + milliseconds(55) + 1, false)).toBe(seconds(10) + milliseconds(15));
    expect(leases.arrivalOf(seconds(10) + milliseconds(15))).toBe(seconds(10) + milliseconds(55));
    expect(leases.isRenewing('node-1', milliseconds(55) + 1)).toBe(true);
    expect(leases.isRenewing('node-1', milliseconds(55))).toBe(false);
    expect(leases.renewTimeOf(seconds(10) + milliseconds(15))).toBe(renewTime(10.015));
  });

  it('a kubelet stopping at a renewal instant stops before it; one stopping after keeps it', () => {
    const { cluster: c, kubelets, leases } = cluster({ nodes: ['node-1', 'node-2'] });
    c.callbacks.at(seconds(40), () => kubelets.stop('node-1'));
    c.callbacks.at(seconds(41), () => kubelets.stop('node-2'));
    c.sim.run({ until: seconds(100) });
    expect(leases.latestCommitted('node-1', seconds(100))).toBe(seconds(30));
    expect(leases.latestCommitted('node-2', seconds(100))).toBe(seconds(40));
    expect(leases.isRenewing('node-1', seconds(100))).toBe(false);
  });

  it('a restart writes the lease again and starts a new run; flush writes the latest committed renewal', () => {
    const { cluster: c, kubelets, leases, written } = cluster();
    c.callbacks.at(seconds(35), () => kubelets.stop('node-1'));
    c.callbacks.at(seconds(100) + 7, () => kubelets.restart('node-1'));
    c.sim.run({ until: seconds(105) });
    // The restart's update is the only write after registration.
    expect(written).toEqual([`0 ADDED ${renewTime(0)}`, `100.000007 MODIFIED ${renewTime(100.000007)}`]);
    expect(leases.latestCommitted('node-1', seconds(105))).toBe(seconds(30)); // older than the written 100s
    c.sim.run({ until: seconds(125) });
    expect(leases.latestCommitted('node-1', seconds(125))).toBe(seconds(120) + 7);
    const stored = c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    expect(stored.spec.renewTime).toBe(renewTime(100.000007));
    // A view projects without writing; flush writes.
    const viewed = viewOfCluster(c).list('Lease') as Lease[];
    expect(viewed[0]!.spec.renewTime).toBe(renewTime(120.000007));
    expect(c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')).toBe(stored);
    leases.flush();
    expect(c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!.spec.renewTime).toBe(renewTime(120.000007));
    leases.flush(); // nothing newer: no write
    c.sim.run({ until: seconds(126) });
    expect(written.length).toBe(3);
  });

  it('a lease deleted while its kubelet runs is written again at the next renewal', () => {
    const { cluster: c, leases, written } = cluster();
    c.callbacks.at(seconds(42), () => c.client('test').delete('Lease', 'kube-node-lease', 'node-1'));
    c.sim.run({ until: seconds(75) });
    expect(written).toEqual([`0 ADDED ${renewTime(0)}`, `42 DELETED ${renewTime(0)}`, `50 ADDED ${renewTime(50)}`]);
    // Nothing renewed between the delete and the new lease.
    expect(leases.latestArrived('node-1', seconds(49), false)).toBe(seconds(40));
    expect(leases.latestArrived('node-1', seconds(75), false)).toBe(seconds(70));
    const lease = c.store.get<Lease>('Lease', 'kube-node-lease', 'node-1')!;
    expect(lease.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node-1' });
  });

  it('with every renewal written there is no schedule', () => {
    const c = new Cluster({ seed: 1 });
    const kubelets = c.add(new Kubelets(c, { leaseRenewals: 'written' }));
    expect(kubelets.leases).toBeNull();
    expect(NodeLeases.find(c)).toBeUndefined();
  });
});
