/**
 * NodeResourcesFit: upstream's fit_test.go (TestEnoughRequests,
 * TestPreFilterDisabled, TestNotEnoughRequests, TestStorageRequests, queueing
 * hints), least_allocated_test.go, most_allocated_test.go,
 * requested_to_capacity_ratio_test.go (TestRequestedToCapacityRatioScoringStrategy,
 * TestResourceBinPackingSingleExtended, TestResourceBinPackingMultipleExtended),
 * validation_pluginargs_test.go's NodeResourcesFitArgs tables, the
 * kube-scheduler-cases.json cases, and fast path = per-node path on random
 * clusters. Every filter and score below goes through both paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, ResourceList } from '../../../src/api/types.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, codeOf } from '../../../src/scheduler/framework/Status.js';
import { NodeResourcesFit, NodeResourcesFitPlugin, type NodeResourcesFitArgs } from '../../../src/scheduler/plugins/NodeResourcesFit.js';
import { leastRequestedScore } from '../../../src/scheduler/plugins/noderesources/leastAllocated.js';
import { mostRequestedScore } from '../../../src/scheduler/plugins/noderesources/mostAllocated.js';
import type { ResourceSpec } from '../../../src/scheduler/plugins/noderesources/ResourceSpec.js';
import { loadCases } from '../cases/caseFiles.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { caseCluster, container, filterBoth, node, on, pod, reqPod, resNode, scoreBoth, stNode } from './noderesourcesTestUtil.js';

const defaultResources: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
const extendedRes = 'abc.com/xyz';
const extendedResourceSet: ResourceSpec[] = [...defaultResources, { name: extendedRes, weight: 1 }];

function fitPlugin(cache: ReturnType<typeof makeCache>, raw: unknown = {}, gates = new FeatureGates()): NodeResourcesFitPlugin {
  const args = NodeResourcesFit.defaultArgs!(raw);
  return NodeResourcesFit.factory(args, makeHandle(cache, gates)) as NodeResourcesFitPlugin;
}

// ---- Filter -------------------------------------------------------------------

/** framework.Resource{...}.ResourceList(): cpu (milli), memory, pods 0, ephemeral-storage, scalars. */
function res(milliCPU: number, memory: number, scalars: Record<string, number> = {}, ephemeral = 0): ResourceList {
  const r: ResourceList = { cpu: `${milliCPU}m`, memory: String(memory), pods: '0', 'ephemeral-storage': String(ephemeral) };
  for (const [k, v] of Object.entries(scalars)) r[k] = String(v);
  return r;
}

/** newResourcePod(usage...): one container per usage. */
function resourcePod(...usage: ResourceList[]): Pod {
  return pod(usage.map((u) => container(u)));
}

/** newResourceInitPod(pod, usage...): the usages as init containers. */
function withInit(p: Pod, ...usage: ResourceList[]): Pod {
  return { ...p, spec: { ...p.spec, initContainers: usage.map((u) => container(u)) } };
}

const A = 'example.com/aaa';
const B = 'example.com/bbb';
const K8sA = 'kubernetes.io/something';
const K8sB = 'subdomain.kubernetes.io/something';
const H = 'hugepages-2Mi';

interface FilterCase {
  name: string;
  pod: Pod;
  existing: Pod;
  code: Code;
  reasons?: string[];
  args?: Partial<NodeResourcesFitArgs>;
}

const U = Code.Unschedulable;
const UU = Code.UnschedulableAndUnresolvable;
const OK = Code.Success;
const insufficient = (r: string): string => `Insufficient ${r}`;

// TestEnoughRequests (fit_test.go), v1.34 codes: a request above the node's allocatable is UnschedulableAndUnresolvable.
const enoughRequests: FilterCase[] = [
  { name: 'no resources requested always fits', pod: pod([]), existing: resourcePod(res(10, 20)), code: OK },
  {
    name: 'too many resources fails',
    pod: resourcePod(res(1, 1)),
    existing: resourcePod(res(10, 20)),
    code: U,
    reasons: [insufficient('cpu'), insufficient('memory')],
  },
  {
    name: "too many resources fails due to init container cpu",
    pod: withInit(resourcePod(res(1, 1)), res(3, 1)),
    existing: resourcePod(res(8, 19)),
    code: U,
    reasons: [insufficient('cpu')],
  },
  {
    name: 'too many resources fails due to highest init container cpu',
    pod: withInit(resourcePod(res(1, 1)), res(3, 1), res(2, 1)),
    existing: resourcePod(res(8, 19)),
    code: U,
    reasons: [insufficient('cpu')],
  },
  {
    name: 'too many resources fails due to init container memory',
    pod: withInit(resourcePod(res(1, 1)), res(1, 3)),
    existing: resourcePod(res(9, 19)),
    code: U,
    reasons: [insufficient('memory')],
  },
  {
    name: 'too many resources fails due to highest init container memory',
    pod: withInit(resourcePod(res(1, 1)), res(1, 3), res(1, 2)),
    existing: resourcePod(res(9, 19)),
    code: U,
    reasons: [insufficient('memory')],
  },
  {
    name: "init container fits because it's the max, not sum, of containers and init containers",
    pod: withInit(resourcePod(res(1, 1)), res(1, 1)),
    existing: resourcePod(res(9, 19)),
    code: OK,
  },
  {
    name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
    pod: withInit(resourcePod(res(1, 1)), res(1, 1), res(1, 1)),
    existing: resourcePod(res(9, 19)),
    code: OK,
  },
  { name: 'both resources fit', pod: resourcePod(res(1, 1)), existing: resourcePod(res(5, 5)), code: OK },
  { name: 'one resource memory fits', pod: resourcePod(res(2, 1)), existing: resourcePod(res(9, 5)), code: U, reasons: [insufficient('cpu')] },
  { name: 'one resource cpu fits', pod: resourcePod(res(1, 2)), existing: resourcePod(res(5, 19)), code: U, reasons: [insufficient('memory')] },
  { name: 'equal edge case', pod: resourcePod(res(5, 1)), existing: resourcePod(res(5, 19)), code: OK },
  { name: 'equal edge case for init container', pod: withInit(resourcePod(res(4, 1)), res(5, 1)), existing: resourcePod(res(5, 19)), code: OK },
  { name: 'extended resource fits', pod: resourcePod(res(0, 0, { [A]: 1 })), existing: resourcePod(res(0, 0)), code: OK },
  { name: 'extended resource fits for init container', pod: withInit(resourcePod(res(0, 0)), res(0, 0, { [A]: 1 })), existing: resourcePod(res(0, 0)), code: OK },
  {
    name: 'extended resource capacity enforced',
    pod: resourcePod(res(1, 1, { [A]: 10 })),
    existing: resourcePod(res(0, 0, { [A]: 0 })),
    code: UU,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource capacity enforced for init container',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [A]: 10 })),
    existing: resourcePod(res(0, 0, { [A]: 0 })),
    code: UU,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource allocatable enforced',
    pod: resourcePod(res(1, 1, { [A]: 1 })),
    existing: resourcePod(res(0, 0, { [A]: 5 })),
    code: U,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource allocatable enforced for init container',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [A]: 1 })),
    existing: resourcePod(res(0, 0, { [A]: 5 })),
    code: U,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource allocatable enforced for multiple containers',
    pod: resourcePod(res(1, 1, { [A]: 3 }), res(1, 1, { [A]: 3 })),
    existing: resourcePod(res(0, 0, { [A]: 2 })),
    code: UU,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource allocatable admits multiple init containers',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [A]: 3 }), res(1, 1, { [A]: 3 })),
    existing: resourcePod(res(0, 0, { [A]: 2 })),
    code: OK,
  },
  {
    name: 'extended resource allocatable enforced for multiple init containers',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [A]: 6 }), res(1, 1, { [A]: 3 })),
    existing: resourcePod(res(0, 0, { [A]: 2 })),
    code: UU,
    reasons: [insufficient(A)],
  },
  {
    name: 'extended resource allocatable enforced for unknown resource',
    pod: resourcePod(res(1, 1, { [B]: 1 })),
    existing: resourcePod(res(0, 0)),
    code: UU,
    reasons: [insufficient(B)],
  },
  {
    name: 'extended resource allocatable enforced for unknown resource for init container',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [B]: 1 })),
    existing: resourcePod(res(0, 0)),
    code: UU,
    reasons: [insufficient(B)],
  },
  {
    name: 'kubernetes.io resource capacity enforced',
    pod: resourcePod(res(1, 1, { [K8sA]: 10 })),
    existing: resourcePod(res(0, 0)),
    code: UU,
    reasons: [insufficient(K8sA)],
  },
  {
    name: 'kubernetes.io resource capacity enforced for init container',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [K8sB]: 10 })),
    existing: resourcePod(res(0, 0)),
    code: UU,
    reasons: [insufficient(K8sB)],
  },
  {
    name: 'hugepages resource capacity enforced',
    pod: resourcePod(res(1, 1, { [H]: 10 })),
    existing: resourcePod(res(0, 0, { [H]: 0 })),
    code: UU,
    reasons: [insufficient(H)],
  },
  {
    name: 'hugepages resource capacity enforced for init container',
    pod: withInit(resourcePod(res(0, 0)), res(1, 1, { [H]: 10 })),
    existing: resourcePod(res(0, 0, { [H]: 0 })),
    code: UU,
    reasons: [insufficient(H)],
  },
  {
    name: 'hugepages resource allocatable enforced for multiple containers',
    pod: resourcePod(res(1, 1, { [H]: 3 }), res(1, 1, { [H]: 3 })),
    existing: resourcePod(res(0, 0, { [H]: 2 })),
    code: UU,
    reasons: [insufficient(H)],
  },
  {
    name: 'skip checking ignored extended resource',
    pod: resourcePod(res(1, 1, { [B]: 1 })),
    existing: resourcePod(res(0, 0)),
    args: { ignoredResources: [B] },
    code: OK,
  },
  {
    name: 'resources + pod overhead fits',
    pod: { ...resourcePod(res(1, 1)), spec: { ...resourcePod(res(1, 1)).spec, overhead: { cpu: '3m', memory: '13' } } },
    existing: resourcePod(res(5, 5)),
    code: OK,
  },
  {
    name: 'requests + overhead does not fit for memory',
    pod: { ...resourcePod(res(1, 1)), spec: { ...resourcePod(res(1, 1)).spec, overhead: { cpu: '1m', memory: '15' } } },
    existing: resourcePod(res(5, 5)),
    code: U,
    reasons: [insufficient('memory')],
  },
  {
    name: 'skip checking ignored extended resource via resource groups',
    pod: resourcePod(res(1, 1, { [B]: 1 })),
    existing: resourcePod(res(0, 0)),
    args: { ignoredResourceGroups: ['example.com'] },
    code: OK,
  },
  {
    name: 'skip checking resource request with quantity zero',
    pod: resourcePod(res(1, 1, { [A]: 0 })),
    existing: resourcePod(res(0, 0, { [A]: 6 })),
    code: OK,
  },
  {
    name: 'skip checking extended resource request with quantity zero via resource groups',
    pod: resourcePod(res(1, 1, { [B]: 0 })),
    existing: resourcePod(res(0, 0)),
    args: { ignoredResourceGroups: ['example.com'] },
    code: OK,
  },
  {
    name: 'ignoredResources does not apply to hugepages (not an extended resource)',
    pod: resourcePod(res(1, 1, { [H]: 10 })),
    existing: resourcePod(res(0, 0)),
    args: { ignoredResources: [H] },
    code: UU,
    reasons: [insufficient(H)],
  },
  {
    name: 'a sidecar counts with the app containers (kubesim case)',
    pod: {
      ...resourcePod(res(1, 1)),
      spec: { ...resourcePod(res(1, 1)).spec, initContainers: [{ ...container(res(1, 1)), restartPolicy: 'Always' }] },
    },
    existing: resourcePod(res(9, 19)),
    code: U,
    reasons: [insufficient('cpu'), insufficient('memory')],
  },
];

function runFilter(nodeAlloc: ResourceList, c: FilterCase): { code: Code; reasons: readonly string[] } {
  const n = node('node', nodeAlloc);
  const cache = makeCache([n], [on(c.existing, 'node')]);
  const plugin = fitPlugin(cache, c.args ?? {});
  const state = new CycleState();
  const p = new PodInfo(c.pod);
  expect(plugin.preFilter(state, p).status).toBeNull();
  const info = cache.get('node')!;
  const [code] = filterBoth(plugin, state, p, [info]);
  const status = plugin.filter(state, p, info);
  return { code: code as Code, reasons: status?.reasons ?? [] };
}

const enoughAlloc: ResourceList = { cpu: '10m', memory: '20', pods: '32', [A]: '5', 'ephemeral-storage': '20', [H]: '5' };

describe('NodeResourcesFit Filter: TestEnoughRequests (fit_test.go)', () => {
  for (const c of enoughRequests) {
    it(c.name, () => {
      const got = runFilter(enoughAlloc, c);
      expect(got.code).toBe(c.code);
      expect(got.reasons).toEqual(c.reasons ?? []);
    });
  }
});

describe('NodeResourcesFit Filter: TestPreFilterDisabled', () => {
  it('Filter without PreFilter state is an error', () => {
    const cache = makeCache([node('n', {})]);
    const plugin = fitPlugin(cache);
    const s = plugin.filter(new CycleState(), new PodInfo(pod([])), cache.get('n')!);
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe('error reading "PreFilterNodeResourcesFit" from cycleState: not found');
  });
});

describe('NodeResourcesFit Filter: TestNotEnoughRequests (allowed pod number 1)', () => {
  const alloc: ResourceList = { cpu: '10m', memory: '20', pods: '1', [A]: '0', 'ephemeral-storage': '0', [H]: '0' };
  const cases: FilterCase[] = [
    {
      name: "even without specified resources predicate fails when there's no space for additional pod",
      pod: pod([]),
      existing: resourcePod(res(10, 20)),
      code: U,
      reasons: ['Too many pods'],
    },
    {
      name: "even if both resources fit predicate fails when there's no space for additional pod",
      pod: resourcePod(res(1, 1)),
      existing: resourcePod(res(5, 5)),
      code: U,
      reasons: ['Too many pods'],
    },
    {
      name: "even for equal edge case predicate fails when there's no space for additional pod",
      pod: resourcePod(res(5, 1)),
      existing: resourcePod(res(5, 19)),
      code: U,
      reasons: ['Too many pods'],
    },
    {
      name: "even for equal edge case predicate fails when there's no space for additional pod due to init container",
      pod: withInit(resourcePod(res(5, 1)), res(5, 1)),
      existing: resourcePod(res(5, 19)),
      code: U,
      reasons: ['Too many pods'],
    },
    {
      name: 'too many pods comes first and an over-capacity request still makes it unresolvable (kubesim case)',
      pod: resourcePod(res(11, 1)),
      existing: resourcePod(res(0, 0)),
      code: UU,
      reasons: ['Too many pods', insufficient('cpu')],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = runFilter(alloc, c);
      expect(got.code).toBe(c.code);
      expect(got.reasons).toEqual(c.reasons ?? []);
    });
  }
});

describe('NodeResourcesFit Filter: TestStorageRequests', () => {
  const cases: FilterCase[] = [
    { name: 'due to container scratch disk', pod: resourcePod(res(1, 1)), existing: resourcePod(res(10, 10)), code: U, reasons: [insufficient('cpu')] },
    { name: 'pod fit', pod: resourcePod(res(1, 1)), existing: resourcePod(res(2, 10)), code: OK },
    {
      name: 'storage ephemeral local storage request exceeds allocatable',
      pod: resourcePod(res(0, 0, {}, 25)),
      existing: resourcePod(res(2, 2)),
      code: UU,
      reasons: [insufficient('ephemeral-storage')],
    },
    {
      name: 'ephemeral local storage requested fits (kubesim: 10 of 20 with 15 in use does not)',
      pod: resourcePod(res(0, 0, {}, 10)),
      existing: resourcePod(res(2, 2, {}, 15)),
      code: U,
      reasons: [insufficient('ephemeral-storage')],
    },
    { name: 'pod fits', pod: resourcePod(res(0, 0, {}, 10)), existing: resourcePod(res(2, 2)), code: OK },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = runFilter(enoughAlloc, c);
      expect(got.code).toBe(c.code);
      expect(got.reasons).toEqual(c.reasons ?? []);
    });
  }
});

describe('NodeResourcesFit PreFilter', () => {
  it('a sidecar with SidecarContainers off is UnschedulableAndUnresolvable', () => {
    const cache = makeCache([node('n', enoughAlloc)]);
    const plugin = fitPlugin(cache, {}, new FeatureGates({ SidecarContainers: false }));
    const p = { ...resourcePod(res(1, 1)), spec: { ...resourcePod(res(1, 1)).spec, initContainers: [{ ...container(), restartPolicy: 'Always' as const }] } };
    const { status } = plugin.preFilter(new CycleState(), new PodInfo(p));
    expect(status?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(status?.message()).toBe('Pod has a restartable init container and the SidecarContainers feature is disabled');
  });
});

// ---- Score --------------------------------------------------------------------

interface ScoreCase {
  name: string;
  pod: Pod;
  nodes: ReturnType<typeof stNode>[];
  existing?: Pod[];
  resources: ResourceSpec[] | undefined;
  expected?: number[];
  /** The args fail validation at this path. */
  wantErr?: string;
}

function runScores(type: string, c: ScoreCase, shape?: { utilization: number; score: number }[]): number[] {
  const cache = makeCache(c.nodes, c.existing ?? []);
  const args: NodeResourcesFitArgs = {
    ignoredResources: [],
    ignoredResourceGroups: [],
    scoringStrategy: { type, resources: c.resources ?? [], ...(shape === undefined ? {} : { requestedToCapacityRatio: { shape } }) },
  };
  const errs = NodeResourcesFit.validateArgs!(args);
  if (c.wantErr !== undefined) {
    expect(errs.map((e) => e.path)).toEqual([c.wantErr]);
    expect(() => NodeResourcesFit.factory(args, makeHandle(cache))).toThrow(c.wantErr);
    return [];
  }
  expect(errs).toEqual([]);
  const plugin = NodeResourcesFit.factory(args, makeHandle(cache)) as NodeResourcesFitPlugin;
  const state = new CycleState();
  const p = new PodInfo(c.pod);
  expect(plugin.preScore(state, p)).toBeNull();
  const infos = c.nodes.map((n) => cache.get(n.metadata.name!)!);
  const got = scoreBoth(plugin, state, p, infos);
  // Score without PreScore computes the same requests itself.
  expect(infos.map((n) => plugin.score(new CycleState(), p, n))).toEqual(got);
  return got;
}

const cpuMem = (cpu: string, memory: string): ResourceList => ({ cpu, memory });

// TestLeastAllocatedScoringStrategy (least_allocated_test.go).
const leastAllocated: ScoreCase[] = [
  {
    name: 'nothing scheduled, nothing requested',
    pod: pod([]),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('4000', '10000'))],
    resources: defaultResources,
    expected: [100, 100],
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: defaultResources,
    expected: [37, 50],
  },
  {
    name: 'Resources not set, pods scheduled with error (kubesim: no error status on Score; scores 0)',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: undefined,
    expected: [0, 0],
  },
  {
    name: 'no resources requested, pods scheduled',
    pod: pod([]),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('4000', '10000'))],
    existing: [pod([], { nodeName: 'node1' }), pod([], { nodeName: 'node1' }), pod([], { nodeName: 'node2' }), pod([], { nodeName: 'node2' })],
    resources: defaultResources,
    expected: [100, 100],
  },
  {
    name: 'no resources requested, pods scheduled with resources',
    pod: pod([]),
    nodes: [stNode('node1', cpuMem('10000', '20000')), stNode('node2', cpuMem('10000', '20000'))],
    existing: [
      on(reqPod(cpuMem('3000', '0')), 'node1'),
      on(reqPod(cpuMem('3000', '0')), 'node1'),
      on(reqPod(cpuMem('3000', '0')), 'node2'),
      on(reqPod(cpuMem('3000', '5000')), 'node2'),
    ],
    resources: defaultResources,
    expected: [70, 57],
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('10000', '20000')), stNode('node2', cpuMem('10000', '20000'))],
    existing: [on(reqPod(cpuMem('3000', '0')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
    resources: defaultResources,
    expected: [57, 45],
  },
  {
    name: 'resources requested, pods scheduled with resources, differently sized nodes',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('10000', '20000')), stNode('node2', cpuMem('10000', '50000'))],
    existing: [on(reqPod(cpuMem('3000', '0')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
    resources: defaultResources,
    expected: [57, 60],
  },
  {
    name: 'requested resources exceed node capacity',
    pod: reqPod(cpuMem('3000', '0')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('4000', '10000'))],
    existing: [on(reqPod(cpuMem('3000', '0')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
    resources: defaultResources,
    expected: [50, 25],
  },
  {
    name: 'zero node resources, pods scheduled with resources',
    pod: pod([]),
    nodes: [stNode('node1', {}), stNode('node2', {})],
    existing: [on(reqPod(cpuMem('3000', '0')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
    resources: defaultResources,
    expected: [0, 0],
  },
  {
    name: 'nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ],
    expected: [41, 50],
  },
  {
    name: 'resource with negative weight',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node1', cpuMem('4000', '10000'))],
    resources: [
      { name: 'memory', weight: -1 },
      { name: 'cpu', weight: 1 },
    ],
    wantErr: 'scoringStrategy.resources[0].weight',
  },
  {
    name: 'resource with zero weight',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node1', cpuMem('4000', '10000'))],
    resources: [
      { name: 'memory', weight: 1 },
      { name: 'cpu', weight: 0 },
    ],
    wantErr: 'scoringStrategy.resources[1].weight',
  },
  {
    name: 'resource weight larger than MaxNodeScore',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node1', cpuMem('4000', '10000'))],
    resources: [
      { name: 'memory', weight: 1 },
      { name: 'cpu', weight: 101 },
    ],
    wantErr: 'scoringStrategy.resources[1].weight',
  },
  {
    name: 'bypass extended resource if the pod does not request',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('6000', '10000')), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
    resources: extendedResourceSet,
    expected: [50, 50],
  },
  {
    name: 'honor extended resource if the pod requests',
    pod: reqPod({ ...cpuMem('3000', '5000'), [extendedRes]: '2' }),
    nodes: [stNode('node1', { ...cpuMem('6000', '10000'), [extendedRes]: '4' }), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '10' })],
    resources: extendedResourceSet,
    expected: [50, 60],
  },
  {
    name: "if the node doesn't have a resource",
    pod: reqPod(cpuMem('3000', '4000')),
    nodes: [stNode('node1', cpuMem('6000', '10000')), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
    resources: [
      { name: extendedRes, weight: 2 },
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    expected: [55, 55],
  },
];

describe('NodeResourcesFit Score: TestLeastAllocatedScoringStrategy', () => {
  for (const c of leastAllocated) {
    it(c.name, () => {
      const got = runScores('LeastAllocated', c);
      if (c.expected !== undefined) expect(got).toEqual(c.expected);
    });
  }
});

// TestMostAllocatedScoringStrategy (most_allocated_test.go).
const mostAllocated: ScoreCase[] = [
  {
    name: 'nothing scheduled, nothing requested',
    pod: pod([]),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('4000', '10000'))],
    resources: defaultResources,
    expected: [0, 0],
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: defaultResources,
    expected: [62, 50],
  },
  {
    name: 'Resources not set, pods scheduled with error (kubesim: scores 0)',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: undefined,
    expected: [0, 0],
  },
  {
    name: 'no resources requested, pods scheduled with resources',
    pod: pod([]),
    nodes: [stNode('node1', cpuMem('10000', '20000')), stNode('node2', cpuMem('10000', '20000'))],
    existing: [
      on(reqPod(cpuMem('3000', '0')), 'node1'),
      on(reqPod(cpuMem('3000', '0')), 'node1'),
      on(reqPod(cpuMem('3000', '0')), 'node2'),
      on(reqPod(cpuMem('3000', '5000')), 'node2'),
    ],
    resources: defaultResources,
    expected: [30, 42],
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('10000', '20000')), stNode('node2', cpuMem('10000', '20000'))],
    existing: [on(reqPod(cpuMem('3000', '0')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
    resources: defaultResources,
    expected: [42, 55],
  },
  {
    name: 'resources requested equal node capacity',
    pod: reqPod(cpuMem('2000', '4000'), cpuMem('3000', '5000')),
    nodes: [stNode('node1', cpuMem('5000', '10000')), stNode('node2', cpuMem('10000', '9000'))],
    resources: defaultResources,
    expected: [95, 75],
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes, different weights',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
    resources: [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ],
    expected: [58, 50],
  },
  {
    name: 'no resources requested, pods scheduled, nonzero request for resource',
    pod: pod([container()]),
    nodes: [stNode('node1', cpuMem('250m', '1000Mi')), stNode('node2', cpuMem('250m', '1000Mi'))],
    existing: [pod([container()], { nodeName: 'node1' }), pod([container()], { nodeName: 'node1' })],
    resources: defaultResources,
    expected: [80, 30],
  },
  {
    name: 'resource with negative weight',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node2', cpuMem('4000', '10000'))],
    resources: [
      { name: 'memory', weight: -1 },
      { name: 'cpu', weight: 1 },
    ],
    wantErr: 'scoringStrategy.resources[0].weight',
  },
  {
    name: 'resource with zero weight',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node2', cpuMem('4000', '10000'))],
    resources: [
      { name: 'memory', weight: 1 },
      { name: 'cpu', weight: 0 },
    ],
    wantErr: 'scoringStrategy.resources[1].weight',
  },
  {
    name: 'resource weight larger than MaxNodeScore',
    pod: reqPod(cpuMem('1000', '2000')),
    nodes: [stNode('node2', cpuMem('4000', '10000'))],
    resources: [{ name: 'memory', weight: 101 }],
    wantErr: 'scoringStrategy.resources[0].weight',
  },
  {
    name: 'bypass extended resource if the pod does not request',
    pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
    nodes: [stNode('node1', cpuMem('6000', '10000')), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
    resources: extendedResourceSet,
    expected: [50, 50],
  },
  {
    name: 'honor extended resource if the pod request',
    pod: reqPod({ ...cpuMem('3000', '5000'), [extendedRes]: '2' }),
    nodes: [stNode('node1', { ...cpuMem('6000', '10000'), [extendedRes]: '4' }), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '10' })],
    resources: extendedResourceSet,
    expected: [50, 40],
  },
  {
    name: "if the node doesn't have a resource",
    pod: reqPod(cpuMem('3000', '4000')),
    nodes: [stNode('node1', cpuMem('6000', '10000')), stNode('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
    resources: [
      { name: extendedRes, weight: 2 },
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    expected: [45, 45],
  },
];

describe('NodeResourcesFit Score: TestMostAllocatedScoringStrategy', () => {
  for (const c of mostAllocated) {
    it(c.name, () => {
      const got = runScores('MostAllocated', c);
      if (c.expected !== undefined) expect(got).toEqual(c.expected);
    });
  }
});

describe('NodeResourcesFit Score: TestRequestedToCapacityRatioScoringStrategy', () => {
  const shape = [
    { utilization: 0, score: 10 },
    { utilization: 100, score: 0 },
  ];
  const cases: ScoreCase[] = [
    {
      name: 'nothing scheduled, nothing requested (default - least requested nodes have priority)',
      pod: pod([]),
      nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('4000', '10000'))],
      existing: [pod([], { nodeName: 'node1' }), pod([], { nodeName: 'node1' })],
      resources: defaultResources,
      expected: [100, 100],
    },
    {
      name: 'nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)',
      pod: reqPod(cpuMem('1000', '2000'), cpuMem('2000', '3000')),
      nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
      existing: [pod([], { nodeName: 'node1' }), pod([], { nodeName: 'node1' })],
      resources: defaultResources,
      expected: [38, 50],
    },
    {
      name: 'no resources requested, pods scheduled with resources (default - least requested nodes have priority)',
      pod: pod([]),
      nodes: [stNode('node1', cpuMem('4000', '10000')), stNode('node2', cpuMem('6000', '10000'))],
      existing: [on(reqPod(cpuMem('3000', '5000')), 'node1'), on(reqPod(cpuMem('3000', '5000')), 'node2')],
      resources: defaultResources,
      expected: [38, 50],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(runScores('RequestedToCapacityRatio', c, shape)).toEqual(c.expected));
  }
});

describe('NodeResourcesFit Score: TestResourceBinPackingSingleExtended', () => {
  const shape = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 1 },
  ];
  const foo = 'intel.com/foo';
  const nodes = (): ReturnType<typeof resNode>[] => [resNode('node1', 4000, 10000 * 1024 * 1024, { [foo]: 8 }), resNode('node2', 4000, 10000 * 1024 * 1024, { [foo]: 4 })];
  const cases: ScoreCase[] = [
    { name: 'nothing scheduled, nothing requested', pod: pod([]), nodes: nodes(), resources: [{ name: foo, weight: 1 }], expected: [0, 0] },
    {
      name: 'resources requested, pods scheduled with less resources',
      pod: reqPod({ [foo]: '2' }),
      nodes: nodes(),
      existing: [pod([])],
      resources: [{ name: foo, weight: 1 }],
      expected: [2, 5],
    },
    {
      name: 'resources requested, pods scheduled with resources, on node with existing pod running',
      pod: reqPod({ [foo]: '2' }),
      nodes: nodes(),
      existing: [on(reqPod({ [foo]: '2' }), 'node2')],
      resources: [{ name: foo, weight: 1 }],
      expected: [2, 10],
    },
    {
      name: 'resources requested, pods scheduled with more resources',
      pod: reqPod({ [foo]: '4' }),
      nodes: nodes(),
      existing: [pod([])],
      resources: [{ name: foo, weight: 1 }],
      expected: [5, 10],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(runScores('RequestedToCapacityRatio', c, shape)).toEqual(c.expected));
  }
});

describe('NodeResourcesFit Score: TestResourceBinPackingMultipleExtended', () => {
  const shape = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 1 },
  ];
  const foo = 'intel.com/foo';
  const bar = 'intel.com/bar';
  const resources = [
    { name: foo, weight: 3 },
    { name: bar, weight: 5 },
  ];
  const nodes = (): ReturnType<typeof resNode>[] => [
    resNode('node1', 4000, 10000 * 1024 * 1024, { [foo]: 8, [bar]: 4 }),
    resNode('node2', 4000, 10000 * 1024 * 1024, { [foo]: 4, [bar]: 8 }),
  ];
  const cases: ScoreCase[] = [
    { name: 'nothing scheduled, nothing requested', pod: pod([]), nodes: nodes(), resources, expected: [0, 0] },
    {
      name: 'resources requested, pods scheduled with less resources',
      pod: reqPod({ [foo]: '2', [bar]: '2' }),
      nodes: nodes(),
      existing: [pod([])],
      resources,
      expected: [4, 3],
    },
    {
      name: 'resources requested, pods scheduled with resources, on node with existing pod running',
      pod: reqPod({ [foo]: '2', [bar]: '2' }),
      nodes: nodes(),
      existing: [on(reqPod({ [foo]: '4', [bar]: '2' }), 'node2')],
      resources,
      expected: [4, 7],
    },
    {
      name: 'resources requested, pods scheduled with more resources',
      pod: reqPod({ [foo]: '4', [bar]: '2' }),
      nodes: nodes(),
      existing: [pod([])],
      resources,
      expected: [5, 5],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(runScores('RequestedToCapacityRatio', c, shape)).toEqual(c.expected));
  }
});

describe('NodeResourcesFit Score: exact integer arithmetic', () => {
  const goLeast = (r: bigint, c: bigint): bigint => (c === 0n || r > c ? 0n : ((c - r) * 100n) / c);
  const goMost = (r: bigint, c: bigint): bigint => (c === 0n ? 0n : ((r > c ? c : r) * 100n) / c);
  it('leastRequestedScore / mostRequestedScore equal Go int64 arithmetic up to 2^46 (64 TiB)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 46 }), fc.integer({ min: 0, max: 2 ** 46 }), (r, c) => {
        expect(leastRequestedScore(r, c)).toBe(Number(goLeast(BigInt(r), BigInt(c))));
        expect(mostRequestedScore(r, c)).toBe(Number(goMost(BigInt(r), BigInt(c))));
      }),
      { numRuns: 2000 },
    );
  });
  it('a 1-byte difference on a 1 TiB node moves the score exactly where Go does', () => {
    const c = 2 ** 40;
    // (c − r)·100/c crosses from 1 to 0 where (c − r)·100 < c.
    const r1 = c - Math.ceil(c / 100);
    expect(leastRequestedScore(r1, c)).toBe(Number(goLeast(BigInt(r1), BigInt(c))));
    expect(leastRequestedScore(r1 + 1, c)).toBe(Number(goLeast(BigInt(r1 + 1), BigInt(c))));
    expect([leastRequestedScore(r1, c), leastRequestedScore(r1 + 1, c)]).toEqual([1, 0]);
  });
});

// ---- Args ---------------------------------------------------------------------

describe('NodeResourcesFitArgs defaulting (SetDefaults_NodeResourcesFitArgs)', () => {
  it('empty args → LeastAllocated over cpu and memory', () => {
    expect(NodeResourcesFit.defaultArgs!(undefined)).toEqual({
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'LeastAllocated', resources: defaultResources },
    });
  });
  it('a strategy without resources gets cpu and memory; weight 0 becomes 1', () => {
    expect(NodeResourcesFit.defaultArgs!({ scoringStrategy: { type: 'MostAllocated' } })).toMatchObject({
      scoringStrategy: { type: 'MostAllocated', resources: defaultResources },
    });
    expect(NodeResourcesFit.defaultArgs!({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu' }, { name: 'nvidia.com/gpu', weight: 3 }] } })).toMatchObject({
      scoringStrategy: { resources: [{ name: 'cpu', weight: 1 }, { name: 'nvidia.com/gpu', weight: 3 }] },
    });
  });
  it('a strategy without type is not defaulted and fails validation', () => {
    const args = NodeResourcesFit.defaultArgs!({ scoringStrategy: { resources: [{ name: 'cpu', weight: 1 }] } });
    expect(NodeResourcesFit.validateArgs!(args)).toEqual([
      {
        path: 'scoringStrategy.type',
        message: 'Unsupported value: "": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
      },
    ]);
  });
});

describe('NodeResourcesFitArgs validation: TestValidateFitArgs', () => {
  const strategy = { type: 'LeastAllocated', resources: defaultResources };
  const cases: { name: string; args: NodeResourcesFitArgs; expect?: string }[] = [
    {
      name: 'IgnoredResources: too long value',
      args: { ignoredResources: [`longvalue${'a'.repeat(64)}`], ignoredResourceGroups: [], scoringStrategy: strategy },
      expect: 'name part must be no more than 63 characters',
    },
    { name: 'IgnoredResources: name is empty', args: { ignoredResources: ['example.com/'], ignoredResourceGroups: [], scoringStrategy: strategy }, expect: 'name part must be non-empty' },
    {
      name: 'IgnoredResources: name has too many slash',
      args: { ignoredResources: ['example.com/aaa/bbb'], ignoredResourceGroups: [], scoringStrategy: strategy },
      expect: 'a qualified name must consist of alphanumeric characters',
    },
    { name: 'IgnoredResources: valid args', args: { ignoredResources: ['example.com'], ignoredResourceGroups: [], scoringStrategy: strategy } },
    { name: 'IgnoredResourceGroups: valid args ', args: { ignoredResources: [], ignoredResourceGroups: ['example.com'], scoringStrategy: strategy } },
    {
      name: 'IgnoredResourceGroups: illegal args',
      args: { ignoredResources: [], ignoredResourceGroups: ['example.com/'], scoringStrategy: strategy },
      expect: 'name part must be non-empty',
    },
    {
      name: 'IgnoredResourceGroups: name is too long',
      args: { ignoredResources: [], ignoredResourceGroups: ['a'.repeat(64)], scoringStrategy: strategy },
      expect: 'name part must be no more than 63 characters',
    },
    {
      name: 'IgnoredResourceGroups: name cannot be contain slash',
      args: { ignoredResources: [], ignoredResourceGroups: ['example.com/aa'], scoringStrategy: strategy },
      expect: "resource group name can't contain '/'",
    },
    { name: 'ScoringStrategy: field is required', args: { ignoredResources: [], ignoredResourceGroups: [] }, expect: 'ScoringStrategy field is required' },
    {
      name: 'ScoringStrategy: type is unsupported',
      args: { ignoredResources: [], ignoredResourceGroups: [], scoringStrategy: { type: 'Invalid', resources: [] } },
      expect: 'Unsupported value: "Invalid"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const errs = NodeResourcesFit.validateArgs!(c.args);
      if (c.expect === undefined) expect(errs).toEqual([]);
      else expect(errs.map((e) => e.message).join('; ')).toContain(c.expect);
    });
  }
  it('error paths and bodies are upstream\'s', () => {
    const errs = NodeResourcesFit.validateArgs!({ ignoredResources: [], ignoredResourceGroups: ['example.com/aa'], scoringStrategy: strategy });
    expect(errs).toEqual([{ path: 'ignoredResourceGroups[0]', message: `Invalid value: "example.com/aa": resource group name can't contain '/'` }]);
  });
});

describe('NodeResourcesFitArgs validation: TestValidateRequestedToCapacityRatioScoringStrategy', () => {
  const defaultShape = [{ utilization: 30, score: 3 }];
  const cases: { name: string; resources?: ResourceSpec[]; shape: { utilization: number; score: number }[]; want: string[] }[] = [
    { name: 'no shapes', shape: [], want: ['scoringStrategy.shape'] },
    { name: 'weight greater than max', shape: defaultShape, resources: [{ name: 'cpu', weight: 101 }], want: ['scoringStrategy.resources[0].weight'] },
    { name: 'weight less than min', shape: defaultShape, resources: [{ name: 'cpu', weight: 0 }], want: ['scoringStrategy.resources[0].weight'] },
    { name: 'valid shapes', shape: defaultShape, want: [] },
    { name: 'utilization less than min', shape: [{ utilization: -1, score: 3 }], want: ['scoringStrategy.shape[0].utilization'] },
    { name: 'utilization greater than max', shape: [{ utilization: 101, score: 3 }], want: ['scoringStrategy.shape[0].utilization'] },
    {
      name: 'duplicated utilization values',
      shape: [
        { utilization: 10, score: 3 },
        { utilization: 10, score: 3 },
      ],
      want: ['scoringStrategy.shape[1].utilization'],
    },
    {
      name: 'increasing utilization values',
      shape: [
        { utilization: 10, score: 3 },
        { utilization: 20, score: 3 },
        { utilization: 30, score: 3 },
      ],
      want: [],
    },
    {
      name: 'non-increasing utilization values',
      shape: [
        { utilization: 10, score: 3 },
        { utilization: 20, score: 3 },
        { utilization: 15, score: 3 },
      ],
      want: ['scoringStrategy.shape[2].utilization'],
    },
    { name: 'score less than min', shape: [{ utilization: 10, score: -1 }], want: ['scoringStrategy.shape[0].score'] },
    { name: 'score greater than max', shape: [{ utilization: 10, score: 11 }], want: ['scoringStrategy.shape[0].score'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const errs = NodeResourcesFit.validateArgs!({
        ignoredResources: [],
        ignoredResourceGroups: [],
        scoringStrategy: { type: 'RequestedToCapacityRatio', resources: c.resources ?? [], requestedToCapacityRatio: { shape: c.shape } },
      });
      expect(errs.map((e) => e.path)).toEqual(c.want);
    });
  }
  it('non-increasing utilisation reads as upstream', () => {
    const errs = NodeResourcesFit.validateArgs!({
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: {
        type: 'RequestedToCapacityRatio',
        resources: defaultResources,
        requestedToCapacityRatio: {
          shape: [
            { utilization: 3, score: 3 },
            { utilization: 1, score: 1 },
          ],
        },
      },
    });
    expect(errs).toEqual([{ path: 'scoringStrategy.shape[1].utilization', message: 'Invalid value: 1: utilization values must be sorted in increasing order' }]);
  });
  it('RequestedToCapacityRatio without its parameters is rejected rather than crashing', () => {
    const errs = NodeResourcesFit.validateArgs!({ ignoredResources: [], ignoredResourceGroups: [], scoringStrategy: { type: 'RequestedToCapacityRatio', resources: defaultResources } });
    expect(errs).toEqual([
      { path: 'scoringStrategy.requestedToCapacityRatio', message: 'Required value: must be specified when type is RequestedToCapacityRatio' },
    ]);
  });
});

describe('NodeResourcesFitArgs validation: TestValidateLeastAllocatedScoringStrategy / MostAllocated', () => {
  for (const type of ['LeastAllocated', 'MostAllocated']) {
    const cases: { name: string; resources: ResourceSpec[]; want: string[] }[] = [
      { name: 'default config', resources: [], want: [] },
      {
        name: 'multi valid resources',
        resources: [
          { name: 'cpu', weight: 1 },
          { name: 'memory', weight: 10 },
        ],
        want: [],
      },
      { name: 'weight less than min', resources: [{ name: 'cpu', weight: 0 }], want: ['scoringStrategy.resources[0].weight'] },
      { name: 'weight greater than max', resources: [{ name: 'cpu', weight: 101 }], want: ['scoringStrategy.resources[0].weight'] },
      {
        name: 'multi invalid resources',
        resources: [
          { name: 'cpu', weight: 0 },
          { name: 'memory', weight: 101 },
        ],
        want: ['scoringStrategy.resources[0].weight', 'scoringStrategy.resources[1].weight'],
      },
    ];
    for (const c of cases) {
      it(`${type}: ${c.name}`, () => {
        const errs = NodeResourcesFit.validateArgs!({ ignoredResources: [], ignoredResourceGroups: [], scoringStrategy: { type, resources: c.resources } });
        expect(errs.map((e) => e.path)).toEqual(c.want);
      });
    }
  }
});

// ---- Queueing hints -----------------------------------------------------------

describe('NodeResourcesFit EventsToRegister and queueing hints', () => {
  const cache = makeCache([]);
  const plugin = fitPlugin(cache);
  const [podEvent, nodeEvent] = plugin.eventsToRegister();
  const target = reqPod({ cpu: '1', memory: '1Gi' });

  it('registers Pod Delete|UpdatePodScaleDown and Node Add|UpdateNodeAllocatable', () => {
    expect(podEvent!.event).toMatchObject({ resource: 'Pod', actionType: 2 | 256 });
    expect(nodeEvent!.event).toMatchObject({ resource: 'Node', actionType: 1 | 4 });
  });
  it('Test_isSchedulableAfterPodChange: deleting an unscheduled pod is skipped, a scheduled one queues', () => {
    expect(podEvent!.hint!(target, reqPod({ cpu: '1' }), undefined)).toBe('QueueSkip');
    expect(podEvent!.hint!(target, on(reqPod({ cpu: '1' }), 'n'), undefined)).toBe('Queue');
  });
  it('Test_isSchedulableAfterPodChange: scale-down of a scheduled pod queues only for a resource the pod requests', () => {
    const before = on(reqPod({ cpu: '2', memory: '2Gi' }), 'n');
    const cpuDown: Pod = { ...before, spec: { ...before.spec, containers: [container({ cpu: '1', memory: '2Gi' })] } };
    expect(podEvent!.hint!(target, before, cpuDown)).toBe('Queue');
    const gpuOnly = reqPod({ 'nvidia.com/gpu': '1' });
    expect(podEvent!.hint!(gpuOnly, before, cpuDown)).toBe('QueueSkip');
    const unscheduled = reqPod({ cpu: '2' });
    expect(podEvent!.hint!(target, unscheduled, reqPod({ cpu: '1' }))).toBe('QueueSkip');
  });
  it('Test_isSchedulableAfterNodeChange: a node too small even empty is skipped; an added big node queues', () => {
    expect(nodeEvent!.hint!(target, undefined, stNode('n', { cpu: '500m', memory: '4Gi' }))).toBe('QueueSkip');
    expect(nodeEvent!.hint!(target, undefined, stNode('n', { cpu: '2', memory: '4Gi' }))).toBe('Queue');
  });
  it('Test_isSchedulableAfterNodeChange: an update queues only when a requested resource grew', () => {
    const old = stNode('n', { cpu: '2', memory: '4Gi' });
    expect(nodeEvent!.hint!(target, old, stNode('n', { cpu: '3', memory: '4Gi' }))).toBe('Queue');
    expect(nodeEvent!.hint!(target, old, stNode('n', { cpu: '2', memory: '4Gi', 'example.com/x': '1' }))).toBe('QueueSkip');
    expect(nodeEvent!.hint!(target, old, node('n', { pods: '33', cpu: '2', memory: '4Gi' }))).toBe('Queue');
  });
});

// ---- kube-scheduler-cases.json --------------------------------------------------

describe('NodeResourcesFit: kube-scheduler-cases.json', () => {
  const cases = loadCases()?.filter((c) => c.plugin === 'NodeResourcesFit');
  if (cases === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.id}: ${c.source.name}`, () => {
      const { cache, pod: p, nodes } = caseCluster(c);
      const plugin = fitPlugin(cache, c.args);
      const state = new CycleState();
      if (c.phase === 'filter') {
        expect(plugin.preFilter(state, p).status).toBeNull();
        const codes = filterBoth(plugin, state, p, nodes);
        const want = c.expected.filter!;
        nodes.forEach((n, i) => expect(Code[codes[i]!]).toBe(want[n.name]));
        if (c.expected.reasons !== undefined) {
          expect(plugin.filter(state, p, nodes[0]!)?.reasons ?? []).toEqual(c.expected.reasons);
        }
      } else {
        expect(plugin.preScore(state, p)).toBeNull();
        const got = scoreBoth(plugin, state, p, nodes);
        expect(nodes.map((n, i) => ({ node: n.name, score: got[i] }))).toEqual(c.expected.scores);
      }
    });
  }
});

// ---- Fast path = per-node path ----------------------------------------------------

const SCALAR = 'example.com/gpu';
const arbResources = fc.record({
  cpu: fc.integer({ min: 0, max: 64000 }),
  mem: fc.integer({ min: 0, max: 2 ** 40 }),
  eph: fc.integer({ min: 0, max: 2 ** 36 }),
  gpu: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  pods: fc.integer({ min: 0, max: 6 }),
});
const arbRequest = fc.record({
  cpu: fc.option(fc.integer({ min: 0, max: 16000 }), { nil: undefined }),
  mem: fc.option(fc.integer({ min: 0, max: 2 ** 36 }), { nil: undefined }),
  eph: fc.option(fc.integer({ min: 0, max: 2 ** 34 }), { nil: undefined }),
  gpu: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
});

function requestList(r: { cpu: number | undefined; mem: number | undefined; eph: number | undefined; gpu: number | undefined }): ResourceList | undefined {
  const out: ResourceList = {};
  if (r.cpu !== undefined) out['cpu'] = `${r.cpu}m`;
  if (r.mem !== undefined) out['memory'] = String(r.mem);
  if (r.eph !== undefined) out['ephemeral-storage'] = String(r.eph);
  if (r.gpu !== undefined) out[SCALAR] = String(r.gpu);
  return Object.keys(out).length === 0 ? undefined : out;
}

const arbCluster = fc.record({
  nodes: fc.array(arbResources, { minLength: 1, maxLength: 12 }),
  pods: fc.array(fc.record({ node: fc.nat(), req: arbRequest }), { maxLength: 30 }),
  incoming: arbRequest,
  strategy: fc.constantFrom('LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'),
  resources: fc.constantFrom<ResourceSpec[]>(
    defaultResources,
    [
      { name: 'memory', weight: 3 },
      { name: 'cpu', weight: 1 },
    ],
    [
      { name: 'cpu', weight: 2 },
      { name: 'memory', weight: 1 },
      { name: SCALAR, weight: 5 },
    ],
    [{ name: 'ephemeral-storage', weight: 1 }],
    [
      { name: SCALAR, weight: 1 },
      { name: 'cpu', weight: 1 },
    ],
  ),
});

describe('NodeResourcesFit fast paths = per-node paths (random clusters)', () => {
  it('filterNodes and scoreNodes agree with filter and score', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const nodes = c.nodes.map((r, i) => {
          const alloc: ResourceList = { cpu: `${r.cpu}m`, memory: String(r.mem), 'ephemeral-storage': String(r.eph), pods: String(r.pods) };
          if (r.gpu !== undefined) alloc[SCALAR] = String(r.gpu);
          return node(`n${i}`, alloc);
        });
        const existing = c.pods.map((p) => {
          const req = requestList(p.req);
          return pod([container(req)], { nodeName: `n${p.node % nodes.length}` });
        });
        const cache = makeCache(nodes, existing);
        const shape = [
          { utilization: 0, score: 2 },
          { utilization: 40, score: 10 },
          { utilization: 100, score: 0 },
        ];
        const plugin = fitPlugin(cache, {
          scoringStrategy: { type: c.strategy, resources: c.resources, ...(c.strategy === 'RequestedToCapacityRatio' ? { requestedToCapacityRatio: { shape } } : {}) },
        });
        const p = new PodInfo(pod([container(requestList(c.incoming))]));
        const state = new CycleState();
        plugin.preFilter(state, p);
        plugin.preScore(state, p);
        const infos = cache.nodeInfoList();
        filterBoth(plugin, state, p, infos);
        const scores = scoreBoth(plugin, state, p, infos);
        for (const s of scores) expect(Number.isInteger(s) && s >= 0 && s <= 100).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('codeOf of the per-node Filter is what filterNodes writes (spot check)', () => {
    const cache = makeCache([node('a', { cpu: '1', memory: '1Gi', pods: '10' }), node('b', { cpu: '4', memory: '1Gi', pods: '10' })]);
    const plugin = fitPlugin(cache);
    const state = new CycleState();
    const p = new PodInfo(reqPod({ cpu: '2' }));
    plugin.preFilter(state, p);
    const infos = [cache.get('a')!, cache.get('b')!];
    expect(filterBoth(plugin, state, p, infos)).toEqual([Code.UnschedulableAndUnresolvable, Code.Success]);
    expect(codeOf(plugin.filter(state, p, infos[0]!))).toBe(Code.UnschedulableAndUnresolvable);
  });
});
