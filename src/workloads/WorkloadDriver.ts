import { deepCopy } from '../api/deepCopy.js';
import type { DaemonSet, Deployment, KubeObject, Node, Pod, StatefulSet } from '../api/types.js';
import type { Actor, Cluster } from '../cluster/Cluster.js';
import type { Machines } from '../cluster/Machines.js';
import { LABEL_ZONE } from '../cluster/simAnnotations.js';
import type { ApiClient } from '../cluster/store/ApiServer.js';
import { arrivalInstants } from './spec/arrivalTimes.js';
import { instanceManifest } from './spec/instances.js';
import { poolNodes } from './spec/poolNodes.js';
import type { Arrival, Operation, Workload } from './spec/types.js';

/**
 * The workload as an actor: it boots the cluster's machines, creates the
 * file's objects at time 0, then each arrival's objects at the instants of
 * its arrival process, and performs the timed operations — the way a user
 * with kubectl and a cloud console would, through the API server.
 *
 * Arrival instants are drawn one at a time (the next is scheduled when one
 * fires), from one random stream per arrival, so a long run never holds
 * millions of pending arrivals and adding an arrival never shifts another's.
 */
export class WorkloadDriver implements Actor {
  readonly name = 'workload';
  /** Objects created by arrivals so far. */
  arrived = 0;
  private readonly client: ApiClient;

  constructor(
    private readonly cluster: Cluster,
    private readonly workload: Workload,
    private readonly machines: Machines,
  ) {
    this.client = cluster.client('kubectl');
  }

  start(): void {
    const w = this.workload;
    // Autoscaled pools are node groups: the cloud boots their machines.
    for (const pool of w.cluster.nodePools) if (pool.autoscaling === undefined) for (const node of poolNodes(pool)) this.machines.boot(node);
    for (const n of w.cluster.nodes) this.machines.boot(deepCopy(n.object));
    for (const o of w.objects) this.create(deepCopy(o.object));
    w.arrivals.forEach((arrival, i) => this.startArrival(arrival, i));
    for (const op of w.operations) this.cluster.callbacks.at(op.at, () => this.perform(op));
  }

  private startArrival(arrival: Arrival, index: number): void {
    const instants = arrivalInstants(arrival.process, this.cluster.random(`workload/arrivals/${index}`), this.workload.duration);
    let n = 0;
    const next = (): void => {
      const step = instants.next();
      if (step.done === true) return;
      this.cluster.callbacks.at(step.value, () => {
        this.arrived++;
        this.create(instanceManifest(arrival, ++n));
        next();
      });
    };
    next();
  }

  private create(object: KubeObject): void {
    this.client.create(object, (result) => {
      if (!result.ok) this.cluster.recorder.event(object, 'Warning', 'FailedCreate', result.error.message, 'kubesim-workload');
    });
  }

  /** Performs one timed operation, as `kubectl` or the cloud would. */
  private perform(op: Operation): void {
    switch (op.op) {
      case 'node-failure':
        this.machines.stop(op.node);
        return;
      case 'node-recovery':
        this.machines.restart(op.node);
        return;
      case 'zone-outage': {
        const names = this.nodesInZone(op.zone);
        for (const name of names) this.machines.stop(name);
        if (op.duration !== undefined) this.cluster.callbacks.after(op.duration, () => names.forEach((name) => this.machines.restart(name)));
        return;
      }
      case 'cordon':
      case 'uncordon':
        this.setUnschedulable(op.node, op.op === 'cordon');
        return;
      case 'drain':
        this.drain(op.node);
        return;
      case 'scale':
        this.client.update<Deployment>(op.kind, op.namespace, op.name, (o) => ({ ...o, spec: { ...o.spec, replicas: op.replicas } }));
        return;
      case 'rollout':
        this.client.update<Deployment | StatefulSet | DaemonSet>(op.kind, op.namespace, op.name, (o) => {
          const template = o.spec.template;
          if (template === undefined) return null;
          const containers = template.spec.containers.map((c) => (c.name === op.container ? { ...c, image: op.image } : c));
          return { ...o, spec: { ...o.spec, template: { ...template, spec: { ...template.spec, containers } } } } as typeof o;
        });
        return;
      case 'delete':
        this.client.delete(op.kind, op.namespace === '' ? undefined : op.namespace, op.name);
        return;
    }
  }

  private nodesInZone(zone: string): string[] {
    const names: string[] = [];
    for (const node of this.cluster.store.list<Node>('Node')) if (node.metadata.labels?.[LABEL_ZONE] === zone) names.push(node.metadata.name);
    return names;
  }

  private setUnschedulable(nodeName: string, unschedulable: boolean): void {
    this.client.update<Node>('Node', undefined, nodeName, (n) => {
      if ((n.spec?.unschedulable ?? false) === unschedulable) return null;
      const spec = { ...n.spec };
      if (unschedulable) spec.unschedulable = true;
      else delete spec.unschedulable;
      return { ...n, spec };
    });
  }

  /**
   * `kubectl drain --ignore-daemonsets --delete-emptydir-data`: cordon, then
   * evict every pod on the node except DaemonSet and mirror pods. (The
   * Eviction API's PodDisruptionBudget check is not modelled: each pod is
   * deleted gracefully.)
   */
  private drain(nodeName: string): void {
    this.setUnschedulable(nodeName, true);
    for (const pod of this.cluster.store.list<Pod>('Pod')) {
      if (pod.spec.nodeName !== nodeName || pod.metadata.deletionTimestamp !== undefined) continue;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      if (pod.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet' && r.controller === true) === true) continue;
      if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
      this.client.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    }
  }
}
