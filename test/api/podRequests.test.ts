import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calculateResource,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  isPodLevelLimitsSet,
  isPodLevelRequestsSet,
  isPodLevelResourcesSet,
  podLimits,
  podRequests,
  type PodResourcesOptions,
} from '../../src/api/podRequests.js';
import { parseQuantity } from '../../src/api/quantity.js';
import type { Container, Pod, ResourceList, ResourceRequirements } from '../../src/api/types.js';

const Mi = 1024 * 1024;

interface PodShape {
  containers?: Container[];
  initContainers?: Container[];
  overhead?: ResourceList;
  resources?: ResourceRequirements;
}

const pod = (s: PodShape): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    containers: s.containers ?? [],
    ...(s.initContainers !== undefined ? { initContainers: s.initContainers } : {}),
    ...(s.overhead !== undefined ? { overhead: s.overhead } : {}),
    ...(s.resources !== undefined ? { resources: s.resources } : {}),
  },
});

const c = (name: string, requests?: ResourceList, limits?: ResourceList): Container => ({
  name,
  resources: { ...(requests !== undefined ? { requests } : {}), ...(limits !== undefined ? { limits } : {}) },
});
const sidecar = (name: string, requests?: ResourceList, limits?: ResourceList): Container => ({
  ...c(name, requests, limits),
  restartPolicy: 'Always',
});

const asObject = (m: Map<string, number>): Record<string, number> => Object.fromEntries(m);

describe('podRequests / podLimits (TestPodRequestsAndLimits)', () => {
  // getPod("foo", podResources{...}) builds one container plus overhead.
  const cases: Array<{ name: string; pod: Pod; requests: Record<string, number>; limits: Record<string, number> }> = [
    { name: 'just-limit-no-overhead', pod: pod({ containers: [c('foo', undefined, { cpu: '9' })] }), requests: {}, limits: { cpu: 9000 } },
    {
      name: 'just-overhead',
      pod: pod({ containers: [c('foo')], overhead: { cpu: '5', memory: '5' } }),
      requests: { cpu: 5000, memory: 5 },
      limits: {},
    },
    {
      name: 'req-and-overhead',
      pod: pod({ containers: [c('foo', { cpu: '1', memory: '10' })], overhead: { cpu: '5', memory: '5' } }),
      requests: { cpu: 6000, memory: 15 },
      limits: {},
    },
    {
      name: 'all-req-lim-and-overhead',
      pod: pod({
        containers: [c('foo', { cpu: '1', memory: '10' }, { cpu: '2', memory: '12' })],
        overhead: { cpu: '5', memory: '5' },
      }),
      requests: { cpu: 6000, memory: 15 },
      limits: { cpu: 7000, memory: 17 },
    },
    {
      name: 'req-some-lim-and-overhead',
      pod: pod({ containers: [c('foo', { cpu: '1', memory: '10' }, { cpu: '2' })], overhead: { cpu: '5', memory: '5' } }),
      requests: { cpu: 6000, memory: 15 },
      limits: { cpu: 7000 },
    },
  ];
  it.each(cases)('$name', ({ pod: p, requests, limits }) => {
    expect(asObject(podRequests(p))).toEqual(requests);
    expect(asObject(podLimits(p))).toEqual(limits);
  });
});

describe('podRequests without overhead (TestPodRequestsAndLimitsWithoutOverhead)', () => {
  const two = [c('foobar', { cpu: '1', memory: '5' }, { cpu: '2', memory: '10' }), c('foobar2', { cpu: '4', memory: '12' }, { cpu: '8', memory: '24' })];
  it('two containers, no overhead: the sum of containers', () => {
    const p = pod({ containers: two });
    expect(asObject(podRequests(p, { excludeOverhead: true }))).toEqual({ cpu: 5000, memory: 17 });
    expect(asObject(podLimits(p, { excludeOverhead: true }))).toEqual({ cpu: 10000, memory: 34 });
  });
  it("two containers with overhead: overhead isn't considered", () => {
    const p = pod({ containers: two, overhead: { cpu: '3', memory: '8' } });
    expect(asObject(podRequests(p, { excludeOverhead: true }))).toEqual({ cpu: 5000, memory: 17 });
    expect(asObject(podLimits(p, { excludeOverhead: true }))).toEqual({ cpu: 10000, memory: 34 });
  });
  it('massive init container: the largest init wins', () => {
    const p = pod({
      containers: two,
      overhead: { cpu: '3', memory: '8' },
      initContainers: [
        c('small-init', { cpu: '1', memory: '5' }, { cpu: '1', memory: '5' }),
        c('big-init', { cpu: '40', memory: '120' }, { cpu: '80', memory: '240' }),
      ],
    });
    expect(asObject(podRequests(p, { excludeOverhead: true }))).toEqual({ cpu: 40000, memory: 120 });
    expect(asObject(podLimits(p, { excludeOverhead: true }))).toEqual({ cpu: 80000, memory: 240 });
  });
});

describe('podRequests (TestPodResourceRequests, spec-only cases)', () => {
  const cases: Array<{ description: string; options?: PodResourcesOptions; shape: PodShape; expected: Record<string, number> }> = [
    {
      description: 'nil options, larger init container',
      shape: { initContainers: [c('i', { cpu: '4' })], containers: [c('a', { cpu: '1' })] },
      expected: { cpu: 4000 },
    },
    {
      description: 'nil options, larger containers',
      shape: { initContainers: [c('i', { cpu: '2' })], containers: [c('a', { cpu: '2' }), c('b', { cpu: '3' })] },
      expected: { cpu: 5000 },
    },
    {
      description: 'pod overhead excluded',
      options: { excludeOverhead: true },
      shape: { overhead: { cpu: '1' }, initContainers: [c('i', { cpu: '2' })], containers: [c('a', { cpu: '2' }), c('b', { cpu: '3' })] },
      expected: { cpu: 5000 },
    },
    {
      description: 'pod overhead included',
      shape: {
        overhead: { cpu: '1', memory: '1Gi' },
        initContainers: [c('i', { cpu: '2' }, { cpu: '2' })],
        containers: [c('a', { cpu: '2' }), c('b', { cpu: '3' })],
      },
      expected: { cpu: 6000, memory: 1024 * Mi },
    },
    {
      description: 'restartable init container',
      shape: { initContainers: [sidecar('restartable-init-1', { cpu: '1' })], containers: [c('container-1', { cpu: '1' })] },
      expected: { cpu: 2000 },
    },
    {
      description: 'multiple restartable init containers',
      // max(5, restartable init containers(3+2+1) + regular(1)) = 7
      shape: {
        initContainers: [
          c('init-1', { cpu: '5' }),
          sidecar('restartable-init-1', { cpu: '1' }),
          sidecar('restartable-init-2', { cpu: '2' }),
          sidecar('restartable-init-3', { cpu: '3' }),
        ],
        containers: [c('container-1', { cpu: '1' })],
      },
      expected: { cpu: 7000 },
    },
    {
      description: 'multiple restartable and regular init containers',
      // init-2 requires 5 + the previously running restartable init containers (1+2) = 8
      shape: {
        initContainers: [
          c('init-1', { cpu: '5' }),
          sidecar('restartable-init-1', { cpu: '1' }),
          sidecar('restartable-init-2', { cpu: '2' }),
          c('init-2', { cpu: '5' }),
          sidecar('restartable-init-3', { cpu: '3' }),
        ],
        containers: [c('container-1', { cpu: '1' })],
      },
      expected: { cpu: 8000 },
    },
    {
      description: 'restartable-init, init and regular',
      shape: {
        initContainers: [sidecar('restartable-init-1', { cpu: '10' }), c('init-1', { cpu: '200' })],
        containers: [c('container-1', { cpu: '100' })],
      },
      expected: { cpu: 210000 },
    },
  ];
  it.each(cases)('$description', ({ options, shape, expected }) => {
    expect(asObject(podRequests(pod(shape), options))).toEqual(expected);
  });
});

describe('pod-level resources (TestPodLevelResourceRequests, TestIsPodLevelResourcesSet)', () => {
  const cases: Array<{ name: string; options: PodResourcesOptions; shape: PodShape; expected: Record<string, number> }> = [
    { name: 'nil', options: {}, shape: {}, expected: {} },
    {
      name: 'pod level memory resource with SkipPodLevelResources true',
      options: { podLevelResources: false },
      shape: { resources: { requests: { memory: '2Mi' } } },
      expected: {},
    },
    {
      name: 'pod level memory resource with SkipPodLevelResources false',
      options: {},
      shape: { resources: { requests: { memory: '2Mi' } } },
      expected: { memory: 2 * Mi },
    },
    {
      name: 'pod level memory and container level cpu resources',
      options: {},
      shape: { resources: { requests: { memory: '2Mi' } }, containers: [c('a', { cpu: '2m' })] },
      expected: { memory: 2 * Mi, cpu: 2 },
    },
    {
      name: 'pod level unsupported resources set at both pod-level and container-level',
      options: {},
      shape: { resources: { requests: { storage: '2Mi' } }, containers: [c('a', { storage: '3Mi' })] },
      expected: { storage: 3 * Mi },
    },
    {
      name: 'pod level unsupported resources set at pod-level',
      options: {},
      shape: { resources: { requests: { storage: '2Mi' } }, containers: [c('a', { memory: '3Mi' })] },
      expected: { memory: 3 * Mi },
    },
    {
      name: 'both container-level and pod-level resources set',
      options: {},
      shape: { resources: { requests: { memory: '6Mi', cpu: '8m' } }, containers: [c('a', { memory: '3Mi', cpu: '2m' })] },
      expected: { memory: 6 * Mi, cpu: 8 },
    },
    {
      name: 'container-level resources and init container set',
      options: {},
      shape: { containers: [c('a', { memory: '3Mi', cpu: '2m' })], initContainers: [c('i', { memory: '5Mi', cpu: '4m' })] },
      expected: { memory: 5 * Mi, cpu: 4 },
    },
    {
      name: 'container-level resources and sidecar container set',
      options: {},
      shape: { containers: [c('a', { memory: '3Mi', cpu: '2m' })], initContainers: [sidecar('s', { memory: '5Mi', cpu: '4m' })] },
      expected: { memory: 8 * Mi, cpu: 6 },
    },
    {
      name: 'container-level resources, init and sidecar container set',
      options: {},
      shape: {
        containers: [c('a', { memory: '3Mi', cpu: '2m' })],
        initContainers: [sidecar('s', { memory: '5Mi', cpu: '4m' }), c('i', { memory: '6Mi', cpu: '8m' })],
      },
      expected: { memory: 11 * Mi, cpu: 12 },
    },
    {
      name: 'pod-level resources, container-level resources, init and sidecar container set',
      options: {},
      shape: {
        resources: { requests: { memory: '15Mi', cpu: '18m' } },
        containers: [c('a', { memory: '3Mi', cpu: '2m' })],
        initContainers: [sidecar('s', { memory: '5Mi', cpu: '4m' }), c('i', { memory: '6Mi', cpu: '8m' })],
      },
      expected: { memory: 15 * Mi, cpu: 18 },
    },
    {
      name: 'pod-level resources, hugepage request/limit single page size',
      options: {},
      shape: { resources: { limits: { 'hugepages-2Mi': '2Mi' }, requests: { memory: '10Mi', 'hugepages-2Mi': '2Mi' } } },
      expected: { memory: 10 * Mi, 'hugepages-2Mi': 2 * Mi },
    },
    {
      name: 'pod-level resources, container-level resources, hugepage request/limit multiple page sizes between pod-level and container-level',
      options: {},
      shape: {
        resources: { limits: { 'hugepages-2Mi': '10Mi' }, requests: { cpu: '1', 'hugepages-2Mi': '10Mi' } },
        containers: [c('a', { memory: '4Mi', 'hugepages-1Gi': '1Gi' }, { 'hugepages-1Gi': '1Gi' })],
      },
      expected: { cpu: 1000, memory: 4 * Mi, 'hugepages-2Mi': 10 * Mi, 'hugepages-1Gi': 1024 * Mi },
    },
  ];
  it.each(cases)('$name', ({ options, shape, expected }) => {
    expect(asObject(podRequests(pod(shape), options))).toEqual(expected);
  });

  it.each([
    ['nil resources struct', undefined, false],
    ['empty resources struct', {}, false],
    ['only unsupported resource requests set', { requests: { 'ephemeral-storage': '1Mi' } }, false],
    ['only unsupported resource limits set', { limits: { 'ephemeral-storage': '1Mi' } }, false],
    ['unsupported and supported resources requests set', { requests: { 'ephemeral-storage': '1Mi', cpu: '1m' } }, true],
    ['unsupported and supported resources limits set', { limits: { 'ephemeral-storage': '1Mi', cpu: '1m' } }, true],
  ] as Array<[string, ResourceRequirements | undefined, boolean]>)('IsPodLevelResourcesSet: %s', (_name, resources, expected) => {
    const p = pod(resources === undefined ? {} : { resources });
    expect(isPodLevelResourcesSet(p)).toBe(expected);
  });

  it('tells requests from limits', () => {
    const p = pod({ resources: { requests: { memory: '100Mi' } } });
    expect(isPodLevelRequestsSet(p)).toBe(true);
    expect(isPodLevelLimitsSet(p)).toBe(false);
  });

  it('pod-level limits replace the aggregate when pod-level resources are set', () => {
    const p = pod({ resources: { limits: { cpu: '2' } }, containers: [c('a', undefined, { cpu: '1', memory: '1Gi' })] });
    expect(asObject(podLimits(p))).toEqual({ cpu: 2000, memory: 1024 * Mi });
    expect(asObject(podLimits(p, { podLevelResources: false }))).toEqual({ cpu: 1000, memory: 1024 * Mi });
  });
});

describe('non-zero requests', () => {
  it('fills cpu and memory for containers lacking them; explicit 0 stays 0', () => {
    const p = pod({ containers: [c('a', { cpu: '0' }), c('b'), c('c', { memory: '1Gi' })] });
    const r = podRequests(p, { nonZero: true });
    expect(r.get('cpu')).toBe(0 + DEFAULT_MILLI_CPU_REQUEST + DEFAULT_MILLI_CPU_REQUEST);
    expect(r.get('memory')).toBe(DEFAULT_MEMORY_REQUEST + DEFAULT_MEMORY_REQUEST + 1024 * Mi);
  });

  it('is zero for a pod without containers', () => {
    expect(asObject(podRequests(pod({}), { nonZero: true }))).toEqual({});
  });

  // "non missing container requests applied to init container" / "... to regular container"
  it('applies to init containers too', () => {
    const p = pod({ initContainers: [c('i1', { cpu: '1' })] });
    expect(asObject(podRequests(p, { nonMissingContainerRequests: { memory: '100Mi' } }))).toEqual({ cpu: 1000, memory: 100 * Mi });
    const q = pod({ containers: [c('c1', { cpu: '1' })] });
    expect(asObject(podRequests(q, { nonMissingContainerRequests: { memory: '100Mi' } }))).toEqual({ cpu: 1000, memory: 100 * Mi });
  });

  it('defaults init containers and keeps the max', () => {
    const p = pod({ containers: [c('a', { cpu: '50m' })], initContainers: [c('i')] });
    expect(podRequests(p, { nonZero: true }).get('cpu')).toBe(100); // max(50m, 100m default of the init container)
    expect(podRequests(p).get('cpu')).toBe(50);
  });
});

describe('calculateResource (NodeInfo accounting)', () => {
  it('without pod-level requests, defaults each container lacking a request', () => {
    const p = pod({ containers: [c('a', { cpu: '200m' }), c('b')] });
    const r = calculateResource(p);
    expect(asObject(r.requests)).toEqual({ cpu: 200 });
    expect(r.nonZeroMilliCPU).toBe(300);
    expect(r.nonZeroMemory).toBe(2 * DEFAULT_MEMORY_REQUEST);
  });

  it('with pod-level requests, defaults only a resource missing from the pod altogether', () => {
    const p = pod({ resources: { requests: { cpu: '1' } }, containers: [c('a', { memory: '1Gi' }), c('b')] });
    const r = calculateResource(p);
    expect(asObject(r.requests)).toEqual({ cpu: 1000, memory: 1024 * Mi });
    expect(r.nonZeroMilliCPU).toBe(1000);
    expect(r.nonZeroMemory).toBe(1024 * Mi); // memory is present: no default for container b
    // The scoring variant (resource_allocation.go) defaults per container regardless:
    expect(podRequests(p, { nonZero: true }).get('memory')).toBe(1024 * Mi + DEFAULT_MEMORY_REQUEST);
  });

  it('is zero for a pod without containers', () => {
    const r = calculateResource(pod({}));
    expect(r.nonZeroMilliCPU).toBe(0);
    expect(r.nonZeroMemory).toBe(0);
  });
});

describe('exact sums', () => {
  it('rounds the summed quantity, not each addend', () => {
    // 0.0004 + 0.0004 cores = 0.8m → 1m; rounding each first would give 2m.
    const p = pod({ containers: [c('a', { cpu: '0.0004' }), c('b', { cpu: '0.0004' })] });
    expect(podRequests(p).get('cpu')).toBe(1);
    // 0.5 + 0.5 bytes = 1 byte; rounding each first would give 2.
    const q = pod({ containers: [c('a', { memory: '500m' }), c('b', { memory: '500m' })] });
    expect(podRequests(q).get('memory')).toBe(1);
  });

  it('reads JSON numbers and nulls as upstream does', () => {
    const p = pod({ containers: [c('a', { cpu: 1.5, memory: 1024 }), c('b', { cpu: null as unknown as number })] });
    expect(asObject(podRequests(p))).toEqual({ cpu: 1500, memory: 1024 });
    // an explicit null counts as a present zero: no non-zero default for container b
    expect(podRequests(p, { nonZero: true }).get('cpu')).toBe(1500);
  });
});

describe('exactness (property)', () => {
  // Reference: the same formula over exact BigInt nano-units.
  const nano = (q: string): bigint => parseQuantity(q).nanoValue();
  const ceilDiv = (v: bigint, per: bigint): number => Number(v / per + (v % per !== 0n ? 1n : 0n));
  const quantity = fc.oneof(
    fc.integer({ min: 0, max: 64000 }).map((n) => `${n}m`),
    fc.integer({ min: 0, max: 4096 }).map((n) => `${n}Mi`),
    fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999999 })).map(([a, b]) => `${a}.${b}`),
    fc.integer({ min: 0, max: 10 ** 9 }).map((n) => `${n}n`),
  );
  const container = fc.record({ cpu: quantity, memory: quantity, sidecar: fc.boolean() });

  it('sums and maxima are exact, rounded once at the end', () => {
    fc.assert(
      fc.property(fc.array(container, { maxLength: 4 }), fc.array(container, { maxLength: 4 }), (apps, inits) => {
        const p = pod({
          containers: apps.map((c, i) => ({ name: `a${i}`, resources: { requests: { cpu: c.cpu, memory: c.memory } } })),
          initContainers: inits.map((c, i) => ({
            name: `i${i}`,
            resources: { requests: { cpu: c.cpu, memory: c.memory } },
            ...(c.sidecar ? { restartPolicy: 'Always' as const } : {}),
          })),
        });
        const got = podRequests(p);
        for (const [name, per] of [
          ['cpu', 1_000_000n],
          ['memory', 1_000_000_000n],
        ] as const) {
          let total = 0n;
          for (const c of apps) total += nano(c[name]);
          let sidecars = 0n;
          let initMax = -1n;
          for (const c of inits) {
            if (c.sidecar) {
              total += nano(c[name]);
              sidecars += nano(c[name]);
              if (sidecars > initMax) initMax = sidecars;
            } else if (nano(c[name]) + sidecars > initMax) initMax = nano(c[name]) + sidecars;
          }
          if (initMax > total) total = initMax;
          const expected = apps.length + inits.length === 0 ? undefined : ceilDiv(total, per);
          if (got.get(name) !== expected) return false;
        }
        return true;
      }),
    );
  });
});
