import { CycleState } from '../src/scheduler/framework/CycleState.js';
import type { PreScorePlugin, ScorePlugin } from '../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../src/scheduler/framework/NodeInfo.js';
import { PodInfo } from '../src/scheduler/framework/PodInfo.js';
import type { Scheduler } from '../src/scheduler/Scheduler.js';
import { GPU_PLUGIN_CASES, gpuScorePass, gpuTable } from './gpuPlugins.js';
import { DEFAULT_MICRO_SAMPLES, samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { pluginTable, PLUGIN_TABLE_NODES, scoredPod } from './pluginTable.js';
import { consume, tinySample } from './sample.js';

/** Default time budget of one sample, ms. */
const SAMPLE_MS = 150;
/** Nodes of the small table (`--small`). */
const SMALL_NODES = 500;

/** A plugins-suite case: a Score plugin of a profile of the table's scheduler. */
export interface PluginCase {
  /** The case name: the plugin, and the scoring strategy for NodeResourcesFit. */
  name: string;
  plugin: string;
  profile: string;
}

/** The score plugins of kube-scheduler's default profile, and NodeResourcesFit's three strategies. */
export const PLUGIN_CASES: readonly PluginCase[] = [
  { name: 'NodeResourcesFit/LeastAllocated', plugin: 'NodeResourcesFit', profile: 'default-scheduler' },
  { name: 'NodeResourcesFit/MostAllocated', plugin: 'NodeResourcesFit', profile: 'most-allocated' },
  { name: 'NodeResourcesFit/RequestedToCapacityRatio', plugin: 'NodeResourcesFit', profile: 'requested-to-capacity-ratio' },
  { name: 'NodeResourcesBalancedAllocation', plugin: 'NodeResourcesBalancedAllocation', profile: 'default-scheduler' },
  { name: 'ImageLocality', plugin: 'ImageLocality', profile: 'default-scheduler' },
  { name: 'TaintToleration', plugin: 'TaintToleration', profile: 'default-scheduler' },
  { name: 'NodeAffinity', plugin: 'NodeAffinity', profile: 'default-scheduler' },
  { name: 'InterPodAffinity', plugin: 'InterPodAffinity', profile: 'default-scheduler' },
  { name: 'PodTopologySpread', plugin: 'PodTopologySpread', profile: 'default-scheduler' },
];

/** One plugin's scoring of every node, ready to run repeatedly. */
export interface ScorePass {
  readonly nodes: number;
  /** PreScore, Score over every node (the scoreNodes fast path when the plugin has one), NormalizeScore. */
  run(): Float64Array;
}

/**
 * A plugin's whole scoring of one pod against every node, as upstream's
 * plugin benchmarks time it (e.g. podtopologyspread's
 * BenchmarkTestPodTopologySpreadScore): a fresh CycleState, PreScore, Score
 * for each node, NormalizeScore — as prioritizeNodes calls them.
 */
export function scorePass(scheduler: Scheduler, c: PluginCase): ScorePass {
  const fw = scheduler.framework(c.profile);
  if (fw === undefined) throw new Error(`no profile ${c.profile}`);
  const plugin: ScorePlugin | undefined = fw.plugins.score.find((p) => p.plugin.name === c.plugin)?.plugin;
  if (plugin === undefined) throw new Error(`profile ${c.profile} has no Score plugin ${c.plugin}`);
  const pre: PreScorePlugin | undefined = fw.plugins.preScore.find((p) => p.name === c.plugin);
  const nodes: readonly NodeInfo[] = scheduler.cache.nodeInfoList();
  const rows = Int32Array.from(scheduler.cache.scanRows().subarray(0, nodes.length));
  const m = nodes.length;
  const out = new Float64Array(m);
  const pod = new PodInfo(scoredPod());
  return {
    nodes: m,
    run(): Float64Array {
      const state = new CycleState();
      if (pre !== undefined) {
        const s = pre.preScore(state, pod, nodes);
        if (s !== null) throw new Error(`${c.name}: PreScore returned ${s.message() || s.code}: the table should make it score`);
      }
      if (plugin.scoreNodes !== undefined) plugin.scoreNodes(state, pod, rows, m, out);
      else for (let i = 0; i < m; i++) out[i] = plugin.score(state, pod, nodes[i]!);
      if (plugin.normalizeScore !== undefined) {
        const s = plugin.normalizeScore(state, pod, { nodes, scores: out, length: m });
        if (s !== null) throw new Error(`${c.name}: NormalizeScore: ${s.message()}`);
      }
      return out;
    },
  };
}

/**
 * The plugins suite: each score plugin's scoring, in nanoseconds per node, on
 * a 5,000-node table (two existing pods per node), and the GPU-sharing score
 * plugins on a 5,000-node GPU table (cases `gpu/...`, see gpuPlugins.ts).
 * Each sample is tinybench's median over whole passes; the cases take turns.
 */
export const pluginsSuite: Suite = {
  name: 'plugins',
  description: "each score plugin's PreScore + Score + NormalizeScore per node on a 5,000-node table (and the GPU plugins' on a GPU table)",
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options, DEFAULT_MICRO_SAMPLES);
    const timeMs = options.timeMs ?? SAMPLE_MS;
    const size = options.small === true ? SMALL_NODES : PLUGIN_TABLE_NODES;
    const scheduler = pluginTable(size);
    const gpus = gpuTable(size);
    const cases = [...PLUGIN_CASES, ...GPU_PLUGIN_CASES];
    const passes = [...PLUGIN_CASES.map((c) => scorePass(scheduler, c)), ...GPU_PLUGIN_CASES.map((c) => gpuScorePass(gpus, c))];
    // Passes per timed iteration: enough for 1 ms, so the timer's resolution does not show in fast plugins.
    const reps = passes.map((pass) => {
      pass.run();
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 5) {
        pass.run();
        n++;
      }
      return Math.max(1, Math.ceil(n / 5));
    });
    const rows: BenchRow[][] = cases.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (const [i, c] of cases.entries()) {
        const pass = passes[i]!;
        const r = reps[i]!;
        const iteration = (): void => {
          for (let k = 0; k < r; k++) consume(pass.run()[0]!);
        };
        const ms = await tinySample(c.name, iteration, { timeMs, iterations: 5, warmup: s === 0 });
        rows[i]!.push({ suite: 'plugins', case: c.name, metric: 'ns_per_node', value: Math.round((ms * 1e6 * 10) / (r * pass.nodes)) / 10, unit: 'ns' });
      }
    }
    return rows.flat();
  },
};
