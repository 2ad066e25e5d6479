/**
 * The Job controller's pod failure backoff (k/k
 * pkg/controller/job/backoff_utils.go): failures since the last success and
 * the time of the last one decide how long the controller waits before it
 * creates a replacement pod: 10s, 20s, 40s, … capped at 10 minutes.
 */
import type { Pod } from '../../../api/types.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND, type Micros } from '../../../engine/time.js';
import { isRestartableInitContainer } from '../../../api/podRequests.js';
import { podCondition } from '../../podStatus.js';

/** DefaultJobPodFailureBackOff. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF: Micros = 10 * MICROS_PER_SECOND;
/** MaxJobPodFailureBackOff (the docs still say 6 min; the code says 10). */
export const MAX_JOB_POD_FAILURE_BACKOFF: Micros = 10 * MICROS_PER_MINUTE;

/** backoffRecord: failures since the last success, and when the last one finished (µs). */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureTime: Micros | undefined;
}

/** An empty record. */
export const NO_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: undefined };

/**
 * getFinishedTime: the latest finishedAt when every container (and sidecar)
 * has terminated; else the Ready=False condition's time; else the
 * deletionTimestamp less the grace period; else the creationTimestamp.
 */
export function getFinishedTime(pod: Pod, instantOf: (timestamp: string) => Micros): Micros {
  const fromContainers = finishTimeFromContainers(pod, instantOf);
  if (fromContainers !== undefined) return fromContainers;
  const ready = podCondition(pod, 'Ready');
  if (ready !== undefined && ready.status === 'False' && ready.lastTransitionTime !== undefined) return instantOf(ready.lastTransitionTime);
  const deleted = pod.metadata.deletionTimestamp;
  if (deleted !== undefined) return instantOf(deleted) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * MICROS_PER_SECOND;
  return instantOf(pod.metadata.creationTimestamp ?? '');
}

function finishTimeFromContainers(pod: Pod, instantOf: (timestamp: string) => Micros): Micros | undefined {
  let finish: Micros | undefined;
  const statuses = [...(pod.status?.containerStatuses ?? [])];
  const sidecars = new Set((pod.spec.initContainers ?? []).filter(isRestartableInitContainer).map((c) => c.name));
  for (const s of pod.status?.initContainerStatuses ?? []) if (sidecars.has(s.name)) statuses.push(s);
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (at === undefined || at === '') return undefined;
    const t = instantOf(at);
    if (finish === undefined || finish < t) finish = t;
  }
  return finish;
}

/**
 * backoffStore.newBackoffRecord: the record after new succeeded and failed
 * pods. A success resets the count; failures that finished after the last
 * success count again.
 */
export function newBackoffRecord(old: BackoffRecord, newSucceededPods: readonly Pod[], newFailedPods: readonly Pod[], instantOf: (timestamp: string) => Micros): BackoffRecord {
  const failedTimes = newFailedPods.map((p) => getFinishedTime(p, instantOf)).sort((a, b) => a - b);
  if (newSucceededPods.length === 0) {
    if (failedTimes.length === 0) return old;
    return { failuresAfterLastSuccess: old.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...newSucceededPods.map((p) => getFinishedTime(p, instantOf)));
  let failures = 0;
  let lastFailureTime: Micros | undefined;
  for (let i = failedTimes.length - 1; i >= 0; i--) {
    const t = failedTimes[i]!;
    if (!(t > lastSuccess)) break;
    lastFailureTime ??= t;
    failures++;
  }
  return { failuresAfterLastSuccess: failures, lastFailureTime };
}

/**
 * getRemainingTimeForFailuresCount: default·2^(failures−1), capped at max,
 * less the time since the last failure; 0 when there is none.
 */
export function getRemainingTime(record: BackoffRecord, now: Micros, defaultBackoff: Micros = DEFAULT_JOB_POD_FAILURE_BACKOFF, maxBackoff: Micros = MAX_JOB_POD_FAILURE_BACKOFF): Micros {
  if (record.failuresAfterLastSuccess === 0) return 0;
  let backoff = defaultBackoff;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= maxBackoff) {
      backoff = maxBackoff;
      break;
    }
  }
  const elapsed = now - (record.lastFailureTime ?? now);
  if (backoff < elapsed) return 0;
  return backoff - elapsed;
}
