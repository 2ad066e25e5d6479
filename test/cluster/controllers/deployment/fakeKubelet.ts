import type { Deployment, Pod } from '../../../../src/api/types.js';
import type { Cluster } from '../../../../src/cluster/Cluster.js';
import { isPodReady } from '../../../../src/cluster/podStatus.js';
import type { Micros } from '../../../../src/engine/time.js';
import { seconds } from '../../../../src/engine/time.js';

/** How the test's stand-in for the scheduler and kubelets behaves. */
export interface FakeKubeletOptions {
  /** Node names, used round-robin. */
  nodes?: string[];
  /** From a pod's creation to its binding. */
  bindDelay?: Micros;
  /** From binding to Running and Ready. */
  readyDelay?: Micros;
  /** From deletionTimestamp to the final delete. */
  terminationDelay?: Micros;
  /** Whether a pod ever becomes Ready (default: every pod does). */
  ready?: (pod: Pod) => boolean;
}

/**
 * A tiny scheduler + kubelet for controller tests: binds each new pod to the
 * next node, marks it Running and Ready after a delay, and finishes graceful
 * deletions after another.
 */
export function startFakeKubelets(cluster: Cluster, options: FakeKubeletOptions = {}): void {
  const nodes = options.nodes ?? ['node-a', 'node-b', 'node-c'];
  const bindDelay = options.bindDelay ?? seconds(1);
  const readyDelay = options.readyDelay ?? seconds(5);
  const terminationDelay = options.terminationDelay ?? seconds(3);
  const client = cluster.client('fake-kubelet');
  const ready = options.ready ?? (() => true);
  let next = 0;
  cluster.store.watch<Pod>('Pod', (ev) => {
    const pod = ev.object;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    if (ev.type === 'ADDED' && (pod.spec.nodeName ?? '') === '') {
      const node = nodes[next++ % nodes.length]!;
      cluster.callbacks.after(bindDelay, () =>
        client.bind(ns, name, node, (r) => {
          if (!r.ok) return;
          cluster.callbacks.after(readyDelay, () =>
            client.update<Pod>('Pod', ns, name, (cur) => {
              if (cur.metadata.deletionTimestamp !== undefined || !ready(cur)) return null;
              const conditions = (cur.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
              conditions.push({ type: 'Ready', status: 'True', lastTransitionTime: cluster.clock.timestamp() });
              return { ...cur, status: { ...cur.status, phase: 'Running', conditions } };
            }),
          );
        }),
      );
    }
    if (ev.type === 'MODIFIED' && pod.metadata.deletionTimestamp !== undefined && ev.oldObject?.metadata.deletionTimestamp === undefined) {
      cluster.callbacks.after(terminationDelay, () => client.delete('Pod', ns, name, { gracePeriodSeconds: 0 }));
    }
  });
}

/** A Deployment of `replicas` pods running `image`, labels app=`name`. */
export function deployment(name: string, replicas: number, image: string, strategy?: Deployment['spec']['strategy'], extra: Partial<Deployment['spec']> = {}): Deployment {
  const spec: Deployment['spec'] = {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image }], terminationGracePeriodSeconds: 30 },
    },
    ...extra,
  };
  if (strategy !== undefined) spec.strategy = strategy;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec };
}

/** The pods of the cluster whose app label is `app`. */
export function podsOf(cluster: Cluster, app: string): Pod[] {
  return [...cluster.store.list<Pod>('Pod')].filter((p) => p.metadata.labels?.['app'] === app);
}

/** Counts of a Deployment's pods: not terminating, and ready-not-terminating. */
export function podCounts(cluster: Cluster, app: string): { active: number; available: number; total: number } {
  let active = 0;
  let available = 0;
  let total = 0;
  for (const p of podsOf(cluster, app)) {
    total++;
    if (p.metadata.deletionTimestamp !== undefined) continue;
    active++;
    if (isPodReady(p)) available++;
  }
  return { active, available, total };
}
