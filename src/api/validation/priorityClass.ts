/**
 * PriorityClass validation, ported from pkg/apis/scheduling/validation
 * (ValidatePriorityClass) and scheduling/v1's IsKnownSystemPriorityClass,
 * v1.34.
 */
import { HIGHEST_USER_DEFINABLE_PRIORITY, SYSTEM_PRIORITY_CLASSES } from '../admission.js';
import { type FieldError, forbidden, notSupported, required } from './field.js';
import { nameIsDNSSubdomain } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { isObject, Reader } from './shape.js';

/** scheduling.SystemPriorityClassPrefix: names reserved for the built-in classes. */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';

const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** IsKnownSystemPriorityClass: the reason a `system-` class is not one of the built-in ones, or undefined. */
function unknownSystemClass(name: string, value: number, globalDefault: boolean): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.metadata.name === name);
  if (spc === undefined) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${name} PriorityClass must be ${spc.value}`;
  if ((spc.globalDefault ?? false) !== globalDefault) return `globalDefault of ${name} PriorityClass must be ${String(spc.globalDefault ?? false)}`;
  return undefined;
}

/**
 * ValidatePriorityClass: cluster-scoped metadata with a DNS-subdomain name;
 * `system-` names only for the built-in classes (with their value and
 * globalDefault); user classes at most 1 000 000 000; preemptionPolicy
 * PreemptLowerPriority or Never.
 */
export function validatePriorityClass(pc: unknown): FieldError[] {
  const o = isObject(pc) ? pc : {};
  const r = new Reader();
  r.add(...validateObjectMeta(o['metadata'], { namespaced: false, nameFn: nameIsDNSSubdomain }));
  const meta = isObject(o['metadata']) ? o['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const value = r.int32(o['value'], 'value') ?? 0;
  const globalDefault = r.bool(o['globalDefault'], 'globalDefault') ?? false;
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const reason = unknownSystemClass(name, value, globalDefault);
    if (reason !== undefined) {
      r.add(
        forbidden('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${reason}`),
      );
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    r.add(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const policy = r.optString(o['preemptionPolicy'], 'preemptionPolicy');
  if (policy === '') r.add(required('preemptionPolicy'));
  else if (policy !== undefined && !PREEMPTION_POLICIES.includes(policy)) r.add(notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
  r.optString(o['description'], 'description');
  return r.errors;
}
