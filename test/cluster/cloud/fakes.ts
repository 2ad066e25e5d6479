import type { Node, Pod } from '../../../src/api/types.js';
import type { Cluster } from '../../../src/cluster/Cluster.js';
import type { Machines } from '../../../src/cluster/Machines.js';
import { Informer } from '../../../src/cluster/store/Informer.js';

/**
 * Machines whose kubelet registers the Node at once, Ready, and makes the
 * final delete of terminating pods straight away. `register: false` makes
 * machines that never register (a broken image).
 */
export class FakeMachines implements Machines {
  readonly booted: string[] = [];
  readonly terminated: string[] = [];
  private readonly running = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    private readonly register = true,
  ) {
    const client = cluster.client('kubelet');
    new Informer<Pod>(cluster.store, 'Pod').addHandler({
      update: (_, pod) => {
        if (pod.metadata.deletionTimestamp !== undefined) client.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
      },
    });
  }

  boot(node: Node): void {
    const name = node.metadata.name ?? '';
    this.booted.push(name);
    this.running.add(name);
    if (!this.register) return;
    const ts = this.cluster.clock.timestamp();
    this.cluster.client('kubelet').create<Node>({
      ...node,
      status: { ...node.status, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: ts, lastTransitionTime: ts }] },
    });
  }

  stop(nodeName: string): void {
    this.running.delete(nodeName);
  }

  restart(nodeName: string): void {
    this.running.add(nodeName);
  }

  terminate(nodeName: string): void {
    this.terminated.push(nodeName);
    this.running.delete(nodeName);
  }

  isRunning(nodeName: string): boolean {
    return this.running.has(nodeName);
  }
}

/** A ReplicaSet-owned pod requesting `cpu` and `memory`, optionally bound to `nodeName`. */
export function pod(name: string, cpu: string, memory: string, nodeName?: string): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }],
    },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu, memory } } }] },
  };
  if (nodeName !== undefined) p.spec.nodeName = nodeName;
  return p;
}

/** The pod as the scheduler leaves it after a failed attempt: PodScheduled=False, reason Unschedulable. */
export function unschedulable(p: Pod): Pod {
  return {
    ...p,
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/0 nodes are available' }] },
  };
}
