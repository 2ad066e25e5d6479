/**
 * NodeResourcesFit's Filter arithmetic (fit.go fitsRequest, v1.34): what the
 * pod requests, computed once per cycle at PreFilter, and the resources a node
 * lacks for it — per NodeInfo, or per NodeTable row for a list of rows.
 */
import { isExtendedResourceName, isScalarResourceName } from '../../../api/resources.js';
import type { NodeTable } from '../../cache/NodeTable.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { Resource } from '../../framework/Resource.js';
import { Code } from '../../framework/Status.js';

/** A scalar resource the pod requests and Filter checks. */
export interface ScalarRequest {
  readonly name: string;
  readonly quantity: number;
  /** `Insufficient <name>`, made once. */
  readonly reason: string;
}

/**
 * The pod's requests as Filter checks them (fit.go preFilterState): cpu,
 * memory, ephemeral storage, and the scalar resources with a non-zero request
 * that are not ignored. Immutable, so preemption's cloned states share it.
 */
export class FitRequest {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  readonly scalars: readonly ScalarRequest[];
  /** True when only the pod count can fail (no request at all). */
  readonly nothingRequested: boolean;
  /** What Filter's verdict depends on besides the node, as text (a memo key). */
  readonly key: string;

  constructor(requests: Resource, ignoredResources: ReadonlySet<string>, ignoredResourceGroups: ReadonlySet<string>) {
    this.milliCPU = requests.milliCPU;
    this.memory = requests.memory;
    this.ephemeralStorage = requests.ephemeralStorage;
    const scalars: ScalarRequest[] = [];
    for (const [name, quantity] of requests.scalarResources ?? []) {
      // framework.Resource keeps only scalar names; a zero request is never checked.
      if (quantity === 0 || !isScalarResourceName(name)) continue;
      if (isExtendedResourceName(name)) {
        if (ignoredResources.has(name)) continue;
        if (ignoredResourceGroups.size > 0 && ignoredResourceGroups.has(name.split('/')[0]!)) continue;
      }
      scalars.push({ name, quantity, reason: `Insufficient ${name}` });
    }
    this.scalars = scalars;
    this.nothingRequested = this.milliCPU === 0 && this.memory === 0 && this.ephemeralStorage === 0 && scalars.length === 0;
    this.key = `${this.milliCPU}/${this.memory}/${this.ephemeralStorage}${scalars.map((s) => `/${s.name}=${s.quantity}`).join('')}`;
  }
}

/** One resource a node lacks (fit.go InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the node's allocatable itself: preemption cannot help (v1.33+). */
  unresolvable: boolean;
}

/**
 * fitsRequest: the resources `node` lacks for the request, in upstream's
 * order: pods, cpu, memory, ephemeral-storage, then scalars in request order.
 */
export function insufficientResources(req: FitRequest, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  const pods = node.pods.length;
  if (pods + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: pods, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  if (req.nothingRequested) return out;
  const check = (resourceName: string, reason: string, q: number, capacity: number, inUse: number): void => {
    if (q > 0 && q > capacity - inUse) out.push({ resourceName, reason, requested: q, used: inUse, capacity, unresolvable: q > capacity });
  };
  check('cpu', 'Insufficient cpu', req.milliCPU, alloc.milliCPU, used.milliCPU);
  check('memory', 'Insufficient memory', req.memory, alloc.memory, used.memory);
  check('ephemeral-storage', 'Insufficient ephemeral-storage', req.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const s of req.scalars) {
    check(s.name, s.reason, s.quantity, alloc.scalarResources?.get(s.name) ?? 0, used.scalarResources?.get(s.name) ?? 0);
  }
  return out;
}

const UNSCHEDULABLE = Code.Unschedulable;
const UNRESOLVABLE = Code.UnschedulableAndUnresolvable;

/**
 * The Filter codes of {@link insufficientResources} over NodeTable rows: 0
 * when `rows[k]` fits, UnschedulableAndUnresolvable when some request exceeds
 * the node's allocatable, Unschedulable otherwise; into `codes[k]`.
 */
export function filterRows(req: FitRequest, table: NodeTable, rows: Int32Array, count: number, codes: Uint8Array): void {
  const podCount = table.podCount;
  const allowed = table.allowedPodNumber;
  if (req.nothingRequested) {
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      codes[k] = podCount[row]! + 1 > allowed[row]! ? UNSCHEDULABLE : 0;
    }
    return;
  }
  const cpu = req.milliCPU;
  const mem = req.memory;
  const eph = req.ephemeralStorage;
  const allocCPU = table.allocatableMilliCPU;
  const usedCPU = table.requestedMilliCPU;
  const allocMem = table.allocatableMemory;
  const usedMem = table.requestedMemory;
  const allocEph = table.allocatableEphemeralStorage;
  const usedEph = table.requestedEphemeralStorage;
  for (let k = 0; k < count; k++) {
    const row = rows[k]!;
    let code = podCount[row]! + 1 > allowed[row]! ? UNSCHEDULABLE : 0;
    if (cpu > 0) {
      const a = allocCPU[row]!;
      if (cpu > a - usedCPU[row]!) code = cpu > a ? UNRESOLVABLE : code === 0 ? UNSCHEDULABLE : code;
    }
    if (mem > 0) {
      const a = allocMem[row]!;
      if (mem > a - usedMem[row]!) code = mem > a ? UNRESOLVABLE : code === 0 ? UNSCHEDULABLE : code;
    }
    if (eph > 0) {
      const a = allocEph[row]!;
      if (eph > a - usedEph[row]!) code = eph > a ? UNRESOLVABLE : code === 0 ? UNSCHEDULABLE : code;
    }
    codes[k] = code;
  }
  for (const s of req.scalars) {
    const cols = table.scalars.get(s.name);
    const q = s.quantity;
    for (let k = 0; k < count; k++) {
      if (codes[k] === UNRESOLVABLE) continue;
      const row = rows[k]!;
      // No column: no node has the resource (allocatable and requested 0).
      const a = cols === undefined ? 0 : cols.allocatable[row]!;
      const used = cols === undefined ? 0 : cols.requested[row]!;
      if (q > a - used) codes[k] = q > a ? UNRESOLVABLE : UNSCHEDULABLE;
    }
  }
}
