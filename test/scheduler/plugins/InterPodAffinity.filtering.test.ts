/**
 * InterPodAffinity PreFilter/Filter, ported from upstream's
 * pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (v1.34):
 * TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes,
 * TestPreFilterDisabled, TestPreFilterStateAddRemovePod,
 * TestPreFilterStateClone, TestGetTPMapMatchingIncomingAffinityAntiAffinity.
 */
import { describe, expect, it } from 'vitest';
import type { LabelSelector, Node, Pod, PodAffinityTerm, PodAntiAffinity } from '../../../src/api/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH as AFF,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH as ANTI,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH as EXISTING,
  PRE_FILTER_STATE_KEY,
} from '../../../src/scheduler/plugins/InterPodAffinity.js';
import {
  incomingAffinityAntiAffinityCounts,
  mergeNamespaces,
  PreFilterState,
  TopologyCounts,
} from '../../../src/scheduler/plugins/interpodaffinity/filtering.js';
import {
  brief,
  makePodB as MakePod,
  namespace,
  newPlugin,
  node,
  pod,
  podWithAffinityTerms,
  runFilter,
  snapshotOf,
  TEST_NAMESPACES,
} from './interpodaffinity/builders.js';

const UU = Code.UnschedulableAndUnresolvable;
const U = Code.Unschedulable;
const req = 'required' as const;
const st = (code: Code, reason: string): { code: Code; reasons: string[] } => ({ code, reasons: [reason] });

describe('TestRequiredAffinitySingleNode (filtering_test.go)', () => {
  const podLabel = { service: 'securityscan' };
  const existing = (): Pod => MakePod().labels(podLabel).node('node1').obj();
  const labels1 = { region: 'r1', zone: 'z11' };
  const podLabel2 = { security: 'S1' };
  const node1 = node('node1', labels1);
  const inSvc = (values: string[]): LabelSelector => ({ matchExpressions: [{ key: 'service', operator: 'In', values }] });
  const team1 = { matchExpressions: [{ key: 'team', operator: 'In' as const, values: ['team1'] }] };

  interface Case {
    name: string;
    pod: Pod;
    pods?: Pod[];
    wantPreFilter?: 'Skip';
    wantFilter?: { code: Code; reasons: string[] } | null;
  }
  const cases: Case[] = [
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: pod(),
      wantPreFilter: 'Skip',
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: MakePod().labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2'], req).obj(),
      pods: [existing()],
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: MakePod().labels(podLabel2).podAffinityNotIn('service', 'region', ['securityscan3', 'value3'], req).obj(),
      pods: [existing()],
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: podWithAffinityTerms('', '', podLabel2, [{ labelSelector: inSvc(['securityscan', 'value2']), namespaces: ['DiffNameSpace'], topologyKey: '' }], undefined),
      pods: [MakePod().namespace('ns').label('service', 'securityscan').node('node1').obj()],
      wantFilter: st(UU, AFF),
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: MakePod().labels(podLabel).podAffinityIn('service', '', ['antivirusscan', 'value2'], req).obj(),
      pods: [existing()],
      wantFilter: st(UU, AFF),
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: podWithAffinityTerms(
        '',
        '',
        podLabel2,
        [
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'Exists' },
                { key: 'wrongkey', operator: 'DoesNotExist' },
              ],
            },
            topologyKey: 'region',
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'In', values: ['securityscan'] },
                { key: 'service', operator: 'NotIn', values: ['WrongValue'] },
              ],
            },
            topologyKey: 'region',
          },
        ],
        undefined,
      ),
      pods: [existing()],
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: podWithAffinityTerms(
        '',
        '',
        podLabel2,
        [
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'Exists' },
                { key: 'wrongkey', operator: 'DoesNotExist' },
              ],
            },
            topologyKey: 'region',
          },
          {
            labelSelector: {
              matchExpressions: [
                { key: 'service', operator: 'In', values: ['securityscan2'] },
                { key: 'service', operator: 'NotIn', values: ['WrongValue'] },
              ],
            },
            topologyKey: 'region',
          },
        ],
        undefined,
      ),
      pods: [existing()],
      wantFilter: st(UU, AFF),
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: MakePod()
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], req)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], req)
        .obj(),
      pods: [existing()],
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: MakePod()
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], req)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], req)
        .obj(),
      pods: [MakePod().node('node1').labels(podLabel).podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], req).obj()],
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: MakePod()
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], req)
        .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], req)
        .obj(),
      pods: [existing()],
      wantFilter: st(U, ANTI),
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: MakePod()
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'], req)
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'], req)
        .obj(),
      pods: [MakePod().labels(podLabel).node('node1').podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], req).obj()],
      wantFilter: st(U, EXISTING),
    },
    {
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: MakePod().labels(podLabel).podAffinityNotIn('service', 'region', ['securityscan', 'value2'], req).obj(),
      pods: [MakePod().label('service', 'securityscan').node('node2').obj()],
      wantFilter: st(UU, AFF),
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: MakePod().labels(podLabel).obj(),
      pods: [MakePod().node('node1').labels(podLabel).podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'], req).obj()],
      wantFilter: st(U, EXISTING),
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: MakePod().labels(podLabel).obj(),
      pods: [MakePod().node('node1').labels(podLabel).podAntiAffinityNotIn('service', 'zone', ['securityscan', 'value2'], req).obj()],
      wantPreFilter: 'Skip',
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: MakePod().labels(podLabel).podAntiAffinityExists('service', 'region', req).podAntiAffinityExists('security', 'region', req).obj(),
      pods: [MakePod().node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone', req).obj()],
      wantFilter: st(U, ANTI),
    },
    {
      name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: MakePod().labels(podLabel).podAntiAffinityExists('service', 'zone', req).podAntiAffinityExists('security', 'zone', req).obj(),
      pods: [MakePod().node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone', req).obj()],
      wantFilter: st(U, ANTI),
    },
    {
      name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: MakePod().labels(podLabel2).podAntiAffinityExists('security', 'zone', req).obj(),
      pods: [MakePod().node('node1').labels(podLabel).podAntiAffinityExists('service', 'zone', req).podAntiAffinityExists('security', 'zone', req).obj()],
      wantFilter: st(U, EXISTING),
    },
    {
      name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: MakePod().labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', req).podAntiAffinityExists('def', 'zone', req).obj(),
      pods: [MakePod().node('node1').labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', req).podAntiAffinityExists('def', 'zone', req).obj()],
      wantFilter: st(U, ANTI),
    },
    {
      name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: MakePod().labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', req).podAntiAffinityExists('def', 'zone', req).obj(),
      pods: [MakePod().node('node1').labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone', req).podAntiAffinityExists('def', 'zone', req).obj()],
      wantFilter: st(U, ANTI),
    },
    // "PodAffinity fails PreFilter with an invalid affinity label syntax" and its anti-affinity twin are not
    // ported: kubesim parses selectors when it builds the PodInfo (labelSelectorAsSelector throws), before PreFilter.
    {
      name: 'affinity with NamespaceSelector',
      pod: podWithAffinityTerms('', '', podLabel2, [{ labelSelector: inSvc(['securityscan', 'value2']), namespaceSelector: team1, topologyKey: 'region' }], undefined),
      pods: [pod({ nodeName: 'node1', namespace: 'subteam1.team1', labels: podLabel })],
    },
    {
      name: 'affinity with non-matching NamespaceSelector',
      pod: podWithAffinityTerms('', '', podLabel2, [{ labelSelector: inSvc(['securityscan', 'value2']), namespaceSelector: team1, topologyKey: 'region' }], undefined),
      pods: [pod({ nodeName: 'node1', namespace: 'subteam1.team2', labels: podLabel })],
      wantFilter: st(UU, AFF),
    },
    {
      name: 'anti-affinity with matching NamespaceSelector',
      pod: podWithAffinityTerms('subteam1.team1', '', podLabel2, undefined, [
        { labelSelector: inSvc(['securityscan', 'value2']), namespaceSelector: team1, topologyKey: 'zone' },
      ]),
      pods: [pod({ nodeName: 'node1', namespace: 'subteam2.team1', labels: podLabel })],
      wantFilter: st(U, ANTI),
    },
    {
      name: 'anti-affinity with matching all NamespaceSelector',
      pod: podWithAffinityTerms('subteam1.team1', '', podLabel2, undefined, [
        { labelSelector: inSvc(['securityscan', 'value2']), namespaceSelector: {}, topologyKey: 'zone' },
      ]),
      pods: [pod({ nodeName: 'node1', namespace: 'subteam2.team1', labels: podLabel })],
      wantFilter: st(U, ANTI),
    },
    {
      name: 'anti-affinity with non-matching NamespaceSelector',
      pod: podWithAffinityTerms('subteam1.team1', '', podLabel2, undefined, [
        { labelSelector: inSvc(['securityscan', 'value2']), namespaceSelector: team1, topologyKey: 'zone' },
      ]),
      pods: [pod({ nodeName: 'node1', namespace: 'subteam1.team2', labels: podLabel })],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const cache = snapshotOf(c.pods ?? [], [node1]);
      const p = newPlugin(cache);
      const { preFilter, filter } = runFilter(p, cache, c.pod, ['node1']);
      if (c.wantPreFilter === 'Skip') {
        expect(preFilter?.code).toBe(Code.Skip);
        return;
      }
      expect(preFilter).toBeNull();
      expect(filter[0]).toEqual(c.wantFilter ?? null);
    });
  }
});

describe('TestRequiredAffinityMultipleNodes (filtering_test.go)', () => {
  const podLabelA = { foo: 'bar' };
  const labelRgChina = { region: 'China' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const labelRgIndia = { region: 'India' };
  const r1z1 = (n: string): Node => node(n, { region: 'r1', zone: 'z1', hostname: n });
  const r1z2 = (n: string): Node => node(n, { region: 'r1', zone: 'z2', hostname: n });

  interface Case {
    name: string;
    pod: Pod;
    pods: Pod[];
    nodes: Node[];
    want: ({ code: Code; reasons: string[] } | null)[];
    wantPreFilter?: 'Skip';
  }
  const cases: Case[] = [
    {
      name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
      pod: MakePod().podAffinityIn('foo', 'region', ['bar'], req).obj(),
      pods: [MakePod('p1').node('node1').labels(podLabelA).obj()],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
      want: [null, null, st(UU, AFF)],
    },
    {
      name: 'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection should not be blocked from being scheduled onto any node, even there\'s no existing pod that matches the rule anywhere.',
      pod: MakePod()
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'], req)
        .podAffinityIn('service', 'zone', ['securityscan'], req)
        .obj(),
      pods: [MakePod('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zone: 'az1', hostname: 'h1' }), node('nodeB', { zone: 'az2', hostname: 'h2' })],
      want: [null, null],
    },
    {
      name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
      pod: MakePod()
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'], req)
        .podAffinityIn('service', 'zone', ['securityscan'], req)
        .obj(),
      pods: [MakePod('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), node('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
      want: [st(UU, AFF), st(UU, AFF)],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
      pod: MakePod().podAntiAffinityIn('foo', 'region', ['abc'], req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', { region: 'r1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', hostname: 'nodeB' })],
      want: [st(U, ANTI), st(U, ANTI)],
    },
    {
      name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
      pod: MakePod().podAntiAffinityIn('foo', 'region', ['abc'], req).podAntiAffinityIn('service', 'zone', ['securityscan'], req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: 'abc', service: 'securityscan' }).obj()],
      nodes: [node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', zone: 'z2', hostname: 'nodeB' })],
      want: [st(U, ANTI), st(U, ANTI)],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
      pod: MakePod().podAntiAffinityIn('foo', 'region', ['abc'], req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [st(U, ANTI), st(U, ANTI), null],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
      pod: MakePod().namespace('NS1').labels({ foo: '123' }).podAntiAffinityIn('foo', 'region', ['bar'], req).obj(),
      pods: [
        MakePod().node('nodeA').namespace('NS1').labels({ foo: 'bar' }).obj(),
        MakePod().node('nodeC').namespace('NS2').podAntiAffinityIn('foo', 'region', ['123'], req).obj(),
      ],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [st(U, ANTI), st(U, ANTI), null],
    },
    {
      name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
      pod: MakePod().label('foo', '').obj(),
      pods: [MakePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', req).obj()],
      nodes: [r1z1('nodeA'), r1z1('nodeB')],
      want: [null, null],
      wantPreFilter: 'Skip',
    },
    {
      name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
      pod: MakePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: '' }).obj()],
      nodes: [r1z1('nodeA'), r1z1('nodeB')],
      want: [null, null],
    },
    {
      name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
      pod: MakePod().label('foo', '').label('bar', '').obj(),
      pods: [
        MakePod().node('nodeA').podAntiAffinityExists('foo', 'zone', req).obj(),
        MakePod().node('nodeA').podAntiAffinityExists('bar', 'region', req).obj(),
      ],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, EXISTING), st(U, EXISTING)],
    },
    {
      name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
      pod: MakePod().podAntiAffinityExists('foo', 'zone', req).podAntiAffinityExists('bar', 'region', req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: '' }).obj(), MakePod().node('nodeB').labels({ bar: '' }).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, ANTI), st(U, ANTI)],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: MakePod().label('foo', '').label('bar', '').obj(),
      pods: [MakePod().node('nodeA').podAntiAffinityExists('foo', 'invalid-node-label', req).podAntiAffinityExists('bar', 'zone', req).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, EXISTING), null],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: MakePod().podAntiAffinityExists('foo', 'invalid-node-label', req).podAntiAffinityExists('bar', 'zone', req).obj(),
      pods: [MakePod('podA').node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, ANTI), null],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: MakePod().label('foo', '').label('bar', '').obj(),
      pods: [MakePod().node('nodeA').podAntiAffinityExists('foo', 'region', req).podAntiAffinityExists('bar', 'zone', req).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, EXISTING), st(U, EXISTING)],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: MakePod().podAntiAffinityExists('foo', 'region', req).podAntiAffinityExists('bar', 'zone', req).obj(),
      pods: [MakePod().node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(U, ANTI), st(U, ANTI)],
    },
    {
      name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
      pod: MakePod().label('foo', '').label('bar', '').obj(),
      pods: [
        MakePod().node('nodeA').podAntiAffinityExists('foo', 'zone', req).podAntiAffinityExists('labelA', 'zone', req).obj(),
        MakePod().node('nodeB').podAntiAffinityExists('bar', 'zone', req).podAntiAffinityExists('labelB', 'zone', req).obj(),
      ],
      nodes: [r1z1('nodeA'), r1z2('nodeB'), node('nodeC', { region: 'r1', zone: 'z3', hostname: 'nodeC' })],
      want: [st(U, EXISTING), st(U, EXISTING), null],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
      pod: MakePod().podAffinityExists('foo', 'region', req).podAffinityExists('bar', 'zone', req).obj(),
      pods: [MakePod('pod1').labels({ foo: '', bar: '' }).node('nodeA').obj()],
      nodes: [r1z1('nodeA'), r1z1('nodeB')],
      want: [null, null],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
      pod: MakePod().podAffinityExists('foo', 'region', req).podAffinityExists('bar', 'zone', req).obj(),
      pods: [MakePod('pod1').node('nodeA').labels({ foo: '' }).obj(), MakePod('pod2').node('nodeB').labels({ bar: '' }).obj()],
      nodes: [r1z1('nodeA'), r1z2('nodeB')],
      want: [st(UU, AFF), st(UU, AFF)],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const cache = snapshotOf(c.pods, c.nodes, [namespace('NS1')]);
      const p = newPlugin(cache);
      const names = c.nodes.map((n) => n.metadata.name ?? '');
      const { preFilter, filter } = runFilter(p, cache, c.pod, names);
      if (c.wantPreFilter === 'Skip') {
        expect(preFilter?.code).toBe(Code.Skip);
        return;
      }
      expect(preFilter).toBeNull();
      expect(filter).toEqual(c.want);
    });
  }
});

describe('TestPreFilterDisabled (filtering_test.go)', () => {
  it('Filter without PreFilter state is an error naming the state key', () => {
    const cache = snapshotOf([], [node('n')]);
    const p = newPlugin(cache);
    const s = p.filter(new CycleState(), new PodInfo(pod()), cache.get('n')!);
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe(`error reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
  });
});

describe('TestPreFilterStateAddRemovePod (filtering_test.go)', () => {
  const label1 = { region: 'r1', zone: 'z11' };
  const label2 = { region: 'r1', zone: 'z12' };
  const label3 = { region: 'r2', zone: 'z21' };
  const selector1 = { foo: 'bar' };
  const antiAffinityFooBar: PodAntiAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }, topologyKey: 'region' },
    ],
  };
  const complexTerms: PodAffinityTerm[] = [
    { labelSelector: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'buzz'] }] }, topologyKey: 'region' },
    { labelSelector: { matchExpressions: [{ key: 'service', operator: 'NotIn', values: ['bar', 'security', 'test'] }] }, topologyKey: 'zone' },
  ];
  const antiAffinityComplex: PodAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };
  const affinityComplex = { requiredDuringSchedulingIgnoredDuringExecution: complexTerms };
  const nodes = (): Node[] => [node('nodeA', label1), node('nodeB', label2), node('nodeC', label3)];

  const cases = [
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pendingPod: pod({ name: 'pending', labels: selector1, affinity: { podAntiAffinity: antiAffinityFooBar } }),
      existingPods: [pod({ name: 'p1', labels: selector1, nodeName: 'nodeA' }), pod({ name: 'p2', nodeName: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar } })],
      addedPod: pod({ name: 'addedPod', labels: selector1, nodeName: 'nodeB', affinity: { podAntiAffinity: antiAffinityFooBar } }),
      expectedAntiAffinity: { 'region=r1': 2 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod (complex)',
      pendingPod: pod({ name: 'pending', labels: selector1, affinity: { podAntiAffinity: antiAffinityComplex } }),
      existingPods: [pod({ name: 'p1', labels: selector1, nodeName: 'nodeA' }), pod({ name: 'p2', nodeName: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar } })],
      addedPod: pod({ name: 'addedPod', labels: selector1, nodeName: 'nodeA', affinity: { podAntiAffinity: antiAffinityComplex } }),
      expectedAntiAffinity: { 'region=r1': 2, 'zone=z11': 2, 'zone=z21': 1 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
      pendingPod: pod({ name: 'pending', labels: selector1, affinity: { podAffinity: affinityComplex } }),
      existingPods: [
        pod({ name: 'p1', labels: selector1, nodeName: 'nodeA' }),
        pod({ name: 'p2', nodeName: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar, podAffinity: affinityComplex } }),
      ],
      addedPod: pod({ name: 'addedPod', labels: selector1, nodeName: 'nodeA', affinity: { podAntiAffinity: antiAffinityComplex } }),
      expectedAntiAffinity: {},
      expectedAffinity: { 'region=r1': 2, 'zone=z11': 2 },
    },
  ];

  const stateOf = (pods: Pod[], pending: Pod): { state: CycleState; s: PreFilterState; cache: ReturnType<typeof snapshotOf>; p: ReturnType<typeof newPlugin> } => {
    const cache = snapshotOf(pods, nodes(), []);
    const p = newPlugin(cache);
    const state = new CycleState();
    const { status } = p.preFilter(state, new PodInfo(pending), cache.nodeInfoList());
    expect(status).toBeNull();
    return { state, s: state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!, cache, p };
  };
  const counts = (s: PreFilterState): Record<string, Record<string, number>> => ({
    existing: s.existingAntiAffinityCounts.toObject(),
    affinity: s.affinityCounts.toObject(),
    anti: s.antiAffinityCounts.toObject(),
  });

  for (const c of cases) {
    it(c.name, () => {
      const all = stateOf([...c.existingPods, c.addedPod], c.pendingPod).s;
      const { state, s, cache, p } = stateOf(c.existingPods, c.pendingPod);
      const original = counts(s.clone());
      const pending = new PodInfo(c.pendingPod);
      const nodeInfo = cache.get(c.addedPod.spec.nodeName!)!;
      expect(p.addPod(state, pending, new PodInfo(c.addedPod), nodeInfo)).toBeNull();
      const added = state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!;
      expect(added.antiAffinityCounts.toObject()).toEqual(c.expectedAntiAffinity);
      expect(added.affinityCounts.toObject()).toEqual(c.expectedAffinity);
      expect(counts(added)).toEqual(counts(all));
      expect(p.removePod(state, pending, new PodInfo(c.addedPod), nodeInfo)).toBeNull();
      expect(counts(added)).toEqual(original);
    });
  }

  it('a cloned CycleState is unaffected by AddPod on the clone (preemption what-ifs)', () => {
    const c = cases[0]!;
    const { state, s, cache, p } = stateOf(c.existingPods, c.pendingPod);
    const before = counts(s);
    const copy = state.clone();
    p.addPod(copy, new PodInfo(c.pendingPod), new PodInfo(c.addedPod), cache.get('nodeB')!);
    expect(counts(s)).toEqual(before);
    expect(counts(copy.read<PreFilterState>(PRE_FILTER_STATE_KEY)!)).not.toEqual(before);
  });

  it('AddPod without PreFilter state is an error', () => {
    const cache = snapshotOf([], nodes());
    const p = newPlugin(cache);
    expect(p.addPod(new CycleState(), new PodInfo(pod()), new PodInfo(pod()), cache.get('nodeA')!)?.code).toBe(Code.Error);
  });
});

describe('TestPreFilterStateClone (filtering_test.go)', () => {
  it('Clone is a different object with equal counts, and independent', () => {
    const mk = (pairs: [string, number][]): TopologyCounts => {
      const t = new TopologyCounts();
      for (const [v, n] of pairs) t.add('name', v, n);
      return t;
    };
    const source = new PreFilterState(
      new PodInfo(pod()),
      [],
      [],
      {},
      mk([
        ['node1', 1],
        ['node2', 1],
      ]),
      mk([
        ['nodeA', 1],
        ['nodeC', 2],
      ]),
      mk([
        ['nodeN', 3],
        ['nodeM', 1],
      ]),
      false,
    );
    const clone = source.clone();
    expect(clone).not.toBe(source);
    expect(clone.existingAntiAffinityCounts.toObject()).toEqual(source.existingAntiAffinityCounts.toObject());
    expect(clone.affinityCounts.toObject()).toEqual(source.affinityCounts.toObject());
    expect(clone.antiAffinityCounts.toObject()).toEqual(source.antiAffinityCounts.toObject());
    clone.affinityCounts.add('name', 'nodeA', -1);
    expect(source.affinityCounts.get('name', 'nodeA')).toBe(1);
    expect(clone.affinityCounts.get('name', 'nodeA')).toBe(0);
    expect(clone.affinityCounts.size).toBe(1);
  });
});

describe('TestGetTPMapMatchingIncomingAffinityAntiAffinity (filtering_test.go)', () => {
  const newPod = (...labels: string[]): Pod => {
    const b = MakePod('normal').node('nodeA');
    for (const l of labels) b.label(l, '');
    return b.obj();
  };
  const nodeA = (): Node => node('nodeA', { hostname: 'nodeA' });
  const cases: { name: string; existingPods: Pod[]; pod: Pod; wantAffinity: Record<string, number>; wantAnti: Record<string, number> }[] = [
    { name: 'nil test', existingPods: [], pod: MakePod('aaa-normal').obj(), wantAffinity: {}, wantAnti: {} },
    {
      name: 'incoming pod without affinity/anti-affinity causes a no-op',
      existingPods: [newPod('aaa')],
      pod: MakePod('aaa-normal').obj(),
      wantAffinity: {},
      wantAnti: {},
    },
    {
      name: "no pod has label that violates incoming pod's affinity and anti-affinity",
      existingPods: [newPod('bbb')],
      pod: MakePod('aaa-anti').podAffinityExists('aaa', 'hostname', req).podAntiAffinityExists('aaa', 'hostname', req).obj(),
      wantAffinity: {},
      wantAnti: {},
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - single term case",
      existingPods: [newPod('aaa')],
      pod: MakePod('affi-antiaffi').podAffinityExists('aaa', 'hostname', req).podAntiAffinityExists('aaa', 'hostname', req).obj(),
      wantAffinity: { 'hostname=nodeA': 1 },
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
      existingPods: [newPod('aaa', 'bbb')],
      pod: MakePod('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', req)
        .podAffinityExists('bbb', 'hostname', req)
        .podAntiAffinityExists('aaa', 'hostname', req)
        .obj(),
      wantAffinity: { 'hostname=nodeA': 2 },
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod not match incoming pod's affinity but matches anti-affinity",
      existingPods: [newPod('aaa')],
      pod: MakePod('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', req)
        .podAffinityExists('bbb', 'hostname', req)
        .podAntiAffinityExists('aaa', 'hostname', req)
        .podAntiAffinityExists('bbb', 'hostname', req)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
      existingPods: [newPod('aaa', 'bbb')],
      pod: MakePod('anaffi-antiaffiti')
        .podAffinityExists('aaa', 'hostname', req)
        .podAffinityExists('ccc', 'hostname', req)
        .podAntiAffinityExists('aaa', 'hostname', req)
        .podAntiAffinityExists('ccc', 'hostname', req)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
      existingPods: [newPod('bbb')],
      pod: MakePod('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname', req)
        .podAffinityExists('bbb', 'hostname', req)
        .podAntiAffinityExists('aaa', 'hostname', req)
        .podAntiAffinityExists('bbb', 'hostname', req)
        .obj(),
      wantAffinity: {},
      wantAnti: { 'hostname=nodeA': 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = snapshotOf(c.existingPods, [nodeA()], TEST_NAMESPACES);
      const info = new PodInfo(c.pod);
      const merge = (ts: typeof info.requiredAffinityTerms): ReturnType<typeof mergeNamespaces>[] => ts.map((t) => mergeNamespaces(t, cache.objects));
      const { affinity, antiAffinity } = incomingAffinityAntiAffinityCounts(
        merge(info.requiredAffinityTerms),
        merge(info.requiredAntiAffinityTerms),
        cache.nodeInfoList(),
      );
      expect(affinity.toObject()).toEqual(c.wantAffinity);
      expect(antiAffinity.toObject()).toEqual(c.wantAnti);
    });
  }
});

describe('Filter statuses', () => {
  it('carry the plugin name and upstream codes', () => {
    const cache = snapshotOf([MakePod().node('n1').labels({ app: 'x' }).obj()], [node('n1', { zone: 'a' }), node('n2', {})]);
    const p = newPlugin(cache);
    const { filter } = runFilter(p, cache, MakePod().podAntiAffinityIn('app', 'zone', ['x'], req).obj(), ['n1', 'n2']);
    expect(filter).toEqual([st(U, ANTI), null]);
    const state = new CycleState();
    const info = new PodInfo(MakePod().podAntiAffinityIn('app', 'zone', ['x'], req).obj());
    p.preFilter(state, info, cache.nodeInfoList());
    expect(p.filter(state, info, cache.get('n1')!)?.plugin).toBe('InterPodAffinity');
    expect(brief(p.filter(state, info, cache.get('n2')!))).toBeNull();
  });

  it('a topology key named like an Object.prototype member is an ordinary (absent) label', () => {
    const cache = snapshotOf([MakePod().node('n1').labels({ app: 'x' }).obj()], [node('n1', { zone: 'a' })]);
    const p = newPlugin(cache);
    const { filter } = runFilter(p, cache, MakePod().labels({ app: 'y' }).podAffinityIn('app', 'constructor', ['x'], req).obj(), ['n1']);
    expect(filter).toEqual([st(UU, AFF)]);
  });
});
