import { describe, expect, it } from 'vitest';
import {
  LABEL_METADATA_NAME,
  setNodeDefaults,
  setObjectDefaults,
  setPodDefaults,
  setResourceListDefaults,
  withDefaults,
} from '../../src/api/defaults.js';
import { podRequests } from '../../src/api/podRequests.js';
import type { Container, DaemonSet, Deployment, Job, KubeObject, Namespace, Node, Pod, ResourceList, ResourceRequirements, Service } from '../../src/api/types.js';
import { fieldErrorToString } from '../../src/api/validation/field.js';
import { validatePod } from '../../src/api/validation/pod.js';

// Cases after pkg/apis/core/v1/defaults_test.go (TestSetDefaultRequestsPod,
// TestSetDefaultPodSpecHostNetwork, TestSetDefaultNodeStatusAllocatable,
// TestSetDefaultNamespace, TestSetDefaultServiceTargetPort, TestPodResourcesDefaults)
// and pkg/api/testing/pod_level_resources_test.go (TestPodLevelResourcesDefaults),
// against v1.34's defaults.go.

const pod = (spec: Partial<Pod['spec']>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [], ...spec },
});
const container = (name: string, resources?: ResourceRequirements, extra: Partial<Container> = {}): Container => ({
  name,
  image: 'img',
  ...(resources === undefined ? {} : { resources }),
  ...extra,
});

describe('SetDefaults_Pod: requests default to limits (TestSetDefaultRequestsPod)', () => {
  it('copies limits into missing requests, keeping explicit requests', () => {
    const p = pod({
      containers: [container('a', { limits: { cpu: '100m', memory: '1Gi' }, requests: { memory: '512Mi' } })],
      initContainers: [container('i', { limits: { cpu: '2' } })],
    });
    setPodDefaults(p);
    expect(p.spec.containers[0]?.resources?.requests).toEqual({ memory: '512Mi', cpu: '100m' });
    expect(p.spec.initContainers?.[0]?.resources?.requests).toEqual({ cpu: '2' });
  });

  it('leaves a container without limits alone', () => {
    const p = pod({ containers: [container('a', { requests: { cpu: '1' } }), container('b')] });
    setPodDefaults(p);
    expect(p.spec.containers[0]?.resources).toEqual({ requests: { cpu: '1' } });
    expect(p.spec.containers[1]?.resources).toBeUndefined();
  });

  it('changes what the pod requests: a limits-only pod requests its limits', () => {
    const raw = pod({ containers: [container('a', { limits: { cpu: '500m', memory: '1Gi' } })] });
    expect(podRequests(raw)).toEqual(new Map());
    expect(podRequests(withDefaults(raw))).toEqual(
      new Map([
        ['cpu', 500],
        ['memory', 1073741824],
      ]),
    );
  });

  it('is not applied to pod templates (only SetDefaults_PodSpec is)', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [container('a', { limits: { cpu: '1' } })] } } },
    } as KubeObject;
    const d = withDefaults(rs) as unknown as { spec: { replicas: number; template: { spec: Pod['spec'] } } };
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.template.spec.containers[0]?.resources?.requests).toBeUndefined();
    expect(d.spec.template.spec.schedulerName).toBe('default-scheduler');
    expect(d.spec.template.spec.containers[0]?.imagePullPolicy).toBe('Always');
  });
});

describe('SetDefaults_PodSpec and SetDefaults_Container (TestPodDefaults)', () => {
  it('fills the spec and container defaults', () => {
    const p = pod({ containers: [container('a', undefined, { image: 'nginx:1.27', ports: [{ containerPort: 80 }] })] });
    setPodDefaults(p);
    expect(p.spec).toMatchObject({
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
    expect(p.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it('keeps values that are set, and replaces an empty schedulerName', () => {
    const p = pod({ containers: [container('a')], restartPolicy: 'Never', schedulerName: '', terminationGracePeriodSeconds: 0 });
    setPodDefaults(p);
    expect(p.spec.restartPolicy).toBe('Never');
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.schedulerName).toBe('default-scheduler');
  });
});

describe('host network ports (TestSetDefaultPodSpecHostNetwork)', () => {
  it('defaults hostPort to containerPort with hostNetwork', () => {
    const p = pod({
      hostNetwork: true,
      containers: [container('a', undefined, { ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9091 }] })],
      initContainers: [container('i', undefined, { ports: [{ containerPort: 7070, hostPort: 0 }] })],
    });
    setPodDefaults(p);
    expect(p.spec.containers[0]?.ports?.map((x) => x.hostPort)).toEqual([8080, 9091]);
    expect(p.spec.initContainers?.[0]?.ports?.[0]?.hostPort).toBe(7070);
  });

  it('leaves hostPort unset without hostNetwork', () => {
    const p = pod({ containers: [container('a', undefined, { ports: [{ containerPort: 8080 }] })] });
    setPodDefaults(p);
    expect(p.spec.containers[0]?.ports?.[0]?.hostPort).toBeUndefined();
  });
});

describe('SetDefaults_ResourceList: rounding up to milli precision', () => {
  it('rounds sub-milli values up and keeps the others as written', () => {
    const list: ResourceList = { cpu: '0.0001', memory: '1.5Gi', 'example.com/gpu': 1, bad: 'abc', small: '100n' };
    setResourceListDefaults(list);
    expect(list).toEqual({ cpu: '1m', memory: '1.5Gi', 'example.com/gpu': 1, bad: 'abc', small: '1m' });
  });

  it('makes sums of sub-milli requests count each rounded value', () => {
    const p = pod({ containers: [container('a', { requests: { cpu: '0.0001' } }), container('b', { requests: { cpu: '0.0001' } })] });
    expect(podRequests(p).get('cpu')).toBe(1);
    expect(podRequests(withDefaults(p)).get('cpu')).toBe(2);
  });
});

describe('pod-level resources (TestPodResourcesDefaults)', () => {
  it('pod requests=empty map limits=set, containers limits only: requests = aggregated container requests', () => {
    const p = pod({
      resources: { limits: { cpu: '5m', memory: '7Mi' }, requests: {} },
      containers: [container('a', { limits: { cpu: '2m', memory: '1Mi' } }), container('b', { limits: { cpu: '1m', memory: '5Mi' } })],
    });
    setPodDefaults(p);
    expect(p.spec.resources).toEqual({ limits: { cpu: '5m', memory: '7Mi' }, requests: { cpu: '3m', memory: '6Mi' } });
  });

  it('pod limits only, containers without resources: requests = pod limits', () => {
    const p = pod({ resources: { limits: { cpu: '1', memory: '1Gi' } }, containers: [container('a')] });
    setPodDefaults(p);
    expect(p.spec.resources?.requests).toEqual({ cpu: '1', memory: '1Gi' });
  });

  it('mixes: a resource some container requests takes the aggregate, another the pod limit', () => {
    const p = pod({
      resources: { limits: { cpu: '4', memory: '4Gi' } },
      containers: [container('a', { requests: { cpu: '500m' } })],
      initContainers: [container('init', { requests: { cpu: '2' } }), container('side', { requests: { cpu: '250m' } }, { restartPolicy: 'Always' })],
    });
    setPodDefaults(p);
    // max(500m + 250m sidecar, 2 init) = 2
    expect(p.spec.resources?.requests).toEqual({ cpu: '2', memory: '4Gi' });
  });

  it('pod limits nil or empty: no pod-level requests, containers still defaulted', () => {
    for (const resources of [{}, { limits: {} }]) {
      const p = pod({ resources, containers: [container('a', { limits: { cpu: '2m' } })] });
      setPodDefaults(p);
      expect(p.spec.resources?.requests).toBeUndefined();
      expect(p.spec.containers[0]?.resources?.requests).toEqual({ cpu: '2m' });
    }
  });

  it('does not default pod limits from container limits (defaultPodLimits is newer than 1.34)', () => {
    const p = pod({ resources: { requests: { cpu: '1' } }, containers: [container('a', { limits: { cpu: '2', memory: '1Gi' } })] });
    setPodDefaults(p);
    expect(p.spec.resources?.limits).toBeUndefined();
  });

  it('defaults pod hugepage limits from the containers when the pod has resources but no hugepage request', () => {
    const p = pod({
      resources: { limits: { cpu: '1', memory: '1Gi' } },
      containers: [container('a', { limits: { 'hugepages-2Mi': '2Mi' } }), container('b', { limits: { 'hugepages-2Mi': '4Mi' } })],
    });
    setPodDefaults(p);
    expect(p.spec.resources?.limits).toEqual({ cpu: '1', memory: '1Gi', 'hugepages-2Mi': '6Mi' });
    // hugepages are not overcommittable: the request comes from the (defaulted) pod limit.
    expect(p.spec.resources?.requests).toEqual({ cpu: '1', memory: '1Gi', 'hugepages-2Mi': '6Mi' });
  });

  it('does nothing at pod level with the PodLevelResources gate off', () => {
    const p = pod({ resources: { limits: { cpu: '1' } }, containers: [container('a')] });
    setPodDefaults(p, { podLevelResources: false });
    expect(p.spec.resources).toEqual({ limits: { cpu: '1' } });
  });
});

// TestPodLevelResourcesDefaults (pkg/api/testing/pod_level_resources_test.go): defaulting then validation.
describe('TestPodLevelResourcesDefaults: defaulting then validation', () => {
  const cpu = '1';
  const mem = '100Mi';
  const cases: Array<[string, ResourceRequirements | undefined, ResourceRequirements[], boolean]> = [
    [
      'no pod-level resources, container hugepages-2Mi:R',
      undefined,
      [{ limits: { cpu, memory: mem }, requests: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' } }],
      true,
    ],
    [
      'no pod-level resources, container hugepages-2Mi:L',
      undefined,
      [{ limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' }, requests: { cpu, memory: mem } }],
      false,
    ],
    [
      'no pod-level resources, container hugepages-2Mi:R/L',
      undefined,
      [{ limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' }, requests: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' } }],
      false,
    ],
    [
      'no pod-level resources, container hugepages-2Mi:R/L hugepages-1Gi:R/L',
      undefined,
      [
        {
          limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi', 'hugepages-1Gi': '1Gi' },
          requests: { cpu, memory: mem, 'hugepages-2Mi': '2Mi', 'hugepages-1Gi': '1Gi' },
        },
      ],
      false,
    ],
    [
      'pod-level resources hugepages-2Mi:R, container hugepages-2Mi:none',
      { limits: { cpu, memory: mem }, requests: { cpu, memory: mem, 'hugepages-2Mi': '10Mi' } },
      [{ limits: { cpu, memory: mem }, requests: { cpu, memory: mem } }],
      true,
    ],
    [
      'pod-level resources hugepages-2Mi:L, container hugepages-2Mi:L',
      { limits: { cpu, memory: mem, 'hugepages-2Mi': '10Mi' }, requests: { cpu, memory: mem } },
      [{ limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' }, requests: { cpu, memory: mem } }],
      false,
    ],
    [
      'pod-level resources hugepages-2Mi:R/L, container hugepages-2Mi:R/L',
      { limits: { cpu, memory: mem, 'hugepages-2Mi': '10Mi' }, requests: { cpu, memory: mem, 'hugepages-2Mi': '10Mi' } },
      [{ limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' }, requests: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' } }],
      false,
    ],
    [
      'pod-level resources hugepages-2Mi:R/L hugepages-1Gi:R/L, container hugepages-2Mi:R/L hugepages-1Gi:R/L',
      {
        limits: { cpu, memory: mem, 'hugepages-2Mi': '10Mi', 'hugepages-1Gi': '1Gi' },
        requests: { cpu, memory: mem, 'hugepages-2Mi': '10Mi', 'hugepages-1Gi': '1Gi' },
      },
      [
        {
          limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi', 'hugepages-1Gi': '1Gi' },
          requests: { cpu, memory: mem, 'hugepages-2Mi': '2Mi', 'hugepages-1Gi': '1Gi' },
        },
      ],
      false,
    ],
    [
      'pod-level resources hugepages-2Mi:R, container hugepages-2Mi:L',
      { limits: { cpu, memory: mem }, requests: { cpu, memory: mem, 'hugepages-2Mi': '10Mi' } },
      [{ limits: { cpu, memory: mem, 'hugepages-2Mi': '2Mi' }, requests: { cpu, memory: mem } }],
      true,
    ],
  ];
  it.each(cases)('%s', (_name, podResources, containers, expectErr) => {
    const p = pod({
      containers: containers.map((r, i) => container(`container-${i}`, structuredClone(r), { imagePullPolicy: 'Never', terminationMessagePolicy: 'File' })),
      ...(podResources === undefined ? {} : { resources: structuredClone(podResources) }),
    });
    setPodDefaults(p);
    const errs = validatePod(p).map(fieldErrorToString);
    expect(errs.length > 0, errs.join('\n')).toBe(expectErr);
  });
});

describe('SetDefaults_NodeStatus (TestSetDefaultNodeStatusAllocatable)', () => {
  it('copies capacity to a missing allocatable, as a separate map', () => {
    const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { capacity: { cpu: '4', memory: '8Gi' } } };
    setNodeDefaults(node);
    expect(node.status?.allocatable).toEqual({ cpu: '4', memory: '8Gi' });
    expect(node.status?.allocatable).not.toBe(node.status?.capacity);
  });

  it('keeps an explicit allocatable (even empty) and does nothing without capacity', () => {
    const a: Node = { metadata: { name: 'n' }, status: { capacity: { cpu: '4' }, allocatable: {} } };
    setNodeDefaults(a);
    expect(a.status?.allocatable).toEqual({});
    const b: Node = { metadata: { name: 'n' }, status: {} };
    setNodeDefaults(b);
    expect(b.status?.allocatable).toBeUndefined();
  });
});

describe('SetDefaults_Namespace (TestSetDefaultNamespace)', () => {
  it('labels the namespace with its name and sets phase Active', () => {
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { [LABEL_METADATA_NAME]: 'other', x: 'y' } } };
    setObjectDefaults(ns);
    expect(ns.metadata.labels).toEqual({ [LABEL_METADATA_NAME]: 'team-a', x: 'y' });
    expect(ns.status?.phase).toBe('Active');
  });

  it('adds no label to a nameless namespace', () => {
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'ns-' } };
    setObjectDefaults(ns);
    expect(ns.metadata.labels).toBeUndefined();
  });
});

describe('SetDefaults_Service (TestSetDefaultServiceTargetPort and friends)', () => {
  it('defaults type, affinity, protocol, targetPort and internalTrafficPolicy', () => {
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80 }, { port: 443, targetPort: 'https' }, { port: 53, targetPort: 0, protocol: 'UDP' }] },
    };
    setObjectDefaults(svc);
    expect(svc.spec).toEqual({
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ports: [
        { port: 80, targetPort: 80, protocol: 'TCP' },
        { port: 443, targetPort: 'https', protocol: 'TCP' },
        { port: 53, targetPort: 53, protocol: 'UDP' },
      ],
    });
  });

  it('gives an ExternalName service no internalTrafficPolicy', () => {
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ExternalName' } };
    setObjectDefaults(svc);
    expect(svc.spec?.internalTrafficPolicy).toBeUndefined();
  });
});

describe('setObjectDefaults / withDefaults', () => {
  it('defaults StatefulSets and PriorityClasses', () => {
    const sts = withDefaults({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { selector: {}, template: { spec: { containers: [] } } },
    } as KubeObject) as unknown as { spec: Record<string, unknown> };
    expect(sts.spec).toMatchObject({ replicas: 1, podManagementPolicy: 'OrderedReady' });
    const pc = withDefaults({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 10 } as KubeObject);
    expect(pc).toMatchObject({ preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('does not change its input and ignores other kinds or versions', () => {
    const p = pod({ containers: [container('a', { limits: { cpu: '1' } })] });
    const before = structuredClone(p);
    const d = withDefaults(p);
    expect(p).toEqual(before);
    expect(d.spec.containers[0]?.resources?.requests).toEqual({ cpu: '1' });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(withDefaults(cm)).toEqual(cm);
    const oldPod = { ...structuredClone(p), apiVersion: 'v2' };
    expect(withDefaults(oldPod)).toEqual(oldPod);
  });

  it('never throws on malformed input', () => {
    const bad = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'a', resources: { limits: { cpu: 'abc' } } }], resources: { limits: { cpu: 'zz' } } } };
    expect(() => withDefaults(bad as unknown as Pod)).not.toThrow();
    expect(() => withDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } } as KubeObject)).not.toThrow();
  });
});

describe('workload controller defaults (apps/v1, batch/v1)', () => {
  it('defaults a Deployment: 1 replica, RollingUpdate 25%/25%, history 10, deadline 600 s', () => {
    const d = withDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as Deployment);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('leaves Recreate without rollingUpdate', () => {
    const d = withDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { selector: {}, strategy: { type: 'Recreate' }, template: { spec: { containers: [] } } } } as Deployment);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults a DaemonSet: RollingUpdate maxUnavailable 1, maxSurge 0', () => {
    const ds = withDefaults({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {}, spec: { selector: {}, template: { spec: { containers: [] } } } } as DaemonSet);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  it('defaults a Job: completions and parallelism 1 only when both are unset; backoffLimit 6', () => {
    const bare = withDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { template: { spec: { containers: [] } } } } as Job);
    expect([bare.spec.completions, bare.spec.parallelism, bare.spec.backoffLimit, bare.spec.completionMode]).toEqual([1, 1, 6, 'NonIndexed']);
    const parallel = withDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { parallelism: 5, template: { spec: { containers: [] } } } } as Job);
    expect([parallel.spec.completions, parallel.spec.parallelism]).toEqual([undefined, 5]);
    const counted = withDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { completions: 8, template: { spec: { containers: [] } } } } as Job);
    expect([counted.spec.completions, counted.spec.parallelism]).toEqual([8, 1]);
  });
});
