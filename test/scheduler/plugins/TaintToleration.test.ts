/**
 * TaintToleration, ported from pkg/scheduler/framework/plugins/tainttoleration/
 * taint_toleration_test.go (v1.34 semantics: no Gt/Lt toleration operators,
 * reason `node(s) had untolerated taint {key: value}`), plus the
 * kube-scheduler-cases.json TaintToleration cases and fast-path equivalence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../../src/api/types.js';
import { ActionType } from '../../../src/scheduler/framework/events.js';
import type { NodeScoreList } from '../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, codeOf } from '../../../src/scheduler/framework/Status.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import {
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
  TaintToleration,
  TaintTolerationPlugin,
} from '../../../src/scheduler/plugins/TaintToleration.js';
import { makeCache, makeHandle, newState } from '../fixtures.js';
import { caseNode, casePod, loadReferenceCases } from './stBuilders.js';

function nodeWithTaints(name: string, taints: Taint[] | undefined): Node {
  const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: { allocatable: {} } };
  if (taints !== undefined) node.spec!.taints = taints;
  return node;
}

function podWithTolerations(name: string, tolerations: Toleration[], uid?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: '', uid: uid ?? name },
    spec: { containers: [], tolerations },
  };
}

function plugin(nodes: Node[], gates = new FeatureGates()): { p: TaintTolerationPlugin; cache: ReturnType<typeof makeCache> } {
  const cache = makeCache(nodes);
  return { p: TaintToleration.factory(undefined, makeHandle(cache, gates)) as TaintTolerationPlugin, cache };
}

/** PreScore, Score per node (per-node path and fast path), NormalizeScore; both paths must agree. */
function scoreAll(nodes: Node[], pod: Pod): number[] {
  const { p, cache } = plugin(nodes);
  const info = new PodInfo(pod);
  const state = newState();
  expect(p.preScore(state, info)).toBeNull();
  const infos = nodes.map((n) => cache.get(n.metadata.name!)!);
  const slow = new Float64Array(infos.map((n) => p.score(state, info, n)));
  const fast = new Float64Array(infos.length);
  p.scoreNodes(state, info, new Int32Array(infos.map((n) => n.index)), infos.length, fast);
  expect([...fast]).toEqual([...slow]);
  const list: NodeScoreList = { nodes: infos, scores: slow, length: infos.length };
  expect(p.normalizeScore(state, info, list)).toBeNull();
  return [...slow];
}

describe('TaintToleration Score (TestTaintTolerationScore)', () => {
  const cases: { name: string; pod: Pod; nodes: Node[]; want: number[] }[] = [
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
      ],
      want: [100, 0],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [100, 100, 100],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [100, 50, 0],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [100, 100, 0],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      pod: podWithTolerations('pod1', []),
      nodes: [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }])],
      want: [100, 0],
    },
    {
      // Not upstream: an empty-effect toleration covers PreferNoSchedule taints too (getAllTolerationPreferNoSchedule).
      name: 'a toleration with an empty effect tolerates PreferNoSchedule taints',
      pod: podWithTolerations('pod1', [{ key: 'cpu-type', operator: 'Exists' }]),
      nodes: [
        nodeWithTaints('nodeA', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeB', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
        nodeWithTaints('nodeC', [
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
          { key: 'gpu', value: 'x', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [100, 50, 0],
    },
  ];
  it.each(cases)('$name', ({ pod, nodes, want }) => {
    expect(scoreAll(nodes, pod)).toEqual(want);
  });
});

describe('TaintToleration Filter (TestTaintTolerationFilter)', () => {
  const cases: { name: string; pod: Pod; node: Node; wantCode: Code; wantReason?: string }[] = [
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      pod: podWithTolerations('pod1', []),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ]),
      node: nodeWithTaints('nodeA', [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ]),
      wantCode: Code.Success,
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar' }]),
      node: nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations('pod1', []),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      // v1.34 has no numeric operators: a Gt toleration tolerates nothing (TestTaintTolerationFilterWithFeatureGate, gate off).
      name: 'Pod with Gt toleration cannot be scheduled (v1.34: Gt is not an operator)',
      pod: podWithTolerations('pod1', [{ key: 'node.kubernetes.io/sla', operator: 'Gt' as 'Equal', value: '750', effect: 'NoSchedule' }]),
      node: nodeWithTaints('nodeA', [{ key: 'node.kubernetes.io/sla', value: '950', effect: 'NoSchedule' }]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {node.kubernetes.io/sla: 950}',
    },
    {
      name: 'Pod with mixed tolerations (Equal and Gt) - only Equal is honored',
      pod: podWithTolerations('pod1', [
        { key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/sla', operator: 'Gt' as 'Equal', value: '750', effect: 'NoSchedule' },
      ]),
      node: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      wantCode: Code.Success,
    },
    {
      // Not upstream: the reason names the FIRST untolerated NoSchedule/NoExecute taint; a taint without a value prints empty.
      name: 'the first untolerated NoExecute taint is the reason, PreferNoSchedule ones are skipped',
      pod: podWithTolerations('pod1', [{ key: 'a', operator: 'Exists' }]),
      node: nodeWithTaints('nodeA', [
        { key: 'p', value: 'x', effect: 'PreferNoSchedule' },
        { key: 'a', value: '1', effect: 'NoSchedule' },
        { key: 'b', effect: 'NoExecute' },
        { key: 'c', value: '3', effect: 'NoSchedule' },
      ]),
      wantCode: Code.UnschedulableAndUnresolvable,
      wantReason: 'node(s) had untolerated taint {b: }',
    },
  ];
  it.each(cases)('$name', ({ pod, node, wantCode, wantReason }) => {
    const { p, cache } = plugin([node]);
    const info = new PodInfo(pod);
    const nodeInfo = cache.get(node.metadata.name!)!;
    const s = p.filter(newState(), info, nodeInfo);
    expect(codeOf(s)).toBe(wantCode);
    if (wantReason !== undefined) expect(s?.reasons).toEqual([wantReason]);
    const codes = new Uint8Array(1);
    p.filterNodes(newState(), info, new Int32Array([nodeInfo.index]), 1, codes);
    expect(codes[0]).toBe(wantCode);
  });
});

describe('TaintToleration queueing hints', () => {
  // TestIsSchedulableAfterNodeChange
  const nodeCases: { name: string; pod: Pod; oldObj?: unknown; newObj: unknown; want: string }[] = [
    { name: 'backoff-wrong-new-object', pod: podWithTolerations('p', []), newObj: 'not-a-node', want: 'Queue' },
    {
      name: 'backoff-wrong-old-object',
      pod: podWithTolerations('p', []),
      newObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      oldObj: 'not-a-node',
      want: 'Queue',
    },
    {
      name: 'skip-queue-on-untoleratedtaint-node-added',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      newObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: 'QueueSkip',
    },
    {
      name: 'queue-on-toleratedtaint-node-added',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      newObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }]),
      want: 'Queue',
    },
    {
      name: 'skip-unrelated-change',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      newObj: nodeWithTaints('nodeA', [
        { key: 'dedicated', value: 'user1', effect: 'NoSchedule' },
        { key: 'dedicated', value: 'user3', effect: 'NoSchedule' },
      ]),
      oldObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: 'QueueSkip',
    },
    {
      name: 'queue-on-taint-change',
      pod: podWithTolerations('pod1', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      newObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }]),
      oldObj: nodeWithTaints('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: 'Queue',
    },
  ];
  it.each(nodeCases)('isSchedulableAfterNodeChange: $name', ({ pod, oldObj, newObj, want }) => {
    expect(isSchedulableAfterNodeChange(pod, oldObj, newObj)).toBe(want);
  });

  // Test_isSchedulableAfterPodTolerationChange
  const target = podWithTolerations('pod-1', [], 'uid0');
  const podCases: { name: string; oldObj?: unknown; newObj: unknown; want: string }[] = [
    { name: 'backoff-wrong-new-object', newObj: 'not-a-pod', want: 'Queue' },
    { name: 'backoff-wrong-old-object', oldObj: 'not-a-pod', newObj: podWithTolerations('pod-1', [], 'uid0'), want: 'Queue' },
    {
      name: 'skip-updates-other-pod',
      oldObj: podWithTolerations('pod-2', [], 'uid1'),
      newObj: podWithTolerations('pod-2', [{ key: 'foo', effect: 'NoSchedule' }], 'uid1'),
      want: 'QueueSkip',
    },
    {
      name: 'queue-on-toleration-added',
      oldObj: podWithTolerations('pod-1', [], 'uid0'),
      newObj: podWithTolerations('pod-1', [{ key: 'foo', effect: 'NoSchedule' }], 'uid0'),
      want: 'Queue',
    },
  ];
  it.each(podCases)('isSchedulableAfterPodTolerationChange: $name', ({ oldObj, newObj, want }) => {
    expect(isSchedulableAfterPodTolerationChange(target, oldObj, newObj)).toBe(want);
  });

  it('registers Node Add|UpdateNodeTaint and Pod UpdatePodToleration with queueing hints, Node Add|UpdateNodeTaint|UpdateNodeLabel without', () => {
    const withHints = plugin([]).p.eventsToRegister().map((e) => e.event);
    expect(withHints).toEqual([
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
      { resource: 'Pod', actionType: ActionType.UpdatePodToleration },
    ]);
    const without = plugin([], new FeatureGates({ SchedulerQueueingHints: false })).p.eventsToRegister().map((e) => e.event);
    expect(without).toEqual([{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel }]);
  });
});

describe('TaintToleration: kube-scheduler-cases.json', () => {
  const cases = loadReferenceCases('TaintToleration');
  if (cases === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.id}: ${c.source.name}`, () => {
      const nodes = c.nodes.map(caseNode);
      const pod = casePod(c.pod);
      if (c.phase === 'filter') {
        const { p, cache } = plugin(nodes);
        const info = new PodInfo(pod);
        for (const [name, want] of Object.entries(c.expected.filter!)) {
          const s = p.filter(newState(), info, cache.get(name)!);
          expect(s === null ? 'Success' : (['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable'][s.code] ?? '?')).toBe(want);
        }
      } else {
        expect(scoreAll(nodes, pod)).toEqual(c.expected.scores!.map((s) => s.score));
      }
    });
  }
});

describe('TaintToleration fast paths equal the per-node paths on random clusters', () => {
  const keys = ['a', 'b', 'c'];
  const values = ['', 'x', 'y'];
  const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
  const taint = fc.record({ key: fc.constantFrom(...keys), value: fc.constantFrom(...values), effect: fc.constantFrom(...effects) });
  const toleration = fc.record(
    {
      key: fc.constantFrom('', ...keys),
      operator: fc.constantFrom('Equal', 'Exists', '') as fc.Arbitrary<'Equal' | 'Exists'>,
      value: fc.constantFrom(...values),
      effect: fc.constantFrom('', ...effects),
    },
    { requiredKeys: [] },
  );
  it('filterNodes and scoreNodes agree with filter and score', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(taint, { maxLength: 3 }), { nil: undefined }), { minLength: 1, maxLength: 12 }), fc.array(toleration, { maxLength: 3 }), fc.array(toleration, { maxLength: 3 }), (taintLists, tolerations, others) => {
        const nodes = taintLists.map((t, i) => nodeWithTaints(`n${i}`, t));
        const { p, cache } = plugin(nodes);
        const info = new PodInfo(podWithTolerations('p', tolerations));
        const infos = nodes.map((n) => cache.get(n.metadata.name!)!);
        const rows = new Int32Array(infos.map((n) => n.index));
        const codes = new Uint8Array(rows.length).fill(9);
        // Another pod first: a verdict of one call must not leak into the next.
        const other = new PodInfo(podWithTolerations('q', others));
        p.filterNodes(newState(), other, rows, rows.length, codes);
        expect([...codes]).toEqual(infos.map((n) => codeOf(p.filter(newState(), other, n))));
        p.filterNodes(newState(), info, rows, rows.length, codes);
        expect([...codes]).toEqual(infos.map((n) => codeOf(p.filter(newState(), info, n))));
        const state = newState();
        p.preScore(state, info);
        const out = new Float64Array(rows.length);
        p.scoreNodes(state, info, rows, rows.length, out);
        expect([...out]).toEqual(infos.map((n) => p.score(state, info, n)));
      }),
      { numRuns: 300 },
    );
  });
});
