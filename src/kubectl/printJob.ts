import type { Job, JobCondition } from '../api/types.js';
import { between, since } from './humanDuration.js';
import type { TablePrinter } from './listing.js';
import { formatLabelSelector, layoutContainerCells } from './selectors.js';

/** hasJobCondition: the first condition of the type decides, and only status True counts. */
function hasJobCondition(conditions: readonly JobCondition[] | undefined, type: JobCondition['type']): boolean {
  for (const c of conditions ?? []) if (c.type === type) return c.status === 'True';
  return false;
}

/** printJob's STATUS: Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that precedence. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp !== undefined) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printJob's COMPLETIONS: `succeeded/completions`, or `succeeded/1 of parallelism` for a work queue. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION: empty before it starts, time since start while it runs, start to completion after. */
export function jobDuration(job: Job, nowMillis: number): string {
  const start = job.status?.startTime;
  if (start === undefined) return '';
  const completion = job.status?.completionTime;
  return completion === undefined ? since(start, nowMillis) : between(start, completion);
}

/** `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE; wide adds CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: TablePrinter<Job> = {
  kind: 'Job',
  namespaced: true,
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideColumns: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(job, now, wide) {
    const cells = [job.metadata.name ?? '', jobStatus(job), jobCompletions(job), jobDuration(job, now), since(job.metadata.creationTimestamp, now)];
    if (wide) cells.push(...layoutContainerCells(job.spec.template.spec.containers), formatLabelSelector(job.spec.selector));
    return cells;
  },
};
