/** Nodes with GPUs and GPU pods for the GPU plugin tests. */
import type { Node, Pod } from '../../../../src/api/types.js';
import type { SchedulerCache } from '../../../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import type { ScorePlugin } from '../../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { makeNode, makePod } from '../../fixtures.js';

/** A node with `cpu` milli-cores and `gpus` GPUs of `model` (no GPU resource when 0). */
export function gpuNode(name: string, cpuMilli: number, gpus: number, model = 'V100M16'): Node {
  const allocatable: Record<string, string> = { cpu: `${cpuMilli}m`, memory: '512Gi', pods: '110' };
  if (gpus > 0) allocatable['nvidia.com/gpu'] = String(gpus);
  return makeNode(name, { allocatable, labels: gpus > 0 ? { 'nvidia.com/gpu.product': model } : {} });
}

/** A pod asking `numGpu` × `gpuMilli` (and cpu), optionally restricted to models, optionally bound to GPUs of a node. */
export function gpuPod(name: string, cpuMilli: number, numGpu: number, gpuMilli: number, o: { models?: string[]; node?: string; index?: number[] } = {}): Pod {
  const p = makePod(name, { requests: { cpu: `${cpuMilli}m`, memory: '1Gi' }, ...(o.node === undefined ? {} : { nodeName: o.node }) });
  const a: Record<string, string> = {};
  if (numGpu > 0) {
    a['gpu.kubesim.io/count'] = String(numGpu);
    a['gpu.kubesim.io/milli'] = String(gpuMilli);
  }
  if (o.models !== undefined) a['gpu.kubesim.io/models'] = o.models.join('|');
  if (o.index !== undefined) a['gpu.kubesim.io/gpu-index'] = o.index.join(',');
  p.metadata.annotations = a;
  return p;
}

/** Raw scores of every node of the cache, by the generic Score and by the fast path (they must agree). */
export function scoresOf(plugin: ScorePlugin, cache: SchedulerCache, pod: Pod): { score: Record<string, number>; fast: Record<string, number> } {
  const info = new PodInfo(pod);
  const state = new CycleState();
  const nodes = cache.nodeInfoList();
  const score: Record<string, number> = {};
  for (const n of nodes) score[n.name] = plugin.score(state, info, n);
  const rows = cache.scanRows();
  const out = new Float64Array(rows.length);
  plugin.scoreNodes!(state, info, rows, rows.length, out);
  const fast: Record<string, number> = {};
  nodes.forEach((n, k) => (fast[n.name] = out[k]!));
  return { score, fast };
}
