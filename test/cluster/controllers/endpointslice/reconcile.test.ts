import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../../../src/api/types.js';
import type { Endpoint, EndpointPort } from '../../../../src/cluster/controllers/endpointslice/endpoints.js';
import { reconcileSlices } from '../../../../src/cluster/controllers/endpointslice/reconcile.js';

const http: EndpointPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }];

function ep(i: number, ready = true): Endpoint {
  return { addresses: [`10.0.${i >> 8}.${i & 255}`], conditions: { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: `p${i}` } };
}

function range(from: number, to: number, ready = true): Endpoint[] {
  return Array.from({ length: to - from }, (_, k) => ep(from + k, ready));
}

function stored(name: string, endpoints: Endpoint[], ports = http): EndpointSlice {
  return { kind: 'EndpointSlice', metadata: { name, namespace: 'default' }, addressType: 'IPv4', endpoints, ports };
}

describe('reconcileSlices', () => {
  it('creates slices of at most 100 endpoints', () => {
    const c = reconcileSlices([], [{ ports: http, endpoints: range(0, 250) }]);
    expect(c.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    expect(c.update).toEqual([]);
    expect(c.delete).toEqual([]);
  });

  it('leaves slices that did not change alone', () => {
    const existing = [stored('a', range(0, 100)), stored('b', range(100, 150))];
    expect(reconcileSlices(existing, [{ ports: http, endpoints: range(0, 150) }])).toEqual({ create: [], update: [], delete: [] });
  });

  it('updates an endpoint in place and fills that slice first', () => {
    const existing = [stored('a', range(0, 100)), stored('b', range(100, 150))];
    const desired = [...range(0, 99), ep(99, false), ...range(100, 150), ...range(150, 160)];
    // p5 leaves slice a: a changes anyway, so one of the new endpoints takes its room.
    const without5 = desired.filter((e) => e.targetRef!.name !== 'p5');
    const c = reconcileSlices(existing, [{ ports: http, endpoints: without5 }]);
    expect(c.create).toEqual([]);
    expect(c.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([
      ['a', 100],
      ['b', 59],
    ]);
    expect(c.update[0]!.endpoints.find((e) => e.targetRef!.name === 'p99')!.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('deletes emptied slices and slices of a port mapping no longer wanted', () => {
    const existing = [stored('a', range(0, 10)), stored('b', range(10, 20)), stored('old', range(20, 30), [{ name: 'http', port: 80, protocol: 'TCP' }])];
    const c = reconcileSlices(existing, [{ ports: http, endpoints: range(0, 10) }]);
    expect(c.delete.map((s) => s.metadata.name)).toEqual(['old', 'b']);
    expect(c.update).toEqual([]);
  });

  it('keeps one empty placeholder when there are no endpoints', () => {
    expect(reconcileSlices([], [])).toEqual({ create: [{ ports: [], endpoints: [] }], update: [], delete: [] });
    const c = reconcileSlices([stored('a', range(0, 3)), stored('b', range(3, 5))], []);
    expect(c.update.map((s) => [s.metadata.name, s.endpoints, s.ports])).toEqual([['a', [], []]]);
    expect(c.delete.map((s) => s.metadata.name)).toEqual(['b']);
  });
});
