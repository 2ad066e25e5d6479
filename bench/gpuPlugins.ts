/**
 * The GPU-sharing score plugins (src/scheduler/plugins/gpu/: the FGD paper's
 * FGDScore and its baselines) on a 5,000-node GPU table. They memoise scores
 * per node-table row generation and pod shape, so a second pass over an
 * unchanged table would time memo hits; each pass here builds the plugin
 * afresh (empty memo) from its registry entry, which times the scoring of
 * every row — what a cycle pays when pod shapes change.
 */
import type { Node, Pod } from '../src/api/types.js';
import { Simulation } from '../src/engine/Simulation.js';
import { GPU_COUNT_RESOURCE, GPU_MODEL_LABEL, POD_GPU_COUNT_ANNOTATION, POD_GPU_INDEX_ANNOTATION, POD_GPU_MILLI_ANNOTATION } from '../src/gpu/types.js';
import { dryRunHandle } from '../src/scheduler/config/load.js';
import { createScheduler } from '../src/scheduler/createScheduler.js';
import { CycleState } from '../src/scheduler/framework/CycleState.js';
import type { Handle, PreScorePlugin, ScorePlugin } from '../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../src/scheduler/framework/PodInfo.js';
import { inTreeRegistry } from '../src/scheduler/plugins/registry.js';
import { loadBuiltinPolicy } from '../src/scheduler/policies/resolvePolicy.js';
import type { Scheduler } from '../src/scheduler/Scheduler.js';
import { StandaloneHost } from '../src/scheduler/StandaloneHost.js';
import type { PluginCase, ScorePass } from './plugins.js';

/** GPU models and counts, dealt round-robin (the mix of an Alibaba GPU cluster trace). */
const MODELS = ['V100M16', 'V100M32', 'P100', 'T4', 'A10'] as const;
const GPU_COUNTS = [8, 4, 2, 1] as const;

/** The GPU score plugins, by registry name. */
export const GPU_PLUGINS = ['FGDScore', 'DotProductScore', 'GpuClusteringScore', 'GpuPackingScore', 'BestFitScore', 'RandomScore'] as const;

/** FGDScore's target workload: the typical pods it keeps room for. */
const FGD_ARGS = {
  targetWorkload: [
    { cpuMilli: 4000, gpuMilli: 500, numGpu: 1, weight: 0.4 },
    { cpuMilli: 8000, gpuMilli: 1000, numGpu: 1, weight: 0.3 },
    { cpuMilli: 16000, gpuMilli: 1000, numGpu: 2, weight: 0.2 },
    { cpuMilli: 32000, gpuMilli: 1000, numGpu: 8, weight: 0.1 },
  ],
};

function gpuNode(i: number): Node {
  const name = `gpu-node-${String(i).padStart(5, '0')}`;
  const gpus = String(GPU_COUNTS[i % GPU_COUNTS.length]!);
  const resources = { cpu: '96', memory: '512Gi', pods: '110', [GPU_COUNT_RESOURCE]: gpus };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, [GPU_MODEL_LABEL]: MODELS[i % MODELS.length]! } },
    spec: {},
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** A pod bound to `node` holding `milli` of GPU `index` (a sharing pod when milli < 1000). */
function gpuPod(name: string, node: string, cpu: string, milli: number, index: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      annotations: { [POD_GPU_MILLI_ANNOTATION]: String(milli), [POD_GPU_COUNT_ANNOTATION]: '1', [POD_GPU_INDEX_ANNOTATION]: String(index) },
    },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'registry.example/train:1', resources: { requests: { cpu, memory: '16Gi' } } }] },
  };
}

/** A scheduler over `nodes` GPU nodes: each with a sharing pod on GPU 0 and, with 2+ GPUs, a whole-GPU pod on GPU 1. */
export function gpuTable(nodes: number): Scheduler {
  const sim = new Simulation({ seed: 1 });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, loadBuiltinPolicy('default'));
  host.attach(scheduler);
  for (let i = 0; i < nodes; i++) {
    const node = gpuNode(i);
    scheduler.addNode(node);
    const name = node.metadata.name!;
    host.create(gpuPod(`share-${i}`, name, `${2 + (i % 7)}`, 200 + (i % 6) * 100, 0));
    if (GPU_COUNTS[i % GPU_COUNTS.length]! >= 2) host.create(gpuPod(`whole-${i}`, name, '8', 1000, 1));
  }
  sim.run();
  return scheduler;
}

/** The pod scored: one GPU shared at 500 milli, 4 cpu. */
function scoredGpuPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'scored-gpu', namespace: 'default', uid: 'uid-scored-gpu', annotations: { [POD_GPU_MILLI_ANNOTATION]: '500', [POD_GPU_COUNT_ANNOTATION]: '1' } },
    spec: { containers: [{ name: 'c', image: 'registry.example/infer:1', resources: { requests: { cpu: '4', memory: '8Gi' } } }] },
  };
}

/** The GPU cases of the plugins suite. */
export const GPU_PLUGIN_CASES: readonly PluginCase[] = GPU_PLUGINS.map((plugin) => ({ name: `gpu/${plugin}`, plugin, profile: '' }));

/** One GPU plugin's scoring of every node, with a fresh plugin (empty memo) each pass. */
export function gpuScorePass(scheduler: Scheduler, c: PluginCase): ScorePass {
  const module = inTreeRegistry().get(c.plugin);
  if (module === undefined) throw new Error(`no plugin ${c.plugin} in the registry`);
  const raw = c.plugin === 'FGDScore' ? FGD_ARGS : undefined;
  const args = module.defaultArgs === undefined ? raw : module.defaultArgs(raw);
  const handle: Handle = { ...dryRunHandle(), snapshot: scheduler.cache, random: new Simulation({ seed: 1 }).random.stream('bench/gpu') };
  const nodes = scheduler.cache.nodeInfoList();
  const m = nodes.length;
  const rows = Int32Array.from(scheduler.cache.scanRows().subarray(0, m));
  const out = new Float64Array(m);
  const pod = new PodInfo(scoredGpuPod());
  return {
    nodes: m,
    run(): Float64Array {
      const plugin = module.factory(args, handle) as ScorePlugin & Partial<PreScorePlugin>;
      const state = new CycleState();
      if (plugin.preScore !== undefined) {
        const s = plugin.preScore(state, pod, nodes);
        if (s !== null) throw new Error(`${c.name}: PreScore returned ${s.message() || s.code}`);
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
