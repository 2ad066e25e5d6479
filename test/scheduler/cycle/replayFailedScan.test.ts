/**
 * A retried pod whose last attempt rejected every node filters only the nodes
 * changed since, and records what a full scan would.
 */
import { describe, expect, it } from 'vitest';
import { Framework } from '../../../src/scheduler/framework/Framework.js';
import type { FilterPlugin } from '../../../src/scheduler/framework/interfaces.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { NodeResourcesFit } from '../../../src/scheduler/plugins/NodeResourcesFit.js';
import { attemptOutcome } from './attemptOutcome.js';
import { filterProfile, makeCache, makeHandle, makeNode, makePod } from '../fixtures.js';

/** A row-local filter that passes every node and notes the nodes it was asked about. */
function countingFilter(calls: string[]): FilterPlugin {
  return { name: 'Counting', rowLocal: true, filter: (_state, _pod, node) => (calls.push(node.name), null) };
}

function setup() {
  const nodes = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'].map((name) => makeNode(name, { allocatable: { cpu: '1', memory: '8Gi', pods: '10' } }));
  const cache = makeCache(nodes);
  const calls: string[] = [];
  const handle = makeHandle(cache);
  const fw = new Framework({
    schedulerName: 'default-scheduler',
    plugins: filterProfile([countingFilter(calls), NodeResourcesFit.factory(NodeResourcesFit.defaultArgs!({}), handle)]),
    percentageOfNodesToScore: 100,
    tieBreak: { kind: 'random' },
  });
  return { nodes, cache, calls, fw };
}

describe('replayFailedScan', () => {
  it('filters no node when none changed, only the changed ones after a change, and records what a fresh pod gets', () => {
    const { cache, calls, fw } = setup();
    const pod = new PodInfo(makePod('big', { requests: { cpu: '2' } }));
    // The first attempts scan every node; the third remembers a scan that rejected all of them.
    for (let i = 0; i < 3; i++) attemptOutcome(cache, fw, pod, i);
    calls.length = 0;

    const replayed = attemptOutcome(cache, fw, pod, 4);
    expect(calls).toEqual([]);
    const counted = calls.length;
    const fresh = attemptOutcome(cache, fw, new PodInfo(makePod('big', { requests: { cpu: '2' } })), 4);
    expect(calls.length - counted).toBe(6);
    expect(replayed).toEqual(fresh);
    expect(replayed.message).toBe('0/6 nodes are available: 6 Insufficient cpu.');
    expect(replayed.statuses.map(([name]) => name)).toEqual(fresh.statuses.map(([name]) => name));

    // A pod bound to n2 changes its row: only n2 is filtered again.
    cache.addPod(new PodInfo(makePod('small', { requests: { cpu: '500m' }, nodeName: 'n2' })));
    calls.length = 0;
    const afterBind = attemptOutcome(cache, fw, pod, 1);
    expect(calls).toEqual(['n2']);
    expect(afterBind).toEqual(attemptOutcome(cache, fw, new PodInfo(makePod('big', { requests: { cpu: '2' } })), 1));
  });

  it('scans as usual when a changed node now fits the pod', () => {
    const { nodes, cache, fw } = setup();
    const pod = new PodInfo(makePod('big', { requests: { cpu: '2' } }));
    for (let i = 0; i < 3; i++) attemptOutcome(cache, fw, pod, 0);
    const bigger = makeNode('n3', { allocatable: { cpu: '4', memory: '8Gi', pods: '10' } });
    cache.updateNode(nodes[3]!, bigger);
    const r = attemptOutcome(cache, fw, pod, 0);
    expect(r.feasible).toEqual(['n3']);
    expect(r).toEqual(attemptOutcome(cache, fw, new PodInfo(makePod('big', { requests: { cpu: '2' } })), 0));
  });
});
