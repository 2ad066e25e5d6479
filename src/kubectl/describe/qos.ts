import { quantityFromText, type Quantity } from '../../api/quantity.js';
import type { Pod, ResourceList } from '../../api/types.js';

/** The resources QoS is computed from. */
const QOS_RESOURCES = new Set(['cpu', 'memory']);

function addPositive(into: Map<string, bigint>, list: ResourceList | undefined, found?: Set<string>): void {
  for (const [name, q] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    let quantity: Quantity;
    try {
      quantity = quantityFromText(q);
    } catch {
      continue;
    }
    if (quantity.sign() <= 0) continue;
    found?.add(name);
    into.set(name, (into.get(name) ?? 0n) + quantity.nanoValue());
  }
}

/**
 * qos.GetPodQOS: `status.qosClass` when set, else ComputePodQOS — BestEffort
 * without cpu/memory requests or limits, Guaranteed when every container
 * limits both and requests equal limits, Burstable otherwise.
 */
export function podQOS(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  if (pod.status?.qosClass !== undefined) return pod.status.qosClass;
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let isGuaranteed = true;
  const podLevel = pod.spec.resources;
  if (podLevel !== undefined && (podLevel.requests !== undefined || podLevel.limits !== undefined)) {
    // Pod-level resources, when set, decide the class.
    const found = new Set<string>();
    addPositive(requests, podLevel.requests);
    addPositive(limits, podLevel.limits, found);
    if (!found.has('cpu') || !found.has('memory')) isGuaranteed = false;
  } else {
    for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
      const found = new Set<string>();
      addPositive(requests, c.resources?.requests);
      addPositive(limits, c.resources?.limits, found);
      if (!found.has('cpu') || !found.has('memory')) isGuaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
