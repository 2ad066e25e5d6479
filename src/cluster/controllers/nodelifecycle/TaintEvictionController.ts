import type { KubeObject, Node, Pod, PodCondition, Taint } from '../../../api/types.js';
import type { Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';
import { PodsByNode } from './PodsByNode.js';
import { getMatchingTolerations, getMinTolerationTime, getNoExecuteTaints } from './tolerations.js';

/** The component name on its Events. */
export const TAINT_EVICTION_COMPONENT = 'taint-eviction-controller';

/** A scheduled deletion (TimedWorker): when it was made and when it fires. */
interface TimedWorker {
  createdAt: Micros;
  fireAt: Micros;
  cancelled: boolean;
}

function taintsEqual(a: readonly Taint[], b: readonly Taint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key || (x.value ?? '') !== (y.value ?? '') || x.effect !== y.effect || x.timeAdded !== y.timeAdded) return false;
  }
  return true;
}

/**
 * The NoExecute taint manager (pkg/controller/tainteviction/
 * taint_eviction.go): when a node carries NoExecute taints, a pod on it that
 * does not tolerate them all is deleted at once; one that tolerates them with
 * tolerationSeconds is deleted that many seconds (the minimum over the
 * matching tolerations) after the controller saw the taint; one that
 * tolerates them forever stays. Removing the taints cancels pending
 * deletions. Deleting adds the DisruptionTarget condition, then makes a
 * graceful delete, with the TaintManagerEviction Event.
 */
export class TaintEvictionController implements Actor {
  readonly name = 'kube-controller-manager/taint-eviction-controller';
  private readonly client: ApiClient;
  private nodes!: Informer<Node>;
  private podsByNode!: PodsByNode;
  private pods!: Informer<Pod>;
  private readonly taintedNodes = new Map<string, Taint[]>();
  /** The TimedWorkerQueue: `namespace/name` → the scheduled worker, or null once it ran (kept to stop re-adding). */
  private readonly workers = new Map<string, TimedWorker | null>();

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client(TAINT_EVICTION_COMPONENT);
  }

  /** Starts watching nodes and pods. */
  start(): void {
    this.pods = this.cluster.informers.for<Pod>('Pod');
    this.podsByNode = PodsByNode.of(this.pods);
    this.nodes = this.cluster.informers.for<Node>('Node');
    this.nodes.addHandler({
      add: (node) => this.handleNodeUpdate(node.metadata.name),
      update: (old, node) => {
        if (!taintsEqual(getNoExecuteTaints(old.spec?.taints), getNoExecuteTaints(node.spec?.taints))) this.handleNodeUpdate(node.metadata.name);
      },
      delete: (node) => this.handleNodeUpdate(node.metadata.name),
    });
    this.pods.addHandler({
      add: (pod) => this.handlePodUpdate(pod),
      update: (_old, pod) => this.handlePodUpdate(pod),
      delete: (pod) => this.cancelWorkWithEvent(pod.metadata.namespace ?? 'default', pod.metadata.name),
    });
  }

  /** True when a deletion of the pod is scheduled (for tests and views). */
  isScheduled(namespace: string, name: string): boolean {
    const w = this.workers.get(`${namespace}/${name}`);
    return w !== undefined && w !== null && !w.cancelled;
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get(undefined, nodeName);
    if (node === undefined) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = getNoExecuteTaints(node.spec?.taints);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.podsByNode.get(nodeName);
    if (pods.length === 0) return;
    if (taints.length === 0) {
      for (const pod of pods) this.cancelWorkWithEvent(pod.metadata.namespace ?? 'default', pod.metadata.name);
      return;
    }
    const now = this.cluster.sim.now;
    for (const pod of pods) this.processPodOnNode(pod, taints, now);
  }

  private handlePodUpdate(pod: Stored<Pod>): void {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') return;
    const taints = this.taintedNodes.get(nodeName);
    if (taints === undefined) return;
    this.processPodOnNode(pod, taints, this.cluster.sim.now);
  }

  private processPodOnNode(pod: Stored<Pod>, taints: Taint[], now: Micros): void {
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    if (taints.length === 0) this.cancelWorkWithEvent(namespace, name);
    const [allTolerated, used] = getMatchingTolerations(taints, pod.spec.tolerations);
    if (!allTolerated) {
      this.cancelWorkWithEvent(namespace, name);
      this.addWork(namespace, name, now, now);
      return;
    }
    const minTolerationTime = getMinTolerationTime(used);
    if (minTolerationTime < 0) {
      this.cancelWorkWithEvent(namespace, name);
      return;
    }
    let startTime = now;
    const triggerTime = startTime + minTolerationTime;
    const scheduled = this.workers.get(`${namespace}/${name}`);
    if (scheduled !== undefined && scheduled !== null) {
      startTime = scheduled.createdAt;
      if (startTime + minTolerationTime < triggerTime) return;
      this.cancelWorkWithEvent(namespace, name);
    }
    this.addWork(namespace, name, startTime, startTime + minTolerationTime);
  }

  /** TimedWorkerQueue.AddWork: skipped when work for the pod exists (or ran). */
  private addWork(namespace: string, name: string, createdAt: Micros, fireAt: Micros): void {
    const key = `${namespace}/${name}`;
    if (this.workers.has(key)) return;
    const worker: TimedWorker = { createdAt, fireAt, cancelled: false };
    this.workers.set(key, worker);
    this.cluster.callbacks.at(Math.max(fireAt, this.cluster.sim.now), () => {
      if (worker.cancelled) return;
      this.deletePod(namespace, name);
      if (this.workers.get(key) === worker) this.workers.set(key, null);
    });
  }

  private cancelWorkWithEvent(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    if (!this.workers.has(key)) return;
    const worker = this.workers.get(key);
    this.workers.delete(key);
    if (worker === undefined || worker === null) return;
    worker.cancelled = true;
    this.cluster.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${namespace}/${name}`, TAINT_EVICTION_COMPONENT);
  }

  /** deletePodHandler: the Event, the DisruptionTarget condition, then a graceful delete. */
  private deletePod(namespace: string, name: string): void {
    this.cluster.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, TAINT_EVICTION_COMPONENT);
    const clock = this.cluster.clock;
    this.client.update<Pod>('Pod', namespace, name, (pod) => {
      const now = clock.timestamp();
      const conditions = pod.status?.conditions ?? [];
      const existing = conditions.find((c) => c.type === 'DisruptionTarget');
      const condition: PodCondition = {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
        lastTransitionTime: now,
      };
      if (existing !== undefined && existing.status === condition.status && existing.reason === condition.reason && existing.message === condition.message) return null;
      const next = conditions.filter((c) => c.type !== 'DisruptionTarget');
      next.push(existing !== undefined && existing.status === 'True' ? { ...condition, lastTransitionTime: existing.lastTransitionTime ?? now } : condition);
      return { ...pod, status: { ...pod.status, conditions: next } };
    });
    this.client.delete('Pod', namespace, name);
  }
}

/** The ObjectReference upstream records the Event against (no uid). */
function podRef(namespace: string, name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
}
