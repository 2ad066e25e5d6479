import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { MatchChangeLog } from '../../../src/scheduler/cache/MatchChangeLog.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

/** The names logged from `from` to the end. */
function loggedSince(log: MatchChangeLog, from: number): string[] {
  const out: string[] = [];
  for (let p = from; p < log.end; p++) out.push(log.at(p).name);
  return out;
}

describe('MatchChangeLog', () => {
  it('keeps the newest entries and says when a position has been dropped', () => {
    const cache = makeCache([makeNode('a')]);
    const a = cache.get('a')!;
    const log = new MatchChangeLog(4);
    for (let i = 0; i < 7; i++) log.record(a, 1);
    expect(log.end).toBe(7);
    expect(log.has(0)).toBe(true);
    log.record(a, 1); // the 8th entry reaches twice minKept: the oldest four go
    expect(log.end).toBe(8);
    expect(log.has(3)).toBe(false);
    expect(log.has(4)).toBe(true);
    expect(log.has(8)).toBe(true);
    expect(log.at(7)).toBe(a);
  });
});

describe('the scheduler cache logs the nodes whose selector counts can move', () => {
  const bound = (name: string, node: string, labels: Record<string, string>): Pod => ({ ...makePod(name, { labels, uid: `uid-${name}` }), spec: { ...makePod(name).spec, nodeName: node } });

  it('logs a pod joining or leaving, and a label change or deletion of a pod', () => {
    const cache = makeCache([makeNode('a'), makeNode('b')]);
    const log = cache.matchChanges;
    let from = log.end;
    const p = bound('p', 'a', { app: 'x' });
    cache.addPod(new PodInfo(p));
    expect(loggedSince(log, from)).toEqual(['a']);
    from = log.end;
    cache.updatePod(new PodInfo({ ...p, metadata: { ...p.metadata, labels: { app: 'y' } } }));
    expect(loggedSince(log, from)).toEqual(['a', 'a']);
    from = log.end;
    cache.updatePod(new PodInfo({ ...p, metadata: { ...p.metadata, labels: { app: 'y' }, deletionTimestamp: '2026-01-01T00:00:00Z' } }));
    expect(loggedSince(log, from)).toEqual(['a', 'a']);
    from = log.end;
    cache.removePod('uid-p');
    expect(loggedSince(log, from)).toEqual(['a']);
  });

  it('does not log a status update, and keeps the node’s matchGeneration across it', () => {
    const cache = makeCache([makeNode('a')]);
    const p = bound('p', 'a', { app: 'x' });
    cache.addPod(new PodInfo(p));
    const a = cache.get('a')!;
    const [gen, match, from] = [a.generation, a.matchGeneration, cache.matchChanges.end];
    cache.updatePod(new PodInfo({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } }, status: { phase: 'Running' } }));
    expect(a.generation).toBeGreaterThan(gen);
    expect(a.matchGeneration).toBe(match);
    expect(cache.matchChanges.end).toBe(from);
  });

  it('logs a node update that changes labels or taints, not a heartbeat', () => {
    const node = makeNode('a', { labels: { zone: 'z1' } });
    const cache = makeCache([node]);
    const a = cache.get('a')!;
    let from = cache.matchChanges.end;
    const heartbeat = { ...node, status: { ...node.status, conditions: [{ type: 'Ready', status: 'True' as const }] } };
    cache.updateNode(node, heartbeat);
    expect(cache.matchChanges.end).toBe(from);
    const match = a.matchGeneration;
    const relabelled = { ...heartbeat, metadata: { ...heartbeat.metadata, labels: { zone: 'z1', rack: 'r1' } } };
    cache.updateNode(heartbeat, relabelled);
    expect(loggedSince(cache.matchChanges, from)).toEqual(['a']);
    expect(a.matchGeneration).toBe(match + 1);
    from = cache.matchChanges.end;
    const tainted = { ...relabelled, spec: { taints: [{ key: 'k', effect: 'NoSchedule' as const }] } };
    cache.updateNode(relabelled, tainted);
    expect(loggedSince(cache.matchChanges, from)).toEqual(['a']);
    from = cache.matchChanges.end;
    // The same object changed in place: nothing to compare with, so it counts as a change.
    tainted.metadata.labels!['zone'] = 'z2';
    cache.updateNode(tainted, tainted);
    expect(loggedSince(cache.matchChanges, from)).toEqual(['a']);
  });
});
