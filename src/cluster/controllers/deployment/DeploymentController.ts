import { deepCopy } from '../../../api/deepCopy.js';
import type { Deployment, Pod, ReplicaSet } from '../../../api/types.js';
import { storedLabelSelector } from '../../../api/storedSelector.js';
import type { Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import type { Informer } from '../../store/Informer.js';
import { objectKey } from '../../store/keys.js';
import type { Stored } from '../../store/Store.js';
import { OwnerIndex } from '../replicaset/ownerIndex.js';
import { defaultClientRateLimit, ThrottledClient, type ApiWriter, type ClientRateLimit } from '../workqueue/ThrottledClient.js';
import { WorkQueue } from '../workqueue/WorkQueue.js';
import { getDeploymentCondition, hasProgressDeadline, newDeploymentCondition, REASONS, setDeploymentCondition } from './deploymentConditions.js';
import type { DeploymentSyncContext, ScaleResult } from './DeploymentSyncContext.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  deploymentReplicas,
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  isRollingUpdate,
  MAX_REPLICAS_ANNOTATION,
  maxRevision,
  maxSurge,
  replicasAnnotationsNeedUpdate,
  REVISION_ANNOTATION,
  rsReplicas,
} from './deploymentUtil.js';
import { buildNewReplicaSet, setDeploymentRevision, setNewReplicaSetAnnotations } from './newReplicaSet.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rolling.js';
import { checkPausedConditions, isScalingEvent, sync, syncDeploymentStatus } from './sync.js';

/**
 * kube-controller-manager's Deployment controller
 * (pkg/controller/deployment): rolls a Deployment's pod template out through
 * ReplicaSets named `<deployment>-<pod-template-hash>`, RollingUpdate within
 * maxSurge/maxUnavailable or Recreate, scales proportionally mid-rollout,
 * keeps revisionHistoryLimit old ReplicaSets, and writes the status with the
 * Available and Progressing conditions.
 *
 * Each sync computes with the objects it has written, as upstream uses the
 * objects its API calls return; until every write of a sync has landed in
 * its informer cache the Deployment is not synced again (then it is, once),
 * which stands in for upstream's optimistic-concurrency conflicts and retries.
 * Simplified: ReplicaSets are the Deployment's by controller ownerReference
 * (no adoption or release); rollbacks (`rollbackTo`) are not supported.
 */
export class DeploymentController implements Actor, DeploymentSyncContext {
  readonly name = 'kube-controller-manager/deployment';
  /** The component name on its Events. */
  static readonly COMPONENT = 'deployment-controller';
  readonly queue: WorkQueue<string>;
  private readonly client: ApiWriter;
  private deployments!: Informer<Deployment>;
  private replicaSets!: Informer<ReplicaSet>;
  private rsIndex!: OwnerIndex<ReplicaSet>;
  private podIndex!: OwnerIndex<Pod>;
  /** API calls still in flight, per Deployment key. */
  private readonly inFlight = new Map<string, number>();
  /** The key of the Deployment being synced (writes are counted against it). */
  private syncing = '';

  /**
   * @param cluster the cluster
   * @param options.apiRateLimit client-side API rate limit (default: 20 qps / burst 30 under `realistic`, none under `ideal`; null for none)
   */
  constructor(
    private readonly cluster: Cluster,
    options: { apiRateLimit?: ClientRateLimit | null } = {},
  ) {
    const limit = options.apiRateLimit === undefined ? defaultClientRateLimit(cluster.profile) : options.apiRateLimit;
    this.client = ThrottledClient.wrap(cluster.client('kube-controller-manager/deployment-controller'), cluster.callbacks, limit);
    this.queue = new WorkQueue<string>(cluster.callbacks, (key) => this.syncDeployment(key));
  }

  start(): void {
    this.deployments = this.cluster.informers.for<Deployment>('Deployment');
    this.replicaSets = this.cluster.informers.for<ReplicaSet>('ReplicaSet');
    const pods = this.cluster.informers.for<Pod>('Pod');
    this.rsIndex = new OwnerIndex(this.replicaSets, true);
    this.podIndex = new OwnerIndex(pods, true);
    this.deployments.addHandler({
      add: (d) => this.queue.add(objectKey(d)),
      update: (_old, d) => this.queue.add(objectKey(d)),
      delete: (d) => this.queue.add(objectKey(d)),
    });
    this.replicaSets.addHandler({
      add: (rs) => this.enqueueOwner(rs),
      update: (old, rs) => {
        if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
        this.enqueueOwner(rs);
      },
      delete: (rs) => this.enqueueOwner(rs),
    });
    pods.addHandler({
      // Recreate waits for every old pod to be gone before it creates the new ReplicaSet.
      delete: (pod) => {
        const rsRef = pod.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === 'ReplicaSet');
        if (rsRef === undefined) return;
        const rs = this.replicaSets.get(pod.metadata.namespace, rsRef.name);
        const d = rs === undefined ? undefined : this.ownerOf(rs);
        if (d !== undefined && d.spec.strategy?.type === 'Recreate') this.queue.add(objectKey(d));
      },
    });
  }

  private ownerOf(rs: ReplicaSet): Stored<Deployment> | undefined {
    const ref = rs.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata.namespace, ref.name);
    return d !== undefined && d.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: ReplicaSet): void {
    const d = this.ownerOf(rs);
    if (d !== undefined) this.queue.add(objectKey(d));
  }

  // ---- DeploymentSyncContext -------------------------------------------------

  get now(): Micros {
    return this.cluster.sim.now;
  }

  timestamp(): string {
    return this.cluster.clock.timestamp();
  }

  instantOf(timestamp: string): Micros {
    return this.cluster.clock.instantOf(timestamp);
  }

  enqueueAfter(d: Deployment, delay: Micros): void {
    this.queue.addAfter(objectKey(d), delay);
  }

  enqueueRateLimited(d: Deployment): void {
    this.queue.addRateLimited(objectKey(d));
  }

  podsOf(rsUid: string): Iterable<Pod> {
    return this.podIndex.dependents(rsUid);
  }

  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): ScaleResult {
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
  }

  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, operation: 'up' | 'down'): ScaleResult {
    const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
    const desired = deploymentReplicas(d);
    const max = desired + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = rsReplicas(rs);
    const annotations = { ...rs.metadata.annotations, [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(max) };
    const spec = sizeNeedsUpdate ? { ...rs.spec, replicas: newScale } : rs.spec;
    const next: ReplicaSet = { ...rs, metadata: { ...rs.metadata, annotations }, spec };
    const name = rs.metadata.name ?? '';
    this.write((done) =>
      this.client.update<ReplicaSet>(
        'ReplicaSet',
        rs.metadata.namespace,
        name,
        (cur) => ({
          ...cur,
          metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, ...annotations } },
          spec: sizeNeedsUpdate ? { ...cur.spec, replicas: newScale } : cur.spec,
        }),
        (result) => {
          if (result.ok && sizeNeedsUpdate) {
            this.cluster.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${name} from ${oldScale} to ${newScale}`, DeploymentController.COMPONENT);
          }
          done(result.ok);
        },
      ),
    );
    return { scaled: sizeNeedsUpdate, rs: next };
  }

  updateDeploymentStatus(d: Deployment): void {
    const annotations = d.metadata.annotations;
    const status = d.status;
    this.write((done) =>
      this.client.update<Deployment>(
        'Deployment',
        d.metadata.namespace,
        d.metadata.name ?? '',
        (cur) => {
          const next: Deployment = { ...cur, metadata: { ...cur.metadata } };
          if (annotations !== undefined) next.metadata.annotations = annotations;
          if (status !== undefined) next.status = status;
          return next;
        },
        (result) => done(result.ok || result.error.reason === 'NotFound'),
      ),
    );
  }

  deleteReplicaSet(rs: ReplicaSet): void {
    this.write((done) => this.client.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '', {}, (r) => done(r.ok || r.error.reason === 'NotFound')));
  }

  getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: readonly ReplicaSet[], create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const oldRSs = findOldReplicaSets(d, rsList);
    const newRS = this.getNewReplicaSet(d, rsList, oldRSs, create);
    return { newRS, oldRSs };
  }

  /**
   * getNewReplicaSet: the ReplicaSet whose template is the Deployment's, its
   * revision and annotations brought up to date; or, when `create`, a new
   * one named `<deployment>-<pod-template-hash>` sized by NewRSNewReplicas.
   */
  private getNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing !== undefined) {
      const annotations = { ...existing.metadata.annotations };
      const annotationsUpdated = setNewReplicaSetAnnotations(d, annotations, newRevision, true);
      const minReadySeconds = d.spec.minReadySeconds ?? 0;
      if (annotationsUpdated || (existing.spec.minReadySeconds ?? 0) !== minReadySeconds) {
        const next: ReplicaSet = { ...existing, metadata: { ...existing.metadata, annotations }, spec: { ...existing.spec, minReadySeconds } };
        this.write((done) =>
          this.client.update<ReplicaSet>(
            'ReplicaSet',
            existing.metadata.namespace,
            existing.metadata.name ?? '',
            (cur) => ({ ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, ...annotations } }, spec: { ...cur.spec, minReadySeconds } }),
            (r) => done(r.ok),
          ),
        );
        return next;
      }
      let needsUpdate = setDeploymentRevision(d, annotations[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && getDeploymentCondition(d.status, 'Progressing') === undefined) {
        const status = { ...d.status, conditions: [...(d.status?.conditions ?? [])] };
        setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', REASONS.foundNewRS, `Found new replica set "${existing.metadata.name ?? ''}"`, this.timestamp()));
        d.status = status;
        needsUpdate = true;
      }
      if (needsUpdate) this.updateDeploymentStatus(d);
      return existing;
    }
    if (!create) return undefined;
    const { rs: newRS, replicas } = buildNewReplicaSet(d, oldRSs, newRevision);
    const name = newRS.metadata.name ?? '';
    const deploymentKey = objectKey(d);
    this.write((done) =>
      this.client.create<ReplicaSet>(newRS, (result) => {
        if (result.ok) {
          if (replicas > 0) {
            this.cluster.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`, DeploymentController.COMPONENT);
          }
          done(true);
          return;
        }
        if (result.error.reason === 'AlreadyExists') {
          const found = this.cluster.store.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, name);
          const ours = found?.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata.uid) === true;
          if (ours && equalIgnoreHash(found?.spec.template, d.spec.template)) {
            done(true);
            return;
          }
          // A hash collision: bump collisionCount so that the next sync hashes differently.
          this.client.update<Deployment>('Deployment', d.metadata.namespace, d.metadata.name ?? '', (cur) => ({
            ...cur,
            status: { ...cur.status, collisionCount: (cur.status?.collisionCount ?? 0) + 1 },
          }));
        }
        this.cluster.recorder.event(d, 'Warning', 'FailedCreate', `Failed to create new replica set "${name}": ${result.error.message}`, DeploymentController.COMPONENT);
        done(false);
        this.queue.addRateLimited(deploymentKey);
      }),
    );
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (hasProgressDeadline(d)) {
      const status = { ...d.status, conditions: [...(d.status?.conditions ?? [])] };
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', REASONS.newReplicaSet, `Created new replica set "${name}"`, this.timestamp()));
      d.status = status;
      needsUpdate = true;
    }
    if (needsUpdate) this.updateDeploymentStatus(d);
    return newRS;
  }

  /**
   * Counts an API call against the Deployment being synced; when the last
   * one has answered, the Deployment is synced again once the watch has
   * delivered it (so the next sync sees its own writes).
   */
  private write(call: (done: (ok: boolean) => void) => void): void {
    const key = this.syncing;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    call(() => {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) {
        this.inFlight.set(key, left);
        return;
      }
      this.inFlight.delete(key);
      this.cluster.callbacks.after(this.cluster.profile.watchLatency, () => this.queue.add(key));
    });
  }

  /** syncDeployment: one pass over the Deployment with key `namespace/name`. */
  private syncDeployment(key: string): void {
    if ((this.inFlight.get(key) ?? 0) > 0) return; // synced again when its writes have landed
    const slash = key.indexOf('/');
    const stored = this.deployments.get(key.slice(0, slash), key.slice(slash + 1));
    if (stored === undefined) return;
    this.syncing = key;
    try {
      // Upstream's DeepCopy, but for the pod template, which no sync writes: sharing it lets
      // equalIgnoreHash remember the template's normal form instead of rebuilding it every sync.
      const d = deepCopy({ ...stored, spec: { ...stored.spec, template: undefined } }) as unknown as Deployment;
      d.spec.template = stored.spec.template;
      this.sync(d);
    } finally {
      this.syncing = '';
    }
  }

  private sync(d: Deployment): void {
    const selector = d.spec.selector;
    if ((selector.matchLabels === undefined || Object.keys(selector.matchLabels).length === 0) && (selector.matchExpressions ?? []).length === 0) {
      this.cluster.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', DeploymentController.COMPONENT);
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation ?? 0 };
        this.updateDeploymentStatus(d);
      }
      return;
    }
    const rsList = this.replicaSetsFor(d);
    if (d.metadata.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      syncDeploymentStatus(this, [...oldRSs, newRS], newRS, d);
      return;
    }
    checkPausedConditions(this, d);
    if (d.spec.paused === true) {
      sync(this, d, rsList);
      return;
    }
    if (isScalingEvent(this, d, rsList)) {
      sync(this, d, rsList);
      return;
    }
    if (isRollingUpdate(d)) rolloutRolling(this, d, rsList);
    else rolloutRecreate(this, d, rsList);
  }

  /** getReplicaSetsForDeployment: the ReplicaSets it controls whose labels its selector matches. */
  private replicaSetsFor(d: Deployment): ReplicaSet[] {
    const selector = storedLabelSelector(d.spec.selector);
    const out: ReplicaSet[] = [];
    for (const rs of this.rsIndex.dependents(d.metadata.uid ?? '')) {
      if (selector.matches(rs.metadata.labels ?? {})) out.push(rs);
    }
    return out;
  }
}
