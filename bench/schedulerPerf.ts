/**
 * kube-scheduler's scheduler_perf workloads (test/integration/scheduler_perf),
 * replayed against kubesim's scheduler on its own: nodes and pods from the
 * same templates, the default profile, bindings applied at once. Upstream
 * creates the initial pods, then the measured ones, and reports the average
 * SchedulingThroughput of the measured phase; so does this.
 */
import type { Node, Pod } from '../src/api/types.js';
import { Simulation } from '../src/engine/Simulation.js';
import { createScheduler } from '../src/scheduler/createScheduler.js';
import type { Scheduler } from '../src/scheduler/Scheduler.js';
import { loadBuiltinPolicy } from '../src/scheduler/policies/resolvePolicy.js';
import { StandaloneHost } from '../src/scheduler/StandaloneHost.js';

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

/** pod-default.yaml: 100m cpu, 500Mi. */
export const defaultPod = (i: number): Pod => pod('pod-', i, { cpu: '100m', memory: '500Mi' });
/** pod-low-priority.yaml: 900m cpu, 500Mi (terminationGracePeriodSeconds 0). */
export const lowPriorityPod = (i: number): Pod => pod('low-', i, { cpu: '900m', memory: '500Mi' }, { spec: { terminationGracePeriodSeconds: 0 } });
/** pod-high-priority.yaml: priority 10, 3 cpu, 500Mi. */
export const highPriorityPod = (i: number): Pod => pod('high-', i, { cpu: '3000m', memory: '500Mi' }, { priority: 10 });
/** pod-with-topology-spreading.yaml: label color=blue, DoNotSchedule zone spreading with maxSkew 5. */
export const spreadingPod = (i: number): Pod =>
  pod(
    'spreading-pod-',
    i,
    { cpu: '100m', memory: '500Mi' },
    {
      labels: { color: 'blue' },
      spec: {
        topologySpreadConstraints: [
          { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } },
        ],
      },
    },
  );

/** A scheduler_perf workload: createNodes, createPods (initial), createPods (measured). */
export interface PerfWorkload {
  /** Upstream's `Name/WorkloadName`. */
  name: string;
  nodes: number;
  zones?: readonly string[];
  initPods: number;
  initPod: (i: number) => Pod;
  measurePods: number;
  measurePod: (i: number) => Pod;
  /** Upstream's CI threshold (pods/s), for reference. */
  threshold?: number;
}

export const PERF_WORKLOADS: readonly PerfWorkload[] = [
  { name: 'SchedulingBasic/5000Nodes_10000Pods', nodes: 5000, initPods: 1000, initPod: defaultPod, measurePods: 10000, measurePod: (i) => defaultPod(1000 + i), threshold: 680 },
  {
    name: 'TopologySpreading/5000Nodes_5000Pods',
    nodes: 5000,
    zones: ['moon-1', 'moon-2', 'moon-3'],
    initPods: 5000,
    initPod: defaultPod,
    measurePods: 5000,
    measurePod: spreadingPod,
    threshold: 460,
  },
  { name: 'PreemptionBasic/500Nodes', nodes: 500, initPods: 2000, initPod: lowPriorityPod, measurePods: 500, measurePod: highPriorityPod, threshold: 18 },
];

/** A prepared run: nodes and initial pods scheduled, measured pods not yet created. */
export interface PreparedRun {
  sim: Simulation;
  host: StandaloneHost;
  scheduler: Scheduler;
  workload: PerfWorkload;
}

/** createNodes and the initial createPods, scheduled to completion. */
export function prepare(workload: PerfWorkload, seed = 1): PreparedRun {
  const sim = new Simulation({ seed });
  const host = new StandaloneHost();
  const scheduler = createScheduler(sim, host, loadBuiltinPolicy('default'));
  host.attach(scheduler);
  for (let i = 0; i < workload.nodes; i++) scheduler.addNode(defaultNode(i, workload.zones));
  for (let i = 0; i < workload.initPods; i++) host.create(workload.initPod(i));
  sim.run();
  return { sim, host, scheduler, workload };
}

/** The measured createPods: creates them and runs the simulation until the queue is empty. Returns pods scheduled. */
export function measure(run: PreparedRun): number {
  const before = run.scheduler.stats.scheduled;
  for (let i = 0; i < run.workload.measurePods; i++) run.host.create(run.workload.measurePod(i));
  run.sim.run();
  return run.scheduler.stats.scheduled - before;
}
