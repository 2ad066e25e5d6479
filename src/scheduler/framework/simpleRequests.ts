import { quantityFromText } from '../../api/quantity.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../../api/podRequests.js';
import type { Pod, QuantityText } from '../../api/types.js';
import { Resource } from './Resource.js';

/** A quantity in canonical units, and whether it is exactly that integer (no rounding up). */
interface Canonical {
  value: number;
  exact: boolean;
}

const MILLI_NANOS = 1_000_000n;
const UNIT_NANOS = 1_000_000_000n;
const cache = new Map<string, Canonical>();

function canonical(resource: string, q: QuantityText): Canonical {
  const key = `${resource === 'cpu' ? 'm' : 'u'}${String(q)}`;
  let c = cache.get(key);
  if (c === undefined) {
    const quantity = quantityFromText(q);
    const nanos = quantity.nanoValue();
    const unit = resource === 'cpu' ? MILLI_NANOS : UNIT_NANOS;
    c = { value: resource === 'cpu' ? quantity.milliValue() : quantity.value(), exact: nanos % unit === 0n };
    if (cache.size < 100_000) cache.set(key, c);
  }
  return c;
}

/** The requests of a pod and their non-zero cpu/memory. */
export interface SimpleRequests {
  requests: Resource;
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
}

/**
 * PodRequests and its non-zero variant for the common pod — app containers
 * only (no init containers, no overhead, no pod-level resources), every
 * request an exact integer in canonical units — by plain sums, which is then
 * exactly what the general computation gives. Returns null for any other pod.
 */
export function simpleRequests(pod: Pod): SimpleRequests | null {
  const spec = pod.spec;
  if ((spec.initContainers !== undefined && spec.initContainers.length > 0) || spec.overhead !== undefined || spec.resources !== undefined) return null;
  const requests = new Resource();
  let nonZeroMilliCPU = 0;
  let nonZeroMemory = 0;
  for (const c of spec.containers) {
    const list = c.resources?.requests;
    let cpu: number | undefined;
    let memory: number | undefined;
    if (list !== undefined && list !== null) {
      for (const name in list) {
        const q = list[name];
        if (q === undefined || q === null) return null;
        const v = canonical(name, q);
        if (!v.exact) return null;
        requests.set(name, requests.get(name) + v.value);
        if (name === 'cpu') cpu = v.value;
        else if (name === 'memory') memory = v.value;
      }
    }
    nonZeroMilliCPU += cpu ?? DEFAULT_MILLI_CPU_REQUEST;
    nonZeroMemory += memory ?? DEFAULT_MEMORY_REQUEST;
  }
  return { requests, nonZeroMilliCPU, nonZeroMemory };
}
