import type { Deployment, Pod, ReplicaSet } from '../../../api/types.js';
import type { Micros } from '../../../engine/time.js';

/** A ReplicaSet scale's outcome: whether spec.replicas changed, and the ReplicaSet as written. */
export interface ScaleResult {
  scaled: boolean;
  rs: ReplicaSet;
}

/**
 * What the rollout algorithms (rolling.ts, recreate.ts, sync.ts,
 * progress.ts) need from the Deployment controller: the clock, and writes
 * that answer at once with the object as it will be written (the API call
 * itself completes later; the controller does not sync the Deployment again
 * until its cache has seen every write).
 */
export interface DeploymentSyncContext {
  /** The current virtual instant. */
  readonly now: Micros;
  /** RFC 3339 of now. */
  timestamp(): string;
  /** The virtual instant of a timestamp. */
  instantOf(timestamp: string): Micros;
  /** scaleReplicaSetAndRecordEvent: scales unless already at `newScale`. */
  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): ScaleResult;
  /** scaleReplicaSet: writes spec.replicas and the replicas annotations; records ScalingReplicaSet when the size changes. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, operation: 'up' | 'down'): ScaleResult;
  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (made when `create` and missing) and the old ones. */
  getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: readonly ReplicaSet[], create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] };
  /** Writes the local Deployment's annotations and status (UpdateStatus). */
  updateDeploymentStatus(d: Deployment): void;
  /** Deletes an old ReplicaSet (revision history cleanup). */
  deleteReplicaSet(rs: ReplicaSet): void;
  /** Syncs the Deployment again after `delay`. */
  enqueueAfter(d: Deployment, delay: Micros): void;
  /** Syncs the Deployment again after the rate limiter's backoff. */
  enqueueRateLimited(d: Deployment): void;
  /** The cached pods controlled by the ReplicaSet with `uid`. */
  podsOf(rsUid: string): Iterable<Pod>;
}
