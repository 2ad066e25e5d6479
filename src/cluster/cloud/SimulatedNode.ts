import { RequiredNodeAffinity } from '../../api/nodeSelector.js';
import { podRequests } from '../../api/podRequests.js';
import { RESOURCE_CPU, RESOURCE_MEMORY, RESOURCE_PODS, parseResourceList } from '../../api/resources.js';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint, TAINT_NODE_UNSCHEDULABLE } from '../../api/taints.js';
import type { Node, Pod } from '../../api/types.js';

/** kubelet `maxPods` default, for a node that reports no `pods` allocatable. */
const DEFAULT_MAX_PODS = 110;

const requestsCache = new WeakMap<Pod, Map<string, number>>();
const affinityCache = new WeakMap<Pod, RequiredNodeAffinity>();

/** PodRequests of a stored (immutable) pod, cached: cpu in millicores, the rest in base units. */
export function cachedPodRequests(pod: Pod): Map<string, number> {
  let r = requestsCache.get(pod);
  if (r === undefined) requestsCache.set(pod, (r = podRequests(pod)));
  return r;
}

/**
 * A node in the cluster-autoscaler's scheduling simulation (its
 * ClusterSnapshot's NodeInfo): the Node, its allocatable and the requests of
 * the pods the simulation has on it. Fitting a pod runs the predicates the
 * autoscaler's simulation needs most (NodeResourcesFit, NodeAffinity,
 * TaintToleration, NodeUnschedulable), ported here because cluster code may
 * not import the scheduler; inter-pod affinity, topology spread, ports and
 * volumes are not checked.
 */
export class SimulatedNode {
  allocatable: Map<string, number>;
  readonly requested = new Map<string, number>();
  readonly pods: Pod[] = [];
  private current: Node;

  constructor(node: Node) {
    this.current = node;
    this.allocatable = parseResourceList(node.status?.allocatable ?? node.status?.capacity);
  }

  /** The Node object. */
  get node(): Node {
    return this.current;
  }

  /** Takes a newer version of the Node (allocatable parsed again only when it changed). */
  setNode(node: Node): void {
    const before = this.current.status?.allocatable ?? this.current.status?.capacity;
    const after = node.status?.allocatable ?? node.status?.capacity;
    this.current = node;
    if (before !== after) this.allocatable = parseResourceList(after);
  }

  /** The node's name. */
  get name(): string {
    return this.node.metadata.name ?? '';
  }

  /** Allocatable `pods` (110 when unreported). */
  get maxPods(): number {
    return this.allocatable.get(RESOURCE_PODS) ?? DEFAULT_MAX_PODS;
  }

  /** Adds `pod`'s requests to the node (AddPod). */
  addPod(pod: Pod): void {
    this.pods.push(pod);
    for (const [name, v] of cachedPodRequests(pod)) this.requested.set(name, (this.requested.get(name) ?? 0) + v);
  }

  /**
   * Takes `pod`'s requests off the node (RemovePod): the same object, or
   * the pod with the same uid (a watch's DELETED carries a new copy).
   * Returns false when it is not there.
   */
  removePod(pod: Pod): boolean {
    let i = this.pods.indexOf(pod);
    if (i < 0 && pod.metadata.uid !== undefined) i = this.pods.findIndex((p) => p.metadata.uid === pod.metadata.uid);
    if (i < 0) return false;
    const [held] = this.pods.splice(i, 1);
    for (const [name, v] of cachedPodRequests(held!)) this.requested.set(name, (this.requested.get(name) ?? 0) - v);
    return true;
  }

  /** A copy with the same pods, for a simulation that may be thrown away. */
  clone(): SimulatedNode {
    const copy = new SimulatedNode(this.current);
    copy.allocatable = this.allocatable;
    copy.pods.push(...this.pods);
    for (const [k, v] of this.requested) copy.requested.set(k, v);
    return copy;
  }

  /** Whether `pod` passes the predicates on this node with what is on it now. */
  fits(pod: Pod): boolean {
    return this.fitsResources(pod) && schedulingConstraintsAllow(pod, this.node);
  }

  /**
   * Why `pod` does not fit, in the scheduler's words (the first failing
   * predicate, in framework order), or undefined when it fits.
   */
  unfitReason(pod: Pod): string | undefined {
    const constraint = schedulingConstraintReason(pod, this.node);
    if (constraint !== undefined) return constraint;
    if (this.pods.length + 1 > this.maxPods) return 'Too many pods';
    for (const [name, v] of cachedPodRequests(pod)) {
      if (v !== 0 && (this.requested.get(name) ?? 0) + v > (this.allocatable.get(name) ?? 0)) return `Insufficient ${name}`;
    }
    return undefined;
  }

  /** NodeResourcesFit: pod count and every requested resource within allocatable. */
  fitsResources(pod: Pod): boolean {
    if (this.pods.length + 1 > this.maxPods) return false;
    for (const [name, v] of cachedPodRequests(pod)) {
      if (v === 0) continue;
      if ((this.requested.get(name) ?? 0) + v > (this.allocatable.get(name) ?? 0)) return false;
    }
    return true;
  }

  /** max(Σcpu requests / allocatable cpu, Σmemory requests / allocatable memory): the scale-down utilisation. */
  utilization(): number {
    const cpu = ratio(this.requested.get(RESOURCE_CPU) ?? 0, this.allocatable.get(RESOURCE_CPU) ?? 0);
    const mem = ratio(this.requested.get(RESOURCE_MEMORY) ?? 0, this.allocatable.get(RESOURCE_MEMORY) ?? 0);
    return Math.max(cpu, mem);
  }
}

function ratio(requested: number, allocatable: number): number {
  if (allocatable <= 0) return requested > 0 ? Infinity : 0;
  return requested / allocatable;
}

/** NodeUnschedulable, NodeAffinity (nodeSelector + required terms) and TaintToleration (NoSchedule, NoExecute). */
export function schedulingConstraintsAllow(pod: Pod, node: Node): boolean {
  return schedulingConstraintReason(pod, node) === undefined;
}

/** The failure reason of NodeUnschedulable, NodeAffinity or TaintToleration, or undefined when all pass. */
export function schedulingConstraintReason(pod: Pod, node: Node): string | undefined {
  if (node.spec?.unschedulable === true) {
    const tolerated = (pod.spec.tolerations ?? []).some(
      (t) => (t.key === TAINT_NODE_UNSCHEDULABLE || (t.key === undefined && t.operator === 'Exists')) && (t.effect === undefined || t.effect === '' || t.effect === 'NoSchedule'),
    );
    if (!tolerated) return 'node(s) were unschedulable';
  }
  let affinity = affinityCache.get(pod);
  if (affinity === undefined) affinityCache.set(pod, (affinity = RequiredNodeAffinity.fromPod(pod)));
  if (!affinity.match(node)) return "node(s) didn't match Pod's node affinity/selector";
  const taint = findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, doNotScheduleTaintsFilter);
  return taint === undefined ? undefined : `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}
