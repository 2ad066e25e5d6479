import type { NodeInfo } from '../framework/NodeInfo.js';
import { materialize } from '../framework/NodeToStatus.js';
import type { Framework } from '../framework/Framework.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import { Code, type Status } from '../framework/Status.js';
import type { CycleContext, Diagnosis } from './CycleContext.js';
import { feasibleList, feasibleRows, finish, pushFeasible } from './feasibleList.js';
import { runFilterCascade } from './filterCascade.js';
import { scratch } from './filterScratch.js';
import { FilterVerdictMemo, markFailedScan, type FilterVerdicts } from './FilterVerdictMemo.js';
import { replayFailedScan } from './replayFailedScan.js';
import { runFilterWithNominatedPods } from './findNodesThatFitPod.js';

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
  // Each plugin's shared rejection Status per code, asked once per cycle (undefined: not asked yet).
  const shared: (Status | null | undefined)[] = [];
  const sharedRejection = (plugin: FilterPlugin, p: number, code: Code): Status | null => {
    const slot = p * 8 + code;
    let s = shared[slot];
    if (s === undefined) shared[slot] = s = plugin.sharedRejection?.(state, pod, code) ?? null;
    return s;
  };
  if (verdicts !== null) {
    // The last attempt rejected every node: filter only the nodes changed since.
    const replay = verdicts.failedScan === nodes && allRows !== null && nominator === null && diagnosis.nodeToStatus.size === 0;
    if (replay && replayFailedScan(ctx, allRows, verdicts, filters, diagnosis, sharedRejection)) return finish(feasible);
    verdicts.failedScan = null;
  }
  // Which plugins rejected a node of the chunk (added to the diagnosis once, not per node).
  const rejectedBy: boolean[] = new Array<boolean>(filters.length).fill(false);
  let scanned = 0;
  while (scanned < n && feasible.count < k) {
    const size = Math.min(n - scanned, Math.max(MIN_CHUNK, k - feasible.count));
    scratch.ensure(size);
    const { rows, codes, failedBy, liveRows, livePos } = scratch;
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
    if (runFilterCascade(filters, state, pod, infos, live)) rejectedInChunk = true;
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
      if (shared !== null) {
        diagnosis.nodeToStatus.add(node, shared);
        if (verdicts !== null) verdicts.status[rows[j]!] = shared;
      } else if (verdicts !== null) {
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
  // Every node rejected, every verdict current and its Status known: the next attempt may replay this one.
  if (verdicts !== null && feasible.count === 0 && scanned === n && allRows !== null && nominator === null) markFailedScan(verdicts, nodes, allRows, table.lastStamp);
  return finish(feasible);
}

function recordRejection(d: Diagnosis, node: NodeInfo, s: Status): void {
  d.nodeToStatus.set(node.name, s, node);
  if (s.plugin !== '') d.unschedulablePlugins.add(s.plugin);
}
