import type { Deployment, ReplicaSet } from '../../../api/types.js';
import { MICROS_PER_SECOND } from '../../../engine/time.js';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  REASONS,
  removeDeploymentCondition,
  setDeploymentCondition,
  type DeploymentStatus,
} from './deploymentConditions.js';
import type { DeploymentSyncContext } from './DeploymentSyncContext.js';
import { calculateStatus, sameStatus } from './sync.js';

/**
 * syncRolloutStatus (progress.go): the status with the Progressing
 * condition: NewReplicaSetAvailable once complete, ReplicaSetUpdated while
 * progressing, ProgressDeadlineExceeded when stuck past the deadline.
 */
export function syncRolloutStatus(ctx: DeploymentSyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(ctx, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, 'Progressing');
  const current = getDeploymentCondition(d.status, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const now = ctx.timestamp();
    const subject = newRS !== undefined ? `ReplicaSet "${newRS.metadata.name ?? ''}"` : `Deployment "${d.metadata.name ?? ''}"`;
    if (deploymentComplete(d, status)) {
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', REASONS.newRSAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const condition = newDeploymentCondition('Progressing', 'True', REASONS.replicaSetUpdated, `${subject} is progressing.`, now);
      // Progress refreshes lastUpdateTime (the deadline's start) but keeps the transition time.
      if (current?.status === 'True' && current.lastTransitionTime !== undefined) condition.lastTransitionTime = current.lastTransitionTime;
      removeDeploymentCondition(status, 'Progressing');
      setDeploymentCondition(status, condition);
    } else if (deploymentTimedOut(d, status, ctx.now, (ts) => ctx.instantOf(ts))) {
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'False', REASONS.timedOut, `${subject} has timed out progressing.`, now));
    }
  }
  removeDeploymentCondition(status, 'ReplicaFailure');
  if (sameStatus(d.status, status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  ctx.updateDeploymentStatus(d);
}

/**
 * requeueStuckDeployment: a Deployment that is neither complete nor timed
 * out is synced again just after its progress deadline would pass.
 */
export function requeueStuckDeployment(ctx: DeploymentSyncContext, d: Deployment, status: DeploymentStatus): void {
  const current = getDeploymentCondition(status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return;
  if (deploymentComplete(d, status)) return;
  if (current.reason === REASONS.timedOut) return;
  if (current.lastUpdateTime === undefined) return;
  const deadline = ctx.instantOf(current.lastUpdateTime) + (d.spec.progressDeadlineSeconds ?? 600) * MICROS_PER_SECOND;
  const after = deadline - ctx.now;
  if (after < MICROS_PER_SECOND) ctx.enqueueRateLimited(d);
  else ctx.enqueueAfter(d, after + MICROS_PER_SECOND);
}
