/**
 * InterPodAffinity: args (upstream's SetDefaults_InterPodAffinityArgs and
 * TestValidateInterPodAffinityArgs), cluster events and queueing hints
 * (plugin_test.go Test_isSchedulableAfterPodChange / Test_isSchedulableAfterNodeChange
 * as of v1.34), the InterPodAffinity cases of kube-scheduler-cases.json, the
 * O(1) Skip of pods without affinity, and random clusters checked against a
 * line-by-line reference of upstream (fast paths, AddPod/RemovePod included).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Affinity, LabelSelector, Namespace, Node, Pod, PodAffinityTerm } from '../../../src/api/types.js';
import type { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import { ActionType } from '../../../src/scheduler/framework/events.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { Framework, type ProfilePlugins } from '../../../src/scheduler/framework/Framework.js';
import type { Handle } from '../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../src/scheduler/framework/NodeInfo.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import {
  InterPodAffinity,
  InterPodAffinityPlugin,
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodChange,
  PRE_FILTER_STATE_KEY,
} from '../../../src/scheduler/plugins/InterPodAffinity.js';
import type { PreFilterState } from '../../../src/scheduler/plugins/interpodaffinity/filtering.js';
import { findNodesThatFitPod, fitErrorMessage, prioritizeNodes, type CycleContext } from '../../../src/scheduler/schedulePod.js';
import { makeHandle } from '../fixtures.js';
import { makePodB as MakePod, namespace, newPlugin, node, runScore, snapshotOf } from './interpodaffinity/builders.js';
import { countsObject, oracleFilter, oraclePreFilter, oracleScores, oracleUpdate } from './interpodaffinity/oracle.js';

const req = 'required' as const;

describe('InterPodAffinityArgs', () => {
  it('defaults hardPodAffinityWeight to 1 and ignorePreferredTermsOfExistingPods to false (SetDefaults_InterPodAffinityArgs)', () => {
    expect(InterPodAffinity.defaultArgs!(undefined)).toEqual({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    expect(InterPodAffinity.defaultArgs!({})).toEqual({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    expect(InterPodAffinity.defaultArgs!({ hardPodAffinityWeight: 0 })).toEqual({ hardPodAffinityWeight: 0, ignorePreferredTermsOfExistingPods: false });
    expect(InterPodAffinity.defaultArgs!({ hardPodAffinityWeight: 5, ignorePreferredTermsOfExistingPods: true })).toEqual({
      hardPodAffinityWeight: 5,
      ignorePreferredTermsOfExistingPods: true,
    });
    expect(InterPodAffinity.name).toBe('InterPodAffinity');
    expect(InterPodAffinity.argsKind).toBe('InterPodAffinityArgs');
  });

  // validation_pluginargs_test.go TestValidateInterPodAffinityArgs.
  it.each([
    { name: 'valid args', w: 10, errors: [] },
    { name: 'hardPodAffinityWeight less than min', w: -1, errors: [{ path: 'hardPodAffinityWeight', message: 'Invalid value: -1: not in valid range [0-100]' }] },
    { name: 'hardPodAffinityWeight more than max', w: 101, errors: [{ path: 'hardPodAffinityWeight', message: 'Invalid value: 101: not in valid range [0-100]' }] },
    { name: 'bounds 0', w: 0, errors: [] },
    { name: 'bounds 100', w: 100, errors: [] },
  ])('$name', ({ w, errors }) => {
    expect(InterPodAffinity.validateArgs!({ hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: false })).toEqual(errors);
  });

  it('decodes strictly: unknown fields and wrong JSON types are errors; null means unset', () => {
    expect(() => InterPodAffinity.defaultArgs!({ hardPodAffinityWeigth: 2 })).toThrow('strict decoding error: unknown field "hardPodAffinityWeigth"');
    expect(() => InterPodAffinity.defaultArgs!({ hardPodAffinityWeight: 1.5 })).toThrow(
      'json: cannot unmarshal number 1.5 into Go struct field InterPodAffinityArgs.hardPodAffinityWeight of type int32',
    );
    expect(() => InterPodAffinity.defaultArgs!({ ignorePreferredTermsOfExistingPods: 'true' })).toThrow(
      'json: cannot unmarshal string into Go struct field InterPodAffinityArgs.ignorePreferredTermsOfExistingPods of type bool',
    );
    expect(InterPodAffinity.defaultArgs!({ kind: 'InterPodAffinityArgs', hardPodAffinityWeight: null })).toEqual({
      hardPodAffinityWeight: 1,
      ignorePreferredTermsOfExistingPods: false,
    });
  });

  it('rejects values of the wrong type, and the factory refuses invalid args as upstream New does', () => {
    expect(InterPodAffinity.validateArgs!({ hardPodAffinityWeight: 1.5, ignorePreferredTermsOfExistingPods: false })[0]?.path).toBe('hardPodAffinityWeight');
    expect(InterPodAffinity.validateArgs!({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: 'yes' as unknown as boolean })[0]?.path).toBe(
      'ignorePreferredTermsOfExistingPods',
    );
    const cache = snapshotOf([], []);
    expect(() => InterPodAffinity.factory({ hardPodAffinityWeight: 101, ignorePreferredTermsOfExistingPods: false }, makeHandle(cache))).toThrow(
      'hardPodAffinityWeight: Invalid value: 101: not in valid range [0-100]',
    );
  });
});

describe('EventsToRegister', () => {
  it('registers Pod add/label/delete and Node add/label (plus taint without queueing hints)', () => {
    const cache = snapshotOf([], []);
    const withHints = newPlugin(cache).eventsToRegister();
    expect(withHints.map((e) => [e.event.resource, e.event.actionType])).toEqual([
      ['Pod', ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete],
      ['Node', ActionType.Add | ActionType.UpdateNodeLabel],
    ]);
    expect(withHints.every((e) => typeof e.hint === 'function')).toBe(true);
    const p = new InterPodAffinityPlugin({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false }, makeHandle(cache, new FeatureGates({ SchedulerQueueingHints: false })));
    expect(p.eventsToRegister()[1]!.event.actionType).toBe(ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint);
  });
});

describe('Test_isSchedulableAfterPodChange (plugin_test.go, v1.34 cases)', () => {
  const target = (): Pod => MakePod('p').podAffinityIn('service', 'region', ['securityscan', 'value2'], req).obj();
  const antiTarget = (): Pod => MakePod('p').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], req).obj();
  const multi = (): Pod => MakePod('p').podAffinityExists('aaa', 'hostname', req).podAffinityExists('bbb', 'hostname', req).obj();
  const other = (labels: Record<string, string>, nodeName = 'fake-node'): Pod => {
    const b = MakePod('other').labels(labels);
    if (nodeName !== '') b.node(nodeName);
    return b.obj();
  };
  const cases: { name: string; pod: Pod; oldPod?: Pod; newPod?: Pod; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'add a pod which matches the pod affinity', pod: target(), newPod: other({ service: 'securityscan' }), want: 'Queue' },
    { name: 'add an un-scheduled pod', pod: target(), newPod: other({ service: 'securityscan' }, ''), want: 'QueueSkip' },
    { name: "add a pod which doesn't match the pod affinity", pod: target(), newPod: other({ aaa: 'a' }), want: 'QueueSkip' },
    { name: 'update a pod from non-match to match pod affinity', pod: target(), oldPod: other({ aaa: 'a' }), newPod: other({ service: 'securityscan' }), want: 'Queue' },
    {
      name: "the updating pod matches target pod's affinity both before and after label changes",
      pod: target(),
      oldPod: other({ service: 'value2' }),
      newPod: other({ service: 'securityscan' }),
      want: 'QueueSkip',
    },
    { name: 'update an un-scheduled pod', pod: target(), oldPod: other({ aaa: 'a' }, ''), newPod: other({ service: 'securityscan' }, ''), want: 'QueueSkip' },
    { name: 'update a pod from match to non-match the pod affinity', pod: target(), oldPod: other({ service: 'securityscan' }), newPod: other({ aaa: 'a' }), want: 'QueueSkip' },
    {
      name: "update a pod from match to non-match pod's affinity - multiple terms case",
      pod: multi(),
      oldPod: other({ aaa: 'a' }),
      newPod: other({ service: 'securityscan' }),
      want: 'QueueSkip',
    },
    {
      name: "update a pod from non-match to match pod's affinity - multiple terms case",
      pod: multi(),
      oldPod: other({ aaa: 'a' }),
      newPod: other({ aaa: '', bbb: '' }),
      want: 'Queue',
    },
    {
      name: 'modify pod label to change it from satisfying pod anti-affinity to not satisfying anti-affinity',
      pod: antiTarget(),
      oldPod: other({ service: 'securityscan' }),
      newPod: other({ service: 'aaaa' }),
      want: 'Queue',
    },
    {
      name: 'modify pod label to change it from not satisfying pod anti-affinity to satisfying anti-affinity',
      pod: antiTarget(),
      oldPod: other({ service: 'bbb' }),
      newPod: other({ service: 'securityscan' }),
      want: 'QueueSkip',
    },
    { name: "delete a pod which doesn't match pod's anti-affinity", pod: antiTarget(), oldPod: other({ aaa: 'a' }), want: 'QueueSkip' },
    { name: "delete a pod which matches pod's anti-affinity", pod: antiTarget(), oldPod: other({ service: 'securityscan' }), want: 'Queue' },
    {
      // v1.34.1 predates kubernetes#135325: the deleted pod's own anti-affinity is not considered.
      name: 'delete a pod with anti-affinity that matches pending pod (v1.34.1: QueueSkip)',
      pod: MakePod('p').label('service', 'securityscan').obj(),
      oldPod: MakePod().node('fake-node').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], req).obj(),
      want: 'QueueSkip',
    },
    {
      name: "delete a pod which doesn't match pending pod's anti-affinity and has anti-affinity that doesn't match pending pod",
      pod: MakePod('p').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], req).label('service', 'foo').obj(),
      oldPod: MakePod().node('fake-node').podAntiAffinityIn('service', 'region', ['securityscan', 'value2'], req).label('service', 'foo').obj(),
      want: 'QueueSkip',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(isSchedulableAfterPodChange(c.pod, c.oldPod, c.newPod)).toBe(c.want);
    });
  }
  it('an object of the wrong kind queues (util.As error)', () => {
    expect(isSchedulableAfterPodChange(target(), undefined, node('n'))).toBe('Queue');
  });
});

describe('Test_isSchedulableAfterNodeChange (plugin_test.go)', () => {
  const aff = (): Pod => MakePod('p').podAffinityIn('service', 'zone', ['securityscan', 'value2'], req).obj();
  const affRegion = (): Pod => MakePod('p').podAffinityIn('service', 'region', ['securityscan', 'value2'], req).obj();
  const anti = (): Pod => MakePod('p').podAntiAffinity('zone', { matchLabels: { another: 'label' } }, req).obj();
  const n = (labels: Record<string, string>): Node => node('node-a', labels);
  const cases: { name: string; pod: Pod; oldNode?: Node; newNode: Node; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'add a new node with matched pod affinity topologyKey', pod: aff(), newNode: n({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node without matched topologyKey', pod: affRegion(), newNode: n({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'update node label but not topologyKey', pod: aff(), oldNode: n({ aaa: 'a' }), newNode: n({ aaa: 'b' }), want: 'QueueSkip' },
    {
      name: "update node label that isn't related to the pod affinity",
      pod: aff(),
      oldNode: n({ zone: 'zone1' }),
      newNode: n({ zone: 'zone1', 'unrelated-label': 'unrelated' }),
      want: 'QueueSkip',
    },
    { name: 'update node with different affinity topologyKey value', pod: aff(), oldNode: n({ zone: 'zone1' }), newNode: n({ zone: 'zone2' }), want: 'Queue' },
    { name: 'update node to have the affinity topology label', pod: aff(), oldNode: n({ aaa: 'a' }), newNode: n({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node with matched pod anti-affinity topologyKey', pod: anti(), newNode: n({ zone: 'zone1' }), want: 'Queue' },
    { name: 'add a new node without matched pod anti-affinity topologyKey', pod: anti(), newNode: n({}), want: 'Queue' },
    {
      name: "update node label that isn't related to the pod anti-affinity",
      pod: anti(),
      oldNode: n({ zone: 'zone1' }),
      newNode: n({ zone: 'zone1', 'unrelated-label': 'unrelated' }),
      want: 'QueueSkip',
    },
    { name: 'update node with different anti-affinity topologyKey value', pod: anti(), oldNode: n({ zone: 'zone1' }), newNode: n({ zone: 'zone2' }), want: 'Queue' },
    { name: 'update node to have the anti-affinity topology label', pod: anti(), oldNode: n({ aaa: 'a' }), newNode: n({ zone: 'zone1' }), want: 'QueueSkip' },
    { name: 'update node label not to have anti-affinity topology label', pod: anti(), oldNode: n({ zone: 'zone1' }), newNode: n({ aaa: 'a' }), want: 'Queue' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(isSchedulableAfterNodeChange(c.pod, c.oldNode, c.newNode)).toBe(c.want);
    });
  }
});

// ---- kube-scheduler-cases.json ---------------------------------------------------

interface JsonPod {
  namespace?: string;
  name?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  affinity?: Affinity;
}
interface JsonCase {
  id: string;
  plugin: string;
  phase: string;
  source: { test: string; name: string };
  args: { hardPodAffinityWeight: number; ignorePreferredTermsOfExistingPods: boolean };
  namespaces?: { name: string; labels?: Record<string, string> }[];
  nodes: { name: string; labels?: Record<string, string> }[];
  existingPods: JsonPod[];
  pod: JsonPod;
  expected: { preScoreStatus?: string; scores?: { node: string; score: number }[]; filter?: unknown };
}

const casesPath = resolve(process.cwd(), '../shared/reference/kube-scheduler-cases.json');
const jsonCases: JsonCase[] = existsSync(casesPath)
  ? (JSON.parse(readFileSync(casesPath, 'utf8')) as { cases: JsonCase[] }).cases.filter((c) => c.plugin === 'InterPodAffinity')
  : [];

function podFromJson(p: JsonPod, i: number): Pod {
  const b = MakePod(p.name ?? `pod-${i}`).namespace(p.namespace ?? '');
  if (p.labels !== undefined) b.labels(p.labels);
  if (p.nodeName !== undefined && p.nodeName !== '') b.node(p.nodeName);
  if (p.affinity !== undefined) b.affinity(p.affinity);
  return b.obj();
}

describe.skipIf(jsonCases.length === 0)('kube-scheduler-cases.json: InterPodAffinity', () => {
  it('the reference file has InterPodAffinity cases', () => {
    expect(jsonCases.length).toBeGreaterThan(0);
  });
  for (const c of jsonCases) {
    it(`${c.id} ${c.source.test}: ${c.source.name}`, () => {
      expect(c.phase).toBe('score+normalize');
      const nss: Namespace[] = (c.namespaces ?? []).map((n) => namespace(n.name, n.labels ?? {}));
      const cache = snapshotOf(
        c.existingPods.map((p, i) => podFromJson(p, i)),
        c.nodes.map((n) => node(n.name, n.labels ?? {})),
        nss,
      );
      const p = newPlugin(cache, c.args);
      const r = runScore(p, cache, podFromJson(c.pod, -1), c.nodes.map((n) => n.name));
      if (c.expected.preScoreStatus === 'Skip') {
        expect(r.preScore?.code).toBe(Code.Skip);
        return;
      }
      expect(r.preScore).toBeNull();
      expect(r.scores).toEqual(c.expected.scores!.map((s) => s.score));
    });
  }
});
if (jsonCases.length === 0) console.warn(`kube-scheduler-cases.json not found at ${casesPath}: its InterPodAffinity cases were skipped`);

// ---- cost of pods without affinity -------------------------------------------------

describe('pods without affinity cost O(1)', () => {
  it('PreFilter and PreScore Skip without touching the node list when no pod in the cluster has affinity', () => {
    const cache = snapshotOf([], [node('n1', { zone: 'a' })]);
    const untouchable = new Proxy([] as NodeInfo[], {
      get(_target, prop) {
        if (prop === 'length') return 5000;
        throw new Error(`node list read: ${String(prop)}`);
      },
    });
    const snapshot = {
      nodeInfoList: () => {
        throw new Error('nodeInfoList() called');
      },
      get: () => undefined,
      havePodsWithAffinityList: () => [],
      havePodsWithRequiredAntiAffinityList: () => [],
      table: cache.table,
      objects: cache.objects,
    };
    const handle: Handle = { ...makeHandle(cache), snapshot };
    const p = new InterPodAffinityPlugin({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false }, handle);
    const state = new CycleState();
    const info = new PodInfo(MakePod('plain').labels({ app: 'web' }).obj());
    expect(p.preFilter(state, info, untouchable).status?.code).toBe(Code.Skip);
    expect(p.preScore(state, info, untouchable)?.code).toBe(Code.Skip);
  });

  it('with pods with anti-affinity elsewhere, PreFilter visits only their nodes', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => node(`n${i}`, { zone: `z${i % 3}`, hostname: `n${i}` }));
    const cache = snapshotOf([MakePod('anti').node('n7').podAntiAffinityIn('app', 'zone', ['db'], req).obj()], nodes);
    const p = newPlugin(cache);
    const state = new CycleState();
    // Not matched by the anti-affinity: Skip.
    expect(p.preFilter(state, new PodInfo(MakePod().labels({ app: 'web' }).obj()), cache.nodeInfoList()).status?.code).toBe(Code.Skip);
    // Matched: the zone of n7 is closed to it.
    const db = new PodInfo(MakePod().labels({ app: 'db' }).obj());
    expect(p.preFilter(state, db, cache.nodeInfoList()).status).toBeNull();
    const codes = nodes.map((n) => p.filter(state, db, cache.get(n.metadata.name!)!)?.code ?? Code.Success);
    expect(codes.filter((c) => c === Code.Unschedulable).length).toBe(nodes.filter((n) => n.metadata.labels!['zone'] === 'z1').length);
  });
});

// ---- random clusters against the reference ------------------------------------------

const NAMESPACES = ['', 'ns1', 'ns2', 'ns3'];
const NAMESPACE_OBJECTS = [namespace('ns1', { team: 't1' }), namespace('ns2', { team: 't2' }), namespace('ns3', { team: 't1', env: 'prod' })];
const TOPOLOGY_KEYS = ['zone', 'region', 'hostname', 'rack', 'missing'];
const VALUES = ['a', 'b', 'c'];

const arbSelector: fc.Arbitrary<LabelSelector | null> = fc.oneof(
  fc.record({
    matchExpressions: fc.tuple(fc.constantFrom('app', 'tier'), fc.constantFrom('In' as const, 'NotIn' as const), fc.subarray(VALUES, { minLength: 1 })).map(
      ([key, operator, values]) => [{ key, operator, values }],
    ),
  }),
  fc.record({
    matchExpressions: fc.tuple(fc.constantFrom('app', 'tier'), fc.constantFrom('Exists' as const, 'DoesNotExist' as const)).map(([key, operator]) => [{ key, operator }]),
  }),
  fc.constantFrom('a', 'b').map((v) => ({ matchLabels: { app: v } })),
  fc.constant({}),
  fc.constant(null),
);
const arbNamespaceSelector: fc.Arbitrary<LabelSelector | null | undefined> = fc.constantFrom(
  undefined,
  null,
  {},
  { matchLabels: { team: 't1' } },
  { matchExpressions: [{ key: 'team', operator: 'NotIn' as const, values: ['t1'] }] },
);
const arbTerm: fc.Arbitrary<PodAffinityTerm> = fc
  .record({
    labelSelector: arbSelector,
    topologyKey: fc.constantFrom(...TOPOLOGY_KEYS),
    namespaces: fc.option(fc.subarray(NAMESPACES), { nil: undefined }),
    namespaceSelector: arbNamespaceSelector,
  })
  .map((t) => {
    const out: PodAffinityTerm = { labelSelector: t.labelSelector, topologyKey: t.topologyKey };
    if (t.namespaces !== undefined) out.namespaces = t.namespaces;
    if (t.namespaceSelector !== undefined) out.namespaceSelector = t.namespaceSelector;
    return out;
  });
const arbSide = fc.record({
  requiredDuringSchedulingIgnoredDuringExecution: fc.array(arbTerm, { maxLength: 2 }),
  preferredDuringSchedulingIgnoredDuringExecution: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), podAffinityTerm: arbTerm }), { maxLength: 2 }),
});
const arbAffinity: fc.Arbitrary<Affinity | undefined> = fc.option(
  fc.record({ podAffinity: fc.option(arbSide, { nil: undefined }), podAntiAffinity: fc.option(arbSide, { nil: undefined }) }).map((a) => {
    const out: Affinity = {};
    if (a.podAffinity !== undefined) out.podAffinity = a.podAffinity;
    if (a.podAntiAffinity !== undefined) out.podAntiAffinity = a.podAntiAffinity;
    return out;
  }),
  { nil: undefined, freq: 2 },
);
const arbLabels = fc.record({ app: fc.constantFrom(...VALUES), tier: fc.constantFrom(...VALUES) }, { requiredKeys: [] });
const arbPodSpec = fc.record({ ns: fc.constantFrom(...NAMESPACES), labels: arbLabels, affinity: arbAffinity });
const arbNodeLabels = fc.record(
  { zone: fc.constantFrom('z1', 'z2', 'z3'), region: fc.constantFrom('r1', 'r2'), rack: fc.constantFrom('k1', 'k2'), hostname: fc.constant(true) },
  { requiredKeys: [] },
);
const arbCluster = fc.record({
  nodes: fc.array(arbNodeLabels, { minLength: 1, maxLength: 6 }),
  pods: fc.array(fc.record({ spec: arbPodSpec, node: fc.nat() }), { maxLength: 14 }),
  incoming: arbPodSpec,
  hard: fc.integer({ min: 0, max: 3 }),
  ignore: fc.boolean(),
});
type Cluster = typeof arbCluster extends fc.Arbitrary<infer T> ? T : never;

function buildPod(spec: Cluster['incoming'], name: string, nodeName?: string): Pod {
  const b = MakePod(name).namespace(spec.ns).labels(spec.labels as Record<string, string>);
  if (nodeName !== undefined) b.node(nodeName);
  if (spec.affinity !== undefined) b.affinity(spec.affinity);
  return b.obj();
}

function buildCluster(c: Cluster, skipPod = -1): { cache: SchedulerCache; pods: Pod[]; nodeNames: string[] } {
  const nodeNames = c.nodes.map((_, i) => `n${i}`);
  const nodes = c.nodes.map((l, i) => {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(l)) labels[k] = k === 'hostname' ? `n${i}` : (v as string);
    return node(`n${i}`, labels);
  });
  const pods = c.pods.map((p, i) => buildPod(p.spec, `p${i}`, nodeNames[p.node % nodeNames.length]));
  return { cache: snapshotOf(pods.filter((_, i) => i !== skipPod), nodes, NAMESPACE_OBJECTS), pods, nodeNames };
}

describe('random clusters: the plugin equals the reference of upstream', () => {
  it('PreFilter Skip, counts, Filter, and the whole-table filterNodes', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const { cache } = buildCluster(c);
        const p = newPlugin(cache);
        const info = new PodInfo(buildPod(c.incoming, 'incoming'));
        const want = oraclePreFilter(info, cache);
        const state = new CycleState();
        const { status } = p.preFilter(state, info, cache.nodeInfoList());
        expect(status?.code ?? Code.Success).toBe(want.skip ? Code.Skip : Code.Success);
        if (want.skip) return;
        const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!;
        expect(s.existingAntiAffinityCounts.toObject()).toEqual(countsObject(want.existing));
        expect(s.affinityCounts.toObject()).toEqual(countsObject(want.affinity));
        expect(s.antiAffinityCounts.toObject()).toEqual(countsObject(want.antiAffinity));
        const nodes = cache.nodeInfoList();
        const perNode = nodes.map((n) => p.filter(state, info, n)?.code ?? Code.Success);
        expect(perNode).toEqual(nodes.map((n) => oracleFilter(want, n)));
        const rows = Int32Array.from(nodes.map((n) => n.index));
        const codes = new Uint8Array(rows.length);
        p.filterNodes(state, info, rows, rows.length, codes);
        expect([...codes]).toEqual(perNode);
      }),
      { numRuns: 400, seed: 20251126 },
    );
  });

  it('RemovePod/AddPod of an existing pod equal PreFilter recomputed without/with it', () => {
    fc.assert(
      fc.property(arbCluster, fc.nat(), (c, pick) => {
        if (c.pods.length === 0) return;
        const victim = pick % c.pods.length;
        const { cache, pods } = buildCluster(c);
        const p = newPlugin(cache);
        const info = new PodInfo(buildPod(c.incoming, 'incoming'));
        const state = new CycleState();
        if (p.preFilter(state, info, cache.nodeInfoList()).status !== null) return;
        const victimInfo = new PodInfo(pods[victim]!);
        const nodeInfo = cache.get(victimInfo.nodeName)!;
        const copy = state.clone();
        expect(p.removePod(copy, info, victimInfo, nodeInfo)).toBeNull();
        const without = oraclePreFilter(info, buildCluster(c, victim).cache);
        const s = copy.read<PreFilterState>(PRE_FILTER_STATE_KEY)!;
        expect(s.existingAntiAffinityCounts.toObject()).toEqual(countsObject(without.existing));
        expect(s.affinityCounts.toObject()).toEqual(countsObject(without.affinity));
        expect(s.antiAffinityCounts.toObject()).toEqual(countsObject(without.antiAffinity));
        // The same node's verdicts follow, and adding the pod back restores the original counts.
        for (const n of cache.nodeInfoList()) expect(p.filter(copy, info, n)?.code ?? Code.Success).toBe(oracleFilter(without, n));
        p.addPod(copy, info, victimInfo, nodeInfo);
        const full = oraclePreFilter(info, cache);
        expect(s.existingAntiAffinityCounts.toObject()).toEqual(countsObject(full.existing));
        expect(s.affinityCounts.toObject()).toEqual(countsObject(full.affinity));
        expect(s.antiAffinityCounts.toObject()).toEqual(countsObject(full.antiAffinity));
        // The reference's own updateWithPod agrees.
        oracleUpdate(without, victimInfo, nodeInfo, 1);
        expect(countsObject(without.affinity)).toEqual(countsObject(full.affinity));
        expect(countsObject(without.existing)).toEqual(countsObject(full.existing));
        // The original state was not touched by the clone's what-ifs.
        const orig = state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!;
        expect(orig.affinityCounts.toObject()).toEqual(countsObject(full.affinity));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('PreScore Skip, normalized scores over all or some nodes, and the whole-table scoreNodes', () => {
    fc.assert(
      fc.property(arbCluster, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (c, keep) => {
        const { cache, nodeNames } = buildCluster(c);
        const args = { hardPodAffinityWeight: c.hard, ignorePreferredTermsOfExistingPods: c.ignore };
        const p = newPlugin(cache, args);
        const incoming = buildPod(c.incoming, 'incoming');
        const info = new PodInfo(incoming);
        const subset = nodeNames.filter((_, i) => keep[i] === true);
        for (const names of [nodeNames, subset]) {
          const nodes = names.map((n) => cache.get(n)!);
          const want = oracleScores(info, cache, nodes, args);
          const got = runScore(p, cache, incoming, names);
          if (want === 'Skip') {
            expect(got.preScore?.code).toBe(Code.Skip);
            continue;
          }
          expect(got.preScore).toBeNull();
          expect(got.scores).toEqual(want);
          const state = new CycleState();
          p.preScore(state, info, nodes);
          const out = new Float64Array(nodes.length);
          p.scoreNodes(state, info, Int32Array.from(nodes.map((n) => n.index)), nodes.length, out);
          expect([...out]).toEqual(got.raw);
        }
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});

// ---- through the real framework ---------------------------------------------------

describe('through Framework, findNodesThatFitPod and prioritizeNodes', () => {
  function frameworkOf(p: InterPodAffinityPlugin): Framework {
    const plugins: ProfilePlugins = {
      queueSort: { name: 'PrioritySort', less: () => false },
      preEnqueue: [],
      preFilter: [p],
      filter: [p],
      postFilter: [],
      preScore: [p],
      score: [{ plugin: p, weight: 2 }],
      reserve: [],
      permit: [],
      preBind: [],
      bind: [],
      postBind: [],
      all: [p],
    };
    return new Framework({ schedulerName: 'default-scheduler', plugins, percentageOfNodesToScore: 100, tieBreak: { kind: 'random' } });
  }
  function context(cache: SchedulerCache, fw: Framework, pod: Pod): CycleContext {
    return {
      framework: fw,
      snapshot: cache,
      state: new CycleState(),
      pod: new PodInfo(pod),
      nominator: null,
      percentageOfNodesToScore: 100,
      nextStartNodeIndex: 0,
      random: makeHandle(cache).random,
    };
  }

  it('reports upstream reasons in the FitError message', () => {
    const cache = snapshotOf([MakePod('db').node('n1').labels({ app: 'db' }).obj()], [node('n1', { zone: 'a' }), node('n2', { zone: 'a' }), node('n3', {})]);
    const fw = frameworkOf(newPlugin(cache));
    const anti = MakePod('x').labels({ app: 'db' }).podAntiAffinityIn('app', 'zone', ['db'], req).podAffinityIn('app', 'zone', ['db'], req).obj();
    const r = findNodesThatFitPod(context(cache, fw, anti));
    expect(r.feasible).toEqual([]);
    expect(fitErrorMessage(3, r.diagnosis)).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod affinity rules, 2 node(s) didn't match pod anti-affinity rules.",
    );
    expect(r.diagnosis.nodeToStatus.get('n3')?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(r.diagnosis.nodeToStatus.get('n1')?.code).toBe(Code.Unschedulable);
  });

  it('random clusters: feasible nodes and weighted scores equal the reference', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const { cache } = buildCluster(c);
        const args = { hardPodAffinityWeight: c.hard, ignorePreferredTermsOfExistingPods: c.ignore };
        const fw = frameworkOf(newPlugin(cache, args));
        const incoming = buildPod(c.incoming, 'incoming');
        const ctx = context(cache, fw, incoming);
        const fit = findNodesThatFitPod(ctx);
        const want = oraclePreFilter(ctx.pod, cache);
        const wantFeasible = cache.nodeInfoList().filter((n) => want.skip || oracleFilter(want, n) === Code.Success);
        expect(fit.feasible.map((n) => n.name)).toEqual(wantFeasible.map((n) => n.name));
        if (fit.feasible.length < 2) return;
        const scored = prioritizeNodes(ctx, fit.feasible);
        expect(scored.error).toBeNull();
        const wantScores = oracleScores(ctx.pod, cache, fit.feasible, args);
        expect([...scored.totals]).toEqual(wantScores === 'Skip' ? fit.feasible.map(() => 0) : wantScores.map((s) => 2 * s));
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
