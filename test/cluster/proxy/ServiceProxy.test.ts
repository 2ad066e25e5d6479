import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../../src/api/types.js';
import { Cluster } from '../../../src/cluster/Cluster.js';
import { EndpointSliceController } from '../../../src/cluster/controllers/endpointslice/EndpointSliceController.js';
import { ServiceProxy, type ProxyMode } from '../../../src/cluster/proxy/ServiceProxy.js';
import { TrafficGenerator } from '../../../src/cluster/proxy/TrafficGenerator.js';
import { milliseconds, seconds } from '../../../src/engine/time.js';

type Conditions = { ready?: boolean; serving?: boolean; terminating?: boolean };

function service(extra: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }], ...extra } };
}

function slice(endpoints: [string, Conditions][], name = 'web-abcde'): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: endpoints.map(([pod, conditions], i) => ({ addresses: [`10.0.0.${i + 1}`], conditions, targetRef: { kind: 'Pod', namespace: 'default', name: pod } })),
  };
}

const READY: Conditions = { ready: true, serving: true, terminating: false };

function setup(mode: ProxyMode = 'iptables', svc = service()) {
  const cluster = new Cluster({ seed: 42 });
  cluster.store.create(svc);
  const proxy = cluster.add(new ServiceProxy(cluster, { mode }));
  cluster.start();
  return { cluster, proxy };
}

function route(proxy: ServiceProxy, n: number, client = ''): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = proxy.route('default', 'web', client);
    const k = e?.podName ?? 'FAILED';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe('ServiceProxy', () => {
  it('iptables mode picks uniformly among ready endpoints (chi-square, 4 degrees of freedom)', () => {
    const { cluster, proxy } = setup();
    cluster.store.create(slice([['a', READY], ['b', READY], ['c', READY], ['d', READY], ['e', READY], ['f', { ready: false, serving: false, terminating: false }]]));
    cluster.sim.run({ until: seconds(1) });
    const n = 50_000;
    const counts = route(proxy, n);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const expected = n / 5;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // χ²(4) at p = 0.01 is 13.28; with this seed the statistic is 0.7678.
    expect(chi2).toBeLessThan(13.28);
    expect(chi2).toBeCloseTo(0.7678, 4);
    expect(Object.fromEntries(counts)).toEqual({ a: 9937, b: 10050, c: 10025, d: 9978, e: 10010 });
  });

  it('round robin serves the endpoints in turn, exactly', () => {
    const { cluster, proxy } = setup('round-robin');
    cluster.store.create(slice([['a', READY], ['b', READY], ['c', READY], ['d', READY]]));
    cluster.sim.run({ until: seconds(1) });
    const order = Array.from({ length: 6 }, () => proxy.route('default', 'web')!.podName);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
    // The turn goes on from c: 998 more requests give c and d one more each.
    const counts = route(proxy, 998);
    expect(Object.fromEntries(counts)).toEqual({ c: 250, d: 250, a: 249, b: 249 });
  });

  it('fails a request when no endpoint is ready, and falls back to serving terminating endpoints', () => {
    const { cluster, proxy } = setup();
    cluster.store.create(slice([['a', { ready: false, serving: false, terminating: false }]]));
    cluster.sim.run({ until: seconds(1) });
    expect(proxy.route('default', 'web')).toBeNull();
    expect(proxy.route('default', 'nope')).toBeNull();
    cluster.store.update<EndpointSlice>('EndpointSlice', 'default', 'web-abcde', () => slice([['a', { ready: false, serving: true, terminating: true }], ['b', { ready: false, serving: false, terminating: true }]]));
    cluster.sim.run({ until: seconds(3) });
    expect(Object.fromEntries(route(proxy, 10))).toEqual({ a: 10 });
  });

  it('applies changes at most once per minSyncPeriod (1s)', () => {
    const { cluster, proxy } = setup('round-robin');
    cluster.store.create(slice([['a', READY]]));
    cluster.sim.run({ until: milliseconds(300) });
    // The first sync ran at t=0 before the slice arrived; the next may run at 1s.
    expect(proxy.endpointsOf('default', 'web')).toEqual([]);
    cluster.sim.run({ until: milliseconds(999) });
    expect(proxy.endpointsOf('default', 'web')).toEqual([]);
    cluster.sim.run({ until: seconds(1) });
    expect(proxy.endpointsOf('default', 'web').map((e) => e.podName)).toEqual(['a']);
    expect(proxy.syncs).toBe(2);
    // Long after the last sync, a change applies at once.
    cluster.sim.run({ until: seconds(5) });
    cluster.store.update<EndpointSlice>('EndpointSlice', 'default', 'web-abcde', () => slice([['a', READY], ['b', READY]]));
    cluster.sim.run({ until: seconds(5) });
    expect(proxy.endpointsOf('default', 'web')).toHaveLength(2);
  });

  it('pins a client to its backend with ClientIP session affinity until the timeout passes', () => {
    const { cluster, proxy } = setup('round-robin', service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } } as Partial<NonNullable<Service['spec']>>));
    cluster.store.create(slice([['a', READY], ['b', READY], ['c', READY]]));
    cluster.sim.run({ until: seconds(1) });
    expect(Object.fromEntries(route(proxy, 5, '10.1.0.1'))).toEqual({ a: 5 });
    expect(Object.fromEntries(route(proxy, 5, '10.1.0.2'))).toEqual({ b: 5 });
    cluster.sim.run({ until: seconds(11) });
    expect(proxy.route('default', 'web', '10.1.0.1')!.podName).toBe('a');
    cluster.sim.run({ until: seconds(22) });
    expect(proxy.route('default', 'web', '10.1.0.1')!.podName).toBe('c');
  });
});

describe('TrafficGenerator', () => {
  function pod(name: string, ip: string, readyAt: boolean): Pod {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'web' } },
      spec: { nodeName: 'n1', containers: [{ name: 'c' }] },
      status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: readyAt ? 'True' : 'False' }] },
    };
  }

  function run(seed: number) {
    const cluster = new Cluster({ seed });
    cluster.add(new EndpointSliceController(cluster));
    const proxy = cluster.add(new ServiceProxy(cluster));
    const traffic = cluster.add(new TrafficGenerator(cluster, proxy, { service: 'web', ratePerSecond: 100, end: seconds(20) }));
    const client = cluster.client('test');
    client.create(service({ selector: { app: 'web' } }));
    for (const i of [1, 2, 3]) client.create(pod(`web-${i}`, `10.0.0.${i}`, false));
    cluster.callbacks.at(seconds(10), () => {
      for (const i of [1, 2, 3]) client.update<Pod>('Pod', 'default', `web-${i}`, (p) => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True' }] } }));
    });
    cluster.start();
    cluster.sim.run({ until: seconds(30) });
    return traffic;
  }

  it('sends Poisson traffic that fails until the pods are ready, then spreads over them', () => {
    const traffic = run(42);
    const series = traffic.timeSeries();
    expect(series).toHaveLength(20);
    expect(series.reduce((n, s) => n + s.requests, 0)).toBe(traffic.requests);
    // 2000 requests expected (σ ≈ 45).
    expect(Math.abs(traffic.requests - 2000)).toBeLessThan(180);
    // Ready at 10s; the slice and the proxy follow at once (ideal latency, last sync long ago).
    for (const s of series.slice(0, 10)) expect(s.failures).toBe(s.requests);
    for (const s of series.slice(10)) expect(s.failures).toBe(0);
    expect(traffic.failures).toBe(series.slice(0, 10).reduce((n, s) => n + s.requests, 0));
    const served = traffic.requests - traffic.failures;
    expect([...traffic.perEndpoint.keys()].sort()).toEqual(['web-1', 'web-2', 'web-3']);
    for (const c of traffic.perEndpoint.values()) expect(Math.abs(c - served / 3)).toBeLessThan(4 * Math.sqrt((served * 2) / 9));
  });

  it('is deterministic for a seed', () => {
    const a = run(7);
    const b = run(7);
    expect([...a.perEndpoint]).toEqual([...b.perEndpoint]);
    expect(a.timeSeries()).toEqual(b.timeSeries());
    expect(run(8).requests).not.toBe(a.requests);
  });
});
