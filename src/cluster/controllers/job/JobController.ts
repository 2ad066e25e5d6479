import type { Job, JobCondition, Pod } from '../../../api/types.js';
import { MICROS_PER_SECOND, type Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import { isPodReady } from '../../podStatus.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';
import { getRemainingTime, NO_BACKOFF, newBackoffRecord, type BackoffRecord } from './backoff.js';
import { ControllerExpectations } from '../ControllerExpectations.js';
import { activePodsForRemoval, getCompletionIndex, isJobFinished, newJobPod, pastBackoffLimitOnFailure, trueCondition, withCondition } from './jobUtils.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../slowStartBatch.js';
import { JobPodIndex } from './JobPodIndex.js';
import { WorkQueue } from './WorkQueue.js';

/** syncJobBatchPeriod: pod events are batched into one sync a second. */
export const SYNC_JOB_BATCH_PERIOD: Micros = MICROS_PER_SECOND;
/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** The Event source of this controller. */
const COMPONENT = 'job-controller';

type JobStatus = NonNullable<Job['status']>;

/** What the controller remembers of one Job (upstream keeps it in the status and pod finalizers). */
interface JobState {
  readonly uid: string;
  /** Finished pods already counted. */
  readonly counted: Set<string>;
  succeeded: number;
  failed: number;
  /** Indexed: the succeeded indexes. */
  readonly completedIndexes: Set<number>;
  /** Finished pods counted since the last sync, for the backoff record. */
  newSucceeded: Pod[];
  newFailed: Pod[];
  backoff: BackoffRecord;
}

/**
 * kube-controller-manager's Job controller (k/k pkg/controller/job/job_controller.go):
 * keeps min(parallelism, completions − succeeded) pods active (parallelism
 * when completions is unset, until the first success); counts succeeded and
 * failed pods; waits the failure backoff (10s·2^(n−1), capped at 10 min)
 * before replacing failed pods; fails the Job past backoffLimit (failed pods,
 * or container restarts under restartPolicy OnFailure) or
 * activeDeadlineSeconds; completes it at `completions` successes (NonIndexed)
 * or with every index succeeded (Indexed, pods `<job>-<index>-<5>`);
 * suspends and resumes. The terminal condition waits until no pod is
 * terminating, after an interim FailureTarget or SuccessCriteriaMet, as
 * 1.34 does. Pod events are batched into a sync per second.
 *
 * Not modelled: podFailurePolicy, successPolicy, backoffLimitPerIndex
 * (Indexed Jobs share one backoff record), podReplacementPolicy Failed,
 * tracking finalizers (finished pods are counted from the watch), orphan
 * adoption, status.completedIndexes/uncountedTerminatedPods fields.
 */
export class JobController implements Actor {
  readonly name = 'kube-controller-manager/job';
  private readonly client: ApiClient;
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly podIndex: JobPodIndex;
  private readonly expectations = new ControllerExpectations();
  private readonly states = new Map<string, JobState>();
  /** Syncs run. */
  syncs = 0;

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client('kube-controller-manager/job');
    this.jobs = cluster.informers.for<Job>('Job');
    this.pods = cluster.informers.for<Pod>('Pod');
    this.queue = new WorkQueue(cluster.callbacks, (key) => this.sync(key));
    this.podIndex = new JobPodIndex(this.pods);
  }

  /** Registers the informer handlers. */
  start(): void {
    this.jobs.addHandler({
      add: (job) => this.queue.add(jobKey(job)),
      update: (_old, job) => this.queue.add(jobKey(job)),
      delete: (job) => {
        this.expectations.forget(jobKey(job));
        this.states.delete(jobKey(job));
      },
    });
    this.pods.addHandler({
      add: (pod) => {
        const job = this.ownerOf(pod);
        if (job === undefined) return;
        const key = jobKey(job);
        this.expectations.creationObserved(key);
        if (pod.metadata.deletionTimestamp !== undefined) this.expectations.deletionObserved(key, jobKey(pod));
        this.observeFinished(job, pod);
        this.queue.add(key, SYNC_JOB_BATCH_PERIOD);
      },
      update: (_old, pod) => {
        const job = this.ownerOf(pod);
        if (job === undefined) return;
        const key = jobKey(job);
        if (pod.metadata.deletionTimestamp !== undefined) this.expectations.deletionObserved(key, jobKey(pod));
        this.observeFinished(job, pod);
        this.queue.add(key, SYNC_JOB_BATCH_PERIOD);
      },
      delete: (pod) => {
        const job = this.ownerOf(pod);
        if (job === undefined) return;
        const key = jobKey(job);
        this.expectations.deletionObserved(key, jobKey(pod));
        this.observeFinished(job, pod);
        this.states.get(key)?.counted.delete(pod.metadata.uid ?? '');
        this.queue.add(key, SYNC_JOB_BATCH_PERIOD);
      },
    });
  }

  private ownerOf(pod: Pod): Stored<Job> | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.kind !== 'Job') return undefined;
    const job = this.jobs.get(pod.metadata.namespace, ref.name);
    if (job === undefined || job.metadata.uid !== ref.uid) return undefined;
    return job;
  }

  private stateOf(job: Stored<Job>): JobState {
    const key = jobKey(job);
    let state = this.states.get(key);
    if (state === undefined || state.uid !== job.metadata.uid) {
      state = {
        uid: job.metadata.uid,
        counted: new Set(),
        succeeded: job.status?.succeeded ?? 0,
        failed: job.status?.failed ?? 0,
        completedIndexes: new Set(),
        newSucceeded: [],
        newFailed: [],
        backoff: NO_BACKOFF,
      };
      this.states.set(key, state);
    }
    return state;
  }

  /** Counts a pod that reached Succeeded or Failed, once (what the tracking finalizer guarantees upstream). */
  private observeFinished(job: Stored<Job>, pod: Pod): void {
    const phase = pod.status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') return;
    if (isJobFinished(job)) return;
    const state = this.stateOf(job);
    const uid = pod.metadata.uid ?? '';
    if (state.counted.has(uid)) return;
    state.counted.add(uid);
    if (phase === 'Succeeded') {
      const index = getCompletionIndex(pod);
      if (job.spec.completionMode === 'Indexed') {
        if (index >= 0 && index < (job.spec.completions ?? 0) && !state.completedIndexes.has(index)) {
          state.completedIndexes.add(index);
          state.succeeded++;
        }
      } else {
        state.succeeded++;
      }
      state.newSucceeded.push(pod);
    } else {
      state.failed++;
      state.newFailed.push(pod);
    }
  }

  /** syncJob. */
  private sync(key: string): void {
    this.syncs++;
    const i = key.indexOf('/');
    const job = this.jobs.get(key.slice(0, i), key.slice(i + 1));
    if (job === undefined) {
      this.expectations.forget(key);
      this.states.delete(key);
      return;
    }
    if (isJobFinished(job)) {
      this.podIndex.forgetFinished(job.metadata.uid);
      return;
    }
    const state = this.stateOf(job);
    const now = this.cluster.sim.now;
    const clock = this.cluster.clock;
    const instantOf = (t: string): Micros => clock.instantOf(t);
    const nowText = clock.timestamp();

    // Count the finished pods not counted yet (the index hands over those that finished
    // since the last sync), and sort the unfinished ones into active and terminating.
    for (const pod of this.podIndex.takeFinished(job.metadata.uid)) this.observeFinished(job, pod);
    let activePods: Pod[] = [];
    let terminating = 0;
    let ready = 0;
    for (const p of this.podIndex.unfinishedPods(job.metadata.uid)) {
      if (p.terminating) terminating++;
      else {
        activePods.push(p.pod);
        if (p.ready) ready++;
      }
    }
    const activeAtStart = activePods;
    state.backoff = newBackoffRecord(state.backoff, state.newSucceeded, state.newFailed, instantOf);
    state.newSucceeded = [];
    state.newFailed = [];
    // No pod object changes during the sync (its API calls answer later), so neither do these.
    const anyActive = activePods.length > 0;
    const suspended = job.spec.suspend === true;
    let conditions = job.status?.conditions;
    let startTime = job.status?.startTime;
    let completionTime = job.status?.completionTime;
    const satisfied = this.expectations.satisfied(key);

    // Suspend and resume.
    if (suspended) {
      if (trueCondition(job, 'Suspended') === undefined) {
        conditions = withCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowText);
        this.cluster.recorder.event(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT);
      }
    } else {
      if (trueCondition(job, 'Suspended') !== undefined) {
        conditions = withCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', nowText);
        this.cluster.recorder.event(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT);
        startTime = undefined; // the deadline counts from the resume
      }
      startTime ??= nowText;
    }

    // The finishing condition: already decided (interim condition), or decided now.
    let finished: { interim: JobCondition['type']; final: 'Complete' | 'Failed'; reason: string; message: string } | undefined;
    const failureTarget = trueCondition(job, 'FailureTarget');
    const successMet = trueCondition(job, 'SuccessCriteriaMet');
    if (failureTarget !== undefined) {
      finished = { interim: 'FailureTarget', final: 'Failed', reason: failureTarget.reason ?? '', message: failureTarget.message ?? '' };
    } else if (successMet !== undefined) {
      finished = { interim: 'SuccessCriteriaMet', final: 'Complete', reason: successMet.reason ?? 'CompletionsReached', message: successMet.message ?? 'Reached expected number of succeeded pods' };
    } else if (state.failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, activePods)) {
      finished = { interim: 'FailureTarget', final: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    } else if (!suspended && this.pastActiveDeadline(job, startTime, now)) {
      finished = { interim: 'FailureTarget', final: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    } else if (this.successCriteriaMet(job, state, activePods.length)) {
      finished = { interim: 'SuccessCriteriaMet', final: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    }

    if (finished !== undefined) {
      this.deletePods(job, key, activePods);
      conditions = withCondition(conditions, finished.interim, 'True', finished.reason, finished.message, nowText);
      activePods = [];
      if (terminating === 0 && !anyActive) {
        conditions = withCondition(conditions, finished.final, 'True', finished.reason, finished.message, nowText);
        if (finished.final === 'Complete') {
          completionTime = nowText;
          this.cluster.recorder.event(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
        } else {
          this.cluster.recorder.event(job, 'Warning', finished.reason, finished.message, COMPONENT);
        }
      }
    } else if (suspended) {
      this.deletePods(job, key, activePods);
      activePods = [];
    } else if (satisfied) {
      activePods = this.manageJob(job, key, state, activePods, now);
    }

    if (!suspended && finished === undefined && job.spec.activeDeadlineSeconds !== undefined && startTime !== undefined) {
      const deadline = instantOf(startTime) + job.spec.activeDeadlineSeconds * MICROS_PER_SECOND;
      this.queue.add(key, Math.max(0, deadline - now));
    }

    const status: JobStatus = {
      ...job.status,
      active: activePods.length,
      ready: activePods === activeAtStart ? ready : activePods.filter(isPodReady).length,
      succeeded: state.succeeded,
      failed: state.failed,
      terminating,
    };
    if (conditions !== undefined) status.conditions = conditions;
    if (startTime !== undefined) status.startTime = startTime;
    else delete status.startTime;
    if (completionTime !== undefined) status.completionTime = completionTime;
    const old = job.status;
    if (old !== undefined && (Object.keys(status) as (keyof JobStatus)[]).every((k) => old[k] === status[k]) && Object.keys(old).length === Object.keys(status).length) return;
    this.client.update<Job>('Job', job.metadata.namespace, job.metadata.name, (cur) => (cur.metadata.uid !== job.metadata.uid ? null : { ...cur, status }));
  }

  private pastActiveDeadline(job: Job, startTime: string | undefined, now: Micros): boolean {
    if (job.spec.activeDeadlineSeconds === undefined || startTime === undefined) return false;
    return now - this.cluster.clock.instantOf(startTime) >= job.spec.activeDeadlineSeconds * MICROS_PER_SECOND;
  }

  /** Success: `completions` successes (or indexes); with completions unset, a success and nothing active. */
  private successCriteriaMet(job: Job, state: JobState, active: number): boolean {
    const completions = job.spec.completions;
    if (job.spec.completionMode === 'Indexed') return completions !== undefined && state.completedIndexes.size >= completions;
    if (completions === undefined) return state.succeeded > 0 && active === 0;
    return state.succeeded >= completions;
  }

  /** manageJob: deletes surplus active pods, or creates missing ones once the failure backoff has passed. */
  private manageJob(job: Stored<Job>, key: string, state: JobState, activePods: Pod[], now: Micros): Pod[] {
    const parallelism = job.spec.parallelism ?? 1;
    const completions = job.spec.completions;
    const indexed = job.spec.completionMode === 'Indexed';
    let active = activePods.length;
    let wantActive: number;
    if (completions === undefined) {
      wantActive = state.succeeded > 0 ? active : parallelism;
    } else {
      const done = indexed ? state.completedIndexes.size : state.succeeded;
      wantActive = Math.max(0, Math.min(parallelism, completions - done));
    }

    // Indexed: pods of completed, duplicate or out-of-range indexes go first.
    let surplus: Pod[] = [];
    let kept = activePods;
    if (indexed) {
      const seen = new Set<number>();
      kept = [];
      for (const p of activePods) {
        const ix = getCompletionIndex(p);
        if (ix < 0 || ix >= (completions ?? 0) || seen.has(ix) || state.completedIndexes.has(ix)) surplus.push(p);
        else {
          seen.add(ix);
          kept.push(p);
        }
      }
    }
    surplus = [...surplus, ...activePodsForRemoval(kept, kept.length - wantActive)];
    if (surplus.length > 0) {
      const removing = surplus.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
      this.deletePods(job, key, removing);
      const gone = new Set(removing);
      activePods = activePods.filter((p) => !gone.has(p));
      active = activePods.length;
    }

    if (active >= wantActive) return activePods;
    const remaining = getRemainingTime(state.backoff, now);
    if (remaining > 0) {
      this.queue.add(key, remaining);
      return activePods;
    }
    const diff = Math.min(wantActive - active, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: number[] | undefined;
    if (indexed) {
      const taken = new Set<number>(state.completedIndexes);
      for (const p of activePods) taken.add(getCompletionIndex(p));
      indexes = [];
      for (let ix = 0; ix < (completions ?? 0) && indexes.length < diff; ix++) if (!taken.has(ix)) indexes.push(ix);
    }
    const count = indexes?.length ?? diff;
    this.expectations.expectCreations(key, count);
    slowStartBatch(
      count,
      SLOW_START_INITIAL_BATCH_SIZE,
      (n, answer) => {
        this.client.create<Pod>(newJobPod(job, indexes?.[n]), (result) => {
          if (result.ok) {
            this.cluster.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${result.object?.metadata.name ?? ''}`, COMPONENT);
          } else {
            this.expectations.creationObserved(key);
            this.cluster.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`, COMPONENT);
          }
          answer(result.ok);
        });
      },
      (_ok, skipped) => {
        for (let s = 0; s < skipped; s++) this.expectations.creationObserved(key);
      },
    );
    return activePods;
  }

  private deletePods(job: Stored<Job>, key: string, pods: readonly Pod[]): void {
    // Pods already terminating, or whose delete is still in flight, are not deleted twice.
    const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined && !this.expectations.deletionPending(key, jobKey(p)));
    if (live.length === 0) return;
    this.expectations.expectDeletions(key, live.map(jobKey));
    for (const pod of live) {
      const name = pod.metadata.name ?? '';
      this.client.delete<Pod>('Pod', pod.metadata.namespace, name, {}, (result) => {
        if (result.ok) {
          this.cluster.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, COMPONENT);
        } else {
          this.expectations.deletionObserved(key, jobKey(pod));
          this.queue.add(key);
        }
      });
    }
  }
}

/** namespace/name. */
function jobKey(object: { metadata: { namespace?: string; name?: string } }): string {
  return `${object.metadata.namespace ?? 'default'}/${object.metadata.name ?? ''}`;
}
