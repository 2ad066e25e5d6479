import type { Node, Taint } from '../../api/types.js';
import { seconds, type Micros } from '../../engine/time.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { Machines } from '../Machines.js';
import type { ApiClient } from '../store/ApiServer.js';
import { Informer } from '../store/Informer.js';
import { generateName } from '../store/names.js';
import { nodeFromTemplate, type NodeGroup } from './NodeGroup.js';

/** The taint a kubelet started with `--cloud-provider=external` puts on its node until the CCM initialises it. */
export const TAINT_CLOUD_PROVIDER_UNINITIALIZED = 'node.cloudprovider.kubernetes.io/uninitialized';
/** cloud-controller-manager `--node-monitor-period` (kubernetes-behaviour.md §1). */
export const CCM_NODE_MONITOR_PERIOD: Micros = seconds(5);
/** The providerID scheme of kubesim's machines: `kubesim://<group>/<node>`. */
export const PROVIDER_ID_PREFIX = 'kubesim://';

/** One machine of a node group, from the cloud request on. */
export interface Instance {
  readonly name: string;
  readonly group: NodeGroup;
  /** When the cloud was asked for it. */
  readonly requestedAt: Micros;
  /** When it booted (its kubelet started), undefined while provisioning. */
  bootedAt: Micros | undefined;
}

/** How the cloud is set up. */
export interface CloudProviderOptions {
  /**
   * Boot machines with the `node.cloudprovider.kubernetes.io/uninitialized`
   * taint, removed by the CCM's node initialisation (default true: kubelets
   * run with `--cloud-provider=external`).
   */
  readonly externalCloudProvider?: boolean;
}

/**
 * The cloud under the cluster and the cloud-controller-manager on top of it.
 *
 * The cloud keeps each node group's machines: asked for more it provisions
 * each for the group's delay, then boots it ({@link Machines.boot}, whose
 * kubelet registers the Node); asked to delete one it terminates the machine
 * and deletes the Node. The CCM's node controller initialises new Nodes
 * (sets providerID and removes the uninitialized taint); its node lifecycle
 * controller, every node-monitor-period (5s), deletes a NotReady Node whose
 * machine no longer exists.
 */
export class CloudProvider implements Actor {
  readonly name = 'cloud-controller-manager';
  /** Machines asked for and machines deleted so far. */
  readonly counters = { nodesRequested: 0, nodesBooted: 0, nodesDeleted: 0, nodesInitialized: 0 };
  private readonly byGroup = new Map<string, NodeGroup>();
  private readonly instancesByName = new Map<string, Instance>();
  private readonly client: ApiClient;
  private readonly nodes: Informer<Node>;
  private readonly initializing = new Set<string>();
  /** Nodes of ours (kubesim providerID) whose machine no longer exists. */
  private readonly orphans = new Set<string>();
  private readonly external: boolean;

  /**
   * @param cluster the cluster it serves
   * @param machines boots and terminates machines (the kubelets)
   * @param groups the node groups, in the order the autoscaler considers them
   */
  constructor(
    private readonly cluster: Cluster,
    private readonly machines: Machines,
    readonly groups: readonly NodeGroup[],
    options: CloudProviderOptions = {},
  ) {
    for (const g of groups) {
      if (this.byGroup.has(g.name)) throw new Error(`duplicate node group ${g.name}`);
      if (!(g.minSize >= 0 && g.minSize <= g.maxSize)) throw new Error(`node group ${g.name}: need 0 ≤ min ≤ max`);
      this.byGroup.set(g.name, g);
    }
    this.external = options.externalCloudProvider ?? true;
    this.client = cluster.client('cloud-controller-manager');
    this.nodes = new Informer<Node>(cluster.store, 'Node');
  }

  /** Boots each group's initial machines and starts the CCM's controllers. */
  start(): void {
    const seen = (n: Node): void => {
      this.initialize(n);
      const name = n.metadata.name ?? '';
      if ((n.spec?.providerID ?? '').startsWith(PROVIDER_ID_PREFIX) && !this.instancesByName.has(name)) this.orphans.add(name);
    };
    this.nodes.addHandler({ add: seen, update: (_, n) => seen(n), delete: (n) => this.orphans.delete(n.metadata.name ?? '') });
    for (const g of this.groups) {
      const initial = g.initialSize ?? g.minSize;
      for (let i = 0; i < initial; i++) this.boot(this.newInstance(g));
    }
    const monitor = (): void => {
      this.monitorNodes();
      this.cluster.callbacks.after(CCM_NODE_MONITOR_PERIOD, monitor);
    };
    this.cluster.callbacks.after(CCM_NODE_MONITOR_PERIOD, monitor);
  }

  /** The group named `name`. */
  group(name: string): NodeGroup | undefined {
    return this.byGroup.get(name);
  }

  /** NodeGroupForNode: the group whose machine `nodeName` is, if any. */
  nodeGroupForNode(nodeName: string): NodeGroup | undefined {
    return this.instancesByName.get(nodeName)?.group;
  }

  /** The machine named `nodeName`, if it exists. */
  instance(nodeName: string): Instance | undefined {
    return this.instancesByName.get(nodeName);
  }

  /** The group's machines (provisioning and booted), oldest first. */
  instances(group: NodeGroup): Instance[] {
    const out: Instance[] = [];
    for (const i of this.instancesByName.values()) if (i.group === group) out.push(i);
    return out;
  }

  /** TargetSize: the machines the group has or is provisioning. */
  targetSize(group: NodeGroup): number {
    let n = 0;
    for (const i of this.instancesByName.values()) if (i.group === group) n++;
    return n;
  }

  /** Every machine of every group. */
  get size(): number {
    return this.instancesByName.size;
  }

  /**
   * IncreaseSize: asks for `delta` more machines of `group`; each boots after
   * the group's provisioning delay. Returns their node names.
   * @throws Error beyond the group's max size
   */
  increaseSize(group: NodeGroup, delta: number): string[] {
    if (delta <= 0) throw new Error(`size increase must be positive, got ${delta}`);
    if (this.targetSize(group) + delta > group.maxSize) {
      throw new Error(`size increase too large - desired:${this.targetSize(group) + delta} max:${group.maxSize}`);
    }
    const names: string[] = [];
    for (let k = 0; k < delta; k++) {
      const instance = this.newInstance(group);
      names.push(instance.name);
      this.counters.nodesRequested++;
      this.cluster.callbacks.after(group.provisioningDelay, () => {
        // Deleted while provisioning: nothing boots.
        if (this.instancesByName.get(instance.name) === instance) this.boot(instance);
      });
    }
    return names;
  }

  /**
   * DeleteNodes: terminates the machine and deletes its Node object.
   * Returns false when no machine has that name.
   */
  deleteNode(nodeName: string): boolean {
    const instance = this.instancesByName.get(nodeName);
    if (instance === undefined) return false;
    this.instancesByName.delete(nodeName);
    this.counters.nodesDeleted++;
    if (this.nodes.get(undefined, nodeName) !== undefined) this.orphans.add(nodeName);
    if (instance.bootedAt !== undefined) this.machines.terminate(nodeName);
    if (this.nodes.get(undefined, nodeName) !== undefined || instance.bootedAt !== undefined) {
      this.client.delete('Node', undefined, nodeName);
    }
    return true;
  }

  /** Adopts a machine made elsewhere (a workload's initial node) into `group`. */
  adopt(nodeName: string, group: NodeGroup): void {
    if (this.instancesByName.has(nodeName)) throw new Error(`machine ${nodeName} already exists`);
    this.instancesByName.set(nodeName, { name: nodeName, group, requestedAt: this.cluster.sim.now, bootedAt: this.cluster.sim.now });
  }

  private newInstance(group: NodeGroup): Instance {
    const random = this.cluster.random('cloud/names');
    let name: string;
    do name = generateName(`${group.name}-`, random);
    while (this.instancesByName.has(name) || this.cluster.store.get('Node', undefined, name) !== undefined);
    const instance: Instance = { name, group, requestedAt: this.cluster.sim.now, bootedAt: undefined };
    this.instancesByName.set(name, instance);
    return instance;
  }

  private boot(instance: Instance): void {
    instance.bootedAt = this.cluster.sim.now;
    this.counters.nodesBooted++;
    const node = nodeFromTemplate(instance.group, instance.name);
    if (this.external) {
      const uninitialized: Taint = { key: TAINT_CLOUD_PROVIDER_UNINITIALIZED, value: 'true', effect: 'NoSchedule' };
      node.spec = { ...node.spec, taints: [...(node.spec?.taints ?? []), uninitialized] };
    }
    this.machines.boot(node);
  }

  /** The cloud node controller's syncNode: providerID set, uninitialized taint removed. */
  private initialize(node: Node): void {
    const name = node.metadata.name ?? '';
    const instance = this.instancesByName.get(name);
    if (instance === undefined || this.initializing.has(name)) return;
    const tainted = (node.spec?.taints ?? []).some((t) => t.key === TAINT_CLOUD_PROVIDER_UNINITIALIZED);
    if (!tainted && node.spec?.providerID !== undefined) return;
    this.initializing.add(name);
    const providerID = `${PROVIDER_ID_PREFIX}${instance.group.name}/${name}`;
    this.client.update<Node>(
      'Node',
      undefined,
      name,
      (current) => {
        const taints = (current.spec?.taints ?? []).filter((t) => t.key !== TAINT_CLOUD_PROVIDER_UNINITIALIZED);
        const spec = { ...current.spec, providerID };
        if (taints.length > 0) spec.taints = taints;
        else delete spec.taints;
        return { ...current, spec };
      },
      (result) => {
        this.initializing.delete(name);
        if (result.ok) this.counters.nodesInitialized++;
      },
    );
  }

  /** The cloud node lifecycle controller: a NotReady Node of ours whose machine is gone is deleted. */
  private monitorNodes(): void {
    const gone: string[] = [];
    for (const name of this.orphans) {
      const node = this.nodes.get(undefined, name);
      if (node === undefined || this.instancesByName.has(name)) {
        this.orphans.delete(name);
        continue;
      }
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready?.status !== 'True') gone.push(name);
    }
    for (const name of gone) this.client.delete('Node', undefined, name);
  }
}
