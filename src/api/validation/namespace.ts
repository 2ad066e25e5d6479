/**
 * Namespace validation, ported from pkg/apis/core/validation
 * (ValidateNamespace), v1.34.
 */
import type { FieldError } from './field.js';
import { nameIsDNSLabel } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { isObject, Reader } from './shape.js';

/** ValidateNamespace: cluster-scoped metadata whose name is a DNS label (at most 63 characters). */
export function validateNamespace(ns: unknown): FieldError[] {
  const n = isObject(ns) ? ns : {};
  const r = new Reader();
  r.add(...validateObjectMeta(n['metadata'], { namespaced: false, nameFn: nameIsDNSLabel }));
  const spec = r.object(n['spec'], 'spec') ?? {};
  r.stringList(spec['finalizers'], 'spec.finalizers');
  return r.errors;
}
