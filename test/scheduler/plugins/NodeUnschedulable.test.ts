/**
 * NodeUnschedulable: upstream's node_unschedulable_test.go
 * (TestNodeUnschedulable, TestIsSchedulableAfterNodeChange,
 * TestIsSchedulableAfterPodTolerationChange), the kube-scheduler-cases.json
 * case, and the whole-table Filter against the per-node one.
 */
import { describe, expect, it } from 'vitest';
import type { Pod, Toleration } from '../../../src/api/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { ERR_REASON_UNSCHEDULABLE, NodeUnschedulable, NodeUnschedulablePlugin } from '../../../src/scheduler/plugins/NodeUnschedulable.js';
import { loadCases } from '../cases/caseFiles.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { caseCluster, filterBoth, node, pod } from './noderesourcesTestUtil.js';

function plugin(cache = makeCache([])): NodeUnschedulablePlugin {
  return NodeUnschedulable.factory(undefined, makeHandle(cache)) as NodeUnschedulablePlugin;
}

const tolerating = (t: Toleration[]): Pod => ({ ...pod([]), spec: { containers: [], tolerations: t } });
const unschedulableToleration: Toleration = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

describe('NodeUnschedulable: TestNodeUnschedulable', () => {
  const cases = [
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', pod: pod([]), cordoned: true, want: Code.UnschedulableAndUnresolvable },
    { name: 'Schedule pod to normal node', pod: pod([]), cordoned: false, want: Code.Success },
    { name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)', pod: tolerating([unschedulableToleration]), cordoned: true, want: Code.Success },
    {
      name: 'a toleration of every NoSchedule taint (empty key, Exists) also tolerates cordoning (kubesim)',
      pod: tolerating([{ operator: 'Exists', effect: 'NoSchedule' }]),
      cordoned: true,
      want: Code.Success,
    },
    { name: 'a NoExecute-only toleration does not (kubesim)', pod: tolerating([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }]), cordoned: true, want: Code.UnschedulableAndUnresolvable },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = makeCache([node('n', {}, { unschedulable: c.cordoned }), node('free', {})]);
      const p = plugin(cache);
      const info = new PodInfo(c.pod);
      const codes = filterBoth(p, new CycleState(), info, [cache.get('n')!, cache.get('free')!]);
      expect(codes).toEqual([c.want, Code.Success]);
      if (c.want !== Code.Success) expect(p.filter(new CycleState(), info, cache.get('n')!)?.reasons).toEqual([ERR_REASON_UNSCHEDULABLE]);
    });
  }
});

describe('NodeUnschedulable: queueing hints', () => {
  const [nodeEvent, podEvent] = plugin().eventsToRegister();
  it('registers Node Add|UpdateNodeTaint and Pod UpdatePodToleration', () => {
    expect(nodeEvent!.event).toMatchObject({ resource: 'Node', actionType: 1 | 16 });
    expect(podEvent!.event).toMatchObject({ resource: 'Pod', actionType: 512 });
  });
  // TestIsSchedulableAfterNodeChange.
  it('backoff-wrong-new-object', () => expect(nodeEvent!.hint!(pod([]), undefined, 'not-a-node')).toBe('Queue'));
  it('backoff-wrong-old-object', () => expect(nodeEvent!.hint!(pod([]), 'not-a-node', node('n', {}))).toBe('Queue'));
  it('skip-queue-on-unschedulable-node-added', () => expect(nodeEvent!.hint!(pod([]), undefined, node('n', {}, { unschedulable: true }))).toBe('QueueSkip'));
  it('queue-on-schedulable-node-added', () => expect(nodeEvent!.hint!(pod([]), undefined, node('n', {}))).toBe('Queue'));
  it('skip-unrelated-change', () => expect(nodeEvent!.hint!(pod([]), node('n', {}), node('n', { cpu: '1' }))).toBe('QueueSkip'));
  it('queue-on-unschedulable-field-change', () => expect(nodeEvent!.hint!(pod([]), node('n', {}, { unschedulable: true }), node('n', {}))).toBe('Queue'));
  // TestIsSchedulableAfterPodTolerationChange.
  it('backoff-wrong-new-object (pod)', () => expect(podEvent!.hint!(pod([]), undefined, 'not-a-pod')).toBe('Queue'));
  it('skip-different-pod-update', () => {
    const target = pod([]);
    expect(podEvent!.hint!(target, pod([]), tolerating([unschedulableToleration]))).toBe('QueueSkip');
  });
  it('queue-when-the-unsched-pod-gets-toleration', () => {
    const target = pod([]);
    const updated: Pod = { ...target, spec: { ...target.spec, tolerations: [unschedulableToleration] } };
    expect(podEvent!.hint!(target, target, updated)).toBe('Queue');
  });
  it('skip-when-the-unsched-pod-gets-unrelated-toleration', () => {
    const target = pod([]);
    const updated: Pod = { ...target, spec: { ...target.spec, tolerations: [{ key: 'foo', effect: 'NoSchedule' }] } };
    expect(podEvent!.hint!(target, target, updated)).toBe('QueueSkip');
  });
});

describe('NodeUnschedulable: kube-scheduler-cases.json', () => {
  const all = loadCases()?.filter((c) => c.plugin === 'NodeUnschedulable');
  if (all === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(all.length).toBeGreaterThan(0));
  for (const c of all) {
    it(`${c.id}: ${c.source.name}`, () => {
      const { cache, pod: p, nodes } = caseCluster(c);
      const codes = filterBoth(plugin(cache), new CycleState(), p, nodes);
      nodes.forEach((n, i) => expect(Code[codes[i]!]).toBe(c.expected.filter![n.name]));
    });
  }
});
