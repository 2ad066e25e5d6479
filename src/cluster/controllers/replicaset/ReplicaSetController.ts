import type { Pod, ReplicaSet } from '../../../api/types.js';
import { storedLabelSelector } from '../../../api/storedSelector.js';
import { MICROS_PER_SECOND } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import { isPodActive, isPodReady } from '../../podStatus.js';
import type { Informer } from '../../store/Informer.js';
import { keyOf, objectKey } from '../../store/keys.js';
import type { Stored } from '../../store/Store.js';
import { podFromTemplate } from '../podTemplate.js';
import { defaultClientRateLimit, ThrottledClient, type ApiWriter, type ClientRateLimit } from '../workqueue/ThrottledClient.js';
import { WorkQueue } from '../workqueue/WorkQueue.js';
import { sortPodsForDeletion, type RankFeatures } from './activePodsWithRanks.js';
import { ControllerExpectations } from './expectations.js';
import { OwnerIndex } from './ownerIndex.js';
import { calculateReplicaSetStatus, sameReplicaSetStatus } from './replicaSetStatus.js';

/** replicaset.BurstReplicas: at most this many pods are created or deleted in one sync. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize: creations go out in batches of 1, 2, 4, 8, … */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** Options of the ReplicaSet controller. */
export interface ReplicaSetControllerOptions {
  /** Creations or deletions per sync (default {@link BURST_REPLICAS}). */
  burstReplicas?: number;
  /** Feature gates of the scale-down victim order (LogarithmicScaleDown, PodDeletionCost; both on). */
  features?: RankFeatures;
  /** Client-side API rate limit (default: 20 qps / burst 30 under `realistic`, none under `ideal`; null for none). */
  apiRateLimit?: ClientRateLimit | null;
}

/**
 * kube-controller-manager's ReplicaSet controller
 * (pkg/controller/replicaset/replica_set.go): keeps `spec.replicas` active
 * pods for each ReplicaSet, creating them from the template in slow-start
 * batches and deleting the best victims first, with expectations so that it
 * never acts twice on a cache that has not yet seen its own writes, and
 * writes the ReplicaSet's status.
 *
 * Simplified: a ReplicaSet's pods are those whose controller ownerReference
 * names it (orphans are not adopted, and an owned pod whose labels stop
 * matching is ignored rather than released).
 */
export class ReplicaSetController implements Actor {
  readonly name = 'kube-controller-manager/replicaset';
  /** The component name on its Events. */
  static readonly COMPONENT = 'replicaset-controller';
  readonly expectations: ControllerExpectations;
  readonly queue: WorkQueue<string>;
  private readonly client: ApiWriter;
  private readonly burstReplicas: number;
  private readonly features: RankFeatures;
  private replicaSets!: Informer<ReplicaSet>;
  private pods!: OwnerIndex<Pod>;
  /** API calls in flight per ReplicaSet key: upstream's worker blocks on them. */
  private readonly inFlight = new Map<string, number>();
  /** Keys queued while their sync was still blocked on its calls. */
  private readonly deferred = new Set<string>();

  constructor(
    private readonly cluster: Cluster,
    options: ReplicaSetControllerOptions = {},
  ) {
    const limit = options.apiRateLimit === undefined ? defaultClientRateLimit(cluster.profile) : options.apiRateLimit;
    this.client = ThrottledClient.wrap(cluster.client('kube-controller-manager/replicaset-controller'), cluster.callbacks, limit);
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS;
    this.features = options.features ?? {};
    this.expectations = new ControllerExpectations(() => cluster.sim.now);
    this.queue = new WorkQueue<string>(cluster.callbacks, (key) => this.syncReplicaSet(key));
  }

  start(): void {
    this.replicaSets = this.cluster.informers.for<ReplicaSet>('ReplicaSet');
    const podInformer = this.cluster.informers.for<Pod>('Pod');
    this.pods = new OwnerIndex(podInformer, true);
    this.replicaSets.addHandler({
      add: (rs) => this.queue.add(objectKey(rs)),
      update: (_old, rs) => this.queue.add(objectKey(rs)),
      delete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.queue.add(objectKey(rs));
      },
    });
    podInformer.addHandler({
      add: (pod) => this.addPod(pod),
      update: (old, pod) => this.updatePod(old, pod),
      delete: (pod) => this.deletePod(pod),
    });
  }

  /** The ReplicaSet that controls `pod`, as the informer sees it. */
  private ownerOf(pod: Pod): Stored<ReplicaSet> | undefined {
    for (const ref of pod.metadata.ownerReferences ?? []) {
      if (ref.controller !== true || ref.kind !== 'ReplicaSet') continue;
      const rs = this.replicaSets.get(pod.metadata.namespace, ref.name);
      return rs !== undefined && rs.metadata.uid === ref.uid ? rs : undefined;
    }
    return undefined;
  }

  private addPod(pod: Stored<Pod>): void {
    if (pod.metadata.deletionTimestamp !== undefined) {
      this.deletePod(pod);
      return;
    }
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    const key = objectKey(rs);
    this.expectations.creationObserved(key);
    this.queue.add(key);
  }

  private updatePod(old: Stored<Pod>, pod: Stored<Pod>): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp !== undefined) {
      // A pod being deleted counts as deleted for the expectations, so its replacement is made now.
      this.deletePod(pod);
      return;
    }
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    const key = objectKey(rs);
    this.queue.add(key);
    const minReadySeconds = rs.spec.minReadySeconds ?? 0;
    if (!isPodReady(old) && isPodReady(pod) && minReadySeconds > 0) {
      // Upstream adds a second to avoid skew; availability is strict (`before now`).
      this.queue.addAfter(key, (minReadySeconds + 1) * MICROS_PER_SECOND);
    }
  }

  private deletePod(pod: Stored<Pod>): void {
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.queue.add(key);
  }

  /**
   * Counts one API call of the sync of `key`; the returned function ends it.
   * Upstream's sync blocks its worker until its creations, deletions and
   * status update have answered, so a key queued meanwhile is synced once
   * afterwards, not once per event.
   */
  private begin(key: string): () => void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return () => {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) {
        this.inFlight.set(key, left);
        return;
      }
      this.inFlight.delete(key);
      if (this.deferred.delete(key)) this.queue.add(key);
    };
  }

  /** syncReplicaSet: one pass over the ReplicaSet with key `namespace/name`. */
  private syncReplicaSet(key: string): void {
    if (this.inFlight.has(key)) {
      this.deferred.add(key);
      return;
    }
    const slash = key.indexOf('/');
    const rs = this.replicaSets.get(key.slice(0, slash), key.slice(slash + 1));
    if (rs === undefined) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = storedLabelSelector(rs.spec.selector);
    const active: Stored<Pod>[] = [];
    for (const pod of this.pods.dependents(rs.metadata.uid)) {
      if (isPodActive(pod) && selector.matches(pod.metadata.labels ?? {})) active.push(pod);
    }
    if (needsSync && rs.metadata.deletionTimestamp === undefined) this.manageReplicas(active, rs, key);
    const now = this.cluster.sim.now;
    const status = calculateReplicaSetStatus(rs, active, now, (ts) => this.cluster.clock.instantOf(ts));
    if (!sameReplicaSetStatus(rs.status, status)) {
      this.client.update<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name, (cur) => ({ ...cur, status }), this.begin(key));
    }
    const replicas = rs.spec.replicas ?? 1;
    const minReadySeconds = rs.spec.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && status.readyReplicas === replicas && status.availableReplicas !== replicas) {
      this.queue.addAfter(key, minReadySeconds * MICROS_PER_SECOND);
    }
  }

  /** manageReplicas: creates or deletes pods to bring `active` to spec.replicas. */
  private manageReplicas(active: Stored<Pod>[], rs: Stored<ReplicaSet>, key: string): void {
    let diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      // Expect every creation before the first is sent: their watch events may arrive at once.
      this.expectations.expectCreations(key, diff);
      this.createPods(rs, key, diff);
    } else if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const victims = this.podsToDelete(active, rs, diff);
      this.expectations.expectDeletions(key, victims.map((p) => objectKey(p)));
      for (const pod of victims) this.deletePodOf(rs, key, pod);
    }
  }

  /** getPodsToDelete: the first `diff` pods in ActivePodsWithRanks order. */
  private podsToDelete(active: Stored<Pod>[], rs: Stored<ReplicaSet>, diff: number): Stored<Pod>[] {
    if (diff < active.length) {
      sortPodsForDeletion(active, this.relatedPods(rs), this.cluster.sim.now, (ts) => this.cluster.clock.instantOf(ts), this.features);
    }
    return active.slice(0, diff);
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same
   * controller as `rs` (the Deployment's other ReplicaSets), or of `rs` alone.
   */
  private relatedPods(rs: Stored<ReplicaSet>): Stored<Pod>[] {
    const owner = rs.metadata.ownerReferences?.find((r) => r.controller === true);
    const siblings: Stored<ReplicaSet>[] = [];
    if (owner === undefined) siblings.push(rs);
    else {
      for (const other of this.replicaSets.list()) {
        if (other.metadata.namespace !== rs.metadata.namespace) continue;
        if (other.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === owner.uid)) siblings.push(other);
      }
    }
    const related: Stored<Pod>[] = [];
    for (const s of siblings) for (const pod of this.pods.dependents(s.metadata.uid)) related.push(pod);
    return related;
  }

  /**
   * slowStartBatch: creates `count` pods in batches of 1, 2, 4, …; each batch
   * waits for the previous one's answers, and a failure stops the rest (each
   * pod not created is marked observed, so the next sync can try again).
   */
  private createPods(rs: Stored<ReplicaSet>, key: string, count: number): void {
    const template = rs.spec.template;
    if (template === undefined) {
      for (let i = 0; i < count; i++) this.expectations.creationObserved(key);
      return;
    }
    let remaining = count;
    const end = this.begin(key);
    const batch = (size: number): void => {
      let pending = size;
      let failed = false;
      for (let i = 0; i < size; i++) {
        const pod = podFromTemplate(template, rs, `${rs.metadata.name}-`);
        this.client.create<Pod>(pod, (result) => {
          if (result.ok) {
            const name = result.object?.metadata.name ?? '';
            this.cluster.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, ReplicaSetController.COMPONENT);
          } else {
            failed = true;
            this.expectations.creationObserved(key);
            this.cluster.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`, ReplicaSetController.COMPONENT);
          }
          if (--pending > 0) return;
          remaining -= size;
          if (failed) {
            for (let j = 0; j < remaining; j++) this.expectations.creationObserved(key);
            end();
            this.queue.addRateLimited(key);
            return;
          }
          if (remaining > 0) batch(Math.min(2 * size, remaining));
          else end();
        });
      }
    };
    batch(Math.min(remaining, SLOW_START_INITIAL_BATCH_SIZE));
  }

  private deletePodOf(rs: Stored<ReplicaSet>, key: string, pod: Stored<Pod>): void {
    const name = pod.metadata.name;
    const end = this.begin(key);
    this.client.delete<Pod>('Pod', pod.metadata.namespace, name, {}, (result) => {
      end();
      if (result.ok) {
        this.cluster.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, ReplicaSetController.COMPONENT);
        return;
      }
      this.expectations.deletionObserved(key, keyOf('Pod', pod.metadata.namespace, name));
      if (result.error.reason === 'NotFound') return;
      this.cluster.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${result.error.message}`, ReplicaSetController.COMPONENT);
      this.queue.addRateLimited(key);
    });
  }
}
