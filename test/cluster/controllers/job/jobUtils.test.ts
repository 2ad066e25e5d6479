import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '../../../../src/api/types.js';
import { activePodsForRemoval, formatIndexes, getCompletionIndex, jobStatusColumn, newJobPod, withCondition } from '../../../../src/cluster/controllers/job/jobUtils.js';

const job: Job = { kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: 'u1' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } };

describe('job utils', () => {
  it('kubectl STATUS column in printJob order', () => {
    const withConds = (types: string[], extra: Partial<Job['metadata']> = {}): Job => ({ ...job, metadata: { ...job.metadata, ...extra }, status: { conditions: types.map((type) => ({ type: type as 'Complete', status: 'True' })) } });
    expect(jobStatusColumn(job)).toBe('Running');
    expect(jobStatusColumn(withConds(['SuccessCriteriaMet', 'Complete']))).toBe('Complete');
    expect(jobStatusColumn(withConds(['FailureTarget', 'Failed']))).toBe('Failed');
    expect(jobStatusColumn(withConds(['FailureTarget']))).toBe('FailureTarget');
    expect(jobStatusColumn(withConds(['Suspended']))).toBe('Suspended');
    expect(jobStatusColumn(withConds(['Suspended'], { deletionTimestamp: 't' }))).toBe('Terminating');
  });

  it('withCondition returns the same list when nothing changes, and a False condition is never added', () => {
    const list = withCondition(undefined, 'Suspended', 'True', 'JobSuspended', 'Job suspended', 't1');
    expect(list).toEqual([{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: 't1', lastTransitionTime: 't1' }]);
    expect(withCondition(list, 'Suspended', 'True', 'JobSuspended', 'Job suspended', 't2')).toBe(list);
    expect(withCondition(list, 'Suspended', 'False', 'JobResumed', 'Job resumed', 't3')?.[0]).toMatchObject({ status: 'False', lastTransitionTime: 't3' });
    expect(withCondition(undefined, 'Suspended', 'False', 'JobResumed', 'Job resumed', 't')).toBeUndefined();
  });

  it('pods: generateName `<job>-` or `<job>-<index>-`, selector labels, the completion index', () => {
    const plain = newJobPod(job, undefined);
    expect(plain.metadata.generateName).toBe('pi-');
    expect(plain.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': 'u1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u1', 'job-name': 'pi' });
    const indexed = newJobPod(job, 4);
    expect(indexed.metadata.generateName).toBe('pi-4-');
    expect(indexed.metadata.annotations).toEqual({ 'batch.kubernetes.io/job-completion-index': '4' });
    expect(getCompletionIndex(indexed)).toBe(4);
    expect(getCompletionIndex(plain)).toBe(-1);
  });

  it('removes unassigned, then pending, then not-ready, then newer pods first', () => {
    const p = (name: string, nodeName: string | undefined, phase: 'Pending' | 'Running', ready: boolean, created: string): Pod => ({
      metadata: { name, creationTimestamp: created },
      spec: { containers: [], ...(nodeName === undefined ? {} : { nodeName }) },
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
    });
    const pods = [
      p('ready-old', 'n', 'Running', true, '2026-01-01T00:00:00Z'),
      p('ready-new', 'n', 'Running', true, '2026-01-01T00:01:00Z'),
      p('notready', 'n', 'Running', false, '2026-01-01T00:00:00Z'),
      p('pending', 'n', 'Pending', false, '2026-01-01T00:00:00Z'),
      p('unbound', undefined, 'Pending', false, '2026-01-01T00:00:00Z'),
    ];
    expect(activePodsForRemoval(pods, 5).map((x) => x.metadata.name)).toEqual(['unbound', 'pending', 'notready', 'ready-new', 'ready-old']);
    expect(activePodsForRemoval(pods, 0)).toEqual([]);
  });

  it('formats indexes as intervals', () => {
    expect(formatIndexes([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect(formatIndexes([])).toBe('');
  });
});
