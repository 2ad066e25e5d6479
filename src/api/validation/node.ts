/**
 * Node validation, ported from pkg/apis/core/validation (ValidateNode,
 * ValidateNodeResources, validateNodeTaints), v1.34.
 */
import { child, type FieldError, key } from './field.js';
import { nameIsDNSSubdomain } from './identifiers.js';
import { validateObjectMeta } from './meta.js';
import { readQuantity, validateResourceQuantityValue } from './resources.js';
import { isObject, Reader } from './shape.js';
import { validateNodeTaints } from './taints.js';

/**
 * ValidateNode: metadata (cluster-scoped, name a DNS subdomain), taints
 * (unique by key and effect; reported under `metadata.taints` as upstream
 * does), and capacity/allocatable quantities (valid, non-negative, whole for
 * integer resources such as pods and extended resources).
 */
export function validateNode(node: unknown): FieldError[] {
  const n = isObject(node) ? node : {};
  const r = new Reader();
  r.add(...validateObjectMeta(n['metadata'], { namespaced: false, nameFn: nameIsDNSSubdomain }));
  const spec = r.object(n['spec'], 'spec') ?? {};
  r.add(...validateNodeTaints(spec['taints'], 'metadata.taints', 'spec.taints'));
  r.bool(spec['unschedulable'], 'spec.unschedulable');
  const status = r.object(n['status'], 'status') ?? {};
  for (const list of ['capacity', 'allocatable']) {
    const entries = r.object(status[list], child('status', list)) ?? {};
    for (const [name, raw] of Object.entries(entries)) {
      // Upstream builds these paths with Child, not Key: `status.capacity.cpu`.
      const path = child('status', list, name);
      const linePath = key(child('status', list), name);
      const before = r.errors.length;
      const q = readQuantity(r, raw, path);
      if (q !== undefined) r.add(...validateResourceQuantityValue(name, q, path));
      for (let i = before; i < r.errors.length; i++) {
        const e = r.errors[i];
        if (e !== undefined) r.errors[i] = { ...e, linePath };
      }
    }
  }
  return r.errors;
}
