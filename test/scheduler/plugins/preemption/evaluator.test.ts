/**
 * The preemption evaluator, ported from
 * pkg/scheduler/framework/preemption/preemption_test.go (TestDryRunPreemption
 * with FakePostFilterPlugin, TestSelectCandidate with custom score functions,
 * TestPrepareCandidate as far as kubesim's handle goes), plus its helpers
 * (pickOneNodeForPreemption, Go's sort.Slice, start times, PDB filtering)
 * and properties of victim selection on random clusters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, PodDisruptionBudget } from '../../../../src/api/types.js';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import { NodeToStatus } from '../../../../src/scheduler/framework/NodeToStatus.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code, Status } from '../../../../src/scheduler/framework/Status.js';
import type { Candidate, PreemptionInterface, Victims } from '../../../../src/scheduler/plugins/preemption/Candidate.js';
import { candidatesToVictimsMap, Evaluator } from '../../../../src/scheduler/plugins/preemption/Evaluator.js';
import { goSortSlice } from '../../../../src/scheduler/plugins/preemption/goSort.js';
import { filterPodsWithPDBViolation } from '../../../../src/scheduler/plugins/preemption/pdbViolation.js';
import { pickOneNodeForPreemption } from '../../../../src/scheduler/plugins/preemption/pickOneNodeForPreemption.js';
import {
  earliestPodStartTime,
  moreImportantPod,
  NOW_NANOS,
  parseRFC3339Nanos,
  podStartTime,
} from '../../../../src/scheduler/plugins/preemption/podOrder.js';
import {
  epochTime,
  fitPlugin,
  highPriority,
  lowPriority,
  makeHarness,
  MakeNode,
  makePDB,
  MakePod,
  midPriority,
  preemptionPlugin,
  preFilteredState,
  veryLargeRes,
  type Harness,
} from './harness.js';

/** FakePostFilterPlugin of preemption_test.go: the node's first pod is the victim. */
function fakePostFilterPlugin(numViolatingVictim: number, scoreBy?: (v: Victims) => bigint): PreemptionInterface {
  return {
    getOffsetAndNumCandidates: (n) => ({ offset: 0, numCandidates: n }),
    candidatesToVictimsMap: (c) => (scoreBy === undefined ? new Map() : candidatesToVictimsMap(c)),
    podEligibleToPreemptOthers: () => ({ eligible: true, message: '' }),
    selectVictimsOnNode: (_s, _p, nodeInfo) => ({ victims: [nodeInfo.pods[0]!], numViolatingVictim, status: null }),
    orderedScoreFuncs: (m) => (scoreBy === undefined ? null : [(node: string) => scoreBy(m.get(node)!)]),
  };
}

describe('TestDryRunPreemption (preemption_test.go)', () => {
  for (const tt of [
    { name: 'no pdb violation', numViolatingVictim: 0 },
    { name: 'pdb violation on each node', numViolatingVictim: 1 },
  ]) {
    it(tt.name, () => {
      const h = makeHarness({
        nodes: ['node1', 'node2'].map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()),
        pods: [MakePod().Name('p1').UID('p1').Node('node1').Priority(midPriority).Obj(), MakePod().Name('p2').UID('p2').Node('node2').Priority(midPriority).Obj()],
      });
      const ev = new Evaluator('FakePostFilter', h.handle, fakePostFilterPlugin(tt.numViolatingVictim), true);
      const pod = new PodInfo(MakePod().Name('p').UID('p').Priority(highPriority).Obj());
      const nodeInfos = h.cache.nodeInfoList();
      const got = ev.dryRunPreemption(new CycleState(), pod, nodeInfos, [], 0, nodeInfos.length);
      expect(got.candidates.map((c) => [c.name, c.victims.pods.map((p) => p.name), c.victims.numPDBViolations])).toEqual([
        ['node1', ['p1'], tt.numViolatingVictim],
        ['node2', ['p2'], tt.numViolatingVictim],
      ]);
    });
  }

  it('records the statuses of nodes that are no candidates and aggregates their errors', () => {
    const h = makeHarness({ nodes: ['a', 'b', 'c'].map((n) => MakeNode().Name(n).Obj()) });
    const statusOf: Record<string, Status | null> = {
      a: new Status(Code.Error, ['boom']),
      b: null, // Success without victims: upstream's "expected at least one victim pod"
      c: new Status(Code.Unschedulable, ['Insufficient cpu']),
    };
    const plugin: PreemptionInterface = {
      ...fakePostFilterPlugin(0),
      selectVictimsOnNode: (_s, _p, nodeInfo) => ({ victims: [], numViolatingVictim: 0, status: statusOf[nodeInfo.name] ?? null }),
    };
    const ev = new Evaluator('Fake', h.handle, plugin, true);
    const got = ev.dryRunPreemption(new CycleState(), new PodInfo(MakePod().Name('p').Obj()), h.cache.nodeInfoList(), [], 0, 3);
    expect(got.candidates).toEqual([]);
    expect(got.nodeStatuses.get('a')?.message()).toBe('boom');
    expect(got.nodeStatuses.get('b')?.code).toBe(Code.Error);
    expect(got.nodeStatuses.get('b')?.message()).toBe('expected at least one victim pod on node "b"');
    expect(got.nodeStatuses.get('c')?.code).toBe(Code.Unschedulable);
    expect(got.error).toBe('[boom, expected at least one victim pod on node "b"]');
  });
});

describe('TestSelectCandidate (preemption_test.go)', () => {
  it('pod has different number of containers on each node: the custom score function decides', () => {
    const h = makeHarness({
      nodes: ['node1', 'node2', 'node3'].map((n) => MakeNode().Name(n).Capacity(veryLargeRes).Obj()),
      pods: [
        MakePod().Name('p1.1').UID('p1.1').Node('node1').Priority(midPriority).Containers(2).Obj(),
        MakePod().Name('p2.1').UID('p2.1').Node('node2').Priority(midPriority).Containers(1).Obj(),
        MakePod().Name('p3.1').UID('p3.1').Node('node3').Priority(midPriority).Containers(3).Obj(),
      ],
    });
    // FakePreemptionScorePostFilterPlugin: every victim violates a PDB; fewer containers is better.
    const sumContainers = (v: Victims): bigint => -BigInt(v.pods.reduce((s, p) => s + p.pod.spec.containers.length + (p.pod.spec.initContainers?.length ?? 0), 0));
    const ev = new Evaluator('FakePreemptionScorePostFilter', h.handle, fakePostFilterPlugin(1, sumContainers), true);
    const pod = new PodInfo(MakePod().Name('p').UID('p').Priority(highPriority).Req(veryLargeRes).Obj());
    const nodeInfos = h.cache.nodeInfoList();
    const { candidates } = ev.dryRunPreemption(new CycleState(), pod, nodeInfos, [], 0, nodeInfos.length);
    expect(candidates.length).toBe(3);
    expect(ev.selectCandidate(candidates)?.name).toBe('node2');
  });

  it('returns null for no candidates and the only one without scoring', () => {
    const h = makeHarness({ nodes: [] });
    const ev = new Evaluator('x', h.handle, fakePostFilterPlugin(0), true);
    expect(ev.selectCandidate([])).toBeNull();
    const only: Candidate = { name: 'n', victims: { pods: [], numPDBViolations: 0 } };
    expect(ev.selectCandidate([only])).toBe(only);
  });
});

describe('TestPrepareCandidate (preemption_test.go, kubesim handle)', () => {
  function setup(): { h: Harness; ev: (async: boolean) => Evaluator; preemptor: PodInfo; victim1: PodInfo; deleting: PodInfo } {
    const victim1 = MakePod().Name('victim1').UID('victim1').Node('node1').SchedulerName('default-scheduler').Priority(midPriority).Obj();
    const deleting = MakePod().Name('victim2').UID('victim2').Node('node1').Priority(midPriority).Terminating().Obj();
    const h = makeHarness({ nodes: [MakeNode().Name('node1').Obj()], pods: [victim1, deleting] });
    const preemptor = new PodInfo(MakePod().Name('preemptor').UID('preemptor').SchedulerName('default-scheduler').Priority(highPriority).Obj());
    // Two pods nominated to node1: a lower-priority one (loses its nomination) and a higher one (keeps it).
    h.nominator.addNominatedPod(new PodInfo(MakePod().Name('low-nominated').Priority(lowPriority).NominatedNodeName('node1').Obj()), 'node1');
    h.nominator.addNominatedPod(new PodInfo(MakePod().Name('high-nominated').Priority(highPriority + 1).NominatedNodeName('node1').Obj()), 'node1');
    const ev = (async: boolean): Evaluator => preemptionPlugin(h, {}, async).evaluator;
    return { h, ev, preemptor, victim1: new PodInfo(victim1), deleting: new PodInfo(deleting) };
  }

  it('no victims: nothing is evicted; async preemption does not even clear nominations', () => {
    for (const async of [true, false]) {
      const { h, ev, preemptor } = setup();
      const c: Candidate = { name: 'node1', victims: { pods: [], numPDBViolations: 0 } };
      if (async) ev(true).prepareCandidateAsync(c, preemptor);
      else expect(ev(false).prepareCandidate(c, preemptor)).toBeNull();
      expect(h.recorder.evictions).toEqual([]);
      expect(h.recorder.calls).toEqual(async ? [] : ['clear:low-nominated']);
    }
  });

  it('one victim: evicted by the preemptor; lower-priority nominations to the node cleared (async first, sync after)', () => {
    for (const async of [true, false]) {
      const { h, ev, preemptor, victim1 } = setup();
      const c: Candidate = { name: 'node1', victims: { pods: [victim1], numPDBViolations: 0 } };
      if (async) ev(true).prepareCandidateAsync(c, preemptor);
      else ev(false).prepareCandidate(c, preemptor);
      expect(h.recorder.calls).toEqual(async ? ['clear:low-nominated', 'evict:victim1'] : ['evict:victim1', 'clear:low-nominated']);
      expect(h.recorder.evictions[0]![1]).toBe(preemptor);
    }
  });

  it('victims already being deleted get no second API call', () => {
    for (const async of [true, false]) {
      const { h, ev, preemptor, victim1, deleting } = setup();
      const c: Candidate = { name: 'node1', victims: { pods: [victim1, deleting], numPDBViolations: 0 } };
      if (async) ev(true).prepareCandidateAsync(c, preemptor);
      else ev(false).prepareCandidate(c, preemptor);
      expect(h.recorder.evictions.map(([v]) => v.name)).toEqual(['victim1']);
    }
  });
});

describe('pickOneNodeForPreemption (preemption.go)', () => {
  const victim = (name: string, priority: number, start?: number): PodInfo => {
    const b = MakePod().Name(name).Priority(priority);
    if (start !== undefined) b.StartTime(epochTime(start));
    return new PodInfo(b.Obj());
  };
  const pick = (m: Record<string, { pods: PodInfo[]; numPDBViolations?: number }>): string =>
    pickOneNodeForPreemption(new Map(Object.entries(m).map(([k, v]) => [k, { pods: v.pods, numPDBViolations: v.numPDBViolations ?? 0 }])), null);

  it('fewest PDB violations first', () => {
    expect(pick({ a: { pods: [victim('x', 1)], numPDBViolations: 2 }, b: { pods: [victim('y', 1000)], numPDBViolations: 1 } })).toBe('b');
  });
  it('then the lowest highest-priority victim', () => {
    expect(pick({ a: { pods: [victim('x', 100), victim('x2', 1)] }, b: { pods: [victim('y', 50), victim('y2', 50), victim('y3', 50)] } })).toBe('b');
  });
  it('then the lowest sum of priorities shifted by 2^31 (so fewer negative-priority pods beat more)', () => {
    expect(pick({ a: { pods: [victim('x', 10), victim('x2', -100), victim('x3', -100)] }, b: { pods: [victim('y', 10), victim('y2', -100)] } })).toBe('b');
  });
  it('then the fewest victims (equal shifted sums: a -2^31 victim adds nothing)', () => {
    expect(pick({ a: { pods: [victim('x', 10, 1), victim('x2', -2147483648, 1)] }, b: { pods: [victim('y', 10, 0)] } })).toBe('b');
  });
  it('latest earliest start time among the highest-priority victims; missing start time counts as now', () => {
    expect(pick({ a: { pods: [victim('x', 10, 5), victim('x2', 10, 1)] }, b: { pods: [victim('y', 10, 3), victim('y2', 10, 2)] } })).toBe('b');
    expect(pick({ a: { pods: [victim('x', 10, 5)] }, b: { pods: [victim('y', 10)] } })).toBe('b');
  });
  it('when every criterion ties, the first node in candidate order', () => {
    expect(pick({ z: { pods: [victim('x', 10, 1)] }, a: { pods: [victim('y', 10, 1)] } })).toBe('z');
    expect(pick({ a: { pods: [victim('y', 10, 1)] }, z: { pods: [victim('x', 10, 1)] } })).toBe('a');
  });
  it('returns "" for no candidates', () => {
    expect(pickOneNodeForPreemption(new Map(), null)).toBe('');
  });
});

describe("Go's sort.Slice (pdqsort)", () => {
  it('sorts any input into a permutation ordered by less', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer()), { maxLength: 300 }), (raw) => {
        const items = raw.map(([k, v], i) => ({ k, v, i }));
        const sorted = [...items];
        goSortSlice(sorted, (a, b) => a.k < b.k);
        for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1]!.k <= sorted[i]!.k).toBe(true);
        expect(sorted.map((x) => x.i).sort((a, b) => a - b)).toEqual(items.map((x) => x.i));
      }),
      { numRuns: 300 },
    );
  });

  it('is insertion sort, hence stable, up to 12 elements', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), (keys) => {
        const items = keys.map((k, i) => ({ k, i }));
        goSortSlice(items, (a, b) => a.k < b.k);
        const stable = keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i);
        expect(items).toEqual(stable);
      }),
    );
  });

  it('leaves an input of equal elements as it is, and sorts descending runs (pattern paths)', () => {
    const eq = Array.from({ length: 100 }, (_, i) => ({ k: 1, i }));
    goSortSlice(eq, (a, b) => a.k < b.k);
    expect(eq.map((x) => x.i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const desc = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    goSortSlice(desc, (a, b) => a < b);
    expect(desc).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // Organ pipe, sawtooth: inputs that defeat naive pivots, forcing breakPatterns / heapsort fallbacks.
    const organ = [...Array.from({ length: 500 }, (_, i) => i), ...Array.from({ length: 500 }, (_, i) => 500 - i)];
    goSortSlice(organ, (a, b) => a < b);
    expect(organ).toEqual([...organ].sort((a, b) => a - b));
    const saw = Array.from({ length: 777 }, (_, i) => i % 17);
    goSortSlice(saw, (a, b) => a < b);
    expect(saw).toEqual([...saw].sort((a, b) => a - b));
  });

  it('is not stable past 12 elements, deterministically', () => {
    const run = (): number[] => {
      const items = Array.from({ length: 40 }, (_, i) => ({ k: (i * 7) % 3, i }));
      goSortSlice(items, (a, b) => a.k < b.k);
      return items.map((x) => x.i);
    };
    const a = run();
    expect(run()).toEqual(a);
    const stable = Array.from({ length: 40 }, (_, i) => ({ k: (i * 7) % 3, i }))
      .sort((x, y) => x.k - y.k || x.i - y.i)
      .map((x) => x.i);
    expect(a).not.toEqual(stable);
  });
});

describe('start times and importance (pkg/scheduler/util)', () => {
  it('parses RFC 3339 to the nanosecond, with offsets', () => {
    expect(parseRFC3339Nanos('1970-01-01T00:00:00Z')).toBe(0n);
    expect(parseRFC3339Nanos('1970-01-01T00:00:00.000000001Z')).toBe(1n);
    expect(parseRFC3339Nanos('1970-01-01T00:00:01.5Z')).toBe(1_500_000_000n);
    expect(parseRFC3339Nanos('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(parseRFC3339Nanos('2024-02-29T12:34:56.123456789Z')).toBe(1709210096123456789n);
    expect(parseRFC3339Nanos('yesterday')).toBeUndefined();
  });

  it('a pod without a start time started "now", after every recorded start', () => {
    expect(podStartTime(MakePod().Name('x').Obj())).toBe(NOW_NANOS);
    expect(podStartTime(MakePod().Name('x').StartTime(epochTime(3)).Obj())).toBe(3n);
  });

  it('MoreImportantPod: priority, then the earlier start; equal start times are not more important', () => {
    const p = (prio: number, start?: number): PodInfo => {
      const b = MakePod().Name('x').Priority(prio);
      if (start !== undefined) b.StartTime(epochTime(start));
      return new PodInfo(b.Obj());
    };
    expect(moreImportantPod(p(2, 9), p(1, 0))).toBe(true);
    expect(moreImportantPod(p(1, 0), p(2, 9))).toBe(false);
    expect(moreImportantPod(p(1, 1), p(1, 2))).toBe(true);
    expect(moreImportantPod(p(1, 2), p(1, 1))).toBe(false);
    expect(moreImportantPod(p(1, 2), p(1, 2))).toBe(false);
    expect(moreImportantPod(p(1, 2), p(1))).toBe(true);
    expect(moreImportantPod(p(1), p(1))).toBe(false);
  });

  it('GetEarliestPodStartTime looks only at the highest-priority victims', () => {
    const v = (prio: number, start: number): PodInfo => new PodInfo(MakePod().Name('x').Priority(prio).StartTime(epochTime(start)).Obj());
    expect(earliestPodStartTime([v(1, 5), v(3, 9), v(2, 1), v(3, 7)])).toBe(7n);
    expect(earliestPodStartTime([v(3, 9), v(3, 4)])).toBe(4n);
  });
});

describe('filterPodsWithPDBViolation (default_preemption.go)', () => {
  const pod = (name: string, labels: Record<string, string>, ns = ''): PodInfo => {
    const b = MakePod().Name(name).Namespace(ns);
    for (const [k, v] of Object.entries(labels)) b.Label(k, v);
    return new PodInfo(b.Obj());
  };
  it('decrements each matching budget and keeps the input order in both groups', () => {
    const pdbs = [makePDB({ matchLabels: { app: 'a' }, disruptionsAllowed: 1 })];
    const pods = [pod('1', { app: 'a' }), pod('2', { app: 'b' }), pod('3', { app: 'a' }), pod('4', { app: 'a' })];
    const { violating, nonViolating } = filterPodsWithPDBViolation(pods, pdbs);
    expect(violating.map((p) => p.name)).toEqual(['3', '4']);
    expect(nonViolating.map((p) => p.name)).toEqual(['1', '2']);
  });
  it('ignores pods without labels, other namespaces, empty and nil selectors, and pods already disrupted', () => {
    const emptySel: PodDisruptionBudget = { ...makePDB({}), spec: { selector: {} } };
    const nilSel: PodDisruptionBudget = { ...makePDB({}), spec: {} };
    const otherNs = makePDB({ namespace: 'other', matchLabels: { app: 'a' } });
    const disrupted = makePDB({ name: 'd', matchLabels: { app: 'a' }, disruptedPods: { p: '2025-01-01T00:00:00Z' } });
    const { violating } = filterPodsWithPDBViolation([pod('p', { app: 'a' }), pod('q', {})], [emptySel, nilSel, otherNs, disrupted]);
    expect(violating).toEqual([]);
    const invalid: PodDisruptionBudget = { ...makePDB({}), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } } };
    expect(filterPodsWithPDBViolation([pod('p', { app: 'a' })], [invalid]).violating).toEqual([]);
  });
  it('a pod matching one exhausted budget is violating even when another still allows it', () => {
    const pdbs = [makePDB({ name: 'x', matchLabels: { app: 'a' }, disruptionsAllowed: 5 }), makePDB({ name: 'y', matchLabels: { tier: 't' } })];
    expect(filterPodsWithPDBViolation([pod('p', { app: 'a', tier: 't' })], pdbs).violating.map((p) => p.name)).toEqual(['p']);
  });
});

describe('Preempt on random clusters (properties)', () => {
  const arbCluster = fc.record({
    nodes: fc.array(
      fc.record({
        cpu: fc.integer({ min: 1, max: 8 }),
        pods: fc.array(fc.record({ cpu: fc.integer({ min: 0, max: 4 }), priority: fc.integer({ min: -2, max: 3 }), start: fc.integer({ min: 0, max: 3 }) }), {
          maxLength: 6,
        }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    preemptor: fc.record({ cpu: fc.integer({ min: 1, max: 8 }), priority: fc.integer({ min: -1, max: 4 }) }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  interface ClusterSpec {
    nodes: { cpu: number; pods: { cpu: number; priority: number; start: number }[] }[];
    preemptor: { cpu: number; priority: number };
    seed: number;
  }

  function build(c: ClusterSpec): { h: Harness; preemptor: PodInfo } {
    const nodes = c.nodes.map((n, i) => MakeNode().Name(`n${i}`).Capacity({ cpu: String(n.cpu), memory: '1Gi' }).Obj());
    const pods: Pod[] = [];
    c.nodes.forEach((n, i) =>
      n.pods.forEach((p, j) =>
        pods.push(MakePod().Name(`p${i}-${j}`).Node(`n${i}`).Priority(p.priority).Req({ cpu: String(p.cpu) }).StartTime(epochTime(p.start)).Obj()),
      ),
    );
    const h = makeHarness({ nodes, pods, plugins: (handle) => [fitPlugin(handle)], seed: c.seed });
    const preemptor = new PodInfo(MakePod().Name('p').Priority(c.preemptor.priority).Req({ cpu: String(c.preemptor.cpu) }).Obj());
    return { h, preemptor };
  }

  it('victims have lower priority, the pod fits without them, and each victim alone would not fit back', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const { h, preemptor } = build(c);
        const fit = h.framework.plugins.filter[0]!;
        const statuses = new NodeToStatus();
        for (const n of h.cache.nodeInfoList()) {
          const s = h.framework.runFilterPlugins(preFilteredState(h, preemptor), preemptor, n);
          if (s !== null) statuses.set(n.name, s);
        }
        const pl = preemptionPlugin(h);
        const res = pl.evaluator.preempt(preFilteredState(h, preemptor), preemptor, statuses);
        if (res.nominatedNodeName === null || res.nominatedNodeName === '') {
          expect(h.recorder.evictions).toEqual([]);
          return;
        }
        const node = h.cache.get(res.nominatedNodeName)!;
        expect(statuses.codeOf(node.name)).toBe(Code.Unschedulable);
        const victims = h.recorder.evictions.map(([v]) => v);
        expect(victims.length).toBeGreaterThan(0);
        for (const v of victims) expect(v.priority).toBeLessThan(preemptor.priority);
        const after = node.clone();
        for (const v of victims) after.removePod(v);
        const state = preFilteredState(h, preemptor);
        expect(fit.filter(state, preemptor, after)).toBeNull();
        for (const v of victims) {
          const back = after.clone();
          back.addPod(v);
          expect(fit.filter(state, preemptor, back)).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const run = (): string => {
          const { h, preemptor } = build(c);
          const statuses = new NodeToStatus();
          for (const n of h.cache.nodeInfoList()) statuses.set(n.name, new Status(Code.Unschedulable));
          const res = preemptionPlugin(h).evaluator.preempt(preFilteredState(h, preemptor), preemptor, statuses);
          return `${res.nominatedNodeName}|${h.recorder.calls.join(',')}|${res.status?.message() ?? ''}`;
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 100 },
    );
  });
});
