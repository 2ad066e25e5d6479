/**
 * When no pod on any node has a lower priority than the preemptor, the dry
 * runs record "no victims" on every potential node without visiting them:
 * the same PostFilter result, message and random draws as the dry run per
 * node gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeToStatus } from '../../../../src/scheduler/framework/NodeToStatus.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code, Status } from '../../../../src/scheduler/framework/Status.js';
import { fitPlugin, makeHarness, MakeNode, MakePod, preemptionPlugin, preFilteredState } from './harness.js';

function postFilter(nodes: number, pods: readonly number[], preemptor: number, unresolvable: readonly boolean[], fast: boolean) {
  const h = makeHarness({
    nodes: Array.from({ length: nodes }, (_, i) => MakeNode().Name(`node${i}`).Capacity({ cpu: '1', memory: '1Gi' }).Obj()),
    pods: pods.map((priority, i) => MakePod().Name(`p${i}`).UID(`p${i}`).Node(`node${i % nodes}`).Priority(priority).Req({ cpu: '300m' }).Obj()),
    plugins: (handle) => [fitPlugin(handle)],
  });
  const pl = preemptionPlugin(h);
  // Without the shortcut the evaluator dry-runs every potential node.
  if (!fast) Object.defineProperty(pl, 'anyPotentialVictims', { value: undefined });
  const statuses = new NodeToStatus();
  for (let i = 0; i < nodes; i++) {
    const code = unresolvable[i % unresolvable.length] === true ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
    statuses.set(`node${i}`, new Status(code, ['Insufficient cpu']), h.cache.get(`node${i}`)!);
  }
  const pod = new PodInfo(MakePod().Name('p').UID('p').Priority(preemptor).Req({ cpu: '900m' }).Obj());
  const got = pl.postFilter(preFilteredState(h, pod), pod, statuses);
  return { nominated: got.nominatedNodeName, code: got.status?.code, message: got.status?.message(), evicted: h.recorder.evictions.map(([v]) => v.name), nextDraw: h.handle.random.int(1_000_000) };
}

describe('preemption with no victim anywhere', () => {
  it('gives what the dry run per node gives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.constantFrom(0, 5, 10), { maxLength: 12 }),
        fc.constantFrom(0, 5, 10),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        (nodes, pods, preemptor, unresolvable) => {
          expect(postFilter(nodes, pods, preemptor, unresolvable, true)).toEqual(postFilter(nodes, pods, preemptor, unresolvable, false));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the nodes that had no victim and those where preemption cannot help', () => {
    const r = postFilter(3, [5, 5, 5], 5, [false, true, false], true);
    expect(r.message).toBe('preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
  });
});
