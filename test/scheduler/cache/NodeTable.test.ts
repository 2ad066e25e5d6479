import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAINT_NO_SCHEDULE_OR_EXECUTE, TAINT_PREFER_NO_SCHEDULE } from '../../../src/scheduler/cache/NodeTable.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

describe('NodeTable', () => {
  it('mirrors each NodeInfo in its row', () => {
    const cache = makeCache(
      [makeNode('a', { allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '2' } }), makeNode('b', { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } })],
      [makePod('p', { nodeName: 'a', requests: { cpu: '500m', memory: '1Gi', 'example.com/gpu': '1' } })],
    );
    const t = cache.table;
    const a = cache.get('a')!.index;
    expect([t.allocatableMilliCPU[a], t.requestedMilliCPU[a], t.nonZeroMilliCPU[a], t.podCount[a], t.allowedPodNumber[a]]).toEqual([4000, 500, 500, 1, 110]);
    expect([t.allocatableMemory[a], t.requestedMemory[a]]).toEqual([8 * 2 ** 30, 2 ** 30]);
    const gpu = t.scalars.get('example.com/gpu')!;
    expect([gpu.allocatable[a], gpu.requested[a], gpu.present[a]]).toEqual([2, 1, 1]);
    expect(gpu.present[cache.get('b')!.index]).toBe(0);
  });

  it('stamps a new generation on every change of a row', () => {
    const cache = makeCache([makeNode('a', { allocatable: { cpu: '4', pods: '110' } })]);
    const row = cache.get('a')!.index;
    const g0 = cache.table.generation[row];
    const pod = new PodInfo(makePod('p', { nodeName: 'a', requests: { cpu: '1' } }));
    cache.addPod(pod);
    const g1 = cache.table.generation[row];
    cache.removePod(pod.uid);
    const g2 = cache.table.generation[row];
    expect(new Set([g0, g1, g2]).size).toBe(3);
  });

  it('keeps the counts of cordoned and tainted nodes equal to a recount through any sequence of changes', () => {
    const taintArb = fc.constantFrom<'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' | null>('NoSchedule', 'NoExecute', 'PreferNoSchedule', null);
    const op = fc.record({ node: fc.integer({ min: 0, max: 5 }), action: fc.constantFrom('add', 'update', 'remove'), cordoned: fc.boolean(), taint: taintArb });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const cache = makeCache([]);
        for (const o of ops) {
          const name = `n${o.node}`;
          const node = makeNode(name, {
            allocatable: { cpu: '1', pods: '10' },
            unschedulable: o.cordoned,
            ...(o.taint === null ? {} : { taints: [{ key: 'k', value: 'v', effect: o.taint }] }),
          });
          const existing = cache.get(name);
          if (o.action === 'remove') {
            if (existing !== undefined) cache.removeNode(existing.node);
          } else if (existing !== undefined) cache.updateNode(existing.node, node);
          else cache.addNode(node);
          const t = cache.table;
          const live = cache.nodeInfoList();
          expect(t.unschedulableCount).toBe(live.filter((n) => n.node.spec?.unschedulable === true).length);
          expect(t.taintedCount[TAINT_NO_SCHEDULE_OR_EXECUTE]).toBe(live.filter((n) => n.taints.some((x) => x.effect !== 'PreferNoSchedule')).length);
          expect(t.taintedCount[TAINT_PREFER_NO_SCHEDULE]).toBe(live.filter((n) => n.taints.some((x) => x.effect === 'PreferNoSchedule')).length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
