/**
 * Pod validation on create, ported from pkg/apis/core/validation
 * (ValidatePodCreate, validatePodMetadataAndSpec), v1.34.
 */
import { validateContainerImagesForPod } from './containers.js';
import { child, type FieldError, forbidden } from './field.js';
import { nameIsDNSSubdomain } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { type PodSpecValidationOptions, validatePodSpec } from './podSpec.js';
import { isObject } from './shape.js';

/**
 * ValidatePodCreate: metadata (name a DNS subdomain), the pod spec, images
 * without surrounding white space, no ephemeral containers, and no nodeName
 * while scheduling gates remain.
 */
export function validatePod(pod: unknown, opts: PodSpecValidationOptions = {}): FieldError[] {
  const p = isObject(pod) ? pod : {};
  const errs = validateObjectMeta(p['metadata'], { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePodSpec(p['spec'], 'spec', opts));
  const spec = isObject(p['spec']) ? p['spec'] : {};
  errs.push(...validateContainerImagesForPod(spec['containers'], 'spec.containers'));
  errs.push(...validateContainerImagesForPod(spec['initContainers'], 'spec.initContainers'));
  if (Array.isArray(spec['ephemeralContainers']) && spec['ephemeralContainers'].length > 0) {
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  }
  const nodeName = spec['nodeName'];
  const gates = spec['schedulingGates'];
  if (typeof nodeName === 'string' && nodeName !== '' && Array.isArray(gates) && gates.length > 0) {
    errs.push(forbidden(child('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
