import type { EndpointSlice } from '../../../api/types.js';
import type { Endpoint, EndpointPort } from './endpoints.js';

/** `--max-endpoints-per-slice` default (kubernetes-behaviour.md §3). */
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

/** The endpoints that share one port mapping (one set of slices each). */
export interface DesiredPortMapping {
  readonly ports: EndpointPort[];
  readonly endpoints: Endpoint[];
}

/** What a reconcile asks the API for. */
export interface SliceChanges {
  /** New slices: their ports and endpoints (the caller adds metadata). */
  readonly create: { ports: EndpointPort[]; endpoints: Endpoint[] }[];
  /** Existing slices with new endpoints or ports. */
  readonly update: EndpointSlice[];
  /** Existing slices to delete. */
  readonly delete: EndpointSlice[];
}

/** The key of a port mapping (ports compared as a set, as upstream's hash does). */
export function portsKey(ports: readonly EndpointPort[] | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? 'TCP'}/${p.port ?? ''}`)
    .sort()
    .join(',');
}

/** An endpoint's identity across syncs: the pod it stands for. */
function endpointKey(e: Endpoint): string {
  return e.targetRef === undefined ? `ip:${e.addresses.join(',')}` : `${e.targetRef.namespace ?? ''}/${e.targetRef.name}`;
}

function same(a: Endpoint, b: Endpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The endpointslice reconciler (reconciler.go reconcileByPortMapping), per
 * port mapping: existing slices keep the endpoints still wanted (updated
 * in place) and drop the rest; a slice left empty is deleted; new endpoints
 * fill the room of slices already being updated, then of untouched slices,
 * then go to new slices of at most `maxEndpointsPerSlice`. Slices of a port
 * mapping no longer wanted are deleted. A Service with no endpoints keeps
 * one empty placeholder slice.
 */
export function reconcileSlices(existing: readonly EndpointSlice[], desired: readonly DesiredPortMapping[], maxEndpointsPerSlice = DEFAULT_MAX_ENDPOINTS_PER_SLICE): SliceChanges {
  const create: SliceChanges['create'] = [];
  const update: EndpointSlice[] = [];
  const del: EndpointSlice[] = [];
  const total = desired.reduce((n, d) => n + d.endpoints.length, 0);
  if (total === 0) {
    const [keep, ...rest] = existing;
    if (keep === undefined) create.push({ ports: [], endpoints: [] });
    else if (keep.endpoints.length > 0 || (keep.ports ?? []).length > 0) update.push({ ...keep, endpoints: [], ports: [] });
    del.push(...rest);
    return { create, update, delete: del };
  }
  const byKey = new Map<string, DesiredPortMapping>();
  for (const d of desired) if (d.endpoints.length > 0) byKey.set(portsKey(d.ports), d);
  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const key = portsKey(s.ports);
    if (!byKey.has(key)) {
      del.push(s);
      continue;
    }
    let list = existingByKey.get(key);
    if (list === undefined) existingByKey.set(key, (list = []));
    list.push(s);
  }
  for (const [key, want] of byKey) {
    const wanted = new Map<string, Endpoint>();
    for (const e of want.endpoints) wanted.set(endpointKey(e), e);
    const changed: EndpointSlice[] = [];
    const unchanged: EndpointSlice[] = [];
    for (const slice of existingByKey.get(key) ?? []) {
      let dirty = false;
      const kept: Endpoint[] = [];
      for (const e of slice.endpoints) {
        const k = endpointKey(e);
        const next = wanted.get(k);
        if (next === undefined) {
          dirty = true;
          continue;
        }
        wanted.delete(k);
        if (!same(e, next)) dirty = true;
        kept.push(next);
      }
      if (kept.length === 0) del.push(slice);
      else if (dirty) changed.push({ ...slice, endpoints: kept });
      else unchanged.push(slice);
    }
    let rest = [...wanted.values()];
    // Fill slices being updated anyway, then untouched ones, before creating any.
    for (const slice of changed) rest = fill(slice, rest, maxEndpointsPerSlice);
    for (let i = 0; i < unchanged.length && rest.length > 0; i++) {
      const slice = unchanged[i]!;
      if (slice.endpoints.length >= maxEndpointsPerSlice) continue;
      const copy = { ...slice, endpoints: [...slice.endpoints] };
      rest = fill(copy, rest, maxEndpointsPerSlice);
      changed.push(copy);
    }
    update.push(...changed);
    for (let i = 0; i < rest.length; i += maxEndpointsPerSlice) create.push({ ports: want.ports, endpoints: rest.slice(i, i + maxEndpointsPerSlice) });
  }
  return { create, update, delete: del };
}

/** Moves endpoints from `rest` into `slice` up to the limit; returns what is left. */
function fill(slice: EndpointSlice, rest: Endpoint[], max: number): Endpoint[] {
  const room = max - slice.endpoints.length;
  if (room <= 0 || rest.length === 0) return rest;
  slice.endpoints = [...slice.endpoints, ...rest.slice(0, room)];
  return rest.slice(room);
}
