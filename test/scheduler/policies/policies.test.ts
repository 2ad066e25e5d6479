/**
 * The built-in policies: their resolved plugin lists, weights and args, and
 * what each does to a small cluster through the real framework
 * (findNodesThatFitPod → prioritizeNodes → selectHost).
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import { RandomStreams } from '../../../src/engine/RandomStreams.js';
import type { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import { buildProfiles, loadConfiguration, type LoadedConfiguration } from '../../../src/scheduler/config/load.js';
import { inTreeRegistry } from '../../../src/scheduler/plugins/registry.js';
import type { TieBreakSpec } from '../../../src/scheduler/config/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { Framework } from '../../../src/scheduler/framework/Framework.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { BUILTIN_POLICIES } from '../../../src/scheduler/policies/builtins.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';
import { findNodesThatFitPod, prioritizeNodes, selectHost, type CycleContext } from '../../../src/scheduler/schedulePod.js';
import { compact, issuesOf } from '../config/helpers.js';
import { makeCache, makeHandle, makeNode, makePod } from '../fixtures.js';

const FILTERS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'VolumeRestrictions',
  'NodeVolumeLimits',
  'VolumeBinding',
  'VolumeZone',
  'PodTopologySpread',
  'InterPodAffinity',
  'DynamicResources',
];
const PRE_FILTERS = ['NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources'];
const COMMON = {
  preEnqueue: ['SchedulingGates', 'DynamicResources'],
  queueSort: ['PrioritySort'],
  preFilter: PRE_FILTERS,
  filter: FILTERS,
  postFilter: ['DynamicResources', 'DefaultPreemption'],
  reserve: ['VolumeBinding', 'DynamicResources'],
  preBind: ['VolumeBinding', 'DynamicResources'],
  bind: ['DefaultBinder'],
};
const DEFAULT_PRE_SCORE = ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation'];
const DEFAULT_SCORE = [
  'TaintToleration:3',
  'NodeAffinity:2',
  'NodeResourcesFit:1',
  'VolumeBinding:1',
  'PodTopologySpread:2',
  'InterPodAffinity:2',
  'NodeResourcesBalancedAllocation:1',
  'ImageLocality:1',
];

function fitArgs(loaded: LoadedConfiguration): unknown {
  return loaded.config.profiles[0]!.pluginConfig.find((c) => c.name === 'NodeResourcesFit')?.args;
}

describe('resolved plugin lists, weights and args', () => {
  it('lists the built-ins in DESIGN.md order', () => {
    expect(BUILTIN_POLICIES.map((p) => p.name)).toEqual([
      'default',
      'least-allocated',
      'most-allocated',
      'balanced-allocation',
      'requested-to-capacity-ratio',
      'random',
      'dot-product',
      'gpu-clustering',
      'gpu-packing',
      'best-fit',
      'fgd',
    ]);
  });

  it('default: the v1.34.1 default profile and its default args', () => {
    const loaded = loadBuiltinPolicy('default');
    expect(compact(loaded.listed[0]!)).toEqual({ ...COMMON, preScore: DEFAULT_PRE_SCORE, score: DEFAULT_SCORE });
    const p = loaded.config.profiles[0]!;
    expect(p.schedulerName).toBe('default-scheduler');
    expect(p.percentageOfNodesToScore).toBeUndefined();
    expect(p.tieBreak).toEqual({ type: 'random' });
    expect(p.pluginConfig.map((c) => [c.name, c.argsKind])).toEqual([
      ['DefaultPreemption', 'DefaultPreemptionArgs'],
      ['DynamicResources', 'DynamicResourcesArgs'],
      ['InterPodAffinity', 'InterPodAffinityArgs'],
      ['NodeAffinity', 'NodeAffinityArgs'],
      ['NodeResourcesBalancedAllocation', 'NodeResourcesBalancedAllocationArgs'],
      ['NodeResourcesFit', 'NodeResourcesFitArgs'],
      ['PodTopologySpread', 'PodTopologySpreadArgs'],
      ['VolumeBinding', 'VolumeBindingArgs'],
    ]);
    expect(p.pluginConfig.find((c) => c.name === 'DefaultPreemption')!.args).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(p.pluginConfig.find((c) => c.name === 'InterPodAffinity')!.args).toMatchObject({ hardPodAffinityWeight: 1 });
    expect(p.pluginConfig.find((c) => c.name === 'PodTopologySpread')!.args).toMatchObject({ defaultingType: 'System' });
    expect(p.pluginConfig.find((c) => c.name === 'VolumeBinding')!.args).toEqual({ bindTimeoutSeconds: 600 });
    expect(fitArgs(loaded)).toMatchObject({ scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } });
    expect(loaded.config).toMatchObject({ parallelism: 16, percentageOfNodesToScore: 0, podInitialBackoffSeconds: 1, podMaxBackoffSeconds: 10 });
  });

  it('least-allocated: the default lists; Fit LeastAllocated on cpu and memory', () => {
    const loaded = loadBuiltinPolicy('least-allocated');
    expect(compact(loaded.listed[0]!)).toEqual({ ...COMMON, preScore: DEFAULT_PRE_SCORE, score: DEFAULT_SCORE });
    expect(fitArgs(loaded)).toMatchObject({ scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } });
  });

  it('most-allocated: the default lists; Fit MostAllocated', () => {
    const loaded = loadBuiltinPolicy('most-allocated');
    expect(compact(loaded.listed[0]!)).toEqual({ ...COMMON, preScore: DEFAULT_PRE_SCORE, score: DEFAULT_SCORE });
    expect(fitArgs(loaded)).toMatchObject({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } });
  });

  it('balanced-allocation: Fit neither pre-scores nor scores; BalancedAllocation is the only resource score', () => {
    const loaded = loadBuiltinPolicy('balanced-allocation');
    expect(compact(loaded.listed[0]!)).toEqual({
      ...COMMON,
      preScore: DEFAULT_PRE_SCORE.filter((n) => n !== 'NodeResourcesFit'),
      score: DEFAULT_SCORE.filter((n) => !n.startsWith('NodeResourcesFit')),
    });
    expect(loaded.listed[0]!.filter.map((p) => p.name)).toContain('NodeResourcesFit');
  });

  it('requested-to-capacity-ratio: Fit with the documented shape', () => {
    const loaded = loadBuiltinPolicy('requested-to-capacity-ratio');
    expect(compact(loaded.listed[0]!)).toEqual({ ...COMMON, preScore: DEFAULT_PRE_SCORE, score: DEFAULT_SCORE });
    expect(fitArgs(loaded)).toMatchObject({
      scoringStrategy: {
        type: 'RequestedToCapacityRatio',
        resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
        requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] },
      },
    });
  });

  it('random: no PreScore, EqualScore the only Score plugin, every node filtered', () => {
    const loaded = loadBuiltinPolicy('random');
    // GPU-aware: GpuShare filters GPU fit and picks a sharing pod's GPU at random at Reserve.
    expect(compact(loaded.listed[0]!)).toEqual({ ...COMMON, filter: [...FILTERS, 'GpuShare'], reserve: [...COMMON.reserve, 'GpuShare'], score: ['EqualScore:1'] });
    expect(loaded.config.profiles[0]!.percentageOfNodesToScore).toBe(100);
    expect(loaded.config.profiles[0]!.pluginConfig.find((c) => c.name === 'GpuShare')!.args).toEqual({ gpuSelection: 'Random' });
    expect(loaded.config.profiles[0]!.tieBreak).toEqual({ type: 'random' });
  });

  for (const [policy, plugin] of [
    ['dot-product', 'DotProductScore'],
    ['gpu-clustering', 'GpuClusteringScore'],
    ['gpu-packing', 'GpuPackingScore'],
    ['best-fit', 'BestFitScore'],
    ['fgd', 'FGDScore'],
  ] as const) {
    it(`${policy}: GpuShare filter, ${plugin} alone at weight 1000, no preemption, every node scored, permutation ties`, () => {
      const loaded = loadBuiltinPolicy(policy);
      const reserve = [...COMMON.reserve, 'GpuShare', ...(plugin === 'FGDScore' ? ['FGDScore'] : [])];
      const { postFilter: _none, ...common } = COMMON;
      expect(compact(loaded.listed[0]!)).toEqual({ ...common, filter: [...FILTERS, 'GpuShare'], reserve, score: [`${plugin}:1000`] });
      const profile = loaded.config.profiles[0]!;
      expect(profile.percentageOfNodesToScore).toBe(100);
      expect(profile.tieBreak).toEqual({ type: 'permutation', stream: 'permutation' });
      expect(profile.pluginConfig.find((c) => c.name === 'GpuShare')!.args).toEqual({ gpuSelection: 'BestFit' });
      if (plugin === 'FGDScore') expect(profile.pluginConfig.find((c) => c.name === 'FGDScore')!.args).toEqual({ targetWorkload: [] });
    });
  }
});

// ---- behaviour on a small cluster ----------------------------------------------------

const alloc = { cpu: '4', memory: '8Gi', pods: '110' };
/** a: 75 % used on both; b: empty; c: 25 % cpu, 75 % memory. */
function cluster(): { nodes: Node[]; pods: Pod[] } {
  return {
    nodes: ['a', 'b', 'c'].map((n) => makeNode(n, { allocatable: alloc })),
    pods: [makePod('on-a', { nodeName: 'a', requests: { cpu: '3', memory: '6Gi' } }), makePod('on-c', { nodeName: 'c', requests: { cpu: '1', memory: '6Gi' } })],
  };
}
const incoming = (): Pod => makePod('incoming', { requests: { cpu: '500m', memory: '1Gi' } });

/** Schedules one pod with a policy; returns the chosen node and the totals by node. */
function place(policy: string, seed = 1, tieBreak?: TieBreakSpec): { node: string; totals: Record<string, number> } {
  const { nodes, pods } = cluster();
  const cache: SchedulerCache = makeCache(nodes, pods);
  const handle = makeHandle(cache, undefined, seed);
  const streams = new RandomStreams(seed);
  const [profile] = buildProfiles(loadBuiltinPolicy(policy), () => handle, tieBreak === undefined ? { random: streams.stream('scheduler') } : { tieBreak, random: streams.stream('scheduler') });
  const framework = new Framework(profile!);
  const ctx: CycleContext = {
    framework,
    snapshot: cache,
    state: new CycleState(),
    pod: new PodInfo(incoming()),
    nominator: null,
    percentageOfNodesToScore: 0,
    nextStartNodeIndex: 0,
    random: streams.stream('scheduler/select-host'),
  };
  const fit = findNodesThatFitPod(ctx);
  expect(fit.error).toBeNull();
  const scored = prioritizeNodes(ctx, fit.feasible);
  expect(scored.error).toBeNull();
  const i = selectHost(ctx, fit.feasible, scored.totals);
  const totals: Record<string, number> = {};
  fit.feasible.forEach((n, k) => (totals[n.name] = scored.totals[k]!));
  return { node: fit.feasible[i]!.name, totals };
}

describe('what each policy does', () => {
  it('default / least-allocated spread: the empty node wins', () => {
    expect(place('default').node).toBe('b');
    expect(place('least-allocated').node).toBe('b');
    expect(place('least-allocated').totals).toEqual(place('default').totals);
  });

  it('most-allocated packs: the fullest node wins', () => {
    expect(place('most-allocated').node).toBe('a');
  });

  it('requested-to-capacity-ratio with {0:0, 100:10} packs too', () => {
    expect(place('requested-to-capacity-ratio').node).toBe('a');
  });

  it('balanced-allocation: a and b are both balanced after placement and tie; c is not', () => {
    const r = place('balanced-allocation');
    expect(r.totals['a']).toBe(r.totals['b']);
    expect(r.totals['c']).toBeLessThan(r.totals['a']!);
    const chosen = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => place('balanced-allocation', s).node));
    expect([...chosen].sort()).toEqual(['a', 'b']);
    expect(place('balanced-allocation', 1, { type: 'nodeName' }).node).toBe('a');
  });

  it('random: every feasible node ties and each gets picked over seeds', () => {
    const r = place('random');
    expect(r.totals).toEqual({ a: 0, b: 0, c: 0 });
    const picks = new Map<string, number>();
    for (let s = 0; s < 60; s++) {
      const n = place('random', s).node;
      picks.set(n, (picks.get(n) ?? 0) + 1);
    }
    expect([...picks.keys()].sort()).toEqual(['a', 'b', 'c']);
    // Same seed, same pick.
    expect(place('random', 7).node).toBe(place('random', 7).node);
  });

  it('random with a permutation tie-break: a fixed order per seed', () => {
    const one = place('random', 3, { type: 'permutation', stream: 'p' }).node;
    for (let k = 0; k < 3; k++) expect(place('random', 3, { type: 'permutation', stream: 'p' }).node).toBe(one);
    const chosen = new Set(Array.from({ length: 30 }, (_, s) => place('random', s, { type: 'permutation', stream: 'p' }).node));
    expect(chosen.size).toBeGreaterThan(1);
  });
});

describe('args of the real plugins', () => {
  const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- pluginConfig:\n';
  const load = (text: string) => loadConfiguration(text, { file: 'sched.yaml', registry: inTreeRegistry() });

  it('an unknown args field is a strict decoding error, at its line', () => {
    expect(issuesOf(() => load(`${HEAD}  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n        resources:\n        - name: cpu\n          wieght: 2\n`))).toEqual([
      '11: decoding .profiles[0].pluginConfig[0]: decoding args for plugin NodeResourcesFit: strict decoding error: unknown field "scoringStrategy.resources[0].wieght"',
    ]);
    expect(issuesOf(() => load(`${HEAD}  - name: InterPodAffinity\n    args:\n      hardPodAfinityWeight: 2\n`))).toEqual([
      '7: decoding .profiles[0].pluginConfig[0]: decoding args for plugin InterPodAffinity: strict decoding error: unknown field "hardPodAfinityWeight"',
    ]);
    // A nil (null) field is not unknown.
    expect(load(`${HEAD}  - name: NodeAffinity\n    args:\n      addedAffinity: null\n`).config.profiles[0]!.pluginConfig[0]!.args).toEqual({});
  });

  it("the plugins' own validation, with the full field path", () => {
    expect(issuesOf(() => load(`${HEAD}  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n        resources:\n        - name: cpu\n          weight: 200\n`))).toEqual([
      '11: profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 200: resource weight of cpu not in valid range (0, 100]',
    ]);
    expect(issuesOf(() => load(`${HEAD}  - name: DefaultPreemption\n    args:\n      minCandidateNodesPercentage: 101\n`))[0]).toMatch(
      /^7: profiles\[0\]\.pluginConfig\[0\]\.args\.minCandidateNodesPercentage: Invalid value: 101: /,
    );
  });
});
