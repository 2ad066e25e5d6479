import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../../src/api/validation/index.js';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from '../../../src/engine/time.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';

const FULL = readFileSync(new URL('./fixtures/full.yaml', import.meta.url), 'utf8');
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const MI = 1024 * 1024;

const MINIMAL = `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: minimal}
duration: 1h
`;

describe('loadWorkload: defaults', () => {
  it('fills every default of a minimal file', () => {
    const w = loadWorkload(MINIMAL, 'minimal.yaml');
    expect(plain(w)).toEqual({
      file: 'minimal.yaml',
      metadata: { name: 'minimal', labels: {}, annotations: {} },
      parameters: {},
      duration: MICROS_PER_HOUR,
      controlPlane: 'ideal',
      clock: { origin: '2026-01-01T00:00:00Z', originMs: Date.UTC(2026, 0, 1) },
      cluster: {
        nodePools: [],
        nodes: [],
        autoscaler: {
          enabled: false,
          expander: ['least-waste'],
          scanInterval: 10 * MICROS_PER_SECOND,
          maxNodeProvisionTime: 15 * MICROS_PER_MINUTE,
          newPodScaleUpDelay: 0,
          scaleDownEnabled: true,
          scaleDownUtilizationThreshold: 0.5,
          scaleDownUnneededTime: 10 * MICROS_PER_MINUTE,
          scaleDownUnreadyTime: 20 * MICROS_PER_MINUTE,
          scaleDownDelayAfterAdd: 10 * MICROS_PER_MINUTE,
          scaleDownDelayAfterDelete: 0,
          scaleDownDelayAfterFailure: 3 * MICROS_PER_MINUTE,
          maxEmptyBulkDelete: 10,
          maxGracefulTerminationSec: 600,
        },
      },
      images: { defaultSize: 200 * MI, sizes: {}, bandwidth: 50 * MI, overhead: MICROS_PER_SECOND },
      objects: [],
      arrivals: [],
      operations: [],
      traffic: [],
    });
  });

  it('reads a clock origin with an offset', () => {
    const w = loadWorkload(`${MINIMAL}clock: {origin: "2026-03-01T08:00:00+01:00"}\n`, 'w.yaml');
    expect(w.clock).toEqual({ origin: '2026-03-01T08:00:00+01:00', originMs: Date.UTC(2026, 2, 1, 7) });
  });

  it('names pool nodes <pool>-<i>, defaults count to 1 (or autoscaling.min), and pods to 110', () => {
    const w = loadWorkload(
      `${MINIMAL}cluster:
  nodePools:
    - {name: a, capacity: {cpu: "2"}}
    - {name: b, capacity: {cpu: "2"}, autoscaling: {min: 2, max: 5}}
`,
      'w.yaml',
    );
    const [a, b] = w.cluster.nodePools;
    expect(a?.nodes).toEqual([{ name: 'a-1' }]);
    expect(a?.capacity).toEqual({ cpu: '2', pods: '110' });
    expect(b?.nodes).toEqual([{ name: 'b-1' }, { name: 'b-2' }]);
    expect(b?.autoscaling).toEqual({ min: 2, max: 5, provisioningDelay: 3 * MICROS_PER_MINUTE });
    expect(w.cluster.autoscaler.enabled).toBe(true);
  });
});

describe('loadWorkload: the full example', () => {
  const w = loadWorkload(FULL, 'full.yaml');

  it('reads the top level and parameters', () => {
    expect(w.metadata.name).toBe('node-failure');
    expect(w.parameters).toEqual({ replicas: 6, zone: 'zone-a' });
    expect(w.duration).toBe(30 * MICROS_PER_MINUTE);
    expect(w.controlPlane).toBe('realistic');
  });

  it('expands node pools: names, zones round robin, allocatable over capacity, taints, roles, autoscaling', () => {
    expect(plain(w.cluster.nodePools)).toEqual([
      {
        name: 'worker',
        count: 3,
        nodes: [
          { name: 'worker-1', zone: 'zone-a' },
          { name: 'worker-2', zone: 'zone-b' },
          { name: 'worker-3', zone: 'zone-a' },
        ],
        capacity: { cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '16Gi', 'ephemeral-storage': '100Gi', pods: '110' },
        labels: { tier: 'general' },
        taints: [],
        zones: ['zone-a', 'zone-b'],
        region: 'r1',
        roles: [],
        kubeletVersion: 'v1.34.0',
      },
      {
        name: 'gpu',
        count: 2,
        nodes: [{ name: 'gpu-a' }, { name: 'gpu-b' }],
        capacity: { cpu: '32', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' },
        allocatable: { cpu: '31500m', memory: '256Gi', pods: '110', 'nvidia.com/gpu': '8' },
        labels: {},
        taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
        zones: [],
        roles: ['gpu'],
        kubeletVersion: 'v1.33.2',
        autoscaling: { min: 0, max: 10, provisioningDelay: 4 * MICROS_PER_MINUTE },
      },
    ]);
    expect(w.cluster.autoscaler.enabled).toBe(true);
  });

  it('keeps literal nodes and embedded objects with their file lines', () => {
    const [edge] = w.cluster.nodes;
    expect(edge?.object.metadata.name).toBe('edge-1');
    expect(edge?.path).toBe('cluster.nodes[0]');
    expect(edge?.line).toBe(27);
    expect(edge?.lineOf('metadata.labels')).toBe(29);
    expect(w.objects.map((o) => [o.object.kind, o.object.metadata.name, o.line, o.index])).toEqual([
      ['Namespace', 'batch', 37, 0],
      ['PriorityClass', 'high', 40, 1],
      ['Service', 'web', 44, 2],
    ]);
  });

  it('reads image sizes in bytes', () => {
    expect(w.images).toEqual({
      defaultSize: 200 * MI,
      sizes: { nginx: 70 * MI, 'registry.k8s.io/pause:3.9': 700 * 1024 },
      bandwidth: 50 * MI,
      overhead: MICROS_PER_SECOND,
    });
  });

  it('reads arrivals: the process, and runtime fields written as pod-template annotations', () => {
    const [web, train] = w.arrivals;
    expect(web?.process).toEqual({ type: 'once', at: 0 });
    expect(plain(web?.manifest.object)).toMatchObject({
      spec: {
        replicas: 6,
        template: {
          metadata: {
            labels: { app: 'web' },
            annotations: { 'sim.kubesim.io/ready-after': '5s', 'sim.kubesim.io/usage-ratio': '0.6' },
          },
        },
      },
    });
    expect(train?.process).toEqual({ type: 'poisson', ratePerSecond: 2 / 60, start: 0, end: MICROS_PER_HOUR, count: 100 });
    expect(train?.runDuration).toBe('exp(10m)');
    expect(plain(train?.manifest.object)).toMatchObject({
      metadata: { name: 'train', namespace: 'batch' },
      spec: {
        template: {
          metadata: {
            annotations: {
              'sim.kubesim.io/run-duration': 'exp(10m)',
              'sim.kubesim.io/exit-code': '0',
              'sim.kubesim.io/failures': '1',
            },
          },
        },
      },
    });
  });

  it('reads operations, resolving rollout containers and instance names', () => {
    const m = MICROS_PER_MINUTE;
    expect(w.operations).toEqual([
      { op: 'node-failure', at: 10 * m, path: 'operations[0]', node: 'worker-3' },
      { op: 'node-recovery', at: 30 * m, path: 'operations[1]', node: 'worker-3' },
      { op: 'zone-outage', at: 5 * m, path: 'operations[2]', zone: 'zone-a', duration: 10 * m },
      { op: 'cordon', at: 5 * m, path: 'operations[3]', node: 'gpu-b' },
      { op: 'scale', at: 5 * m, path: 'operations[4]', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 10 },
      {
        op: 'rollout',
        at: 6 * m,
        path: 'operations[5]',
        kind: 'Deployment',
        namespace: 'default',
        name: 'web',
        container: 'web',
        image: 'nginx:1.27',
      },
      { op: 'delete', at: 7 * m, path: 'operations[6]', kind: 'Job', namespace: 'batch', name: 'train-3' },
    ]);
  });

  it('reads traffic', () => {
    expect(w.traffic).toEqual([
      { service: 'web', namespace: 'default', ratePerSecond: 100, routing: 'random', start: 0, end: MICROS_PER_HOUR },
    ]);
  });

  it("lets the API's validateObject report against the workload file's lines", () => {
    const text = `${MINIMAL}arrivals:
  - manifest:
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: c
            image: nginx
            resources: {requests: {cpu: 5x}}
`;
    const pod = loadWorkload(text, 'w.yaml').arrivals[0]!.manifest;
    expect(validateObject(pod).map(String)).toContain(
      "w.yaml:14: spec.containers[0].resources.requests[cpu]: Invalid value: \"5x\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});
