import { describe, expect, it } from 'vitest';
import { MonitoredNodes } from '../../../../src/cluster/controllers/nodelifecycle/MonitoredNodes.js';
import { seconds } from '../../../../src/engine/time.js';

describe('MonitoredNodes', () => {
  it('hands a pass the new, touched and checked nodes in informer order; quiet nodes wait for their check', () => {
    const m = new MonitoredNodes();
    for (const n of ['a', 'b', 'c']) m.add(n);
    expect(m.takeDue(0).map((n) => n.name)).toEqual(['a', 'b', 'c']);
    m.settle(m.get('a')!, Infinity);
    m.settle(m.get('b')!, seconds(60));
    m.settle(m.get('c')!, null); // not healthy: every pass
    expect(m.takeDue(seconds(5)).map((n) => n.name)).toEqual(['c']);
    m.settle(m.get('c')!, Infinity);
    m.touch('a');
    m.touch('unknown');
    expect(m.takeDue(seconds(10)).map((n) => n.name)).toEqual(['a']);
    m.settle(m.get('a')!, Infinity);
    expect(m.takeDue(seconds(55)).map((n) => n.name)).toEqual([]);
    expect(m.takeDue(seconds(60)).map((n) => n.name)).toEqual(['b']);
    // Deleted and seen again: last in list order.
    m.remove('a');
    m.add('a');
    m.touch('b');
    expect(m.takeDue(seconds(65)).map((n) => n.name)).toEqual(['b', 'a']);
  });

  it('keeps the Ready and not-Ready counts of each zone from the nodes last looks', () => {
    const m = new MonitoredNodes();
    for (const n of ['a', 'b', 'c', 'd']) m.add(n);
    const [a, b, c, d] = m.takeDue(0);
    m.contribute(a!, 'z1', true, true);
    m.contribute(b!, 'z1', true, false);
    m.contribute(c!, 'z2', true, true);
    m.contribute(d!, 'z2', false, false); // excluded from disruption checks
    expect([...m.zones]).toEqual([
      ['z1', { ready: 1, notReady: 1 }],
      ['z2', { ready: 1, notReady: 0 }],
    ]);
    m.contribute(b!, 'z1', true, true);
    m.remove('c');
    expect([...m.zones]).toEqual([['z1', { ready: 2, notReady: 0 }]]);
  });
});
