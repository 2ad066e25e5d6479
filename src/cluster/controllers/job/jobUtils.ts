/**
 * Job helpers (k/k pkg/controller/job/{utils.go,indexed_job_utils.go},
 * pkg/apis/batch): conditions, the labels the API server puts on a Job's
 * pods, Indexed pods, and which active pods go first when there are too many.
 */
import type { Job, JobCondition, Pod } from '../../../api/types.js';
import { isPodReady } from '../../podStatus.js';
import { podFromTemplate } from '../podTemplate.js';

/** batch.kubernetes.io/job-completion-index: an Indexed Job pod's index (annotation and label). */
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** The labels the API server adds to a Job's pod template (generateSelector). */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
/** The job-name label. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** The Job's condition of `type` when its status is True. */
export function trueCondition(job: Job, type: JobCondition['type']): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return trueCondition(job, 'Complete') !== undefined || trueCondition(job, 'Failed') !== undefined;
}

/**
 * ensureJobConditionStatus: the conditions with `type` set to `status`
 * (transition time updated only on a change of status). Returns the same
 * array when nothing changes, so an unchanged status is not written again.
 */
export function withCondition(conditions: JobCondition[] | undefined, type: JobCondition['type'], status: JobCondition['status'], reason: string, message: string, now: string): JobCondition[] | undefined {
  const list = conditions ?? [];
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status === status && c.reason === reason && c.message === message) return conditions;
    const out = [...list];
    out[i] = { ...c, status, reason, message, lastProbeTime: now, ...(c.status !== status ? { lastTransitionTime: now } : {}) };
    return out;
  }
  // A False condition that was never True is not written.
  if (status === 'False') return conditions;
  return [...list, { type, status, reason, message, lastProbeTime: now, lastTransitionTime: now }];
}

/** getCompletionIndex: the pod's index annotation, or -1. */
export function getCompletionIndex(pod: Pod): number {
  const text = pod.metadata.annotations?.[JOB_COMPLETION_INDEX];
  if (text === undefined || !/^(0|[1-9]\d*)$/.test(text)) return -1;
  return Number(text);
}

/**
 * The pod for `job` (and `index` when Indexed): the template, the Job's
 * selector labels, `<job>-` as generateName (`<job>-<index>-` when Indexed)
 * and the completion-index annotation and label.
 */
export function newJobPod(job: Job, index: number | undefined): Pod {
  const name = job.metadata.name ?? '';
  const labels: Record<string, string> = {
    [JOB_CONTROLLER_UID_LABEL]: job.metadata.uid ?? '',
    [JOB_NAME_LABEL]: name,
    'controller-uid': job.metadata.uid ?? '',
    'job-name': name,
  };
  if (index !== undefined) labels[JOB_COMPLETION_INDEX] = String(index);
  const pod = podFromTemplate(job.spec.template, job, index === undefined ? `${name}-` : `${name}-${index}-`, labels);
  if (index !== undefined) pod.metadata.annotations = { ...pod.metadata.annotations, [JOB_COMPLETION_INDEX]: String(index) };
  return pod;
}

/**
 * The active pods to delete first (controller.ActivePods order, the
 * deciding rules of it): unassigned before assigned, Pending before Running,
 * not ready before ready, newer before older.
 */
export function activePodsForRemoval(pods: readonly Pod[], count: number): Pod[] {
  if (count <= 0) return [];
  const rank = (p: Pod): number[] => [
    (p.spec.nodeName ?? '') === '' ? 0 : 1,
    p.status?.phase === 'Pending' || p.status?.phase === undefined ? 0 : p.status.phase === 'Unknown' ? 1 : 2,
    isPodReady(p) ? 1 : 0,
  ];
  const sorted = [...pods].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    const ca = a.metadata.creationTimestamp ?? '';
    const cb = b.metadata.creationTimestamp ?? '';
    return ca === cb ? 0 : ca > cb ? -1 : 1;
  });
  return sorted.slice(0, count);
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts
 * of running and pending pods count against backoffLimit.
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending' && phase !== undefined) continue;
    for (const s of p.status?.initContainerStatuses ?? []) restarts += s.restartCount;
    for (const s of p.status?.containerStatuses ?? []) restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** The `kubectl get jobs` STATUS column (printers.go printJob, 1.34). */
export function jobStatusColumn(job: Job): string {
  if (trueCondition(job, 'Complete') !== undefined) return 'Complete';
  if (trueCondition(job, 'Failed') !== undefined) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined) return 'Terminating';
  if (trueCondition(job, 'Suspended') !== undefined) return 'Suspended';
  if (trueCondition(job, 'FailureTarget') !== undefined) return 'FailureTarget';
  return 'Running';
}

/** formatCompletedIndexes style: sorted indexes as intervals, `0-2,5`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
