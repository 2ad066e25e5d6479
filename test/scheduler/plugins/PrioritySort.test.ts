/**
 * PrioritySort: upstream's priority_sort_test.go (TestLess).
 */
import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { PrioritySort, PrioritySortPlugin } from '../../../src/scheduler/plugins/PrioritySort.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { pod } from './noderesourcesTestUtil.js';

const plugin = PrioritySort.factory(undefined, makeHandle(makeCache([]))) as PrioritySortPlugin;
const lowPriority = 10;
const highPriority = 20;
const withPriority = (priority: number): PodInfo => {
  const p = pod([]);
  p.spec.priority = priority;
  return new PodInfo(p);
};
const t1 = 1_000_000;
const t2 = 2_000_000;

describe('PrioritySort: TestLess', () => {
  const cases = [
    { name: 'p1.priority less than p2.priority', p1: withPriority(lowPriority), t1: t1, p2: withPriority(highPriority), t2: t1, want: false },
    { name: 'p1.priority greater than p2.priority', p1: withPriority(highPriority), t1: t1, p2: withPriority(lowPriority), t2: t1, want: true },
    { name: 'equal priority. p1 is added to schedulingQ earlier than p2', p1: withPriority(highPriority), t1: t1, p2: withPriority(highPriority), t2: t2, want: true },
    { name: 'equal priority. p2 is added to schedulingQ earlier than p1', p1: withPriority(highPriority), t1: t2, p2: withPriority(highPriority), t2: t1, want: false },
    { name: 'no priority counts as 0 (kubesim)', p1: new PodInfo(pod([])), t1: t2, p2: withPriority(-1), t2: t1, want: true },
    { name: 'equal priority and timestamp: neither is less (kubesim)', p1: withPriority(5), t1: t1, p2: withPriority(5), t2: t1, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(plugin.less({ podInfo: c.p1, timestamp: c.t1 }, { podInfo: c.p2, timestamp: c.t2 })).toBe(c.want));
  }
});
