/**
 * Pods nominated to nodes (backend/queue/nominator.go): preemptors waiting
 * for their victims to go, whose room lower-priority pods must leave free.
 * Fed by pods' status.nominatedNodeName when the queue sees them added or
 * updated, and by preemption directly.
 */
import type { Pod } from '../../api/types.js';
import type { Nominator } from '../framework/interfaces.js';
import type { PodInfo } from '../framework/PodInfo.js';

/** Looks a pod up in the scheduler's view of the cluster (the pod lister), by namespace and name. */
export type PodLister = (namespace: string, name: string) => Pod | undefined;

interface PodRef {
  uid: string;
  key: string;
  /** The pod info last nominated (used when the queue no longer holds the pod). */
  podInfo: PodInfo;
}

const NONE: readonly PodInfo[] = Object.freeze([]);

function nominatedNodeName(pod: Pod): string {
  return pod.status?.nominatedNodeName ?? '';
}

export class PodNominator implements Nominator {
  /** Node name → the pods nominated there, in nomination order. */
  private readonly nominatedPods = new Map<string, PodRef[]>();
  /** Pod UID → the node it is nominated to. */
  private readonly nominatedPodToNode = new Map<string, string>();
  private readonly podLister: PodLister | undefined;
  /** The queue's current pod info for a pod key, when the queue holds the pod. */
  private readonly resolve: (key: string) => PodInfo | undefined;

  constructor(options: { podLister?: PodLister | undefined; resolve?: (key: string) => PodInfo | undefined } = {}) {
    this.podLister = options.podLister;
    this.resolve = options.resolve ?? (() => undefined);
  }

  hasNominatedPods(): boolean {
    return this.nominatedPodToNode.size > 0;
  }

  /**
   * The pods nominated to the node, in nomination order, each as the queue
   * currently holds it (upstream's NominatedPodsForNode looks them up in
   * activeQ, unschedulablePods and backoffQ), else as last nominated.
   */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    const refs = this.nominatedPods.get(nodeName);
    if (refs === undefined) return NONE;
    return refs.map((r) => this.resolve(r.key) ?? r.podInfo);
  }

  /** The node the pod is nominated to, or undefined. */
  nominatedNodeFor(uid: string): string | undefined {
    return this.nominatedPodToNode.get(uid);
  }

  /**
   * Nominates the pod to `nodeName` (NominatingMode Override), replacing any
   * earlier nomination; an empty node name clears it.
   */
  addNominatedPod(pod: PodInfo, nodeName: string): void {
    this.add(pod, nodeName);
  }

  /** Nominates the pod to its status.nominatedNodeName (NominatingMode Noop, as on pod add/update). */
  addNominatedPodFromStatus(pod: PodInfo): void {
    this.add(pod, nominatedNodeName(pod.pod));
  }

  deleteNominatedPodIfExists(pod: PodInfo): void {
    this.deleteByUid(pod.uid);
  }

  /** Forgets the nomination of the pod with this UID, if any. */
  deleteByUid(uid: string): void {
    const node = this.nominatedPodToNode.get(uid);
    if (node === undefined) return;
    const refs = this.nominatedPods.get(node);
    if (refs !== undefined) {
      const i = refs.findIndex((r) => r.uid === uid);
      if (i >= 0) refs.splice(i, 1);
      if (refs.length === 0) this.nominatedPods.delete(node);
    }
    this.nominatedPodToNode.delete(uid);
  }

  /**
   * UpdateNominatedPod: re-records the pod after an update. When neither the
   * old nor the new pod carries a nominatedNodeName but the nominator has one
   * (set by preemption before the status patch landed), it is kept.
   */
  updateNominatedPod(oldPod: Pod, newPod: PodInfo): void {
    const uid = oldPod.metadata.uid ?? `${oldPod.metadata.namespace ?? ''}/${oldPod.metadata.name ?? ''}`;
    let override: string | undefined;
    if (nominatedNodeName(oldPod) === '' && nominatedNodeName(newPod.pod) === '') {
      override = this.nominatedPodToNode.get(uid);
    }
    this.deleteByUid(uid);
    this.add(newPod, override ?? nominatedNodeName(newPod.pod));
  }

  private add(pod: PodInfo, nodeName: string): void {
    // Never hold more than one instance of a pod.
    this.deleteByUid(pod.uid);
    if (nodeName === '') return;
    if (this.podLister !== undefined) {
      // A pod deleted or already bound is not nominated.
      const current = this.podLister(pod.namespace, pod.name);
      if (current === undefined) return;
      if ((current.spec.nodeName ?? '') !== '') return;
    }
    this.nominatedPodToNode.set(pod.uid, nodeName);
    let refs = this.nominatedPods.get(nodeName);
    if (refs === undefined) {
      refs = [];
      this.nominatedPods.set(nodeName, refs);
    }
    if (refs.some((r) => r.uid === pod.uid)) return;
    refs.push({ uid: pod.uid, key: pod.key, podInfo: pod });
  }
}
