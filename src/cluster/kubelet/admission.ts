import { podRequests } from '../../api/podRequests.js';
import { RESOURCE_CPU, RESOURCE_EPHEMERAL_STORAGE, RESOURCE_MEMORY, RESOURCE_PODS } from '../../api/resources.js';
import type { Pod } from '../../api/types.js';

/** Why the kubelet refused a pod: `OutOfcpu`, `OutOfmemory`, `OutOfpods`, ... and the message it writes. */
export interface AdmitRejection {
  reason: string;
  message: string;
}

/**
 * The kubelet's resource admission (lifecycle/predicate.go over the
 * scheduler's noderesources.Fits): the pod's requests plus those of the pods
 * already admitted must fit the node's allocatable. Checked in upstream's
 * order — pods, cpu, memory, ephemeral-storage, then the rest by name — and
 * the first shortfall is the reason, as InsufficientResourceError words it.
 * @param requests the pod's requests (canonical units)
 * @param used the admitted pods' summed requests
 * @param podCount how many pods are admitted already
 * @param allocatable the node's allocatable (canonical units)
 */
export function admitResources(requests: ReadonlyMap<string, number>, used: ReadonlyMap<string, number>, podCount: number, allocatable: ReadonlyMap<string, number>): AdmitRejection | null {
  const allowedPods = allocatable.get(RESOURCE_PODS) ?? 0;
  if (podCount + 1 > allowedPods) return insufficient(RESOURCE_PODS, 1, podCount, allowedPods);
  const order = [RESOURCE_CPU, RESOURCE_MEMORY, RESOURCE_EPHEMERAL_STORAGE];
  const rest = [...requests.keys()].filter((r) => r !== RESOURCE_PODS && !order.includes(r)).sort();
  for (const name of [...order, ...rest]) {
    const want = requests.get(name) ?? 0;
    if (want === 0) continue;
    const have = allocatable.get(name) ?? 0;
    const inUse = used.get(name) ?? 0;
    if (want + inUse > have) return insufficient(name, want, inUse, have);
  }
  return null;
}

function insufficient(resource: string, requested: number, used: number, capacity: number): AdmitRejection {
  return {
    reason: `OutOf${resource}`,
    message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  };
}

/** The pod's requests the admission counts (PodRequests, canonical units). */
export function admissionRequests(pod: Pod): Map<string, number> {
  return podRequests(pod);
}
