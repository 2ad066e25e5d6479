import type { Deployment, ReplicaSet } from '../../../api/types.js';
import { deploymentComplete } from './deploymentConditions.js';
import type { DeploymentSyncContext } from './DeploymentSyncContext.js';
import {
  availableReplicaCount,
  byCreationTimestamp,
  deploymentReplicas,
  filterActiveReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  rsReplicas,
} from './deploymentUtil.js';
import { RequeueError } from '../workqueue/WorkQueue.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment } from './sync.js';

/**
 * rolloutRolling (rolling.go): one step of a RollingUpdate. Scale the new
 * ReplicaSet up within maxSurge; if nothing was scaled up, scale old ones
 * down within maxUnavailable; once complete, clean up old revisions.
 */
export function rolloutRolling(ctx: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const got = ctx.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const newRS = got.newRS;
  const oldRSs = got.oldRSs;
  const allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];
  if (newRS !== undefined) {
    const up = reconcileNewReplicaSet(ctx, allRSs, newRS, d);
    if (up.scaled) {
      syncRolloutStatus(ctx, [...oldRSs, up.rs], up.rs, d);
      return;
    }
  }
  // As upstream, the status is computed from the ReplicaSets as read (their status is what counts).
  if (reconcileOldReplicaSets(ctx, allRSs, filterActiveReplicaSets(oldRSs), newRS, d)) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (d.status !== undefined && deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: scales the new ReplicaSet to NewRSNewReplicas (or down to replicas). */
export function reconcileNewReplicaSet(ctx: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): { scaled: boolean; rs: ReplicaSet } {
  const replicas = deploymentReplicas(d);
  if (rsReplicas(newRS) === replicas) return { scaled: false, rs: newRS };
  if (rsReplicas(newRS) > replicas) return ctx.scaleReplicaSetAndRecordEvent(newRS, replicas, d);
  return ctx.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, allRSs, newRS), d);
}

/**
 * reconcileOldReplicaSets: scales old ReplicaSets down by at most
 * `allPods − minAvailable − newRS unavailable`: unhealthy replicas first,
 * then available ones beyond minAvailable, oldest ReplicaSet first.
 */
export function reconcileOldReplicaSets(
  ctx: DeploymentSyncContext,
  allRSs: readonly (ReplicaSet | undefined)[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): boolean {
  const oldPodsCount = replicaCount(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = replicaCount(allRSs);
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = newRS === undefined ? 0 : rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  return cleaned.count + scaledDown > 0;
}

/**
 * cleanupUnhealthyReplicas: scales old ReplicaSets down by their
 * unavailable replicas, oldest first, at most `maxCleanupCount` in all.
 * `oldRSs` comes back sorted by creation time, with the scaled ones replaced.
 */
export function cleanupUnhealthyReplicas(ctx: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment, maxCleanupCount: number): { oldRSs: ReplicaSet[]; count: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i]!;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanupCount - total, replicas - available);
    const next = replicas - count;
    if (next > replicas) throw new RequeueError(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.name ?? ''} ${replicas} -> ${next}`);
    sorted[i] = ctx.scaleReplicaSetAndRecordEvent(rs, next, d).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: scales old ReplicaSets down by
 * `available − minAvailable`, oldest first. `oldRSs` is sorted and updated in place.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(ctx: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  const totalScaleDown = available - minAvailable;
  for (let i = 0; i < oldRSs.length; i++) {
    if (total >= totalScaleDown) break;
    const rs = oldRSs[i]!;
    if (rsReplicas(rs) === 0) continue;
    const count = Math.min(rsReplicas(rs), totalScaleDown - total);
    const next = rsReplicas(rs) - count;
    oldRSs[i] = ctx.scaleReplicaSetAndRecordEvent(rs, next, d).rs;
    total += count;
  }
  return total;
}
