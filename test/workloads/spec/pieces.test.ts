import { describe, expect, it } from 'vitest';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE } from '../../../src/engine/time.js';
import { imageCatalogOf } from '../../../src/workloads/spec/images.js';
import { instanceManifest, instanceName, LABEL_INSTANCE } from '../../../src/workloads/spec/instances.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';
import { substituteString } from '../../../src/workloads/spec/parameters.js';
import { nodeFromPool, poolNodes, zoneOfPoolNode } from '../../../src/workloads/spec/poolNodes.js';
import { parseRate, RATE_FORMAT } from '../../../src/workloads/spec/rate.js';

const HEAD = `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: t}
duration: 1h
`;

describe('parseRate', () => {
  it.each([
    ['2/s', 2],
    ['30/m', 0.5],
    ['10/h', 10 / 3600],
    ['0.5/s', 0.5],
    ['.5/s', 0.5],
    ['5/10m', 5 / 600],
    ['1/1h30m', 1 / 5400],
    ['100/ms', 100_000],
    ['0/s', 0],
  ])('%s is %d per second', (text, perSecond) => {
    expect(parseRate(text)).toBeCloseTo(perSecond, 12);
  });

  it.each(['2', '2/week', 'two/s', '-1/s', '2/', '/s', '1e3/s'])('%s is not a rate', (text) => {
    expect(parseRate(text)).toBe(RATE_FORMAT);
  });

  it('rejects a zero period', () => {
    expect(parseRate('1/0s')).toBe('the period of a rate must be greater than 0');
  });
});

describe('substituteString', () => {
  const params = new Map<string, string | number | boolean | null>([
    ['n', 3],
    ['on', true],
    ['s', 'x'],
    ['nothing', null],
  ]);
  it.each([
    ['${n}', 3],
    ['${on}', true],
    ['${nothing}', null],
    ['n=${n}', 'n=3'],
    ['${s}-${n}-${on}', 'x-3-true'],
    ['a${nothing}b', 'ab'],
    ['$5 and $${n}', '$5 and ${n}'],
    ['plain', 'plain'],
  ])('%s → %j', (text, value) => {
    expect(substituteString(text, params)).toEqual({ value });
  });

  it('reports unknown and unterminated references', () => {
    expect(substituteString('${x}', params)).toEqual({ error: 'unknown parameter "x" (declared: n, on, s, nothing)' });
    expect(substituteString('a-${x}', new Map())).toEqual({ error: 'unknown parameter "x" (no parameters are declared)' });
    expect(substituteString('a-${n', params)).toEqual({ error: 'unterminated parameter reference in "a-${n"' });
  });
});

describe('arrival processes as written', () => {
  const process = (line: string) =>
    loadWorkload(`${HEAD}arrivals:\n  - manifest: {apiVersion: v1, kind: Pod, metadata: {name: p}}\n    ${line}\n`, 'w.yaml').arrivals[0]!
      .process;

  it('reads at, burst and diurnal with their defaults', () => {
    expect(process('at: 10m')).toEqual({ type: 'once', at: 10 * MICROS_PER_MINUTE });
    expect(process('burst: {at: 5m, count: 20, every: 1h, times: 3}')).toEqual({
      type: 'burst',
      at: 5 * MICROS_PER_MINUTE,
      count: 20,
      every: MICROS_PER_HOUR,
      times: 3,
    });
    expect(process('burst: {count: 4}')).toEqual({ type: 'burst', at: 0, count: 4, times: 1 });
    expect(process('burst: {count: 4, every: 10m}')).toEqual({ type: 'burst', at: 0, count: 4, every: 10 * MICROS_PER_MINUTE });
    expect(process('diurnal: {meanRate: 10/h, amplitude: 0.5, period: 24h, peakAt: 14h, end: 24h}')).toEqual({
      type: 'diurnal',
      meanRatePerSecond: 10 / 3600,
      amplitude: 0.5,
      period: 24 * MICROS_PER_HOUR,
      peakAt: 14 * MICROS_PER_HOUR,
      start: 0,
      end: 24 * MICROS_PER_HOUR,
    });
    expect(process('diurnal: {meanRate: 1/m}')).toEqual({
      type: 'diurnal',
      meanRatePerSecond: 1 / 60,
      amplitude: 0.5,
      period: 24 * MICROS_PER_HOUR,
      peakAt: 12 * MICROS_PER_HOUR,
      start: 0,
    });
  });
});

describe('instances', () => {
  const w = loadWorkload(
    `${HEAD}arrivals:
  - manifest:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}
    poisson: {rate: 1/m}
  - manifest: {apiVersion: v1, kind: Pod, metadata: {name: solo}}
  - manifest: {apiVersion: v1, kind: Pod, metadata: {generateName: job-}}
    burst: {count: 3}
`,
    'w.yaml',
  );
  const [web, solo, gen] = w.arrivals;

  it('names the n-th instance <name>-<n>; a single arrival keeps its name; generateName stays', () => {
    expect(instanceName(web!, 3)).toBe('web-3');
    expect(instanceName(solo!, 1)).toBe('solo');
    expect(instanceName(gen!, 2)).toBeUndefined();
    expect(instanceManifest(gen!, 2).metadata).toEqual({ generateName: 'job-' });
  });

  it('labels the selector and template of a selecting controller, on a fresh copy', () => {
    const m = instanceManifest(web!, 2) as unknown as {
      metadata: { name: string };
      spec: { selector: { matchLabels: object }; template: { metadata: { labels: object } } };
    };
    expect(m.metadata.name).toBe('web-2');
    expect(m.spec.selector.matchLabels).toEqual({ app: 'web', [LABEL_INSTANCE]: 'web-2' });
    expect(m.spec.template.metadata.labels).toEqual({ app: 'web', [LABEL_INSTANCE]: 'web-2' });
    expect(web!.manifest.object.metadata.name).toBe('web');
    expect(instanceManifest(web!, 2)).not.toBe(instanceManifest(web!, 2));
  });
});

describe('pool nodes', () => {
  const w = loadWorkload(
    `${HEAD}cluster:
  nodePools:
    - name: gpu
      count: 3
      zones: [a, b]
      region: r1
      roles: [worker]
      labels: {tier: gpu}
      taints: [{key: nvidia.com/gpu, effect: NoSchedule}]
      capacity: {cpu: "8", nvidia.com/gpu: "4"}
      allocatable: {cpu: 7500m}
`,
    'w.yaml',
  );
  const pool = w.cluster.nodePools[0]!;

  it('builds the Node the kubelet registers', () => {
    expect(poolNodes(pool).map((n) => n.metadata.name)).toEqual(['gpu-1', 'gpu-2', 'gpu-3']);
    expect(nodeFromPool(pool, pool.nodes[1]!)).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'gpu-2',
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'sim.kubesim.io/node-pool': 'gpu',
          tier: 'gpu',
          'kubernetes.io/hostname': 'gpu-2',
          'topology.kubernetes.io/zone': 'b',
          'topology.kubernetes.io/region': 'r1',
          'node-role.kubernetes.io/worker': '',
        },
      },
      spec: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '8', 'nvidia.com/gpu': '4', pods: '110' },
        allocatable: { cpu: '7500m', 'nvidia.com/gpu': '4', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.34.0', operatingSystem: 'linux', architecture: 'amd64' },
      },
    });
  });

  it('continues the zone rotation for new nodes', () => {
    expect([0, 1, 2, 3].map((i) => zoneOfPoolNode(pool, i))).toEqual(['a', 'b', 'a', 'b']);
  });
});

describe('imageCatalogOf', () => {
  const catalog = imageCatalogOf({
    defaultSize: 100,
    sizes: { nginx: 70, 'nginx:1.27': 75, 'registry.k8s.io/pause:3.9': 1, 'docker.io/library/redis:7': 30 },
    bandwidth: 50,
    overhead: 1_000_000,
  });

  it('looks up as written, then normalised, then by repository, then the default', () => {
    expect(catalog.sizeOf('nginx:1.27')).toBe(75);
    expect(catalog.sizeOf('docker.io/library/nginx:1.27')).toBe(75);
    expect(catalog.sizeOf('nginx:1.26')).toBe(70);
    expect(catalog.sizeOf('nginx')).toBe(70);
    expect(catalog.sizeOf('redis:7')).toBe(30);
    expect(catalog.sizeOf('redis:6')).toBe(100);
    expect(catalog.sizeOf('registry.k8s.io/pause:3.9')).toBe(1);
    expect(catalog.sizeOf('NOT A REFERENCE')).toBe(100);
    expect(catalog.bandwidthBytesPerSecond).toBe(50);
    expect(catalog.pullOverheadMicros).toBe(1_000_000);
  });
});
