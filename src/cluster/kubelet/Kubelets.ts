import { parseDurationDistribution, type DurationDistribution } from '../../api/distribution.js';
import type { Node, Pod } from '../../api/types.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import type { Micros } from '../../engine/time.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { ImageCatalog, Machines } from '../Machines.js';
import type { Stored, WatchEvent } from '../store/Store.js';
import { DEFAULT_IMAGE_CATALOG } from './ImagePuller.js';
import type { SamplePurpose } from './KubeletHost.js';
import { NodeAgent, type KubeletShared } from './NodeAgent.js';
import { NodeLeases } from './NodeLeases.js';
import { microTime } from './nodeStatus.js';

/** How the kubelets of a cluster are made. */
export interface KubeletsOptions {
  /** Image sizes, pull bandwidth and overhead (default {@link DEFAULT_IMAGE_CATALOG}). */
  images?: ImageCatalog;
  /**
   * `scheduled` (default): each run's first lease renewal is written and the
   * rest are answered by the cluster's {@link NodeLeases}; `written`: every
   * renewal is an API write (a watch delivery per node every 10s).
   */
  leaseRenewals?: 'scheduled' | 'written';
}

/**
 * The kubelets and container runtimes of every node, as one actor: the
 * {@link Machines} the cloud and the workload's operations drive. One pod
 * watch serves all nodes (dispatched by spec.nodeName, as each kubelet's
 * field-selected watch would be), and each node's state is one small
 * {@link NodeAgent} with two re-armable timers (lease, status). Lease
 * renewals are a schedule in {@link NodeLeases}, not writes, unless asked.
 */
export class Kubelets implements Actor, Machines, KubeletShared {
  readonly name = 'kubelet';
  readonly catalog: ImageCatalog;
  /** The node lease schedule (null when every renewal is written). */
  readonly leases: NodeLeases | null;
  private readonly agents = new Map<string, NodeAgent>();
  private readonly pending: NodeAgent[] = [];
  private started = false;
  private containers = 0;
  private readonly streams = new Map<SamplePurpose, RandomStream>();
  private readonly distributions = new Map<string, DurationDistribution | null>();
  /** The last MicroTime formatted: every node renews at the same few instants. */
  private lastMicroTime: [Micros, string] = [-1, ''];

  constructor(readonly cluster: Cluster, options: KubeletsOptions = {}) {
    this.catalog = options.images ?? DEFAULT_IMAGE_CATALOG;
    this.leases = options.leaseRenewals === 'written' ? null : NodeLeases.of(cluster);
    this.leases?.onLeaseLost((name, at) => this.agents.get(name)?.leaseLost(at));
  }

  /** Containers created so far on every node (restarts included). */
  get containersCreated(): number {
    return this.containers;
  }

  /** Starts watching pods and boots the machines booted before the cluster started. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.cluster.store.watch<Pod>('Pod', (event) => this.dispatch(event as WatchEvent<Stored<Pod>>));
    for (const agent of this.pending.splice(0)) agent.boot();
  }

  // ---- Machines --------------------------------------------------------------------

  /**
   * Boots a machine whose kubelet registers `node`. Booting a stopped machine
   * restarts it; booting the name of a terminated one makes a new machine
   * (it keeps the old one's number, hence its IPs).
   */
  boot(node: Node): void {
    const name = node.metadata.name ?? '';
    const known = this.agents.get(name);
    if (known !== undefined && !known.terminated) {
      if (!known.running) this.restart(name);
      return;
    }
    const agent = new NodeAgent(this, node, known?.index ?? this.agents.size);
    this.agents.set(name, agent);
    if (this.started) agent.boot();
    else this.pending.push(agent);
  }

  /** The machine died: its kubelet stops; the Node and its pods stay as they are. */
  stop(nodeName: string): void {
    this.agents.get(nodeName)?.stop();
  }

  /** A stopped machine comes back: its kubelet registers again and resyncs its pods. */
  restart(nodeName: string): void {
    const agent = this.agents.get(nodeName);
    if (agent === undefined || agent.running || agent.terminated) return;
    if (this.started) agent.boot();
    else if (!this.pending.includes(agent)) this.pending.push(agent);
  }

  /** The machine is deleted: its kubelet stops for good. */
  terminate(nodeName: string): void {
    const agent = this.agents.get(nodeName);
    if (agent === undefined) return;
    agent.stop();
    agent.terminated = true;
    const i = this.pending.indexOf(agent);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** True while the kubelet of `nodeName` runs. */
  isRunning(nodeName: string): boolean {
    return this.agents.get(nodeName)?.running === true;
  }

  /** The kubelet of `nodeName`, for tests and views. */
  agent(nodeName: string): NodeAgent | undefined {
    return this.agents.get(nodeName);
  }

  // ---- KubeletShared -----------------------------------------------------------------

  /** A containerd-shaped container id: 64 hex digits from a counter. */
  nextContainerID(): string {
    return `containerd://${(++this.containers).toString(16).padStart(64, '0')}`;
  }

  /** metav1.MicroTime of `t`, remembered for the next caller at the same instant. */
  microTime(t: Micros): string {
    if (this.lastMicroTime[0] !== t) this.lastMicroTime = [t, microTime(this.cluster.clock.originMs, t)];
    return this.lastMicroTime[1];
  }

  /** One draw from the stream `kubelet/<purpose>` of the distribution `text` (parsed once). */
  sample(purpose: SamplePurpose, text: string): Micros | null {
    let distribution = this.distributions.get(text);
    if (distribution === undefined) {
      try {
        distribution = parseDurationDistribution(text);
      } catch {
        distribution = null; // a bad annotation is ignored, as a runtime ignores what it does not know
      }
      this.distributions.set(text, distribution);
    }
    if (distribution === null) return null;
    let stream = this.streams.get(purpose);
    if (stream === undefined) this.streams.set(purpose, (stream = this.cluster.random(`kubelet/${purpose}`)));
    return distribution.sample(stream);
  }

  private dispatch(event: WatchEvent<Stored<Pod>>): void {
    const pod = event.object;
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') return;
    const agent = this.agents.get(nodeName);
    if (agent === undefined || !agent.running) return;
    if (event.type === 'DELETED') agent.deletePod(pod);
    else agent.observePod(pod);
  }
}
