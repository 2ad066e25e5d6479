/**
 * InterPodAffinity PreScore/Score/NormalizeScore, ported from upstream's
 * pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go (v1.34):
 * TestPreferredAffinity and TestPreferredAffinityWithHardPodAffinitySymmetricWeight.
 */
import { describe, expect, it } from 'vitest';
import type { Affinity, LabelSelector, Node, Pod, PodAffinityTerm } from '../../../src/api/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { PRE_SCORE_STATE_KEY } from '../../../src/scheduler/plugins/InterPodAffinity.js';
import { normalizeScores } from '../../../src/scheduler/plugins/interpodaffinity/scoring.js';
import { newPlugin, node, pod, runScore, snapshotOf } from './interpodaffinity/builders.js';

const MAX = 100;
const sel = (key: string, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values?: string[]): LabelSelector => ({
  matchExpressions: [values === undefined ? { key, operator } : { key, operator, values }],
});
const weighted = (weight: number, term: PodAffinityTerm): { weight: number; podAffinityTerm: PodAffinityTerm } => ({ weight, podAffinityTerm: term });

describe('TestPreferredAffinity (scoring_test.go)', () => {
  const labelRgChina = { region: 'China' };
  const labelRgIndia = { region: 'India' };
  const labelAzAz1 = { az: 'az1' };
  const labelAzAz2 = { az: 'az2' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const S1 = { security: 'S1' };
  const S2 = { security: 'S2' };
  const team1 = { matchExpressions: [{ key: 'team', operator: 'In' as const, values: ['team1'] }] };

  const stayWithS1InRegion: Affinity = {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('security', 'In', ['S1']), topologyKey: 'region' })] },
  };
  const stayWithS2InRegion: Affinity = {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(6, { labelSelector: sel('security', 'In', ['S2']), topologyKey: 'region' })] },
  };
  const affinity3: Affinity = {
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        weighted(8, {
          labelSelector: {
            matchExpressions: [
              { key: 'security', operator: 'NotIn', values: ['S1'] },
              { key: 'security', operator: 'In', values: ['S2'] },
            ],
          },
          topologyKey: 'region',
        }),
        weighted(2, {
          labelSelector: {
            matchExpressions: [
              { key: 'security', operator: 'Exists' },
              { key: 'wrongkey', operator: 'DoesNotExist' },
            ],
          },
          topologyKey: 'region',
        }),
      ],
    },
  };
  const hardAffinity: Affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: sel('security', 'In', ['S1', 'value2']), topologyKey: 'region' },
        {
          labelSelector: {
            matchExpressions: [
              { key: 'security', operator: 'Exists' },
              { key: 'wrongkey', operator: 'DoesNotExist' },
            ],
          },
          topologyKey: 'region',
        },
      ],
    },
  };
  const awayFromS1InAz: Affinity = {
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('security', 'In', ['S1']), topologyKey: 'az' })] },
  };
  const awayFromS2InAz: Affinity = {
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('security', 'In', ['S2']), topologyKey: 'az' })] },
  };
  const stayWithS1InRegionAwayFromS2InAz: Affinity = {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, { labelSelector: sel('security', 'In', ['S1']), topologyKey: 'region' })] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('security', 'In', ['S2']), topologyKey: 'az' })] },
  };
  const nsTerm: PodAffinityTerm = {
    labelSelector: sel('security', 'In', ['S1']),
    topologyKey: 'region',
    namespaces: ['subteam2.team2'],
    namespaceSelector: team1,
  };
  const affinityNamespaceSelector: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsTerm)] } };
  const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsTerm)] } };

  interface Case {
    name: string;
    pod: Pod;
    pods?: Pod[];
    nodes: Node[];
    expected?: number[];
    ignorePreferredTermsOfExistingPods?: boolean;
    wantSkip?: boolean;
  }
  const on = (nodeName: string, labels?: Record<string, string>, affinity?: Affinity, namespace?: string): Pod =>
    pod({ nodeName, ...(labels === undefined ? {} : { labels }), ...(affinity === undefined ? {} : { affinity }), ...(namespace === undefined ? {} : { namespace }) });

  const cases: Case[] = [
    {
      name: 'all nodes are same priority as Affinity is nil',
      pod: pod({ labels: S1 }),
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      wantSkip: true,
    },
    {
      name: "Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
      pod: pod({ labels: S1, affinity: stayWithS1InRegion }),
      pods: [on('node1', S1), on('node2', S2), on('node3', S1)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [MAX, 0, 0],
    },
    {
      name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
      pod: pod({ affinity: stayWithS1InRegion }),
      pods: [on('node1', S1)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
      expected: [MAX, MAX, 0],
    },
    {
      name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
      pod: pod({ labels: S1, affinity: stayWithS2InRegion }),
      pods: [on('node1', S2), on('node1', S2), on('node2', S2), on('node3', S2), on('node4', S2), on('node5', S2)],
      nodes: [
        node('node1', labelRgChina),
        node('node2', labelRgIndia),
        node('node3', labelRgChina),
        node('node4', labelRgChina),
        node('node5', labelRgIndia),
      ],
      expected: [MAX, 0, MAX, MAX, 0],
    },
    {
      name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
      pod: pod({ labels: S1, affinity: affinity3 }),
      pods: [on('node1', S1), on('node2', S2), on('node3', S1)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [20, MAX, 0],
    },
    {
      name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S2 }),
      pods: [on('node1', S1, stayWithS1InRegion), on('node2', S2, stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [0, MAX, 0],
    },
    {
      name: 'Affinity symmetry with namespace selector',
      pod: pod({ namespace: 'subteam1.team1', labels: S1 }),
      pods: [on('node1', S1, affinityNamespaceSelector), on('node2', S2, stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [MAX, 0, 0],
    },
    {
      name: 'AntiAffinity symmetry with namespace selector',
      pod: pod({ namespace: 'subteam1.team1', labels: S1 }),
      pods: [on('node1', S1, antiAffinityNamespaceSelector), on('node2', S2, stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [0, MAX, MAX],
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S1 }),
      pods: [on('node1', S1, hardAffinity), on('node2', S2, hardAffinity)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
      expected: [MAX, MAX, 0],
    },
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [on('node1', S1), on('node2', S2)],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
      expected: [0, MAX],
    },
    {
      name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [on('node1', S1), on('node2', S1)],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
      expected: [0, MAX],
    },
    {
      name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [on('node1', S1), on('node1', S1), on('node2', S2)],
      nodes: [node('node1', labelAzAz1), node('node2', labelRgIndia)],
      expected: [0, MAX],
    },
    {
      name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
      pod: pod({ labels: S2 }),
      pods: [on('node1', S1, awayFromS2InAz), on('node2', S2, awayFromS1InAz)],
      nodes: [node('node1', labelAzAz1), node('node2', labelAzAz2)],
      expected: [0, MAX],
    },
    {
      name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [on('node1', S1), on('node2', S1)],
      nodes: [node('node1', labelRgChina), node('node2', labelAzAz1)],
      expected: [MAX, 0],
    },
    {
      name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [on('node1', S1), on('node1', S1), on('node2', S1), on('node3', S1), on('node3', S1), on('node4', S1), on('node5', S1)],
      nodes: [
        node('node1', labelRgChinaAzAz1),
        node('node2', labelRgIndia),
        node('node3', labelRgChina),
        node('node4', labelRgChina),
        node('node5', labelRgIndia),
      ],
      expected: [MAX, 0, MAX, MAX, 0],
    },
    {
      name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [on('node1', S1), on('node2', S2), on('node3', undefined, stayWithS1InRegionAwayFromS2InAz), on('node4', undefined, awayFromS1InAz)],
      nodes: [node('node1', labelRgChina), node('node2', labelAzAz1), node('node3', labelRgIndia), node('node4', labelAzAz2)],
      expected: [MAX, 0, MAX, 0],
    },
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: pod({ labels: S1 }),
      pods: [on('node1', S1), on('node2', undefined, stayWithS1InRegionAwayFromS2InAz)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChina)],
      expected: [0, 0],
    },
    // "invalid Affinity fails PreScore" and "invalid AntiAffinity fails PreScore" are not ported: kubesim
    // rejects the selector when it builds the PodInfo (labelSelectorAsSelector throws), before PreScore.
    {
      name: 'Affinity with pods matching NamespaceSelector',
      pod: pod({ namespace: 'subteam1.team1', labels: S1, affinity: affinityNamespaceSelector }),
      pods: [on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team2'), on('node2', S1, undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [MAX, 0],
    },
    {
      name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
      pod: pod({ namespace: 'subteam1.team1', labels: S1, affinity: affinityNamespaceSelector }),
      pods: [on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam2.team2'), on('node2', S1, undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [MAX, 0],
    },
    {
      name: 'Affinity with pods matching NamespaceSelector (anti-affinity)',
      pod: pod({ namespace: 'subteam1.team1', labels: S1, affinity: antiAffinityNamespaceSelector }),
      pods: [on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team2'), on('node2', S1, undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, MAX],
    },
    {
      name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields (anti-affinity)',
      pod: pod({ namespace: 'subteam1.team1', labels: S1, affinity: antiAffinityNamespaceSelector }),
      pods: [on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam1.team1'), on('node1', S1, undefined, 'subteam2.team2'), on('node2', S1, undefined, 'subteam2.team1')],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, MAX],
    },
    {
      name: 'Ignore preferred terms of existing pods',
      pod: pod({ labels: S2 }),
      pods: [on('node1', S1, stayWithS1InRegionAwayFromS2InAz), on('node2', S2, stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      wantSkip: true,
      ignorePreferredTermsOfExistingPods: true,
    },
    {
      name: 'Do not ignore preferred terms of existing pods',
      pod: pod({ labels: S2 }),
      pods: [on('node1', S1, stayWithS1InRegionAwayFromS2InAz), on('node2', S2, stayWithS2InRegion)],
      nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
      expected: [0, MAX],
      ignorePreferredTermsOfExistingPods: false,
    },
    { name: 'No nodes to score', pod: pod({ labels: S2 }), pods: [], nodes: [], wantSkip: true },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const cache = snapshotOf(c.pods ?? [], c.nodes);
      const p = newPlugin(cache, { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: c.ignorePreferredTermsOfExistingPods ?? false });
      const r = runScore(p, cache, c.pod, c.nodes.map((n) => n.metadata.name ?? ''));
      if (c.wantSkip === true) {
        expect(r.preScore?.code).toBe(Code.Skip);
        return;
      }
      expect(r.preScore).toBeNull();
      expect(r.scores).toEqual(c.expected);
    });
  }
});

describe('TestPreferredAffinityWithHardPodAffinitySymmetricWeight (scoring_test.go)', () => {
  const podLabelServiceS1 = { service: 'S1' };
  const hardPodAffinity: Affinity = {
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: sel('service', 'In', ['S1']),
          namespaces: ['', 'subteam2.team2'],
          namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['team1'] }] },
          topologyKey: 'region',
        },
      ],
    },
  };
  const nodes = (): Node[] => [node('node1', { region: 'China' }), node('node2', { region: 'India' }), node('node3', { az: 'az1' })];
  const existing = (): Pod[] => [pod({ nodeName: 'node1', affinity: hardPodAffinity }), pod({ nodeName: 'node2', affinity: hardPodAffinity })];
  const cases: { name: string; pod: Pod; hardPodAffinityWeight: number; expected?: number[]; wantSkip?: boolean }[] = [
    { name: 'with default weight', pod: pod({ labels: podLabelServiceS1 }), hardPodAffinityWeight: 1, expected: [MAX, MAX, 0] },
    { name: 'with zero weight', pod: pod({ labels: podLabelServiceS1 }), hardPodAffinityWeight: 0, wantSkip: true },
    { name: 'with no matching namespace', pod: pod({ namespace: 'subteam1.team2', labels: podLabelServiceS1 }), hardPodAffinityWeight: 1, wantSkip: true },
    { name: 'with matching NamespaceSelector', pod: pod({ namespace: 'subteam1.team1', labels: podLabelServiceS1 }), hardPodAffinityWeight: 1, expected: [MAX, MAX, 0] },
    { name: 'with matching Namespaces', pod: pod({ namespace: 'subteam2.team2', labels: podLabelServiceS1 }), hardPodAffinityWeight: 1, expected: [MAX, MAX, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = snapshotOf(existing(), nodes());
      const p = newPlugin(cache, { hardPodAffinityWeight: c.hardPodAffinityWeight });
      const r = runScore(p, cache, c.pod, ['node1', 'node2', 'node3']);
      if (c.wantSkip === true) {
        expect(r.preScore?.code).toBe(Code.Skip);
        return;
      }
      expect(r.preScore).toBeNull();
      expect(r.scores).toEqual(c.expected);
    });
  }
});

describe('raw scores and NormalizeScore arithmetic', () => {
  it('Score sums weights per topology pair: affinity positive, anti-affinity negative', () => {
    const aff: Affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, { labelSelector: sel('app', 'In', ['a']), topologyKey: 'zone' })] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(3, { labelSelector: sel('app', 'In', ['b']), topologyKey: 'host' })] },
    };
    const cache = snapshotOf(
      [pod({ nodeName: 'n1', labels: { app: 'a' } }), pod({ nodeName: 'n1', labels: { app: 'b' } }), pod({ nodeName: 'n2', labels: { app: 'a' } }), pod({ nodeName: 'n3', labels: { app: 'b' } })],
      [node('n1', { zone: 'z1', host: 'n1' }), node('n2', { zone: 'z1', host: 'n2' }), node('n3', { zone: 'z2', host: 'n3' })],
    );
    const r = runScore(newPlugin(cache), cache, pod({ affinity: aff }), ['n1', 'n2', 'n3']);
    // z1 holds two app=a pods: +16 for n1 and n2; n1 and n3 each hold one app=b: -3 on their host.
    expect(r.raw).toEqual([13, 16, -3]);
    // min -3, max 16, diff 19: trunc(100 * (16/19)) = 84, trunc(100 * (19/19)) = 100, 0.
    expect(r.scores).toEqual([84, 100, 0]);
  });

  it('multiplies after dividing, as upstream: 100 * (29/100) truncates to 28', () => {
    // 0.29 is not exact in binary: 100 * (29 / 100) = 28.999999999999996, whereas 100 * 29 / 100 = 29.
    const scores = Float64Array.from([0, 29, 100]);
    normalizeScores(scores, 3);
    expect([...scores]).toEqual([0, 28, 100]);
    const neg = Float64Array.from([-50, -21, 50]);
    normalizeScores(neg, 3);
    expect([...neg]).toEqual([0, 28, 100]);
  });

  it('all equal scores normalize to 0', () => {
    const scores = Float64Array.from([7, 7, 7]);
    normalizeScores(scores, 3);
    expect([...scores]).toEqual([0, 0, 0]);
  });

  it('an existing weight that sums to zero still counts as a matched term (no Skip), scoring 0 everywhere', () => {
    const aff: Affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('app', 'In', ['a']), topologyKey: 'zone' })] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, { labelSelector: sel('app', 'In', ['a']), topologyKey: 'zone' })] },
    };
    const cache = snapshotOf([pod({ nodeName: 'n1', labels: { app: 'a' } })], [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })]);
    const r = runScore(newPlugin(cache), cache, pod({ affinity: aff }), ['n1', 'n2']);
    expect(r.preScore).toBeNull();
    expect(r.raw).toEqual([0, 0]);
    expect(r.scores).toEqual([0, 0]);
  });

  it('Score and NormalizeScore without PreScore state report the missing state', () => {
    const cache = snapshotOf([], [node('n1')]);
    const p = newPlugin(cache);
    const info = new PodInfo(pod());
    expect(() => p.score(new CycleState(), info, cache.get('n1')!)).toThrow(PRE_SCORE_STATE_KEY);
    const s = p.normalizeScore(new CycleState(), info, { nodes: [], scores: new Float64Array(0), length: 0 });
    expect(s?.code).toBe(Code.Error);
  });
});
