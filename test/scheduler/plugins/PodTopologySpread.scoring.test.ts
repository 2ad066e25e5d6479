/**
 * PodTopologySpread PreScore/Score/NormalizeScore, ported from
 * pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go:
 * TestPreScoreSkip, TestPreScoreStateEmptyNodes and TestPodTopologySpreadScore.
 * As upstream's tests, the gates NodeInclusionPolicyInPodTopologySpread and
 * MatchLabelKeysInPodTopologySpread are off unless a case turns them on.
 */
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../../../src/api/labels.js';
import type { LabelSelector, Node, Pod } from '../../../src/api/types.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { PRE_SCORE_STATE_KEY, PreScoreState, type PodTopologySpreadArgs } from '../../../src/scheduler/plugins/PodTopologySpread.js';
import { selectorKey } from '../../../src/scheduler/plugins/podtopologyspread/common.js';
import { topologyNormalizingWeight } from '../../../src/scheduler/plugins/podtopologyspread/scoring.js';
import { newState } from '../fixtures.js';
import { barSelector, ep, fooSelector, honorPolicy, ignorePolicy, node, replicaSet, service, setup, taints, type ClusterObjs } from './podTopologySpreadHarness.js';
import { DoNotSchedule, LabelHostname, LabelTopologyZone, MakeLabelSelector, MakePod, nil, ScheduleAnyway } from './stBuilders.js';

const H = LabelHostname;
/** A node with a hostname label (its name) and more labels. */
const hn = (name: string, labels: Record<string, string> = {}, t?: Parameters<typeof node>[2]): Node => node(name, { ...labels, [H]: name }, t);
const zh = (name: string, zone: string): Node => hn(name, { zone });

describe('PodTopologySpread PreScore Skip (TestPreScoreSkip)', () => {
  it("the pod doesn't have soft topology spread Constraints", () => {
    const nodes = [hn('node-a'), hn('node-b')];
    const { p, cache } = setup(nodes, [], { args: { defaultingType: 'List' } });
    const s = p.preScore(newState(), new PodInfo(MakePod().Name('p').Namespace('default').Obj()), cache.nodeInfoList());
    expect(s?.code).toBe(Code.Skip);
  });

  it("default constraints and a replicaset that doesn't match", () => {
    const nodes = [node('node-a', { planet: 'mars' })];
    const { p, cache } = setup(nodes, [], {
      args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: ScheduleAnyway }] },
      objs: { replicaSets: [replicaSet('rs1', 'default', MakeLabelSelector().Exists('tar').Obj())] },
    });
    const pod = MakePod().Name('p').Namespace('default').Label('foo', 'bar').Label('baz', 'sup').OwnerReference('rs2', 'apps/v1', 'ReplicaSet').Obj();
    expect(p.preScore(newState(), new PodInfo(pod), cache.nodeInfoList())?.code).toBe(Code.Skip);
  });

  it('no nodes at all', () => {
    const { p } = setup([], [], {});
    const pod = MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil).Obj();
    expect(p.preScore(newState(), new PodInfo(pod), [])?.code).toBe(Code.Skip);
  });

  it('system defaults without a Service or controller selecting the pod', () => {
    const { p, cache } = setup([hn('node-a')], [], { objs: { services: [service({ app: 'other' })] } });
    const pod = MakePod().Name('p').Label('app', 'mine').Obj();
    expect(p.preScore(newState(), new PodInfo(pod), cache.nodeInfoList())?.code).toBe(Code.Skip);
  });
});

describe('PodTopologySpread PreScore state (TestPreScoreStateEmptyNodes)', () => {
  interface WantC {
    key: string;
    maxSkew: number;
    selector: LabelSelector | undefined;
    affinity?: 'Honor' | 'Ignore';
    taints?: 'Honor' | 'Ignore';
  }
  interface Case {
    name: string;
    pod: Pod;
    nodes: Node[];
    objs?: ClusterObjs;
    config: Partial<PodTopologySpreadArgs>;
    want: { constraints: WantC[]; ignored: string[]; counts: Record<string, number>[]; weights: number[] };
    enableNodeInclusionPolicy?: boolean;
  }
  const w = topologyNormalizingWeight;
  const c = (key: string, maxSkew: number, selector: LabelSelector | undefined, more: Partial<WantC> = {}): WantC => ({ key, maxSkew, selector, ...more });
  const zone3 = (): Node[] => [hn('node-a', { zone: 'zone1' }), hn('node-b', { zone: 'zone1' }), hn('node-x', { zone: 'zone2' })];
  const fooZone3 = (): Node[] => [hn('node-a', { zone: 'zone1', foo: '' }), hn('node-b', { zone: 'zone1', foo: '' }), hn('node-x', { zone: 'zone2' })];
  const list: Partial<PodTopologySpreadArgs> = { defaultingType: 'List' };
  const rs1 = (): ClusterObjs => ({ replicaSets: [replicaSet('rs1', 'default', fooSelector)] });
  const cases: Case[] = [
    {
      name: 'normal case',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, H, ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: zone3(),
      config: list,
      want: { constraints: [c('zone', 1, fooSelector), c(H, 1, fooSelector)], ignored: [], counts: [{ zone1: 0, zone2: 0 }, {}], weights: [w(2), w(3)] },
    },
    {
      name: 'null selector',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', ScheduleAnyway, nil, nil, nil, nil, nil).Obj(),
      nodes: zone3(),
      config: list,
      want: { constraints: [c('zone', 1, nil)], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
    },
    {
      name: "node-x doesn't have label zone",
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, H, ScheduleAnyway, barSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [hn('node-a', { zone: 'zone1' }), hn('node-b', { zone: 'zone1' }), hn('node-x')],
      config: list,
      want: { constraints: [c('zone', 1, fooSelector), c(H, 1, barSelector)], ignored: ['node-x'], counts: [{ zone1: 0 }, {}], weights: [w(1), w(2)] },
    },
    {
      name: 'system default constraints and a replicaset',
      pod: MakePod().Name('p').Namespace('default').Label('foo', 'tar').Label('baz', 'sup').OwnerReference('rs1', 'apps/v1', 'ReplicaSet').Obj(),
      config: { defaultingType: 'System' },
      nodes: [hn('node-a', { [LabelTopologyZone]: 'mars' }), hn('node-b', { [LabelTopologyZone]: 'mars' }), hn('node-c'), hn('node-d')],
      objs: rs1(),
      want: { constraints: [c(H, 3, fooSelector), c(LabelTopologyZone, 5, fooSelector)], ignored: [], counts: [{}, { mars: 0, '': 0 }], weights: [w(4), w(2)] },
    },
    {
      name: 'default constraints and a replicaset',
      pod: MakePod().Name('p').Namespace('default').Label('foo', 'tar').Label('baz', 'sup').OwnerReference('rs1', 'apps/v1', 'ReplicaSet').Obj(),
      config: {
        defaultingType: 'List',
        defaultConstraints: [
          { maxSkew: 1, topologyKey: H, whenUnsatisfiable: ScheduleAnyway },
          { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: DoNotSchedule },
          { maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: ScheduleAnyway },
        ],
      },
      nodes: [hn('node-a', { rack: 'rack1', planet: 'mars' })],
      objs: rs1(),
      want: { constraints: [c(H, 1, fooSelector), c('planet', 2, fooSelector)], ignored: [], counts: [{}, { mars: 0 }], weights: [w(1), w(1)] },
    },
    {
      name: 'default constraints and a replicaset, but pod has constraints',
      pod: MakePod().Name('p').Namespace('default').Label('foo', 'bar').Label('baz', 'sup').OwnerReference('rs1', 'apps/v1', 'ReplicaSet')
        .SpreadConstraint(1, 'zone', DoNotSchedule, barSelector, nil, nil, nil, nil)
        .SpreadConstraint(2, 'planet', ScheduleAnyway, MakeLabelSelector().Label('baz', 'sup').Obj(), nil, nil, nil, nil)
        .Obj(),
      config: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 2, topologyKey: 'galaxy', whenUnsatisfiable: ScheduleAnyway }] },
      nodes: [node('node-a', { planet: 'mars', galaxy: 'andromeda' })],
      objs: rs1(),
      want: { constraints: [c('planet', 2, MakeLabelSelector().Label('baz', 'sup').Obj())], ignored: [], counts: [{ mars: 0 }], weights: [w(1)] },
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, nil, nil, nil).Obj(),
      nodes: fooZone3(),
      config: list,
      want: { constraints: [c('zone', 1, barSelector)], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: fooZone3(),
      config: list,
      want: { constraints: [c('zone', 1, barSelector, { affinity: 'Ignore' })], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, nil, nil, nil).Obj(),
      nodes: fooZone3(),
      config: list,
      want: { constraints: [c('zone', 1, barSelector)], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: fooZone3(),
      config: list,
      want: { constraints: [c('zone', 1, barSelector, { affinity: 'Ignore' })], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, nil, honorPolicy, nil).Obj(),
      nodes: [hn('node-a', { zone: 'zone1', foo: '' }), hn('node-b', { zone: 'zone1', foo: '' }), hn('node-x', { zone: 'zone2' }, taints)],
      config: list,
      want: { constraints: [c('zone', 1, barSelector, { taints: 'Honor' })], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, nil, nil, nil).Obj(),
      nodes: [hn('node-a', { zone: 'zone1', foo: '' }), hn('node-b', { zone: 'zone1', foo: '' }), hn('node-x', { zone: 'zone2' }, taints)],
      config: list,
      want: { constraints: [c('zone', 1, barSelector)], ignored: [], counts: [{ zone1: 0, zone2: 0 }], weights: [w(2)] },
      enableNodeInclusionPolicy: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const { p, cache } = setup(tc.nodes, [], { args: tc.config, objs: tc.objs ?? {}, enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false, enableMatchLabelKeys: false });
    const state = newState();
    expect(p.preScore(state, new PodInfo(tc.pod), tc.nodes.map((n) => cache.get(n.metadata.name!)!))).toBeNull();
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY)!;
    expect(s.constraints.length).toBe(tc.want.constraints.length);
    tc.want.constraints.forEach((wc, i) => {
      const got = s.constraints[i]!;
      expect([got.topologyKey, got.maxSkew, got.minDomains, got.nodeAffinityPolicy, got.nodeTaintsPolicy]).toEqual([wc.key, wc.maxSkew, 1, wc.affinity ?? 'Honor', wc.taints ?? 'Ignore']);
      expect(selectorKey(got.selector)).toBe(selectorKey(labelSelectorAsSelector(wc.selector)));
    });
    expect([...s.ignoredNodes].sort()).toEqual(tc.want.ignored);
    expect(s.domains.map((d) => Object.fromEntries(d))).toEqual(tc.want.counts);
    expect(s.weights).toEqual(tc.want.weights);
  });
});

describe('PodTopologySpread Score (TestPodTopologySpreadScore)', () => {
  interface Case {
    name: string;
    pod: Pod;
    existingPods?: Pod[];
    nodes: Node[];
    failedNodes?: Node[];
    objs?: ClusterObjs;
    want: number[];
    enableNodeInclusionPolicy?: boolean;
    enableMatchLabelKeys?: boolean;
  }
  const onHost = (maxSkew: number, selector: LabelSelector | undefined): Pod =>
    MakePod().Name('p').Label('foo', '').SpreadConstraint(maxSkew, H, ScheduleAnyway, selector, nil, nil, nil, nil).Obj();
  const spread2103 = (): Pod[] => [
    ep('p-a1', 'node-a', 'foo'),
    ep('p-a2', 'node-a', 'foo'),
    ep('p-b1', 'node-b', 'foo'),
    ep('p-d1', 'node-d', 'foo'),
    ep('p-d2', 'node-d', 'foo'),
    ep('p-d3', 'node-d', 'foo'),
  ];
  const spread4321 = (): Pod[] => [
    ep('p-a1', 'node-a', 'foo'),
    ep('p-a2', 'node-a', 'foo'),
    ep('p-a3', 'node-a', 'foo'),
    ep('p-a4', 'node-a', 'foo'),
    ep('p-b1', 'node-b', 'foo'),
    ep('p-b2', 'node-b', 'foo'),
    ep('p-b3', 'node-b', 'foo'),
    ep('p-c1', 'node-c', 'foo'),
    ep('p-c2', 'node-c', 'foo'),
    ep('p-d1', 'node-d', 'foo'),
  ];
  const spread4213 = (): Pod[] => [
    ep('p-a1', 'node-a', 'foo'),
    ep('p-a2', 'node-a', 'foo'),
    ep('p-a3', 'node-a', 'foo'),
    ep('p-a4', 'node-a', 'foo'),
    ep('p-b1', 'node-b', 'foo'),
    ep('p-b2', 'node-b', 'foo'),
    ep('p-x1', 'node-x', 'foo'),
    ep('p-y1', 'node-y', 'foo'),
    ep('p-y2', 'node-y', 'foo'),
    ep('p-y3', 'node-y', 'foo'),
  ];
  const abcd = (): Node[] => [hn('node-a'), hn('node-b'), hn('node-c'), hn('node-d')];
  const zoneNode = (): Pod =>
    MakePod().Name('p').Label('foo', '').Label('bar', '')
      .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
      .SpreadConstraint(1, H, ScheduleAnyway, barSelector, nil, nil, nil, nil)
      .Obj();
  const fooBarPods = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo', 'bar'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'bar')];
  const nodeKeyNodes = (): Node[] => [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-c', { node: 'node-c' })];
  const nodeKeyTainted = (): Node[] => [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' }, taints)];
  const nodeKeyPods = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-c1', 'node-c', 'foo')];
  const abcdZones = (): Node[] => [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-c', 'zone2'), zh('node-d', 'zone2')];
  const mlkPods = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo', 'bar'), ep('p-y1', 'node-c', 'foo'), ep('p-y2', 'node-c', 'bar')];
  const cases: Case[] = [
    { name: 'one constraint on node, no existing pods', pod: onHost(1, fooSelector), nodes: [hn('node-a'), hn('node-b')], want: [100, 100] },
    {
      name: 'one constraint on node, only one node is candidate',
      pod: onHost(1, fooSelector),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo')],
      nodes: [hn('node-a')],
      failedNodes: [hn('node-b')],
      want: [100],
    },
    {
      name: 'one constraint on node, all nodes have the same number of matching pods',
      pod: onHost(1, fooSelector),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo')],
      nodes: [hn('node-a'), hn('node-b')],
      want: [100, 100],
    },
    { name: 'one constraint on node, all 4 nodes are candidates', pod: onHost(1, fooSelector), existingPods: spread2103(), nodes: abcd(), want: [20, 60, 100, 0] },
    { name: 'one constraint on node, null selector', pod: onHost(1, nil), existingPods: spread2103(), nodes: abcd(), want: [100, 100, 100, 100] },
    { name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2', pod: onHost(2, fooSelector), existingPods: spread2103(), nodes: abcd(), want: [33, 66, 100, 16] },
    { name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3', pod: onHost(3, fooSelector), existingPods: spread4321(), nodes: abcd(), want: [44, 66, 77, 100] },
    {
      name: "system defaulting, nodes don't have zone, pods match service",
      pod: MakePod().Name('p').Label('foo', '').Obj(),
      existingPods: spread4321(),
      nodes: abcd(),
      objs: { services: [service({ foo: '' })] },
      want: [44, 66, 77, 100],
    },
    {
      name: 'one constraint on node, 3 out of 4 nodes are candidates',
      pod: onHost(1, fooSelector),
      existingPods: spread4213(),
      nodes: [hn('node-a'), hn('node-b'), hn('node-x')],
      failedNodes: [hn('node-y')],
      want: [33, 83, 100],
    },
    {
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: onHost(1, fooSelector),
      existingPods: spread4213(),
      nodes: [hn('node-a'), node('node-b', { n: 'node-b' }), hn('node-x')],
      failedNodes: [hn('node-y')],
      want: [16, 0, 100],
    },
    {
      name: 'one constraint on zone, 3 out of 4 nodes are candidates',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil).Obj(),
      existingPods: spread4213(),
      nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
      failedNodes: [zh('node-y', 'zone2')],
      want: [75, 75, 100],
    },
    {
      name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, H, ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .Obj(),
      existingPods: [
        ep('p-a1', 'node-a', 'foo'),
        ep('p-a2', 'node-a', 'foo'),
        ep('p-b1', 'node-b', 'foo'),
        ep('p-x1', 'node-x', 'foo'),
        ep('p-x2', 'node-x', 'foo'),
        ep('p-y1', 'node-y', 'foo'),
        ep('p-y2', 'node-y', 'foo'),
        ep('p-y3', 'node-y', 'foo'),
        ep('p-y4', 'node-y', 'foo'),
      ],
      nodes: [zh('node-a', 'zone1'), zh('node-x', 'zone2')],
      failedNodes: [zh('node-b', 'zone1'), zh('node-y', 'zone2')],
      want: [100, 63],
    },
    {
      name: 'two Constraints on zone, 2 out of 4 nodes are candidates',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'zone', ScheduleAnyway, barSelector, nil, nil, nil, nil)
        .Obj(),
      existingPods: [
        ep('p-a1', 'node-a', 'foo', 'bar'),
        ep('p-a2', 'node-a', 'foo'),
        ep('p-b1', 'node-b', 'foo', 'bar'),
        ep('p-y1', 'node-y', 'foo'),
        ep('p-y2', 'node-y', 'foo', 'bar'),
        ep('p-y3', 'node-y', 'foo'),
      ],
      nodes: [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' })],
      failedNodes: [node('node-b', { zone: 'zone1' }), node('node-y', { zone: 'zone2' })],
      want: [85, 100],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors',
      pod: zoneNode(),
      existingPods: fooBarPods(),
      nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
      want: [60, 20, 100, 60],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
      pod: zoneNode(),
      existingPods: [ep('p-b1', 'node-b', 'bar'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo', 'bar')],
      nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2'), zh('node-y', 'zone2')],
      want: [100, 60, 40, 0],
    },
    {
      name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
      pod: zoneNode(),
      existingPods: fooBarPods(),
      nodes: [zh('node-a', 'zone1'), zh('node-b', 'zone1'), zh('node-x', 'zone2')],
      failedNodes: [zh('node-y', 'zone2')],
      want: [50, 25, 100],
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: onHost(1, fooSelector),
      existingPods: [ep('p-a1', 'node-a', 'foo', { ns: 'ns1' }), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo')],
      nodes: [hn('node-a'), hn('node-b')],
      want: [100, 33],
    },
    {
      name: 'terminating Pods should be excluded',
      pod: onHost(1, fooSelector),
      nodes: [hn('node-a'), hn('node-b')],
      existingPods: [ep('p-a', 'node-a', 'foo', { terminating: true }), ep('p-b', 'node-b', 'foo')],
      want: [100, 0],
    },
    {
      name: 'minDomains has no effect when ScheduleAnyway',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(2, 'node', ScheduleAnyway, fooSelector, 10, nil, nil, nil).Obj(),
      nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-c1', 'node-c', 'foo')],
      want: [75, 75, 100],
    },
    {
      name: 'NodeAffinityPolicy honoed with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: nodeKeyNodes(),
      existingPods: nodeKeyPods(),
      want: [0, 33, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: nodeKeyNodes(),
      existingPods: nodeKeyPods(),
      want: [66, 100, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy honoed with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: nodeKeyNodes(),
      existingPods: nodeKeyPods(),
      want: [0, 33, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: nodeKeyNodes(),
      existingPods: nodeKeyPods(),
      want: [66, 100, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, nil, honorPolicy, nil).Obj(),
      nodes: nodeKeyTainted(),
      existingPods: nodeKeyPods(),
      want: [0, 33, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: nodeKeyTainted(),
      existingPods: nodeKeyPods(),
      want: [66, 100, 100],
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'matchLabelKeys ignored when feature gate disabled',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '').Label('baz', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, ['baz'])
        .SpreadConstraint(1, H, ScheduleAnyway, barSelector, nil, nil, nil, ['baz'])
        .Obj(),
      existingPods: mlkPods(),
      nodes: abcdZones(),
      want: [60, 20, 60, 100],
      enableMatchLabelKeys: false,
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, MakeLabelSelector().Obj(), nil, nil, nil, ['foo'])
        .SpreadConstraint(1, H, ScheduleAnyway, MakeLabelSelector().Obj(), nil, nil, nil, ['bar'])
        .Obj(),
      existingPods: mlkPods(),
      nodes: abcdZones(),
      want: [60, 20, 60, 100],
      enableMatchLabelKeys: true,
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '').Label('baz', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, H, ScheduleAnyway, barSelector, nil, nil, nil, ['baz'])
        .Obj(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo', 'bar', 'baz'), ep('p-c1', 'node-c', 'foo'), ep('p-c2', 'node-c', 'bar'), ep('p-d3', 'node-c', 'bar', 'baz')],
      nodes: abcdZones(),
      want: [60, 20, 60, 100],
      enableMatchLabelKeys: true,
    },
    {
      // Not upstream: a pod owned by a ReplicaSet gets the system defaults with the ReplicaSet's selector.
      name: 'system defaulting with a replicaset owner spreads over hostname and zone',
      pod: MakePod().Name('p').Namespace('default').Label('app', 'web').OwnerReference('rs1', 'apps/v1', 'ReplicaSet').Obj(),
      existingPods: [
        MakePod().Name('w1').Namespace('default').Label('app', 'web').Node('node-a').Obj(),
        MakePod().Name('w2').Namespace('default').Label('app', 'web').Node('node-a').Obj(),
        MakePod().Name('w3').Namespace('default').Label('app', 'web').Node('node-b').Obj(),
        MakePod().Name('o1').Namespace('other').Label('app', 'web').Node('node-c').Obj(),
      ],
      nodes: [hn('node-a', { [LabelTopologyZone]: 'z1' }), hn('node-b', { [LabelTopologyZone]: 'z1' }), hn('node-c', { [LabelTopologyZone]: 'z2' }), hn('node-d')],
      objs: { replicaSets: [replicaSet('rs1', 'default', MakeLabelSelector().Label('app', 'web').Obj())] },
      // weights ln(4+2) (hostname) and ln(3+2) (zones z1, z2, "" among the candidates); raw:
      // a 2·ln6+2 + 3·ln5+4 = 14.41→14, b ln6+2 + 3·ln5+4 = 12.62→13, c 0+2 + 0+4 = 6, d (no zone key) 0+2 = 2;
      // normalized 100·(14+2−s)/14.
      want: [14, 21, 71, 100],
    },
  ];
  it.each(cases)('$name', (tc) => {
    const all = [...tc.nodes, ...(tc.failedNodes ?? [])];
    const { p, cache } = setup(all, tc.existingPods ?? [], {
      args: { defaultingType: 'System' },
      objs: tc.objs ?? {},
      enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false,
      enableMatchLabelKeys: tc.enableMatchLabelKeys ?? false,
    });
    const state = newState();
    const pod = new PodInfo(tc.pod);
    const filtered = tc.nodes.map((n) => cache.get(n.metadata.name!)!);
    expect(p.preScore(state, pod, filtered)).toBeNull();
    const scores = new Float64Array(filtered.map((n) => p.score(state, pod, n)));
    const fast = new Float64Array(filtered.length);
    p.scoreNodes(state, pod, new Int32Array(filtered.map((n) => n.index)), filtered.length, fast);
    expect([...fast]).toEqual([...scores]);
    expect(p.normalizeScore(state, pod, { nodes: filtered, scores, length: filtered.length })).toBeNull();
    expect([...scores]).toEqual(tc.want);
  });
});

describe('PodTopologySpread counts shared between constraint sets', () => {
  it('a DoNotSchedule and a ScheduleAnyway constraint that differ only in maxSkew each keep their own maxSkew', () => {
    // Same key, selector and policies: one set of counts serves both, but Score must use maxSkew 3, Filter maxSkew 1.
    const nodes = [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })];
    const { p, cache } = setup(nodes, [ep('a1', 'n1', 'app=a'), ep('a2', 'n1', 'app=a')], { args: { defaultingType: 'List' } });
    const sel = MakeLabelSelector().Label('app', 'a').Obj();
    const pod = new PodInfo(
      MakePod().Name('p').Label('app', 'a').SpreadConstraint(1, 'zone', DoNotSchedule, sel, nil, nil, nil, nil).SpreadConstraint(3, 'zone', ScheduleAnyway, sel, nil, nil, nil, nil).Obj(),
    );
    const all = cache.nodeInfoList();
    const fs = newState();
    expect(p.preFilter(fs, pod, all).status).toBeNull();
    expect(p.filter(fs, pod, cache.get('n1')!)?.code).toBe(Code.Unschedulable);
    expect(p.filter(fs, pod, cache.get('n2')!)).toBeNull();
    const ss = newState();
    expect(p.preScore(ss, pod, all)).toBeNull();
    // ln(4) = 1.386: n1 2·1.386 + 2 = 4.77 → 5, n2 0 + 2 = 2 (maxSkew 1 would give 3 and 0).
    expect([p.score(ss, pod, cache.get('n1')!), p.score(ss, pod, cache.get('n2')!)]).toEqual([5, 2]);
  });
});

describe('topologyNormalizingWeight uses Go math.Log bit for bit', () => {
  it('matches values where V8 Math.log rounds differently from Go', () => {
    // Go: math.Log(14) = 2.639057329615259 (1 ulp above the correctly rounded 2.6390573296152584).
    expect(topologyNormalizingWeight(12)).toBe(2.639057329615259);
    expect(topologyNormalizingWeight(0)).toBe(Math.LN2);
  });
});
