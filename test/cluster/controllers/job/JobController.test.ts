import { describe, expect, it } from 'vitest';
import type { Event, Job, Pod } from '../../../../src/api/types.js';
import { installAdmission } from '../../../../src/cluster/admission.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES, type ControlPlaneProfile } from '../../../../src/cluster/ControlPlaneProfile.js';
import { JobController } from '../../../../src/cluster/controllers/job/JobController.js';
import { jobStatusColumn } from '../../../../src/cluster/controllers/job/jobUtils.js';
import { TTLAfterFinishedController } from '../../../../src/cluster/controllers/job/TTLAfterFinishedController.js';
import { isPodActive } from '../../../../src/cluster/podStatus.js';
import { ANNOTATION_EXIT_CODE, ANNOTATION_RUN_DURATION } from '../../../../src/cluster/simAnnotations.js';
import { addNode, FakeNodeAgents, S } from '../daemonset/fakeNodeAgents.js';

function job(name: string, spec: Partial<Job['spec']> = {}, annotations: Record<string, string> = { [ANNOTATION_RUN_DURATION]: '30s' }): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { metadata: { annotations }, spec: { containers: [{ name: 'work', image: 'busybox:1.36' }], restartPolicy: 'Never' } },
      ...spec,
    },
  };
}

function setup(profile: ControlPlaneProfile = CONTROL_PLANE_PROFILES.ideal) {
  const cluster = new Cluster({ seed: 11, profile });
  installAdmission(cluster);
  cluster.add(new JobController(cluster));
  const ttl = cluster.add(new TTLAfterFinishedController(cluster));
  const agents = new FakeNodeAgents(cluster, { startDelay: S, terminateDelay: 2 * S });
  for (let i = 0; i < 4; i++) addNode(cluster, `n${i}`);
  cluster.start();
  return { cluster, agents, ttl, client: cluster.client('test') };
}

function getJob(cluster: Cluster, name: string): Job {
  return cluster.store.get<Job>('Job', 'default', name)!;
}

function jobPods(cluster: Cluster): Pod[] {
  return [...cluster.store.list<Pod>('Pod')];
}

function events(cluster: Cluster, reason: string): Event[] {
  return [...cluster.store.list<Event>('Event')].filter((e) => e.reason === reason);
}

describe('JobController', () => {
  for (const profile of [CONTROL_PLANE_PROFILES.ideal, CONTROL_PLANE_PROFILES.realistic]) {
    it(`completes with exactly \`completions\` successes, never more than \`parallelism\` active (${profile.name})`, () => {
      const { cluster, client } = setup(profile);
      client.create(job('pi', { completions: 10, parallelism: 3 }));
      let maxActive = 0;
      cluster.sim.run({
        until: 600 * S,
        stopWhen: () => {
          maxActive = Math.max(maxActive, jobPods(cluster).filter(isPodActive).length);
          return false;
        },
      });
      expect(maxActive).toBe(3);
      const pods = jobPods(cluster);
      expect(pods).toHaveLength(10);
      expect(pods.every((p) => p.status?.phase === 'Succeeded')).toBe(true);
      expect(pods[0]!.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pods[0]!.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'job-name': 'pi' });
      const done = getJob(cluster, 'pi');
      expect(done.status).toMatchObject({ succeeded: 10, failed: 0, active: 0 });
      expect(done.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
        ['SuccessCriteriaMet', 'True'],
        ['Complete', 'True'],
      ]);
      expect(done.status?.completionTime).toBeDefined();
      expect(jobStatusColumn(done)).toBe('Complete');
      expect(events(cluster, 'Completed').map((e) => e.message)).toEqual(['Job completed']);
      expect(events(cluster, 'SuccessfulCreate')).toHaveLength(10);
      expect(events(cluster, 'SuccessfulCreate')[0]!.source?.component).toBe('job-controller');
    });
  }

  it('batches pod events: a finished pod is replaced one sync period (1s) later', () => {
    const { cluster, agents, client } = setup();
    client.create(job('pi', { completions: 2, parallelism: 1 }));
    cluster.sim.run({ until: 120 * S });
    const created = [...agents.lives.values()].map((l) => l.created / S);
    // First pod at 0, Running at 1, Succeeded at 31; the batched sync at 32 creates the second.
    expect(created).toEqual([0, 32]);
    expect(getJob(cluster, 'pi').status?.completionTime).toBe(cluster.clock.timestamp(64 * S));
  });

  it('waits 10s, 20s, 40s after each failure, then fails the Job past backoffLimit', () => {
    const { cluster, agents, client } = setup();
    client.create(job('crash', { backoffLimit: 3 }, { [ANNOTATION_RUN_DURATION]: '5s', [ANNOTATION_EXIT_CODE]: '1' }));
    cluster.sim.run({ until: 600 * S });
    const lives = [...agents.lives.values()];
    expect(lives.map((l) => l.created / S)).toEqual([0, 16, 42, 88]);
    const gaps = lives.slice(1).map((l, i) => (l.created - lives[i]!.finished!) / S);
    expect(gaps).toEqual([10, 20, 40]);
    const failed = getJob(cluster, 'crash');
    expect(failed.status).toMatchObject({ failed: 4, succeeded: 0, active: 0 });
    expect(failed.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    expect(jobStatusColumn(failed)).toBe('Failed');
    expect(events(cluster, 'BackoffLimitExceeded').map((e) => [e.type, e.message])).toEqual([['Warning', 'Job has reached the specified backoff limit']]);
  });

  it('with completions unset runs `parallelism` pods and completes when all have finished after a success', () => {
    const { cluster, client } = setup();
    client.create(job('queue', { parallelism: 3 }));
    cluster.sim.run({ until: 120 * S });
    expect(jobPods(cluster)).toHaveLength(3);
    expect(getJob(cluster, 'queue').status).toMatchObject({ succeeded: 3, active: 0 });
    expect(jobStatusColumn(getJob(cluster, 'queue'))).toBe('Complete');
  });

  it('fails at activeDeadlineSeconds, deleting its running pods first', () => {
    const { cluster, client } = setup();
    client.create(job('slow', { parallelism: 2, completions: 2, activeDeadlineSeconds: 60 }, { [ANNOTATION_RUN_DURATION]: '1h' }));
    cluster.sim.run({ until: 61 * S });
    const at60 = getJob(cluster, 'slow');
    expect(at60.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([['FailureTarget', 'DeadlineExceeded']]);
    expect(jobStatusColumn(at60)).toBe('FailureTarget');
    cluster.sim.run({ until: 120 * S });
    expect(jobPods(cluster)).toHaveLength(0);
    const failed = getJob(cluster, 'slow');
    expect(failed.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'DeadlineExceeded'],
      ['Failed', 'DeadlineExceeded'],
    ]);
    expect(events(cluster, 'DeadlineExceeded').map((e) => e.message)).toEqual(['Job was active longer than specified deadline']);
  });

  it('creates nothing while suspended and starts on resume', () => {
    const { cluster, client } = setup();
    client.create(job('later', { suspend: true }));
    cluster.sim.run({ until: 50 * S });
    expect(jobPods(cluster)).toHaveLength(0);
    expect(jobStatusColumn(getJob(cluster, 'later'))).toBe('Suspended');
    expect(getJob(cluster, 'later').status?.startTime).toBeUndefined();
    client.update<Job>('Job', 'default', 'later', (j) => ({ ...j, spec: { ...j.spec, suspend: false } }));
    cluster.sim.run({ until: 51 * S });
    expect(jobPods(cluster)).toHaveLength(1);
    expect(getJob(cluster, 'later').status?.startTime).toBe(cluster.clock.timestamp(50 * S));
    expect(getJob(cluster, 'later').status?.conditions?.find((c) => c.type === 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
    cluster.sim.run({ until: 200 * S });
    expect(jobStatusColumn(getJob(cluster, 'later'))).toBe('Complete');
    expect(events(cluster, 'Suspended')).toHaveLength(1);
    expect(events(cluster, 'Resumed')).toHaveLength(1);
  });

  it('Indexed: one pod per index, named <job>-<index>-<5>, annotated with the completion index', () => {
    const { cluster, client } = setup();
    client.create(job('idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' }));
    cluster.sim.run({ until: 200 * S });
    const pods = jobPods(cluster);
    expect(pods).toHaveLength(3);
    const byIndex = pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    expect(byIndex).toEqual(['0', '1', '2']);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^idx-${p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(getJob(cluster, 'idx').status).toMatchObject({ succeeded: 3 });
    expect(jobStatusColumn(getJob(cluster, 'idx'))).toBe('Complete');
  });

  it('Indexed: a failed index is retried with the same index', () => {
    const { cluster, client } = setup();
    client.create(job('idx', { completions: 2, parallelism: 2, completionMode: 'Indexed' }));
    cluster.sim.run({ until: 2 * S });
    const first = jobPods(cluster).find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1')!;
    client.update<Pod>('Pod', 'default', first.metadata.name!, (p) => ({ ...p, status: { ...p.status, phase: 'Failed' } }));
    cluster.sim.run({ until: 200 * S });
    const ones = jobPods(cluster).filter((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1');
    expect(ones.map((p) => p.status?.phase)).toEqual(['Failed', 'Succeeded']);
    expect(getJob(cluster, 'idx').status).toMatchObject({ succeeded: 2, failed: 1 });
  });

  it('ttlSecondsAfterFinished deletes the Job and its pods that long after completion', () => {
    const { cluster, client, ttl } = setup();
    client.create(job('short', { ttlSecondsAfterFinished: 100 }));
    cluster.sim.run({ until: 100 * S });
    const completed = cluster.clock.instantOf(getJob(cluster, 'short').status!.completionTime!);
    expect(completed).toBe(32 * S);
    cluster.sim.run({ until: completed + 100 * S - 1 });
    expect(getJob(cluster, 'short')).toBeDefined();
    cluster.sim.run({ until: completed + 100 * S });
    expect(getJob(cluster, 'short')).toBeUndefined();
    cluster.sim.run({ until: 300 * S });
    expect(jobPods(cluster)).toHaveLength(0);
    expect(ttl.deleted).toBe(1);
  });

  it('restartPolicy OnFailure: container restarts of running pods count against backoffLimit; under Never they do not', () => {
    const { cluster, client } = setup();
    const restart = (name: string, restarts: number): void => {
      const pod = jobPods(cluster).find((p) => p.metadata.name?.startsWith(`${name}-`))!;
      client.update<Pod>('Pod', 'default', pod.metadata.name!, (p) => ({ ...p, status: { ...p.status, containerStatuses: (p.status?.containerStatuses ?? []).map((c) => ({ ...c, restartCount: restarts })) } }));
    };
    const never = job('never', { backoffLimit: 2 }, { [ANNOTATION_RUN_DURATION]: '1h' });
    const onFailure = job('onfailure', { backoffLimit: 2 }, { [ANNOTATION_RUN_DURATION]: '1h' });
    onFailure.spec.template.spec.restartPolicy = 'OnFailure';
    client.create(never);
    client.create(onFailure);
    cluster.sim.run({ until: 5 * S });
    restart('never', 2);
    restart('onfailure', 1);
    cluster.sim.run({ until: 10 * S });
    expect(jobStatusColumn(getJob(cluster, 'never'))).toBe('Running');
    expect(jobStatusColumn(getJob(cluster, 'onfailure'))).toBe('Running');
    restart('onfailure', 2);
    cluster.sim.run({ until: 30 * S });
    expect(jobStatusColumn(getJob(cluster, 'never'))).toBe('Running');
    expect(getJob(cluster, 'onfailure').status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
  });
});
