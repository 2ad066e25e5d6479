/**
 * PodTopologySpread's PreFilter state and Filter (pkg/scheduler/framework/
 * plugins/podtopologyspread/filtering.go, v1.34.1): matching pods per
 * topology value over ALL nodes, computed once per cycle, then per node
 * `matchNum + selfMatch - minMatchNum <= maxSkew` for every DoNotSchedule
 * constraint. AddPod/RemovePod adjust a clone of the state for preemption.
 */
import type { Labels } from '../../../api/labels.js';
import { RequiredNodeAffinity } from '../../../api/nodeSelector.js';
import type { Pod } from '../../../api/types.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import { Code, Status } from '../../framework/Status.js';
import { labelValue, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common.js';
import type { SpreadCounter } from './counts.js';
import type { TopologyKeyIndex } from './topologyKeyIndex.js';

/** The plugin's name (names.PodTopologySpread). */
export const NAME = 'PodTopologySpread';
/** Where PreFilter keeps its state in the CycleState (preFilterStateKey). */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;

/** ErrReasonConstraintsNotMatch. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch: the node lacks a constraint's topology key. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

// Filter's rejections never change, so one object each serves every node (no allocation per node).
const LABEL_REJECTION = new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_NODE_LABEL_NOT_MATCH], NAME);
const SKEW_REJECTION = new Status(Code.Unschedulable, [ERR_REASON_CONSTRAINTS_NOT_MATCH], NAME);

/** math.MaxInt32: the MatchNum of an empty critical path. */
const MAX_INT32 = 2147483647;

/**
 * criticalPaths: two (topology value, match number) pairs per constraint;
 * the first always holds the minimum match number. Kept exactly as upstream,
 * including that an empty path's value is "" like a real empty value, as
 * preemption's AddPod/RemovePod updates rely on it. Values are the key
 * index's ids (`emptyId` is the id of "", or -2 when no node has it), which
 * compare exactly as the strings do.
 */
export class CriticalPaths {
  v0: number;
  n0 = MAX_INT32;
  v1: number;
  n1 = MAX_INT32;

  constructor(emptyId: number) {
    this.v0 = emptyId;
    this.v1 = emptyId;
  }

  /** criticalPaths.update. */
  update(tpVal: number, num: number): void {
    let i = -1;
    if (tpVal === this.v0) i = 0;
    else if (tpVal === this.v1) i = 1;
    if (i >= 0) {
      if (i === 0) this.n0 = num;
      else this.n1 = num;
      if (this.n0 > this.n1) {
        const v = this.v0;
        const n = this.n0;
        this.v0 = this.v1;
        this.n0 = this.n1;
        this.v1 = v;
        this.n1 = n;
      }
    } else if (num < this.n0) {
      this.v1 = this.v0;
      this.n1 = this.n0;
      this.v0 = tpVal;
      this.n0 = num;
    } else if (num < this.n1) {
      this.v1 = tpVal;
      this.n1 = num;
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths(this.v0);
    c.n0 = this.n0;
    c.v1 = this.v1;
    c.n1 = this.n1;
    return c;
  }
}

/**
 * preFilterState: the DoNotSchedule constraints and, per constraint, the
 * matching pods per topology value (by the key index's value ids), which
 * values are domains (TpValueToMatchNum's keys) and the critical paths.
 * `rowValue` is each node-table row's value id per constraint, for the
 * whole-table Filter. Clone copies what AddPod/RemovePod change.
 */
export class PreFilterState {
  readonly constraints: readonly SpreadConstraint[];
  readonly keys: readonly TopologyKeyIndex[];
  /** Per constraint: 1 when the incoming pod matches its own selector. */
  readonly selfMatch: Uint8Array;
  counts: Int32Array[];
  /** Per constraint and value id: > 0 when the value is a domain (a key of TpValueToMatchNum). */
  present: Int32Array[];
  domainsNum: number[];
  paths: CriticalPaths[];
  /**
   * Per constraint, the key index's version when PreFilter ran: while it is
   * unchanged, the index's row → value id table describes the same nodes
   * (undefined when the state was not built from table rows).
   */
  readonly rowVersions: readonly number[] | undefined;
  /** Per constraint, the id the critical paths use for "" (see {@link CriticalPaths}). */
  readonly emptyIds: readonly number[];

  constructor(
    constraints: readonly SpreadConstraint[],
    keys: readonly TopologyKeyIndex[],
    selfMatch: Uint8Array,
    counts: Int32Array[],
    present: Int32Array[],
    domainsNum: number[],
    paths: CriticalPaths[],
    rowVersions: readonly number[] | undefined,
    emptyIds: readonly number[],
  ) {
    this.constraints = constraints;
    this.keys = keys;
    this.selfMatch = selfMatch;
    this.counts = counts;
    this.present = present;
    this.domainsNum = domainsNum;
    this.paths = paths;
    this.rowVersions = rowVersions;
    this.emptyIds = emptyIds;
  }

  /** The state with PreFilter's result copied, sharing the constraints (Clone). */
  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.keys,
      this.selfMatch,
      this.counts.map((c) => c.slice()),
      this.present.map((p) => p.slice()),
      [...this.domainsNum],
      this.paths.map((p) => p.clone()),
      this.rowVersions,
      this.emptyIds,
    );
  }

  /** The match number of a topology value of constraint i (0 when not a domain). */
  matchNum(i: number, value: string): number {
    const id = this.keys[i]!.idOf(value);
    return id === undefined ? 0 : (this.counts[i]![id] ?? 0);
  }

  /** minMatchNum: the critical path's minimum, or 0 while there are fewer domains than minDomains. */
  minMatchNum(i: number): number {
    return this.domainsNum[i]! < this.constraints[i]!.minDomains ? 0 : this.paths[i]!.n0;
  }

  /**
   * The id a critical path compares for value id `id`: ids of "" that were
   * interned after PreFilter still meet the "" placeholders as upstream's
   * strings would.
   */
  private pathId(i: number, id: number): number {
    return this.keys[i]!.values[id] === '' ? this.emptyIds[i]! : id;
  }

  /** Critical path i as upstream's [[value, num], [value, num]], for tests and explain output. */
  criticalPaths(i: number): [[string, number], [string, number]] {
    const p = this.paths[i]!;
    const key = this.keys[i]!;
    const name = (id: number): string => key.values[id] ?? '';
    return [
      [name(p.v0), p.n0],
      [name(p.v1), p.n1],
    ];
  }

  /** TpValueToMatchNum[i] as a plain object, for tests and explain output. */
  tpValueToMatchNum(i: number): Record<string, number> {
    const out: Record<string, number> = {};
    const present = this.present[i]!;
    const key = this.keys[i]!;
    for (let id = 0; id < present.length; id++) if (present[id]! > 0) out[key.values[id]!] = this.counts[i]![id] ?? 0;
    return out;
  }

  /** AddPod/RemovePod's updateWithPod: `delta` matching pods of `updatedPod` on `node`. */
  updateWithPod(updatedPod: Pod, preemptor: Pod, node: NodeInfo, delta: number, nodeInclusionPolicy: boolean): void {
    if ((updatedPod.metadata.namespace ?? '') !== (preemptor.metadata.namespace ?? '')) return;
    const labels = node.labels;
    if (!nodeLabelsMatchSpreadConstraints(labels, this.constraints)) return;
    const required = RequiredNodeAffinity.fromPod(preemptor);
    if (!nodeInclusionPolicy && !required.match(node.node)) return;
    const podLabels = updatedPod.metadata.labels ?? {};
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i]!;
      if (!c.selector.matches(podLabels)) continue;
      if (nodeInclusionPolicy && !matchNodeInclusionPolicies(c, preemptor, node.node, required)) continue;
      const v = labelValue(labels, c.topologyKey)!;
      const id = this.keys[i]!.intern(v);
      let counts = this.counts[i]!;
      let present = this.present[i]!;
      if (id >= counts.length) {
        const grown = new Int32Array(id + 1);
        grown.set(counts);
        this.counts[i] = counts = grown;
      }
      if (id >= present.length) {
        const grown = new Int32Array(id + 1);
        grown.set(present);
        this.present[i] = present = grown;
      }
      counts[id] = counts[id]! + delta;
      if (present[id]! <= 0) {
        present[id] = 1;
        this.domainsNum[i] = this.domainsNum[i]! + 1;
      }
      this.paths[i]!.update(this.pathId(i, id), counts[id]!);
    }
  }
}

/** True when the pod's labels match constraint i's selector, per constraint. */
function selfMatches(constraints: readonly SpreadConstraint[], podLabels: Labels): Uint8Array {
  const m = new Uint8Array(constraints.length);
  for (let i = 0; i < constraints.length; i++) m[i] = constraints[i]!.selector.matches(podLabels) ? 1 : 0;
  return m;
}

/**
 * The PreFilter state of `constraints` from up-to-date counts: per constraint
 * a snapshot of the sums, the domains (values with an eligible node) and the
 * critical paths built over them. The counter may have been made for other
 * constraints with the same signature (same keys, selectors and policies,
 * other maxSkew or minDomains), so the constraints come from the caller.
 */
export function preFilterStateFrom(counter: SpreadCounter, constraints: readonly SpreadConstraint[], podLabels: Labels): PreFilterState {
  const { keys } = counter.spec;
  const counts: Int32Array[] = [];
  const present: Int32Array[] = [];
  const domainsNum: number[] = [];
  const paths: CriticalPaths[] = [];
  const emptyIds: number[] = [];
  for (let i = 0; i < constraints.length; i++) {
    const key = keys[i]!;
    const n = key.values.length;
    const src = counter.counts[i]!;
    const nodes = counter.nodesPerValue[i]!;
    const m = Math.min(n, src.length);
    // Values without an eligible node have a count of 0, so the sums copy as they are.
    const c = new Int32Array(n);
    c.set(src.subarray(0, m));
    const p = new Int32Array(n);
    p.set(nodes.subarray(0, m));
    const emptyId = key.idOf('') ?? -2;
    emptyIds.push(emptyId);
    const cp = new CriticalPaths(emptyId);
    let domains = 0;
    for (let id = 0; id < m; id++) {
      if (p[id]! > 0) {
        domains++;
        cp.update(id, c[id]!);
      }
    }
    counts.push(c);
    present.push(p);
    domainsNum.push(domains);
    paths.push(cp);
  }
  const rowVersions = counter.byPosition ? undefined : keys.map((k) => k.version);
  return new PreFilterState(constraints, keys, selfMatches(constraints, podLabels), counts, present, domainsNum, paths, rowVersions, emptyIds);
}

/** Filter on one node: the first constraint whose key the node lacks, or whose skew would pass maxSkew, rejects it. */
export function filterNode(s: PreFilterState, node: NodeInfo): Status | null {
  const labels = node.labels;
  const constraints = s.constraints;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const tpVal = labelValue(labels, c.topologyKey);
    if (tpVal === undefined) return LABEL_REJECTION;
    const skew = s.matchNum(i, tpVal) + s.selfMatch[i]! - s.minMatchNum(i);
    if (skew > c.maxSkew) return SKEW_REJECTION;
  }
  return null;
}

/** The key indexes' row → value tables, when they still describe the rows as PreFilter saw them. */
function liveRowValues(s: PreFilterState): Int32Array[] | undefined {
  const versions = s.rowVersions;
  if (versions === undefined) return undefined;
  for (let i = 0; i < versions.length; i++) if (s.keys[i]!.version !== versions[i]) return undefined;
  return s.keys.map((k) => k.rowValue);
}

/**
 * Filter over node-table rows, O(constraints) per node with typed arrays;
 * the same codes as {@link filterNode}. When the key indexes moved on since
 * PreFilter (a later cycle), or for rows they do not know, the per-node path.
 */
export function filterRows(s: PreFilterState, infos: readonly (NodeInfo | undefined)[], rows: Int32Array, count: number, codes: Uint8Array): void {
  const rowValue = liveRowValues(s);
  const constraints = s.constraints;
  const n = constraints.length;
  if (rowValue === undefined) {
    for (let k = 0; k < count; k++) {
      const st = filterNode(s, infos[rows[k]!]!);
      codes[k] = st === null ? Code.Success : st.code;
    }
    return;
  }
  const limit = new Float64Array(n);
  for (let i = 0; i < n; i++) limit[i] = constraints[i]!.maxSkew + s.minMatchNum(i) - s.selfMatch[i]!;
  for (let k = 0; k < count; k++) {
    const row = rows[k]!;
    let code: number = Code.Success;
    for (let i = 0; i < n; i++) {
      const rv = rowValue[i]!;
      if (row >= rv.length) {
        const st = filterNode(s, infos[row]!);
        code = st === null ? Code.Success : st.code;
        break;
      }
      const id = rv[row]!;
      if (id < 0) {
        code = Code.UnschedulableAndUnresolvable;
        break;
      }
      const m = s.counts[i]![id] ?? 0;
      // matchNum + selfMatch - minMatchNum > maxSkew  ⇔  matchNum > maxSkew + minMatchNum - selfMatch
      if (m > limit[i]!) {
        code = Code.Unschedulable;
        break;
      }
    }
    codes[k] = code;
  }
}
