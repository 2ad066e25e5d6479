/**
 * Resource names and quantities in specs, ported from pkg/apis/core/validation
 * (validateResourceRequirements, validateContainerResourceName,
 * validatePodResourceName, ValidateResourceQuantityValue,
 * validatePodResourceConsistency), v1.34.
 *
 * A quantity that does not parse is a decoding error upstream; here it is
 * reported at its field with upstream's parse message.
 */
import { parseQuantity, type Quantity, QuantityError, quantityFromText } from '../quantity.js';
import {
  isExtendedResourceName,
  isHugePageResourceName,
  isNativeResource,
  isStandardContainerResourceName,
  RESOURCE_HUGEPAGES_PREFIX,
} from '../resources.js';
import { child, type FieldError, forbidden, index, invalid, key, notSupported, required } from './field.js';
import { isQualifiedName } from './identifiers.js';
import { type JsonObject, Reader } from './shape.js';

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);

const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

/** helper.IsStandardResourceName. */
export function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || name.startsWith(RESOURCE_HUGEPAGES_PREFIX) || name.startsWith(`requests.${RESOURCE_HUGEPAGES_PREFIX}`);
}

/** helper.IsIntegerResourceName: counted resources and extended resources. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

/** helper.IsOvercommitAllowed: native resources other than hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** validateResourceName: a qualified name; unprefixed names must be standard. */
export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

/** validateContainerResourceName: standard container resources or extended resources. */
export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** validatePodResourceName: cpu, memory or hugepages-* at pod level. */
export function validatePodResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (errs.length > 0) return errs;
  const supported = name === 'cpu' || name === 'memory' || isHugePageResourceName(name);
  return supported ? [] : [notSupported(path, name, ['cpu', RESOURCE_HUGEPAGES_PREFIX, 'memory'])];
}

/**
 * Reads a quantity, reporting `path: Invalid value: <as written>: <parse message>`
 * when it does not parse.
 */
export function readQuantity(r: Reader, value: unknown, path: string): Quantity | undefined {
  try {
    if (value === null) return parseQuantity('0');
    if (typeof value !== 'string' && typeof value !== 'number') return parseQuantity(String(value));
    return quantityFromText(value);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    r.add(invalid(path, typeof value === 'string' || typeof value === 'number' ? value : String(value), err.message));
    return undefined;
  }
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.nanoValue() % 1_000_000_000n !== 0n) {
    errs.push(invalid(path, q.toString(), 'must be an integer'));
  }
  return errs;
}

/** helper.IsHugePageResourceValueDivisible. */
function hugePageDivisible(name: string, q: Quantity): boolean {
  let pageSize: Quantity;
  try {
    pageSize = parseQuantity(name.slice(RESOURCE_HUGEPAGES_PREFIX.length));
  } catch {
    return false;
  }
  if (pageSize.sign() <= 0 || pageSize.nanoValue() % 1_000_000_000n !== 0n) return false;
  const page = pageSize.nanoValue() / 1_000_000_000n;
  const v = q.nanoValue();
  const whole = v / 1_000_000_000n + (v % 1_000_000_000n > 0n ? 1n : 0n);
  return whole % page === 0n;
}

/** Reads a ResourceList, checking names and quantities; returns the parsed entries. */
function readList(
  r: Reader,
  value: unknown,
  path: string,
  nameFn: (name: string, path: string) => FieldError[],
): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const list: JsonObject = r.object(value, path) ?? {};
  for (const [name, raw] of Object.entries(list)) {
    const p = key(path, name);
    r.add(...nameFn(name, p));
    const q = readQuantity(r, raw, p);
    if (q === undefined) continue;
    r.add(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name) && !hugePageDivisible(name, q)) {
      r.add(invalid(p, q.toString(), `${q.toString()} is not positive integer multiple of ${name}`));
    }
    out.set(name, q);
  }
  return out;
}

/** The parsed requests and limits of a ResourceRequirements. */
export interface ReadRequirements {
  readonly requests: Map<string, Quantity>;
  readonly limits: Map<string, Quantity>;
}

/**
 * validateResourceRequirements: names and quantities valid; requests at most
 * limits (and equal to them for resources that cannot be overcommitted, which
 * also need a limit); hugepages only together with cpu or memory.
 * @param nameFn {@link validateContainerResourceName} or {@link validatePodResourceName}
 */
export function validateResourceRequirements(
  value: unknown,
  path: string,
  nameFn: (name: string, path: string) => FieldError[] = validateContainerResourceName,
): { errors: FieldError[]; read: ReadRequirements } {
  const r = new Reader();
  const req: JsonObject = r.object(value, path) ?? {};
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = readList(r, req['limits'], limPath, nameFn);
  const requests = readList(r, req['requests'], reqPath, nameFn);
  for (const [name, q] of requests) {
    const limit = limits.get(name);
    if (limit !== undefined) {
      const c = q.cmp(limit);
      if (c !== 0 && !isOvercommitAllowed(name)) {
        r.add({ ...invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`), linePath: key(reqPath, name) });
      } else if (c > 0) {
        r.add({
          ...invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`),
          linePath: key(reqPath, name),
        });
      }
    } else if (!isOvercommitAllowed(name)) {
      r.add({ ...required(limPath, 'Limit must be set for non overcommitable resources'), linePath: key(reqPath, name) });
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  const hasHugePages = names.some(isHugePageResourceName);
  const hasCpuOrMemory = names.some((n) => n === 'cpu' || n === 'memory');
  if (hasHugePages && !hasCpuOrMemory) r.add(forbidden(path, 'HugePages require cpu or memory'));
  r.array(req['claims'], child(path, 'claims'));
  return { errors: r.errors, read: { requests, limits } };
}

/**
 * validatePodResourceConsistency: pod-level requests at least the aggregate
 * container requests (for the resources set at pod level), and no container
 * limit above the pod-level limit.
 */
export function validatePodResourceConsistency(
  podLevel: ReadRequirements,
  aggregateRequests: ReadonlyMap<string, Quantity>,
  containerLimits: ReadonlyArray<ReadonlyMap<string, Quantity>>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, agg] of aggregateRequests) {
    const podReq = podLevel.requests.get(name);
    if (podReq === undefined) continue;
    if (agg.cmp(podReq) > 0) {
      errs.push(
        invalid(key(child(path, 'requests'), name), podReq.toString(), `must be greater than or equal to aggregate container requests of ${agg.toString()}`),
      );
    }
  }
  containerLimits.forEach((limits, i) => {
    for (const [name, limit] of limits) {
      const podLimit = podLevel.limits.get(name);
      if (podLimit === undefined || limit.cmp(podLimit) <= 0) continue;
      errs.push(
        invalid(child(key(index(child(path, 'containers'), i), name), 'limits'), limit.toString(), `must be less than or equal to pod limits of ${podLimit.toString()}`),
      );
    }
  });
  return errs;
}
