import type { NodeInfo } from '../framework/NodeInfo.js';
import { materialize } from '../framework/NodeToStatus.js';
import type { Framework } from '../framework/Framework.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import { Code, type Status } from '../framework/Status.js';
import type { CycleContext, Diagnosis } from './CycleContext.js';
import { feasibleList, feasibleRows, finish, pushFeasible } from './feasibleList.js';
import { FilterVerdictMemo, type FilterVerdicts } from './FilterVerdictMemo.js';
import { runFilterWithNominatedPods } from './findNodesThatFitPod.js';

/**
 * Scratch buffers for the filter scan and scoring, reused from cycle to cycle:
 * scheduling runs one cycle at a time and never re-enters, and a cycle's
 * typed arrays would otherwise be most of its garbage.
 */
class Scratch {
  rows = new Int32Array(256);
  codes = new Uint8Array(256);
  sub = new Uint8Array(256);
  /** `sub` seen four codes at a time, to find out quickly whether a plugin rejected anything. */
  sub32 = new Uint32Array(this.sub.buffer);
  failedBy = new Int16Array(256);
  /** The rows still passing, and their places in the chunk. */
  liveRows = new Int32Array(256);
  livePos = new Int32Array(256);
  /** The places in the chunk of the rows the plugins ran on (their verdicts go to the memo). */
  ranPos = new Int32Array(256);

  ensure(n: number): void {
    if (n <= this.rows.length) return;
    let size = this.rows.length;
    while (size < n) size *= 2;
    this.rows = new Int32Array(size);
    this.codes = new Uint8Array(size);
    this.sub = new Uint8Array(size);
    this.sub32 = new Uint32Array(this.sub.buffer);
    this.failedBy = new Int16Array(size);
    this.liveRows = new Int32Array(size);
    this.livePos = new Int32Array(size);
    this.ranPos = new Int32Array(size);
  }
}

/** True when any of the first `size` codes is not 0 (the codes past `size` are 0). */
function anyRejected(sub32: Uint32Array, size: number): boolean {
  const words = (size + 3) >> 2;
  for (let w = 0; w < words; w++) if (sub32[w] !== 0) return true;
  return false;
}

const scratch = new Scratch();

/** Each profile's memo of failed pods' verdicts. */
const memos = new WeakMap<Framework, FilterVerdictMemo>();

function memoOf(framework: Framework): FilterVerdictMemo {
  let m = memos.get(framework);
  if (m === undefined) memos.set(framework, (m = new FilterVerdictMemo()));
  return m;
}

/** The scan takes at least this many nodes at a time (more when more feasible nodes are still needed). */
const MIN_CHUNK = 32;

/**
 * Filters `nodes` from the round-robin start until `k` pass, as a sequential
 * replay of upstream's scan. Nodes are taken in chunks of as many as are still
 * needed. The plugins run in turn over the nodes every earlier plugin passed:
 * one call for a plugin with a whole-table fast path, one Filter per node
 * otherwise; a node's first rejection is its verdict. Nodes with nominated
 * pods take the per-node path with those pods added. A rejected node's reasons
 * are a plugin's shared rejection when it has one, else computed on first read.
 */
export function passFilters(ctx: CycleContext, nodes: readonly NodeInfo[], k: number, diagnosis: Diagnosis): NodeInfo[] {
  const n = nodes.length;
  const feasible = feasibleList(Math.min(k, n));
  if (n === 0 || k === 0) return finish(feasible);
  const { framework, state, pod } = ctx;
  const filters = framework.plugins.filter.filter((p) => !state.skipFilterPlugins.has(p.name));
  const start = ctx.nextStartNodeIndex % n;
  if (filters.length === 0) {
    for (let i = 0; i < k; i++) {
      const node = nodes[(start + i) % n]!;
      pushFeasible(feasible, node, node.index);
    }
    return finish(feasible);
  }
  const nominator = ctx.nominator !== null && ctx.nominator.hasNominatedPods() ? ctx.nominator : null;
  // A pod retried after failing keeps its verdicts on unchanged nodes, when every filter is row-local.
  const table = ctx.snapshot.table;
  const memo = filters.every((p) => p.rowLocal === true) ? memoOf(framework) : null;
  const verdicts: FilterVerdicts | null = memo?.get(pod, table, filters) ?? null;
  const generation = table.generation;
  // The rows in scan order come from the cache when every node is scanned (no NodeInfo is touched to find them).
  const allRows = nodes === ctx.snapshot.nodeInfoList() ? ctx.snapshot.scanRows() : null;
  const infos = ctx.snapshot.table.infos;
  // Which plugins rejected a node of the chunk (added to the diagnosis once, not per node).
  const rejectedBy: boolean[] = new Array<boolean>(filters.length).fill(false);
  // Each plugin's shared rejection Status per code, asked once per cycle (undefined: not asked yet).
  const shared: (Status | null | undefined)[] = [];
  const sharedRejection = (plugin: FilterPlugin, p: number, code: Code): Status | null => {
    const slot = p * 8 + code;
    let s = shared[slot];
    if (s === undefined) shared[slot] = s = plugin.sharedRejection?.(state, pod, code) ?? null;
    return s;
  };
  let scanned = 0;
  while (scanned < n && feasible.count < k) {
    const size = Math.min(n - scanned, Math.max(MIN_CHUNK, k - feasible.count));
    scratch.ensure(size);
    const { rows, codes, sub, failedBy, liveRows, livePos } = scratch;
    const first = start + scanned;
    if (allRows !== null) {
      const end = first + size;
      if (end <= n) rows.set(allRows.subarray(first, end));
      else if (first >= n) rows.set(allRows.subarray(first - n, end - n));
      else {
        rows.set(allRows.subarray(first, n));
        rows.set(allRows.subarray(0, end - n), n - first);
      }
    } else {
      for (let j = 0; j < size; j++) {
        const i = first + j;
        rows[j] = nodes[i < n ? i : i - n]!.index;
      }
    }
    codes.fill(0, 0, size);
    failedBy.fill(-1, 0, size);
    let slow: Map<number, Status | null> | null = null;
    if (nominator !== null) {
      for (let j = 0; j < size; j++) {
        const i = first + j;
        const node = nodes[i < n ? i : i - n]!;
        if (nominator.nominatedPodsForNode(node.name).length > 0) (slow ??= new Map()).set(j, runFilterWithNominatedPods(ctx, node));
      }
    }
    let rejectedInChunk = slow !== null;
    rejectedBy.fill(false, 0, filters.length);
    // Each plugin sees only the nodes every earlier plugin passed (`live`, with their places in the
    // chunk): as upstream's RunFilterPlugins, a node's first rejection is its verdict.
    let live = 0;
    if (verdicts === null) {
      liveRows.set(rows.subarray(0, size));
      for (let j = 0; j < size; j++) livePos[j] = j;
      live = size;
    } else {
      // Rows whose verdict is remembered skip the plugins; the others (and nodes with nominated pods) run them.
      for (let j = 0; j < size; j++) {
        const row = rows[j]!;
        if (verdicts.generation[row] === generation[row] && (slow === null || !slow.has(j))) {
          const c = verdicts.code[row]!;
          if (c !== 0) {
            codes[j] = c;
            failedBy[j] = verdicts.failedBy[row]!;
            rejectedInChunk = true;
          }
        } else {
          liveRows[live] = row;
          livePos[live++] = j;
        }
      }
      scratch.ranPos.set(livePos.subarray(0, live));
    }
    const ran = live;
    for (let p = 0; p < filters.length && live > 0; p++) {
      const plugin = filters[p]!;
      if (plugin.filterNodes !== undefined) {
        sub.fill(0, 0, (live + 3) & ~3);
        plugin.filterNodes(state, pod, liveRows, live, sub);
        if (!anyRejected(scratch.sub32, live)) continue;
      } else {
        for (let q = 0; q < live; q++) {
          const s = plugin.filter(state, pod, infos[liveRows[q]!]!);
          sub[q] = s === null ? 0 : s.code;
        }
      }
      let kept = 0;
      for (let q = 0; q < live; q++) {
        const c = sub[q]!;
        const j = livePos[q]!;
        if (c !== 0 && c !== Code.Skip) {
          codes[j] = c;
          failedBy[j] = p;
          rejectedInChunk = true;
        } else {
          liveRows[kept] = liveRows[q]!;
          livePos[kept++] = j;
        }
      }
      live = kept;
    }
    if (verdicts !== null) {
      for (let q = 0; q < ran; q++) {
        const j = scratch.ranPos[q]!;
        if (slow !== null && slow.has(j)) continue;
        const row = rows[j]!;
        verdicts.generation[row] = generation[row]!;
        verdicts.code[row] = codes[j]!;
        verdicts.failedBy[row] = failedBy[j]!;
        verdicts.status[row] = null;
      }
    }
    if (!rejectedInChunk) {
      // Every node of the chunk passed: take as many as are still needed.
      const take = Math.min(size, k - feasible.count);
      const list = feasible.nodes;
      const listRows = feasibleRows;
      let c = feasible.count;
      for (let j = 0; j < take; j++) {
        const row = rows[j]!;
        listRows[c] = row;
        list[c++] = infos[row]!;
      }
      feasible.count = c;
      scanned += take;
      continue;
    }
    for (let j = 0; j < size && feasible.count < k; j++) {
      scanned++;
      const node = infos[rows[j]!]!;
      if (slow !== null && slow.has(j)) {
        const s = slow.get(j)!;
        if (s === null) pushFeasible(feasible, node, rows[j]!);
        else recordRejection(diagnosis, node, s);
        continue;
      }
      if (codes[j] === 0) {
        pushFeasible(feasible, node, rows[j]!);
        continue;
      }
      const p = failedBy[j]!;
      const code = codes[j]!;
      const shared = sharedRejection(filters[p]!, p, code);
      if (shared !== null) diagnosis.nodeToStatus.add(node, shared);
      else if (verdicts !== null) {
        // A retried pod's reasons are read every attempt (its FitError): work them out once per node change.
        const row = rows[j]!;
        let s = verdicts.status[row] ?? null;
        if (s === null) verdicts.status[row] = s = materialize(node, code as Code, filters[p]!, state, pod);
        diagnosis.nodeToStatus.add(node, s);
      } else diagnosis.nodeToStatus.setLazy(node, code, filters[p]!, state, pod);
      rejectedBy[p] = true;
    }
    for (let p = 0; p < filters.length; p++) if (rejectedBy[p] === true) diagnosis.unschedulablePlugins.add(filters[p]!.name);
  }
  if (memo !== null && feasible.count === 0) memo.start(pod, table, filters);
  return finish(feasible);
}

function recordRejection(d: Diagnosis, node: NodeInfo, s: Status): void {
  d.nodeToStatus.set(node.name, s, node);
  if (s.plugin !== '') d.unschedulablePlugins.add(s.plugin);
}
