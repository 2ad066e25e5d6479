/**
 * Matching-pod counts per topology domain, kept up to date across scheduling
 * cycles. Upstream recounts every pod on every node in each PreFilter and
 * PreScore (calPreFilterState, PreScore's processAllNode); the result only
 * changes on the nodes whose pods or labels changed since the last cycle, so
 * kubesim keeps, per distinct set of constraints (a "signature"), each node's
 * contribution and the per-domain sums, and redoes only the nodes whose
 * NodeInfo matchGeneration moved (a pod joined or left, or the node's labels
 * or taints changed; not a pod's status update nor a node's heartbeat). The sums are exactly upstream's
 * TpValueToMatchNum / TopologyValueToPodCounts; a property test checks them
 * against a from-scratch recount.
 */
import type { RequiredNodeAffinity } from '../../../api/nodeSelector.js';
import type { Pod } from '../../../api/types.js';
import type { MatchChangeLog } from '../../cache/MatchChangeLog.js';
import type { NodesWithLabel, PodLabelIndex } from '../../cache/PodLabelIndex.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import { countPodsMatchSelector, matchNodeInclusionPolicies, type SpreadConstraint } from './common.js';
import { grownArray, grownInt32 } from './rowArrays.js';
import type { TopologyKeyIndex } from './topologyKeyIndex.js';

/** What a set of constraints is counted for. */
export interface CountingSpec {
  readonly constraints: readonly SpreadConstraint[];
  readonly keys: readonly TopologyKeyIndex[];
  /** The pod's namespace: only pods there count. */
  readonly namespace: string;
  /** The incoming pod, for nodeTaintsPolicy Honor. */
  readonly pod: Pod;
  /** The pod's nodeSelector and required affinity, for nodeAffinityPolicy Honor (and without the gate). */
  readonly required: RequiredNodeAffinity;
  /** NodeInclusionPolicyInPodTopologySpread. */
  readonly nodeInclusionPolicy: boolean;
  /**
   * true: only nodes carrying every topology key count (PreFilter, and
   * PreScore with the pod's own or non-system constraints); false: any node
   * counts, a missing key counting as the value "" (PreScore with the system
   * default constraints).
   */
  readonly requireAllTopologies: boolean;
}

/**
 * The per-domain counts of one signature. {@link update} brings them to the
 * state of the given node list; afterwards `counts[i][id]` is the number of
 * matching pods on the eligible nodes whose value of constraint i's key has
 * that id, `nodesPerValue[i][id]` the number of such nodes (a domain exists
 * when it is > 0), and `rowCount[i][row]` the matching pods of every node
 * (eligible or not), as Score counts them for hostname constraints.
 */
export class SpreadCounter {
  readonly spec: CountingSpec;
  counts: Int32Array<ArrayBuffer>[];
  nodesPerValue: Int32Array<ArrayBuffer>[];
  rowCount: Int32Array<ArrayBuffer>[];
  private rowVal: Int32Array<ArrayBuffer>[];
  private rowInfo: (NodeInfo | undefined)[] = [];
  private rowGen = new Float64Array(0);
  private rowSeen = new Float64Array(0);
  private epoch = 0;
  private tracked = 0;
  /** True when rows are positions in a node list rather than node-table rows (see {@link fromScratch}). */
  byPosition = false;
  /** Bumped whenever a row's contribution changes, so readers of {@link rowCount} can tell it moved on. */
  version = 0;
  /** The node list of the last {@link update} given a change log, and the log position it had read up to. */
  private syncedNodes: readonly NodeInfo[] | null = null;
  private syncedTo = 0;
  /** During an update with a label index: per constraint, the only nodes that can hold a match (null: any node). */
  private candidates: (NodesWithLabel | null)[] | null = null;

  constructor(spec: CountingSpec) {
    this.spec = spec;
    const n = spec.constraints.length;
    this.counts = Array.from({ length: n }, () => new Int32Array(0));
    this.nodesPerValue = Array.from({ length: n }, () => new Int32Array(0));
    this.rowCount = Array.from({ length: n }, () => new Int32Array(0));
    this.rowVal = Array.from({ length: n }, () => new Int32Array(0));
  }

  /**
   * Brings the counts to the nodes' current state, recounting only nodes
   * that are new or whose NodeInfo matchGeneration moved, and dropping rows
   * no longer listed. With `log` (the cache's, `nodes` being the cache's
   * node list), a call on the same list as the last one visits only the
   * nodes logged since instead of every node; with `labels` (the cache's
   * index), a node holding no pod with a label the selector asks for counts
   * 0 without looking at its pods.
   * Returns false when a node is not a cache node (no table row), for the
   * caller to count from scratch; the counter stays consistent.
   */
  update(nodes: readonly NodeInfo[], log?: MatchChangeLog, labels?: PodLabelIndex): boolean {
    if (labels !== undefined) this.candidates = this.spec.constraints.map((c) => labels.candidates(c.selector, this.spec.namespace));
    try {
      return this.updateRows(nodes, log);
    } finally {
      this.candidates = null;
    }
  }

  private updateRows(nodes: readonly NodeInfo[], log: MatchChangeLog | undefined): boolean {
    if (log !== undefined && nodes === this.syncedNodes && this.tracked === nodes.length && log.has(this.syncedTo)) {
      // The same node list as last time: only the nodes logged since can have moved.
      for (let p = this.syncedTo; p < log.end; p++) {
        const info = log.at(p);
        const r = info.index;
        if (this.rowInfo[r] !== info || this.rowGen[r] !== info.matchGeneration) this.recount(r, info);
      }
      this.syncedTo = log.end;
      return true;
    }
    this.syncedNodes = null;
    const n = nodes.length;
    let rowInfo = this.rowInfo;
    let rowGen = this.rowGen;
    for (let k = 0; k < n; k++) {
      const info = nodes[k]!;
      const r = info.index;
      if (r < 0) return false;
      if (r >= rowGen.length) {
        this.grow(r + 1);
        rowInfo = this.rowInfo;
        rowGen = this.rowGen;
      }
      if (rowInfo[r] !== info || rowGen[r] !== info.matchGeneration) this.recount(r, info);
    }
    // Every listed node is tracked now; more tracked rows means some were not listed (removed nodes).
    if (this.tracked !== n) this.dropUnlisted(nodes);
    if (log !== undefined) {
      this.syncedNodes = nodes;
      this.syncedTo = log.end;
    }
    return true;
  }

  private dropUnlisted(nodes: readonly NodeInfo[]): void {
    this.epoch++;
    for (const info of nodes) this.rowSeen[info.index] = this.epoch;
    for (let r = 0; r < this.rowInfo.length; r++) {
      if (this.rowInfo[r] !== undefined && this.rowSeen[r] !== this.epoch) this.removeRow(r);
    }
  }

  /**
   * Counts a node list from scratch, rows being list positions: for nodes
   * that are not cache nodes (clones), which {@link update} refuses.
   */
  static fromScratch(spec: CountingSpec, nodes: readonly NodeInfo[]): SpreadCounter {
    const c = new SpreadCounter(spec);
    c.byPosition = true;
    c.grow(nodes.length);
    for (let k = 0; k < nodes.length; k++) c.addRow(k, nodes[k]!);
    return c;
  }

  private grow(n: number): void {
    let size = Math.max(this.rowGen.length, 64);
    while (size < n) size *= 2;
    const g = new Float64Array(size);
    g.set(this.rowGen);
    this.rowGen = g;
    const s = new Float64Array(size);
    s.set(this.rowSeen);
    this.rowSeen = s;
    this.rowInfo = grownArray(this.rowInfo, size);
    for (let i = 0; i < this.rowVal.length; i++) {
      this.rowVal[i] = grownInt32(this.rowVal[i]!, size, -1);
      this.rowCount[i] = grownInt32(this.rowCount[i]!, size);
    }
  }

  /** Brings row `r` to `info`'s present: the pods that joined and left since, when its journal has them, else a count from scratch. */
  private recount(r: number, info: NodeInfo): void {
    if (this.rowInfo[r] === info && this.applyJournal(r, info)) return;
    if (this.rowInfo[r] !== undefined) this.removeRow(r);
    this.addRow(r, info);
  }

  /**
   * Adds the matching pods that joined row `r`'s node since it was counted
   * and takes out those that left; false when the journal no longer reaches
   * back that far (or the node itself changed). Eligibility and domain stay:
   * neither depends on the pods.
   */
  private applyJournal(r: number, info: NodeInfo): boolean {
    const journal = info.podJournal;
    if (journal === null) return false;
    const from = journal.since(this.rowGen[r]!, info.matchGeneration);
    if (from < 0) return false;
    const { constraints, namespace } = this.spec;
    const { namespaces, labels, deleting, signs } = journal;
    for (let e = from; e < signs.length; e++) {
      // countPodsMatchSelector's test, on what the journal kept of the pod.
      const counted = namespaces[e] === namespace && !deleting[e]!;
      let tested: SpreadConstraint['selector'] | undefined;
      let matches = false;
      for (let i = 0; i < constraints.length; i++) {
        const selector = constraints[i]!.selector;
        if (selector !== tested) {
          matches = counted && !selector.empty() && selector.matches(labels[e]!);
          tested = selector;
        }
        if (!matches) continue;
        const sign = signs[e]!;
        this.rowCount[i]![r] = this.rowCount[i]![r]! + sign;
        const v = this.rowVal[i]![r]!;
        if (v >= 0) this.counts[i]![v] = this.counts[i]![v]! + sign;
      }
    }
    this.rowGen[r] = info.matchGeneration;
    this.version++;
    return true;
  }

  private addRow(r: number, info: NodeInfo): void {
    const { constraints, keys, namespace, pod, required, nodeInclusionPolicy, requireAllTopologies } = this.spec;
    this.rowInfo[r] = info;
    this.rowGen[r] = info.matchGeneration;
    this.version++;
    this.tracked++;
    const node = info.node;
    let eligible = nodeInclusionPolicy || required.isEmpty() || required.match(node);
    // Every key's value is looked up again, eligible or not, so that the key index knows each row's value
    // even when a Node object was changed in place (the generation moved, the object did not).
    for (let i = 0; i < constraints.length; i++) if (keys[i]!.refresh(info) < 0 && requireAllTopologies) eligible = false;
    // The default constraints share one selector object: count the node's pods once for it.
    let counted: SpreadConstraint['selector'] | undefined;
    let cnt = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (c.selector !== counted) {
        const only = this.candidates?.[i] ?? null;
        cnt = only !== null && !only.has(info) ? 0 : countPodsMatchSelector(info.pods, c.selector, namespace);
        counted = c.selector;
      }
      this.rowCount[i]![r] = cnt;
      let v = -1;
      if (eligible && (!nodeInclusionPolicy || matchNodeInclusionPolicies(c, pod, node, required))) {
        const key = keys[i]!;
        v = key.valueIdOf(info);
        if (v < 0) v = key.intern('');
        let counts = this.counts[i]!;
        let nodes = this.nodesPerValue[i]!;
        if (v >= counts.length) {
          this.counts[i] = counts = grownInt32(counts, v + 1);
          this.nodesPerValue[i] = nodes = grownInt32(nodes, v + 1);
        }
        counts[v] = counts[v]! + cnt;
        nodes[v] = nodes[v]! + 1;
      }
      this.rowVal[i]![r] = v;
    }
  }

  private removeRow(r: number): void {
    for (let i = 0; i < this.rowVal.length; i++) {
      const v = this.rowVal[i]![r]!;
      if (v >= 0) {
        const counts = this.counts[i]!;
        const nodes = this.nodesPerValue[i]!;
        counts[v] = counts[v]! - this.rowCount[i]![r]!;
        nodes[v] = nodes[v]! - 1;
      }
      this.rowVal[i]![r] = -1;
    }
    this.rowInfo[r] = undefined;
    this.tracked--;
    this.version++;
  }
}

/** Bytes a counter keeps per node-table row: generation, seen epoch and NodeInfo (8 each), value and count per constraint (4 + 4, two constraints). */
const BYTES_PER_ROW = 40;

/**
 * Keeps the counters of the most recently used signatures. How many depends
 * on the cluster's size: as many as fit a memory budget at the current node
 * count, never fewer than `minCapacity`. A workload with more spreading
 * owners at work at once than counters kept (the 5,000-node scale hour has
 * ~150 Jobs and Deployments placing pods at a time) would otherwise recount
 * every node for each owner's next pod.
 */
export class SpreadCounterCache {
  private readonly counters = new Map<string, SpreadCounter>();
  private readonly minCapacity: number;
  private readonly budgetBytes: number;

  constructor(minCapacity = 32, budgetBytes = 64 * 1024 * 1024) {
    this.minCapacity = minCapacity;
    this.budgetBytes = budgetBytes;
  }

  /** How many counters are kept when the cluster has `nodes` nodes. */
  capacity(nodes: number): number {
    return Math.max(this.minCapacity, Math.floor(this.budgetBytes / (Math.max(nodes, 1) * BYTES_PER_ROW)));
  }

  /**
   * The counter of a signature, made with `spec()` on first use; the least
   * recently used ones are dropped past {@link capacity} for `nodes`.
   */
  get(signature: string, spec: () => CountingSpec, nodes = 0): SpreadCounter {
    let c = this.counters.get(signature);
    if (c !== undefined) {
      this.counters.delete(signature);
      this.counters.set(signature, c);
      return c;
    }
    c = new SpreadCounter(spec());
    this.counters.set(signature, c);
    const capacity = this.capacity(nodes);
    while (this.counters.size > capacity) {
      const oldest = this.counters.keys().next().value;
      if (oldest === undefined) break;
      this.counters.delete(oldest);
    }
    return c;
  }

  /** Forgets every counter. */
  clear(): void {
    this.counters.clear();
  }

  /** Number of signatures kept. */
  get size(): number {
    return this.counters.size;
  }
}
