import type { Pod } from '../../api/types.js';
import { withPod, type PodInfo } from '../framework/PodInfo.js';
import type { SchedulerCache } from './Cache.js';
import { isPodStatusUpdate } from './statusWrites.js';

/**
 * The PodInfo the cache already holds for an updated pod, when what it
 * derives (requests, affinity terms, ports) still holds, so they are not
 * worked out again: the binding of an assumed pod arriving back (only
 * spec.nodeName and the status changed, field by field the same objects),
 * or a bound pod's status update (the cached info, for the new copy).
 * Null when the pod must be read afresh.
 */
export function reusedPodInfo(cache: SchedulerCache, oldPod: Pod, pod: Pod): PodInfo | null {
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  const assumed = cache.assumedPodInfo(uid);
  if (assumed !== undefined) {
    if (pod.metadata.labels !== oldPod.metadata.labels) return null;
    const a = oldPod.spec as unknown as Record<string, unknown>;
    const b = pod.spec as unknown as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (key !== 'nodeName' && a[key] !== b[key]) return null;
    return assumed.pod.spec.nodeName === pod.spec.nodeName ? assumed : null;
  }
  const bound = cache.boundPodInfo(uid);
  return bound !== undefined && isPodStatusUpdate(bound.pod, pod) ? withPod(bound, pod) : null;
}
