/**
 * NodeAffinity, ported from pkg/scheduler/framework/plugins/nodeaffinity/
 * node_affinity_test.go (TestNodeAffinity, TestNodeAffinityPriority,
 * Test_isSchedulableAfterNodeChange) and validation_pluginargs_test.go
 * (TestValidateNodeAffinityArgs), plus the kube-scheduler-cases.json
 * NodeAffinity cases.
 */
import { describe, expect, it } from 'vitest';
import type { Affinity, Node, NodeAffinity as NodeAffinitySpec, NodeSelectorTerm, Pod } from '../../../src/api/types.js';
import { ActionType } from '../../../src/scheduler/framework/events.js';
import type { NodeScoreList } from '../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, type Status } from '../../../src/scheduler/framework/Status.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import {
  ERR_REASON_CONFLICT,
  ERR_REASON_ENFORCED,
  ERR_REASON_POD,
  NodeAffinity,
  NodeAffinityPlugin,
  type NodeAffinityArgs,
} from '../../../src/scheduler/plugins/NodeAffinity.js';
import { makeCache, makeHandle, newState } from '../fixtures.js';
import { caseNode, casePod, loadReferenceCases, MakeNode, MakePod } from './stBuilders.js';

function podWith(spec: { nodeSelector?: Record<string, string>; affinity?: Affinity }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: '', uid: 'p' }, spec: { containers: [], ...spec } };
}

function required(...terms: NodeSelectorTerm[]): Affinity {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
}

function newPlugin(args: NodeAffinityArgs = {}, nodes: Node[] = [], gates = new FeatureGates()): { p: NodeAffinityPlugin; cache: ReturnType<typeof makeCache> } {
  const cache = makeCache(nodes);
  const a = NodeAffinity.defaultArgs!(args);
  return { p: NodeAffinity.factory(a, makeHandle(cache, gates)) as NodeAffinityPlugin, cache };
}

function statusOf(s: Status | null): { code: Code; reasons: readonly string[] } | null {
  return s === null ? null : { code: s.code, reasons: s.reasons };
}

const UU = Code.UnschedulableAndUnresolvable;

describe('NodeAffinity Filter (TestNodeAffinity)', () => {
  interface Case {
    name: string;
    pod: Pod;
    labels?: Record<string, string>;
    nodeName?: string;
    wantStatus?: { code: Code; reason: string };
    wantPreFilterStatus?: { code: Code; reason?: string };
    wantPreFilterResult?: string[];
    args?: NodeAffinityArgs;
    runPreFilter: boolean;
  }
  const nameIn = (...v: string[]): NodeSelectorTerm => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: v }] });
  const cases: Case[] = [
    { name: 'missing labels', pod: podWith({ nodeSelector: { foo: 'bar' } }), wantStatus: { code: UU, reason: ERR_REASON_POD }, runPreFilter: true },
    { name: 'same labels', pod: podWith({ nodeSelector: { foo: 'bar' } }), labels: { foo: 'bar' }, runPreFilter: true },
    { name: 'node labels are superset', pod: podWith({ nodeSelector: { foo: 'bar' } }), labels: { foo: 'bar', baz: 'blah' }, runPreFilter: true },
    {
      name: 'node labels are subset',
      pod: podWith({ nodeSelector: { foo: 'bar', baz: 'blah' } }),
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }) }),
      labels: { foo: 'bar' },
      runPreFilter: true,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }) }),
      labels: { 'kernel-version': '0206' },
      runPreFilter: true,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }) }),
      labels: { 'mem-type': 'DDR3' },
      runPreFilter: true,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }) }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      runPreFilter: true,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }) }),
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node',
      pod: podWith({ affinity: required({ matchExpressions: [] }) }),
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with an empty []NodeSelectorTerm in affinity, can\'t match the node\'s labels and won\'t schedule onto the node',
      pod: podWith({ affinity: required() }),
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    { name: 'Pod with no Affinity will schedule onto a node', pod: podWith({}), labels: { foo: 'bar' }, wantPreFilterStatus: { code: Code.Skip }, runPreFilter: true },
    {
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      pod: podWith({ affinity: { nodeAffinity: {} } }),
      labels: { foo: 'bar' },
      wantPreFilterStatus: { code: Code.Skip },
      runPreFilter: true,
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      pod: podWith({
        affinity: required({
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
          ],
        }),
      }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      runPreFilter: true,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      pod: podWith({
        affinity: required({
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'In', values: ['AMD', 'INTER'] },
          ],
        }),
      }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      pod: podWith({
        affinity: required(
          { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] },
          { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] },
        ),
      }),
      labels: { foo: 'bar' },
      runPreFilter: true,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      pod: podWith({ nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) }),
      labels: { foo: 'bar' },
      runPreFilter: true,
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      pod: podWith({ nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) }),
      labels: { foo: 'barrrrrr' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['invalid value: ___@#$%^'] }] }) }),
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      pod: podWith({ affinity: required(nameIn('node1')) }),
      nodeName: 'node1',
      wantPreFilterResult: ['node1'],
      runPreFilter: true,
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      pod: podWith({ affinity: required(nameIn('node1')) }),
      nodeName: 'node2',
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      wantPreFilterResult: ['node1'],
      runPreFilter: true,
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: podWith({ affinity: required(nameIn('node1'), { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }) }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      runPreFilter: true,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      pod: podWith({
        affinity: required({
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }],
          matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
        }),
      }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      wantPreFilterResult: ['node1'],
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      pod: podWith({
        affinity: required({
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }],
          matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }],
        }),
      }),
      nodeName: 'node1',
      labels: { foo: 'bar' },
      wantPreFilterResult: ['node1'],
      runPreFilter: true,
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      pod: podWith({ affinity: required(nameIn('node1'), { matchExpressions: [{ key: 'foo', operator: 'In', values: ['not-match-to-bar'] }] }) }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: 'Pod with two terms of node.Name affinity',
      pod: podWith({ affinity: required(nameIn('node1'), nameIn('node2')) }),
      nodeName: 'node2',
      wantPreFilterResult: ['node1', 'node2'],
      runPreFilter: true,
    },
    {
      name: 'Pod with two conflicting mach field requirements',
      pod: podWith({
        affinity: required({
          matchFields: [
            { key: 'metadata.name', operator: 'In', values: ['node1'] },
            { key: 'metadata.name', operator: 'In', values: ['node2'] },
          ],
        }),
      }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      wantPreFilterStatus: { code: UU, reason: ERR_REASON_CONFLICT },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: "Matches added affinity and Pod's node affinity",
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['foo'] }] }) }),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nameIn('node2')] } } },
      runPreFilter: true,
    },
    {
      name: "Matches added affinity but not Pod's node affinity",
      pod: podWith({ affinity: required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['bar'] }] }) }),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nameIn('node2')] } } },
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
    {
      name: "Doesn't match added affinity",
      pod: podWith({}),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['bar'] }] }] },
        },
      },
      wantStatus: { code: UU, reason: ERR_REASON_ENFORCED },
      runPreFilter: true,
    },
    {
      name: 'Matches node selector correctly even if PreFilter is not called',
      pod: podWith({ nodeSelector: { foo: 'bar' } }),
      labels: { foo: 'bar', baz: 'blah' },
      runPreFilter: false,
    },
    {
      name: 'Matches node affinity correctly even if PreFilter is not called',
      pod: podWith({
        affinity: required({
          matchExpressions: [
            { key: 'GPU', operator: 'Exists' },
            { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] },
          ],
        }),
      }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      runPreFilter: false,
    },
    {
      // Not upstream: matchFields NotIn excludes the named node.
      name: 'Pod with matchFields using NotIn operator excludes the node',
      pod: podWith({ affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }) }),
      nodeName: 'node1',
      wantStatus: { code: UU, reason: ERR_REASON_POD },
      runPreFilter: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const node = MakeNode().Name(tc.nodeName ?? '').Obj();
    node.metadata.labels = tc.labels ?? {};
    const { p, cache } = newPlugin(tc.args ?? {}, [node]);
    const info = new PodInfo(tc.pod);
    const state = newState();
    if (tc.runPreFilter) {
      const { result, status } = p.preFilter(state, info);
      if (tc.wantPreFilterStatus === undefined) expect(status).toBeNull();
      else {
        expect(status?.code).toBe(tc.wantPreFilterStatus.code);
        if (tc.wantPreFilterStatus.reason !== undefined) expect(status?.reasons).toEqual([tc.wantPreFilterStatus.reason]);
      }
      if (tc.wantPreFilterResult === undefined) expect(result?.nodeNames).toBeUndefined();
      else expect([...(result?.nodeNames ?? [])].sort()).toEqual(tc.wantPreFilterResult);
    }
    const nodeInfo = cache.get(tc.nodeName ?? '')!;
    const filtered = p.filter(state, info, nodeInfo);
    const got = statusOf(filtered);
    expect(got).toEqual(tc.wantStatus === undefined ? null : { code: tc.wantStatus.code, reasons: [tc.wantStatus.reason] });
    // The whole-table path gives the same code, and a shared rejection, when offered, is Filter's own.
    const codes = new Uint8Array(1).fill(9);
    p.filterNodes(state, info, new Int32Array([nodeInfo.index]), 1, codes);
    expect(codes[0]).toBe(filtered?.code ?? Code.Success);
    if (filtered !== null) {
      const shared = p.sharedRejection(state, info, filtered.code);
      if (shared !== null) expect(statusOf(shared)).toEqual(got);
      // Only the args' added selector (errReasonEnforced) makes the reason depend on the node.
      expect(shared === null).toBe(tc.args?.addedAffinity !== undefined);
    }
  });
});

describe('NodeAffinity Score (TestNodeAffinityPriority)', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const affinity1: Affinity = {
    nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } }] },
  };
  const affinity2: Affinity = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
        { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
        {
          weight: 5,
          preference: {
            matchExpressions: [
              { key: 'foo', operator: 'In', values: ['bar'] },
              { key: 'key', operator: 'In', values: ['value'] },
              { key: 'az', operator: 'In', values: ['az1'] },
            ],
          },
        },
      ],
    },
  };
  const node = (name: string, labels: Record<string, string>): Node => {
    const n = MakeNode().Name(name).Obj();
    n.metadata.labels = { ...labels };
    return n;
  };
  const cases: { name: string; pod: Pod; nodes: Node[]; want: number[]; args?: NodeAffinityArgs; runPreScore: boolean; wantSkip?: boolean }[] = [
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      pod: podWith({}),
      nodes: [node('node1', label1), node('node2', label2), node('node3', label3)],
      want: [0, 0, 0],
      runPreScore: true,
      wantSkip: true,
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      pod: podWith({ affinity: affinity1 }),
      nodes: [node('node1', label4), node('node2', label2), node('node3', label3)],
      want: [0, 0, 0],
      runPreScore: true,
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      pod: podWith({ affinity: affinity1 }),
      nodes: [node('node1', label1), node('node2', label2), node('node3', label3)],
      want: [100, 0, 0],
      runPreScore: true,
    },
    {
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
      pod: podWith({ affinity: affinity2 }),
      nodes: [node('node1', label1), node('node5', label5), node('node2', label2)],
      want: [18, 100, 36],
      runPreScore: true,
    },
    {
      name: 'added affinity',
      pod: podWith({}),
      nodes: [node('node1', label1), node('node2', label2)],
      want: [100, 0],
      args: { addedAffinity: affinity1.nodeAffinity! },
      runPreScore: true,
    },
    {
      name: 'added affinity and pod has default affinity',
      pod: podWith({ affinity: affinity1 }),
      nodes: [node('node1', label1), node('node2', label2), node('node3', label5)],
      want: [40, 60, 100],
      args: {
        addedAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 3, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } }],
        },
      },
      runPreScore: true,
    },
    {
      name: 'calculate the priorities correctly even if PreScore is not called',
      pod: podWith({ affinity: affinity2 }),
      nodes: [node('node1', label1), node('node5', label5), node('node2', label2)],
      want: [18, 100, 36],
      runPreScore: false,
    },
    {
      // Not upstream: terms with weight 0 or an empty preference are dropped.
      name: 'terms with weight 0 or an empty preference count nothing',
      pod: podWith({
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 0, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
              { weight: 7, preference: {} },
              { weight: 3, preference: { matchExpressions: [{ key: 'key', operator: 'Exists' }] } },
            ],
          },
        },
      }),
      nodes: [node('node1', label1), node('node2', label2)],
      want: [0, 100],
      runPreScore: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const { p, cache } = newPlugin(tc.args ?? {}, tc.nodes);
    const info = new PodInfo(tc.pod);
    const state = newState();
    if (tc.runPreScore) {
      const s = p.preScore(state, info);
      if (tc.wantSkip === true) {
        // v1.34: nothing to score, so the framework would not call Score; the plugin contributes 0.
        expect(s?.code).toBe(Code.Skip);
        expect(tc.want.every((v) => v === 0)).toBe(true);
        return;
      }
      expect(s).toBeNull();
    }
    const infos = tc.nodes.map((n) => cache.get(n.metadata.name!)!);
    const scores = new Float64Array(infos.map((n) => p.score(state, info, n)));
    const list: NodeScoreList = { nodes: infos, scores, length: infos.length };
    expect(p.normalizeScore(state, info, list)).toBeNull();
    expect([...scores]).toEqual(tc.want);
  });

  it('returns an error status from PreScore when a preferred term does not parse', () => {
    const { p } = newPlugin();
    const pod = podWith({
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] } }] } },
    });
    expect(p.preScore(newState(), new PodInfo(pod))?.code).toBe(Code.Error);
  });
});

describe('NodeAffinity queueing hints (Test_isSchedulableAfterNodeChange)', () => {
  const podWithNodeAffinity = (): Pod => MakePod().Name('p').NodeAffinityIn('foo', ['bar']).Obj();
  const enforced: NodeAffinityArgs = {
    addedAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }] },
    },
  };
  const n = (labels: Record<string, string> = {}): Node => {
    const node = MakeNode().Obj();
    node.metadata.labels = labels;
    return node;
  };
  const cases: { name: string; args?: NodeAffinityArgs; oldObj?: unknown; newObj: unknown; want: string }[] = [
    { name: 'backoff-wrong-new-object', newObj: 'not-a-node', want: 'Queue' },
    { name: 'backoff-wrong-old-object', oldObj: 'not-a-node', newObj: n(), want: 'Queue' },
    { name: 'skip-queue-on-add', newObj: n(), want: 'QueueSkip' },
    { name: 'queue-on-add', newObj: n({ foo: 'bar' }), want: 'Queue' },
    { name: 'skip-unrelated-changes', oldObj: n(), newObj: n(), want: 'QueueSkip' },
    { name: 'skip-unrelated-changes-on-labels', oldObj: n(), newObj: n({ k: 'v' }), want: 'QueueSkip' },
    { name: 'skip-labels-changes-on-suitable-node', oldObj: n({ foo: 'bar' }), newObj: n({ foo: 'bar', k: 'v' }), want: 'QueueSkip' },
    { name: 'skip-labels-changes-on-node-from-suitable-to-unsuitable', oldObj: n({ foo: 'bar' }), newObj: n({ k: 'v' }), want: 'QueueSkip' },
    { name: 'queue-on-labels-change-makes-pod-schedulable', oldObj: n(), newObj: n({ foo: 'bar' }), want: 'Queue' },
    { name: 'skip-queue-on-add-scheduler-enforced-node-affinity', args: enforced, newObj: n(), want: 'QueueSkip' },
    { name: 'queue-on-add-scheduler-enforced-node-affinity', args: enforced, newObj: n({ foo: 'bar' }), want: 'Queue' },
  ];
  it.each(cases)('$name', ({ args, oldObj, newObj, want }) => {
    const { p } = newPlugin(args ?? {});
    expect(p.isSchedulableAfterNodeChange(podWithNodeAffinity(), oldObj, newObj)).toBe(want);
  });

  it('registers Node Add|UpdateNodeLabel with queueing hints, plus UpdateNodeTaint without', () => {
    expect(newPlugin().p.eventsToRegister().map((e) => e.event)).toEqual([{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }]);
    const without = newPlugin({}, [], new FeatureGates({ SchedulerQueueingHints: false })).p.eventsToRegister();
    expect(without.map((e) => e.event)).toEqual([{ resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint }]);
  });
});

describe('NodeAffinityArgs validation (TestValidateNodeAffinityArgs)', () => {
  const valid: NodeAffinitySpec = {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'label-1', operator: 'In', values: ['label-1-val'] }] }] },
    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] } }],
  };
  const invalid: NodeAffinitySpec = {
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'invalid/label/key', operator: 'In', values: ['label-1-val'] }] }] },
    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] } }],
  };
  it('empty', () => expect(NodeAffinity.validateArgs!(NodeAffinity.defaultArgs!(undefined))).toEqual([]));
  it('valid added affinity', () => expect(NodeAffinity.validateArgs!({ addedAffinity: valid })).toEqual([]));
  it('invalid added affinity', () => {
    const errs = NodeAffinity.validateArgs!({ addedAffinity: invalid });
    expect(errs.map((e) => e.path)).toEqual([
      'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key',
      'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchFields[0].values',
    ]);
    expect(errs.every((e) => e.message.startsWith('Invalid value'))).toBe(true);
    expect(() => newPlugin({ addedAffinity: invalid })).toThrow(/initializing plugin "NodeAffinity"/);
  });
});

describe('NodeAffinity: kube-scheduler-cases.json', () => {
  const cases = loadReferenceCases('NodeAffinity');
  if (cases === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.id}: ${c.source.name}`, () => {
      const nodes = c.nodes.map(caseNode);
      const { p, cache } = newPlugin((c.args as NodeAffinityArgs | undefined) ?? {}, nodes);
      const info = new PodInfo(casePod(c.pod));
      const state = newState();
      const pre = p.preScore(state, info);
      const infos = nodes.map((n) => cache.get(n.metadata.name!)!);
      const scores = new Float64Array(infos.length);
      // Skip: the framework does not call Score, so the plugin contributes 0.
      if (pre === null) {
        for (let i = 0; i < infos.length; i++) scores[i] = p.score(state, info, infos[i]!);
        p.normalizeScore(state, info, { nodes: infos, scores, length: infos.length });
      } else {
        expect(pre.code).toBe(Code.Skip);
      }
      expect([...scores]).toEqual(c.expected.scores!.map((s) => s.score));
    });
  }
});
