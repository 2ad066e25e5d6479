/**
 * DefaultPreemption, ported from
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go
 * (TestPostFilter, TestDryRunPreemption, TestSelectBestCandidate,
 * TestCustomSelection, TestCustomOrdering, TestPodEligibleToPreemptOthers,
 * TestPreempt) and the args' defaulting and validation
 * (apis/config/v1/defaults_test.go, validation_pluginargs_test.go), run on a
 * real Framework with the real NodeResourcesFit, InterPodAffinity and
 * PodTopologySpread and upstream's fake filters.
 *
 * Left out: extender cases (kubesim has no extenders), PodGroup / workload-
 * aware cases (after v1.34).
 */
import { describe, expect, it } from 'vitest';
import type { LabelSelector, Pod, PodDisruptionBudget, ResourceList } from '../../../src/api/types.js';
import { ActionType } from '../../../src/scheduler/framework/events.js';
import type { Handle, Plugin } from '../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { NodeToStatus } from '../../../src/scheduler/framework/NodeToStatus.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, Status } from '../../../src/scheduler/framework/Status.js';
import {
  DefaultPreemption,
  DefaultPreemptionPlugin,
  podTerminatingByPreemption,
  type IsEligiblePodFunc,
  type MoreImportantPodFunc,
} from '../../../src/scheduler/plugins/DefaultPreemption.js';
import type { Candidate } from '../../../src/scheduler/plugins/preemption/Candidate.js';
import { podStartTime } from '../../../src/scheduler/plugins/preemption/podOrder.js';
import {
  epochTime,
  FakeFilterPlugin,
  falseFilter,
  fitPlugin,
  highPriority,
  interPodAffinityPlugin,
  largeRes,
  lowPriority,
  makeHarness,
  MakeNode,
  makePDB,
  MakePod,
  matchFilter,
  mediumRes,
  midPriority,
  negPriority,
  podTopologySpreadPlugin,
  preemptionPlugin,
  preFilteredState,
  smallRes,
  TestPlugin,
  trueFilter,
  veryHighPriority,
  veryLargeRes,
  type Harness,
} from './preemption/harness.js';

const LabelKeyIsViolatingPDB = 'test.kubernetes.io/is-violating-pdb';
const LabelValueViolatingPDB = 'violating';
const LabelValueNonViolatingPDB = 'non-violating';
const MaxInt32 = 2147483647;

/** framework.NewNodeToStatus(map, absent). */
function nodeToStatus(explicit: Record<string, Code>, absent: Code | null = Code.UnschedulableAndUnresolvable): NodeToStatus {
  const m = new NodeToStatus();
  for (const [n, c] of Object.entries(explicit)) m.set(n, new Status(c));
  if (absent !== null) m.setAbsentNodesStatus(new Status(absent));
  return m;
}

describe('TestPostFilter (default_preemption_test.go)', () => {
  const onePodRes = { pods: '1' };
  const nodeRes = { cpu: '200m', memory: '400' };
  const ns = 'default';
  interface Case {
    name: string;
    pod: Pod;
    pods: Pod[];
    pdbs?: PodDisruptionBudget[];
    nodes: ReturnType<ReturnType<typeof MakeNode>['Obj']>[];
    statuses: NodeToStatus;
    /** undefined: upstream's nil result (nomination unchanged). */
    wantNominated: string | undefined;
    wantCode: Code;
    wantMessage: string;
    wantEvicted?: string[];
  }
  const cases: Case[] = [
    {
      name: 'pod with higher priority can be made schedulable',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable }),
      wantNominated: 'node1',
      wantCode: Code.Success,
      wantMessage: '',
      wantEvicted: ['p1'],
    },
    {
      name: 'pod with tied priority is still unschedulable',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable }),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'preemption should respect filteredNodesStatuses',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({ node1: Code.UnschedulableAndUnresolvable }),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({}),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'pod can be made schedulable on one node',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(midPriority).Obj(),
      pods: [
        MakePod().Name('p1').UID('p1').Namespace(ns).Priority(highPriority).Node('node1').Obj(),
        MakePod().Name('p2').UID('p2').Namespace(ns).Priority(lowPriority).Node('node2').Obj(),
      ],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj(), MakeNode().Name('node2').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable }),
      wantNominated: 'node2',
      wantCode: Code.Success,
      wantMessage: '',
      wantEvicted: ['p2'],
    },
    {
      name: 'pod can be made schedulable on minHighestPriority node',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(veryHighPriority).Obj(),
      pods: [
        MakePod().Name('p1').UID('p1').Label(LabelKeyIsViolatingPDB, LabelValueNonViolatingPDB).Namespace(ns).Priority(highPriority).Node('node1').Obj(),
        MakePod().Name('p2').UID('p2').Label(LabelKeyIsViolatingPDB, LabelValueViolatingPDB).Namespace(ns).Priority(lowPriority).Node('node1').Obj(),
        MakePod().Name('p3').UID('p3').Label(LabelKeyIsViolatingPDB, LabelValueViolatingPDB).Namespace(ns).Priority(midPriority).Node('node2').Obj(),
      ],
      pdbs: [
        makePDB({ name: 'violating-pdb', namespace: ns, matchLabels: { [LabelKeyIsViolatingPDB]: LabelValueViolatingPDB } }),
        makePDB({
          name: 'non-violating-pdb',
          namespace: ns,
          matchLabels: { [LabelKeyIsViolatingPDB]: LabelValueNonViolatingPDB },
          disruptionsAllowed: MaxInt32,
        }),
      ],
      nodes: [MakeNode().Name('node1').Capacity(onePodRes).Obj(), MakeNode().Name('node2').Capacity(onePodRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable }),
      wantNominated: 'node2',
      wantCode: Code.Success,
      wantMessage: '',
      wantEvicted: ['p3'],
    },
    {
      name: 'no candidate nodes found, no enough resource after removing low priority pods',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(largeRes).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj(), MakePod().Name('p2').UID('p2').Namespace(ns).Node('node2').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(nodeRes).Obj(), MakeNode().Name('node2').Capacity(nodeRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable }),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.',
    },
    {
      name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(largeRes).Obj(),
      pods: [
        MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Priority(highPriority).Obj(),
        MakePod().Name('p2').UID('p2').Namespace(ns).Node('node2').Obj(),
        MakePod().Name('p3').UID('p3').Namespace(ns).Node('node3').Priority(highPriority).Obj(),
      ],
      nodes: [
        MakeNode().Name('node1').Capacity(onePodRes).Obj(),
        MakeNode().Name('node2').Capacity(nodeRes).Obj(),
        MakeNode().Name('node3').Capacity(onePodRes).Obj(),
      ],
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable, node3: Code.Unschedulable }),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
    },
    {
      name: "no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes don't have enough CPU resource",
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(largeRes).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj(), MakePod().Name('p2').UID('p2').Namespace(ns).Node('node2').Obj()],
      nodes: ['node1', 'node2', 'node3', 'node4'].map((n) => MakeNode().Name(n).Capacity(nodeRes).Obj()),
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable, node4: Code.UnschedulableAndUnresolvable }),
      wantNominated: '',
      wantCode: Code.Unschedulable,
      wantMessage: 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'only one node but failed with TestPlugin',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(largeRes).Obj(),
      pods: [MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj()],
      nodes: [MakeNode().Name('node1').Capacity(largeRes).Label('error', 'true').Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable }),
      wantNominated: undefined,
      wantCode: Code.Error,
      wantMessage: 'preemption: running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: p',
    },
    {
      name: 'one failed with TestPlugin and the other pass',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(largeRes).Obj(),
      pods: [
        MakePod().Name('p1').UID('p1').Namespace(ns).Node('node1').Obj(),
        MakePod().Name('p2').UID('p2').Namespace(ns).Node('node2').Req(mediumRes).Obj(),
      ],
      nodes: [MakeNode().Name('node1').Capacity(largeRes).Label('error', 'true').Obj(), MakeNode().Name('node2').Capacity(largeRes).Obj()],
      statuses: nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable }),
      wantNominated: 'node2',
      wantCode: Code.Success,
      wantMessage: '',
      wantEvicted: ['p2'],
    },
  ];

  for (const asyncPreemption of [true, false]) {
    for (const tt of cases) {
      it(`${tt.name} (async preemption: ${asyncPreemption})`, () => {
        const h = makeHarness({
          nodes: tt.nodes,
          pods: tt.pods,
          pdbs: tt.pdbs ?? [],
          plugins: (handle) => [fitPlugin(handle), new TestPlugin()],
        });
        const p = preemptionPlugin(h, {}, asyncPreemption);
        const pod = new PodInfo(tt.pod);
        const state = preFilteredState(h, pod);
        const got = p.postFilter(state, pod, tt.statuses);
        expect(got.nominatedNodeName).toBe(tt.wantNominated);
        expect(got.status?.code ?? Code.Success).toBe(tt.wantCode);
        expect(got.status?.message() ?? '').toBe(tt.wantMessage);
        expect(h.recorder.evictions.map(([v]) => v.name).sort()).toEqual(tt.wantEvicted ?? []);
        for (const [, preemptor] of h.recorder.evictions) expect(preemptor.name).toBe('p');
      });
    }
  }
});

/** A candidate as upstream's tests compare them: node, victims sorted by name, PDB violations. */
interface WantCandidate {
  name: string;
  victims: string[];
  numPDBViolations?: number;
}

function normalize(candidates: readonly Candidate[]): WantCandidate[] {
  return candidates
    .map((c) => ({ name: c.name, victims: c.victims.pods.map((v) => v.name).sort(), numPDBViolations: c.victims.numPDBViolations }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Nodes named `host/zone/region` get those as hostname/zone/region labels (TestDryRunPreemption's convention). */
function dryRunNodes(names: string[]) {
  const labelKeys = ['hostname', 'zone', 'region'];
  return names.map((n) => {
    const parts = n.split('/');
    const b = MakeNode().Name(parts[0]!).Capacity(veryLargeRes);
    parts.forEach((v, i) => b.Label(labelKeys[i]!, v));
    return b.Obj();
  });
}

function sortedNodeInfos(h: Harness): NodeInfo[] {
  return [...h.cache.nodeInfoList()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

describe('TestDryRunPreemption (default_preemption_test.go)', () => {
  interface Case {
    name: string;
    args?: { minCandidateNodesPercentage: number; minCandidateNodesAbsolute: number };
    nodeNames: string[];
    testPods: Pod[];
    initPods: Pod[];
    plugins: (handle: Handle) => Plugin[];
    pdbs?: PodDisruptionBudget[];
    fakeFilterRC?: Code;
    /** The offsets upstream's seeded rand gives per cycle (only matters with a candidate limit). */
    offsets?: number[];
    expected: WantCandidate[][];
    expectedNumFilterCalled: number[];
  }
  const fit = (h: Handle): Plugin[] => [fitPlugin(h)];
  const existsFoo: LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
  const pdbFoo = (o: { disruptionsAllowed?: number; disruptedPods?: Record<string, string> }): PodDisruptionBudget =>
    makePDB({ matchLabels: { app: 'foo' }, ...o });
  const cases: Case[] = [
    {
      name: 'a pod that does not fit on any node',
      plugins: () => [falseFilter()],
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Obj()],
      initPods: [MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Obj(), MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Obj()],
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'a pod that fits with no preemption',
      plugins: () => [trueFilter()],
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Obj()],
      initPods: [MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Obj(), MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Obj()],
      fakeFilterRC: Code.Unschedulable,
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'a pod that fits on one node with no preemption',
      plugins: () => [matchFilter()],
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('node1').UID('node1').Priority(highPriority).Obj()],
      initPods: [MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Obj(), MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Obj()],
      fakeFilterRC: Code.Unschedulable,
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Req(largeRes).Obj(),
      ],
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node2', victims: ['p2'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(lowPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Req(largeRes).Obj(),
      ],
      expected: [[]],
      expectedNumFilterCalled: [0],
    },
    {
      name: 'medium priority pod is preempted, but lower priority one stays as it is small',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Req(largeRes).Obj(),
      ],
      expected: [
        [
          { name: 'node1', victims: ['p1.2'] },
          { name: 'node2', victims: ['p2'] },
        ],
      ],
      expectedNumFilterCalled: [5],
    },
    {
      name: 'mixed priority pods are preempted',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.4').UID('p1.4').Node('node1').Priority(highPriority).Req(smallRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(highPriority).Req(largeRes).Obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.2', 'p1.3'] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'mixed priority pods are preempted, pick later StartTime one when priorities are equal',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(lowPriority).Req(smallRes).StartTime(epochTime(5)).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(lowPriority).Req(smallRes).StartTime(epochTime(4)).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(3)).Obj(),
        MakePod().Name('p1.4').UID('p1.4').Node('node1').Priority(highPriority).Req(smallRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(highPriority).Req(largeRes).StartTime(epochTime(1)).Obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.3'] }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'pod with anti-affinity is preempted',
      plugins: (h) => [fitPlugin(h), interPodAffinityPlugin(h)],
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Label('foo', '').Priority(highPriority).Req(smallRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Label('foo', '').Priority(lowPriority).Req(smallRes).PodAntiAffinityExists('foo', 'hostname').Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(highPriority).Req(smallRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(highPriority).Req(smallRes).Obj(),
      ],
      expected: [[{ name: 'node1', victims: ['p1.1'] }]],
      expectedNumFilterCalled: [3], // no preemption would happen on node2 and no filter call is counted.
    },
    {
      name: 'preemption to resolve pod topology spread filter failure',
      plugins: (h) => [podTopologySpreadPlugin(h)],
      nodeNames: ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'],
      testPods: [
        MakePod()
          .Name('p')
          .UID('p')
          .Label('foo', '')
          .Priority(highPriority)
          .SpreadConstraint(1, 'zone', 'DoNotSchedule', existsFoo)
          .SpreadConstraint(1, 'hostname', 'DoNotSchedule', existsFoo)
          .Obj(),
      ],
      initPods: [
        MakePod().Name('pod-a1').UID('pod-a1').Node('node-a').Label('foo', '').Priority(midPriority).Obj(),
        MakePod().Name('pod-a2').UID('pod-a2').Node('node-a').Label('foo', '').Priority(lowPriority).Obj(),
        MakePod().Name('pod-b1').UID('pod-b1').Node('node-b').Label('foo', '').Priority(lowPriority).Obj(),
        MakePod().Name('pod-x1').UID('pod-x1').Node('node-x').Label('foo', '').Priority(highPriority).Obj(),
        MakePod().Name('pod-x2').UID('pod-x2').Node('node-x').Label('foo', '').Priority(highPriority).Obj(),
      ],
      expected: [
        [
          { name: 'node-a', victims: ['pod-a2'] },
          { name: 'node-b', victims: ['pod-b1'] },
        ],
      ],
      expectedNumFilterCalled: [5], // node-a (3), node-b (2), node-x (0)
    },
    {
      name: 'get Unschedulable in the preemption phase when the filter plugins filtering the nodes',
      plugins: fit,
      nodeNames: ['node1', 'node2'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Req(largeRes).Obj(),
      ],
      fakeFilterRC: Code.Unschedulable,
      expected: [[]],
      expectedNumFilterCalled: [2],
    },
    {
      name: 'preemption with violation of same pdb',
      plugins: fit,
      nodeNames: ['node1'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      pdbs: [pdbFoo({ disruptionsAllowed: 1 })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim doesn't belong to DisruptedPods",
      plugins: fit,
      nodeNames: ['node1'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      pdbs: [pdbFoo({ disruptionsAllowed: 1, disruptedPods: { p2: '2025-01-01T00:00:00Z' } })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: 'preemption with violation of the pdb with pod whose eviction was processed, the victim belongs to DisruptedPods',
      plugins: fit,
      nodeNames: ['node1'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      pdbs: [pdbFoo({ disruptionsAllowed: 1, disruptedPods: { 'p1.2': '2025-01-01T00:00:00Z' } })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 0 }]],
      expectedNumFilterCalled: [3],
    },
    {
      name: "preemption with violation of the pdb with pod whose eviction was processed, the victim which belongs to DisruptedPods is treated as 'nonViolating'",
      plugins: fit,
      nodeNames: ['node1'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj()],
      initPods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Label('app', 'foo').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      pdbs: [pdbFoo({ disruptionsAllowed: 1, disruptedPods: { 'p1.3': '2025-01-01T00:00:00Z' } })],
      expected: [[{ name: 'node1', victims: ['p1.1', 'p1.2', 'p1.3'], numPDBViolations: 1 }]],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'all nodes are possible candidates, but DefaultPreemptionArgs limits to 2',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fit,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [1, 2, 3, 4, 5].map((i) => MakePod().Name(`p${i}`).UID(`p${i}`).Node(`node${i}`).Priority(midPriority).Req(largeRes).Obj()),
      offsets: [4],
      // cycle=0 => offset=4 => node5 (yes), node1 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node5', victims: ['p5'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'some nodes are not possible candidates, DefaultPreemptionArgs limits to 2',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fit,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(veryHighPriority).Req(largeRes).Obj(),
        MakePod().Name('p3').UID('p3').Node('node3').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p4').UID('p4').Node('node4').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p5').UID('p5').Node('node5').Priority(veryHighPriority).Req(largeRes).Obj(),
      ],
      offsets: [4],
      // cycle=0 => offset=4 => node5 (no), node1 (yes), node2 (no), node3 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node3', victims: ['p3'] },
        ],
      ],
      expectedNumFilterCalled: [4],
    },
    {
      name: 'preemption offset across multiple scheduling cycles and wrap around',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 1 },
      plugins: fit,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: ['tp1', 'tp2', 'tp3'].map((n) => MakePod().Name(n).UID(n).Priority(highPriority).Req(largeRes).Obj()),
      initPods: [1, 2, 3, 4, 5].map((i) => MakePod().Name(`p${i}`).UID(`p${i}`).Node(`node${i}`).Priority(midPriority).Req(largeRes).Obj()),
      offsets: [4, 1, 3],
      expected: [
        // cycle=0 => offset=4 => node5 (yes), node1 (yes)
        [
          { name: 'node1', victims: ['p1'] },
          { name: 'node5', victims: ['p5'] },
        ],
        // cycle=1 => offset=1 => node2 (yes), node3 (yes)
        [
          { name: 'node2', victims: ['p2'] },
          { name: 'node3', victims: ['p3'] },
        ],
        // cycle=2 => offset=3 => node4 (yes), node5 (yes)
        [
          { name: 'node4', victims: ['p4'] },
          { name: 'node5', victims: ['p5'] },
        ],
      ],
      expectedNumFilterCalled: [4, 4, 4],
    },
    {
      name: 'preemption looks past numCandidates until a non-PDB violating node is found',
      args: { minCandidateNodesPercentage: 40, minCandidateNodesAbsolute: 2 },
      plugins: fit,
      nodeNames: ['node1', 'node2', 'node3', 'node4', 'node5'],
      testPods: [MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj()],
      initPods: [
        MakePod().Name('p1').UID('p1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Label('app', 'foo').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p3').UID('p3').Node('node3').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p4').UID('p4').Node('node4').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p5').UID('p5').Node('node5').Label('app', 'foo').Priority(midPriority).Req(largeRes).Obj(),
      ],
      pdbs: [pdbFoo({ disruptionsAllowed: 0 })],
      offsets: [4],
      // cycle=0 => offset=4 => node5 (yes, pdb), node1 (yes, pdb), node2 (no, pdb), node3 (yes)
      expected: [
        [
          { name: 'node1', victims: ['p1'], numPDBViolations: 1 },
          { name: 'node3', victims: ['p3'] },
          { name: 'node5', victims: ['p5'], numPDBViolations: 1 },
        ],
      ],
      expectedNumFilterCalled: [8],
    },
  ];

  for (const tt of cases) {
    it(tt.name, () => {
      const codes = new Map(tt.nodeNames.map((n) => [n.split('/')[0]!, tt.fakeFilterRC ?? Code.Success]));
      const fake = new FakeFilterPlugin(codes);
      const h = makeHarness({ nodes: dryRunNodes(tt.nodeNames), pods: tt.initPods, plugins: (handle) => [fake, ...tt.plugins(handle)] });
      const pl = preemptionPlugin(h, tt.args ?? {});
      const nodeInfos = sortedNodeInfos(h);
      let prev = 0;
      tt.testPods.forEach((p, cycle) => {
        const pod = new PodInfo(p);
        const state = preFilteredState(h, pod);
        const numCandidates = pl.calculateNumCandidates(nodeInfos.length);
        const got = pl.evaluator.dryRunPreemption(state, pod, nodeInfos, tt.pdbs ?? [], tt.offsets?.[cycle] ?? 0, numCandidates);
        expect(fake.numFilterCalled - prev, `cycle ${cycle}: NumFilterCalled`).toBe(tt.expectedNumFilterCalled[cycle]);
        prev = fake.numFilterCalled;
        const want = tt.expected[cycle]!.map((c) => ({ ...c, numPDBViolations: c.numPDBViolations ?? 0 }));
        expect(normalize(got.candidates), `cycle ${cycle}`).toEqual(want);
      });
    });
  }


  it('lists non-violating candidates before violating ones, each in dry-run order', () => {
    const h = makeHarness({
      nodes: dryRunNodes(['node1', 'node2', 'node3']),
      pods: [
        MakePod().Name('p1').Node('node1').Label('app', 'foo').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p2').Node('node2').Priority(midPriority).Req(largeRes).Obj(),
        MakePod().Name('p3').Node('node3').Priority(midPriority).Req(largeRes).Obj(),
      ],
      pdbs: [makePDB({ matchLabels: { app: 'foo' } })],
      plugins: (handle) => [fitPlugin(handle)],
    });
    const pl = preemptionPlugin(h);
    const pod = new PodInfo(MakePod().Name('p').Priority(highPriority).Req(largeRes).Obj());
    const got = pl.evaluator.dryRunPreemption(preFilteredState(h, pod), pod, sortedNodeInfos(h), h.cache.objects.list('PodDisruptionBudget'), 2, 3);
    expect(got.candidates.map((c) => c.name)).toEqual(['node3', 'node2', 'node1']);
  });
});

describe('TestSelectBestCandidate (default_preemption_test.go)', () => {
  const cases: { name: string; nodeNames: string[]; pod: Pod; pods: Pod[]; expected: string[] }[] = [
    {
      name: 'a pod that fits on both nodes when lower priority pods are preempted',
      nodeNames: ['node1', 'node2'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(largeRes).Obj(),
      pods: [
        MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node1', 'node2'],
    },
    {
      name: 'node with min highest priority pod is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node3'],
    },
    {
      name: 'when highest priorities are the same, minimum sum of priorities is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'when highest priority and sum are the same, minimum number of pods is picked',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.4').UID('p1.4').Node('node1').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(negPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.3').UID('p3.3').Node('node3').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node2'],
    },
    {
      // pickOneNodeForPreemption adjusts pod priorities when finding the sum of the victims.
      name: 'sum of adjusted priorities is considered',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(negPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.3').UID('p3.3').Node('node3').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'non-overlapping lowest high priority, sum priorities, and number of pods',
      nodeNames: ['node1', 'node2', 'node3', 'node4'],
      pod: MakePod().Name('p').UID('p').Priority(veryHighPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p1.3').UID('p1.3').Node('node1').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(highPriority).Req(largeRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.3').UID('p3.3').Node('node3').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p3.4').UID('p3.4').Node('node3').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p4.1').UID('p4.1').Node('node4').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p4.2').UID('p4.2').Node('node4').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p4.3').UID('p4.3').Node('node4').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
        MakePod().Name('p4.4').UID('p4.4').Node('node4').Priority(negPriority).Req(smallRes).StartTime(epochTime()).Obj(),
      ],
      expected: ['node1'],
    },
    {
      name: "same priority, same number of victims, different start time for each node's pod",
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime(3)).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime(3)).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime(1)).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime(1)).Obj(),
      ],
      expected: ['node2'],
    },
    {
      name: 'same priority, same number of victims, different start time for all pods',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(4)).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime(5)).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime(1)).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime(3)).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime(6)).Obj(),
      ],
      expected: ['node3'],
    },
    {
      name: 'different priority, same number of victims, different start time for all pods',
      nodeNames: ['node1', 'node2', 'node3'],
      pod: MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(lowPriority).Req(mediumRes).StartTime(epochTime(4)).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Req(mediumRes).StartTime(epochTime(6)).Obj(),
        MakePod().Name('p2.2').UID('p2.2').Node('node2').Priority(lowPriority).Req(mediumRes).StartTime(epochTime(1)).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(lowPriority).Req(mediumRes).StartTime(epochTime(3)).Obj(),
        MakePod().Name('p3.2').UID('p3.2').Node('node3').Priority(midPriority).Req(mediumRes).StartTime(epochTime(5)).Obj(),
      ],
      expected: ['node2'],
    },
  ];

  for (const tt of cases) {
    it(tt.name, () => {
      const h = makeHarness({
        nodes: tt.nodeNames.map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()),
        pods: tt.pods,
        plugins: (handle) => [fitPlugin(handle)],
        seed: 4,
      });
      const pod = new PodInfo(tt.pod);
      const state = preFilteredState(h, pod);
      const pl = preemptionPlugin(h);
      const nodeInfos = h.cache.nodeInfoList();
      const { offset, numCandidates } = pl.getOffsetAndNumCandidates(nodeInfos.length);
      const { candidates } = pl.evaluator.dryRunPreemption(state, pod, nodeInfos, [], offset, numCandidates);
      const s = pl.evaluator.selectCandidate(candidates);
      expect(s).not.toBeNull();
      expect(tt.expected).toContain(s!.name);
    });
  }
});

describe('TestCustomSelection (default_preemption_test.go)', () => {
  const podLabelIsEligible =
    (key: string, val: string): IsEligiblePodFunc =>
    (_n, victim) =>
      Object.hasOwn(victim.labels, key) && victim.labels[key] === val;
  const nodeNameIsEligible =
    (name: string): IsEligiblePodFunc =>
    (nodeInfo) =>
      nodeInfo.name === name;
  const priorityBelowThresholdCannotPreempt =
    (minPreempting: number): IsEligiblePodFunc =>
    (_n, _v, preemptor) =>
      preemptor.priority >= minPreempting;
  const priorityAboveThresholdCannotBePreempted =
    (maxPreemptible: number): IsEligiblePodFunc =>
    (_n, victim) =>
      victim.priority <= maxPreemptible;

  const labelPods = (): Pod[] => [
    MakePod().Name('v1').UID('v1').Label('preemptible', 'no').Node('node1').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v2').UID('v2').Label('preemptible', 'yes').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v3').UID('v3').Label('preemptible', 'yes').Node('node3').Priority(lowPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v4').UID('v4').Node('node4').Priority(lowPriority).Req(largeRes).StartTime(epochTime()).Obj(),
  ];
  const nodePods = (v1Res: ResourceList): Pod[] => [
    MakePod().Name('v1').UID('v1').Node('node1').Priority(highPriority).Req(v1Res).StartTime(epochTime()).Obj(),
    MakePod().Name('v2').UID('v2').Node('node1').Priority(midPriority).Req(smallRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v3').UID('v3').Node('node1').Priority(lowPriority).Req(smallRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v4').UID('v4').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v5').UID('v5').Node('node3').Priority(lowPriority).Req(largeRes).StartTime(epochTime()).Obj(),
  ];
  const threePods = (): Pod[] => [
    MakePod().Name('v1').UID('v1').Node('node1').Priority(highPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v2').UID('v2').Node('node2').Priority(midPriority).Req(largeRes).StartTime(epochTime()).Obj(),
    MakePod().Name('v3').UID('v3').Node('node3').Priority(lowPriority).Req(largeRes).StartTime(epochTime()).Obj(),
  ];
  const four = ['node1', 'node2', 'node3', 'node4'];
  const three = ['node1', 'node2', 'node3'];
  const preemptor = (name: string, prio: number): Pod => MakePod().Name(name).UID(name).Priority(prio).Req(largeRes).Obj();
  const cases: { name: string; eligible: IsEligiblePodFunc; nodeNames: string[]; pod: Pod; pods: Pod[]; expected: Record<string, string[]> }[] = [
    { name: 'filter for matching pod label: high priority', eligible: podLabelIsEligible('preemptible', 'yes'), nodeNames: four, pod: preemptor('p1', highPriority), pods: labelPods(), expected: { node2: ['v2'], node3: ['v3'] } },
    { name: 'filter for matching pod label: mid priority', eligible: podLabelIsEligible('preemptible', 'yes'), nodeNames: four, pod: preemptor('p2', midPriority), pods: labelPods(), expected: { node3: ['v3'] } },
    { name: 'filter for matching pod label: low priority', eligible: podLabelIsEligible('preemptible', 'yes'), nodeNames: four, pod: preemptor('p3', lowPriority), pods: labelPods(), expected: {} },
    { name: 'filter for matching victim node: high priority', eligible: nodeNameIsEligible('node1'), nodeNames: three, pod: preemptor('p3', highPriority), pods: nodePods(mediumRes), expected: { node1: ['v2', 'v3'] } },
    { name: 'filter for matching victim node: mid priority', eligible: nodeNameIsEligible('node1'), nodeNames: three, pod: preemptor('p3', midPriority), pods: nodePods(smallRes), expected: { node1: ['v3'] } },
    { name: 'filter for matching victim node: low priority', eligible: nodeNameIsEligible('node1'), nodeNames: three, pod: preemptor('p3', lowPriority), pods: nodePods(smallRes), expected: {} },
    { name: 'only pods at or above specified priority can preempted: high priority', eligible: priorityBelowThresholdCannotPreempt(highPriority), nodeNames: three, pod: preemptor('p1', highPriority), pods: threePods(), expected: { node2: ['v2'], node3: ['v3'] } },
    { name: 'only pods at or above specified priority can preempted: mid priority', eligible: priorityBelowThresholdCannotPreempt(highPriority), nodeNames: three, pod: preemptor('p2', midPriority), pods: threePods(), expected: {} },
    { name: 'only pods at or below specified priority can be preempted: high priority', eligible: priorityAboveThresholdCannotBePreempted(midPriority), nodeNames: three, pod: preemptor('p1', highPriority), pods: threePods(), expected: { node2: ['v2'], node3: ['v3'] } },
  ];

  for (const tt of cases) {
    it(tt.name, () => {
      const h = makeHarness({ nodes: tt.nodeNames.map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()), pods: tt.pods, plugins: (handle) => [fitPlugin(handle)] });
      const pod = new PodInfo(tt.pod);
      const state = preFilteredState(h, pod);
      const pl = preemptionPlugin(h);
      pl.isEligiblePod = tt.eligible;
      const nodeInfos = h.cache.nodeInfoList();
      const { offset, numCandidates } = pl.getOffsetAndNumCandidates(nodeInfos.length);
      let { candidates } = pl.evaluator.dryRunPreemption(state, pod, nodeInfos, [], offset, numCandidates);
      expect(candidates.length).toBe(Object.keys(tt.expected).length);
      while (candidates.length > 0) {
        const selected = pl.evaluator.selectCandidate(candidates)!;
        expect(Object.keys(tt.expected)).toContain(selected.name);
        expect(selected.victims.pods.map((p) => p.name)).toEqual(tt.expected[selected.name]);
        candidates = candidates.filter((c) => c.name !== selected.name);
      }
    });
  }
});

describe('TestCustomOrdering (default_preemption_test.go)', () => {
  const orderByOldestStart: MoreImportantPodFunc = (a, b) => podStartTime(a.pod) < podStartTime(b.pod);
  const orderByPodName: MoreImportantPodFunc = (a, b) => a.name < b.name;
  const cases = [
    {
      name: 'select newest pods',
      order: orderByOldestStart,
      pods: [
        MakePod().Name('v1').UID('v1').Node('node1').Priority(lowPriority).Req(mediumRes).StartTime(epochTime(2)).Obj(),
        MakePod().Name('v2').UID('v2').Node('node1').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('v3').UID('v3').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime(1)).Obj(),
      ],
      // the newest two pods are selected, despite one with higher priority
      expectedPods: ['v3', 'v1'],
    },
    {
      name: 'select alphabetically-last pods',
      order: orderByPodName,
      pods: [
        MakePod().Name('foo').UID('v1').Node('node1').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('bar').UID('v2').Node('node1').Priority(lowPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
        MakePod().Name('baz').UID('v3').Node('node1').Priority(midPriority).Req(mediumRes).StartTime(epochTime()).Obj(),
      ],
      // the last pods in alphabetic order are selected, despite one with higher priority
      expectedPods: ['baz', 'foo'],
    },
  ];
  for (const tt of cases) {
    it(tt.name, () => {
      const h = makeHarness({ nodes: [MakeNode().Name('node1').Capacity(veryLargeRes).Obj()], pods: tt.pods, plugins: (handle) => [fitPlugin(handle)] });
      const pod = new PodInfo(MakePod().Name('p2').UID('p2').Priority(highPriority).Req(largeRes).Obj());
      const state = preFilteredState(h, pod);
      const pl = preemptionPlugin(h);
      pl.moreImportantPod = tt.order;
      const nodeInfos = h.cache.nodeInfoList();
      const { offset, numCandidates } = pl.getOffsetAndNumCandidates(nodeInfos.length);
      const { candidates } = pl.evaluator.dryRunPreemption(state, pod, nodeInfos, [], offset, numCandidates);
      expect(candidates.length).toBe(1);
      expect(candidates[0]!.victims.pods.map((p) => p.name)).toEqual(tt.expectedPods);
    });
  }
});

describe('TestPodEligibleToPreemptOthers (default_preemption_test.go)', () => {
  const cases: { name: string; pod: Pod; pods: Pod[]; nodes: string[]; nominatedNodeStatus: Status | null; expected: boolean }[] = [
    {
      name: 'Pod with nominated node',
      pod: MakePod().Name('p_with_nominated_node').UID('p').Priority(highPriority).NominatedNodeName('node1').Obj(),
      pods: [MakePod().Name('p1').UID('p1').Priority(lowPriority).Node('node1').Terminating().Obj()],
      nodes: ['node1'],
      nominatedNodeStatus: new Status(Code.UnschedulableAndUnresolvable, ["node(s) had taints that the pod didn't tolerate"]),
      expected: true,
    },
    {
      name: 'Pod without nominated node',
      pod: MakePod().Name('p_without_nominated_node').UID('p').Priority(highPriority).Obj(),
      pods: [],
      nodes: [],
      nominatedNodeStatus: null,
      expected: true,
    },
    {
      name: "Pod with 'PreemptNever' preemption policy",
      pod: MakePod().Name('p_with_preempt_never_policy').UID('p').Priority(highPriority).PreemptionPolicy('Never').Obj(),
      pods: [],
      nodes: [],
      nominatedNodeStatus: null,
      expected: false,
    },
    {
      name: 'preemption victim pod terminating, as indicated by the dedicated DisruptionTarget condition',
      pod: MakePod().Name('p_with_nominated_node').UID('p').Priority(highPriority).NominatedNodeName('node1').Obj(),
      pods: [MakePod().Name('p1').UID('p1').Priority(lowPriority).Node('node1').Terminating().Condition('DisruptionTarget', 'True', 'PreemptionByScheduler').Obj()],
      nodes: ['node1'],
      nominatedNodeStatus: null,
      expected: false,
    },
    {
      name: 'non-victim Pods terminating',
      pod: MakePod().Name('p_with_nominated_node').UID('p').Priority(highPriority).NominatedNodeName('node1').Obj(),
      pods: [MakePod().Name('p1').UID('p1').Priority(lowPriority).Node('node1').Terminating().Obj()],
      nodes: ['node1'],
      nominatedNodeStatus: null,
      expected: true,
    },
  ];
  for (const tt of cases) {
    it(tt.name, () => {
      const h = makeHarness({ nodes: tt.nodes.map((n) => MakeNode().Name(n).Obj()), pods: tt.pods });
      const pl = preemptionPlugin(h);
      expect(pl.podEligibleToPreemptOthers(new PodInfo(tt.pod), tt.nominatedNodeStatus).eligible).toBe(tt.expected);
    });
  }

  it('gives upstream messages and ignores terminating pods of equal or higher priority', () => {
    const h = makeHarness({
      nodes: [MakeNode().Name('node1').Obj()],
      pods: [MakePod().Name('p1').Priority(highPriority).Node('node1').Terminating().Condition('DisruptionTarget', 'True', 'PreemptionByScheduler').Obj()],
    });
    const pl = preemptionPlugin(h);
    const never = new PodInfo(MakePod().Name('p').Priority(highPriority).PreemptionPolicy('Never').Obj());
    expect(pl.podEligibleToPreemptOthers(never, null)).toEqual({ eligible: false, message: 'not eligible due to preemptionPolicy=Never.' });
    const nominated = new PodInfo(MakePod().Name('p').Priority(highPriority).NominatedNodeName('node1').Obj());
    expect(pl.podEligibleToPreemptOthers(nominated, null).eligible).toBe(true);
    const higher = new PodInfo(MakePod().Name('p').Priority(veryHighPriority).NominatedNodeName('node1').Obj());
    expect(pl.podEligibleToPreemptOthers(higher, new Status(Code.Unschedulable))).toEqual({
      eligible: false,
      message: 'not eligible due to a terminating pod on the nominated node.',
    });
  });

  it('podTerminatingByPreemption reads only the first DisruptionTarget condition', () => {
    const base = MakePod().Name('p').Terminating();
    expect(podTerminatingByPreemption(new PodInfo(base.Obj()))).toBe(false);
    const other = MakePod().Name('p').Terminating().Condition('DisruptionTarget', 'True', 'EvictionByEvictionAPI').Condition('DisruptionTarget', 'True', 'PreemptionByScheduler');
    expect(podTerminatingByPreemption(new PodInfo(other.Obj()))).toBe(false);
    const notDeleting = MakePod().Name('p').Condition('DisruptionTarget', 'True', 'PreemptionByScheduler');
    expect(podTerminatingByPreemption(new PodInfo(notDeleting.Obj()))).toBe(false);
  });
});

describe('TestPreempt (default_preemption_test.go, without extenders)', () => {
  const ns = 'default';
  const cases: { name: string; pod: Pod; pods: Pod[]; nodeNames: string[]; want: string | null; expectedPods: string[] }[] = [
    {
      name: 'basic preemption logic',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(veryLargeRes).PreemptionPolicy('PreemptLowerPriority').Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(highPriority).Req(largeRes).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      want: 'node1',
      expectedPods: ['p1.1', 'p1.2'],
    },
    {
      name: 'no preempting in pod',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(veryLargeRes).PreemptionPolicy('Never').Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Namespace(ns).Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Namespace(ns).Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Namespace(ns).Node('node2').Priority(highPriority).Req(largeRes).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Namespace(ns).Node('node3').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      want: null,
      expectedPods: [],
    },
    {
      name: 'PreemptionPolicy is nil',
      pod: MakePod().Name('p').UID('p').Namespace(ns).Priority(highPriority).Req(veryLargeRes).Obj(),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Namespace(ns).Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p1.2').UID('p1.2').Namespace(ns).Node('node1').Priority(lowPriority).Req(smallRes).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Namespace(ns).Node('node2').Priority(highPriority).Req(largeRes).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Namespace(ns).Node('node3').Priority(midPriority).Req(mediumRes).Obj(),
      ],
      nodeNames: ['node1', 'node2', 'node3'],
      want: 'node1',
      expectedPods: ['p1.1', 'p1.2'],
    },
  ];
  for (const asyncPreemption of [true, false]) {
    for (const tt of cases) {
      it(`${tt.name} (async preemption: ${asyncPreemption})`, () => {
        const h = makeHarness({
          nodes: tt.nodeNames.map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()),
          pods: tt.pods,
          plugins: (handle) => [fitPlugin(handle)],
        });
        const pl = preemptionPlugin(h, {}, asyncPreemption);
        const testPod = structuredClone(tt.pod);
        const pod = new PodInfo(testPod);
        const state = preFilteredState(h, pod);
        const statuses = nodeToStatus(Object.fromEntries(tt.nodeNames.map((n) => [n, Code.Unschedulable])));
        const res = pl.evaluator.preempt(state, pod, statuses);
        expect(res.status === null || res.status.isRejected()).toBe(true);
        expect(res.nominatedNodeName).toBe(tt.want);
        const deleted = h.recorder.evictions.map(([v]) => v.name).sort();
        expect(deleted).toEqual(tt.expectedPods);

        // Mark the victims as being deleted, record the nomination, and preempt again: nothing more is preempted.
        for (const p of tt.pods) {
          if (!deleted.includes(p.metadata.name!)) continue;
          const gone = structuredClone(p);
          gone.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
          h.cache.updatePod(new PodInfo(gone));
        }
        if (res.nominatedNodeName !== null) (testPod.status ??= {}).nominatedNodeName = res.nominatedNodeName;
        const before = h.recorder.evictions.length;
        const again = pl.evaluator.preempt(preFilteredState(h, new PodInfo(testPod)), new PodInfo(testPod), nodeToStatus({}));
        expect(again.status === null || again.status.isRejected()).toBe(true);
        expect(h.recorder.evictions.length).toBe(before);
      });
    }
  }

  it('preemption for topology spread constraints', () => {
    const existsFoo: LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
    const nodes = ['node-a/zone1', 'node-b/zone1', 'node-x/zone2'].map((n) => {
      const [host, zone] = n.split('/');
      return MakeNode().Name(host!).Label('hostname', host!).Label('zone', zone!).Capacity(veryLargeRes).Obj();
    });
    const h = makeHarness({
      nodes,
      pods: [
        MakePod().Name('p-a1').UID('p-a1').Namespace(ns).Node('node-a').Label('foo', '').Priority(highPriority).Obj(),
        MakePod().Name('p-a2').UID('p-a2').Namespace(ns).Node('node-a').Label('foo', '').Priority(highPriority).Obj(),
        MakePod().Name('p-b1').UID('p-b1').Namespace(ns).Node('node-b').Label('foo', '').Priority(lowPriority).Obj(),
        MakePod().Name('p-x1').UID('p-x1').Namespace(ns).Node('node-x').Label('foo', '').Priority(highPriority).Obj(),
        MakePod().Name('p-x2').UID('p-x2').Namespace(ns).Node('node-x').Label('foo', '').Priority(highPriority).Obj(),
      ],
      plugins: (handle) => [podTopologySpreadPlugin(handle)],
    });
    const pod = new PodInfo(
      MakePod()
        .Name('p')
        .UID('p')
        .Namespace(ns)
        .Label('foo', '')
        .Priority(highPriority)
        .SpreadConstraint(1, 'zone', 'DoNotSchedule', existsFoo)
        .SpreadConstraint(1, 'hostname', 'DoNotSchedule', existsFoo)
        .Obj(),
    );
    const res = preemptionPlugin(h).evaluator.preempt(
      preFilteredState(h, pod),
      pod,
      nodeToStatus({ 'node-a': Code.Unschedulable, 'node-b': Code.Unschedulable, 'node-x': Code.Unschedulable }),
    );
    expect(res).toEqual({ nominatedNodeName: 'node-b', status: null });
    expect(h.recorder.evictions.map(([v]) => v.name)).toEqual(['p-b1']);
  });

  it('a pod nominated to a node still holding its terminating victims is not eligible again', () => {
    const h = makeHarness({
      nodes: ['node1', 'node2'].map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()),
      pods: [
        MakePod().Name('v1').Node('node1').Priority(lowPriority).Req(largeRes).Terminating().Condition('DisruptionTarget', 'True', 'PreemptionByScheduler').Obj(),
        MakePod().Name('v2').Node('node2').Priority(lowPriority).Req(largeRes).Obj(),
      ],
      plugins: (handle) => [fitPlugin(handle)],
    });
    const pl = preemptionPlugin(h);
    const pod = new PodInfo(MakePod().Name('p').Priority(highPriority).Req(largeRes).NominatedNodeName('node1').Obj());
    const got = pl.postFilter(preFilteredState(h, pod), pod, nodeToStatus({ node1: Code.Unschedulable, node2: Code.Unschedulable }));
    expect(got).toEqual({ status: new Status(Code.Unschedulable, ['preemption: not eligible due to a terminating pod on the nominated node.']) });
    expect(h.recorder.evictions).toEqual([]);
  });
});

describe('DefaultPreemption args (apis/config/v1 defaults, validation_pluginargs)', () => {
  it('defaults to 10 % and 100 and keeps what is set (SetDefaults_DefaultPreemptionArgs)', () => {
    expect(DefaultPreemption.defaultArgs!(undefined)).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(DefaultPreemption.defaultArgs!({})).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    expect(DefaultPreemption.defaultArgs!({ minCandidateNodesPercentage: 50 })).toEqual({ minCandidateNodesPercentage: 50, minCandidateNodesAbsolute: 100 });
    expect(DefaultPreemption.defaultArgs!({ minCandidateNodesAbsolute: 0 })).toEqual({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 0 });
    expect(DefaultPreemption.argsKind).toBe('DefaultPreemptionArgs');
    expect(DefaultPreemption.name).toBe('DefaultPreemption');
  });

  const cases: { name: string; args: { minCandidateNodesPercentage: number; minCandidateNodesAbsolute: number }; want: { path: string; message: string }[] }[] = [
    { name: 'valid args (default)', args: { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 }, want: [] },
    {
      name: 'negative minCandidateNodesPercentage',
      args: { minCandidateNodesPercentage: -1, minCandidateNodesAbsolute: 100 },
      want: [{ path: 'minCandidateNodesPercentage', message: 'Invalid value: -1: not in valid range [0, 100]' }],
    },
    {
      name: 'minCandidateNodesPercentage over 100',
      args: { minCandidateNodesPercentage: 900, minCandidateNodesAbsolute: 100 },
      want: [{ path: 'minCandidateNodesPercentage', message: 'Invalid value: 900: not in valid range [0, 100]' }],
    },
    {
      name: 'negative minCandidateNodesAbsolute',
      args: { minCandidateNodesPercentage: 20, minCandidateNodesAbsolute: -1 },
      want: [{ path: 'minCandidateNodesAbsolute', message: 'Invalid value: -1: not in valid range [0, inf)' }],
    },
    {
      name: 'all zero',
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 },
      want: [
        { path: 'minCandidateNodesPercentage', message: 'Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute' },
        { path: 'minCandidateNodesAbsolute', message: 'Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage' },
      ],
    },
    {
      name: 'both out-of-range',
      args: { minCandidateNodesPercentage: -1, minCandidateNodesAbsolute: -1 },
      want: [
        { path: 'minCandidateNodesPercentage', message: 'Invalid value: -1: not in valid range [0, 100]' },
        { path: 'minCandidateNodesAbsolute', message: 'Invalid value: -1: not in valid range [0, inf)' },
      ],
    },
    { name: 'boundaries are valid', args: { minCandidateNodesPercentage: 100, minCandidateNodesAbsolute: 0 }, want: [] },
  ];
  for (const tt of cases) {
    it(`validation: ${tt.name}`, () => {
      expect(DefaultPreemption.validateArgs!(tt.args)).toEqual(tt.want);
    });
  }

  it('the factory refuses invalid args, as New does', () => {
    const h = makeHarness({ nodes: [] });
    expect(() => DefaultPreemption.factory({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, h.handle)).toThrow(
      /initializing plugin "DefaultPreemption": minCandidateNodesPercentage: Invalid value: 0/,
    );
    expect(DefaultPreemption.factory(DefaultPreemption.defaultArgs!(undefined), h.handle)).toBeInstanceOf(DefaultPreemptionPlugin);
  });

  it('calculateNumCandidates clamps n·percentage/100 (truncated) to [minCandidateNodesAbsolute, n]', () => {
    const h = makeHarness({ nodes: [] });
    const numCandidates = (numNodes: number, pct: number, abs: number): number =>
      new DefaultPreemptionPlugin({ minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs }, h.handle).calculateNumCandidates(numNodes);
    expect(numCandidates(10, 40, 1)).toBe(4);
    expect(numCandidates(8, 50, 2)).toBe(4);
    expect(numCandidates(8, 20, 5)).toBe(5);
    expect(numCandidates(8, 20, 10)).toBe(8);
    expect(numCandidates(100, 20, 5)).toBe(20);
    expect(numCandidates(100, 5, 10)).toBe(10);
    expect(numCandidates(1000, 40, 10)).toBe(400);
    expect(numCandidates(999, 10, 1)).toBe(99);
    expect(numCandidates(5000, 10, 100)).toBe(500);
    expect(numCandidates(500, 10, 100)).toBe(100);
    expect(numCandidates(50, 10, 100)).toBe(50);
  });

  it("draws the offset uniformly from its own stream, forked from the scheduler's, which it leaves untouched", () => {
    const a = makeHarness({ nodes: [], seed: 7 });
    const b = makeHarness({ nodes: [], seed: 7 });
    const draw = (h: Harness): number[] => {
      const pl = preemptionPlugin(h);
      return Array.from({ length: 200 }, () => pl.getOffsetAndNumCandidates(10).offset);
    };
    const offsets = draw(a);
    expect(offsets.every((o) => Number.isInteger(o) && o >= 0 && o < 10)).toBe(true);
    expect(new Set(offsets).size).toBe(10);
    expect(draw(b)).toEqual(offsets);
    expect(a.handle.random.next()).toBe(makeHarness({ nodes: [], seed: 7 }).handle.random.next());
  });

  it('registers Pod/Delete with an always-skip hint when preemption is asynchronous, nothing otherwise', () => {
    const h = makeHarness({ nodes: [] });
    const asyncEvents = preemptionPlugin(h, {}, true).eventsToRegister();
    expect(asyncEvents.map((e) => e.event)).toEqual([{ resource: 'Pod', actionType: ActionType.Delete, label: 'PodDelete' }]);
    expect(asyncEvents[0]!.hint!(MakePod().Name('x').Obj(), undefined, undefined)).toBe('QueueSkip');
    expect(preemptionPlugin(h, {}, false).eventsToRegister()).toEqual([]);
  });
});
