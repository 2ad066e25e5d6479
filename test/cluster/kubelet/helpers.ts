import type { Event, Node, Pod } from '../../../src/api/types.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { Kubelets, type KubeletsOptions } from '../../../src/cluster/kubelet/Kubelets.js';
import type { Stored } from '../../../src/cluster/store/Store.js';
import { seconds } from '../../../src/engine/time.js';

/** A machine of `cpu` cores and `memory`, in `zone`. */
export function machine(name: string, options: { cpu?: string; memory?: string; pods?: string; zone?: string } = {}): Node {
  const labels: Record<string, string> = {};
  if (options.zone !== undefined) labels['topology.kubernetes.io/zone'] = options.zone;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { capacity: { cpu: options.cpu ?? '4', memory: options.memory ?? '16Gi', pods: options.pods ?? '110' } },
  };
}

/** A one-container pod (defaults as the API server would set the ones the kubelet reads). */
export function pod(name: string, options: { image?: string; cpu?: string; restartPolicy?: 'Always' | 'OnFailure' | 'Never'; annotations?: Record<string, string>; containers?: number; tolerations?: Pod['spec']['tolerations'] } = {}): Pod {
  const count = options.containers ?? 1;
  const containers = [];
  for (let i = 0; i < count; i++) {
    containers.push({ name: i === 0 ? 'main' : `c${i}`, image: options.image ?? 'nginx:1.27', resources: { requests: { cpu: options.cpu ?? '100m', memory: '128Mi' } } });
  }
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', annotations: options.annotations ?? {} },
    spec: { containers, restartPolicy: options.restartPolicy ?? 'Always', terminationGracePeriodSeconds: 30 },
  };
  if (options.tolerations !== undefined) p.spec.tolerations = options.tolerations;
  return p;
}

/** A started cluster with kubelets on `nodes`. */
export function kubeletCluster(nodes: Node[], options: KubeletsOptions & { seed?: number } = {}): { cluster: Cluster; kubelets: Kubelets } {
  const cluster = new Cluster({ seed: options.seed ?? 1 });
  const kubelets = cluster.add(new Kubelets(cluster, options));
  for (const n of nodes) kubelets.boot(n);
  cluster.start();
  return { cluster, kubelets };
}

/** Creates `p` and binds it to `nodeName` at once (no scheduler). */
export function runPod(cluster: Cluster, p: Pod, nodeName: string): void {
  const client = cluster.client('test');
  client.create(p, (r) => {
    if (r.ok) client.bind(p.metadata.namespace ?? 'default', p.metadata.name ?? '', nodeName);
  });
}

/** The stored pod. */
export function getPod(cluster: Cluster, name: string): Stored<Pod> | undefined {
  return cluster.store.get<Pod>('Pod', 'default', name);
}

/** Events about `name`, as `reason: message`. */
export function eventsOf(cluster: Cluster, name: string): string[] {
  const out: string[] = [];
  for (const e of cluster.store.list<Event>('Event')) if (e.involvedObject.name === name) out.push(`${e.reason}: ${e.message}`);
  return out;
}

/** Runs the simulation until `s` seconds. */
export function runUntil(cluster: Cluster, s: number): void {
  cluster.sim.run({ until: seconds(s) });
}
