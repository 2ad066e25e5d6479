/**
 * The queue's containers: the keyed heap (backend/heap), the unschedulable
 * pool (unschedulable_pods_test.go) and the active queue's pop bookkeeping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ActiveQueue } from '../../../src/scheduler/queue/activeQueue.js';
import { KeyedHeap } from '../../../src/scheduler/queue/heap.js';
import { QueuedPodInfo } from '../../../src/scheduler/queue/QueuedPodInfo.js';
import { UnschedulablePods } from '../../../src/scheduler/queue/unschedulablePods.js';
import { clone, makePod, podInfo, prioritySort } from './helpers.js';

describe('KeyedHeap', () => {
  interface Item {
    key: string;
    v: number;
  }
  const newHeap = (): KeyedHeap<Item> => new KeyedHeap<Item>((i) => i.key, (a, b) => a.v < b.v || (a.v === b.v && a.key < b.key));

  it('pops in order after any sequence of addOrUpdate and delete', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: fc.constantFrom('add', 'add', 'delete'), key: fc.integer({ min: 0, max: 30 }), v: fc.integer({ min: -50, max: 50 }) }), { maxLength: 200 }),
        (ops) => {
          const h = newHeap();
          const model = new Map<string, number>();
          for (const { op, key, v } of ops) {
            const k = `k${key}`;
            if (op === 'add') {
              h.addOrUpdate({ key: k, v });
              model.set(k, v);
            } else {
              expect(h.deleteKey(k)?.key).toBe(model.has(k) ? k : undefined);
              model.delete(k);
            }
            expect(h.length).toBe(model.size);
          }
          const want = [...model.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
          const got: string[] = [];
          for (let it = h.pop(); it !== undefined; it = h.pop()) got.push(it.key);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it('get, has and peek', () => {
    const h = newHeap();
    h.addOrUpdate({ key: 'a', v: 3 });
    h.addOrUpdate({ key: 'b', v: 1 });
    expect(h.peek()?.key).toBe('b');
    h.addOrUpdate({ key: 'a', v: 0 });
    expect(h.peek()?.key).toBe('a');
    expect(h.getKey('b')?.v).toBe(1);
    expect(h.hasKey('c')).toBe(false);
    expect(h.deleteKey('c')).toBeUndefined();
  });
});

describe('TestUnschedulablePods', () => {
  const pods = [
    makePod('p0', { namespace: 'ns1', annotations: { annot1: 'val1' }, nominatedNodeName: 'node1' }),
    makePod('p1', { namespace: 'ns1', annotations: { annot: 'val' } }),
    makePod('p2', { namespace: 'ns2', annotations: { annot2: 'val2', annot3: 'val3' }, nominatedNodeName: 'node3' }),
    makePod('p3', { namespace: 'ns4', annotations: { annot2: 'val2', annot3: 'val3' }, nominatedNodeName: 'node1' }),
  ];
  const updated = [clone(pods[0]!), clone(pods[1]!), undefined, clone(pods[3]!)];
  const q = (p: (typeof pods)[number]): QueuedPodInfo => new QueuedPodInfo(podInfo(p), 0);
  const cases = [
    { name: 'create, update, delete subset of pods', add: [0, 1, 2, 3], update: [0], del: [0, 1], after: ['p2', 'p3'] },
    { name: 'create, update, delete all', add: [0, 3], update: [3], del: [0, 3], after: [] },
    { name: 'delete non-existing and existing pods', add: [1, 2], update: [1], del: [2, 3], after: ['p1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const u = new UnschedulablePods();
      for (const i of c.add) u.addOrUpdate(q(pods[i]!));
      expect(u.list().map((p) => p.podInfo.name)).toEqual(c.add.map((i) => `p${i}`));
      for (const i of c.update) {
        const np = q(updated[i]!);
        u.addOrUpdate(np);
        expect(u.get(np.key)).toBe(np);
      }
      expect(u.length).toBe(c.add.length);
      for (const i of c.del) u.delete(q(pods[i]!).key);
      expect(u.list().map((p) => p.podInfo.name)).toEqual(c.after);
    });
  }

  it('counts gated pods by their current gate', () => {
    const u = new UnschedulablePods();
    const a = q(pods[0]!);
    const b = q(pods[1]!);
    u.addOrUpdate(a);
    u.addOrUpdate(b);
    expect(u.countGated()).toBe(0);
    b.gatingPlugin = 'SchedulingGates';
    expect(u.countGated()).toBe(1);
  });
});

describe('ActiveQueue', () => {
  it('pop counts attempts and cycles and marks pods in flight; done clears them', () => {
    const aq = new ActiveQueue(prioritySort, null);
    const p1 = new QueuedPodInfo(podInfo(makePod('p1', { namespace: 'foo' })), 0);
    const p2 = new QueuedPodInfo(podInfo(makePod('p2', { namespace: 'bar', priority: 5 })), 0);
    aq.add(p1);
    aq.add(p2);
    expect(aq.pop()?.pInfo).toBe(p2);
    expect(aq.pop()?.pInfo).toBe(p1);
    expect(aq.pop()).toBeUndefined();
    expect(aq.schedulingCycle()).toBe(2);
    expect(p1.attempts).toBe(1);
    expect(aq.inFlightPods().length).toBe(2);
    aq.done(p1.uid);
    aq.done(p2.uid);
    expect(aq.inFlightPods().length).toBe(0);
  });

  it('a pod already in flight is discarded and the next one popped', () => {
    const aq = new ActiveQueue(prioritySort, null);
    const p1 = new QueuedPodInfo(podInfo(makePod('targetpod', { uid: 'pod1' })), 0);
    const p3 = new QueuedPodInfo(podInfo(makePod('targetpod3', { uid: 'pod3' })), 1);
    aq.add(p1);
    expect(aq.pop()?.pInfo).toBe(p1);
    // Simulate a bug: the pod is put back into activeQ while it is being scheduled.
    aq.add(p1);
    aq.add(p3);
    expect(aq.pop()?.pInfo).toBe(p3);
    expect(aq.length).toBe(0);
    expect(aq.schedulingCycle()).toBe(2);
  });
});
