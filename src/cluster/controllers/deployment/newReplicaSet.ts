import type { Deployment, ReplicaSet } from '../../../api/types.js';
import { computeHash } from '../../store/names.js';
import { controllerRef } from '../podTemplate.js';
import {
  DESIRED_REPLICAS_ANNOTATION,
  deploymentReplicas,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  revisionOf,
} from './deploymentUtil.js';

/** Deployment annotations that are not copied to its ReplicaSets (skipCopyAnnotation). */
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/**
 * The new ReplicaSet of a rollout (getNewReplicaSet's create branch):
 * `<deployment>-<pod-template-hash>`, the hash label on its selector and
 * template, the Deployment as controller, sized by NewRSNewReplicas, with
 * the revision and replicas annotations.
 */
export function buildNewReplicaSet(d: Deployment, oldRSs: readonly ReplicaSet[], newRevision: string): { rs: ReplicaSet; replicas: number } {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const labels = { ...d.spec.template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const template = { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } };
  const selector = { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const metadata: ReplicaSet['metadata'] = { name: `${d.metadata.name ?? ''}-${hash}`, labels, ownerReferences: [controllerRef(d)] };
  if (d.metadata.namespace !== undefined) metadata.namespace = d.metadata.namespace;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata,
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec = { ...rs.spec, replicas };
  const annotations: Record<string, string> = {};
  setNewReplicaSetAnnotations(d, annotations, newRevision, false);
  rs.metadata.annotations = annotations;
  return { rs, replicas };
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises
 * the revision to `newRevision` when it is higher, and on a new ReplicaSet
 * sets desired-replicas and max-replicas. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, annotations: Record<string, string>, newRevision: string, exists: boolean): boolean {
  let updated = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED_ANNOTATIONS.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    updated = true;
  }
  const oldRevision = annotations[REVISION_ANNOTATION];
  if (oldRevision !== undefined && oldRevision !== '' && !/^\d+$/.test(oldRevision)) return false;
  const oldInt = revisionOf({ metadata: { annotations } });
  if (oldInt < Number(newRevision)) {
    annotations[REVISION_ANNOTATION] = newRevision;
    updated = true;
  }
  if (!exists) {
    const desired = deploymentReplicas(d);
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    annotations[MAX_REPLICAS_ANNOTATION] = String(desired + maxSurge(d));
    updated = true;
  }
  return updated;
}

/** SetDeploymentRevision: sets the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
  d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
  return true;
}
