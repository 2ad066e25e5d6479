import type { CycleState } from './CycleState.js';
import type { FilterPlugin, NodeStatusReader } from './interfaces.js';
import type { NodeInfo } from './NodeInfo.js';
import type { PodInfo } from './PodInfo.js';
import { Code, Status } from './Status.js';

/**
 * The Filter verdicts of one cycle (framework.NodeToStatus): a status per
 * rejected node, and one status for every node that was not checked because
 * PreFilter ruled it out ("absent" nodes).
 *
 * A failed attempt rejects every node of the cluster, and an unschedulable
 * pod may be retried tens of thousands of times in a run, so the entries are
 * parallel arrays in scan order rather than a Map of objects. Nodes rejected
 * by a whole-table fast path are recorded as (plugin, code) only; their
 * reasons are asked of the plugin's per-node Filter the first time someone
 * reads them (a FitError message, `kubesim explain`). Lookups by node use the
 * node's table row; the by-name index is built only if someone asks by name.
 */
export class NodeToStatus implements NodeStatusReader {
  /** Each entry's node: its NodeInfo when known, else its name. */
  private readonly nodes: (NodeInfo | string)[] = [];
  private codes: Uint8Array;
  /** Each entry's status (given, or materialised on first read), or the fast-path plugin that rejected it. */
  private readonly what: (Status | FilterPlugin)[] = [];
  /** The cycle the lazy entries belong to (one per NodeToStatus). */
  private state: CycleState | null = null;
  private pod: PodInfo | null = null;
  /** Entry + 1 by table row (0: none); checked against `nodes` before use. */
  private byRow: Int32Array | null = null;
  private byName: Map<string, number> | null = null;
  /** Entries recorded without a usable row: lookups by row alone cannot rule them out. */
  private withoutRow = 0;
  private absent: Status | null = null;
  /** The reasons of every entry already counted (a replayed failed scan), or null: count them entry by entry. */
  private reasonCounts: Map<string, number> | null = null;
  /** Entries recorded as given, not yet one by one ({@link setFailedScan}, {@link addAll}), or null. */
  private deferred: Deferred | null = null;

  /** @param capacity entries expected (the nodes a cycle may reject), so the arrays are sized once */
  constructor(capacity = 64) {
    this.codes = new Uint8Array(Math.max(capacity, 16));
  }

  /** Number of nodes with an explicit status. */
  get size(): number {
    const d = this.deferred;
    return d === null ? this.nodes.length : d.kind === 'scan' ? d.rows.length : d.nodes.length;
  }

  /** Records a node's rejection; pass the NodeInfo when at hand, for lookups without the node's name. */
  set(nodeName: string, status: Status, node: NodeInfo | null = null): void {
    this.explode();
    this.reasonCounts = null;
    const e = node === null ? this.entryOfName(nodeName) : this.entryOfNode(node);
    if (e >= 0) {
      this.codes[e] = status.code;
      this.what[e] = status;
      return;
    }
    this.push(node ?? nodeName, status.code, status);
  }

  /** Records the rejection of a node that has no entry yet (the filter scan meets each node once): no lookup first. */
  add(node: NodeInfo, status: Status): void {
    this.explode();
    this.reasonCounts = null;
    this.push(node, status.code, status);
  }

  /** Records a fast-path rejection whose reasons are computed on first read. */
  setLazy(node: NodeInfo, code: Code, plugin: FilterPlugin, state: CycleState, pod: PodInfo): void {
    this.explode();
    this.reasonCounts = null;
    if (this.state === null) {
      this.state = state;
      this.pod = pod;
    } else if (this.state !== state || this.pod !== pod) {
      // Another cycle's rejection: its reasons cannot wait.
      this.set(node.name, materialize(node, code, plugin, state, pod), node);
      return;
    }
    this.push(node, code, plugin);
  }

  /**
   * Records a scan that rejected every node of `list` (a failed attempt
   * replayed from remembered verdicts, {@link replayFailedScan}): the nodes of
   * `rows` in scan order from `start`, wrapping around, each with its code and
   * Status by row. They are kept as given, not copied entry by entry: a
   * lookup by node reads the row, and `reasonCounts`, the reasons of those
   * Statuses already counted, is FitError's histogram. The arrays must not
   * change while this NodeToStatus is read (the memo they come from changes
   * only at the pod's next attempt). Only on an empty NodeToStatus.
   */
  setFailedScan(
    list: readonly NodeInfo[],
    infos: readonly (NodeInfo | undefined)[],
    rows: Int32Array,
    start: number,
    codeByRow: Uint8Array,
    statusByRow: readonly (Status | null)[],
    reasonCounts: ReadonlyMap<string, number>,
  ): void {
    if (this.size !== 0) throw new Error('NodeToStatus.setFailedScan: not empty');
    this.deferred = { kind: 'scan', list, infos, rows, start, codeByRow, statusByRow };
    this.reasonCounts = new Map(reasonCounts);
  }

  /**
   * The nodes of `allNodes`, in order, whose status has `code`; null when
   * that cannot be answered without looking at every node (the caller then
   * asks {@link codeOfNode} node by node).
   */
  nodesWithCode(code: Code, allNodes: readonly NodeInfo[]): NodeInfo[] | null {
    const scan = this.deferred;
    if (scan === null || scan.kind !== 'scan' || scan.list !== allNodes) return null;
    const out: NodeInfo[] = [];
    const { rows, codeByRow, infos } = scan;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (codeByRow[row] === code) out.push(infos[row]!);
    }
    return out;
  }

  /**
   * Records the same status for `nodes`, from `offset` on, wrapping around,
   * none of which has an entry yet: the dry runs of a preemption that can
   * find no victim anywhere.
   */
  addAll(nodes: readonly NodeInfo[], offset: number, status: Status): void {
    const n = nodes.length;
    if (this.size !== 0 || n === 0) {
      for (let i = 0; i < n; i++) this.add(nodes[offset + i < n ? offset + i : offset + i - n]!, status);
      return;
    }
    // Kept as given; one status n times: its reasons counted once, for FitError's histogram.
    this.deferred = { kind: 'same', nodes, offset, status };
    const counts = new Map<string, number>();
    for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + n);
    this.reasonCounts = counts;
  }

  /** Turns deferred entries into entries one by one (for the reads and writes that need them). */
  private explode(): void {
    const d = this.deferred;
    if (d === null) return;
    this.deferred = null;
    if (d.kind === 'same') {
      const n = d.nodes.length;
      for (let i = 0; i < n; i++) this.push(d.nodes[d.offset + i < n ? d.offset + i : d.offset + i - n]!, d.status.code, d.status);
      return;
    }
    const { infos, rows, start, codeByRow, statusByRow } = d;
    const n = rows.length;
    for (let i = 0; i < n; i++) {
      const row = rows[start + i < n ? start + i : start + i - n]!;
      this.push(infos[row]!, codeByRow[row]! as Code, statusByRow[row]!);
    }
  }

  /** The status of every node without an explicit one (PreFilter's rejection). */
  setAbsentNodesStatus(s: Status): void {
    this.absent = s;
  }

  absentNodesStatus(): Status | null {
    return this.absent;
  }

  get(nodeName: string): Status | null {
    this.explode();
    const e = this.entryOfName(nodeName);
    return e < 0 ? this.absent : this.statusAt(e);
  }

  /** The code of a node's status without computing its reasons. */
  codeOf(nodeName: string): Code {
    this.explode();
    const e = this.entryOfName(nodeName);
    return e < 0 ? (this.absent?.code ?? Code.Success) : (this.codes[e]! as Code);
  }

  /** {@link codeOf} by NodeInfo: a row lookup, no name hashing. */
  codeOfNode(node: NodeInfo): Code {
    const scan = this.deferred;
    if (scan !== null && scan.kind === 'scan' && node.index >= 0 && scan.infos[node.index] === node) {
      // Every node of the scanned list has an entry, at its row.
      return scan.codeByRow[node.index]! as Code;
    }
    this.explode();
    const e = this.entryOfNode(node);
    return e < 0 ? (this.absent?.code ?? Code.Success) : (this.codes[e]! as Code);
  }

  rejectedNodes(): readonly string[] {
    this.explode();
    return this.nodes.map(nameOf);
  }

  /** Every explicit status, materialised, in insertion (scan) order. */
  entries(): [string, Status][] {
    this.explode();
    return this.nodes.map((n, e) => [nameOf(n), this.statusAt(e)]);
  }

  /**
   * Adds every explicit status's reasons to `counts` (FitError's histogram),
   * materialising lazy entries without building an entry list.
   */
  countReasons(counts: Map<string, number>): void {
    if (this.reasonCounts !== null) {
      for (const [reason, times] of this.reasonCounts) counts.set(reason, (counts.get(reason) ?? 0) + times);
      return;
    }
    this.explode();
    // A cycle meets a handful of distinct reasons over a thousand nodes: count them in a short
    // list compared by ===, which beats hashing each one into the Map.
    const seen: string[] = [];
    const tally: number[] = [];
    // Neighbouring nodes mostly share one (interned) Status: count a run of it once.
    let last: Status | null = null;
    let run = 0;
    const n = this.nodes.length;
    for (let e = 0; e <= n; e++) {
      const status = e < n ? this.statusAt(e) : null;
      if (status === last) {
        run++;
        continue;
      }
      const reasons = last === null ? [] : last.reasons;
      const times = run;
      last = status;
      run = 1;
      for (let r = 0; r < reasons.length; r++) {
        const reason = reasons[r]!;
        let i = 0;
        while (i < seen.length && seen[i] !== reason) i++;
        if (i < seen.length) tally[i]! += times;
        else if (seen.length < 32) {
          seen.push(reason);
          tally.push(times);
        } else counts.set(reason, (counts.get(reason) ?? 0) + times);
      }
    }
    for (let i = 0; i < seen.length; i++) counts.set(seen[i]!, (counts.get(seen[i]!) ?? 0) + tally[i]!);
  }

  private statusAt(e: number): Status {
    const w = this.what[e]!;
    if (w instanceof Status) return w;
    const full = materialize(this.nodes[e] as NodeInfo, this.codes[e]! as Code, w, this.state!, this.pod!);
    this.what[e] = full;
    return full;
  }

  private push(node: NodeInfo | string, code: Code, what: Status | FilterPlugin): void {
    const e = this.nodes.length;
    this.nodes.push(node);
    this.what.push(what);
    if (e === this.codes.length) {
      const grown = new Uint8Array(e * 2);
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[e] = code;
    if (this.byName !== null) this.byName.set(nameOf(node), e);
    // The row index (and the count of entries without a row) is built on the first lookup by
    // node, and kept up to date from then on: until then no entry's NodeInfo is read.
    let rows = this.byRow;
    if (rows === null) return;
    if (typeof node === 'string' || node.index < 0) {
      this.withoutRow++;
      return;
    }
    if (node.index >= rows.length) {
      const grown = new Int32Array(Math.max(1024, (node.index + 1) * 2));
      grown.set(rows);
      this.byRow = rows = grown;
    }
    if (rows[node.index] === 0) rows[node.index] = e + 1;
  }

  /** The entry of a node, or -1: by row when its row points at it, else by name. */
  private entryOfNode(node: NodeInfo): number {
    if (node.index >= 0) {
      if (this.byRow === null) this.buildRowIndex();
      const e = this.byRow !== null && node.index < this.byRow.length ? this.byRow[node.index]! - 1 : -1;
      if (e >= 0 && this.nodes[e] === node) return e;
      // No entry holds this row: the node has none, unless some entry could only be found by name.
      if (e < 0 && this.withoutRow === 0) return -1;
    }
    return this.entryOfName(node.name);
  }

  /** Entry + 1 by row for the entries so far; the first entry of a row wins, as in push. */
  private buildRowIndex(): void {
    let max = -1;
    for (const n of this.nodes) if (typeof n !== 'string' && n.index > max) max = n.index;
    const rows = new Int32Array(Math.max(1024, max + 1));
    let withoutRow = 0;
    for (let e = 0; e < this.nodes.length; e++) {
      const n = this.nodes[e]!;
      if (typeof n === 'string' || n.index < 0) withoutRow++;
      else if (rows[n.index] === 0) rows[n.index] = e + 1;
    }
    this.byRow = rows;
    this.withoutRow = withoutRow;
  }

  /** The entry of a node by name, or -1 (the name index is built on first use). */
  private entryOfName(name: string): number {
    if (this.nodes.length === 0) return -1;
    if (this.byName === null) {
      this.byName = new Map();
      for (let e = this.nodes.length - 1; e >= 0; e--) this.byName.set(nameOf(this.nodes[e]!), e);
    }
    return this.byName.get(name) ?? -1;
  }
}

/** What {@link NodeToStatus.setFailedScan} and {@link NodeToStatus.addAll} keep. */
type Deferred = FailedScan | SameStatus;

interface FailedScan {
  kind: 'scan';
  list: readonly NodeInfo[];
  infos: readonly (NodeInfo | undefined)[];
  rows: Int32Array;
  start: number;
  codeByRow: Uint8Array;
  statusByRow: readonly (Status | null)[];
}

interface SameStatus {
  kind: 'same';
  nodes: readonly NodeInfo[];
  offset: number;
  status: Status;
}

function nameOf(node: NodeInfo | string): string {
  return typeof node === 'string' ? node : node.name;
}

/** The Status a fast-path rejection stands for: the plugin's Filter on the node, which must agree on the code. */
export function materialize(node: NodeInfo, code: Code, plugin: FilterPlugin, state: CycleState, pod: PodInfo): Status {
  const full = plugin.filter(state, pod, node);
  if (full === null || full.code !== code) {
    throw new Error(`plugin ${plugin.name}: fast path and Filter disagree on node ${node.name}`);
  }
  if (full.plugin === '') full.plugin = plugin.name;
  return interned(full);
}

/**
 * One Status object per distinct rejection (code, plugin, reasons), up to a
 * bound: a thousand nodes rejected for the same reason then share one
 * object, which countReasons tallies by identity without reading it again.
 * Statuses are not changed once their plugin is set, so sharing is safe.
 */
const statusTable = new Map<string, Status>();
const MAX_INTERNED = 4096;

function interned(s: Status): Status {
  const key = `${s.code}\u0000${s.plugin}\u0000${s.reasons.join('\u0000')}`;
  const known = statusTable.get(key);
  if (known !== undefined) return known;
  if (statusTable.size < MAX_INTERNED) statusTable.set(key, s);
  return s;
}
