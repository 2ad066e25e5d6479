import type { Micros } from '../engine/time.js';
import { installAdmission } from '../cluster/admission.js';
import { Cluster } from '../cluster/Cluster.js';
import { CONTROL_PLANE_PROFILES } from '../cluster/ControlPlaneProfile.js';
import { CloudProvider } from '../cluster/cloud/CloudProvider.js';
import { ClusterAutoscaler } from '../cluster/cloud/ClusterAutoscaler.js';
import type { NodeGroup } from '../cluster/cloud/NodeGroup.js';
import { DaemonSetController } from '../cluster/controllers/daemonset/DaemonSetController.js';
import { DeploymentController } from '../cluster/controllers/deployment/DeploymentController.js';
import { EndpointSliceController } from '../cluster/controllers/endpointslice/EndpointSliceController.js';
import { GarbageCollector } from '../cluster/controllers/GarbageCollector.js';
import { JobController } from '../cluster/controllers/job/JobController.js';
import { TTLAfterFinishedController } from '../cluster/controllers/job/TTLAfterFinishedController.js';
import { NodeLifecycleController } from '../cluster/controllers/nodelifecycle/NodeLifecycleController.js';
import { TaintEvictionController } from '../cluster/controllers/nodelifecycle/TaintEvictionController.js';
import { PodGC } from '../cluster/controllers/PodGC.js';
import { ReplicaSetController } from '../cluster/controllers/replicaset/ReplicaSetController.js';
import { StatefulSetController } from '../cluster/controllers/statefulset/StatefulSetController.js';
import { InvariantMonitor } from '../cluster/invariants.js';
import { Kubelets } from '../cluster/kubelet/Kubelets.js';
import { ServiceProxy } from '../cluster/proxy/ServiceProxy.js';
import { TrafficGenerator } from '../cluster/proxy/TrafficGenerator.js';
import type { LoadedConfiguration } from '../scheduler/config/load.js';
import { ClusterSchedulerHost } from '../scheduler/ClusterSchedulerHost.js';
import { createScheduler } from '../scheduler/createScheduler.js';
import { loadBuiltinPolicy } from '../scheduler/policies/resolvePolicy.js';
import type { Scheduler } from '../scheduler/Scheduler.js';
import { imageCatalogOf } from './spec/images.js';
import { nodeFromPool, zoneOfPoolNode } from './spec/poolNodes.js';
import type { NodePool, Workload } from './spec/types.js';
import { WorkloadDriver } from './WorkloadDriver.js';

/** How a workload is run. */
export interface ClusterRunOptions {
  /** The run's seed (default 1). */
  seed?: number;
  /** The scheduler's configuration (default: the built-in `default` policy). */
  policy?: LoadedConfiguration;
  /** Record Events (default true; large runs that never print them turn this off). */
  recordEvents?: boolean;
  /** Watch the invariants (default true). */
  checkInvariants?: boolean;
}

/**
 * A workload's whole cluster, assembled: the API server and etcd, the
 * kube-controller-manager's controllers, kube-scheduler, the nodes' kubelets,
 * the cloud with its node groups and cluster-autoscaler, kube-proxy and the
 * workload's own driver, all on one virtual clock.
 */
export class ClusterRun {
  readonly cluster: Cluster;
  readonly scheduler: Scheduler;
  readonly kubelets: Kubelets;
  readonly driver: WorkloadDriver;
  readonly monitor: InvariantMonitor | null;
  readonly autoscaler: ClusterAutoscaler | null;
  readonly traffic: TrafficGenerator[] = [];

  constructor(
    readonly workload: Workload,
    options: ClusterRunOptions = {},
  ) {
    const cluster = new Cluster({
      seed: options.seed ?? 1,
      profile: CONTROL_PLANE_PROFILES[workload.controlPlane],
      clockOriginMs: workload.clock.originMs,
      recordEvents: options.recordEvents ?? true,
    });
    this.cluster = cluster;
    installAdmission(cluster);
    this.monitor = options.checkInvariants === false ? null : new InvariantMonitor(cluster.store);

    // The nodes first: their kubelets register as the cluster starts.
    this.kubelets = cluster.add(new Kubelets(cluster, { images: imageCatalogOf(workload.images) }));

    // kube-controller-manager.
    cluster.add(new DeploymentController(cluster));
    cluster.add(new ReplicaSetController(cluster));
    cluster.add(new DaemonSetController(cluster));
    cluster.add(new StatefulSetController(cluster));
    cluster.add(new JobController(cluster));
    cluster.add(new TTLAfterFinishedController(cluster));
    cluster.add(new EndpointSliceController(cluster));
    cluster.add(new GarbageCollector(cluster));
    cluster.add(new PodGC(cluster));
    cluster.add(new NodeLifecycleController(cluster));
    cluster.add(new TaintEvictionController(cluster));

    // kube-scheduler.
    const host = new ClusterSchedulerHost(cluster);
    this.scheduler = createScheduler(cluster.sim, host, options.policy ?? loadBuiltinPolicy('default'));
    host.attach(this.scheduler);
    cluster.add(host);

    // cloud-controller-manager and cluster-autoscaler, when some pool is a node group.
    const groups = workload.cluster.nodePools.filter((p) => p.autoscaling !== undefined).map(nodeGroupOf);
    if (groups.length > 0) {
      const cloud = cluster.add(new CloudProvider(cluster, this.kubelets, groups));
      const a = workload.cluster.autoscaler;
      this.autoscaler = a.enabled
        ? cluster.add(
            new ClusterAutoscaler(cluster, cloud, {
              scanInterval: a.scanInterval,
              expander: a.expander as never,
              maxNodeProvisionTime: a.maxNodeProvisionTime,
              maxNodesTotal: a.maxNodesTotal ?? 0,
              scaleDownEnabled: a.scaleDownEnabled,
              scaleDownUtilizationThreshold: a.scaleDownUtilizationThreshold,
              scaleDownUnneededTime: a.scaleDownUnneededTime,
              scaleDownDelayAfterAdd: a.scaleDownDelayAfterAdd,
              maxEmptyBulkDelete: a.maxEmptyBulkDelete,
              maxGracefulTermination: a.maxGracefulTerminationSec * 1_000_000,
            }),
          )
        : null;
    } else this.autoscaler = null;

    // kube-proxy and the traffic the workload sends.
    // One proxy per routing mode: iptables' random pick, or IPVS round robin.
    const proxies = new Map<string, ServiceProxy>();
    for (const t of workload.traffic) {
      const mode = t.routing === 'round-robin' ? 'round-robin' : 'iptables';
      let proxy = proxies.get(mode);
      if (proxy === undefined) proxies.set(mode, (proxy = cluster.add(new ServiceProxy(cluster, { mode }))));
      const traffic = new TrafficGenerator(cluster, proxy, {
        namespace: t.namespace,
        service: t.service,
        ratePerSecond: t.ratePerSecond,
        start: t.start,
        end: t.end ?? workload.duration,
      });
      this.traffic.push(cluster.add(traffic));
    }

    this.driver = cluster.add(new WorkloadDriver(cluster, workload, this.kubelets));
  }

  /**
   * Runs the simulation to the instant `until` (default: the workload's
   * duration), then writes the node leases' scheduled renewals into the
   * store, so whatever reads it (kubectl's views) finds them as written.
   */
  runUntil(until: Micros = this.workload.duration): void {
    this.cluster.start();
    this.cluster.sim.run({ until });
    this.kubelets.leases?.flush();
  }
}

/** A pool with `autoscaling` as a cloud node group. */
function nodeGroupOf(pool: NodePool): NodeGroup {
  const a = pool.autoscaling!;
  const template = nodeFromPool(pool, { name: `${pool.name}-template`, ...optionalZone(zoneOfPoolNode(pool, 0)) });
  return {
    name: pool.name,
    minSize: a.min,
    maxSize: a.max,
    initialSize: pool.count,
    provisioningDelay: a.provisioningDelay,
    template: {
      capacity: pool.capacity,
      allocatable: pool.allocatable,
      labels: withoutHostname(template.metadata.labels ?? {}),
      taints: pool.taints,
      ...optionalZone(zoneOfPoolNode(pool, 0)),
    },
  };
}

function optionalZone(zone: string | undefined): { zone?: string } {
  return zone === undefined ? {} : { zone };
}

/** A template's labels without the per-node hostname label (the cloud names each machine). */
function withoutHostname(labels: Record<string, string>): Record<string, string> {
  const { ['kubernetes.io/hostname']: _hostname, ...rest } = labels;
  return rest;
}
