/**
 * Resource names and their classification, ported from k8s.io/api/core/v1
 * (resource names), pkg/apis/core/v1/helper (IsExtendedResourceName,
 * IsHugePageResourceName, IsPrefixedNativeResource, ...) and the scheduler's
 * util.IsScalarResourceName, plus {@link parseResourceList}, which turns a
 * manifest's ResourceList into the numbers the scheduler keeps.
 */
import { canonicalQuantity, QuantityError } from './quantity.js';
import type { ResourceList } from './types.js';
import { isQualifiedName } from './validation/identifiers.js';

/** CPU, in cores (kept in millicores). */
export const RESOURCE_CPU = 'cpu';
/** Memory, in bytes. */
export const RESOURCE_MEMORY = 'memory';
/** Local ephemeral storage, in bytes. */
export const RESOURCE_EPHEMERAL_STORAGE = 'ephemeral-storage';
/** Number of pods (node capacity/allocatable only). */
export const RESOURCE_PODS = 'pods';
/** Volume storage, in bytes. */
export const RESOURCE_STORAGE = 'storage';

/** v1.ResourceHugePagesPrefix: `hugepages-<pageSize>`. */
export const RESOURCE_HUGEPAGES_PREFIX = 'hugepages-';
/** v1.ResourceAttachableVolumesPrefix. */
export const RESOURCE_ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';
/** v1.ResourceDefaultNamespacePrefix: native resources may be prefixed with it. */
export const RESOURCE_DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
/** v1.DefaultResourceRequestsPrefix: the quota prefix for requests. */
export const DEFAULT_RESOURCE_REQUESTS_PREFIX = 'requests.';

/** IsPrefixedNativeResource: the name contains `kubernetes.io/`. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes(RESOURCE_DEFAULT_NAMESPACE_PREFIX);
}

/** IsNativeResource: unprefixed (no `/`), or prefixed with `kubernetes.io/`. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/**
 * IsExtendedResourceName: a fully-qualified name outside `kubernetes.io`
 * (`nvidia.com/gpu`) that stays a qualified name once prefixed with `requests.`.
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(DEFAULT_RESOURCE_REQUESTS_PREFIX)) return false;
  return isQualifiedName(DEFAULT_RESOURCE_REQUESTS_PREFIX + name).length === 0;
}

/** IsHugePageResourceName: `hugepages-*`. */
export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(RESOURCE_HUGEPAGES_PREFIX);
}

/** IsAttachableVolumeResourceName: `attachable-volumes-*`. */
export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith(RESOURCE_ATTACHABLE_VOLUMES_PREFIX);
}

/**
 * The scheduler's util.IsScalarResourceName: extended, hugepages, prefixed
 * native (`kubernetes.io/...`) or attachable-volume resources. The scheduler's
 * NodeInfo keeps these in ScalarResources; cpu, memory, ephemeral-storage and
 * pods have their own fields; any other name is ignored by it.
 */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    isHugePageResourceName(name) ||
    isPrefixedNativeResource(name) ||
    isAttachableVolumeResourceName(name)
  );
}

/** helper.IsStandardContainerResourceName: cpu, memory, ephemeral-storage and hugepages-*. */
export function isStandardContainerResourceName(name: string): boolean {
  return (
    name === RESOURCE_CPU || name === RESOURCE_MEMORY || name === RESOURCE_EPHEMERAL_STORAGE || isHugePageResourceName(name)
  );
}

/** A QuantityError that also names the resource it was read for. */
export class ResourceListError extends QuantityError {
  override readonly name: string = 'ResourceListError';
  /**
   * @param resourceName the key of the offending entry
   * @param cause the quantity error
   */
  constructor(
    readonly resourceName: string,
    cause: QuantityError,
  ) {
    super(`${resourceName}: ${cause.message}`, cause.input);
  }
}

/**
 * A ResourceList in canonical units: millicores for `cpu`, base units (bytes,
 * counts) for everything else. Keys keep the list's order.
 * @throws ResourceListError when a quantity does not parse or is too large
 */
export function parseResourceList(list: ResourceList | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (list === null || list === undefined) return out;
  for (const [name, q] of Object.entries(list)) {
    try {
      out.set(name, canonicalQuantity(name, q));
    } catch (err) {
      if (err instanceof QuantityError) throw new ResourceListError(name, err);
      throw err;
    }
  }
  return out;
}
