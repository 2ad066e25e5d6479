import type { Deployment, ReplicaSet } from '../../../api/types.js';
import { deploymentComplete } from './deploymentConditions.js';
import type { DeploymentSyncContext } from './DeploymentSyncContext.js';
import { actualReplicaCount, deploymentReplicas, filterActiveReplicaSets, rsReplicas } from './deploymentUtil.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment } from './sync.js';

/**
 * rolloutRecreate (recreate.go): scale every old ReplicaSet to 0, wait until
 * no old pod is left running, then create (or scale up) the new one.
 */
export function rolloutRecreate(ctx: DeploymentSyncContext, d: Deployment, rsList: readonly ReplicaSet[]): void {
  let { newRS, oldRSs } = ctx.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];
  let scaledDown = false;
  const scaledOld = oldRSs.map((rs) => {
    if (!filterActiveReplicaSets([rs]).length) return rs;
    const r = ctx.scaleReplicaSetAndRecordEvent(rs, 0, d);
    if (r.scaled) scaledDown = true;
    return r.rs;
  });
  if (scaledDown) {
    syncRolloutStatus(ctx, [...scaledOld, newRS], newRS, d);
    return;
  }
  if (oldPodsRunning(ctx, newRS, oldRSs)) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (newRS === undefined) {
    ({ newRS, oldRSs } = ctx.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS !== undefined && rsReplicas(newRS) !== deploymentReplicas(d)) {
    newRS = ctx.scaleReplicaSetAndRecordEvent(newRS, deploymentReplicas(d), d).rs;
    allRSs = [...oldRSs, newRS];
  }
  if (d.status !== undefined && deploymentComplete(d, d.status)) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/**
 * oldPodsRunning: an old ReplicaSet still reports replicas, or one of its
 * pods has not finished (anything but Succeeded or Failed, Terminating
 * included).
 */
export function oldPodsRunning(ctx: DeploymentSyncContext, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    if (newRS !== undefined && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const pod of ctx.podsOf(rs.metadata.uid ?? '')) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
