/**
 * A pod's effective resource requests and limits, ported from
 * k8s.io/component-helpers/resource (PodRequests, PodLimits, v1.34) and the
 * scheduler's NodeInfo accounting (framework/types.go calculateResource).
 *
 * Requests = elementwise max(Σ app containers + Σ sidecars,
 * max over init containers i of (init_i + Σ sidecars declared before i)),
 * then pod-level requests (PodLevelResources) replace cpu, memory and
 * hugepages-* when set, then `spec.overhead` is added.
 *
 * Sums are exact (every quantity is a whole number of nano-units; amounts are
 * kept as whole canonical units plus a nano remainder) and converted once at
 * the end, as upstream converts the summed Quantity: millicores for `cpu`,
 * base units otherwise, rounded up.
 */
import { quantityFromText } from './quantity.js';
import { isHugePageResourceName, RESOURCE_CPU, RESOURCE_MEMORY } from './resources.js';
import type { Container, Pod, QuantityText, ResourceList } from './types.js';

/** schedutil.DefaultMilliCPURequest: cpu assumed for a container that requests none (non-zero variant). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: memory assumed for a container that requests none (200 MiB). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** The scheduler's NonMissingContainerRequests for the non-zero variant: `{cpu: 100m, memory: 200Mi}`. */
export const NON_ZERO_CONTAINER_REQUESTS: Readonly<ResourceList> = Object.freeze({
  cpu: '100m',
  memory: String(DEFAULT_MEMORY_REQUEST),
});

/** resourcehelper.PodResourcesOptions, as far as a simulator without in-place resize needs it. */
export interface PodResourcesOptions {
  /** The PodLevelResources feature gate (beta, on by default in 1.34). `false` = SkipPodLevelResources. */
  podLevelResources?: boolean;
  /** Leave `spec.overhead` out. */
  excludeOverhead?: boolean;
  /** Leave the containers out (only pod-level resources and overhead count). */
  skipContainerLevelResources?: boolean;
  /**
   * Values for resources a container's requests map lacks (a key explicitly
   * set, even to 0, is kept). Applied to app, sidecar and init containers.
   */
  nonMissingContainerRequests?: Readonly<ResourceList>;
  /**
   * The scheduler's non-zero variant (NodeResourcesFit scoring): shorthand for
   * `nonMissingContainerRequests: {cpu: 100m, memory: 200Mi}`.
   */
  nonZero?: boolean;
}

/**
 * An exact amount of a resource in its canonical unit u (a millicore for
 * cpu, 1 otherwise): `whole × u + rem` nano-units of the quantity, with
 * 0 ≤ rem < nano-units per u. Every parsed quantity is a whole number of
 * nano-units, so sums and maxima of these are exact without BigInt.
 */
interface Amount {
  readonly whole: number;
  readonly rem: number;
}

type AmountList = Map<string, Amount>;

const NANO_PER_MILLI = 1_000_000;
const NANO_PER_UNIT = 1_000_000_000;
const ZERO: Amount = { whole: 0, rem: 0 };
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const perOf = (name: string): number => (name === RESOURCE_CPU ? NANO_PER_MILLI : NANO_PER_UNIT);

function tooLarge(name: string): RangeError {
  return new RangeError(`the ${name} quantity is too large to be represented exactly (beyond 2^53-1 canonical units)`);
}

const amountCache = new Map<string, Amount>();
const AMOUNT_CACHE_LIMIT = 16384;

/** The exact amount of a manifest quantity for a resource (a JSON null is zero, as Quantity.UnmarshalJSON reads it). */
function amountOf(name: string, q: QuantityText | null | undefined): Amount {
  if (q === null || q === undefined) return ZERO;
  const per = perOf(name);
  const cacheKey = `${per === NANO_PER_MILLI ? 'm' : 'u'}${typeof q === 'number' ? String(q) : q}`;
  let a = amountCache.get(cacheKey);
  if (a === undefined) {
    const nano = quantityFromText(q).nanoValue();
    const bigPer = BigInt(per);
    let whole = nano / bigPer;
    if (nano % bigPer !== 0n && nano < 0n) whole -= 1n; // floor
    if (whole > MAX_SAFE || whole < -MAX_SAFE) throw tooLarge(name);
    a = { whole: Number(whole), rem: Number(nano - whole * bigPer) };
    if (amountCache.size >= AMOUNT_CACHE_LIMIT) amountCache.clear();
    amountCache.set(cacheKey, a);
  }
  return a;
}

function sum(name: string, a: Amount, b: Amount): Amount {
  const per = perOf(name);
  let whole = a.whole + b.whole;
  let rem = a.rem + b.rem;
  if (rem >= per) {
    rem -= per;
    whole += 1;
  }
  if (!Number.isSafeInteger(whole)) throw tooLarge(name);
  return { whole, rem };
}

const greater = (a: Amount, b: Amount): boolean => a.whole > b.whole || (a.whole === b.whole && a.rem > b.rem);

function toAmounts(list: Readonly<ResourceList> | undefined): AmountList {
  const out: AmountList = new Map();
  if (list === undefined || list === null) return out;
  for (const name of Object.keys(list)) out.set(name, amountOf(name, list[name]));
  return out;
}

function addInto(target: AmountList, src: AmountList): void {
  for (const [name, v] of src) {
    const cur = target.get(name);
    target.set(name, cur === undefined ? v : sum(name, cur, v));
  }
}

function maxInto(target: AmountList, src: AmountList): void {
  for (const [name, v] of src) {
    const cur = target.get(name);
    if (cur === undefined || greater(v, cur)) target.set(name, v);
  }
}

function applyNonMissing(reqs: AmountList, nonMissing: AmountList): AmountList {
  const out = new Map(reqs);
  for (const [name, v] of nonMissing) if (!reqs.has(name)) out.set(name, v);
  return out;
}

/** MilliValue (cpu) or Value of an amount: rounded up, away from zero. */
function canonical(a: Amount): number {
  return a.rem === 0 || a.whole < 0 ? a.whole : a.whole + 1;
}

function toCanonical(list: AmountList): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, v] of list) out.set(name, canonical(v));
  return out;
}

/** isRestartableInitContainer: an init container with `restartPolicy: Always` (a sidecar). */
export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

/** IsSupportedPodLevelResource: cpu, memory and hugepages-* can be set at pod level. */
export function isSupportedPodLevelResource(name: string): boolean {
  return name === RESOURCE_CPU || name === RESOURCE_MEMORY || isHugePageResourceName(name);
}

function hasSupported(list: Readonly<ResourceList> | undefined): boolean {
  if (list === undefined || list === null) return false;
  return Object.keys(list).some(isSupportedPodLevelResource);
}

/** IsPodLevelRequestsSet: `spec.resources.requests` names a supported resource. */
export function isPodLevelRequestsSet(pod: Pod): boolean {
  return hasSupported(pod.spec.resources?.requests);
}

/** IsPodLevelLimitsSet: `spec.resources.limits` names a supported resource. */
export function isPodLevelLimitsSet(pod: Pod): boolean {
  return hasSupported(pod.spec.resources?.limits);
}

/** IsPodLevelResourcesSet: pod-level requests or limits name a supported resource. */
export function isPodLevelResourcesSet(pod: Pod): boolean {
  return isPodLevelRequestsSet(pod) || isPodLevelLimitsSet(pod);
}

type ListOf = (c: Container) => Readonly<ResourceList> | undefined;

/** aggregateContainerResourcesByFn with spec values only (no in-place resize status). */
function aggregate(pod: Pod, pick: ListOf, nonMissing: AmountList | undefined): AmountList {
  const result: AmountList = new Map();
  const own = (c: Container): AmountList => {
    const list = toAmounts(pick(c));
    return nonMissing !== undefined && nonMissing.size > 0 ? applyNonMissing(list, nonMissing) : list;
  };
  for (const c of pod.spec.containers ?? []) addInto(result, own(c));

  const sidecars: AmountList = new Map();
  const initMax: AmountList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const res = own(c);
    if (isRestartableInitContainer(c)) {
      addInto(result, res);
      addInto(sidecars, res);
      maxInto(initMax, sidecars);
    } else {
      const combined: AmountList = new Map();
      addInto(combined, res);
      addInto(combined, sidecars);
      maxInto(initMax, combined);
    }
  }
  maxInto(result, initMax);
  return result;
}

function nonMissingOf(options: PodResourcesOptions): AmountList | undefined {
  if (options.nonMissingContainerRequests !== undefined) return toAmounts(options.nonMissingContainerRequests);
  if (options.nonZero === true) return toAmounts(NON_ZERO_CONTAINER_REQUESTS);
  return undefined;
}

function podRequestsNano(pod: Pod, options: PodResourcesOptions): AmountList {
  const reqs: AmountList =
    options.skipContainerLevelResources === true
      ? new Map()
      : aggregate(pod, (c) => c.resources?.requests, nonMissingOf(options));
  if (options.podLevelResources !== false && isPodLevelRequestsSet(pod)) {
    const podLevel = pod.spec.resources?.requests ?? {};
    for (const name of Object.keys(podLevel)) {
      if (isSupportedPodLevelResource(name)) reqs.set(name, amountOf(name, podLevel[name]));
    }
  }
  if (options.excludeOverhead !== true && pod.spec.overhead !== undefined) addInto(reqs, toAmounts(pod.spec.overhead));
  return reqs;
}

/**
 * resourcehelper.PodRequests: the pod's effective requests, in canonical
 * units (cpu in millicores, everything else in base units). A resource no
 * container, pod-level request or overhead names is absent from the map.
 * @throws QuantityError when a quantity does not parse
 */
export function podRequests(pod: Pod, options: PodResourcesOptions = {}): Map<string, number> {
  return toCanonical(podRequestsNano(pod, options));
}

/**
 * resourcehelper.PodLimits: containers' limits aggregated like requests,
 * pod-level limits replacing cpu/memory/hugepages when pod-level resources are
 * set, and overhead added to the non-zero limits only.
 */
export function podLimits(pod: Pod, options: PodResourcesOptions = {}): Map<string, number> {
  const limits = aggregate(pod, (c) => c.resources?.limits, undefined);
  if (options.podLevelResources !== false && isPodLevelResourcesSet(pod)) {
    const podLevel = pod.spec.resources?.limits ?? {};
    for (const name of Object.keys(podLevel)) {
      if (isSupportedPodLevelResource(name)) limits.set(name, amountOf(name, podLevel[name]));
    }
  }
  if (options.excludeOverhead !== true && pod.spec.overhead !== undefined) {
    for (const [name, v] of toAmounts(pod.spec.overhead)) {
      const cur = limits.get(name);
      if (cur !== undefined && (cur.whole !== 0 || cur.rem !== 0)) limits.set(name, sum(name, cur, v));
    }
  }
  return toCanonical(limits);
}

/** What the scheduler's NodeInfo adds for a pod (framework/types.go calculateResource). */
export interface PodResourceAccounting {
  /** PodRequests(pod), canonical units: summed into NodeInfo.Requested. */
  readonly requests: Map<string, number>;
  /** Non-zero cpu (millicores): summed into NodeInfo.NonZeroRequested.MilliCPU. */
  readonly nonZeroMilliCPU: number;
  /** Non-zero memory (bytes): summed into NodeInfo.NonZeroRequested.Memory. */
  readonly nonZeroMemory: number;
}

/**
 * calculateResource: the pod's requests and its non-zero cpu and memory as
 * NodeInfo counts them. Without pod-level requests every container lacking a
 * cpu (memory) request counts 100m (200Mi); with pod-level requests the
 * defaults apply only to a resource missing from the pod's requests altogether.
 */
export function calculateResource(pod: Pod, options: Pick<PodResourcesOptions, 'podLevelResources'> = {}): PodResourceAccounting {
  const base: PodResourcesOptions = options.podLevelResources === undefined ? {} : { podLevelResources: options.podLevelResources };
  const reqs = podRequestsNano(pod, base);
  const podLevelSet = options.podLevelResources !== false && isPodLevelRequestsSet(pod);
  let nonMissing: ResourceList;
  if (!podLevelSet) {
    nonMissing = { ...NON_ZERO_CONTAINER_REQUESTS };
  } else {
    nonMissing = {};
    if (!reqs.has(RESOURCE_CPU)) nonMissing[RESOURCE_CPU] = NON_ZERO_CONTAINER_REQUESTS[RESOURCE_CPU] ?? '100m';
    if (!reqs.has(RESOURCE_MEMORY)) nonMissing[RESOURCE_MEMORY] = NON_ZERO_CONTAINER_REQUESTS[RESOURCE_MEMORY] ?? '0';
  }
  const non0 = Object.keys(nonMissing).length > 0 ? podRequestsNano(pod, { ...base, nonMissingContainerRequests: nonMissing }) : reqs;
  return {
    requests: toCanonical(reqs),
    nonZeroMilliCPU: canonical(non0.get(RESOURCE_CPU) ?? ZERO),
    nonZeroMemory: canonical(non0.get(RESOURCE_MEMORY) ?? ZERO),
  };
}
