import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { PodJournal } from '../../../src/scheduler/framework/PodJournal.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

const pod = (name: string): PodInfo => new PodInfo(makePod(name, { nodeName: 'a', uid: `uid-${name}`, labels: { name } }));

describe('PodJournal', () => {
  it('gives the entries after a generation while it holds every step up to the present', () => {
    const j = new PodJournal();
    const [p, q] = [pod('p'), pod('q')];
    j.record(p, 1, 0);
    j.record(q, 1, 1);
    j.record(p, -1, 2);
    expect(j.since(0, 3)).toBe(0);
    expect(j.since(1, 3)).toBe(1);
    expect(j.since(3, 3)).toBe(3); // up to date: nothing to apply
    expect(j.labels.slice(j.since(1, 3))).toEqual([q.labels, p.labels]);
    expect(j.signs.slice(j.since(1, 3))).toEqual([1, -1]);
    expect(j.since(1, 4)).toBe(-1); // a step it did not see
  });

  it('keeps only the latest entries, and restarts after a step it did not log', () => {
    const j = new PodJournal();
    const p = pod('p');
    for (let g = 0; g < 40; g++) j.record(p, 1, g);
    expect(j.since(0, 40)).toBe(-1);
    expect(j.since(39, 40)).toBeGreaterThanOrEqual(0);
    j.record(p, -1, 41); // generation 40 → 41 happened elsewhere (the node's labels)
    expect(j.since(39, 42)).toBe(-1);
    expect(j.since(41, 42)).toBe(0);
  });

  it('rewinds a replaced pod that selectors see as the same', () => {
    const j = new PodJournal();
    const [p, q] = [pod('p'), pod('q')];
    j.record(p, 1, 0);
    j.record(q, -1, 1);
    j.record(q, 1, 2);
    j.rewind(1);
    expect(j.since(0, 1)).toBe(0);
    expect(j.length).toBe(1);
    expect(j.labels).toEqual([p.labels]);
  });
});

describe('NodeInfo keeps a journal for cache nodes only', () => {
  it('logs a cache node’s pods and empties on a change to the node itself', () => {
    const cache = makeCache([makeNode('a')]);
    const a = cache.get('a')!;
    const p = pod('p');
    a.addPod(p);
    expect(a.podJournal?.since(0, a.matchGeneration)).toBe(0);
    a.nodeChangedForSelectors();
    expect(a.podJournal?.since(0, a.matchGeneration)).toBe(-1);
    expect(a.podJournal?.since(a.matchGeneration, a.matchGeneration)).toBe(0);
    const clone = a.clone();
    clone.removePod(p);
    expect(clone.podJournal).toBeNull();
  });
});
