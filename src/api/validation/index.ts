/**
 * API validation of loaded manifests, as the Kubernetes API server (v1.34)
 * validates them on create, for the kinds and fields kubesim reads. Errors
 * carry upstream's field paths and wording and the manifest line of the
 * offending field: `pods.yaml:14: spec.containers[0].resources.requests[cpu]:
 * Invalid value: "abc": quantities must match the regular expression ...`.
 */
import { type LoadedObject, ManifestError } from '../manifests.js';
import { errorBody, type FieldError } from './field.js';
import { validateNamespace } from './namespace.js';
import { validateNode } from './node.js';
import { validatePod } from './pod.js';
import { validatePodDisruptionBudget } from './podDisruptionBudget.js';
import { validatePriorityClass } from './priorityClass.js';
import type { PodSpecValidationOptions } from './podSpec.js';
import { validateService } from './service.js';
import { isObject } from './shape.js';
import { validateReplicaSet, validateStatefulSet } from './workloads.js';

/** Options for {@link validateObject}. */
export interface ValidateOptions extends PodSpecValidationOptions {
  /** Report objects of kinds kubesim does not validate (default: accept them silently). */
  readonly rejectUnknownKinds?: boolean;
}

type KindValidator = (obj: unknown, opts: PodSpecValidationOptions) => FieldError[];

/** The kinds validated, with the apiVersion each is served at. */
export const VALIDATED_KINDS: Readonly<Record<string, { apiVersion: string; validate: KindValidator }>> = {
  Pod: { apiVersion: 'v1', validate: validatePod },
  Node: { apiVersion: 'v1', validate: (o) => validateNode(o) },
  Namespace: { apiVersion: 'v1', validate: (o) => validateNamespace(o) },
  Service: { apiVersion: 'v1', validate: (o) => validateService(o) },
  ReplicaSet: { apiVersion: 'apps/v1', validate: validateReplicaSet },
  StatefulSet: { apiVersion: 'apps/v1', validate: validateStatefulSet },
  PodDisruptionBudget: { apiVersion: 'policy/v1', validate: (o) => validatePodDisruptionBudget(o) },
  PriorityClass: { apiVersion: 'scheduling.k8s.io/v1', validate: (o) => validatePriorityClass(o) },
};

/**
 * The field errors of an object (no file or line): kind and apiVersion
 * present and known, then the kind's own validation.
 */
export function validateFields(obj: unknown, options: ValidateOptions = {}): FieldError[] {
  const o = isObject(obj) ? obj : {};
  const kind = o['kind'];
  const apiVersion = o['apiVersion'];
  const errs: FieldError[] = [];
  if (typeof kind !== 'string' || kind === '') {
    return [{ type: 'Required value', field: 'kind', badValue: '', detail: "Object 'Kind' is missing" }];
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    return [{ type: 'Required value', field: 'apiVersion', badValue: '', detail: "Object 'apiVersion' is missing" }];
  }
  const entry = Object.hasOwn(VALIDATED_KINDS, kind) ? VALIDATED_KINDS[kind] : undefined;
  if (entry === undefined) {
    if (options.rejectUnknownKinds === true) {
      errs.push({ type: 'Not found', field: 'kind', badValue: kind, detail: `kind ${JSON.stringify(kind)} is not supported by kubesim` });
    }
    return errs;
  }
  if (apiVersion !== entry.apiVersion) {
    return [
      {
        type: 'Not found',
        field: 'apiVersion',
        badValue: apiVersion,
        detail: `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`,
      },
    ];
  }
  return entry.validate(obj, options);
}

/** Turns a field error into a ManifestError at the field's line. */
export function toManifestError(loaded: LoadedObject, e: FieldError): ManifestError {
  return new ManifestError(loaded.file, loaded.lineOf(e.linePath ?? e.field), e.field, errorBody(e));
}

/**
 * Validates a loaded object as the API server would on create.
 * @returns one ManifestError per problem (empty when valid), each at the line
 *   of the offending field (`kind`/`apiVersion` problems say so plainly)
 */
export function validateObject(loaded: LoadedObject, options: ValidateOptions = {}): ManifestError[] {
  return validateFields(loaded.object, options).map((e) => {
    if (e.field === 'kind' || e.field === 'apiVersion') {
      return new ManifestError(loaded.file, loaded.lineOf(e.field), e.field, e.detail);
    }
    return toManifestError(loaded, e);
  });
}

export { validateAffinity, validateLabelSelector, validateNodeSelector, validatePreferredSchedulingTerms } from './affinity.js';
export { validateContainers, validateInitContainers } from './containers.js';
export * from './field.js';
export * from './identifiers.js';
export { validateAnnotations, validateLabelName, validateLabels, validateObjectMeta } from './meta.js';
export { validateNamespace } from './namespace.js';
export { validateNode } from './node.js';
export { validatePod } from './pod.js';
export { validatePodDisruptionBudget } from './podDisruptionBudget.js';
export { SYSTEM_PRIORITY_CLASS_PREFIX, validatePriorityClass } from './priorityClass.js';
export { type PodSpecValidationOptions, validatePodSpec, validatePodTemplateSpec } from './podSpec.js';
export { validateResourceQuantityValue, validateResourceRequirements } from './resources.js';
export { validateService } from './service.js';
export { validateNodeTaints, validateTolerations } from './taints.js';
export { validateTopologySpreadConstraints } from './topologySpread.js';
export { validateReplicaSet, validateStatefulSet } from './workloads.js';
