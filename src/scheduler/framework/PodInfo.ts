import { podRequests } from '../../api/podRequests.js';
import type { Pod, Toleration } from '../../api/types.js';
import { AffinityTerm, weightedTerms, type WeightedAffinityTerm } from './AffinityTerm.js';
import { Resource } from './Resource.js';
import { simpleRequests } from './simpleRequests.js';

/** A host port a pod wants, normalised as the NodePorts plugin compares them. */
export interface HostPort {
  /** `0.0.0.0` when the manifest leaves it empty. */
  ip: string;
  /** `TCP` when the manifest leaves it empty. */
  protocol: string;
  port: number;
}

/**
 * A pod with everything the scheduler derives from its spec computed once
 * (as framework.PodInfo): its requests, its non-zero requests, its affinity
 * terms, its host ports.
 */
export class PodInfo {
  readonly pod: Pod;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name`. */
  readonly key: string;
  readonly uid: string;
  readonly labels: Readonly<Record<string, string>>;
  /** spec.priority, 0 when unset. */
  readonly priority: number;
  /** PodRequests: what Filter checks and what the node's Requested sums. */
  readonly requests: Resource;
  /** Non-zero cpu request (100m default per container lacking one), used by scoring. */
  readonly nonZeroMilliCPU: number;
  /** Non-zero memory request (200Mi default per container lacking one), used by scoring. */
  readonly nonZeroMemory: number;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];

  constructor(pod: Pod, options: { podLevelResources?: boolean } = {}) {
    this.pod = pod;
    this.namespace = pod.metadata.namespace ?? '';
    this.name = pod.metadata.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.uid = pod.metadata.uid ?? this.key;
    this.labels = pod.metadata.labels ?? {};
    this.priority = pod.spec.priority ?? 0;
    const simple = simpleRequests(pod);
    if (simple !== null) {
      this.requests = simple.requests;
      this.nonZeroMilliCPU = simple.nonZeroMilliCPU;
      this.nonZeroMemory = simple.nonZeroMemory;
    } else {
      const requestOptions = options.podLevelResources === undefined ? {} : { podLevelResources: options.podLevelResources };
      this.requests = Resource.fromMap(podRequests(pod, requestOptions));
      const nonZero = podRequests(pod, { ...requestOptions, nonZero: true });
      this.nonZeroMilliCPU = nonZero.get('cpu') ?? 0;
      this.nonZeroMemory = nonZero.get('memory') ?? 0;
    }

    const affinity = pod.spec.affinity;
    const ns = this.namespace;
    const labels = this.labels;
    this.requiredAffinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => new AffinityTerm(ns, labels, t),
    );
    this.requiredAntiAffinityTerms = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => new AffinityTerm(ns, labels, t),
    );
    this.preferredAffinityTerms = weightedTerms(ns, labels, affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = weightedTerms(ns, labels, affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.hostPorts = wantedHostPorts(pod);
    this.tolerations = pod.spec.tolerations ?? [];
  }

  /** True when the pod has any pod affinity or anti-affinity term (NodeInfo.PodsWithAffinity). */
  get hasAffinity(): boolean {
    const a = this.pod.spec.affinity;
    return a !== undefined && (a.podAffinity !== undefined || a.podAntiAffinity !== undefined);
  }

  /** True when the pod has required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity). */
  get hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }

  /** spec.nodeName, or '' for an unbound pod. */
  get nodeName(): string {
    return this.pod.spec.nodeName ?? '';
  }
}

/** Host ports of app containers and sidecar (restartable) init containers, as upstream's GetHostPorts. */
export function wantedHostPorts(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  const collect = (containers: Pod['spec']['containers'] | undefined, sidecarsOnly: boolean): void => {
    for (const c of containers ?? []) {
      if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
      for (const p of c.ports ?? []) {
        const port = p.hostPort ?? 0;
        if (port <= 0) continue;
        ports.push({ ip: p.hostIP === undefined || p.hostIP === '' ? '0.0.0.0' : p.hostIP, protocol: p.protocol ?? 'TCP', port });
      }
    }
  };
  collect(pod.spec.initContainers, true);
  collect(pod.spec.containers, false);
  return ports;
}

/** The same pod info for a copy of the pod bound to `nodeName` (what the cache stores when it assumes a pod). */
export function boundTo(info: PodInfo, nodeName: string): PodInfo {
  const pod = { ...info.pod, spec: { ...info.pod.spec, nodeName } };
  return Object.assign(Object.create(PodInfo.prototype) as PodInfo, info, { pod });
}

/**
 * The same pod info for a newer copy `pod` that is a status update of it
 * (`isPodStatusUpdate`): what the info derives from the spec and labels still holds.
 */
export function withPod(info: PodInfo, pod: Pod): PodInfo {
  return Object.assign(Object.create(PodInfo.prototype) as PodInfo, info, { pod });
}

/**
 * True when two copies of a pod look the same to a label-selector count
 * (PodTopologySpread's countPodsMatchSelector): same namespace, same labels,
 * and both or neither being deleted. A status update usually is such a copy.
 */
export function sameForSelectors(a: PodInfo, b: PodInfo): boolean {
  if (a.namespace !== b.namespace) return false;
  if ((a.pod.metadata.deletionTimestamp === undefined) !== (b.pod.metadata.deletionTimestamp === undefined)) return false;
  return sameStringMap(a.labels, b.labels);
}

/** Two label (or selector) maps with the same keys and values; the same object is equal to itself. */
export function sameStringMap(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return Object.keys(a ?? b ?? {}).length === 0;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
  return true;
}
