import type { RandomStream } from '../engine/RandomStreams.js';
import type { Snapshot } from './cache/Cache.js';
import type { CycleState } from './framework/CycleState.js';
import type { Framework } from './framework/Framework.js';
import type { FilterPlugin, Nominator, NodeScoreList, ScorePlugin } from './framework/interfaces.js';
import type { NodeInfo } from './framework/NodeInfo.js';
import { NodeToStatus } from './framework/NodeToStatus.js';
import type { PodInfo } from './framework/PodInfo.js';
import { Code, Status } from './framework/Status.js';
import { numFeasibleNodesToFind } from './numFeasibleNodesToFind.js';

/** Nodes are filtered in chunks: each Filter plugin sees up to this many nodes per call. */
const CHUNK = 64;
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
  feasible: NodeInfo[];
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
    if (node !== undefined && runFilterWithNominatedPods(ctx, node) === null) return done([node], ctx.nextStartNodeIndex, 1);
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
 * Filters `nodes` from the round-robin start until `k` pass. Plugins with a
 * whole-table fast path see a chunk of nodes per call; nodes with nominated
 * pods take the per-node path with the nominated pods added.
 */
function passFilters(ctx: CycleContext, nodes: readonly NodeInfo[], k: number, diagnosis: Diagnosis): NodeInfo[] {
  const n = nodes.length;
  const feasible: NodeInfo[] = [];
  if (n === 0 || k === 0) return feasible;
  const { framework, state, pod } = ctx;
  const filters = framework.plugins.filter.filter((p) => !state.skipFilterPlugins.has(p.name));
  const start = ctx.nextStartNodeIndex % n;
  if (filters.length === 0) {
    for (let i = 0; i < k; i++) feasible.push(nodes[(start + i) % n]!);
    return feasible;
  }
  const useNominated = ctx.nominator !== null && ctx.nominator.hasNominatedPods();
  const rows = new Int32Array(CHUNK);
  const alive = new Int32Array(CHUNK);
  const aliveRows = new Int32Array(CHUNK);
  const codes = new Uint8Array(CHUNK);
  const failedBy = new Int16Array(CHUNK);
  const chunkNodes: NodeInfo[] = new Array<NodeInfo>(CHUNK);
  const slowStatus: (Status | null)[] = new Array<Status | null>(CHUNK);
  const slow = new Uint8Array(CHUNK);

  for (let scanned = 0; scanned < n && feasible.length < k; ) {
    const size = Math.min(CHUNK, n - scanned);
    let fastCount = 0;
    for (let j = 0; j < size; j++) {
      const node = nodes[(start + scanned + j) % n]!;
      chunkNodes[j] = node;
      rows[j] = node.index;
      failedBy[j] = -1;
      slow[j] = useNominated && ctx.nominator!.nominatedPodsForNode(node.name).length > 0 ? 1 : 0;
      if (slow[j] === 1) slowStatus[j] = runFilterWithNominatedPods(ctx, node);
      else fastCount++;
    }
    if (fastCount > 0) runChunk(filters, ctx, chunkNodes, rows, size, slow, alive, aliveRows, codes, failedBy);
    for (let j = 0; j < size && feasible.length < k; j++) {
      scanned++;
      const node = chunkNodes[j]!;
      if (slow[j] === 1) {
        const s = slowStatus[j]!;
        if (s === null) feasible.push(node);
        else recordRejection(diagnosis, node.name, s);
        continue;
      }
      const p = failedBy[j]!;
      if (p < 0) {
        feasible.push(node);
        continue;
      }
      const plugin = filters[p]!;
      diagnosis.nodeToStatus.setLazy(node, codes[j]!, plugin, state, pod);
      diagnosis.unschedulablePlugins.add(plugin.name);
    }
  }
  return feasible;
}

function recordRejection(d: Diagnosis, nodeName: string, s: Status): void {
  d.nodeToStatus.set(nodeName, s);
  if (s.plugin !== '') d.unschedulablePlugins.add(s.plugin);
}

/** Runs the filters over one chunk: each plugin sees the nodes still passing; the first rejection per node wins. */
function runChunk(
  filters: readonly FilterPlugin[],
  ctx: CycleContext,
  nodes: readonly NodeInfo[],
  rows: Int32Array,
  size: number,
  slow: Uint8Array,
  alive: Int32Array,
  aliveRows: Int32Array,
  codes: Uint8Array,
  failedBy: Int16Array,
): void {
  const { state, pod } = ctx;
  let count = 0;
  for (let j = 0; j < size; j++) if (slow[j] === 0) alive[count++] = j;
  const subCodes = new Uint8Array(CHUNK);
  for (let p = 0; p < filters.length && count > 0; p++) {
    const plugin = filters[p]!;
    if (plugin.filterNodes !== undefined) {
      for (let a = 0; a < count; a++) aliveRows[a] = rows[alive[a]!]!;
      subCodes.fill(0, 0, count);
      plugin.filterNodes(state, pod, aliveRows, count, subCodes);
    } else {
      for (let a = 0; a < count; a++) {
        const s = plugin.filter(state, pod, nodes[alive[a]!]!);
        subCodes[a] = s === null || s.code === Code.Skip ? 0 : s.code;
      }
    }
    let kept = 0;
    for (let a = 0; a < count; a++) {
      const j = alive[a]!;
      const c = subCodes[a]!;
      if (c === 0 || c === Code.Skip) alive[kept++] = j;
      else {
        codes[j] = c;
        failedBy[j] = p;
      }
    }
    count = kept;
  }
}

/** Raw-then-normalised scores of one plugin, for reports. */
export interface PluginScores {
  plugin: string;
  weight: number;
  /** After NormalizeScore, before the weight; in the order of the scored nodes. */
  scores: Float64Array;
}

/** The outcome of prioritizeNodes. */
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
export function prioritizeNodes(ctx: CycleContext, nodes: readonly NodeInfo[]): ScoreResult {
  const { framework, state, pod } = ctx;
  const m = nodes.length;
  const totals = new Float64Array(m);
  if (framework.plugins.score.length === 0) {
    totals.fill(1);
    return { totals, plugins: [], error: null };
  }
  const pre = framework.runPreScorePlugins(state, pod, nodes);
  if (pre !== null) return { totals, plugins: [], error: pre };
  const rows = new Int32Array(m);
  for (let i = 0; i < m; i++) rows[i] = nodes[i]!.index;
  const plugins: PluginScores[] = [];
  for (const { plugin, weight } of framework.plugins.score) {
    if (state.skipScorePlugins.has(plugin.name)) continue;
    const scores = new Float64Array(m);
    scoreAll(plugin, ctx, nodes, rows, scores);
    if (plugin.normalizeScore !== undefined) {
      const list: NodeScoreList = { nodes, scores, length: m };
      const s = plugin.normalizeScore(state, pod, list);
      if (s !== null) {
        if (s.plugin === '') s.plugin = plugin.name;
        return { totals, plugins, error: s };
      }
    }
    for (let i = 0; i < m; i++) {
      const v = scores[i]!;
      if (v > MAX_NODE_SCORE || v < MIN_NODE_SCORE) {
        const error = new Status(Code.Error, [
          `plugin "${plugin.name}" returns an invalid score ${v}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        ]);
        error.plugin = plugin.name;
        return { totals, plugins, error };
      }
      totals[i] = totals[i]! + v * weight;
    }
    plugins.push({ plugin: plugin.name, weight, scores });
  }
  return { totals, plugins, error: null };
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
    let tied = 1;
    for (let i = 1; i < m; i++) {
      const t = totals[i]!;
      if (t > max) {
        max = t;
        best = i;
        tied = 1;
      } else if (t === max) {
        tied++;
        if (ctx.random.int(tied) === 0) best = i;
      }
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
