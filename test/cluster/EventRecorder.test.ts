import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/Cluster.js';
import { EVENT_LEASE_REUSE_SECONDS, EVENT_TTL_SECONDS } from '../../src/cluster/EventRecorder.js';
import { seconds } from '../../src/engine/time.js';

const target: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u-1' }, spec: { containers: [] } };

function events(cluster: Cluster): { reason: string; count: number }[] {
  return [...cluster.store.list<Event>('Event')].map((e) => ({ reason: e.reason ?? '', count: e.count ?? 0 }));
}

describe('EventRecorder expiry', () => {
  it('uses the apiserver defaults: a 1 h TTL on leases reused for 60 s', () => {
    expect(EVENT_TTL_SECONDS).toBe(3600);
    expect(EVENT_LEASE_REUSE_SECONDS).toBe(60);
  });

  it('deletes an Event one TTL plus 60 s after the lease its last write took was granted', () => {
    const cluster = new Cluster({ seed: 1 });
    const { recorder, sim } = cluster;
    sim.run({ until: seconds(10) });
    recorder.event(target, 'Normal', 'First', 'm', 'test'); // lease granted at 10 s, expires 3670 s
    sim.run({ until: seconds(50) });
    recorder.event(target, 'Normal', 'Second', 'm', 'test'); // same lease (within 60 s)
    sim.run({ until: seconds(80) });
    recorder.event(target, 'Normal', 'Third', 'm', 'test'); // new lease at 80 s, expires 3740 s
    sim.run({ until: seconds(3669) });
    expect(events(cluster).map((e) => e.reason)).toEqual(['First', 'Second', 'Third']);
    sim.run({ until: seconds(3670) });
    expect(events(cluster).map((e) => e.reason)).toEqual(['Third']);
    sim.run({ until: seconds(3740) });
    expect(events(cluster)).toEqual([]);
  });

  it('keeps a repeated Event alive from its last write, and starts a new one after it expired', () => {
    const cluster = new Cluster({ seed: 1 });
    const { recorder, sim } = cluster;
    recorder.event(target, 'Warning', 'BackOff', 'again', 'test'); // lease at 0, expires 3660 s
    sim.run({ until: seconds(3000) });
    recorder.event(target, 'Warning', 'BackOff', 'again', 'test'); // count 2, lease at 3000 s, expires 6660 s
    sim.run({ until: seconds(3700) });
    expect(events(cluster)).toEqual([{ reason: 'BackOff', count: 2 }]);
    sim.run({ until: seconds(6660) });
    expect(events(cluster)).toEqual([]);
    recorder.event(target, 'Warning', 'BackOff', 'again', 'test');
    sim.run({ until: seconds(6661) });
    expect(events(cluster)).toEqual([{ reason: 'BackOff', count: 1 }]);
  });

  it('records nothing and arms nothing when disabled', () => {
    const cluster = new Cluster({ seed: 1, recordEvents: false });
    cluster.recorder.event(target, 'Normal', 'X', 'm', 'test');
    cluster.sim.run({ until: seconds(4000) });
    expect(cluster.store.count('Event')).toBe(0);
  });
});
