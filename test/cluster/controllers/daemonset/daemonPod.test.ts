import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod, Taint } from '../../../../src/api/types.js';
import {
  addOrUpdateDaemonPodTolerations,
  DaemonSetPlacement,
  newDaemonPod,
  replaceDaemonSetPodNodeNameNodeAffinity,
  targetNodeName,
} from '../../../../src/cluster/controllers/daemonset/daemonPod.js';
import { maxUnavailableOf, rollingUpdatePodsToDelete, scaledValueFromIntOrPercent } from '../../../../src/cluster/controllers/daemonset/rollingUpdate.js';

function ds(podSpec: Partial<Pod['spec']> = {}, rolling?: { maxUnavailable?: number | string; maxSurge?: number | string }): DaemonSet {
  return {
    kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'default', uid: 'u1', generation: 2 },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c' }], ...podSpec } }, ...(rolling === undefined ? {} : { updateStrategy: { type: 'RollingUpdate', rollingUpdate: rolling } }) },
  };
}

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return { kind: 'Node', metadata: { name, labels }, spec: { taints } };
}

describe('NodeShouldRunDaemonPod', () => {
  const cases: { name: string; ds: DaemonSet; node: Node; want: [boolean, boolean] }[] = [
    { name: 'no constraints', ds: ds(), node: node('n'), want: [true, true] },
    { name: 'node selector matches', ds: ds({ nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'ssd' }), want: [true, true] },
    { name: 'node selector does not match', ds: ds({ nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'hdd' }), want: [false, false] },
    {
      name: 'required node affinity does not match',
      ds: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } }),
      node: node('n', { zone: 'b' }),
      want: [false, false],
    },
    { name: 'untolerated NoSchedule taint: no new pod, the old one stays', ds: ds(), node: node('n', {}, [{ key: 'k', effect: 'NoSchedule' }]), want: [false, true] },
    { name: 'untolerated NoExecute taint: neither', ds: ds(), node: node('n', {}, [{ key: 'k', effect: 'NoExecute' }]), want: [false, false] },
    { name: 'PreferNoSchedule is ignored', ds: ds(), node: node('n', {}, [{ key: 'k', effect: 'PreferNoSchedule' }]), want: [true, true] },
    { name: 'tolerated taint', ds: ds({ tolerations: [{ key: 'k', operator: 'Exists' }] }), node: node('n', {}, [{ key: 'k', effect: 'NoExecute' }]), want: [true, true] },
    { name: 'unschedulable and not-ready taints are tolerated automatically', ds: ds(), node: node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), want: [true, true] },
    { name: 'network-unavailable is tolerated only with hostNetwork', ds: ds(), node: node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), want: [false, true] },
    { name: 'network-unavailable with hostNetwork', ds: ds({ hostNetwork: true }), node: node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), want: [true, true] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = new DaemonSetPlacement(c.ds).nodeShouldRunDaemonPod(c.node);
      expect([r.shouldRun, r.shouldContinueRunning]).toEqual(c.want);
    });
  }
});

describe('daemon pod', () => {
  it('AddOrUpdateDaemonPodTolerations replaces a matching toleration and keeps the others', () => {
    const got = addOrUpdateDaemonPodTolerations({ containers: [], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'x', operator: 'Exists' }] });
    expect(got[0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(got[1]).toEqual({ key: 'x', operator: 'Exists' });
    expect(got).toHaveLength(7);
  });

  it('ReplaceDaemonSetPodNodeNameNodeAffinity replaces the required terms and keeps preferred ones', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' as const }] } }];
    const got = replaceDaemonSetPodNodeNameNodeAffinity(
      { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['old'] }] }, { matchExpressions: [{ key: 'z', operator: 'Exists' }] }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } },
      'n1',
    );
    expect(got).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
    });
    expect(replaceDaemonSetPodNodeNameNodeAffinity(undefined, 'n2').nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }]);
  });

  it('newDaemonPod: generateName, controller ref, revision labels, pinned to its node', () => {
    const pod = newDaemonPod(ds(), 'n7', 'abc');
    expect(pod.metadata.generateName).toBe('ds-');
    expect(pod.metadata.labels).toEqual({ a: 'b', 'controller-revision-hash': 'abc', 'pod-template-generation': '2' });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    expect(targetNodeName(pod)).toBe('n7');
    expect(pod.spec.nodeName).toBeUndefined();
  });
});

describe('rolling update', () => {
  const pod = (name: string, hash: string, ready = true): Pod => ({
    metadata: { name, labels: { 'controller-revision-hash': hash } },
    spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const available = (p: Pod): boolean => p.status?.conditions?.[0]?.status === 'True';

  it('intstr scaling: percentages round up for maxUnavailable', () => {
    expect(scaledValueFromIntOrPercent('10%', 25, true)).toBe(3);
    expect(scaledValueFromIntOrPercent('10%', 25, false)).toBe(2);
    expect(scaledValueFromIntOrPercent(2, 25, true)).toBe(2);
    expect(maxUnavailableOf(ds(), 10)).toBe(1);
    expect(maxUnavailableOf(ds({}, { maxUnavailable: '25%' }), 10)).toBe(3);
    expect(maxUnavailableOf(ds({}, { maxUnavailable: 0, maxSurge: 0 }), 10)).toBe(1);
  });

  it('deletes at most maxUnavailable available old pods', () => {
    const nodes = new Map([['a', [pod('a', 'old')]], ['b', [pod('b', 'old')]], ['c', [pod('c', 'old')]]]);
    expect(rollingUpdatePodsToDelete(nodes, 'new', 1, available).map((p) => p.metadata.name)).toEqual(['a']);
    expect(rollingUpdatePodsToDelete(nodes, 'new', 2, available).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('an unavailable new pod or an empty node uses up the budget', () => {
    expect(rollingUpdatePodsToDelete(new Map([['a', [pod('a', 'new', false)]], ['b', [pod('b', 'old')]]]), 'new', 1, available)).toEqual([]);
    expect(rollingUpdatePodsToDelete(new Map([['a', []], ['b', [pod('b', 'old')]]]), 'new', 1, available)).toEqual([]);
  });

  it('always replaces old pods that are not available', () => {
    const nodes = new Map([['a', [pod('a', 'new', false)]], ['b', [pod('b', 'old', false)]], ['c', [pod('c', 'old')]]]);
    expect(rollingUpdatePodsToDelete(nodes, 'new', 1, available).map((p) => p.metadata.name)).toEqual(['b']);
  });
});

describe('DaemonSetPlacement memo', () => {
  it('answers a node object once and a changed (new) node object afresh', () => {
    const placement = new DaemonSetPlacement(ds());
    const before = node('n');
    const first = placement.nodeShouldRunDaemonPod(before);
    expect(placement.nodeShouldRunDaemonPod(before)).toBe(first);
    const tainted: Node = { ...before, spec: { taints: [{ key: 'k', effect: 'NoExecute' }] } };
    const after = placement.nodeShouldRunDaemonPod(tainted);
    expect([after.shouldRun, after.shouldContinueRunning]).toEqual([false, false]);
    expect([first.shouldRun, first.shouldContinueRunning]).toEqual([true, true]);
  });

  it('reads a pod spec’s pinned node once per spec object, and spec.nodeName first', () => {
    const pinned = newDaemonPod(ds(), 'node-1', 'h');
    expect(targetNodeName(pinned)).toBe('node-1');
    expect(targetNodeName(pinned)).toBe('node-1');
    expect(targetNodeName({ ...pinned, spec: { ...pinned.spec, nodeName: 'node-2' } })).toBe('node-2');
    expect(targetNodeName({ ...pinned, spec: { containers: [] } })).toBeUndefined();
  });
});
