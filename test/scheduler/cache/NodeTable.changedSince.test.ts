/** The node table's log of stamped rows: the rows changed since a stamp, without visiting every row. */
import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

describe('NodeTable.changedSince', () => {
  it('lists the rows stamped after a stamp, once per stamp, in stamp order', () => {
    const cache = makeCache(['a', 'b', 'c'].map((n) => makeNode(n)));
    const t = cache.table;
    const since = t.lastStamp;
    const out = new Int32Array(16);
    expect(t.changedSince(since, out)).toBe(0);
    cache.addPod(new PodInfo(makePod('p', { nodeName: 'c' })));
    cache.addPod(new PodInfo(makePod('q', { nodeName: 'a' })));
    cache.addPod(new PodInfo(makePod('r', { nodeName: 'c' })));
    const row = (n: string) => cache.get(n)!.index;
    expect([...out.subarray(0, t.changedSince(since, out))]).toEqual([row('c'), row('a'), row('c')]);
    expect(t.lastStamp).toBe(since + 3);
    // Every logged row's stamp is newer than `since`.
    for (const r of out.subarray(0, 3)) expect(t.generation[r]).toBeGreaterThan(since);
  });

  it('says -1 when the rows asked for are no longer all logged, or do not fit in the output', () => {
    const cache = makeCache([makeNode('a')]);
    const t = cache.table;
    const since = t.lastStamp;
    for (let i = 0; i < 5000; i++) cache.addPod(new PodInfo(makePod(`p${i}`, { nodeName: 'a' })));
    expect(t.changedSince(since, new Int32Array(8192))).toBe(-1);
    expect(t.changedSince(t.lastStamp - 10, new Int32Array(4))).toBe(-1);
    expect(t.changedSince(t.lastStamp - 10, new Int32Array(10))).toBe(10);
    expect(t.changedSince(t.lastStamp + 1, new Int32Array(10))).toBe(-1);
  });
});
