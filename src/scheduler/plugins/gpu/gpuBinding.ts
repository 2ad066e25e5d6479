/**
 * The GPU choice travelling with a binding: the scheduler's cache knows which
 * GPUs an assumed pod holds (chosen at Reserve); the host writes them into the
 * pod's `gpu.kubesim.io/gpu-index` annotation with the binding, so that the
 * bound pod object, and any cache rebuilt from it, agree with the scheduler.
 */
import type { Pod } from '../../../api/types.js';
import { formatGpuIndex, gpuAskOf } from '../../../gpu/podGpu.js';
import { POD_GPU_INDEX_ANNOTATION } from '../../../gpu/types.js';
import type { Snapshot } from '../../cache/Cache.js';
import type { PodInfo } from '../../framework/PodInfo.js';

/**
 * The annotations `current` should carry once bound: its own plus the GPU
 * index of the cache's placement; null when nothing changes (a pod without
 * GPUs, or one whose annotation already says so).
 */
export function gpuAnnotationsFor(cache: Pick<Snapshot, 'gpuPlacementOf'>, pod: PodInfo, current: Pod): Record<string, string> | null {
  if (gpuAskOf(pod.pod) === null) return null;
  const indexes = cache.gpuPlacementOf(pod.uid);
  if (indexes === undefined || indexes.length === 0) return null;
  const value = formatGpuIndex(indexes);
  if (current.metadata.annotations?.[POD_GPU_INDEX_ANNOTATION] === value) return null;
  return { ...current.metadata.annotations, [POD_GPU_INDEX_ANNOTATION]: value };
}
