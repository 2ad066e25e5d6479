import { parseImageName } from '../../api/imageReference.js';
import type { PodCondition, PodStatus } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import type { ClusterClock } from '../clock.js';
import type { AdmitRejection } from './admission.js';
import { containerStatusOf, type ContainerRecord } from './ContainerRecord.js';
import { KUBELET_POD_CONDITIONS, kubeletConditions, type PodPhase } from './podPhase.js';

/** The image name the runtime reports in status (`docker.io/library/nginx:1.27`). */
export function runtimeImageName(image: string): string {
  const ref = parseImageName(image);
  if (ref === undefined) return image;
  return ref.digest !== '' ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag}`;
}

/** What the kubelet knows of a pod, for its status. */
export interface PodStatusInput {
  rejection: AdmitRejection | null;
  phase: PodPhase;
  sandboxReady: boolean;
  init: readonly ContainerRecord[];
  containers: readonly ContainerRecord[];
  /** Runtime image names, init containers first. */
  images: readonly string[];
  hostIP: string;
  /** Empty before the sandbox. */
  podIP: string;
  /** Negative before the kubelet first synced the pod. */
  startTime: Micros;
}

/**
 * generateAPIPodStatus merged into the API's status as the status manager
 * does: the kubelet's conditions (a transition time moves only when the
 * status changes) followed by the conditions it does not own (PodScheduled,
 * DisruptionTarget), host and pod IPs, start time, container statuses. A
 * rejected pod is Failed with the admission reason.
 */
export function generatePodStatus(previous: PodStatus, input: PodStatusInput, clock: ClusterClock): PodStatus {
  const now = clock.timestamp();
  if (input.rejection !== null) {
    return { ...previous, phase: 'Failed', reason: input.rejection.reason, message: `Pod was rejected: ${input.rejection.message}`, startTime: previous.startTime ?? now };
  }
  const old = previous.conditions ?? [];
  const conditions: PodCondition[] = [];
  for (const c of kubeletConditions(input.phase, input.sandboxReady, input.init, input.containers)) {
    const before = old.find((o) => o.type === c.type);
    // kubeletConditions makes new objects each call, with the key in place: set it, no copy.
    c.lastTransitionTime = before !== undefined && before.status === c.status ? (before.lastTransitionTime ?? now) : now;
    conditions.push(c);
  }
  for (const c of old) if (!(KUBELET_POD_CONDITIONS as readonly string[]).includes(c.type)) conditions.push(c);
  const status: PodStatus = { ...previous, phase: input.phase, conditions, hostIP: input.hostIP };
  if (input.startTime >= 0) status.startTime = clock.timestamp(input.startTime);
  if (input.podIP !== '') {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  const offset = input.init.length;
  if (offset > 0) status.initContainerStatuses = input.init.map((c, i) => containerStatusOf(c, input.images[i] ?? '', clock));
  status.containerStatuses = input.containers.map((c, i) => containerStatusOf(c, input.images[offset + i] ?? '', clock));
  return status;
}
