import type { RandomStream } from '../engine/RandomStreams.js';
import type { Snapshot } from './cache/Cache.js';
import type { CycleState } from './framework/CycleState.js';
import type { Framework } from './framework/Framework.js';
import type { Nominator, NodeScoreList, ScorePlugin } from './framework/interfaces.js';
import type { NodeInfo } from './framework/NodeInfo.js';
import { NodeToStatus } from './framework/NodeToStatus.js';
import type { PodInfo } from './framework/PodInfo.js';
import { Code, Status } from './framework/Status.js';
import { numFeasibleNodesToFind } from './numFeasibleNodesToFind.js';

/** MaxNodeScore and MinNodeScore. */
const MAX_NODE_SCORE = 100;
const MIN_NODE_SCORE = 0;

/** Why no node fits: a status per node, and the plugins that rejected (framework.Diagnosis). */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** What one scheduling cycle needs besides the pod. */
export interface CycleContext {
  framework: Framework;
  snapshot: Snapshot;
  state: CycleState;
  pod: PodInfo;
  nominator: Nominator | null;
  /** The scheduler's global percentageOfNodesToScore. */
  percentageOfNodesToScore: number;
  /** The round-robin position where the scan starts (sched.nextStartNodeIndex). */
  nextStartNodeIndex: number;
  /** For the random tie-break. */
  random: RandomStream;
  /** `kubesim explain`: filter every node and score even a single feasible node. */
  exhaustive?: boolean;
}

/** The outcome of findNodesThatFitPod. */
export interface FitResult {
  /** The feasible nodes (an array the next cycle may reuse: read it before then). */
  feasible: NodeInfo[];
  /** The rows of `feasible`, in the same order (reused by the next cycle). */
  feasibleRows: Int32Array;
  diagnosis: Diagnosis;
  /** sched.nextStartNodeIndex after this cycle. */
  nextStartNodeIndex: number;
  /** numFeasibleNodesToFind for this cycle. */
  numNodesToFind: number;
  /** A non-rejection failure (a plugin error). */
  error: Status | null;
}

/** "0/N nodes are available: …" — upstream's FitError message. */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const [, s] of d.nodeToStatus.entries()) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const absent = d.nodeToStatus.absentNodesStatus();
    if (d.nodeToStatus.size < numAllNodes && absent !== null) {
      for (const r of absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - d.nodeToStatus.size);
    }
    const parts = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}.`;
  return msg;
}

/**
 * findNodesThatFitPod: PreFilter, then the nominated node first if the pod
 * has one, then Filter over the nodes in scan order from the round-robin start
 * until numFeasibleNodesToFind pass (sequentially, which is what a
 * deterministic replay of upstream's parallel scan means).
 */
export function findNodesThatFitPod(ctx: CycleContext): FitResult {
  const { framework, snapshot, state, pod } = ctx;
  const allNodes = snapshot.nodeInfoList();
  const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
  const done = (feasible: NodeInfo[], next: number, k: number, error: Status | null = null): FitResult => ({
    feasible,
    feasibleRows: feasibleRows.subarray(0, feasible.length),
    diagnosis,
    nextStartNodeIndex: next,
    numNodesToFind: k,
    error,
  });

  const { result: preRes, status } = framework.runPreFilterPlugins(state, pod, allNodes);
  if (status !== null) {
    if (!status.isRejected()) return done([], ctx.nextStartNodeIndex, 0, status);
    diagnosis.nodeToStatus.setAbsentNodesStatus(status);
    diagnosis.preFilterMsg = status.message();
    if (status.plugin !== '') diagnosis.unschedulablePlugins.add(status.plugin);
    return done([], ctx.nextStartNodeIndex, 0);
  }

  const nominated = pod.pod.status?.nominatedNodeName ?? '';
  if (nominated !== '' && ctx.exhaustive !== true) {
    const node = snapshot.get(nominated);
    if (node !== undefined && runFilterWithNominatedPods(ctx, node) === null) {
      const one = feasibleList(1);
      pushFeasible(one, node, node.index);
      return done(finish(one), ctx.nextStartNodeIndex, 1);
    }
  }

  let nodes = allNodes;
  if (preRes.nodeNames !== undefined) {
    // Upstream walks a Go map here (random order); kubesim keeps the scan order.
    const names = preRes.nodeNames;
    nodes = allNodes.filter((n) => names.has(n.name));
    diagnosis.nodeToStatus.setAbsentNodesStatus(
      new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${[...diagnosis.unschedulablePlugins].sort().join(' ')}]`]),
    );
  }
  const k = ctx.exhaustive === true ? nodes.length : findCount(ctx, nodes.length);
  const feasible = passFilters(ctx, nodes, k, diagnosis);
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  const next = allNodes.length === 0 ? 0 : (ctx.nextStartNodeIndex + processed) % allNodes.length;
  return done(feasible, next, k);
}

/** The rows of the last cycle's feasible nodes (a buffer reused by every cycle). */
let feasibleRows = new Int32Array(256);

/** A list of feasible nodes being filled: the array is allocated once at its final capacity. */
interface FeasibleList {
  nodes: NodeInfo[];
  count: number;
}

/** The array behind the last cycle's feasible list, reused when the next cycle needs the same capacity. */
let pooledNodes: NodeInfo[] = [];

function feasibleList(capacity: number): FeasibleList {
  if (feasibleRows.length < capacity) feasibleRows = new Int32Array(Math.max(capacity, feasibleRows.length * 2));
  if (pooledNodes.length !== capacity) pooledNodes = new Array<NodeInfo>(capacity);
  return { nodes: pooledNodes, count: 0 };
}

/** Appends a feasible node and its row. */
function pushFeasible(list: FeasibleList, node: NodeInfo, row: number): void {
  feasibleRows[list.count] = row;
  list.nodes[list.count++] = node;
}

/** The filled part of the list: the pooled array itself when it is full (the usual case), else a copy. */
function finish(list: FeasibleList): NodeInfo[] {
  return list.count === list.nodes.length ? list.nodes : list.nodes.slice(0, list.count);
}

function findCount(ctx: CycleContext, n: number): number {
  const fw = ctx.framework;
  // Without scoring only one feasible node is needed.
  if (fw.plugins.score.length === 0) return Math.min(1, n);
  return numFeasibleNodesToFind(ctx.percentageOfNodesToScore, fw.profile.percentageOfNodesToScore, n);
}

/** RunFilterPluginsWithNominatedPods on one node. */
export function runFilterWithNominatedPods(ctx: CycleContext, node: NodeInfo): Status | null {
  const { framework, state, pod } = ctx;
  const nominated = ctx.nominator?.nominatedPodsForNode(node.name) ?? [];
  let podsAdded = false;
  let stateToUse = state;
  let nodeToUse = node;
  const higher = nominated.filter((p) => p.priority >= pod.priority && p.uid !== pod.uid);
  if (higher.length > 0) {
    stateToUse = state.clone();
    nodeToUse = node.clone();
    for (const p of higher) {
      nodeToUse.addPod(p);
      const s = framework.runPreFilterExtensionAddPod(stateToUse, pod, p, nodeToUse);
      if (s !== null) return s;
    }
    podsAdded = true;
  }
  const first = framework.runFilterPlugins(stateToUse, pod, nodeToUse);
  if (first !== null || !podsAdded) return first;
  return framework.runFilterPlugins(state, pod, node);
}

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

  ensure(n: number): void {
    if (n <= this.rows.length) return;
    let size = this.rows.length;
    while (size < n) size *= 2;
    this.rows = new Int32Array(size);
    this.codes = new Uint8Array(size);
    this.sub = new Uint8Array(size);
    this.sub32 = new Uint32Array(this.sub.buffer);
    this.failedBy = new Int16Array(size);
  }
}

/** True when any of the first `size` codes is not 0 (the codes past `size` are 0). */
function anyRejected(sub32: Uint32Array, size: number): boolean {
  const words = (size + 3) >> 2;
  for (let w = 0; w < words; w++) if (sub32[w] !== 0) return true;
  return false;
}

const scratch = new Scratch();

/** The scan takes at least this many nodes at a time (more when more feasible nodes are still needed). */
const MIN_CHUNK = 32;

/**
 * Filters `nodes` from the round-robin start until `k` pass, as a sequential
 * replay of upstream's scan. Nodes are taken in chunks of as many as are still
 * needed; each plugin with a whole-table fast path filters the whole chunk in
 * one call (a node already rejected by an earlier plugin keeps that first
 * rejection), plugins without one are asked node by node, skipping rejected
 * nodes. Nodes with nominated pods take the per-node path with those pods added.
 */
function passFilters(ctx: CycleContext, nodes: readonly NodeInfo[], k: number, diagnosis: Diagnosis): NodeInfo[] {
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
  // The rows in scan order come from the cache when every node is scanned (no NodeInfo is touched to find them).
  const allRows = nodes === ctx.snapshot.nodeInfoList() ? ctx.snapshot.scanRows() : null;
  const infos = ctx.snapshot.table.infos;
  let scanned = 0;
  while (scanned < n && feasible.count < k) {
    const size = Math.min(n - scanned, Math.max(MIN_CHUNK, k - feasible.count));
    scratch.ensure(size);
    const { rows, codes, sub, failedBy } = scratch;
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
    for (let p = 0; p < filters.length; p++) {
      const plugin = filters[p]!;
      if (plugin.filterNodes !== undefined) {
        sub.fill(0, 0, (size + 3) & ~3);
        plugin.filterNodes(state, pod, rows, size, sub);
        if (!anyRejected(scratch.sub32, size)) continue;
      } else {
        for (let j = 0; j < size; j++) {
          if (codes[j] !== 0) {
            sub[j] = 0;
            continue;
          }
          const i = first + j;
          const s = plugin.filter(state, pod, nodes[i < n ? i : i - n]!);
          sub[j] = s === null ? 0 : s.code;
        }
      }
      for (let j = 0; j < size; j++) {
        const c = sub[j]!;
        if (c !== 0 && c !== Code.Skip && codes[j] === 0) {
          codes[j] = c;
          failedBy[j] = p;
          rejectedInChunk = true;
        }
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
        else recordRejection(diagnosis, node.name, s);
        continue;
      }
      if (codes[j] === 0) {
        pushFeasible(feasible, node, rows[j]!);
        continue;
      }
      const plugin = filters[failedBy[j]!]!;
      diagnosis.nodeToStatus.setLazy(node, codes[j]!, plugin, state, pod);
      diagnosis.unschedulablePlugins.add(plugin.name);
    }
  }
  return finish(feasible);
}

function recordRejection(d: Diagnosis, nodeName: string, s: Status): void {
  d.nodeToStatus.set(nodeName, s);
  if (s.plugin !== '') d.unschedulablePlugins.add(s.plugin);
}

/** Buffers of prioritizeNodes, reused across cycles: its results are valid until the next cycle. */
interface ScorePool {
  totals: Float64Array;
  rows: Int32Array;
  scores: Float64Array[];
}

let pool: ScorePool = { totals: new Float64Array(0), rows: new Int32Array(0), scores: [] };

function scorePool(m: number, plugins: number): ScorePool {
  if (pool.totals.length < m) {
    const size = Math.max(m, pool.totals.length * 2, 256);
    pool = { totals: new Float64Array(size), rows: new Int32Array(size), scores: [] };
  }
  while (pool.scores.length < plugins) pool.scores.push(new Float64Array(pool.totals.length));
  return pool;
}

/** Raw-then-normalised scores of one plugin, for reports. */
export interface PluginScores {
  plugin: string;
  weight: number;
  /** After NormalizeScore, before the weight; in the order of the scored nodes. */
  scores: Float64Array;
}

/** The outcome of prioritizeNodes; its arrays are reused by the next cycle, so read them before that. */
export interface ScoreResult {
  /** Σ score × weight per node, in the order of the scored nodes. */
  totals: Float64Array;
  /** Per plugin that ran (PreScore did not Skip it). */
  plugins: PluginScores[];
  error: Status | null;
}

/**
 * prioritizeNodes: PreScore, then each Score plugin not skipped (fast path
 * when it has one), NormalizeScore, a range check, and the weighted sum.
 * Without Score plugins every node scores 1.
 */
export function prioritizeNodes(ctx: CycleContext, nodes: readonly NodeInfo[], nodeRows?: Int32Array): ScoreResult {
  const { framework, state, pod } = ctx;
  const m = nodes.length;
  const pool = scorePool(m, framework.plugins.score.length);
  const totals = pool.totals.subarray(0, m);
  if (framework.plugins.score.length === 0) {
    totals.fill(1);
    return { totals, plugins: [], error: null };
  }
  const pre = framework.runPreScorePlugins(state, pod, nodes);
  if (pre !== null) return { totals, plugins: [], error: pre };
  const rows = nodeRows ?? pool.rows.subarray(0, m);
  if (nodeRows === undefined) for (let i = 0; i < m; i++) rows[i] = nodes[i]!.index;
  const plugins: PluginScores[] = [];
  // Every plugin writes every score; the first one to run sets the totals (no fill pass).
  totals.fill(0);
  for (const { plugin, weight } of framework.plugins.score) {
    if (state.skipScorePlugins.has(plugin.name)) continue;
    const scores = pool.scores[plugins.length]!.subarray(0, m);
    scoreAll(plugin, ctx, nodes, rows, scores);
    if (plugin.normalizeScore !== undefined) {
      const list: NodeScoreList = { nodes, scores, length: m };
      const s = plugin.normalizeScore(state, pod, list);
      if (s !== null) {
        if (s.plugin === '') s.plugin = plugin.name;
        return { totals, plugins, error: s };
      }
    }
    const bad = addWeighted(totals, scores, m, weight, plugins.length === 0);
    if (bad >= 0) {
      const v = scores[bad]!;
      const error = new Status(Code.Error, [
        `plugin "${plugin.name}" returns an invalid score ${v}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
      ]);
      error.plugin = plugin.name;
      return { totals, plugins, error };
    }
    plugins.push({ plugin: plugin.name, weight, scores });
  }
  return { totals, plugins, error: null };
}

/**
 * totals (+)= scores × weight (the first plugin sets them), checking each score
 * is within [MinNodeScore, MaxNodeScore]; returns the index of the first score
 * out of range, or -1.
 */
function addWeighted(totals: Float64Array, scores: Float64Array, m: number, weight: number, first: boolean): number {
  let bad = -1;
  if (first) {
    for (let i = 0; i < m; i++) {
      const v = scores[i]!;
      if (!(v <= MAX_NODE_SCORE && v >= MIN_NODE_SCORE)) bad = bad < 0 ? i : bad;
      totals[i] = v * weight;
    }
  } else {
    for (let i = 0; i < m; i++) {
      const v = scores[i]!;
      if (!(v <= MAX_NODE_SCORE && v >= MIN_NODE_SCORE)) bad = bad < 0 ? i : bad;
      totals[i] = totals[i]! + v * weight;
    }
  }
  return bad;
}

function scoreAll(plugin: ScorePlugin, ctx: CycleContext, nodes: readonly NodeInfo[], rows: Int32Array, out: Float64Array): void {
  if (plugin.scoreNodes !== undefined) {
    plugin.scoreNodes(ctx.state, ctx.pod, rows, rows.length, out);
    return;
  }
  for (let i = 0; i < nodes.length; i++) out[i] = plugin.score(ctx.state, ctx.pod, nodes[i]!);
}

/**
 * selectHost: the index of the node with the highest total. Ties break by the
 * profile's rule: at random (reservoir sampling, each of the tied nodes equally
 * likely, draws from the scheduler's seeded stream), by node name, or by a
 * fixed node priority order.
 */
export function selectHost(ctx: CycleContext, nodes: readonly NodeInfo[], totals: Float64Array): number {
  const m = totals.length;
  if (m === 0) return -1;
  let best = 0;
  let max = totals[0]!;
  const tieBreak = ctx.framework.profile.tieBreak;
  if (tieBreak.kind === 'random') {
    // Uniform among the nodes tied at the top, as upstream's reservoir sampling,
    // with one draw: count the ties, then take the r-th of them.
    let tied = 1;
    for (let i = 1; i < m; i++) {
      const t = totals[i]!;
      if (t > max) {
        max = t;
        best = i;
        tied = 1;
      } else if (t === max) tied++;
    }
    if (tied === 1) return best;
    let r = ctx.random.int(tied);
    for (let i = best; i < m; i++) {
      if (totals[i] === max && r-- === 0) return i;
    }
    return best;
  }
  for (let i = 1; i < m; i++) {
    const t = totals[i]!;
    if (t > max) {
      max = t;
      best = i;
    } else if (t === max && before(tieBreak, nodes[i]!, nodes[best]!)) {
      best = i;
    }
  }
  return best;
}

function before(tieBreak: Exclude<CycleContext['framework']['profile']['tieBreak'], { kind: 'random' }>, a: NodeInfo, b: NodeInfo): boolean {
  return tieBreak.kind === 'nodeName' ? a.name < b.name : tieBreak.rank(a) < tieBreak.rank(b);
}
