import { describe, expect, it } from 'vitest';
import { selectorFromSet, labelSelectorAsSelector, NOTHING } from '../../../src/api/labels.js';
import type { Pod } from '../../../src/api/types.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

const bound = (name: string, node: string, labels: Record<string, string>, namespace = 'default'): Pod => makePod(name, { labels, namespace, nodeName: node, uid: `uid-${name}` });

/** The node names and counts of a map, sorted by name. */
const named = (m: ReadonlyMap<{ name: string }, number> | null | undefined): [string, number][] =>
  m === null || m === undefined ? [] : [...m].map(([n, c]): [string, number] => [n.name, c]).sort();

describe('PodLabelIndex, as the scheduler cache keeps it', () => {
  it('counts the pods with each label value per node and namespace, from the first time a key is asked about', () => {
    const cache = makeCache([makeNode('a'), makeNode('b')], [bound('p', 'a', { app: 'web' }), bound('q', 'a', { app: 'web' }), bound('r', 'b', { app: 'web', tier: 'x' }), bound('s', 'b', { app: 'web' }, 'other')]);
    const idx = cache.podLabels;
    expect(named(idx.nodesWith('default', 'app', 'web'))).toEqual([['a', 2], ['b', 1]]);
    expect(named(idx.nodesWith('default', 'tier', 'x'))).toEqual([['b', 1]]);
    expect(named(idx.nodesWith('other', 'app', 'web'))).toEqual([['b', 1]]);
    expect(idx.nodesWith('default', 'app', 'db')).toBeUndefined();
    cache.removePod('uid-p');
    cache.removePod('uid-r');
    expect(named(idx.nodesWith('default', 'app', 'web'))).toEqual([['a', 1]]);
    expect(idx.nodesWith('default', 'tier', 'x')).toBeUndefined();
  });

  it('follows a pod whose labels change, and forgets a removed node', () => {
    const p = bound('p', 'a', { app: 'web' });
    const cache = makeCache([makeNode('a')], [p]);
    // Asked once, the key is indexed from then on as pods change.
    expect(named(cache.podLabels.nodesWith('default', 'app', 'web'))).toEqual([['a', 1]]);
    cache.updatePod(new PodInfo({ ...p, metadata: { ...p.metadata, labels: { app: 'db' } } }));
    expect(cache.podLabels.nodesWith('default', 'app', 'web')).toBeUndefined();
    expect(named(cache.podLabels.nodesWith('default', 'app', 'db'))).toEqual([['a', 1]]);
    cache.removeNode(makeNode('a'));
    expect(cache.podLabels.nodesWith('default', 'app', 'db')).toBeUndefined();
  });

  it('bounds a selector by its most selective single-value requirement', () => {
    const cache = makeCache([makeNode('a'), makeNode('b')], [bound('p', 'a', { app: 'web', hash: 'h1' }), bound('q', 'b', { app: 'web', hash: 'h2' })]);
    const idx = cache.podLabels;
    expect(named(idx.candidates(selectorFromSet({ app: 'web', hash: 'h2' }), 'default'))).toEqual([['b', 1]]);
    expect(named(idx.candidates(selectorFromSet({ app: 'new' }), 'default'))).toEqual([]);
    expect(idx.candidates(labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }), 'default')).toBeNull();
    expect(idx.candidates(labelSelectorAsSelector({ matchExpressions: [{ key: 'hash', operator: 'In', values: ['h1', 'h2'] }] }), 'default')).toBeNull();
    expect(named(idx.candidates(NOTHING, 'default'))).toEqual([]);
  });
});
