import type { KubeObject, Node, Pod, PodCondition } from '../api/types.js';
import type { Actor, Cluster } from '../cluster/Cluster.js';
import type { ApiClient } from '../cluster/store/ApiServer.js';
import type { WatchEvent } from '../cluster/store/Store.js';
import type { ListedKind } from './cache/ClusterObjects.js';
import { gpuAnnotationsFor } from './plugins/gpu/gpuBinding.js';
import type { PodInfo } from './framework/PodInfo.js';
import type { Scheduler } from './Scheduler.js';
import type { SchedulerHost } from './SchedulerHost.js';

/** The kinds besides pods and nodes that the scheduler's informers follow (those its plugins read). */
const LISTED_KINDS: readonly ListedKind[] = ['Namespace', 'Service', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'PodDisruptionBudget'];

/** The component name kube-scheduler records Events under. */
const COMPONENT = 'default-scheduler';

/**
 * kube-scheduler in a simulated cluster: its informers are watches on the
 * store (each change arrives after the watch latency), and its writes —
 * bindings, PodScheduled conditions, nominations, preemption — are API calls
 * that take the request latency, as in a real cluster.
 */
export class ClusterSchedulerHost implements SchedulerHost, Actor {
  readonly name = 'kube-scheduler';
  private readonly client: ApiClient;
  private scheduler: Scheduler | null = null;

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client('kube-scheduler');
  }

  /** Connects the scheduler (made after the host, since it needs the host). */
  attach(scheduler: Scheduler): void {
    this.scheduler = scheduler;
  }

  /** Lists what exists and starts the watches, in kube-scheduler's informer order: nodes, then pods. */
  start(): void {
    const sched = this.sched();
    const store = this.cluster.store;
    for (const kind of LISTED_KINDS) {
      for (const object of store.list(kind)) sched.setObject(kind, object);
      store.watch(kind, (e) => (e.type === 'DELETED' ? sched.deleteObject(kind, e.object) : sched.setObject(kind, e.object)));
    }
    for (const node of store.list<Node>('Node')) sched.addNode(node);
    store.watch<Node>('Node', (e: WatchEvent<Node>) => {
      if (e.type === 'ADDED') sched.addNode(e.object);
      else if (e.type === 'MODIFIED') sched.updateNode(e.oldObject!, e.object);
      else sched.deleteNode(e.object);
    });
    for (const pod of store.list<Pod>('Pod')) if (!isFinished(pod)) sched.addPod(pod);
    store.watch<Pod>('Pod', (e: WatchEvent<Pod>) => {
      const pod = e.object;
      if (e.type === 'ADDED') {
        if (!isFinished(pod)) sched.addPod(pod);
      } else if (e.type === 'MODIFIED') {
        // A pod that finished frees its node, as the scheduler's informer filter drops terminal pods.
        if (isFinished(pod)) {
          if (!isFinished(e.oldObject!)) sched.deletePod(e.oldObject!);
        } else sched.updatePod(e.oldObject!, pod);
      } else if (!isFinished(pod)) sched.deletePod(pod);
    });
  }

  bind(pod: PodInfo, nodeName: string, done: (error: string | null) => void): void {
    const p = pod.pod;
    // The chosen GPUs travel as the Binding's annotations, so they land on the pod in the binding's own write.
    const annotations = gpuAnnotationsFor(this.sched().cache, pod, p) ?? undefined;
    this.client.bind(p.metadata.namespace ?? 'default', p.metadata.name ?? '', nodeName, (result) => {
      if (!result.ok) {
        done(result.error.message);
        return;
      }
      this.cluster.recorder.event(p, 'Normal', 'Scheduled', `Successfully assigned ${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''} to ${nodeName}`, COMPONENT);
      done(null);
    }, annotations);
  }

  recordFailure(pod: PodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, nominatedNodeName: string | null): void {
    const p = pod.pod;
    const timestamp = this.cluster.clock.timestamp();
    this.cluster.recorder.event(p, 'Warning', 'FailedScheduling', message, COMPONENT);
    this.client.update<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '', (current) => {
      if ((current.spec.nodeName ?? '') !== '') return null; // bound meanwhile
      const previous = current.status?.conditions?.find((c) => c.type === 'PodScheduled');
      const condition: PodCondition = { type: 'PodScheduled', status: 'False', reason, message, lastTransitionTime: timestamp };
      if (previous?.status === 'False' && previous.lastTransitionTime !== undefined) condition.lastTransitionTime = previous.lastTransitionTime;
      const sameCondition = previous?.status === 'False' && previous.reason === reason && previous.message === message;
      const sameNomination = (current.status?.nominatedNodeName ?? null) === nominatedNodeName || nominatedNodeName === null;
      if (sameCondition && sameNomination) return null; // nothing new: upstream's status patch would be empty
      const conditions = (current.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      conditions.push(condition);
      const status = { phase: 'Pending' as const, ...current.status, conditions };
      if (nominatedNodeName !== null) status.nominatedNodeName = nominatedNodeName;
      return { ...current, status };
    });
  }

  evict(victim: PodInfo, preemptor: PodInfo): void {
    const v = victim.pod;
    const by = preemptor.pod;
    this.cluster.recorder.event(
      v,
      'Normal',
      'Preempted',
      `Preempted by pod ${by.metadata.uid ?? ''} on node ${v.spec.nodeName ?? ''}`,
      COMPONENT,
    );
    const timestamp = this.cluster.clock.timestamp();
    const namespace = v.metadata.namespace;
    const name = v.metadata.name ?? '';
    // Upstream marks the victim with the DisruptionTarget condition, then deletes it.
    this.client.update<Pod>('Pod', namespace, name, (current) => {
      const conditions = (current.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: `${COMPONENT}: preempting to accommodate a higher priority pod`,
        lastTransitionTime: timestamp,
      });
      return { ...current, status: { ...current.status, conditions } };
    });
    this.client.delete('Pod', namespace, name);
  }

  clearNomination(pod: PodInfo): void {
    const p = pod.pod;
    this.client.update<Pod>('Pod', p.metadata.namespace, p.metadata.name ?? '', (current) => {
      if (current.status?.nominatedNodeName === undefined) return null;
      const { nominatedNodeName: _cleared, ...status } = current.status;
      return { ...current, status };
    });
  }

  private sched(): Scheduler {
    if (this.scheduler === null) throw new Error('ClusterSchedulerHost started before a scheduler was attached');
    return this.scheduler;
  }
}

/** Terminal pods hold no resources: kube-scheduler's informers leave them out. */
function isFinished(pod: KubeObject): boolean {
  const phase = (pod as Pod).status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
