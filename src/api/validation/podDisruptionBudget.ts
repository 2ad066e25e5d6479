/**
 * PodDisruptionBudget validation, ported from pkg/apis/policy/validation
 * (ValidatePodDisruptionBudgetSpec) and apps validation
 * (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent), v1.34.
 */
import { validateLabelSelector } from './affinity.js';
import { child, type FieldError, invalid, notSupported, OMIT_VALUE } from './field.js';
import { isValidPercent, nameIsDNSSubdomain } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { goIntOrString, isObject, type JsonObject, Reader } from './shape.js';

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function validateIntOrPercent(r: Reader, value: unknown, path: string): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value < 0) r.add(invalid(path, value, 'must be greater than or equal to 0'));
    return;
  }
  if (typeof value === 'string') {
    const errs = isValidPercent(value);
    for (const msg of errs) r.add(invalid(path, goIntOrString(value), msg));
    if (errs.length === 0 && Number(value.slice(0, -1)) > 100) r.add(invalid(path, goIntOrString(value), 'must not be greater than 100%'));
    return;
  }
  r.add(invalid(path, String(value), "must be an integer or percentage (e.g '5%')"));
}

/**
 * ValidatePodDisruptionBudget: not both minAvailable and maxUnavailable;
 * each a non-negative integer or a percentage up to 100%; the selector valid;
 * unhealthyPodEvictionPolicy IfHealthyBudget or AlwaysAllow.
 */
export function validatePodDisruptionBudget(pdb: unknown): FieldError[] {
  const o = isObject(pdb) ? pdb : {};
  const r = new Reader();
  r.add(...validateObjectMeta(o['metadata'], { namespaced: true, nameFn: nameIsDNSSubdomain }));
  const spec: JsonObject = r.object(o['spec'], 'spec') ?? {};
  const has = (k: string) => spec[k] !== undefined && spec[k] !== null;
  if (has('minAvailable') && has('maxUnavailable')) {
    // Upstream prints the whole spec struct as the bad value; it is omitted here.
    r.add(invalid('spec', OMIT_VALUE, 'minAvailable and maxUnavailable cannot be both set'));
  }
  validateIntOrPercent(r, spec['minAvailable'], child('spec', 'minAvailable'));
  validateIntOrPercent(r, spec['maxUnavailable'], child('spec', 'maxUnavailable'));
  r.add(...validateLabelSelector(spec['selector'], child('spec', 'selector')));
  const policy = r.optString(spec['unhealthyPodEvictionPolicy'], 'spec.unhealthyPodEvictionPolicy');
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    r.add(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return r.errors;
}
