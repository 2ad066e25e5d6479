import { describe, expect, it } from 'vitest';
import { FilterVerdictMemo } from '../../../src/scheduler/cycle/FilterVerdictMemo.js';
import type { FilterPlugin } from '../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

const f1: FilterPlugin = { name: 'A', filter: () => null, rowLocal: true };
const f2: FilterPlugin = { name: 'B', filter: () => null, rowLocal: true };

describe('FilterVerdictMemo', () => {
  it('has nothing for a pod until its second failure, then every row is unknown', () => {
    const table = makeCache([makeNode('a')]).table;
    const memo = new FilterVerdictMemo();
    const pod = new PodInfo(makePod('p'));
    expect(memo.get(pod, table, [f1])).toBeNull();
    memo.start(pod, table, [f1]);
    expect(memo.get(pod, table, [f1])).toBeNull();
    memo.start(pod, table, [f1]);
    const v = memo.get(pod, table, [f1])!;
    expect(v.generation.length).toBe(table.capacity);
    expect([...v.generation].every((g) => g === -1)).toBe(true);
  });

  it('forgets a pod whose filters changed, or when the table grew or gained a column', () => {
    const cache = makeCache([makeNode('a')]);
    const memo = new FilterVerdictMemo();
    const pod = new PodInfo(makePod('p'));
    memo.start(pod, cache.table, [f1, f2]);
    memo.start(pod, cache.table, [f1, f2]);
    expect(memo.get(pod, cache.table, [f1])).toBeNull();
    memo.start(pod, cache.table, [f1]);
    cache.table.scalar('example.com/foo'); // a new column: a new epoch
    expect(memo.get(pod, cache.table, [f1])).toBeNull();
  });

  it('keeps the most recently used pods only', () => {
    const table = makeCache([makeNode('a')]).table;
    const memo = new FilterVerdictMemo(2);
    const [p, q, r] = ['p', 'q', 'r'].map((n) => new PodInfo(makePod(n)));
    for (const pod of [p!, p!, q!, q!]) memo.start(pod, table, [f1]);
    expect(memo.get(p!, table, [f1])).not.toBeNull(); // p is now the most recent
    memo.start(r!, table, [f1]);
    memo.start(r!, table, [f1]);
    expect(memo.size).toBe(2);
    expect(memo.get(q!, table, [f1])).toBeNull();
    expect(memo.get(p!, table, [f1])).not.toBeNull();
  });
});
