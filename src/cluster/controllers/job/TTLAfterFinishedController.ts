import type { Job, Pod } from '../../../api/types.js';
import { MICROS_PER_SECOND, type Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import type { Stored } from '../../store/Store.js';
import { isJobFinished, trueCondition } from './jobUtils.js';

/**
 * kube-controller-manager's TTL-after-finished controller (k/k
 * pkg/controller/ttlafterfinished): a finished Job with
 * ttlSecondsAfterFinished is deleted that many seconds after it finished
 * (its completionTime, or the Failed condition's time). Upstream deletes
 * with propagationPolicy Foreground and the garbage collector removes the
 * pods; kubesim has no garbage collector, so this controller deletes the
 * Job's pods itself, then the Job.
 */
export class TTLAfterFinishedController implements Actor {
  readonly name = 'kube-controller-manager/ttl-after-finished';
  private readonly client: ApiClient;
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  /** Expiries already scheduled, `uid@instant`. */
  private readonly scheduled = new Set<string>();
  /** Jobs deleted (for tests and counters). */
  deleted = 0;

  constructor(private readonly cluster: Cluster) {
    this.client = cluster.client('kube-controller-manager/ttl-after-finished');
    this.jobs = cluster.informers.for<Job>('Job');
    this.pods = cluster.informers.for<Pod>('Pod');
  }

  /** Registers the informer handlers. */
  start(): void {
    this.jobs.addHandler({ add: (job) => this.consider(job), update: (_old, job) => this.consider(job) });
  }

  /** When the Job expires, if it has a TTL and has finished. */
  private expireAt(job: Job): Micros | undefined {
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl === undefined || job.metadata.deletionTimestamp !== undefined || !isJobFinished(job)) return undefined;
    const finished = job.status?.completionTime ?? trueCondition(job, 'Complete')?.lastTransitionTime ?? trueCondition(job, 'Failed')?.lastTransitionTime;
    if (finished === undefined) return undefined;
    return this.cluster.clock.instantOf(finished) + ttl * MICROS_PER_SECOND;
  }

  private consider(job: Stored<Job>): void {
    const at = this.expireAt(job);
    if (at === undefined) return;
    const { namespace, name, uid } = job.metadata;
    const token = `${uid}@${at}`;
    if (this.scheduled.has(token)) return;
    this.scheduled.add(token);
    this.cluster.callbacks.at(Math.max(at, this.cluster.sim.now), () => {
      this.scheduled.delete(token);
      const current = this.jobs.get(namespace, name);
      // processJob re-checks the latest state: the Job may be gone, replaced or given a new TTL.
      if (current === undefined || current.metadata.uid !== uid || this.expireAt(current) !== at) return;
      for (const pod of this.pods.list()) {
        if (pod.metadata.namespace !== namespace || pod.metadata.deletionTimestamp !== undefined) continue;
        if (!pod.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
        this.client.delete('Pod', namespace, pod.metadata.name);
      }
      this.client.delete('Job', namespace, name, {}, (r) => {
        if (r.ok) this.deleted++;
      });
    });
  }
}
