/** A topology key's value ids per node-table row follow the node's labels, not its status writes. */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../../../src/api/types.js';
import { TopologyKeyIndex } from '../../../../src/scheduler/plugins/podtopologyspread/topologyKeyIndex.js';
import { makeCache, makeNode } from '../../fixtures.js';

const ZONE = 'topology.kubernetes.io/zone';

describe('TopologyKeyIndex', () => {
  it('gives a row the id of its node\'s value, through heartbeats, and the new one after a relabel', () => {
    const node = makeNode('a', { labels: { [ZONE]: 'z1' } });
    const cache = makeCache([node, makeNode('b', { labels: { [ZONE]: 'z2' } }), makeNode('c')]);
    const index = new TopologyKeyIndex(ZONE);
    const a = cache.get('a')!;
    const z1 = index.valueIdOf(a);
    expect(index.values[z1]).toBe('z1');
    expect(index.values[index.valueIdOf(cache.get('b')!)]).toBe('z2');
    expect(index.valueIdOf(cache.get('c')!)).toBe(-1);
    const beat: Node = { ...node, status: { ...node.status, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: 't1' }] } };
    cache.updateNode(node, beat);
    expect(index.valueIdOf(a)).toBe(z1);
    const version = index.version;
    const moved: Node = { ...beat, metadata: { ...beat.metadata, labels: { [ZONE]: 'z3' } } };
    cache.updateNode(beat, moved);
    expect(index.values[index.valueIdOf(a)]).toBe('z3');
    expect(index.version).toBeGreaterThan(version);
    // An id once given stays the value's.
    expect(index.idOf('z1')).toBe(z1);
  });
});
