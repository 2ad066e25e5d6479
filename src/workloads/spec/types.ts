/**
 * A workload file, loaded: the cluster to build, what arrives and when, the
 * timed operations, traffic, the control-plane profile and the run length.
 * Every duration is already in microseconds, every default is filled in, and
 * quantities are kept as written (validated) so that Node objects carry them
 * verbatim. See workloads/README.md for the file format.
 */
import type { LoadedObject } from '../../api/manifests.js';
import type { KubeObject, Node, ResourceList, Taint } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';

/** The apiVersion of a workload file. */
export const WORKLOAD_API_VERSION = 'kubesim.io/v1alpha1';
/** The kind of a workload file. */
export const WORKLOAD_KIND = 'Workload';

/** A parameter's value: a YAML scalar. */
export type ParameterValue = string | number | boolean | null;

/**
 * A Kubernetes manifest embedded in the workload file (under `objects`,
 * `arrivals[i].manifest` or `cluster.nodes`): a LoadedObject whose
 * `lineOf(fieldPath)` answers with lines of the workload file, so the API's
 * `validateObject` reports `file:line: field: message` for it directly.
 */
export interface EmbeddedObject<T extends KubeObject = KubeObject> extends LoadedObject<T> {
  /** Where it sits in the workload (`arrivals[2].manifest`). */
  readonly path: string;
}

/** The cluster-autoscaler settings of one node group (a pool with `autoscaling`). */
export interface NodeGroupAutoscaling {
  /** The fewest nodes the group may shrink to. */
  readonly min: number;
  /** The most nodes the group may grow to. */
  readonly max: number;
  /** From the cloud request to the machine booting (default 3m: GCE's 3–4 min). */
  readonly provisioningDelay: Micros;
}

/** One node of a pool, with the zone round robin gave it. */
export interface PoolNode {
  readonly name: string;
  /** Its `topology.kubernetes.io/zone`, when the pool has zones. */
  readonly zone?: string;
}

/** A pool of identical nodes. */
export interface NodePool {
  readonly name: string;
  /** Nodes at time 0 (for an autoscaled pool: the group's initial size). */
  readonly count: number;
  /** The nodes at time 0: `<pool>-<i>` (i from 1) unless `names` was given; zones round robin. */
  readonly nodes: readonly PoolNode[];
  /** Quantities as written (`pods` defaults to the kubelet's max-pods, "110"). */
  readonly capacity: ResourceList;
  /** Default: the capacity. */
  readonly allocatable: ResourceList;
  /** The pool's labels, without the per-node ones (hostname, zone, region, roles). */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Zones the nodes are spread over, round robin (empty: no zone label). */
  readonly zones: readonly string[];
  /** `topology.kubernetes.io/region`, when given. */
  readonly region?: string;
  /** `node-role.kubernetes.io/<role>` labels. */
  readonly roles: readonly string[];
  /** Default `v1.34.0`. */
  readonly kubeletVersion: string;
  /** Present when the pool is a cluster-autoscaler node group. */
  readonly autoscaling?: NodeGroupAutoscaling;
}

/** cluster-autoscaler's expanders. */
export type Expander = 'random' | 'most-pods' | 'least-waste' | 'least-nodes' | 'price' | 'priority';

/** cluster-autoscaler flags (defaults: kubernetes-behaviour.md §5). */
export interface AutoscalerSpec {
  /** Default: true when some pool has `autoscaling`. */
  readonly enabled: boolean;
  /** `--expander`: a chain, applied in order (default `least-waste`). */
  readonly expander: readonly Expander[];
  /** `--scan-interval` (10s). */
  readonly scanInterval: Micros;
  /** `--max-node-provision-time` (15m). */
  readonly maxNodeProvisionTime: Micros;
  /** `--new-pod-scale-up-delay` (0s). */
  readonly newPodScaleUpDelay: Micros;
  /** `--scale-down-enabled` (true). */
  readonly scaleDownEnabled: boolean;
  /** `--scale-down-utilization-threshold` (0.5). */
  readonly scaleDownUtilizationThreshold: number;
  /** `--scale-down-unneeded-time` (10m). */
  readonly scaleDownUnneededTime: Micros;
  /** `--scale-down-unready-time` (20m). */
  readonly scaleDownUnreadyTime: Micros;
  /** `--scale-down-delay-after-add` (10m). */
  readonly scaleDownDelayAfterAdd: Micros;
  /** `--scale-down-delay-after-delete` (0s). */
  readonly scaleDownDelayAfterDelete: Micros;
  /** `--scale-down-delay-after-failure` (3m). */
  readonly scaleDownDelayAfterFailure: Micros;
  /** `--max-empty-bulk-delete` (10). */
  readonly maxEmptyBulkDelete: number;
  /** `--max-graceful-termination-sec` (600). */
  readonly maxGracefulTerminationSec: number;
  /** `--max-nodes-total` (unset: no limit). */
  readonly maxNodesTotal?: number;
}

/** The cluster a run starts with. */
export interface ClusterSpec {
  readonly nodePools: readonly NodePool[];
  /** Literal Node manifests. */
  readonly nodes: readonly EmbeddedObject<Node>[];
  readonly autoscaler: AutoscalerSpec;
}

/** Image sizes and pull costs for the container runtime. */
export interface ImagesSpec {
  /** Bytes of any image not listed (default 200Mi). */
  readonly defaultSize: number;
  /** Bytes by image reference as written in the file. */
  readonly sizes: Readonly<Record<string, number>>;
  /** Pull bandwidth, bytes per second (default 50Mi). */
  readonly bandwidth: number;
  /** Fixed cost of a pull (default 1s). */
  readonly overhead: Micros;
}

/** One arrival at a fixed time. */
export interface OnceProcess {
  readonly type: 'once';
  readonly at: Micros;
}

/** A homogeneous Poisson process. */
export interface PoissonProcess {
  readonly type: 'poisson';
  /** Mean arrivals per second. */
  readonly ratePerSecond: number;
  readonly start: Micros;
  /** Exclusive; absent: the run's end. */
  readonly end?: Micros;
  /** Stop after this many; absent: no limit. */
  readonly count?: number;
}

/** `count` arrivals at once, `times` times, `every` apart. */
export interface BurstProcess {
  readonly type: 'burst';
  readonly at: Micros;
  readonly count: number;
  /** The gap between bursts; absent: one burst. */
  readonly every?: Micros;
  /** How many bursts; absent (with `every`): until the run ends. */
  readonly times?: number;
}

/** A nonhomogeneous Poisson process λ(t) = mean·(1 + A·cos(2π(t − peakAt)/period)). */
export interface DiurnalProcess {
  readonly type: 'diurnal';
  /** Mean arrivals per second over a period. */
  readonly meanRatePerSecond: number;
  /** A in [0, 1] (default 0.5). */
  readonly amplitude: number;
  /** Default 24h. */
  readonly period: Micros;
  /** Where in the period the rate peaks (default 12h). */
  readonly peakAt: Micros;
  readonly start: Micros;
  /** Exclusive; absent: the run's end. */
  readonly end?: Micros;
  /** Stop after this many; absent: no limit. */
  readonly count?: number;
}

/** When an arrival's objects are created. */
export type ArrivalProcess = OnceProcess | PoissonProcess | BurstProcess | DiurnalProcess;

/**
 * A manifest and when it arrives. The runtime fields (`runDuration`, ...)
 * are already written onto the manifest's pod template as `sim.kubesim.io/*`
 * annotations; they are repeated here for reference.
 */
export interface Arrival {
  /** The manifest, with the runtime annotations applied. */
  readonly manifest: EmbeddedObject;
  readonly process: ArrivalProcess;
  /** A duration distribution (`exp(10m)`). */
  readonly runDuration?: string;
  readonly exitCode?: number;
  readonly failures?: number;
  /** A duration distribution. */
  readonly failureAfter?: string;
  /** A duration distribution. */
  readonly readyAfter?: string;
  readonly usageRatio?: number;
}

/** Fields every operation has. */
interface OperationBase {
  readonly at: Micros;
  /** Where it sits in the file (`operations[3]`). */
  readonly path: string;
}

/** An operation on one node. */
export interface NodeOperation extends OperationBase {
  readonly op: 'node-failure' | 'node-recovery' | 'cordon' | 'uncordon' | 'drain';
  readonly node: string;
}

/** Every node of a zone fails, and recovers after `duration` (absent: stays down). */
export interface ZoneOutageOperation extends OperationBase {
  readonly op: 'zone-outage';
  readonly zone: string;
  readonly duration?: Micros;
}

/** Sets `spec.replicas`. */
export interface ScaleOperation extends OperationBase {
  readonly op: 'scale';
  readonly kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet';
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
}

/** Sets one container's image in the pod template (a rolling update). */
export interface RolloutOperation extends OperationBase {
  readonly op: 'rollout';
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly namespace: string;
  readonly name: string;
  /** The container (the template's only one when the file leaves it out). */
  readonly container: string;
  readonly image: string;
}

/** Deletes an object. */
export interface DeleteOperation extends OperationBase {
  readonly op: 'delete';
  readonly kind: string;
  /** `""` for cluster-scoped kinds. */
  readonly namespace: string;
  readonly name: string;
}

/** A timed operation. */
export type Operation = NodeOperation | ZoneOutageOperation | ScaleOperation | RolloutOperation | DeleteOperation;

/** How kube-proxy picks a backend. */
export type Routing = 'random' | 'round-robin';

/** Requests sent to a Service. */
export interface TrafficSpec {
  readonly service: string;
  readonly namespace: string;
  readonly ratePerSecond: number;
  /** `random` as in iptables mode (default), or `round-robin`. */
  readonly routing: Routing;
  readonly start: Micros;
  /** Exclusive; absent: the run's end. */
  readonly end?: Micros;
}

/** The control plane's latency profile. */
export type ControlPlaneName = 'ideal' | 'realistic';

/** How a trace workload runs. */
export type TraceMode = 'placement' | 'replay';

/** The trace formats a workload may name. */
export type TraceFormat = 'openb';

/**
 * The `trace` section: a recorded cluster and its pods instead of
 * `cluster`/`arrivals`. `placement` is the FGD paper's method (no time axis:
 * one pod at a time, a pod that does not fit is dropped); `replay` puts the
 * pods on the virtual clock by their creation and deletion times.
 */
export interface TraceSpec {
  readonly format: TraceFormat;
  /**
   * The folder of the trace files, absolute: a relative `dir` written in the
   * file is resolved against the workload file's folder; one that comes from
   * the command line (`--set traceDir=DIR` or `--set trace.dir=DIR`) against
   * the current directory.
   */
  readonly dir: string;
  /** The node list, a file name in `dir` (default `openb_node_list_gpu_node.csv`). */
  readonly nodeList: string;
  /** The pod list, a file name in `dir`. */
  readonly podList: string;
  /** Inflate (or trim) the pods' GPU request to this multiple of the GPU capacity; 0: as recorded (default 1.3). */
  readonly tune: number;
  readonly mode: TraceMode;
}

/** A loaded workload file. */
export interface Workload {
  readonly file: string;
  readonly metadata: {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  /** The parameters' final values (defaults, then `--set`). */
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** The run length (0 for a trace in placement mode, which has no time axis). */
  readonly duration: Micros;
  readonly controlPlane: ControlPlaneName;
  readonly clock: {
    /** As written (default `2026-01-01T00:00:00Z`). */
    readonly origin: string;
    /** The same instant, in ms since the Unix epoch. */
    readonly originMs: number;
  };
  readonly cluster: ClusterSpec;
  readonly images: ImagesSpec;
  /** Created at time 0, before anything else, in order. */
  readonly objects: readonly EmbeddedObject[];
  readonly arrivals: readonly Arrival[];
  /** In file order (not sorted by time). */
  readonly operations: readonly Operation[];
  readonly traffic: readonly TrafficSpec[];
  /** A trace workload: the cluster and pods come from its files (read at run time, not by the loader). */
  readonly trace?: TraceSpec;
}
