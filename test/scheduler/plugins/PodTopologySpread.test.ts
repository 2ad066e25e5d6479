/**
 * PodTopologySpread: args (validation_pluginargs_test.go
 * TestValidatePodTopologySpreadArgs), queueing hints (plugin_test.go
 * Test_isSchedulableAfterNodeChange / Test_isSchedulableAfterPodChange, with
 * v1.34's topology-key-only node hint), the kube-scheduler-cases.json
 * PodTopologySpread cases, and property tests: the counts carried across
 * cycles and the whole-table fast paths against a from-scratch reference
 * written the way upstream computes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequiredNodeAffinity } from '../../../src/api/nodeSelector.js';
import type { LabelSelector, Node, Pod, Taint, TopologySpreadConstraint } from '../../../src/api/types.js';
import { ActionType } from '../../../src/scheduler/framework/events.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, codeOf } from '../../../src/scheduler/framework/Status.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import {
  PodTopologySpread,
  PodTopologySpreadPlugin,
  PRE_FILTER_STATE_KEY,
  PRE_SCORE_STATE_KEY,
  PreFilterState,
  PreScoreState,
  type PodTopologySpreadArgs,
} from '../../../src/scheduler/plugins/PodTopologySpread.js';
import {
  countPodsMatchSelector,
  goLog,
  LABEL_HOSTNAME,
  labelValue,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type SpreadConstraint,
} from '../../../src/scheduler/plugins/podtopologyspread/common.js';
import { makeCache, makeHandle, newState } from '../fixtures.js';
import { barSelector, fooSelector, setup } from './podTopologySpreadHarness.js';
import { caseNode, casePod, DoNotSchedule, loadReferenceCases, MakeLabelSelector, MakeNode, MakePod, nil, ScheduleAnyway } from './stBuilders.js';

describe('PodTopologySpreadArgs (TestValidatePodTopologySpreadArgs)', () => {
  const validate = (a: Partial<PodTopologySpreadArgs>): string[] =>
    PodTopologySpread.validateArgs!(PodTopologySpread.defaultArgs!(a)).map((e) => `${e.path}: ${e.message.split(':')[0]}`);
  const cases: { name: string; args: Partial<PodTopologySpreadArgs>; want: string[] }[] = [
    {
      name: 'valid config',
      args: {
        defaultConstraints: [
          { maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule },
          { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: ScheduleAnyway },
        ],
        defaultingType: 'List',
      },
      want: [],
    },
    {
      name: 'maxSkew less than zero',
      args: { defaultConstraints: [{ maxSkew: -1, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule }], defaultingType: 'List' },
      want: ['defaultConstraints[0].maxSkew: Invalid value'],
    },
    {
      name: 'empty topology key',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: DoNotSchedule }], defaultingType: 'List' },
      want: ['defaultConstraints[0].topologyKey: Required value'],
    },
    {
      name: 'whenUnsatisfiable is empty',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: '' as 'DoNotSchedule' }], defaultingType: 'List' },
      want: ['defaultConstraints[0].whenUnsatisfiable: Required value'],
    },
    {
      name: 'whenUnsatisfiable contains unsupported action',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: 'unknown action' as 'DoNotSchedule' }], defaultingType: 'List' },
      want: ['defaultConstraints[0].whenUnsatisfiable: Unsupported value'],
    },
    {
      name: 'duplicated constraints',
      args: {
        defaultConstraints: [
          { maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule },
          { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule },
        ],
        defaultingType: 'List',
      },
      want: ['defaultConstraints[1]: Duplicate value'],
    },
    {
      name: 'label selector present',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'key', whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { a: 'b' } } }], defaultingType: 'List' },
      want: ['defaultConstraints[0].labelSelector: Forbidden'],
    },
    { name: 'list default constraints, no constraints', args: { defaultingType: 'List' }, want: [] },
    { name: 'system default constraints', args: { defaultingType: 'System' }, want: [] },
    { name: 'wrong constraints', args: { defaultingType: 'unknown' as 'List' }, want: ['defaultingType: Unsupported value'] },
    {
      name: 'system default constraints, but has constraints',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'key', whenUnsatisfiable: DoNotSchedule }], defaultingType: 'System' },
      want: ['defaultingType: Invalid value'],
    },
    {
      // Not upstream: an invalid label key as topologyKey (metav1validation.ValidateLabelName).
      name: 'invalid topology key',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'a/b/c', whenUnsatisfiable: DoNotSchedule }], defaultingType: 'List' },
      want: ['defaultConstraints[0].topologyKey: Invalid value'],
    },
  ];
  it.each(cases)('$name', ({ args, want }) => expect(validate(args)).toEqual(want));

  it('defaults defaultingType to System (SetDefaults_PodTopologySpreadArgs)', () => {
    expect(PodTopologySpread.defaultArgs!(undefined)).toEqual({ defaultConstraints: [], defaultingType: 'System' });
    expect(PodTopologySpread.defaultArgs!({ defaultingType: 'List' })).toEqual({ defaultConstraints: [], defaultingType: 'List' });
  });

  it('refuses to build a plugin from invalid args', () => {
    expect(() => setup([], [], { args: { defaultingType: 'System', defaultConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: DoNotSchedule }] } })).toThrow(
      /initializing plugin "PodTopologySpread"/,
    );
  });
});

describe('PodTopologySpread queueing hints', () => {
  const { p } = setup([], [], { args: { defaultingType: 'List' } });
  const zone = (): Pod => MakePod().Name('p').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const zoneNode = (): Pod =>
    MakePod().Name('p').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const n = (labels: Record<string, string>, taints?: Taint[]): Node => {
    const w = MakeNode().Name('node-a');
    for (const [k, v] of Object.entries(labels)) w.Label(k, v);
    if (taints !== undefined) w.Taints(taints);
    return w.Obj();
  };
  // Test_isSchedulableAfterNodeChange.
  const nodeCases: { name: string; pod: Pod; oldNode?: unknown; newNode?: unknown; want: string }[] = [
    { name: 'node updates label which matches topologyKey', pod: zone(), oldNode: n({ zone: 'zone1' }), newNode: n({ zone: 'zone2' }), want: 'Queue' },
    { name: "node that doesn't match topologySpreadConstraints updates non-related label", pod: zone(), oldNode: n({ foo: 'bar1' }), newNode: n({ foo: 'bar2' }), want: 'QueueSkip' },
    {
      // v1.34 (#127478): only a change of a topology key's value (or of taints) requeues; upstream's older table expected Queue here.
      name: 'node that match topologySpreadConstraints removes non-related label',
      pod: zoneNode(),
      oldNode: n({ zone: 'zone1', node: 'node1', foo: 'bar' }),
      newNode: n({ zone: 'zone1', node: 'node1' }),
      want: 'QueueSkip',
    },
    {
      name: 'node that match topologySpreadConstraints changes its taints',
      pod: zoneNode(),
      oldNode: n({ zone: 'zone1', node: 'node1' }),
      newNode: n({ zone: 'zone1', node: 'node1' }, [{ key: 'k', effect: 'NoSchedule' }]),
      want: 'Queue',
    },
    { name: 'create node with non-related labels', pod: zone(), newNode: n({ foo: 'bar' }), want: 'QueueSkip' },
    { name: 'create node with related labels', pod: zone(), newNode: n({ zone: 'zone1' }), want: 'Queue' },
    { name: 'delete node with non-related labels', pod: zone(), oldNode: n({ foo: 'bar' }), want: 'QueueSkip' },
    { name: 'delete node with related labels', pod: zone(), oldNode: n({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add node with related labels that only match one of topologySpreadConstraints', pod: zoneNode(), newNode: n({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'add node with related labels that match all topologySpreadConstraints', pod: zoneNode(), newNode: n({ zone: 'zone1', node: 'node1' }), want: 'Queue' },
    {
      name: 'update node with related labels that only match one of topologySpreadConstraints',
      pod: zoneNode(),
      oldNode: n({ zone: 'zone1' }),
      newNode: n({ zone: 'zone1' }),
      want: 'QueueSkip',
    },
    {
      name: 'update node with related labels that match all topologySpreadConstraints',
      pod: zoneNode(),
      oldNode: n({ zone: 'zone1', node: 'node1' }),
      newNode: n({ zone: 'zone1', node: 'node2' }),
      want: 'Queue',
    },
    { name: 'backoff-wrong-new-object', pod: zone(), newNode: 'not-a-node', want: 'Queue' },
  ];
  it.each(nodeCases)('isSchedulableAfterNodeChange: $name', ({ pod, oldNode, newNode, want }) => {
    expect(p.isSchedulableAfterNodeChange(pod, oldNode, newNode)).toBe(want);
  });

  // Test_isSchedulableAfterPodChange.
  const fooZone = (): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const fooBar = (): Pod =>
    MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj();
  const podCases: { name: string; pod: Pod; oldPod?: Pod; newPod?: Pod; want: string }[] = [
    { name: 'add pod with labels match topologySpreadConstraints selector', pod: fooZone(), newPod: MakePod().Node('fake-node').Label('foo', '').Obj(), want: 'Queue' },
    { name: 'add un-scheduled pod', pod: fooZone(), newPod: MakePod().Label('foo', '').Obj(), want: 'QueueSkip' },
    { name: 'update un-scheduled pod', pod: fooZone(), newPod: MakePod().Label('foo', '').Obj(), oldPod: MakePod().Label('bar', '').Obj(), want: 'QueueSkip' },
    { name: 'delete un-scheduled pod', pod: fooZone(), oldPod: MakePod().Label('foo', '').Obj(), want: 'QueueSkip' },
    { name: 'add pod with different namespace', pod: fooZone(), newPod: MakePod().Node('fake-node').Namespace('fake-namespace').Label('foo', '').Obj(), want: 'QueueSkip' },
    { name: "add pod with labels don't match topologySpreadConstraints selector", pod: fooZone(), newPod: MakePod().Node('fake-node').Label('bar', '').Obj(), want: 'QueueSkip' },
    { name: 'delete pod with labels that match topologySpreadConstraints selector', pod: fooZone(), oldPod: MakePod().Node('fake-node').Label('foo', '').Obj(), want: 'Queue' },
    { name: "delete pod with labels that don't match topologySpreadConstraints selector", pod: fooZone(), oldPod: MakePod().Node('fake-node').Label('bar', '').Obj(), want: 'QueueSkip' },
    {
      name: "update pod's non-related label",
      pod: fooZone(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar1').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar2').Obj(),
      want: 'QueueSkip',
    },
    {
      name: "add pod's label that matches topologySpreadConstraints selector",
      pod: fooZone(),
      oldPod: MakePod().Node('fake-node').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Obj(),
      want: 'Queue',
    },
    {
      name: 'delete pod label that matches topologySpreadConstraints selector',
      pod: fooZone(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Obj(),
      newPod: MakePod().Node('fake-node').Obj(),
      want: 'Queue',
    },
    {
      name: "change pod's label that matches topologySpreadConstraints selector",
      pod: fooZone(),
      oldPod: MakePod().Node('fake-node').Label('foo', 'foo1').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', 'foo2').Obj(),
      want: 'QueueSkip',
    },
    {
      name: "change pod's label that doesn't match topologySpreadConstraints selector",
      pod: fooZone(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar1').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar2').Obj(),
      want: 'QueueSkip',
    },
    {
      name: "add pod's label that matches topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: fooBar(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar2').Obj(),
      want: 'Queue',
    },
    {
      name: "change pod's label that doesn't match topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: fooBar(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Label('baz', '').Obj(),
      want: 'QueueSkip',
    },
    {
      name: "change pod's label that match topologySpreadConstraints selector with multi topologySpreadConstraints",
      pod: fooBar(),
      oldPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', '').Obj(),
      newPod: MakePod().Node('fake-node').Label('foo', '').Label('bar', 'bar2').Obj(),
      want: 'QueueSkip',
    },
    {
      name: 'the rejected pod itself got a toleration and a constraint honours taints',
      pod: MakePod().Name('p').UID('self').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, 'Honor', nil).Obj(),
      oldPod: MakePod().Name('p').UID('self').Obj(),
      newPod: MakePod().Name('p').UID('self').Toleration('k').Obj(),
      want: 'Queue',
    },
  ];
  it.each(podCases)('isSchedulableAfterPodChange: $name', ({ pod, oldPod, newPod, want }) => {
    expect(p.isSchedulableAfterPodChange(pod, oldPod, newPod)).toBe(want);
  });

  it('registers Pod Add/UpdatePodLabel/UpdatePodToleration/Delete and Node Add/Delete/UpdateNodeLabel/UpdateNodeTaint', () => {
    expect(p.eventsToRegister().map((e) => e.event)).toEqual([
      { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodToleration | ActionType.Delete },
      { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
    ]);
    const cache = makeCache([]);
    const noHints = PodTopologySpread.factory(PodTopologySpread.defaultArgs!({}), makeHandle(cache, new FeatureGates({ SchedulerQueueingHints: false }))) as PodTopologySpreadPlugin;
    expect(noHints.eventsToRegister()[0]!.event.actionType).toBe(ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete);
  });
});

describe('PodTopologySpread: kube-scheduler-cases.json', () => {
  const cases = loadReferenceCases('PodTopologySpread');
  if (cases === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.id}: ${c.source.name}`, () => {
      const nodes = c.nodes.map(caseNode);
      const failed = (c.failedNodes ?? []).map(caseNode);
      const existing = c.existingPods.map((p, i) => casePod(p, i));
      const { p, cache } = setup([...nodes, ...failed], existing, {
        args: c.args as Partial<PodTopologySpreadArgs>,
        // v1.34 defaults unless the case toggles a gate.
        enableNodeInclusionPolicy: c.featureGates?.['NodeInclusionPolicyInPodTopologySpread'] ?? true,
        enableMatchLabelKeys: c.featureGates?.['MatchLabelKeysInPodTopologySpread'] ?? true,
      });
      const pod = new PodInfo(casePod(c.pod));
      const state = newState();
      if (c.phase === 'filter') {
        expect(p.preFilter(state, pod, cache.nodeInfoList()).status).toBeNull();
        const names = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable'];
        for (const [name, want] of Object.entries(c.expected.filter!)) expect(names[codeOf(p.filter(state, pod, cache.get(name)!))]).toBe(want);
      } else {
        const filtered = nodes.map((n) => cache.get(n.metadata.name!)!);
        expect(p.preScore(state, pod, filtered)).toBeNull();
        const scores = new Float64Array(filtered.length);
        p.scoreNodes(state, pod, new Int32Array(filtered.map((n) => n.index)), filtered.length, scores);
        p.normalizeScore(state, pod, { nodes: filtered, scores, length: filtered.length });
        expect([...scores]).toEqual(c.expected.scores!.map((s) => s.score));
      }
    });
  }
});

// ---- from-scratch reference, written as upstream computes it ------------------

/** calPreFilterState + Filter, straight from filtering.go with maps. */
function referenceFilter(
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  nodes: readonly NodeInfo[],
  gate: boolean,
): { tp: Map<string, number>[]; min: number[]; codes: Map<string, Code> } {
  const required = RequiredNodeAffinity.fromPod(pod);
  const ns = pod.metadata.namespace ?? '';
  const tp = constraints.map(() => new Map<string, number>());
  for (const n of nodes) {
    if (!gate && !required.match(n.node)) continue;
    if (!nodeLabelsMatchSpreadConstraints(n.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (gate && !matchNodeInclusionPolicies(c, pod, n.node, required)) return;
      const v = labelValue(n.labels, c.topologyKey)!;
      tp[i]!.set(v, (tp[i]!.get(v) ?? 0) + countPodsMatchSelector(n.pods, c.selector, ns));
    });
  }
  const min = constraints.map((c, i) => (tp[i]!.size < c.minDomains ? 0 : tp[i]!.size === 0 ? 2147483647 : Math.min(...tp[i]!.values())));
  const codes = new Map<string, Code>();
  for (const n of nodes) {
    let code = Code.Success;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      const v = labelValue(n.labels, c.topologyKey);
      if (v === undefined) {
        code = Code.UnschedulableAndUnresolvable;
        break;
      }
      const self = c.selector.matches(pod.metadata.labels ?? {}) ? 1 : 0;
      if ((tp[i]!.get(v) ?? 0) + self - min[i]! > c.maxSkew) {
        code = Code.Unschedulable;
        break;
      }
    }
    codes.set(n.name, code);
  }
  return { tp, min, codes };
}

/** PreScore + Score + NormalizeScore, straight from scoring.go with maps. */
function referenceScores(
  pod: Pod,
  constraints: readonly SpreadConstraint[],
  filtered: readonly NodeInfo[],
  all: readonly NodeInfo[],
  requireAll: boolean,
  gate: boolean,
): { scores: number[]; counts: Map<string, number>[] } {
  const ns = pod.metadata.namespace ?? '';
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const n of filtered) {
    if (requireAll && !nodeLabelsMatchSpreadConstraints(n.labels, constraints)) {
      ignored.add(n.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) counts[i]!.set(labelValue(n.labels, c.topologyKey) ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) => goLog((c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignored.size : counts[i]!.size) + 2));
  const required = RequiredNodeAffinity.fromPod(pod);
  for (const n of all) {
    if (!gate && !required.match(n.node)) continue;
    if (requireAll && !nodeLabelsMatchSpreadConstraints(n.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (gate && !matchNodeInclusionPolicies(c, pod, n.node, required)) return;
      const v = labelValue(n.labels, c.topologyKey) ?? '';
      const cur = counts[i]!.get(v);
      if (cur !== undefined) counts[i]!.set(v, cur + countPodsMatchSelector(n.pods, c.selector, ns));
    });
  }
  const raw = filtered.map((n) => {
    if (ignored.has(n.name)) return 0;
    let s = 0;
    constraints.forEach((c, i) => {
      const v = labelValue(n.labels, c.topologyKey);
      if (v === undefined) return;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? countPodsMatchSelector(n.pods, c.selector, ns) : counts[i]!.get(v)!;
      s += cnt * weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(s);
  });
  let min = Infinity;
  let max = 0;
  filtered.forEach((n, k) => {
    if (ignored.has(n.name)) return;
    min = Math.min(min, raw[k]!);
    max = Math.max(max, raw[k]!);
  });
  const scores = filtered.map((n, k) => (ignored.has(n.name) ? 0 : max === 0 ? 100 : Math.trunc((100 * (max + min - raw[k]!)) / max)));
  return { scores, counts };
}

describe('PodTopologySpread against a from-scratch reference on random clusters', () => {
  const keys = ['zone', LABEL_HOSTNAME, 'rack'];
  const selectors: (LabelSelector | undefined)[] = [
    MakeLabelSelector().Label('app', 'a').Obj(),
    MakeLabelSelector().Exists('tier').Obj(),
    MakeLabelSelector().In('app', ['a', 'b']).Obj(),
    undefined,
    {},
  ];
  const constraintArb: fc.Arbitrary<TopologySpreadConstraint> = fc
    .record({
      maxSkew: fc.integer({ min: 1, max: 3 }),
      topologyKey: fc.constantFrom(...keys),
      whenUnsatisfiable: fc.constantFrom(DoNotSchedule, ScheduleAnyway),
      sel: fc.integer({ min: 0, max: selectors.length - 1 }),
      minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      nodeAffinityPolicy: fc.option(fc.constantFrom('Honor' as const, 'Ignore' as const), { nil: undefined }),
      nodeTaintsPolicy: fc.option(fc.constantFrom('Honor' as const, 'Ignore' as const), { nil: undefined }),
      matchLabelKeys: fc.option(fc.constant(['tier']), { nil: undefined }),
    })
    .map((r) => {
      const c: TopologySpreadConstraint = { maxSkew: r.maxSkew, topologyKey: r.topologyKey, whenUnsatisfiable: r.whenUnsatisfiable };
      const s = selectors[r.sel];
      if (s !== undefined) c.labelSelector = s;
      if (r.minDomains !== undefined && r.whenUnsatisfiable === DoNotSchedule) c.minDomains = r.minDomains;
      if (r.nodeAffinityPolicy !== undefined) c.nodeAffinityPolicy = r.nodeAffinityPolicy;
      if (r.nodeTaintsPolicy !== undefined) c.nodeTaintsPolicy = r.nodeTaintsPolicy;
      if (r.matchLabelKeys !== undefined) c.matchLabelKeys = [...r.matchLabelKeys];
      return c;
    });
  const nodeArb = fc.record({
    zone: fc.option(fc.constantFrom('z1', 'z2', 'z3', ''), { nil: undefined }),
    hostname: fc.boolean(),
    rack: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
    tainted: fc.boolean(),
  });
  const podArb = fc.record({
    node: fc.nat(),
    app: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    tier: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    other: fc.boolean(),
    terminating: fc.boolean(),
  });
  /** A mutation between two cycles. */
  const stepArb = fc.oneof(
    fc.record({ kind: fc.constant('addPod' as const), pod: podArb }),
    fc.record({ kind: fc.constant('removePod' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('relabel' as const), i: fc.nat(), node: nodeArb }),
    fc.record({ kind: fc.constant('removeNode' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('addNode' as const), node: nodeArb }),
    // A pod's update: its status only (labels equal but a new object), new labels, or its deletion begun.
    fc.record({ kind: fc.constant('updatePod' as const), i: fc.nat(), change: fc.constantFrom('status' as const, 'labels' as const, 'terminating' as const) }),
    // A node's heartbeat: a new Node object with the same labels and taints.
    fc.record({ kind: fc.constant('heartbeat' as const), i: fc.nat() }),
  );
  const incomingArb = fc.record({
    constraints: fc.array(constraintArb, { maxLength: 3 }),
    app: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    tier: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    rackSelector: fc.boolean(),
    tolerates: fc.boolean(),
    owned: fc.boolean(),
  });

  const makeNodeObj = (name: string, n: { zone: string | undefined; hostname: boolean; rack: string | undefined; tainted: boolean }): Node => {
    const w = MakeNode().Name(name);
    if (n.zone !== undefined) w.Label('zone', n.zone);
    if (n.hostname) w.Label(LABEL_HOSTNAME, name);
    if (n.rack !== undefined) w.Label('rack', n.rack);
    if (n.tainted) w.Taints([{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]);
    return w.Obj();
  };

  it('PreFilter/Filter and PreScore/Score/NormalizeScore equal the reference, cycle after cycle', () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
        fc.array(podArb, { maxLength: 16 }),
        fc.array(stepArb, { maxLength: 6 }),
        incomingArb,
        fc.boolean(),
        fc.boolean(),
        (nodeSpecs, podSpecs, steps, incoming, gate, systemDefaulting) => {
          let nodeSeq = 0;
          const nodes = nodeSpecs.map((n) => makeNodeObj(`n${nodeSeq++}`, n));
          let podSeq = 0;
          const makeBound = (s: { node: number; app: string | undefined; tier: string | undefined; other: boolean; terminating: boolean }, nodeNames: string[]): Pod => {
            const w = MakePod().Name(`e${podSeq++}`).Namespace(s.other ? 'other' : 'default').Node(nodeNames[s.node % nodeNames.length]!);
            if (s.app !== undefined) w.Label('app', s.app);
            if (s.tier !== undefined) w.Label('tier', s.tier);
            if (s.terminating) w.Terminating();
            return w.Obj();
          };
          const names = () => nodes.map((n) => n.metadata.name!);
          const bound = podSpecs.map((s) => makeBound(s, names()));
          const cache = makeCache(nodes, bound);
          cache.objects.set('ReplicaSet', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'a' } } } });
          const gates = new FeatureGates({ NodeInclusionPolicyInPodTopologySpread: gate });
          const args: PodTopologySpreadArgs = systemDefaulting
            ? { defaultingType: 'System', defaultConstraints: [] }
            : { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: DoNotSchedule }, { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: ScheduleAnyway }] };
          const p = PodTopologySpread.factory(args, makeHandle(cache, gates)) as PodTopologySpreadPlugin;
          const w = MakePod().Name('incoming').Namespace('default');
          if (incoming.app !== undefined) w.Label('app', incoming.app);
          if (incoming.tier !== undefined) w.Label('tier', incoming.tier);
          if (incoming.rackSelector) w.NodeSelector({ rack: 'r1' });
          if (incoming.tolerates) w.Tolerations([{ key: 'dedicated', operator: 'Exists' }]);
          if (incoming.owned) w.OwnerReference('rs', 'apps/v1', 'ReplicaSet');
          for (const c of incoming.constraints) {
            w.SpreadConstraint(c.maxSkew, c.topologyKey, c.whenUnsatisfiable, c.labelSelector ?? undefined, c.minDomains, c.nodeAffinityPolicy, c.nodeTaintsPolicy, c.matchLabelKeys);
          }
          const incomingPod = w.Obj();

          const check = (): void => {
            const pod = new PodInfo(incomingPod);
            const all = cache.nodeInfoList();
            const rows = new Int32Array(all.map((n) => n.index));
            // Filter.
            const hard = p.constraintsOf(pod, 'DoNotSchedule');
            const fstate = newState();
            const pre = p.preFilter(fstate, pod, all);
            if (hard.length === 0) expect(pre.status?.code).toBe(Code.Skip);
            else {
              expect(pre.status).toBeNull();
              const ref = referenceFilter(incomingPod, hard, all, gate);
              const st = fstate.read<PreFilterState>(PRE_FILTER_STATE_KEY)!;
              hard.forEach((_, i) => {
                expect(st.tpValueToMatchNum(i)).toEqual(Object.fromEntries(ref.tp[i]!));
                expect(st.minMatchNum(i)).toBe(ref.min[i]);
              });
              const slow = all.map((n) => codeOf(p.filter(fstate, pod, n)));
              expect(slow).toEqual(all.map((n) => ref.codes.get(n.name)));
              const codes = new Uint8Array(all.length);
              p.filterNodes(fstate, pod, rows, all.length, codes);
              expect([...codes]).toEqual(slow);
            }
            // Score, over the nodes that passed (as the framework would pass them).
            const filtered = all.filter((_, k) => k % 3 !== 1);
            const sstate = newState();
            const soft = p.constraintsOf(pod, 'ScheduleAnyway');
            const s = p.preScore(sstate, pod, filtered);
            if (soft.length === 0 || all.length === 0) {
              expect(s?.code).toBe(Code.Skip);
              return;
            }
            expect(s).toBeNull();
            const requireAll = (incomingPod.spec.topologySpreadConstraints ?? []).length > 0 || !systemDefaulting;
            const { scores: want, counts: wantCounts } = referenceScores(incomingPod, soft, filtered, all, requireAll, gate);
            const ss = sstate.read<PreScoreState>(PRE_SCORE_STATE_KEY)!;
            soft.forEach((c, i) => {
              if (c.topologyKey !== LABEL_HOSTNAME) expect(Object.fromEntries(ss.domains[i]!)).toEqual(Object.fromEntries(wantCounts[i]!));
            });
            const slow = new Float64Array(filtered.map((n) => p.score(sstate, pod, n)));
            const fast = new Float64Array(filtered.length);
            p.scoreNodes(sstate, pod, new Int32Array(filtered.map((n) => n.index)), filtered.length, fast);
            expect([...fast]).toEqual([...slow]);
            p.normalizeScore(sstate, pod, { nodes: filtered, scores: slow, length: filtered.length });
            expect([...slow]).toEqual(want);
          };

          check();
          const livePods = [...bound];
          for (const step of steps) {
            switch (step.kind) {
              case 'addPod': {
                if (nodes.length === 0) break;
                const pod = makeBound(step.pod, names());
                livePods.push(pod);
                cache.addPod(new PodInfo(pod));
                break;
              }
              case 'removePod': {
                if (livePods.length === 0) break;
                const [pod] = livePods.splice(step.i % livePods.length, 1);
                cache.removePod(pod!.metadata.uid!);
                break;
              }
              case 'relabel': {
                if (nodes.length === 0) break;
                const k = step.i % nodes.length;
                const old = nodes[k]!;
                const next = makeNodeObj(old.metadata.name!, step.node);
                nodes[k] = next;
                cache.updateNode(old, next);
                break;
              }
              case 'removeNode': {
                if (nodes.length <= 1) break;
                const [old] = nodes.splice(step.i % nodes.length, 1);
                cache.removeNode(old!);
                for (let j = livePods.length - 1; j >= 0; j--) {
                  if (livePods[j]!.spec.nodeName === old!.metadata.name) {
                    cache.removePod(livePods[j]!.metadata.uid!);
                    livePods.splice(j, 1);
                  }
                }
                break;
              }
              case 'addNode': {
                const n = makeNodeObj(`n${nodeSeq++}`, step.node);
                nodes.push(n);
                cache.addNode(n);
                break;
              }
              case 'updatePod': {
                if (livePods.length === 0) break;
                const k = step.i % livePods.length;
                const old = livePods[k]!;
                const labels = { ...old.metadata.labels };
                if (step.change === 'labels') labels['app'] = labels['app'] === 'a' ? 'b' : 'a';
                const metadata = { ...old.metadata, labels };
                if (step.change === 'terminating') metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
                const next: Pod = { ...old, metadata, status: { phase: 'Running' } };
                livePods[k] = next;
                cache.updatePod(new PodInfo(next));
                break;
              }
              case 'heartbeat': {
                if (nodes.length === 0) break;
                const k = step.i % nodes.length;
                const old = nodes[k]!;
                const next: Node = { ...old, status: { ...old.status, conditions: [{ type: 'Ready', status: 'True' as const }] } };
                nodes[k] = next;
                cache.updateNode(old, next);
                break;
              }
            }
            check();
          }
        },
      ),
      { numRuns: Number(process.env["PTS_PROPERTY_RUNS"] ?? 400) },
    );
  });
});

describe('PodTopologySpread key indexes under node churn', () => {
  it('starts afresh when a key has seen many more values than there are nodes, and still counts right', () => {
    let node = MakeNode().Name('n').Label(LABEL_HOSTNAME, 'h0').Obj();
    const other = MakeNode().Name('m').Label(LABEL_HOSTNAME, 'm').Obj();
    const bound = MakePod().Name('b').Namespace('default').Label('app', 'a').Node('m').Obj();
    const cache = makeCache([node, other], [bound]);
    const p = PodTopologySpread.factory(PodTopologySpread.defaultArgs!({}), makeHandle(cache)) as PodTopologySpreadPlugin;
    const pod = new PodInfo(MakePod().Name('p').Namespace('default').Label('app', 'a').SpreadConstraint(1, LABEL_HOSTNAME, DoNotSchedule, MakeLabelSelector().Label('app', 'a').Obj(), nil, nil, nil, nil).Obj());
    const index = (): { values: string[] } => (p as unknown as { keyIndexes: Map<string, { values: string[] }> }).keyIndexes.get(LABEL_HOSTNAME)!;
    for (let i = 1; i <= 4200; i++) {
      const next = MakeNode().Name('n').Label(LABEL_HOSTNAME, `h${i}`).Obj();
      cache.updateNode(node, next);
      node = next;
      p.preFilter(newState(), pod, cache.nodeInfoList());
    }
    expect(index().values.length).toBeLessThan(4200);
    const state = newState();
    p.preFilter(state, pod, cache.nodeInfoList());
    expect(codeOf(p.filter(state, pod, cache.get('n')!))).toBe(Code.Success);
    expect(codeOf(p.filter(state, pod, cache.get('m')!))).toBe(Code.Unschedulable);
  });
});

describe('PodTopologySpread costs nothing for pods without constraints', () => {
  it('PreFilter and PreScore Skip a pod with no constraints and no owner under the system defaults', () => {
    const nodes = Array.from({ length: 3 }, (_, i) => MakeNode().Name(`n${i}`).Label(LABEL_HOSTNAME, `n${i}`).Obj());
    const { p, cache } = setup(nodes, []);
    const pod = new PodInfo(MakePod().Name('basic').Namespace('default').Obj());
    expect(p.preFilter(newState(), pod, cache.nodeInfoList()).status?.code).toBe(Code.Skip);
    expect(p.preScore(newState(), pod, cache.nodeInfoList())?.code).toBe(Code.Skip);
  });
});
