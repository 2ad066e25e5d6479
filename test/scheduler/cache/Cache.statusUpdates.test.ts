/**
 * Status writes that no plugin can see — a kubelet's node heartbeat, a bound
 * pod's status update — keep the node's row stamp, so memoized Filter
 * verdicts and failed scans stay valid; anything a plugin reads moves it.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { makeCache, makeNode, makePod } from '../fixtures.js';

const heartbeat = (n: Node, at: string): Node => ({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: at }] } });
const running = (p: Pod, at: string): Pod => ({ ...p, metadata: { ...p.metadata, resourceVersion: at }, status: { phase: 'Running', startTime: at } });

describe('SchedulerCache: a node heartbeat', () => {
  const node = makeNode('a', { allocatable: { cpu: '4', memory: '8Gi', pods: '10' }, labels: { zone: 'z1' }, images: [{ names: ['img:1'], sizeBytes: 1000 }] });

  it('keeps the row stamp and holds the new node object', () => {
    const cache = makeCache([node]);
    const row = cache.get('a')!.index;
    const stamp = cache.table.generation[row];
    const beat = heartbeat(node, '2026-01-01T00:05:00Z');
    cache.updateNode(node, beat);
    expect(cache.table.generation[row]).toBe(stamp);
    expect(cache.get('a')!.node).toBe(beat);
  });

  it.each([
    ['allocatable', (n: Node): Node => ({ ...n, status: { ...n.status, allocatable: { cpu: '2', memory: '8Gi', pods: '10' } } })],
    ['labels', (n: Node): Node => ({ ...n, metadata: { ...n.metadata, labels: { zone: 'z1', rack: 'r1' } } })],
    ['annotations', (n: Node): Node => ({ ...n, metadata: { ...n.metadata, annotations: { note: 'x' } } })],
    ['taints', (n: Node): Node => ({ ...n, spec: { ...n.spec, taints: [{ key: 'k', effect: 'NoSchedule' }] } })],
    ['images', (n: Node): Node => ({ ...n, status: { ...n.status, images: [{ names: ['img:2'], sizeBytes: 2000 }] } })],
  ])('moves the stamp when the %s change', (_what, change) => {
    const cache = makeCache([node]);
    const row = cache.get('a')!.index;
    const stamp = cache.table.generation[row];
    cache.updateNode(node, change(heartbeat(node, '2026-01-01T00:05:00Z')));
    expect(cache.table.generation[row]).toBeGreaterThan(stamp!);
  });
});

describe('SchedulerCache: a bound pod status update', () => {
  const node = makeNode('a', { allocatable: { cpu: '4', memory: '8Gi', pods: '10' } });
  const pods = ['p0', 'p1', 'p2'].map((name) => makePod(name, { requests: { cpu: '500m' }, nodeName: 'a' }));

  it('keeps the row stamp and the requests, and moves the pod last as removing and adding it does', () => {
    const cache = makeCache([node], pods);
    const info = cache.get('a')!;
    const row = info.index;
    const stamp = cache.table.generation[row];
    const update = new PodInfo(running(pods[0]!, '2026-01-01T00:01:00Z'));
    cache.updatePod(update);
    expect(cache.table.generation[row]).toBe(stamp);
    expect(info.requested.milliCPU).toBe(1500);
    expect(cache.table.requestedMilliCPU[row]).toBe(1500);
    // Upstream's RemovePod swaps the last pod into the hole, AddPod appends.
    expect(info.pods.map((p) => p.name)).toEqual(['p2', 'p1', 'p0']);
    expect(info.pods[2]).toBe(update);
    expect(cache.boundPodInfo(update.uid)).toBe(update);
  });

  it.each([
    ['spec', (p: Pod): Pod => ({ ...p, spec: { ...p.spec, containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } })],
    ['labels', (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } })],
    ['deletion', (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2026-01-01T00:02:00Z', deletionGracePeriodSeconds: 30 } })],
  ])('moves the stamp when the %s change', (_what, change) => {
    const cache = makeCache([node], pods);
    const row = cache.get('a')!.index;
    const stamp = cache.table.generation[row];
    cache.updatePod(new PodInfo(change(running(pods[1]!, '2026-01-01T00:01:00Z'))));
    expect(cache.table.generation[row]).toBeGreaterThan(stamp!);
  });
});
