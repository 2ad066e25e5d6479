/**
 * NodeName: upstream's node_name_test.go (TestNodeName,
 * Test_isSchedulableAfterNodeAdd), with the whole-table Filter checked
 * against the per-node one.
 */
import { describe, expect, it } from 'vitest';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { ERR_REASON, NodeName, NodeNamePlugin } from '../../../src/scheduler/plugins/NodeName.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { filterBoth, node, pod } from './noderesourcesTestUtil.js';

function plugin(cache = makeCache([]), gates = new FeatureGates()): NodeNamePlugin {
  return NodeName.factory(undefined, makeHandle(cache, gates)) as NodeNamePlugin;
}

describe('NodeName: TestNodeName', () => {
  const cases = [
    { name: 'no host specified', podNode: undefined, node: 'foo', want: Code.Success },
    { name: 'host matches', podNode: 'foo', node: 'foo', want: Code.Success },
    { name: "host doesn't match", podNode: 'bar', node: 'foo', want: Code.UnschedulableAndUnresolvable },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = makeCache([node(c.node, {}), node('other', {})]);
      const p = plugin(cache);
      const info = new PodInfo(pod([], c.podNode === undefined ? {} : { nodeName: c.podNode }));
      const [code] = filterBoth(p, new CycleState(), info, [cache.get(c.node)!, cache.get('other')!]);
      expect(code).toBe(c.want);
      if (c.want !== Code.Success) expect(p.filter(new CycleState(), info, cache.get(c.node)!)?.reasons).toEqual([ERR_REASON]);
    });
  }
});

describe('NodeName: Test_isSchedulableAfterNodeAdd', () => {
  const [ev] = plugin().eventsToRegister();
  it('registers Node Add only, with queueing hints on', () => expect(ev!.event).toMatchObject({ resource: 'Node', actionType: 1 }));
  it('registers Node Add|UpdateNodeTaint|UpdateNodeLabel without queueing hints', () => {
    const [e] = plugin(makeCache([]), new FeatureGates({ SchedulerQueueingHints: false })).eventsToRegister();
    expect(e!.event.actionType).toBe(1 | 8 | 16);
  });
  it('backoff-wrong-new-object', () => expect(ev!.hint!(pod([], { nodeName: 'foo' }), undefined, 'not-a-node')).toBe('Queue'));
  it('skip-queue-on-unmatched-node', () => expect(ev!.hint!(pod([], { nodeName: 'foo' }), undefined, node('bar', {}))).toBe('QueueSkip'));
  it('queue-on-matched-node', () => expect(ev!.hint!(pod([], { nodeName: 'foo' }), undefined, node('foo', {}))).toBe('Queue'));
  it('queue-on-added-node-for-a-pod-without-node-name', () => expect(ev!.hint!(pod([]), undefined, node('bar', {}))).toBe('Queue'));
});
