/**
 * The node and pod templates of kube-scheduler's scheduler_perf
 * (test/integration/scheduler_perf/templates/*.yaml), as kubesim objects.
 * Upstream's generateName becomes a name with the object's index, so that
 * every run creates the same objects. The workloads that use them are in
 * perfWorkloads.ts, the runner in perfRun.ts.
 */
import type { Node, Pod, Service } from '../src/api/types.js';

/** node-default.yaml: 4 cpu, 32Gi, 110 pods; `zones` adds topology.kubernetes.io/zone round-robin. */
export function defaultNode(i: number, zones: readonly string[] = []): Node {
  const name = `scheduler-perf-${String(i).padStart(5, '0')}`;
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
  // Upstream's labelNodePrepareStrategy draws the value at random; kubesim deals them round-robin.
  if (zones.length > 0) labels['topology.kubernetes.io/zone'] = zones[i % zones.length]!;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: {},
    status: { capacity: { pods: '110', cpu: '4', memory: '32Gi' }, allocatable: { pods: '110', cpu: '4', memory: '32Gi' }, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

/** A pod from a template: a pause container with the given requests. */
function pod(
  prefix: string,
  i: number,
  requests: { cpu: string; memory: string },
  extra: { priority?: number; labels?: Record<string, string>; spec?: Partial<Pod['spec']> } = {},
): Pod {
  const name = `${prefix}${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'namespace-1', uid: `uid-${name}`, labels: extra.labels ?? {} },
    spec: {
      ...(extra.priority === undefined ? {} : { priority: extra.priority }),
      ...extra.spec,
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10.1',
          ports: [{ containerPort: 80 }],
          resources: { limits: requests, requests },
        },
      ],
    },
  };
}

/** node-with-name.yaml: scheduler-perf-node, 4 cpu, 32Gi, room for 90,000 pods (SchedulingDaemonset's target). */
export function namedNode(): Node {
  const name = 'scheduler-perf-node';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: { capacity: { pods: '90000', cpu: '4', memory: '32Gi' }, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

/** churn/node-default.yaml: a node with room for no pod (capacity pods: 0). */
export function churnNode(k: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-churn-${String(k).padStart(5, '0')}` },
    spec: {},
    status: { capacity: { pods: '0' }, conditions: [{ type: 'Ready', status: 'True' }], phase: 'Running' },
  };
}

/** churn/service-default.yaml: a Service selecting app=foo on port 8080. */
export function churnService(k: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `service-churn-${String(k).padStart(5, '0')}`, namespace: 'namespace-1' },
    spec: { selector: { app: 'foo' }, ports: [{ protocol: 'TCP', port: 8080, targetPort: 8080 }] },
  };
}

/** pod-default.yaml: 100m cpu, 500Mi. */
export const defaultPod = (i: number): Pod => pod('pod-', i, { cpu: '100m', memory: '500Mi' });
/** pod-low-priority.yaml: 900m cpu, 500Mi (terminationGracePeriodSeconds 0). */
export const lowPriorityPod = (i: number): Pod => pod('low-', i, { cpu: '900m', memory: '500Mi' }, { spec: { terminationGracePeriodSeconds: 0 } });
/** pod-high-priority.yaml: priority 10, 3 cpu, 500Mi. */
export const highPriorityPod = (i: number): Pod => pod('high-', i, { cpu: '3000m', memory: '500Mi' }, { priority: 10 });
/** pod-high-priority-large-cpu.yaml: priority 10, 9 cpu (more than any 4-cpu node has), 500Mi, requests only. */
export function largeCpuHighPriorityPod(i: number): Pod {
  const name = `pod-h-${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'namespace-1', uid: `uid-${name}`, labels: {} },
    spec: {
      priority: 10,
      containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10.1', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '9', memory: '500Mi' } } }],
    },
  };
}

/** daemonset-pod.yaml: no requests, required node affinity to scheduler-perf-node by metadata.name (a DaemonSet pod's shape). */
export function daemonsetPod(i: number): Pod {
  const name = `daemonset-${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'namespace-1', uid: `uid-${name}`, labels: {} },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['scheduler-perf-node'] }] }],
          },
        },
      },
      containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10' }],
    },
  };
}

/** pod-with-topology-spreading.yaml: label color=blue, DoNotSchedule zone spreading with maxSkew 5. */
export const spreadingPod = (i: number): Pod => zoneSpreadingPod(i, 'DoNotSchedule');

/** pod-with-preferred-topology-spreading.yaml: as {@link spreadingPod} with ScheduleAnyway. */
export const preferredSpreadingPod = (i: number): Pod => zoneSpreadingPod(i, 'ScheduleAnyway');

/** The two spreading templates: they differ only in whenUnsatisfiable. */
function zoneSpreadingPod(i: number, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'): Pod {
  return pod(
    'spreading-pod-',
    i,
    { cpu: '100m', memory: '500Mi' },
    {
      labels: { color: 'blue' },
      spec: {
        topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable, labelSelector: { matchLabels: { color: 'blue' } } }],
      },
    },
  );
}

