import type { Deployment, ReplicaSet } from '../../../api/types.js';
import { deepEqual } from '../../../api/deepEqual.js';
import {
  getDeploymentCondition,
  newDeploymentCondition,
  REASONS,
  setDeploymentCondition,
  type DeploymentStatus,
} from './deploymentConditions.js';
import type { DeploymentSyncContext } from './DeploymentSyncContext.js';
import {
  actualReplicaCount,
  availableReplicaCount,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  deploymentReplicas,
  DESIRED_REPLICAS_ANNOTATION,
  filterActiveReplicaSets,
  findActiveOrLatest,
  intAnnotation,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  maxUnavailable,
  proportion,
  readyReplicaCount,
  replicaCount,
  rsReplicas,
} from './deploymentUtil.js';

/** calculateStatus: the Deployment's status from its ReplicaSets, with the Available condition. */
export function calculateStatus(ctx: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const unavailable = Math.max(0, total - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  status.conditions = [...(d.status?.conditions ?? [])];
  const now = ctx.timestamp();
  if (available >= deploymentReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', REASONS.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', REASONS.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** True when two statuses are deeply equal (reflect.DeepEqual). */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return deepEqual(a ?? {}, b);
}

/** syncDeploymentStatus: writes the calculated status when it changed. */
export function syncDeploymentStatus(ctx: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(ctx, allRSs, newRS, d);
  if (sameStatus(d.status, status)) return;
  d.status = status;
  ctx.updateDeploymentStatus(d);
}

/**
 * isScalingEvent: some active ReplicaSet was last scaled for a different
 * Deployment size, so this sync is a scale rather than a rollout step.
 */
export function isScalingEvent(ctx: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): boolean {
  const { newRS, oldRSs } = ctx.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired === undefined) continue;
    if (desired !== deploymentReplicas(d)) return true;
  }
  return false;
}

/**
 * sync: a scaling event or a paused Deployment: scale proportionally, clean
 * up when paused, and write the status.
 */
export function sync(ctx: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs } = ctx.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  const scaled = scale(ctx, d, newRS, oldRSs);
  if (d.spec.paused === true) cleanupDeployment(ctx, oldRSs, d);
  syncDeploymentStatus(ctx, [...scaled.oldRSs, scaled.newRS], scaled.newRS, d);
}

/**
 * scale: brings the ReplicaSets to the Deployment's size. One active (or the
 * latest) ReplicaSet takes the whole size; a saturated new ReplicaSet means
 * the old ones go to 0; otherwise, mid-rollout, the difference to
 * replicas + maxSurge is spread in proportion to each ReplicaSet's size
 * (largest first, leftovers to the first).
 */
export function scale(ctx: DeploymentSyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
  const replace = (before: ReplicaSet, after: ReplicaSet): void => {
    if (newRS === before) newRS = after;
    const i = oldRSs.indexOf(before);
    if (i >= 0) oldRSs[i] = after;
  };
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== undefined) {
    if (rsReplicas(activeOrLatest) !== deploymentReplicas(d)) {
      replace(activeOrLatest, ctx.scaleReplicaSetAndRecordEvent(activeOrLatest, deploymentReplicas(d), d).rs);
    }
    return { newRS, oldRSs };
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) replace(old, ctx.scaleReplicaSetAndRecordEvent(old, 0, d).rs);
    return { newRS, oldRSs };
  }
  if (!isRollingUpdate(d)) return { newRS, oldRSs };
  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  const allReplicas = replicaCount(all);
  const allowedSize = deploymentReplicas(d) > 0 ? deploymentReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - allReplicas;
  let operation: 'up' | 'down' | undefined;
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, rsReplicas(rs) + p);
      added += p;
    } else sizes.set(rs, rsReplicas(rs));
  }
  if (added !== toAdd && all.length > 0) {
    const first = all[0]!;
    sizes.set(first, Math.max(0, (sizes.get(first) ?? 0) + toAdd - added));
  }
  for (const rs of all) {
    if (operation === undefined) continue;
    replace(rs, ctx.scaleReplicaSet(rs, sizes.get(rs) ?? rsReplicas(rs), d, operation).rs);
  }
  return { newRS, oldRSs };
}

/**
 * cleanupDeployment: deletes the oldest old ReplicaSets beyond
 * revisionHistoryLimit that are fully scaled down and observed.
 */
export function cleanupDeployment(ctx: DeploymentSyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    // Only a ReplicaSet with no replicas, whose status has caught up, can go.
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    ctx.deleteReplicaSet(rs);
  }
}

/** checkPausedConditions: the Progressing condition says Paused / Resumed. */
export function checkPausedConditions(ctx: DeploymentSyncContext, d: Deployment): void {
  if (d.spec.progressDeadlineSeconds === 2147483647) return;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  if (cond?.reason === REASONS.timedOut) return;
  const pausedCondExists = cond?.reason === REASONS.paused;
  const status: DeploymentStatus = { ...d.status, conditions: [...(d.status?.conditions ?? [])] };
  if (d.spec.paused === true && !pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', ctx.timestamp()));
  } else if (d.spec.paused !== true && pausedCondExists) {
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', ctx.timestamp()));
  } else return;
  d.status = status;
  ctx.updateDeploymentStatus(d);
}
