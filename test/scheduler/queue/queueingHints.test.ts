/**
 * Queueing hints and cluster events, ported from scheduling_queue_test.go
 * (v1.34): Test_isPodWorthRequeuing,
 * TestPriorityQueue_MoveAllToActiveOrBackoffQueueWithQueueingHint,
 * TestPriorityQueue_AssignedPodAdded_, TestPriorityQueue_AssignedPodUpdated,
 * and framework/events_test.go's MatchClusterEvents cases.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { ActionType, type ClusterEvent, type QueueingHintFn } from '../../../src/scheduler/framework/events.js';
import { FeatureGates } from '../../../src/scheduler/featureGates.js';
import {
  EVENT_ASSIGNED_POD_ADD,
  EVENT_FORCE_ACTIVATE,
  EVENT_UNSCHEDULABLE_TIMEOUT,
  EVENT_UNSCHEDULED_POD_UPDATE,
  matchClusterEvents,
  podSchedulingPropertiesChange,
} from '../../../src/scheduler/queue/clusterEvents.js';
import { QueuedPodInfo } from '../../../src/scheduler/queue/QueuedPodInfo.js';
import { QueueingHints, type QueueingStrategy } from '../../../src/scheduler/queue/queueingHints.js';
import { SchedulingQueue } from '../../../src/scheduler/queue/SchedulingQueue.js';
import { withPodAffinityExists } from './fixtures.js';
import {
  allowlistPreEnqueue,
  clone,
  FakeClock,
  type HintMap,
  lookupFrom,
  makePod,
  newTestQueue,
  nodeAdd,
  podInfo,
  popExpect,
  prioritySort,
  queueHintReturnQueue,
  queueHintReturnSkip,
  schedulingGatesPreEnqueue,
  whereIs,
} from './helpers.js';

const S = MICROS_PER_SECOND;
const nodeEvent = (actionType: number): ClusterEvent => ({ resource: 'Node', actionType });

describe('Test_isPodWorthRequeuing', () => {
  let count = 0;
  const hQueue: QueueingHintFn = () => {
    count++;
    return 'Queue';
  };
  const hSkip: QueueingHintFn = () => {
    count++;
    return 'QueueSkip';
  };
  const hErr: QueueingHintFn = () => {
    count++;
    throw new Error('unexpected error');
  };
  const pod1 = makePod('pod1', { namespace: 'ns1', uid: '1' });
  const pinfo = (unsched: string[], pending: string[] = []): QueuedPodInfo => {
    const p = new QueuedPodInfo(podInfo(pod1), 0, unsched);
    p.pendingPlugins = new Set(pending);
    return p;
  };
  const cases: { name: string; pInfo: QueuedPodInfo; event: ClusterEvent; newObj?: unknown; want: QueueingStrategy; count: number; map: HintMap }[] = [
    {
      name: 'return Skip when no queueing hint function is registered for the event',
      pInfo: pinfo(['fooPlugin1']),
      event: nodeAdd,
      want: 'skip',
      count: 0,
      map: [{ event: EVENT_ASSIGNED_POD_ADD, plugins: [{ plugin: 'fooPlugin1', hint: hQueue }] }],
    },
    {
      name: 'Treat the event as Queue when QueueHintFn returns error',
      pInfo: pinfo(['fooPlugin1']),
      event: nodeAdd,
      want: 'afterBackoff',
      count: 1,
      map: [{ event: nodeAdd, plugins: [{ plugin: 'fooPlugin1', hint: hErr }] }],
    },
    { name: 'return Queue when the event is wildcard', pInfo: pinfo(['fooPlugin1']), event: EVENT_UNSCHEDULABLE_TIMEOUT, want: 'afterBackoff', count: 0, map: [] },
    {
      name: 'return Queue when the event is wildcard and the wildcard targets the pod to be requeued right now',
      pInfo: pinfo(['fooPlugin1']),
      event: EVENT_FORCE_ACTIVATE,
      newObj: makePod('pod1', { namespace: 'ns1', uid: '1' }),
      want: 'afterBackoff',
      count: 0,
      map: [],
    },
    {
      name: 'return Skip when the event is wildcard, but the wildcard targets a different pod',
      pInfo: pinfo(['fooPlugin1']),
      event: EVENT_FORCE_ACTIVATE,
      newObj: makePod('pod-different', { namespace: 'ns2', uid: '2' }),
      want: 'skip',
      count: 0,
      map: [],
    },
    {
      // Upstream runs fooPlugin1 then fooPlugin2 (2 calls); kubesim asks the unschedulable plugins first (3 calls). Same verdict.
      name: 'interprets Queue from the Pending plugin as queueImmediately',
      pInfo: pinfo(['fooPlugin1', 'fooPlugin3'], ['fooPlugin2']),
      event: nodeAdd,
      want: 'immediately',
      count: 3,
      map: [
        {
          event: nodeAdd,
          plugins: [
            { plugin: 'fooPlugin1', hint: hQueue },
            { plugin: 'fooPlugin2', hint: hQueue },
            { plugin: 'fooPlugin3', hint: hQueue },
            { plugin: 'fooPlugin4', hint: hErr },
          ],
        },
      ],
    },
    {
      name: 'interprets Queue from the Unschedulable plugin as queueAfterBackoff',
      pInfo: pinfo(['fooPlugin1', 'fooPlugin2']),
      event: nodeAdd,
      want: 'afterBackoff',
      count: 2,
      map: [{ event: nodeAdd, plugins: [{ plugin: 'fooPlugin1', hint: hSkip }, { plugin: 'fooPlugin2', hint: hQueue }] }],
    },
    {
      name: "Queueing hint function that isn't from the plugin in UnschedulablePlugins/PendingPlugins is ignored",
      pInfo: pinfo(['fooPlugin1', 'fooPlugin2']),
      event: nodeAdd,
      want: 'skip',
      count: 2,
      map: [{ event: nodeAdd, plugins: [{ plugin: 'fooPlugin1', hint: hSkip }, { plugin: 'fooPlugin2', hint: hSkip }, { plugin: 'fooPlugin3', hint: hQueue }] }],
    },
    {
      name: 'If event is specific Node update event, queueing hint function for NodeUpdate/UpdateNodeLabel is also executed',
      pInfo: pinfo(['fooPlugin1', 'fooPlugin2']),
      event: nodeEvent(ActionType.UpdateNodeLabel),
      want: 'afterBackoff',
      count: 1,
      map: [
        { event: nodeEvent(ActionType.UpdateNodeLabel), plugins: [{ plugin: 'fooPlugin1', hint: hQueue }, { plugin: 'fooPlugin2', hint: hQueue }] },
        { event: nodeEvent(ActionType.Update), plugins: [{ plugin: 'fooPlugin1', hint: hQueue }] },
        { event: nodeAdd, plugins: [{ plugin: 'fooPlugin1', hint: hQueue }] },
      ],
    },
    {
      name: "If event with '*' Resource, queueing hint function for specified Resource is also executed",
      pInfo: pinfo(['fooPlugin1']),
      event: nodeEvent(ActionType.Add),
      want: 'afterBackoff',
      count: 1,
      map: [{ event: { resource: 'WildCard', actionType: ActionType.Add }, plugins: [{ plugin: 'fooPlugin1', hint: hQueue }] }],
    },
    {
      name: 'If event is a wildcard one, queueing hint function for all kinds of events is executed',
      pInfo: pinfo(['fooPlugin1']),
      event: nodeEvent(ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint),
      want: 'afterBackoff',
      count: 1,
      map: [{ event: { resource: 'WildCard', actionType: ActionType.All }, plugins: [{ plugin: 'fooPlugin1', hint: hQueue }] }],
    },
    {
      name: 'A pod with no rejecting plugin is always worth requeuing',
      pInfo: pinfo([]),
      event: nodeAdd,
      want: 'afterBackoff',
      count: 0,
      map: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      count = 0;
      const hints = new QueueingHints(lookupFrom(c.map), true);
      expect(hints.isPodWorthRequeuing(c.pInfo, c.event, undefined, c.newObj)).toBe(c.want);
      expect(count).toBe(c.count);
    });
  }
});

describe('buildQueueingHintMap behaviours', () => {
  it('a plugin registered for Node/Add but not Node/UpdateNodeTaint is also registered for UpdateNodeTaint (always Queue)', () => {
    const hints = new QueueingHints(lookupFrom([{ event: nodeAdd, plugins: [{ plugin: 'p', hint: queueHintReturnSkip }] }]), true);
    const p = new QueuedPodInfo(podInfo(makePod('x')), 0, ['p']);
    expect(hints.isPodWorthRequeuing(p, nodeAdd, undefined, undefined)).toBe('skip');
    expect(hints.isPodWorthRequeuing(p, nodeEvent(ActionType.UpdateNodeTaint), undefined, undefined)).toBe('afterBackoff');
    expect(hints.isPodWorthRequeuing(p, nodeEvent(ActionType.UpdateNodeLabel), undefined, undefined)).toBe('skip');
  });

  it('a plugin without EnqueueExtensions is moved by every pod or node event; one registered for nothing by none', () => {
    const hints = new QueueingHints((plugin) => (plugin === 'legacy' ? undefined : []), true);
    const legacy = new QueuedPodInfo(podInfo(makePod('x')), 0, ['legacy']);
    const silent = new QueuedPodInfo(podInfo(makePod('y')), 0, ['silent']);
    for (const e of [nodeAdd, nodeEvent(ActionType.UpdateNodeAllocatable), EVENT_ASSIGNED_POD_ADD, EVENT_UNSCHEDULED_POD_UPDATE]) {
      expect(hints.isPodWorthRequeuing(legacy, e, undefined, undefined)).toBe('afterBackoff');
      expect(hints.isPodWorthRequeuing(silent, e, undefined, undefined)).toBe('skip');
    }
  });

  it('with SchedulerQueueingHints off, every registered event means Queue', () => {
    const lookup = lookupFrom([{ event: nodeAdd, plugins: [{ plugin: 'p', hint: queueHintReturnSkip }] }]);
    const p = new QueuedPodInfo(podInfo(makePod('x')), 0, ['p']);
    expect(new QueueingHints(lookup, true).isPodWorthRequeuing(p, nodeAdd, undefined, undefined)).toBe('skip');
    expect(new QueueingHints(lookup, false).isPodWorthRequeuing(p, nodeAdd, undefined, undefined)).toBe('afterBackoff');
  });
});

describe('MatchClusterEvents', () => {
  const cases: { name: string; registered: ClusterEvent; incoming: ClusterEvent; want: boolean }[] = [
    { name: 'same event', registered: nodeAdd, incoming: nodeAdd, want: true },
    { name: 'registered Update matches a specific update', registered: nodeEvent(ActionType.Update), incoming: nodeEvent(ActionType.UpdateNodeLabel), want: true },
    { name: 'registered specific update does not match the general Update', registered: nodeEvent(ActionType.UpdateNodeLabel), incoming: nodeEvent(ActionType.Update), want: false },
    {
      name: 'registered UpdateNodeLabel does not match Label|Taint (the incoming mask is above)',
      registered: nodeEvent(ActionType.UpdateNodeLabel),
      incoming: nodeEvent(ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint),
      want: false,
    },
    { name: 'Pod matches AssignedPod', registered: { resource: 'Pod', actionType: ActionType.Add }, incoming: EVENT_ASSIGNED_POD_ADD, want: true },
    { name: 'AssignedPod does not match Pod', registered: EVENT_ASSIGNED_POD_ADD, incoming: { resource: 'Pod', actionType: ActionType.Add }, want: false },
    { name: 'registered wildcard matches anything', registered: EVENT_UNSCHEDULABLE_TIMEOUT, incoming: nodeAdd, want: true },
    { name: 'an incoming wildcard matches only a registered wildcard', registered: { resource: 'Node', actionType: ActionType.All }, incoming: EVENT_UNSCHEDULABLE_TIMEOUT, want: false },
    { name: 'different resources', registered: nodeAdd, incoming: EVENT_ASSIGNED_POD_ADD, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(matchClusterEvents(c.registered, c.incoming)).toBe(c.want));
});

describe('PodSchedulingPropertiesChange', () => {
  const base = makePod('p', { labels: { a: '1' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } });
  it('a status write, which keeps the spec object, is no scale-down', () => {
    const running = { ...base, status: { phase: 'Running' as const } };
    expect(podSchedulingPropertiesChange(running, base)).toEqual([{ resource: 'UnscheduledPod', actionType: ActionType.UpdateOther }]);
  });
  it('one event per kind of change, or UpdateOther', () => {
    const labels = clone(base);
    labels.metadata.labels = { a: '2' };
    expect(podSchedulingPropertiesChange(labels, base).map((e) => e.actionType)).toEqual([ActionType.UpdatePodLabel]);
    const down = clone(base);
    down.spec.containers[0]!.resources = { requests: { cpu: '500m' } };
    expect(podSchedulingPropertiesChange(down, base).map((e) => e.actionType)).toEqual([ActionType.UpdatePodScaleDown]);
    const tol = clone(base);
    tol.spec.tolerations = [{ key: 'k', operator: 'Exists' }];
    expect(podSchedulingPropertiesChange(tol, base).map((e) => e.actionType)).toEqual([ActionType.UpdatePodToleration]);
    const gated = clone(base);
    gated.spec.schedulingGates = [{ name: 'g' }];
    expect(podSchedulingPropertiesChange(base, gated).map((e) => e.actionType)).toEqual([ActionType.UpdatePodSchedulingGatesEliminated]);
    const annotated = clone(base);
    annotated.metadata.annotations = { x: 'y' };
    expect(podSchedulingPropertiesChange(annotated, base)).toEqual([{ resource: 'UnscheduledPod', actionType: ActionType.UpdateOther }]);
    const bound = clone(base);
    bound.spec.nodeName = 'n';
    expect(podSchedulingPropertiesChange(bound, base)[0]!.resource).toBe('AssignedPod');
  });
});

describe('TestPriorityQueue_MoveAllToActiveOrBackoffQueueWithQueueingHint', () => {
  const p = makePod('pod1', { namespace: 'ns1', uid: '1', labels: { foo: 'bar' } });
  const cases: {
    name: string;
    setup: { unsched?: string[]; pending?: string[]; gate?: { plugin: string; events: ClusterEvent[] } };
    hint: QueueingHintFn;
    duration?: number;
    expectedQ: string;
  }[] = [
    { name: 'Queue queues pod to activeQ', setup: { pending: ['foo'] }, hint: queueHintReturnQueue, expectedQ: 'active' },
    { name: 'Queue queues pod to backoffQ if Pod is backing off', setup: { unsched: ['foo'] }, hint: queueHintReturnQueue, expectedQ: 'backoff' },
    // The backoff (1 s) is over only once truncate(now) > expiry: 1 s more is needed.
    { name: 'Queue queues pod to activeQ if Pod is not backing off', setup: { unsched: ['foo'] }, hint: queueHintReturnQueue, duration: 2 * S, expectedQ: 'active' },
    { name: 'Skip queues pod to unschedulablePods', setup: { unsched: ['foo'] }, hint: queueHintReturnSkip, expectedQ: 'unschedulable' },
    {
      name: "QueueHintFunction is not called when Pod is gated by the plugin that isn't interested in the event",
      setup: { unsched: ['SchedulingGates'], gate: { plugin: 'SchedulingGates', events: [EVENT_UNSCHEDULED_POD_UPDATE] } },
      hint: () => {
        throw new Error('QueueingHintFn should not be called as pod is gated');
      },
      expectedQ: 'gated',
    },
    {
      name: 'QueueHintFunction is called when Pod is gated by the plugin that is interested in the event',
      setup: { unsched: ['foo'], gate: { plugin: 'foo', events: [nodeAdd] } },
      hint: queueHintReturnQueue,
      expectedQ: 'backoff',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock(1_000 * S);
      const allowFoo = allowlistPreEnqueue('foo', ['foo']);
      const q = newTestQueue(clock, {
        hintMap: [
          { event: nodeAdd, plugins: [{ plugin: 'foo', hint: c.hint }] },
          { event: EVENT_UNSCHEDULED_POD_UPDATE, plugins: [{ plugin: 'SchedulingGates', hint: queueHintReturnQueue }] },
        ],
        preEnqueue: (pi) => schedulingGatesPreEnqueue(pi) ?? allowFoo(pi),
      });
      q.add(podInfo(p));
      const popped = popExpect(q, p);
      if (c.setup.gate !== undefined) {
        popped.gatingPlugin = c.setup.gate.plugin;
        popped.gatingPluginEvents = c.setup.gate.events;
      }
      q.addUnschedulableIfNotPresent(popped, { rejectorPlugins: c.setup.unsched ?? [], pendingPlugins: c.setup.pending ?? [] });
      clock.step(c.duration ?? 0);
      q.moveAllToActiveOrBackoffQueue(nodeAdd);
      expect(whereIs(q, p)).toBe(c.expectedQ);
    });
  }
});

describe('TestPriorityQueue_AssignedPodAdded_ / AssignedPodUpdated', () => {
  const afp = (): Pod => withPodAffinityExists(makePod('afp', { namespace: 'ns1', uid: 'afp', annotations: { annot2: 'val2' } }), 'service', 'region');
  const tsp = (): Pod => {
    const p = makePod('tsp', { namespace: 'ns1', uid: 'tsp' });
    p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }];
    return p;
  };
  const lbpMatching = makePod('lbp', { namespace: 'ns1', labels: { service: 'securityscan' }, nodeName: 'node1' });
  const lbpUnrelated = makePod('lbp', { namespace: 'unrelated', labels: { unrelated: 'unrelated' }, nodeName: 'node1' });
  const podLabel: ClusterEvent = { resource: 'Pod', actionType: ActionType.UpdatePodLabel };
  const cases: { name: string; unsched: () => Pod; plugin: string; assigned: Pod; want: boolean; event?: ClusterEvent; addedToo?: boolean }[] = [
    { name: "Pod rejected by pod affinity is requeued with matching Pod's update", unsched: afp, plugin: 'InterPodAffinity', assigned: lbpMatching, want: true, addedToo: true },
    { name: "Pod rejected by pod affinity isn't requeued with unrelated Pod's update", unsched: afp, plugin: 'InterPodAffinity', assigned: lbpUnrelated, want: false, addedToo: true },
    { name: "Pod rejected by pod topology spread is requeued with Pod's update in the same namespace", unsched: tsp, plugin: 'PodTopologySpread', assigned: lbpMatching, want: true, addedToo: true },
    { name: "Pod rejected by pod topology spread isn't requeued with unrelated Pod's update", unsched: afp, plugin: 'PodTopologySpread', assigned: lbpUnrelated, want: false, addedToo: true },
    {
      name: "Pod rejected by resource fit is requeued with assigned Pod's scale down",
      unsched: () => makePod('rp', { namespace: 'ns1', uid: 'afp', spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } }),
      plugin: 'NodeResourcesFit',
      assigned: makePod('lbp', { namespace: 'ns2', nodeName: 'node1' }),
      event: { resource: 'AssignedPod', actionType: ActionType.UpdatePodScaleDown },
      want: true,
    },
    { name: "Pod rejected by other plugins isn't requeued with any Pod's update", unsched: () => makePod('afp', { namespace: 'ns1', uid: 'afp' }), plugin: 'fakePlugin', assigned: lbpUnrelated, want: false, addedToo: true },
  ];
  const addedMap: HintMap = [
    {
      event: EVENT_ASSIGNED_POD_ADD,
      plugins: ['fakePlugin', 'InterPodAffinity', 'PodTopologySpread'].map((plugin) => ({ plugin, hint: queueHintReturnQueue })),
    },
  ];
  const updatedMap: HintMap = [
    { event: podLabel, plugins: ['fakePlugin', 'InterPodAffinity', 'PodTopologySpread'].map((plugin) => ({ plugin, hint: queueHintReturnQueue })) },
    { event: { resource: 'Pod', actionType: ActionType.UpdatePodScaleDown }, plugins: [{ plugin: 'NodeResourcesFit', hint: queueHintReturnQueue }] },
  ];
  const prepare = (map: HintMap, c: (typeof cases)[number]): { q: SchedulingQueue; pod: Pod } => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { hintMap: map });
    const pod = c.unsched();
    q.add(podInfo(pod));
    q.addUnschedulableIfNotPresent(popExpect(q, pod), { rejectorPlugins: [c.plugin] });
    // Make the pod complete its backoff.
    clock.step(1 * S + 1 * S);
    return { q, pod };
  };
  for (const c of cases) {
    if (c.addedToo === true) {
      it(`added: ${c.name}`, () => {
        const { q, pod } = prepare(addedMap, c);
        q.assignedPodAdded(c.assigned);
        expect(whereIs(q, pod) === 'active').toBe(c.want);
      });
    }
    it(`updated: ${c.name}`, () => {
      const { q, pod } = prepare(updatedMap, c);
      q.assignedPodUpdated(undefined, c.assigned, c.event ?? podLabel);
      expect(whereIs(q, pod) === 'active').toBe(c.want);
    });
  }

  it('without an event, the update is split into its events (labels changed → UpdatePodLabel)', () => {
    const c = cases[0]!;
    const { q, pod } = prepare(updatedMap, c);
    const before = clone(lbpMatching);
    before.metadata.labels = {};
    q.assignedPodUpdated(before, lbpMatching);
    expect(whereIs(q, pod)).toBe('active');
  });

  it('namespaceSelector terms match through the namespace labels', () => {
    const clock = new FakeClock();
    const q = newTestQueue(clock, { hintMap: addedMap, namespaceLabels: (ns) => (ns === 'team-a' ? { team: 'a' } : undefined) });
    const pod = makePod('sel', { namespace: 'ns1' });
    pod.spec.affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, namespaceSelector: { matchLabels: { team: 'a' } }, topologyKey: 'zone' }] },
    };
    q.add(podInfo(pod));
    q.addUnschedulableIfNotPresent(popExpect(q, pod), { rejectorPlugins: ['InterPodAffinity'] });
    clock.step(2 * S);
    q.assignedPodAdded(makePod('other', { namespace: 'team-b', nodeName: 'n' }));
    expect(whereIs(q, pod)).toBe('unschedulable');
    q.assignedPodAdded(makePod('other', { namespace: 'team-a', nodeName: 'n' }));
    expect(whereIs(q, pod)).toBe('active');
  });
});

describe('PreEnqueue gating (TestPriorityQueue_moveToActiveQ / moveToBackoffQ, Test_queuedPodInfo_gatedSetUponCreationAndUnsetUponUpdate)', () => {
  /** A queue whose PreEnqueue plugin can be switched between admitting `allow` labels and rejecting everything. */
  function gatedQueue(popFromBackoffQ: boolean, clock = new FakeClock()): { q: SchedulingQueue; setAllow: (l: string[]) => void } {
    let allow = ['bar'];
    const q = newTestQueue(clock, {
      gates: { SchedulerPopFromBackoffQ: popFromBackoffQ },
      preEnqueue: (p) => allowlistPreEnqueue('preEnqueuePlugin', allow)(p),
      hintMap: [{ event: nodeAdd, plugins: [{ plugin: 'x', hint: queueHintReturnQueue }] }],
      podInitialBackoff: 30 * S,
      podMaxBackoff: 60 * S,
    });
    return { q, setAllow: (l) => (allow = l) };
  }
  const bar = makePod('bar', { labels: { bar: '' } });
  const p = makePod('p', { labels: { p: '' } });

  for (const popFromBackoffQ of [true, false]) {
    describe(`popFromBackoffQEnabled(${popFromBackoffQ})`, () => {
      it('pod passed all preEnqueue plugins → activeQ', () => {
        const { q } = gatedQueue(popFromBackoffQ);
        q.add(podInfo(bar));
        expect(whereIs(q, bar)).toBe('active');
      });
      it('pod name not in allowlists → gated; an unrelated update keeps it there', () => {
        const { q } = gatedQueue(popFromBackoffQ);
        q.add(podInfo(p));
        expect(whereIs(q, p)).toBe('gated');
        expect(q.getPod('', 'p')?.pInfo.gatingPlugin).toBe('preEnqueuePlugin');
        const annotated = clone(p);
        annotated.metadata.annotations = { foo: '' };
        q.update(p, podInfo(annotated));
        expect(q.counts()).toMatchObject({ gated: 1, active: 0, backoff: 0 });
      });
      it('a pod moving from backoffQ after its backoff: PreEnqueue runs again only without PopFromBackoffQ', () => {
        const clock = new FakeClock();
        const { q, setAllow } = gatedQueue(popFromBackoffQ, clock);
        q.add(podInfo(bar));
        q.addUnschedulableIfNotPresent(q.pop()!, { error: true });
        setAllow([]);
        clock.step(61 * S);
        q.flushBackoffQCompleted();
        expect(whereIs(q, bar)).toBe(popFromBackoffQ ? 'active' : 'gated');
      });
      it('activated from unschedulablePods: PreEnqueue runs', () => {
        const { q, setAllow } = gatedQueue(popFromBackoffQ);
        q.add(podInfo(bar));
        q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['x'] });
        setAllow([]);
        q.activate([bar]);
        expect(whereIs(q, bar)).toBe('gated');
      });
      it('activated from backoffQ: PreEnqueue runs only without PopFromBackoffQ', () => {
        const { q, setAllow } = gatedQueue(popFromBackoffQ);
        q.add(podInfo(bar));
        q.addUnschedulableIfNotPresent(q.pop()!, { error: true });
        setAllow([]);
        q.activate([bar]);
        expect(whereIs(q, bar)).toBe(popFromBackoffQ ? 'active' : 'gated');
      });
      it('moving to backoffQ: PreEnqueue runs there only with PopFromBackoffQ', () => {
        const { q, setAllow } = gatedQueue(popFromBackoffQ);
        q.add(podInfo(bar));
        q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['x'] });
        setAllow([]);
        q.moveAllToActiveOrBackoffQueue(nodeAdd);
        expect(whereIs(q, bar)).toBe(popFromBackoffQ ? 'gated' : 'backoff');
      });
    });
  }

  it('gated on creation, ungated by the update that removes the scheduling gates', () => {
    let preEnqueueRuns = 0;
    const q = newTestQueue(new FakeClock(), {
      preEnqueue: (pi) => {
        preEnqueueRuns++;
        return schedulingGatesPreEnqueue(pi);
      },
      pluginEvents: (plugin) =>
        plugin === 'SchedulingGates'
          ? [
              {
                event: { resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated },
                hint: (pod, _old, newObj) => ((newObj as Pod).metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip'),
              },
            ]
          : [],
    });
    const gatedPod = makePod('g', { schedulingGates: ['hello world'] });
    q.add(podInfo(gatedPod));
    expect(q.getPod('', 'g')?.pInfo.gated).toBe(true);
    expect(preEnqueueRuns).toBe(1);
    // Events the gate did not register for are not even tried on the pod.
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    q.moveAllToActiveOrBackoffQueue(nodeAdd);
    q.flushUnschedulablePodsLeftover();
    expect(whereIs(q, gatedPod)).toBe('gated');
    expect(preEnqueueRuns).toBe(1);
    const ungated = clone(gatedPod);
    delete ungated.spec.schedulingGates;
    q.update(gatedPod, podInfo(ungated));
    const popped = q.pop()!;
    expect(popped.gated).toBe(false);
    expect(popped.attempts).toBe(1);
  });
});

describe('TestPendingPodsMetric (as counts)', () => {
  function queueWithGate(clock: FakeClock, popFromBackoffQ = true): { q: SchedulingQueue; gateAll: (on: boolean) => void } {
    let all = false;
    const q = newTestQueue(clock, {
      gates: { SchedulerPopFromBackoffQ: popFromBackoffQ },
      preEnqueue: (pi) => allowlistPreEnqueue('preEnqueuePlugin', all ? [''] : ['queueable'])(pi),
      hintMap: [{ event: EVENT_UNSCHEDULED_POD_UPDATE, plugins: [{ plugin: 'preEnqueuePlugin', hint: queueHintReturnQueue }] }],
    });
    return { q, gateAll: (on) => (all = on) };
  }
  const queueable = (i: number): Pod => makePod(`x-${i}`, { namespace: `ns${i}`, uid: `tp-${i}`, labels: { queueable: '' } });

  it('pods in activeQ, unschedulablePods and gated', () => {
    const { q } = queueWithGate(new FakeClock());
    for (let i = 0; i < 20; i++) {
      q.add(podInfo(queueable(i)));
      q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['preEnqueuePlugin'] });
    }
    for (let i = 20; i < 50; i++) q.add(podInfo(queueable(i)));
    for (let i = 0; i < 10; i++) q.add(podInfo(makePod(`y-${i}`, { labels: { failme: '' } })));
    expect(q.counts()).toEqual({ active: 30, backoff: 0, unschedulable: 20, gated: 10, inFlight: 0 });
  });

  const transitions: { name: string; step: boolean; popFromBackoffQ: boolean; ungate: boolean; want: object }[] = [
    { name: 'Ungated to Gated transition into moveToActiveQ', step: true, popFromBackoffQ: true, ungate: false, want: { active: 0, backoff: 0, gated: 1, unschedulable: 0 } },
    { name: 'Ungated to Gated transition into moveToBackoffQ', step: false, popFromBackoffQ: true, ungate: false, want: { active: 0, backoff: 0, gated: 1, unschedulable: 0 } },
    { name: 'Ungated to Gated transition when popFromBackoffQ is disabled', step: true, popFromBackoffQ: false, ungate: false, want: { active: 0, backoff: 0, gated: 1, unschedulable: 0 } },
    { name: 'Ungated -> Gated -> Ungated (ActiveQ) transition', step: true, popFromBackoffQ: true, ungate: true, want: { active: 1, backoff: 0, gated: 0, unschedulable: 0 } },
    { name: 'Ungated -> Gated -> Ungated (BackoffQ) transition', step: false, popFromBackoffQ: true, ungate: true, want: { active: 0, backoff: 1, gated: 0, unschedulable: 0 } },
    { name: 'Ungated -> Gated -> Ungated transition, when popFromBackoffQ is disabled', step: true, popFromBackoffQ: false, ungate: true, want: { active: 1, backoff: 0, gated: 0, unschedulable: 0 } },
  ];
  for (const t of transitions) {
    it(t.name, () => {
      const clock = new FakeClock();
      const { q, gateAll } = queueWithGate(clock, t.popFromBackoffQ);
      const pod = queueable(0);
      q.add(podInfo(pod));
      q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['preEnqueuePlugin'] });
      if (t.step) clock.step(3 * S);
      gateAll(true);
      q.update(pod, podInfo(clone(pod)));
      if (t.ungate) {
        gateAll(false);
        q.update(pod, podInfo(clone(pod)));
      }
      expect(q.counts()).toMatchObject(t.want);
    });
  }
});

describe('Test_InFlightPods (the cases that need no event replay)', () => {
  it('pod is enqueued to backoff if no failed plugin', () => {
    const q = newTestQueue(new FakeClock(), { hintMap: [{ event: EVENT_ASSIGNED_POD_ADD, plugins: [{ plugin: 'fooPlugin1', hint: queueHintReturnQueue }] }] });
    const pod1 = makePod('targetpod', { uid: 'pod1' });
    q.add(podInfo(pod1));
    const p = popExpect(q, pod1);
    q.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_ADD);
    q.addUnschedulableIfNotPresent(p, { error: true });
    expect(whereIs(q, pod1)).toBe('backoff');
    expect(q.inFlightPods()).toEqual([]);
  });

  it('pod is enqueued to unschedulable pod pool if no events that can make the pod schedulable', () => {
    const q = newTestQueue(new FakeClock(), { hintMap: [{ event: EVENT_ASSIGNED_POD_ADD, plugins: [{ plugin: 'fooPlugin1', hint: queueHintReturnQueue }] }] });
    const pod1 = makePod('targetpod', { uid: 'pod1' });
    q.add(podInfo(pod1));
    const p = popExpect(q, pod1);
    expect(q.inFlightPods().map((x) => x.uid)).toEqual(['pod1']);
    q.moveAllToActiveOrBackoffQueue(nodeAdd);
    q.addUnschedulableIfNotPresent(p, { rejectorPlugins: ['fooPlugin1'] });
    expect(whereIs(q, pod1)).toBe('unschedulable');
    expect(q.inFlightPods()).toEqual([]);
  });
});

describe('SchedulingQueue construction', () => {
  it('reads the feature gates', () => {
    const q = new SchedulingQueue({ less: prioritySort, now: () => 0, featureGates: new FeatureGates({ SchedulerPopFromBackoffQ: false }) });
    const pod = makePod('p');
    q.add(podInfo(pod));
    q.addUnschedulableIfNotPresent(q.pop()!, { rejectorPlugins: ['x'] });
    q.moveAllToActiveOrBackoffQueue(EVENT_UNSCHEDULABLE_TIMEOUT);
    expect(q.hasActivePods()).toBe(false);
    expect(q.pop()).toBeUndefined();
  });
});
