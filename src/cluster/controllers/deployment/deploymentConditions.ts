import type { Deployment, DeploymentCondition } from '../../../api/types.js';
import type { Micros } from '../../../engine/time.js';
import { MICROS_PER_SECOND } from '../../../engine/time.js';
import { deploymentReplicas } from './deploymentUtil.js';

/** A Deployment's status. */
export type DeploymentStatus = NonNullable<Deployment['status']>;

/** Reasons of the Progressing, Available and ReplicaFailure conditions (deployment_util.go). */
export const REASONS = {
  /** Progressing True: a new ReplicaSet was created. */
  newReplicaSet: 'NewReplicaSetCreated',
  /** Progressing True: an existing ReplicaSet was found to be the new one. */
  foundNewRS: 'FoundNewReplicaSet',
  /** Progressing True: the new ReplicaSet is fully available; the rollout is complete. */
  newRSAvailable: 'NewReplicaSetAvailable',
  /** Progressing True: the rollout made progress. */
  replicaSetUpdated: 'ReplicaSetUpdated',
  /** Progressing False: no progress within progressDeadlineSeconds. */
  timedOut: 'ProgressDeadlineExceeded',
  /** Progressing Unknown: paused. */
  paused: 'DeploymentPaused',
  /** Progressing Unknown: resumed. */
  resumed: 'DeploymentResumed',
  /** Available True. */
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  /** Available False. */
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** NewDeploymentCondition: a condition whose update and transition times are `timestamp`. */
export function newDeploymentCondition(type: DeploymentCondition['type'], status: DeploymentCondition['status'], reason: string, message: string, timestamp: string): DeploymentCondition {
  return { type, status, lastUpdateTime: timestamp, lastTransitionTime: timestamp, reason, message };
}

/** GetDeploymentCondition. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: DeploymentCondition['type']): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: replaces the condition of its type; nothing
 * changes when status and reason are the same, and the transition time is
 * kept when only the reason changes.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return;
  let next = condition;
  if (current !== undefined && current.status === condition.status && current.lastTransitionTime !== undefined) {
    next = { ...condition, lastTransitionTime: current.lastTransitionTime };
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** RemoveDeploymentCondition. */
export function removeDeploymentCondition(status: DeploymentStatus, type: DeploymentCondition['type']): void {
  if (status.conditions === undefined) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** HasProgressDeadline: progressDeadlineSeconds is set (default 600) and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds ?? 600;
  return s !== 2147483647;
}

/** DeploymentComplete: every replica updated and available, and the latest generation observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = deploymentReplicas(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Micros, instantOf: (ts: string) => Micros): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(status, 'Progressing');
  if (condition === undefined) return false;
  if (condition.reason === REASONS.newRSAvailable) return false;
  if (condition.reason === REASONS.timedOut) return true;
  if (condition.lastUpdateTime === undefined) return false;
  const from = instantOf(condition.lastUpdateTime);
  return from + (d.spec.progressDeadlineSeconds ?? 600) * MICROS_PER_SECOND < now;
}
