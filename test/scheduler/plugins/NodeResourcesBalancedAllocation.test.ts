/**
 * NodeResourcesBalancedAllocation: upstream's balanced_allocation_test.go
 * (TestNodeResourcesBalancedAllocation, without its DRA cases),
 * validation_pluginargs_test.go's TestValidateNodeResourcesBalancedAllocationArgs,
 * the kube-scheduler-cases.json cases, and fast path = per-node path on random
 * clusters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, ResourceList } from '../../../src/api/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import {
  NodeResourcesBalancedAllocation,
  NodeResourcesBalancedAllocationPlugin,
} from '../../../src/scheduler/plugins/NodeResourcesBalancedAllocation.js';
import type { ResourceSpec } from '../../../src/scheduler/plugins/noderesources/ResourceSpec.js';
import { loadCases } from '../cases/caseFiles.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { caseCluster, container, node, pod, reqPod, resNode, scoreBoth } from './noderesourcesTestUtil.js';

const defaultSet: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
const withGPU: ResourceSpec[] = [...defaultSet, { name: 'nvidia.com/gpu', weight: 1 }];

function plugin(cache: ReturnType<typeof makeCache>, raw: unknown): NodeResourcesBalancedAllocationPlugin {
  const args = NodeResourcesBalancedAllocation.defaultArgs!(raw);
  return NodeResourcesBalancedAllocation.factory(args, makeHandle(cache)) as NodeResourcesBalancedAllocationPlugin;
}

// The pod specs of the Go test.
const cpuAndMemory = (nodeName?: string): Pod =>
  pod([container({ cpu: '1000m', memory: '2000' }), container({ cpu: '2000m', memory: '3000' })], nodeName === undefined ? {} : { nodeName });
const cpuOnly = (nodeName?: string): Pod =>
  pod([container({ cpu: '1000m', memory: '0' }), container({ cpu: '2000m', memory: '0' })], nodeName === undefined ? {} : { nodeName });
const cpuAndMemoryAndGPU = (nodeName?: string): Pod =>
  pod([container({ cpu: '1000m', memory: '2000' }), container({ cpu: '2000m', memory: '3000', 'nvidia.com/gpu': '3' })], nodeName === undefined ? {} : { nodeName });

interface Case {
  name: string;
  pod: Pod;
  nodes: ReturnType<typeof resNode>[];
  pods?: Pod[];
  resources: ResourceSpec[];
  runPreScore: boolean;
  preScore?: Code;
  expected?: number[];
}

const cases: Case[] = [
  {
    name: 'nothing scheduled, nothing requested, skip in PreScore',
    pod: pod([]),
    nodes: [resNode('node1', 4000, 10000), resNode('node2', 4000, 10000)],
    resources: defaultSet,
    runPreScore: true,
    preScore: Code.Skip,
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: cpuAndMemory('node2'),
    nodes: [resNode('node1', 4000, 10000), resNode('node2', 6000, 10000)],
    resources: defaultSet,
    runPreScore: true,
    expected: [87, 100],
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: cpuAndMemory('node2'),
    nodes: [resNode('node1', 10000, 20000), resNode('node2', 10000, 20000)],
    pods: [cpuOnly('node1'), cpuAndMemory('node2')],
    resources: defaultSet,
    runPreScore: true,
    expected: [82, 95],
  },
  {
    name: 'resources requested, pods scheduled with resources, differently sized nodes',
    pod: cpuAndMemory('node2'),
    nodes: [resNode('node1', 10000, 20000), resNode('node2', 10000, 50000)],
    pods: [cpuOnly('node1'), cpuAndMemory('node2')],
    resources: defaultSet,
    runPreScore: true,
    expected: [82, 80],
  },
  {
    name: 'requested resources at node capacity',
    pod: cpuOnly('node1'),
    nodes: [resNode('node1', 6000, 10000), resNode('node2', 6000, 10000)],
    pods: [cpuOnly('node1'), cpuAndMemory('node2')],
    resources: defaultSet,
    runPreScore: true,
    expected: [50, 75],
  },
  {
    name: 'include scalar resource on a node for balanced resource allocation',
    pod: reqPod({ memory: '0', 'nvidia.com/gpu': '1' }),
    nodes: [resNode('node1', 3500, 40000, { 'nvidia.com/gpu': 8 }), resNode('node2', 3500, 40000, { 'nvidia.com/gpu': 8 })],
    pods: [cpuAndMemory('node2'), cpuAndMemoryAndGPU('node1')],
    resources: withGPU,
    runPreScore: true,
    expected: [70, 65],
  },
  {
    name: 'node without the scalar resource should skip the scalar resource',
    pod: cpuAndMemory('node2'),
    nodes: [resNode('node1', 3500, 40000, { 'nvidia.com/gpu': 8 }), resNode('node2', 3500, 40000)],
    pods: [],
    resources: withGPU,
    runPreScore: true,
    expected: [63, 63],
  },
  {
    name: 'resources requested, pods scheduled with resources if PreScore not called',
    pod: cpuAndMemory('node2'),
    nodes: [resNode('node1', 10000, 20000), resNode('node2', 10000, 20000)],
    pods: [cpuOnly('node1'), cpuAndMemory('node2')],
    resources: defaultSet,
    runPreScore: false,
    expected: [82, 95],
  },
  {
    name: 'a best-effort pod scores 0 when PreScore did not run (kubesim: upstream Score fallback)',
    pod: pod([container()]),
    nodes: [resNode('node1', 10000, 20000), resNode('node2', 10000, 20000)],
    pods: [cpuOnly('node1')],
    resources: defaultSet,
    runPreScore: false,
    expected: [0, 0],
  },
  {
    name: 'the non-zero defaults do not count: a pod with one container without requests is best-effort (kubesim)',
    pod: pod([container(), container({ 'nvidia.com/gpu': '1' })]),
    nodes: [resNode('node1', 10000, 20000)],
    resources: defaultSet,
    runPreScore: true,
    preScore: Code.Skip,
  },
];

describe('NodeResourcesBalancedAllocation: TestNodeResourcesBalancedAllocation', () => {
  for (const c of cases) {
    it(c.name, () => {
      const cache = makeCache(c.nodes, c.pods ?? []);
      const p = plugin(cache, { resources: c.resources });
      const state = new CycleState();
      const info = new PodInfo(c.pod);
      if (c.runPreScore) {
        const s = p.preScore(state, info);
        expect(s === null ? Code.Success : s.code).toBe(c.preScore ?? Code.Success);
        if (s !== null) return;
      }
      const infos = c.nodes.map((n) => cache.get(n.metadata.name!)!);
      expect(scoreBoth(p, state, info, infos)).toEqual(c.expected);
    });
  }
});

describe('NodeResourcesBalancedAllocation: std with three resources is the population std in float64', () => {
  it('matches the Go formula computed step by step', () => {
    // node1 of "include scalar resource": fractions 3000/3500, 5000/40000, 4/8.
    const f = [3000 / 3500, 5000 / 40000, 4 / 8];
    const mean = (f[0]! + f[1]! + f[2]!) / 3;
    let sum = 0;
    for (const x of f) sum = sum + (x - mean) * (x - mean);
    expect(Math.trunc((1 - Math.sqrt(sum / 3)) * 100)).toBe(70);
  });
});

describe('NodeResourcesBalancedAllocationArgs', () => {
  it('defaults: no resources → cpu and memory; weight 0 → 1', () => {
    expect(NodeResourcesBalancedAllocation.defaultArgs!(undefined)).toEqual({ resources: defaultSet });
    expect(NodeResourcesBalancedAllocation.defaultArgs!({ resources: [{ name: 'cpu' }, { name: 'nvidia.com/gpu', weight: 0 }] })).toEqual({
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'nvidia.com/gpu', weight: 1 },
      ],
    });
  });
  // TestValidateNodeResourcesBalancedAllocationArgs.
  it('valid config', () => {
    expect(NodeResourcesBalancedAllocation.validateArgs!({ resources: defaultSet })).toEqual([]);
  });
  it('invalid config', () => {
    expect(
      NodeResourcesBalancedAllocation.validateArgs!({
        resources: [
          { name: 'cpu', weight: 2 },
          { name: 'memory', weight: 1 },
        ],
      }),
    ).toEqual([{ path: 'resources[0].weight', message: 'Invalid value: 2: must be 1' }]);
  });
  it('repeated resources', () => {
    expect(
      NodeResourcesBalancedAllocation.validateArgs!({
        resources: [
          { name: 'cpu', weight: 1 },
          { name: 'cpu', weight: 1 },
        ],
      }),
    ).toEqual([{ path: 'resources[1].name', message: 'Duplicate value: "cpu"' }]);
  });
  it('the factory rejects invalid args', () => {
    expect(() => NodeResourcesBalancedAllocation.factory({ resources: [{ name: 'cpu', weight: 2 }] }, makeHandle(makeCache([])))).toThrow('resources[0].weight');
  });
});

describe('NodeResourcesBalancedAllocation: kube-scheduler-cases.json', () => {
  const all = loadCases()?.filter((c) => c.plugin === 'NodeResourcesBalancedAllocation');
  if (all === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(all.length).toBeGreaterThan(0));
  for (const c of all) {
    it(`${c.id}: ${c.source.name}`, () => {
      const { cache, pod: p, nodes } = caseCluster(c);
      const pl = plugin(cache, c.args);
      const state = new CycleState();
      const s = pl.preScore(state, p);
      expect(s === null ? 'Success' : Code[s.code]).toBe(c.expected.preScoreStatus ?? 'Success');
      if (c.expected.scores !== undefined) {
        const got = scoreBoth(pl, state, p, nodes);
        expect(nodes.map((n, i) => ({ node: n.name, score: got[i] }))).toEqual(c.expected.scores);
      }
    });
  }
});

describe('NodeResourcesBalancedAllocation fast path = per-node path (random clusters)', () => {
  const GPU = 'nvidia.com/gpu';
  const arbReq = fc.record({
    cpu: fc.option(fc.integer({ min: 0, max: 16000 }), { nil: undefined }),
    mem: fc.option(fc.integer({ min: 0, max: 2 ** 36 }), { nil: undefined }),
    gpu: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  });
  const list = (r: { cpu: number | undefined; mem: number | undefined; gpu: number | undefined }): ResourceList | undefined => {
    const out: ResourceList = {};
    if (r.cpu !== undefined) out['cpu'] = `${r.cpu}m`;
    if (r.mem !== undefined) out['memory'] = String(r.mem);
    if (r.gpu !== undefined) out[GPU] = String(r.gpu);
    return Object.keys(out).length === 0 ? undefined : out;
  };
  it('scoreNodes agrees with score', () => {
    fc.assert(
      fc.property(
        fc.record({
          nodes: fc.array(
            fc.record({ cpu: fc.integer({ min: 0, max: 64000 }), mem: fc.integer({ min: 0, max: 2 ** 40 }), gpu: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) }),
            { minLength: 1, maxLength: 10 },
          ),
          pods: fc.array(fc.record({ node: fc.nat(), req: arbReq }), { maxLength: 25 }),
          incoming: arbReq,
          resources: fc.constantFrom(defaultSet, withGPU, [{ name: 'memory', weight: 1 }], [
            { name: GPU, weight: 1 },
            { name: 'cpu', weight: 1 },
          ]),
        }),
        (c) => {
          const nodes = c.nodes.map((r, i) => {
            const alloc: ResourceList = { cpu: `${r.cpu}m`, memory: String(r.mem), pods: '110' };
            if (r.gpu !== undefined) alloc[GPU] = String(r.gpu);
            return node(`n${i}`, alloc);
          });
          const existing = c.pods.map((p) => pod([container(list(p.req))], { nodeName: `n${p.node % nodes.length}` }));
          const cache = makeCache(nodes, existing);
          const pl = plugin(cache, { resources: c.resources });
          const info = new PodInfo(pod([container(list(c.incoming))]));
          const state = new CycleState();
          if (pl.preScore(state, info) !== null) return;
          for (const s of scoreBoth(pl, state, info, cache.nodeInfoList())) expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
