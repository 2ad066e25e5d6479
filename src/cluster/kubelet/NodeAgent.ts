import { parseResourceList } from '../../api/resources.js';
import type { Lease, Node, Pod } from '../../api/types.js';
import type { Timer } from '../../engine/Simulation.js';
import type { Micros } from '../../engine/time.js';
import type { Cluster } from '../Cluster.js';
import type { ImageCatalog } from '../Machines.js';
import { isPodTerminal } from '../podStatus.js';
import type { ApiClient } from '../store/ApiServer.js';
import type { Stored } from '../store/Store.js';
import { admissionRequests, admitResources } from './admission.js';
import { Backoff } from './Backoff.js';
import {
  CONTAINER_BACKOFF_INITIAL,
  CONTAINER_BACKOFF_MAX,
  KUBELET_COMPONENT,
  NAMESPACE_NODE_LEASE,
  NODE_LEASE_DURATION_SECONDS,
  NODE_LEASE_RENEW_INTERVAL,
  NODE_STATUS_MAX_IMAGES,
  NODE_STATUS_REPORT_FREQUENCY,
  NODE_STATUS_UPDATE_FREQUENCY,
} from './constants.js';
import { ImagePuller } from './ImagePuller.js';
import type { NodeLeases } from './NodeLeases.js';
import type { KubeletHost, SamplePurpose } from './KubeletHost.js';
import { kubeletNodeConditions, nodeImages, registrationNode } from './nodeStatus.js';
import { PodWorker } from './PodWorker.js';

/** What the node agents of one cluster share (made once by Kubelets). */
export interface KubeletShared {
  readonly cluster: Cluster;
  readonly catalog: ImageCatalog;
  /** A new container id. */
  nextContainerID(): string;
  /** One draw of a duration distribution for `purpose`. */
  sample(purpose: SamplePurpose, text: string): Micros | null;
  /** The lease renewTime (MicroTime) of instant `t`. */
  microTime(t: Micros): string;
  /**
   * The cluster's node lease schedule, when renewals after each run's first
   * are answered there instead of written (null: every renewal is written).
   */
  readonly leases: NodeLeases | null;
}

/** The second and third octets of the node's /24 in 10.0.0.0/8 pod space: 10.244.<index>.0/24 for the first 256 nodes. */
function podSubnet(index: number): string {
  return `10.${(244 + (index >> 8)) % 256}.${index & 255}`;
}

/**
 * One node's kubelet: registers the Node, renews its Lease every 10s (the
 * first renewal of each run written, the rest answered by {@link NodeLeases}),
 * writes node status when it changes (checked every 10s) and at least every
 * 5 min, and runs the pods bound to the node. When the machine stops it
 * does nothing at all; a restart registers again and resyncs the node's pods.
 */
export class NodeAgent implements KubeletHost {
  readonly cluster: Cluster;
  readonly client: ApiClient;
  readonly nodeName: string;
  readonly hostIP: string;
  readonly puller: ImagePuller;
  readonly backoff = new Backoff(CONTAINER_BACKOFF_INITIAL, CONTAINER_BACKOFF_MAX);
  running = false;
  /** The machine was deleted: it never runs again. */
  terminated = false;
  /** Pod workers by `namespace/name`. */
  readonly workers = new Map<string, PodWorker>();
  /** Workers this kubelet admitted, in admission order; those no longer active are dropped as found. */
  private readonly admitted: PodWorker[] = [];
  /** The summed requests of {@link admitted}, by resource. */
  private readonly used = new Map<string, number>();
  private readonly allocatable: Map<string, number>;
  private readonly subnet: string;
  private readonly usedIPs = new Set<number>();
  private nextIP = 2;
  private readonly leaseTimer: Timer;
  private readonly statusTimer: Timer;
  private lastStatusReport: Micros = 0;
  private imagesDirtyAt: Micros = -1;
  private bootedAt: Micros = 0;

  constructor(
    private readonly shared: KubeletShared,
    /** The machine's Node as booted (name, labels, taints, capacity). */
    readonly machine: Node,
    /** The node's boot order: it numbers the node's IPs. */
    readonly index: number,
  ) {
    this.cluster = shared.cluster;
    this.nodeName = machine.metadata.name ?? '';
    this.client = shared.cluster.client(`kubelet/${this.nodeName}`);
    const n = index + 10;
    this.hostIP = `192.168.${(n >> 8) & 255}.${n & 255}`;
    this.subnet = podSubnet(index);
    this.puller = new ImagePuller(shared.catalog);
    const status = machine.status ?? {};
    this.allocatable = parseResourceList(status.allocatable ?? status.capacity ?? {});
    for (const image of status.images ?? []) for (const name of image.names ?? []) this.puller.preload(name);
    this.leaseTimer = shared.cluster.callbacks.timer(() => this.renewLease());
    this.statusTimer = shared.cluster.callbacks.timer(() => this.syncNodeStatus());
  }

  // ---- KubeletHost -----------------------------------------------------------

  allocatePodIP(): string {
    for (let tries = 0; tries < 253; tries++) {
      const n = this.nextIP;
      this.nextIP = n >= 254 ? 2 : n + 1;
      if (!this.usedIPs.has(n)) {
        this.usedIPs.add(n);
        return `${this.subnet}.${n}`;
      }
    }
    return `${this.subnet}.255`; // more than 253 pods on one node: past maxPods anyway
  }

  releasePodIP(ip: string): void {
    this.usedIPs.delete(Number(ip.slice(ip.lastIndexOf('.') + 1)));
  }

  nextContainerID(): string {
    return this.shared.nextContainerID();
  }

  sample(purpose: SamplePurpose, text: string): Micros | null {
    return this.shared.sample(purpose, text);
  }

  imagesChanged(at: Micros): void {
    if (this.imagesDirtyAt >= 0 && this.imagesDirtyAt <= at) return;
    this.imagesDirtyAt = at;
    this.armStatus();
  }

  // ---- machine lifecycle -----------------------------------------------------

  /** The kubelet starts: registers the node (or updates it when it exists), the lease, and syncs its pods. */
  boot(): void {
    if (this.terminated) return;
    this.running = true;
    this.bootedAt = this.cluster.sim.now;
    this.registerNode();
    for (const pod of this.cluster.store.list<Pod>('Pod')) if (pod.spec.nodeName === this.nodeName) this.observePod(pod, false);
  }

  /** The machine died: no more writes; its pods are left as they are. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.leaseTimer.disarm();
    this.shared.leases?.stopped(this.nodeName, this.cluster.sim.now);
    this.statusTimer.disarm();
    this.imagesDirtyAt = -1;
    this.puller.abandonQueued(this.cluster.sim.now);
    for (const w of this.workers.values()) w.abandon();
    this.workers.clear();
    this.admitted.length = 0;
    this.used.clear();
    this.usedIPs.clear();
  }

  private registerNode(): void {
    const now = this.cluster.clock.timestamp();
    const node = registrationNode(this.machine, this.hostIP, `${this.subnet}.0/24`, now, nodeImages(this.puller.images(this.cluster.sim.now, NODE_STATUS_MAX_IMAGES)));
    this.client.create<Node>(node, (result) => {
      if (!this.running) return;
      const recorder = this.cluster.recorder;
      const record = (node: Node, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): void => recorder.event(node, type, reason, message, KUBELET_COMPONENT, this.nodeName);
      if (!result.ok) {
        // Registered before (a restart): the kubelet updates the existing node's status.
        const node = this.cluster.store.get<Node>('Node', undefined, this.nodeName);
        if (node !== undefined) record(node, 'Starting', 'Starting kubelet.');
        this.syncNodeStatus(true);
        if (node !== undefined && node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') record(node, 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
      } else {
        const node = result.object;
        if (node !== null) {
          record(node, 'Starting', 'Starting kubelet.');
          for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) record(node, reason, `Node ${this.nodeName} status is now: ${reason}`);
          record(node, 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
          record(node, 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
        }
        this.lastStatusReport = this.cluster.sim.now;
        this.armStatus();
      }
      this.renewLease();
    });
  }

  // ---- lease -------------------------------------------------------------------

  /** The lease was deleted while the kubelet runs: it writes it again at its renewal at `at`. */
  leaseLost(at: Micros): void {
    if (this.running) this.leaseTimer.armAt(at);
  }

  /**
   * Writes the lease (create, or update of the existing one). With a shared
   * schedule the renewals that follow are answered there, so no timer runs;
   * otherwise the next renewal is written in 10s.
   */
  private renewLease(): void {
    if (!this.running) return;
    const now = this.cluster.sim.now;
    const renewTime = this.shared.microTime(now);
    const existing = this.cluster.store.get<Lease>('Lease', NAMESPACE_NODE_LEASE, this.nodeName);
    if (existing === undefined) {
      const node = this.cluster.store.get<Node>('Node', undefined, this.nodeName);
      const lease: Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.nodeName, namespace: NAMESPACE_NODE_LEASE },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
      };
      if (node !== undefined) lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid }];
      this.client.create<Lease>(lease);
    } else {
      this.client.update<Lease>('Lease', NAMESPACE_NODE_LEASE, this.nodeName, (l) => ({ ...l, spec: { ...l.spec, holderIdentity: this.nodeName, renewTime } }));
    }
    const leases = this.shared.leases;
    if (leases !== null) leases.renewed(this.nodeName, now);
    else this.leaseTimer.arm(NODE_LEASE_RENEW_INTERVAL);
  }

  // ---- node status -------------------------------------------------------------

  /**
   * Arms the status timer for the next write that is due: at the first 10s
   * check after the images changed, and 5 min after the last report (a
   * check with nothing changed writes nothing, so idle checks are skipped).
   */
  private armStatus(): void {
    if (!this.running) return;
    const now = this.cluster.sim.now;
    let due = this.lastStatusReport + NODE_STATUS_REPORT_FREQUENCY;
    if (this.imagesDirtyAt >= 0) {
      const since = Math.max(0, this.imagesDirtyAt - this.bootedAt);
      const check = this.bootedAt + Math.ceil(since / NODE_STATUS_UPDATE_FREQUENCY) * NODE_STATUS_UPDATE_FREQUENCY;
      due = Math.min(due, Math.max(check, this.imagesDirtyAt));
    }
    this.statusTimer.armAt(Math.max(due, now));
  }

  /** tryUpdateNodeStatus: the kubelet's conditions with a fresh heartbeat, images, addresses. */
  private syncNodeStatus(force = false): void {
    if (!this.running) return;
    const now = this.cluster.sim.now;
    const imagesDue = this.imagesDirtyAt >= 0 && this.imagesDirtyAt <= now;
    const reportDue = this.lastStatusReport + NODE_STATUS_REPORT_FREQUENCY <= now;
    if (!force && !imagesDue && !reportDue) {
      this.armStatus();
      return;
    }
    const stamp = this.cluster.clock.timestamp();
    const images = nodeImages(this.puller.images(now, NODE_STATUS_MAX_IMAGES));
    this.client.update<Node>('Node', undefined, this.nodeName, (node) => ({
      ...node,
      status: { ...node.status, conditions: kubeletNodeConditions(node.status?.conditions, stamp), images },
    }));
    this.lastStatusReport = now;
    if (imagesDue) this.imagesDirtyAt = -1;
    this.armStatus();
  }

  // ---- pods ----------------------------------------------------------------------

  /** A pod bound to this node was added or changed (`fromWatch` false: found when the kubelet starts). */
  observePod(pod: Stored<Pod>, fromWatch = true): void {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    let worker = this.workers.get(key);
    if (worker !== undefined && worker.uid !== pod.metadata.uid) {
      worker.dispose();
      this.workers.delete(key);
      worker = undefined;
    }
    if (worker !== undefined) {
      worker.observe(pod);
      return;
    }
    worker = new PodWorker(this, pod);
    this.workers.set(key, worker);
    if (isPodTerminal(pod)) {
      worker.adoptTerminal();
      if (pod.metadata.deletionTimestamp !== undefined) worker.kill();
      return;
    }
    if (pod.metadata.deletionTimestamp !== undefined) {
      worker.kill();
      return;
    }
    const requests = admissionRequests(pod);
    // The admitted pods still active, and their summed requests. A worker that stops being active
    // never is again (its pod finished, was killed or went away): it leaves the list, and its
    // requests the sums, at the first admission that finds it so. Requests are whole canonical
    // units, so the running sums are exact.
    const admitted = this.admitted;
    const used = this.used;
    let kept = 0;
    for (let i = 0; i < admitted.length; i++) {
      const w = admitted[i]!;
      if (w.active) admitted[kept++] = w;
      else for (const [name, v] of w.requests) used.set(name, used.get(name)! - v);
    }
    admitted.length = kept;
    const rejection = admitResources(requests, used, kept, this.allocatable);
    if (rejection !== null) worker.reject(rejection);
    else {
      worker.start(requests, fromWatch ? undefined : pod.status);
      admitted.push(worker);
      for (const [name, v] of requests) used.set(name, (used.get(name) ?? 0) + v);
    }
  }

  /** A pod bound to this node was deleted from the API. */
  deletePod(pod: Stored<Pod>): void {
    const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const worker = this.workers.get(key);
    if (worker === undefined || worker.uid !== pod.metadata.uid) return;
    worker.dispose();
    this.workers.delete(key);
  }
}
