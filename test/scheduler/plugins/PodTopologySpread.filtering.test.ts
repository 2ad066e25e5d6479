/**
 * PodTopologySpread PreFilter/Filter, ported from pkg/scheduler/framework/
 * plugins/podtopologyspread/filtering_test.go: TestPreFilterState,
 * TestPreFilterStateAddPod, TestPreFilterStateRemovePod, TestSingleConstraint,
 * TestMultipleConstraints and TestPreFilterDisabled. As upstream's tests,
 * the gates NodeInclusionPolicyInPodTopologySpread and
 * MatchLabelKeysInPodTopologySpread are off unless a case turns them on.
 */
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector } from '../../../src/api/labels.js';
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../../src/api/types.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code, codeOf } from '../../../src/scheduler/framework/Status.js';
import { PRE_FILTER_STATE_KEY, PreFilterState } from '../../../src/scheduler/plugins/PodTopologySpread.js';
import { selectorKey } from '../../../src/scheduler/plugins/podtopologyspread/common.js';
import { newState } from '../fixtures.js';
import { abxy, barSelector, ep, fooSelector, honorPolicy, ignorePolicy, node, service, setup, taints, TaintNodeUnschedulable, zn, type ClusterObjs } from './podTopologySpreadHarness.js';
import { DoNotSchedule, MakeLabelSelector, MakePod, nil, ScheduleAnyway } from './stBuilders.js';

const { Success, Unschedulable, UnschedulableAndUnresolvable } = Code;

/** An expected constraint: key, maxSkew, selector and policies (minDomains 1 unless given). */
interface WantConstraint {
  key: string;
  maxSkew: number;
  selector: LabelSelector | undefined;
  affinity?: 'Honor' | 'Ignore';
  taints?: 'Honor' | 'Ignore';
}

/** An expected state: constraints, critical paths [[value, num], [value, num]] and TpValueToMatchNum. */
interface WantState {
  constraints: WantConstraint[];
  paths: [[string, number], [string, number]][];
  tp: Record<string, number>[];
}

/** The critical paths with same-count values sorted alphabetically, as upstream's comparer does. */
function sortedPaths(p: [[string, number], [string, number]]): [[string, number], [string, number]] {
  if (p[0][1] === p[1][1] && p[0][0] > p[1][0]) return [[p[1][0], p[0][1]], [p[0][0], p[1][1]]];
  return p;
}

function expectState(s: PreFilterState, want: WantState): void {
  expect(s.constraints.length).toBe(want.constraints.length);
  want.constraints.forEach((w, i) => {
    const c = s.constraints[i]!;
    expect(c.topologyKey).toBe(w.key);
    expect(c.maxSkew).toBe(w.maxSkew);
    expect(c.minDomains).toBe(1);
    expect(selectorKey(c.selector)).toBe(selectorKey(labelSelectorAsSelector(w.selector)));
    expect(c.nodeAffinityPolicy).toBe(w.affinity ?? 'Honor');
    expect(c.nodeTaintsPolicy).toBe(w.taints ?? 'Ignore');
  });
  want.paths.forEach((wp, i) => {
    expect(sortedPaths(s.criticalPaths(i))).toEqual(sortedPaths(wp));
  });
  want.tp.forEach((tp, i) => expect(s.tpValueToMatchNum(i)).toEqual(tp));
}

const MAX = 2147483647;
const c = (key: string, maxSkew: number, selector: LabelSelector | undefined, more: Partial<WantConstraint> = {}): WantConstraint => ({ key, maxSkew, selector, ...more });

describe('PodTopologySpread PreFilter state (TestPreFilterState)', () => {
  interface Case {
    name: string;
    pod: Pod;
    nodes: Node[];
    existingPods?: Pod[];
    objs?: ClusterObjs;
    defaultConstraints?: TopologySpreadConstraint[];
    want?: WantState;
    wantSkip?: boolean;
    enableNodeInclusionPolicy?: boolean;
    enableMatchLabelKeys?: boolean;
  }
  const fiveFoo = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'foo')];
  const sevenFoo = (): Pod[] => [...fiveFoo(), ep('p-y3', 'node-y', 'foo'), ep('p-y4', 'node-y', 'foo')];
  const threeNodes = (): Node[] => [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-c', { node: 'node-c', bar: '' })];
  const threePods = (): Pod[] => [ep('p-a', 'node-a', 'bar'), ep('p-b', 'node-b', 'bar'), ep('p-c', 'node-b', 'bar'), ep('p-d', 'node-c')];
  const taintNodes = (): Node[] => [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c', bar: '' }, taints)];
  const fooA = (): Pod[] => [ep('p-a1', 'node-a', 'foo=a'), ep('p-a2', 'node-a', 'foo=a'), ep('p-b1', 'node-b', 'foo=a'), ep('p-y1', 'node-y', 'foo=a'), ep('p-y2', 'node-y', 'foo=a')];
  const cases: Case[] = [
    {
      name: 'clean cluster with one spreadConstraint',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(5, 'zone', DoNotSchedule, MakeLabelSelector().Label('foo', 'bar').Obj(), nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      want: { constraints: [c('zone', 5, MakeLabelSelector().Label('foo', 'bar').Obj())], paths: [[['zone1', 0], ['zone2', 0]]], tp: [{ zone1: 0, zone2: 0 }] },
    },
    {
      name: 'normal case with one spreadConstraint',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: fiveFoo(),
      want: { constraints: [c('zone', 1, fooSelector)], paths: [[['zone2', 2], ['zone1', 3]]], tp: [{ zone1: 3, zone2: 2 }] },
    },
    {
      name: 'normal case with null label selector',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, nil, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: fiveFoo(),
      want: { constraints: [c('zone', 1, nil)], paths: [[['zone2', 0], ['zone1', 0]]], tp: [{ zone1: 0, zone2: 0 }] },
    },
    {
      name: 'normal case with one spreadConstraint, on a 3-zone cluster',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: [...abxy(), zn('node-o', 'zone3'), zn('node-p', 'zone3')],
      existingPods: fiveFoo(),
      want: { constraints: [c('zone', 1, fooSelector)], paths: [[['zone3', 0], ['zone2', 2]]], tp: [{ zone1: 3, zone2: 2, zone3: 0 }] },
    },
    {
      name: "namespace mismatch doesn't count",
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo', { ns: 'ns1' }), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo', { ns: 'ns2' }), ep('p-y2', 'node-y', 'foo')],
      want: { constraints: [c('zone', 1, fooSelector)], paths: [[['zone2', 1], ['zone1', 2]]], tp: [{ zone1: 2, zone2: 1 }] },
    },
    {
      name: 'normal case with two spreadConstraints',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: abxy(),
      existingPods: sevenFoo(),
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, fooSelector)],
        paths: [[['zone1', 3], ['zone2', 4]], [['node-x', 0], ['node-b', 1]]],
        tp: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 }],
      },
    },
    {
      name: 'soft spreadConstraints should be bypassed',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', ScheduleAnyway, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
      existingPods: sevenFoo(),
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, fooSelector)],
        paths: [[['zone1', 3], ['zone2', 4]], [['node-b', 1], ['node-a', 2]]],
        tp: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-y': 4 }],
      },
    },
    {
      name: 'different labelSelectors - simple version',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
      existingPods: [ep('p-a', 'node-a', 'foo'), ep('p-b', 'node-b', 'bar')],
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, barSelector)],
        paths: [[['zone2', 0], ['zone1', 1]], [['node-a', 0], ['node-y', 0]]],
        tp: [{ zone1: 1, zone2: 0 }, { 'node-a': 0, 'node-b': 1, 'node-y': 0 }],
      },
    },
    {
      name: 'different labelSelectors - complex pods',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-y', 'zone2')],
      existingPods: [
        ep('p-a1', 'node-a', 'foo'),
        ep('p-a2', 'node-a', 'foo', 'bar'),
        ep('p-b1', 'node-b', 'foo'),
        ep('p-y1', 'node-y', 'foo'),
        ep('p-y2', 'node-y', 'foo', 'bar'),
        ep('p-y3', 'node-y', 'foo'),
        ep('p-y4', 'node-y', 'foo', 'bar'),
      ],
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, barSelector)],
        paths: [[['zone1', 3], ['zone2', 4]], [['node-b', 0], ['node-a', 1]]],
        tp: [{ zone1: 3, zone2: 4 }, { 'node-a': 1, 'node-b': 0, 'node-y': 2 }],
      },
    },
    {
      name: 'two spreadConstraints, and with podAffinity',
      pod: MakePod().Name('p').Label('foo', '')
        .NodeAffinityNotIn('node', ['node-x'])
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: abxy(),
      existingPods: sevenFoo(),
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, fooSelector)],
        paths: [[['zone1', 3], ['zone2', 4]], [['node-b', 1], ['node-a', 2]]],
        tp: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-y': 4 }],
      },
    },
    {
      name: 'default constraints and a service',
      pod: MakePod().Name('p').Label('foo', 'bar').Label('baz', 'kar').Obj(),
      nodes: [],
      defaultConstraints: [
        { maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule },
        { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: ScheduleAnyway },
        { maxSkew: 5, topologyKey: 'rack', whenUnsatisfiable: DoNotSchedule },
      ],
      objs: { services: [service({ foo: 'bar' })] },
      want: {
        constraints: [c('node', 3, MakeLabelSelector().Label('foo', 'bar').Obj()), c('rack', 5, MakeLabelSelector().Label('foo', 'bar').Obj())],
        paths: [[['', MAX], ['', MAX]], [['', MAX], ['', MAX]]],
        tp: [{}, {}],
      },
    },
    {
      name: "default constraints and a service that doesn't match",
      pod: MakePod().Name('p').Label('foo', 'bar').Obj(),
      nodes: [],
      defaultConstraints: [{ maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule }],
      objs: { services: [service({ baz: 'kep' })] },
      wantSkip: true,
    },
    {
      name: 'default constraints and a service, but pod has constraints',
      pod: MakePod().Name('p').Label('foo', 'bar').Label('baz', 'tar')
        .SpreadConstraint(1, 'zone', DoNotSchedule, MakeLabelSelector().Label('baz', 'tar').Obj(), nil, nil, nil, nil)
        .SpreadConstraint(2, 'planet', ScheduleAnyway, MakeLabelSelector().Label('fot', 'rok').Obj(), nil, nil, nil, nil)
        .Obj(),
      nodes: [],
      defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: DoNotSchedule }],
      objs: { services: [service({ foo: 'bar' })] },
      want: { constraints: [c('zone', 1, MakeLabelSelector().Label('baz', 'tar').Obj())], paths: [[['', MAX], ['', MAX]]], tp: [{}] },
    },
    {
      name: 'default soft constraints and a service',
      pod: MakePod().Name('p').Label('foo', 'bar').Obj(),
      nodes: [],
      defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: ScheduleAnyway }],
      objs: { services: [service({ foo: 'bar' })] },
      wantSkip: true,
    },
    {
      name: 'feature gate disabled with NodeAffinityPolicy',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: threeNodes(),
      existingPods: threePods(),
      want: { constraints: [c('node', 1, barSelector)], paths: [[['node-a', 1], ['node-b', 2]]], tp: [{ 'node-a': 1, 'node-b': 2 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: threeNodes(),
      existingPods: threePods(),
      want: { constraints: [c('node', 1, barSelector)], paths: [[['node-a', 1], ['node-b', 2]]], tp: [{ 'node-a': 1, 'node-b': 2 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: threeNodes(),
      existingPods: threePods(),
      want: {
        constraints: [c('node', 1, barSelector, { affinity: 'Ignore' })],
        paths: [[['node-c', 0], ['node-a', 1]]],
        tp: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: threeNodes(),
      existingPods: [ep('p-a', 'node-a', 'bar'), ep('p-c', 'node-b', 'bar'), ep('p-d', 'node-b', 'bar'), ep('p-e', 'node-c')],
      want: { constraints: [c('node', 1, barSelector)], paths: [[['node-a', 1], ['node-b', 2]]], tp: [{ 'node-a': 1, 'node-b': 2 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: threeNodes(),
      existingPods: threePods(),
      want: {
        constraints: [c('node', 1, barSelector, { affinity: 'Ignore' })],
        paths: [[['node-c', 0], ['node-a', 1]]],
        tp: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'feature gate disabled with NodeTaintsPolicy',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: taintNodes(),
      existingPods: threePods(),
      want: { constraints: [c('node', 1, barSelector)], paths: [[['node-c', 0], ['node-a', 1]]], tp: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: taintNodes(),
      existingPods: threePods(),
      want: { constraints: [c('node', 1, barSelector)], paths: [[['node-c', 0], ['node-a', 1]]], tp: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, honorPolicy, nil).Obj(),
      nodes: taintNodes(),
      existingPods: threePods(),
      want: { constraints: [c('node', 1, barSelector, { taints: 'Honor' })], paths: [[['node-a', 1], ['node-b', 2]]], tp: [{ 'node-a': 1, 'node-b': 2 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy honored with tolerated taints',
      pod: MakePod().Name('p').Label('foo', '').Toleration(TaintNodeUnschedulable).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, honorPolicy, nil).Obj(),
      nodes: taintNodes(),
      existingPods: threePods(),
      want: {
        constraints: [c('node', 1, barSelector, { taints: 'Honor' })],
        paths: [[['node-c', 0], ['node-a', 1]]],
        tp: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' })],
      existingPods: [ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo')],
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, fooSelector, { affinity: 'Ignore' })],
        paths: [[['zone1', 0], ['zone2', 1]], [['node-a', 0], ['node-x', 1]]],
        tp: [{ zone1: 0, zone2: 1 }, { 'node-a': 0, 'node-b': 2, 'node-x': 1 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, honorPolicy, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', {}, taints), zn('node-x', 'zone2', { foo: '' })],
      existingPods: [ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo')],
      want: {
        constraints: [c('zone', 1, fooSelector, { taints: 'Honor' }), c('node', 1, fooSelector)],
        paths: [[['zone1', 0], ['zone2', 1]], [['node-a', 0], ['node-x', 1]]],
        tp: [{ zone1: 0, zone2: 1 }, { 'node-a': 0, 'node-b': 2, 'node-x': 1 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1', { foo: '' }, taints), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2')],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: {
        constraints: [c('zone', 1, fooSelector), c('node', 1, fooSelector)],
        paths: [[['zone1', 0], ['zone2', 1]], [['node-b', 0], ['node-x', 1]]],
        tp: [{ zone1: 0, zone2: 1 }, { 'node-b': 0, 'node-x': 1 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: ignore/ignore, node: honor/honor',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, honorPolicy, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1', { foo: '' }, taints), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' })],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-x2', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: {
        constraints: [c('zone', 1, fooSelector, { affinity: 'Ignore' }), c('node', 1, fooSelector, { taints: 'Honor' })],
        paths: [[['zone1', 2], ['zone2', 3]], [['node-y', 1], ['node-x', 2]]],
        tp: [{ zone1: 2, zone2: 3 }, { 'node-x': 2, 'node-y': 1 }],
      },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'matchLabelKeys ignored when feature gate disabled',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, ['bar']).Obj(),
      nodes: abxy(),
      existingPods: [...fiveFoo()],
      want: { constraints: [c('zone', 1, fooSelector)], paths: [[['zone2', 2], ['zone1', 3]]], tp: [{ zone1: 3, zone2: 2 }] },
      enableMatchLabelKeys: false,
    },
    {
      name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
      pod: MakePod().Name('p').Label('foo', '').Label('bar', 'a').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, ['bar']).Obj(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo', 'bar=a'), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo', 'bar=a'), ep('p-y2', 'node-y', 'bar')],
      want: {
        constraints: [c('zone', 1, MakeLabelSelector().Exists('foo').Label('bar', 'a').Obj())],
        paths: [[['zone2', 1], ['zone1', 1]]],
        tp: [{ zone1: 1, zone2: 1 }],
      },
      enableMatchLabelKeys: true,
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
      pod: MakePod().Name('p').Label('foo', 'a').SpreadConstraint(1, 'zone', DoNotSchedule, MakeLabelSelector().Obj(), nil, nil, nil, ['foo']).Obj(),
      nodes: abxy(),
      existingPods: fooA(),
      want: { constraints: [c('zone', 1, MakeLabelSelector().Label('foo', 'a').Obj())], paths: [[['zone2', 2], ['zone1', 3]]], tp: [{ zone1: 3, zone2: 2 }] },
      enableMatchLabelKeys: true,
    },
    {
      name: 'key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, nil, nil, nil, nil, ['bar']).Obj(),
      nodes: abxy(),
      existingPods: fooA(),
      want: { constraints: [c('zone', 1, nil)], paths: [[['zone2', 0], ['zone1', 0]]], tp: [{ zone1: 0, zone2: 0 }] },
      enableMatchLabelKeys: true,
    },
    {
      name: 'no pod is matched when LabelSelector is nil when feature gate disabled',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, nil, nil, nil, nil, ['bar']).Obj(),
      nodes: abxy(),
      existingPods: fooA(),
      want: { constraints: [c('zone', 1, nil)], paths: [[['zone2', 0], ['zone1', 0]]], tp: [{ zone1: 0, zone2: 0 }] },
    },
    {
      name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels",
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, ['bar']).Obj(),
      nodes: abxy(),
      existingPods: fooA(),
      want: { constraints: [c('zone', 1, fooSelector)], paths: [[['zone2', 2], ['zone1', 3]]], tp: [{ zone1: 3, zone2: 2 }] },
      enableMatchLabelKeys: true,
    },
    {
      name: 'two spreadConstraints with the same topologyKey',
      pod: MakePod().Name('p').Label('foo', '').Label('bar', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'zone', DoNotSchedule, barSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'bar'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'bar'), ep('p-y1', 'node-y', 'foo', 'bar'), ep('p-y2', 'node-y', 'bar')],
      want: {
        constraints: [c('zone', 1, fooSelector), c('zone', 1, barSelector)],
        paths: [[['zone2', 1], ['zone1', 2]], [['zone1', 1], ['zone2', 3]]],
        tp: [{ zone1: 2, zone2: 1 }, { zone1: 1, zone2: 3 }],
      },
    },
    {
      name: 'skip if not specified',
      pod: MakePod().Name('p').Label('foo', '').Obj(),
      nodes: [zn('node-a', 'zone1')],
      wantSkip: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const { p, cache } = setup(tc.nodes, tc.existingPods ?? [], {
      args: { defaultingType: 'List', defaultConstraints: tc.defaultConstraints ?? [] },
      objs: tc.objs ?? {},
      enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false,
      enableMatchLabelKeys: tc.enableMatchLabelKeys ?? false,
    });
    const state = newState();
    const { status } = p.preFilter(state, new PodInfo(tc.pod), cache.nodeInfoList());
    if (tc.wantSkip === true) {
      expect(status?.code).toBe(Code.Skip);
      return;
    }
    expect(status).toBeNull();
    expectState(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!, tc.want!);
  });
});

describe('PodTopologySpread AddPod (TestPreFilterStateAddPod)', () => {
  const nodeC = (key: string): WantConstraint => c(key, 1, fooSelector);
  interface Case {
    name: string;
    preemptor: Pod;
    addedPod: Pod;
    existingPods: Pod[];
    nodeIdx: number;
    nodes: Node[];
    want: WantState;
    enableNodeInclusionPolicy?: boolean;
  }
  const onNode = (): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const zoneAndNode = (): Pod =>
    MakePod().Name('p').Label('foo', '')
      .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .Obj();
  const fooBar = (): Pod =>
    MakePod().Name('p').Label('foo', '').Label('bar', '')
      .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil)
      .Obj();
  const zoneOnly = (): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const ab = (): Node[] => [zn('node-a', 'zone1'), zn('node-b', 'zone1')];
  const abx = (): Node[] => [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')];
  const affNodes = (): Node[] => [zn('node-a', 'zone1', { foo: 'bar' }), node('node-b', { zone: 'zone2', node: 'node-b', foo: '' })];
  const taintedA = (): Node[] => [zn('node-a', 'zone1', {}, taints), zn('node-b', 'zone2')];
  const cases: Case[] = [
    {
      name: 'node a and b both impact current min match',
      preemptor: onNode(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [],
      nodeIdx: 0,
      nodes: ab(),
      want: { constraints: [nodeC('node')], paths: [[['node-b', 0], ['node-a', 1]]], tp: [{ 'node-a': 1, 'node-b': 0 }] },
    },
    {
      name: 'only node a impacts current min match',
      preemptor: onNode(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [ep('p-b1', 'node-b', 'foo')],
      nodeIdx: 0,
      nodes: ab(),
      want: { constraints: [nodeC('node')], paths: [[['node-a', 1], ['node-b', 1]]], tp: [{ 'node-a': 1, 'node-b': 1 }] },
    },
    {
      name: "add a pod in a different namespace doesn't change topologyKeyToMinPodsMap",
      preemptor: onNode(),
      addedPod: ep('p-a1', 'node-a', 'foo', { ns: 'ns1' }),
      existingPods: [ep('p-b1', 'node-b', 'foo')],
      nodeIdx: 0,
      nodes: ab(),
      want: { constraints: [nodeC('node')], paths: [[['node-a', 0], ['node-b', 1]]], tp: [{ 'node-a': 0, 'node-b': 1 }] },
    },
    {
      name: "add pod on non-critical node won't trigger re-calculation",
      preemptor: onNode(),
      addedPod: ep('p-b2', 'node-b', 'foo'),
      existingPods: [ep('p-b1', 'node-b', 'foo')],
      nodeIdx: 1,
      nodes: ab(),
      want: { constraints: [nodeC('node')], paths: [[['node-a', 0], ['node-b', 2]]], tp: [{ 'node-a': 0, 'node-b': 2 }] },
    },
    {
      name: 'node a and x both impact topologyKeyToMinPodsMap on zone and node',
      preemptor: zoneAndNode(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [],
      nodeIdx: 0,
      nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
      want: {
        constraints: [nodeC('zone'), nodeC('node')],
        paths: [[['zone2', 0], ['zone1', 1]], [['node-x', 0], ['node-a', 1]]],
        tp: [{ zone1: 1, zone2: 0 }, { 'node-a': 1, 'node-x': 0 }],
      },
    },
    {
      name: 'only node a impacts topologyKeyToMinPodsMap on zone and node',
      preemptor: zoneAndNode(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [ep('p-x1', 'node-x', 'foo')],
      nodeIdx: 0,
      nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
      want: {
        constraints: [nodeC('zone'), nodeC('node')],
        paths: [[['zone1', 1], ['zone2', 1]], [['node-a', 1], ['node-x', 1]]],
        tp: [{ zone1: 1, zone2: 1 }, { 'node-a': 1, 'node-x': 1 }],
      },
    },
    {
      name: 'node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone',
      preemptor: zoneAndNode(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo')],
      nodeIdx: 0,
      nodes: abx(),
      want: {
        constraints: [nodeC('zone'), nodeC('node')],
        paths: [[['zone2', 1], ['zone1', 3]], [['node-a', 1], ['node-x', 1]]],
        tp: [{ zone1: 3, zone2: 1 }, { 'node-a': 1, 'node-b': 2, 'node-x': 1 }],
      },
    },
    {
      name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone',
      preemptor: fooBar(),
      addedPod: ep('p-a1', 'node-a', 'foo'),
      existingPods: [ep('p-b1', 'node-b', 'foo', 'bar'), ep('p-x1', 'node-x', 'foo', 'bar'), ep('p-x2', 'node-x', 'bar')],
      nodeIdx: 0,
      nodes: abx(),
      want: {
        constraints: [nodeC('zone'), c('node', 1, barSelector)],
        paths: [[['zone2', 1], ['zone1', 2]], [['node-a', 0], ['node-b', 1]]],
        tp: [{ zone1: 2, zone2: 1 }, { 'node-a': 0, 'node-b': 1, 'node-x': 2 }],
      },
    },
    {
      name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node',
      preemptor: fooBar(),
      addedPod: ep('p-a1', 'node-a', 'foo', 'bar'),
      existingPods: [ep('p-b1', 'node-b', 'bar'), ep('p-x1', 'node-x', 'foo', 'bar'), ep('p-x2', 'node-x', 'bar')],
      nodeIdx: 0,
      nodes: abx(),
      want: {
        constraints: [nodeC('zone'), c('node', 1, barSelector)],
        paths: [[['zone1', 1], ['zone2', 1]], [['node-a', 1], ['node-b', 1]]],
        tp: [{ zone1: 1, zone2: 1 }, { 'node-a': 1, 'node-b': 1, 'node-x': 2 }],
      },
    },
    {
      name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled',
      preemptor: MakePod().Name('p').Label('foo', '').NodeAffinityNotIn('foo', ['bar']).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      addedPod: ep('p-a1', 'node-a', 'foo', 'zone=zone1'),
      existingPods: [ep('p-a2', 'node-a', 'foo', 'zone=zone1'), ep('p-b1', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 0,
      nodes: affNodes(),
      want: { constraints: [nodeC('zone')], paths: [[['zone2', 1], ['', MAX]]], tp: [{ zone2: 1 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
      preemptor: MakePod().Name('p').Label('foo', '').NodeAffinityNotIn('foo', ['bar']).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      addedPod: ep('p-a1', 'node-a', 'foo', 'zone=zone1'),
      existingPods: [ep('p-a2', 'node-a', 'foo', 'zone=zone1'), ep('p-b1', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 0,
      nodes: affNodes(),
      want: { constraints: [nodeC('zone')], paths: [[['zone2', 1], ['', MAX]]], tp: [{ zone2: 1 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled',
      preemptor: zoneOnly(),
      addedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 1,
      nodes: affNodes(),
      want: { constraints: [nodeC('zone')], paths: [[['zone1', 1], ['zone2', 2]]], tp: [{ zone1: 1, zone2: 2 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
      preemptor: zoneOnly(),
      addedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 1,
      nodes: affNodes(),
      want: { constraints: [nodeC('zone')], paths: [[['zone1', 1], ['zone2', 2]]], tp: [{ zone1: 1, zone2: 2 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'add a label selector not matched pod when with NodeInclusionPolicy enabled',
      preemptor: zoneOnly(),
      addedPod: ep('p-b1', 'node-b', 'zone=zone2'),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 1,
      nodes: affNodes(),
      want: { constraints: [nodeC('zone')], paths: [[['zone1', 1], ['zone2', 1]]], tp: [{ zone1: 1, zone2: 1 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'add a pod when scheduling taint untolerated pod with NodeInclusionPolicy disabled',
      preemptor: zoneOnly(),
      addedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 1,
      nodes: taintedA(),
      want: { constraints: [nodeC('zone')], paths: [[['zone1', 1], ['zone2', 2]]], tp: [{ zone2: 2, zone1: 1 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled',
      preemptor: MakePod().Name('p').Label('foo', '').Toleration(TaintNodeUnschedulable).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      addedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      nodeIdx: 1,
      nodes: taintedA(),
      want: { constraints: [nodeC('zone')], paths: [[['zone1', 1], ['zone2', 2]]], tp: [{ zone2: 2, zone1: 1 }] },
      enableNodeInclusionPolicy: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const { p, cache } = setup(tc.nodes, tc.existingPods, { args: { defaultingType: 'List' }, enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false, enableMatchLabelKeys: false });
    const state = newState();
    const preemptor = new PodInfo(tc.preemptor);
    expect(p.preFilter(state, preemptor, cache.nodeInfoList()).status).toBeNull();
    const nodeInfo = cache.get(tc.nodes[tc.nodeIdx]!.metadata.name!)!;
    expect(p.addPod(state, preemptor, new PodInfo(tc.addedPod), nodeInfo)).toBeNull();
    expectState(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!, tc.want);
  });
});

describe('PodTopologySpread RemovePod (TestPreFilterStateRemovePod)', () => {
  interface Case {
    name: string;
    preemptor: Pod;
    nodes: Node[];
    existingPods: Pod[];
    deletedPodIdx: number;
    deletedPod?: Pod;
    nodeIdx: number;
    want: WantState;
    enableNodeInclusionPolicy?: boolean;
  }
  const zoneOnly = (): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const zc = c('zone', 1, fooSelector);
  const affNodes = (): Node[] => [zn('node-a', 'zone1', { foo: 'bar' }), node('node-b', { zone: 'zone2', node: 'node-b', foo: '' })];
  const cases: Case[] = [
    {
      name: 'one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged',
      preemptor: zoneOnly(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo')],
      deletedPodIdx: 0,
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone1', 1], ['zone2', 1]]], tp: [{ zone1: 1, zone2: 1 }] },
    },
    {
      name: 'one spreadConstraint on node, topologyKeyToMinPodsMap changed',
      preemptor: zoneOnly(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      deletedPodIdx: 0,
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone1', 1], ['zone2', 2]]], tp: [{ zone1: 1, zone2: 2 }] },
    },
    {
      name: "delete an irrelevant pod won't help",
      preemptor: zoneOnly(),
      nodes: abxy(),
      existingPods: [ep('p-a0', 'node-a', 'bar'), ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      deletedPodIdx: 0,
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone1', 2], ['zone2', 2]]], tp: [{ zone1: 2, zone2: 2 }] },
    },
    {
      name: "delete a non-existing pod won't help",
      preemptor: zoneOnly(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      deletedPodIdx: -1,
      deletedPod: ep('p-a0', 'node-a', 'bar'),
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone1', 2], ['zone2', 2]]], tp: [{ zone1: 2, zone2: 2 }] },
    },
    {
      name: 'two spreadConstraints',
      preemptor: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), zn('node-x', 'zone2')],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-x2', 'node-x', 'foo')],
      deletedPodIdx: 3,
      nodeIdx: 2,
      want: {
        constraints: [zc, c('node', 1, fooSelector)],
        paths: [[['zone2', 1], ['zone1', 3]], [['node-b', 1], ['node-x', 1]]],
        tp: [{ zone1: 3, zone2: 1 }, { 'node-a': 2, 'node-b': 1, 'node-x': 1 }],
      },
    },
    {
      name: 'remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy disabled',
      preemptor: MakePod().Name('p').Label('foo', '').NodeAffinityNotIn('foo', ['bar']).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: affNodes(),
      existingPods: [ep('p-a2', 'node-a', 'foo', 'zone=zone1'), ep('p-b1', 'node-b', 'foo', 'zone=zone2')],
      deletedPodIdx: -1,
      deletedPod: ep('p-a1', 'node-a', 'foo', 'zone=zone1'),
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone2', 1], ['', MAX]]], tp: [{ zone2: 1 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
      preemptor: MakePod().Name('p').Label('foo', '').NodeAffinityNotIn('foo', ['bar']).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: affNodes(),
      existingPods: [ep('p-a2', 'node-a', 'foo', 'zone=zone1'), ep('p-b1', 'node-b', 'foo', 'zone=zone2')],
      deletedPodIdx: -1,
      deletedPod: ep('p-a1', 'node-a', 'foo', 'zone=zone1'),
      nodeIdx: 0,
      want: { constraints: [zc], paths: [[['zone2', 1], ['', MAX]]], tp: [{ zone2: 1 }] },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy disabled',
      preemptor: zoneOnly(),
      nodes: affNodes(),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      deletedPodIdx: -1,
      deletedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      nodeIdx: 1,
      want: { constraints: [zc], paths: [[['zone2', 0], ['zone1', 1]]], tp: [{ zone2: 0, zone1: 1 }] },
      enableNodeInclusionPolicy: false,
    },
    {
      name: 'remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
      preemptor: zoneOnly(),
      nodes: affNodes(),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'zone=zone1'), ep('p-b2', 'node-b', 'foo', 'zone=zone2')],
      deletedPodIdx: -1,
      deletedPod: ep('p-b1', 'node-b', 'foo', 'zone=zone2'),
      nodeIdx: 1,
      want: { constraints: [zc], paths: [[['zone2', 0], ['zone1', 1]]], tp: [{ zone2: 0, zone1: 1 }] },
      enableNodeInclusionPolicy: true,
    },
  ];
  it.each(cases)('$name', (tc) => {
    const { p, cache } = setup(tc.nodes, tc.existingPods, { args: { defaultingType: 'List' }, enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false, enableMatchLabelKeys: false });
    const state = newState();
    const preemptor = new PodInfo(tc.preemptor);
    expect(p.preFilter(state, preemptor, cache.nodeInfoList()).status).toBeNull();
    const deleted = tc.deletedPodIdx >= 0 && tc.deletedPodIdx < tc.existingPods.length ? tc.existingPods[tc.deletedPodIdx]! : tc.deletedPod!;
    const nodeInfo = cache.get(tc.nodes[tc.nodeIdx]!.metadata.name!)!;
    expect(p.removePod(state, preemptor, new PodInfo(deleted), nodeInfo)).toBeNull();
    expectState(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!, tc.want);
  });

  it('a cloned state is changed by RemovePod without touching the original (Clone)', () => {
    const nodes = abxy();
    const pods = [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')];
    const { p, cache } = setup(nodes, pods, { args: { defaultingType: 'List' } });
    const state = newState();
    const preemptor = new PodInfo(zoneOnly());
    p.preFilter(state, preemptor, cache.nodeInfoList());
    const copy = state.clone();
    p.removePod(copy, preemptor, new PodInfo(pods[0]!), cache.get('node-a')!);
    expect(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!.tpValueToMatchNum(0)).toEqual({ zone1: 2, zone2: 2 });
    expect(copy.read<PreFilterState>(PRE_FILTER_STATE_KEY)!.tpValueToMatchNum(0)).toEqual({ zone1: 1, zone2: 2 });
  });
});

interface FilterCase {
  name: string;
  pod: Pod;
  nodes: Node[];
  existingPods?: Pod[];
  want: Record<string, Code>;
  enableNodeInclusionPolicy?: boolean;
}

/** PreFilter over all nodes, then Filter on each node (per-node path and whole-table path must agree). */
function runFilterCase(tc: FilterCase): void {
  const { p, cache } = setup(tc.nodes, tc.existingPods ?? [], { args: { defaultingType: 'List' }, enableNodeInclusionPolicy: tc.enableNodeInclusionPolicy ?? false, enableMatchLabelKeys: false });
  const state = newState();
  const pod = new PodInfo(tc.pod);
  expect(p.preFilter(state, pod, cache.nodeInfoList()).status).toBeNull();
  const infos = tc.nodes.map((n) => cache.get(n.metadata.name!)!);
  const got: Record<string, Code> = {};
  for (const n of infos) got[n.name] = codeOf(p.filter(state, pod, n));
  expect(got).toEqual(tc.want);
  const codes = new Uint8Array(infos.length);
  p.filterNodes(state, pod, new Int32Array(infos.map((n) => n.index)), infos.length, codes);
  expect([...codes]).toEqual(infos.map((n) => got[n.name]));
}

describe('PodTopologySpread Filter, one constraint (TestSingleConstraint)', () => {
  const sixFoo = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'foo'), ep('p-y3', 'node-y', 'foo')];
  const zoneFoo = (): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const nodeFoo = (maxSkew = 1): Pod => MakePod().Name('p').Label('foo', '').SpreadConstraint(maxSkew, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj();
  const nodesOnly = (): Node[] => [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })];
  const twoTwoOne = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-c1', 'node-c', 'foo')];
  const fooNodes = (): Node[] => [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-x', { node: 'node-x', foo: '' }), node('node-y', { node: 'node-y' })];
  const fooNodesTainted = (): Node[] => [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-x', { node: 'node-x', foo: '' }), node('node-y', { node: 'node-y' }, taints)];
  const b1b2y1 = (): Pod[] => [ep('p-b1', 'node-a', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo')];
  const cases: FilterCase[] = [
    { name: 'no existing pods', pod: zoneFoo(), nodes: abxy(), want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Success } },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Success },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: zoneFoo(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo', { ns: 'ns1' }), ep('p-b1', 'node-a', 'foo', { ns: 'ns2' }), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: 'existing pods do not match null selector',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, nil, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: [ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Success },
    },
    { name: 'pods spread across zones as 3/3, all nodes fit', pod: zoneFoo(), nodes: abxy(), existingPods: sixFoo(), want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Success } },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: zoneFoo(),
      nodes: [zn('node-a', 'zone1'), node('node-b', { zon: 'zone1', node: 'node-b' }), zn('node-x', 'zone2'), zn('node-y', 'zone2')],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-x1', 'node-x', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: { 'node-a': Success, 'node-b': UnschedulableAndUnresolvable, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'rack', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: [zn('node-a', 'zone1'), zn('node-x', 'zone2')],
      want: { 'node-a': UnschedulableAndUnresolvable, 'node-x': UnschedulableAndUnresolvable },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: nodeFoo(),
      nodes: abxy(),
      existingPods: sixFoo(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: nodeFoo(2),
      nodes: abxy(),
      existingPods: sixFoo(),
      want: { 'node-a': Unschedulable, 'node-b': Success, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: MakePod().Name('p').Label('bar', '').SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: sixFoo(),
      want: { 'node-a': Unschedulable, 'node-b': Success, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('node', ['node-a', 'node-y']).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: sixFoo(),
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: 'terminating Pods should be excluded',
      pod: nodeFoo(),
      nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })],
      existingPods: [ep('p-a', 'node-a', 'foo', { terminating: true }), ep('p-b', 'node-b', 'foo')],
      want: { 'node-a': Success, 'node-b': Unschedulable },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityNotIn('node', ['node-b']).SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: [ep('p-b1', 'node-b', 'foo'), ep('p-b2', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo')],
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(2, 'node', DoNotSchedule, fooSelector, 4, nil, nil, nil).Obj(),
      nodes: nodesOnly(),
      existingPods: twoTwoOne(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-c': Success },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(2, 'node', DoNotSchedule, fooSelector, 2, nil, nil, nil).Obj(),
      nodes: nodesOnly(),
      existingPods: twoTwoOne(),
      want: { 'node-a': Success, 'node-b': Success, 'node-c': Success },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(2, 'zone', DoNotSchedule, fooSelector, 3, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Success },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(2, 'zone', DoNotSchedule, fooSelector, 1, nil, nil, nil).Obj(),
      nodes: abxy(),
      existingPods: b1b2y1(),
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Success, 'node-y': Success },
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: fooNodes(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Success },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' }).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: fooNodes(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: fooNodes(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Success },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: MakePod().Name('p').Label('foo', '').NodeAffinityIn('foo', ['']).SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil).Obj(),
      nodes: fooNodes(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, honorPolicy, nil).Obj(),
      nodes: fooNodesTainted(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Success },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj(),
      nodes: fooNodesTainted(),
      existingPods: b1b2y1(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
  ];
  it.each(cases)('$name', runFilterCase);
});

describe('PodTopologySpread Filter, several constraints (TestMultipleConstraints)', () => {
  const zoneNode = (): Pod =>
    MakePod().Name('p').Label('foo', '')
      .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .Obj();
  const fooBar = (labels: string[] = ['foo', 'bar']): Pod => {
    const w = MakePod().Name('p');
    for (const l of labels) w.Label(l, '');
    return w.SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).SpreadConstraint(1, 'node', DoNotSchedule, barSelector, nil, nil, nil, nil).Obj();
  };
  const twoZone = (): Pod =>
    MakePod().Name('p').Label('foo', '').Label('bar', '')
      .SpreadConstraint(1, 'zone', DoNotSchedule, barSelector, nil, nil, nil, nil)
      .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
      .Obj();
  const sixFoo = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'foo'), ep('p-y3', 'node-y', 'foo')];
  const three = (): Pod[] => [ep('p-a1', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo'), ep('p-y1', 'node-y', 'foo')];
  const cases: FilterCase[] = [
    {
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: zoneNode(),
      nodes: abxy(),
      existingPods: sixFoo(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
      pod: zoneNode(),
      nodes: abxy(),
      existingPods: [...sixFoo(), ep('p-y4', 'node-y', 'foo')],
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
      pod: fooBar(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-y1', 'node-y', 'bar')],
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
      pod: fooBar(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-x1', 'node-x', 'bar'), ep('p-y1', 'node-y', 'bar')],
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
      pod: fooBar(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo', 'bar'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'foo', 'bar'), ep('p-y3', 'node-y', 'foo')],
      want: { 'node-a': Unschedulable, 'node-b': Success, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: fooBar(['bar']),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-x1', 'node-x', 'bar'), ep('p-y1', 'node-y', 'bar')],
      want: { 'node-a': Success, 'node-b': Success, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
    {
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: zoneNode(),
      nodes: [zn('node-a', 'zone1'), zn('node-b', 'zone1'), node('node-x', { zone: 'zone2' }), zn('node-y', 'zone2')],
      existingPods: [ep('p-a1', 'node-a', 'foo'), ep('p-y3', 'node-y', 'foo')],
      want: { 'node-a': Unschedulable, 'node-b': Success, 'node-x': UnschedulableAndUnresolvable, 'node-y': Unschedulable },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', { foo: '' }), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2')],
      existingPods: three(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
      pod: MakePod().Name('p').Label('foo', '')
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, honorPolicy, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1', { foo: '' }), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', {}, taints)],
      existingPods: three(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, nil, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' }, taints)],
      existingPods: three(),
      want: { 'node-a': Unschedulable, 'node-b': Success, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
      pod: MakePod().Name('p').Label('foo', '').NodeSelector({ foo: '' })
        .SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, honorPolicy, nil)
        .SpreadConstraint(1, 'node', DoNotSchedule, fooSelector, nil, ignorePolicy, nil, nil)
        .Obj(),
      nodes: [zn('node-a', 'zone1', { foo: '' }), zn('node-b', 'zone1'), zn('node-x', 'zone2', { foo: '' }), zn('node-y', 'zone2', { foo: '' }, taints)],
      existingPods: three(),
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Unschedulable },
      enableNodeInclusionPolicy: true,
    },
    {
      name: 'two Constraints on zone, spreads = [3/3, 2/1]',
      pod: twoZone(),
      nodes: abxy(),
      existingPods: [ep('p-a1', 'node-a', 'foo', 'bar'), ep('p-a2', 'node-a', 'foo'), ep('p-b1', 'node-b', 'foo', 'bar'), ep('p-y1', 'node-y', 'foo'), ep('p-y2', 'node-y', 'foo', 'bar'), ep('p-y3', 'node-y', 'foo')],
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Success, 'node-y': Success },
    },
    {
      name: 'two Constraints on zone, spreads = [3/4, 2/1]',
      pod: twoZone(),
      nodes: abxy(),
      existingPods: [
        ep('p-a1', 'node-a', 'foo', 'bar'),
        ep('p-a2', 'node-a', 'foo'),
        ep('p-b1', 'node-b', 'foo', 'bar'),
        ep('p-y1', 'node-y', 'foo'),
        ep('p-y2', 'node-y', 'foo', 'bar'),
        ep('p-y3', 'node-y', 'foo'),
        ep('p-y4', 'node-y', 'foo'),
      ],
      want: { 'node-a': Unschedulable, 'node-b': Unschedulable, 'node-x': Unschedulable, 'node-y': Unschedulable },
    },
  ];
  it.each(cases)('$name', runFilterCase);
});

describe('PodTopologySpread Filter reasons and PreFilter errors', () => {
  it('Filter without PreFilter state is an error (TestPreFilterDisabled)', () => {
    const { p, cache } = setup([node('n', {})], []);
    const s = p.filter(newState(), new PodInfo(MakePod().Obj()), cache.get('n')!);
    expect(s?.code).toBe(Code.Error);
    expect(s?.reasons).toEqual(['reading "PreFilterPodTopologySpread" from cycleState: not found']);
  });

  it('rejects with upstream reason strings', () => {
    const nodes = [zn('node-a', 'zone1'), node('node-b', { node: 'node-b' }), zn('node-x', 'zone2')];
    const { p, cache } = setup(nodes, [ep('p-a1', 'node-a', 'foo'), ep('p-a2', 'node-a', 'foo')], { args: { defaultingType: 'List' } });
    const pod = new PodInfo(MakePod().Name('p').Label('foo', '').SpreadConstraint(1, 'zone', DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj());
    const state = newState();
    p.preFilter(state, pod, cache.nodeInfoList());
    expect(p.filter(state, pod, cache.get('node-a')!)?.reasons).toEqual(["node(s) didn't match pod topology spread constraints"]);
    expect(p.filter(state, pod, cache.get('node-b')!)?.reasons).toEqual(["node(s) didn't match pod topology spread constraints (missing required label)"]);
    expect(p.filter(state, pod, cache.get('node-x')!)).toBeNull();
  });

  it('PreFilter returns an error for a selector that does not parse', () => {
    const { p, cache } = setup([zn('node-a', 'zone1')], []);
    const pod = new PodInfo(
      MakePod().Name('p').SpreadConstraint(1, 'zone', DoNotSchedule, { matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] }, nil, nil, nil, nil).Obj(),
    );
    expect(p.preFilter(newState(), pod, cache.nodeInfoList()).status?.code).toBe(Code.Error);
  });
});
