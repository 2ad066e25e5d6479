/**
 * kube-scheduler's scheduler_perf workloads (test/integration/scheduler_perf:
 * misc/ and topology_spreading/performance-config.yaml), each at the size
 * upstream labels `performance` (and runs in ci-benchmark-scheduler-perf) and
 * at a small size upstream also defines, for tests and smoke runs. Names are
 * upstream's `Name/workload`.
 */
import type { KubeObject, Node, Pod } from '../src/api/types.js';
import {
  churnNode,
  churnService,
  daemonsetPod,
  defaultNode,
  defaultPod,
  highPriorityPod,
  largeCpuHighPriorityPod,
  lowPriorityPod,
  namedNode,
  preferredSpreadingPod,
  spreadingPod,
} from './schedulerPerf.js';

/** A createNodes op. */
export interface NodeOp {
  count: number;
  node: (i: number) => Node;
}

/** A createPods op. */
export interface PodOp {
  count: number;
  pod: (i: number) => Pod;
}

/** One template of a churn op: the object made at the k-th tick. */
export type ChurnTemplate =
  | { kind: 'Node'; make: (k: number) => Node }
  | { kind: 'Pod'; make: (k: number) => Pod }
  | { kind: 'Service'; make: (k: number) => KubeObject };

/**
 * A churn op: every `intervalMs`, one object of each template is created
 * (`create`), or the previous one deleted and a new one created (`recreate`,
 * upstream's `number: 1`). It runs in the background of the measured phase.
 */
export interface ChurnOp {
  mode: 'create' | 'recreate';
  intervalMs: number;
  templates: readonly ChurnTemplate[];
}

/** A scheduler_perf workload: createNodes, createPods (initial), an optional churn, createPods (measured). */
export interface PerfWorkload {
  /** Upstream's `Name/WorkloadName`. */
  name: string;
  nodes: readonly NodeOp[];
  /** Scheduled to completion before the measured phase. */
  initPods: readonly PodOp[];
  churn?: ChurnOp;
  /** The measured createPods (collectMetrics: true). */
  measure: PodOp;
  /** Upstream's CI threshold (pods/s), for reference. */
  threshold?: number;
}

const ZONES = ['moon-1', 'moon-2', 'moon-3'] as const;
const zonedNode = (i: number): Node => defaultNode(i, ZONES);
/** A fresh index space per op, so names never collide: `offset + i`. */
const from = (offset: number, make: (i: number) => Pod) => (i: number) => make(offset + i);

function schedulingBasic(name: string, nodes: number, init: number, measure: number, threshold?: number): PerfWorkload {
  return {
    name: `SchedulingBasic/${name}`,
    nodes: [{ count: nodes, node: defaultNode }],
    initPods: [{ count: init, pod: defaultPod }],
    measure: { count: measure, pod: from(init, defaultPod) },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function schedulingDaemonset(name: string, nodes: number, measure: number, threshold?: number): PerfWorkload {
  return {
    name: `SchedulingDaemonset/${name}`,
    nodes: [
      { count: 1, node: namedNode },
      { count: nodes, node: defaultNode },
    ],
    initPods: [],
    measure: { count: measure, pod: daemonsetPod },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function topologySpreading(family: string, name: string, nodes: number, init: number, measure: number, pod: (i: number) => Pod, threshold?: number): PerfWorkload {
  return {
    name: `${family}/${name}`,
    nodes: [{ count: nodes, node: zonedNode }],
    initPods: [{ count: init, pod: defaultPod }],
    measure: { count: measure, pod },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function preemptionBasic(name: string, nodes: number, init: number, measure: number, threshold?: number): PerfWorkload {
  return {
    name: `PreemptionBasic/${name}`,
    nodes: [{ count: nodes, node: defaultNode }],
    initPods: [{ count: init, pod: lowPriorityPod }],
    measure: { count: measure, pod: highPriorityPod },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function mixedChurn(name: string, nodes: number, measure: number, threshold?: number): PerfWorkload {
  return {
    name: `SchedulingWithMixedChurn/${name}`,
    nodes: [{ count: nodes, node: defaultNode }],
    initPods: [],
    churn: {
      mode: 'recreate',
      intervalMs: 1000,
      templates: [
        { kind: 'Node', make: churnNode },
        { kind: 'Pod', make: largeCpuHighPriorityPod },
        { kind: 'Service', make: churnService },
      ],
    },
    measure: { count: measure, pod: defaultPod },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

function unschedulable(name: string, nodes: number, init: number, measure: number, threshold?: number): PerfWorkload {
  return {
    name: `Unschedulable/${name}`,
    nodes: [{ count: nodes, node: defaultNode }],
    initPods: [{ count: init, pod: defaultPod }],
    churn: { mode: 'create', intervalMs: 200, templates: [{ kind: 'Pod', make: largeCpuHighPriorityPod }] },
    measure: { count: measure, pod: from(init, defaultPod) },
    ...(threshold === undefined ? {} : { threshold }),
  };
}

/**
 * The `performance` sizes. PreemptionBasic runs 500Nodes, its performance
 * size before upstream moved it to 1000Nodes (4,000 + 1,000 pods), which
 * takes ~16 s per sample here: preemptors retried with more and more
 * nominated pods make it superlinear, and five samples of it would take
 * the whole time budget of `kubesim bench`.
 */
export const PERF_WORKLOADS: readonly PerfWorkload[] = [
  schedulingBasic('5000Nodes_10000Pods', 5000, 1000, 10000, 680),
  schedulingDaemonset('15000Nodes', 15000, 30000, 1100),
  topologySpreading('TopologySpreading', '5000Nodes_5000Pods', 5000, 5000, 5000, spreadingPod, 460),
  topologySpreading('PreferredTopologySpreading', '5000Nodes_5000Pods', 5000, 5000, 5000, preferredSpreadingPod, 340),
  preemptionBasic('500Nodes', 500, 2000, 500, 18),
  mixedChurn('5000Nodes_10000Pods', 5000, 10000, 710),
  unschedulable('5kNodes/100Init/10kPods', 5000, 100, 10000, 590),
];

/** Small sizes upstream also runs (500Nodes, or the integration-test ones). */
export const SMALL_PERF_WORKLOADS: readonly PerfWorkload[] = [
  schedulingBasic('500Nodes', 500, 500, 1000),
  schedulingDaemonset('5Nodes', 5, 10),
  topologySpreading('TopologySpreading', '500Nodes', 500, 1000, 1000, spreadingPod),
  topologySpreading('PreferredTopologySpreading', '500Nodes', 500, 1000, 1000, preferredSpreadingPod),
  preemptionBasic('5Nodes', 5, 20, 5),
  mixedChurn('10Nodes', 10, 100),
  unschedulable('500Nodes/10Init/1kPods', 500, 10, 1000),
];
