import type { NodeScoreList, ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import { Code, Status } from '../framework/Status.js';
import type { CycleContext } from './CycleContext.js';

/** MaxNodeScore and MinNodeScore. */
const MAX_NODE_SCORE = 100;
const MIN_NODE_SCORE = 0;

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
