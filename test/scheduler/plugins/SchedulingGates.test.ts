/**
 * SchedulingGates: upstream's scheduling_gates_test.go (TestPreEnqueue,
 * TestEventsToRegister, Test_isSchedulableAfterUpdatePodSchedulingGatesEliminated).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { SchedulingGates, SchedulingGatesPlugin } from '../../../src/scheduler/plugins/SchedulingGates.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { pod } from './noderesourcesTestUtil.js';

function plugin(gates = new FeatureGates()): SchedulingGatesPlugin {
  return SchedulingGates.factory(undefined, makeHandle(makeCache([]), gates)) as SchedulingGatesPlugin;
}

const gated = (...names: string[]): Pod => ({ ...pod([]), spec: { containers: [], schedulingGates: names.map((name) => ({ name })) } });

describe('SchedulingGates: TestPreEnqueue', () => {
  it('pod does not carry scheduling gates', () => expect(plugin().preEnqueue(new PodInfo(pod([])))).toBeNull());
  it('pod carries scheduling gates', () => {
    const s = plugin().preEnqueue(new PodInfo(gated('foo', 'bar')));
    expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(s?.message()).toBe('waiting for scheduling gates: [foo bar]');
  });
});

describe('SchedulingGates: TestEventsToRegister', () => {
  it('with queueing hints: Pod UpdatePodSchedulingGatesEliminated', () => {
    const evs = plugin().eventsToRegister();
    expect(evs.map((e) => e.event)).toMatchObject([{ resource: 'Pod', actionType: 1024 }]);
  });
  it('without queueing hints: nothing', () => expect(plugin(new FeatureGates({ SchedulerQueueingHints: false })).eventsToRegister()).toEqual([]));
});

describe('SchedulingGates: Test_isSchedulableAfterUpdatePodSchedulingGatesEliminated', () => {
  const [ev] = plugin().eventsToRegister();
  it('backoff-wrong-old-object', () => expect(ev!.hint!(pod([]), 'not-a-pod', pod([]))).toBe('Queue'));
  it('gates-eliminated', () => {
    const target = gated('foo');
    const updated: Pod = { ...target, spec: { containers: [] } };
    expect(ev!.hint!(target, target, updated)).toBe('Queue');
  });
  it('un-intrested-pod-updated', () => expect(ev!.hint!(gated('foo'), gated('foo'), pod([]))).toBe('QueueSkip'));
});
