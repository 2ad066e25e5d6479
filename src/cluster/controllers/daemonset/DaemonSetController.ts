import type { DaemonSet, Node, Pod } from '../../../api/types.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND, type Micros } from '../../../engine/time.js';
import type { Actor, Cluster } from '../../Cluster.js';
import { isPodTerminal } from '../../podStatus.js';
import type { ApiClient } from '../../store/ApiServer.js';
import type { Informer } from '../../store/Informer.js';
import { computeHash } from '../../store/names.js';
import type { Stored } from '../../store/Store.js';
import { ControllerExpectations } from '../ControllerExpectations.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../slowStartBatch.js';
import { PodsByController } from '../PodsByController.js';
import { WorkQueue } from '../job/WorkQueue.js';
import { compareDaemonPods, DaemonSetPlacement, isPodAvailable, newDaemonPod, targetNodeName, type NodeShouldRun } from './daemonPod.js';
import { isPodUpdated, maxUnavailableOf, rollingUpdatePodsToDelete } from './rollingUpdate.js';
import { DaemonPodsByNode } from './DaemonPodsByNode.js';
import { DaemonSetTotals, nodeOutcome } from './nodeOutcome.js';

/** daemon.BurstReplicas: at most this many creations and deletions per sync. */
export const DAEMONSET_BURST_REPLICAS = 250;
/** The failed-pod backoff of a (DaemonSet, node): 1s doubling to 15 min. */
const FAILED_POD_BACKOFF_INITIAL: Micros = MICROS_PER_SECOND;
const FAILED_POD_BACKOFF_MAX: Micros = 15 * MICROS_PER_MINUTE;
/** The Event source of this controller. */
const COMPONENT = 'daemonset-controller';

type DaemonSetStatus = NonNullable<DaemonSet['status']>;

/**
 * kube-controller-manager's DaemonSet controller (k/k
 * pkg/controller/daemon/daemon_controller.go, update.go): one daemon pod on
 * every node the DaemonSet's node selector, required node affinity and
 * tolerations (plus the automatic daemon tolerations) allow, pinned to its
 * node by a `metadata.name` matchFields affinity so the default scheduler
 * binds it; pods removed from nodes that stop matching; failed daemon pods
 * replaced with a per-node backoff; RollingUpdate with maxUnavailable (maxSurge
 * 0) when the template changes; and the DaemonSet's status.
 *
 * Not modelled: adoption of orphan pods, ControllerRevision objects (the
 * template hash is computed directly), maxSurge > 0, OnDelete's history.
 */
export class DaemonSetController implements Actor {
  readonly name = 'kube-controller-manager/daemonset';
  private readonly client: ApiClient;
  private readonly daemonSets: Informer<DaemonSet>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly queue: WorkQueue;
  private readonly podIndex: PodsByController;
  private readonly daemonPods: DaemonPodsByNode;
  private readonly expectations = new ControllerExpectations();
  private readonly failedPodsBackoff = new Map<string, { delay: Micros; lastUpdate: Micros }>();
  /** Syncs run (for tests and counters). */
  syncs = 0;
  /** Placement and revision hash per pod template object (stored templates are immutable). */
  private readonly templates = new WeakMap<object, CompiledTemplate>();
  /** The node informer's list, in its order, kept from its events (a sync reads it without copying). */
  private readonly nodeList: Node[] = [];
  private readonly nodeAt = new Map<string, number>();
  /** Bumped when a node is added or removed (positions in {@link nodeList} shift). */
  private nodeListVersion = 0;
  private readonly incremental: boolean;
  /** Each DaemonSet's sums from its last sync (by uid). */
  private readonly totals = new Map<string, DaemonSetTotals>();
  private readonly instantOf = (t: string): Micros => this.cluster.clock.instantOf(t);

  /**
   * @param options.incremental false: every sync recounts every node from a
   *   freshly built getNodesToDaemonPods map, as upstream does (the reference
   *   the incremental sums are tested against); default true.
   */
  constructor(
    private readonly cluster: Cluster,
    options: { incremental?: boolean } = {},
  ) {
    this.incremental = options.incremental ?? true;
    this.client = cluster.client('kube-controller-manager/daemonset');
    this.daemonSets = cluster.informers.for<DaemonSet>('DaemonSet');
    this.pods = cluster.informers.for<Pod>('Pod');
    this.nodes = cluster.informers.for<Node>('Node');
    this.queue = new WorkQueue(cluster.callbacks, (key) => this.sync(key));
    this.podIndex = new PodsByController(this.pods);
    this.daemonPods = new DaemonPodsByNode(this.pods);
  }

  /** Registers the informer handlers; every existing DaemonSet is queued. */
  start(): void {
    this.daemonSets.addHandler({
      add: (ds) => this.queue.add(keyOf(ds)),
      update: (_old, ds) => this.queue.add(keyOf(ds)),
      delete: (ds) => {
        this.expectations.forget(keyOf(ds));
        this.totals.delete(ds.metadata.uid);
      },
    });
    this.pods.addHandler({
      add: (pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        if (pod.metadata.deletionTimestamp !== undefined) {
          this.expectations.deletionObserved(key, podKey(pod));
          this.queue.add(key);
          return;
        }
        this.expectations.creationObserved(key);
        this.queue.add(key);
      },
      update: (_old, pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        if (pod.metadata.deletionTimestamp !== undefined) this.expectations.deletionObserved(key, podKey(pod));
        this.queue.add(key);
      },
      delete: (pod) => {
        const key = this.ownerKey(pod);
        if (key === undefined) return;
        this.expectations.deletionObserved(key, podKey(pod));
        this.queue.add(key);
      },
    });
    // The informer's order: a new node goes last, an update keeps its place.
    this.nodes.addHandler({
      add: (node) => {
        this.nodeAt.set(node.metadata.name, this.nodeList.length);
        this.nodeList.push(node);
        this.nodeListVersion++;
      },
      update: (_old, node) => {
        this.nodeList[this.nodeAt.get(node.metadata.name)!] = node;
      },
      delete: (node) => {
        const i = this.nodeAt.get(node.metadata.name)!;
        this.nodeAt.delete(node.metadata.name);
        this.nodeList.splice(i, 1);
        for (let j = i; j < this.nodeList.length; j++) this.nodeAt.set(this.nodeList[j]!.metadata.name ?? '', j);
        this.nodeListVersion++;
      },
    });
    this.nodes.addHandler({
      add: () => this.enqueueAll(),
      update: (old, node) => {
        // shouldIgnoreNodeUpdate: only labels and taints change where a DaemonSet runs.
        // A status heartbeat keeps both objects, so identity answers before any serialising.
        if (sameJsonOf(old.metadata.labels ?? EMPTY_LABELS, node.metadata.labels ?? EMPTY_LABELS) && sameJsonOf(old.spec?.taints ?? NO_TAINTS, node.spec?.taints ?? NO_TAINTS)) return;
        this.enqueueAll();
      },
      delete: () => this.enqueueAll(),
    });
  }

  private enqueueAll(): void {
    for (const ds of this.daemonSets.list()) this.queue.add(keyOf(ds));
  }

  /** The key of the DaemonSet controlling `pod`, if it is one this controller knows. */
  private ownerKey(pod: Pod): string | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref === undefined || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(pod.metadata.namespace, ref.name);
    if (ds === undefined || ds.metadata.uid !== ref.uid) return undefined;
    return keyOf(ds);
  }

  /** syncDaemonSet. */
  private sync(key: string): void {
    this.syncs++;
    const [namespace, name] = splitKey(key);
    const ds = this.daemonSets.get(namespace, name);
    if (ds === undefined) {
      this.expectations.forget(key);
      return;
    }
    if (ds.metadata.deletionTimestamp !== undefined) return;
    let compiled = this.templates.get(ds.spec.template);
    if (compiled === undefined) this.templates.set(ds.spec.template, (compiled = { placement: new DaemonSetPlacement(ds), hash: computeHash(ds.spec.template), seen: [], runs: [] }));
    const { hash, runs, seen, placement } = compiled;
    const uid = ds.metadata.uid;
    const minReady = ds.spec.minReadySeconds ?? 0;
    // The sums of the last sync, when they still apply: only what changed since is applied to them.
    const incremental = this.incremental && minReady <= 0;
    let totals = incremental ? this.totals.get(uid) : undefined;
    if (totals !== undefined && (totals.hash !== hash || totals.placement !== placement || totals.nodeListVersion !== this.nodeListVersion)) totals = undefined;
    // One answer per node for the whole sync (manage, rollingUpdate and the status read the same ones),
    // recomputed only for the node objects that changed since the template's last sync.
    const nodes = this.nodeList;
    if (seen.length !== nodes.length) {
      seen.length = nodes.length;
      runs.length = nodes.length;
    }
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (seen[i] === node) continue;
      seen[i] = node;
      const run = placement.nodeShouldRunDaemonPod(node);
      if (runs[i] !== run) {
        runs[i] = run;
        totals?.set(i, run, totals.pods[i]);
      }
    }
    const changed = this.daemonPods.takeChanged(uid);
    const byNode: ReadonlyMap<string, readonly Pod[]> = this.incremental ? this.daemonPods.nodes(uid) : this.nodesToDaemonPods(ds);
    let counts: StatusCounts;
    if (totals !== undefined) {
      for (const nodeName of changed) {
        const i = this.nodeAt.get(nodeName);
        if (i !== undefined) totals.set(i, runs[i]!, byNode.get(nodeName));
      }
      counts = totals;
    } else if (incremental) {
      totals = new DaemonSetTotals(hash, placement, this.nodeListVersion);
      for (let i = 0; i < nodes.length; i++) totals.set(i, runs[i]!, byNode.get(nodes[i]!.metadata.name ?? ''));
      this.totals.set(uid, totals);
      counts = totals;
    } else {
      this.totals.delete(uid);
      counts = this.countAll(nodes, runs, byNode, hash, minReady);
    }
    if (this.expectations.satisfied(key)) {
      // manage: with no node needing a pod and no pod to delete or look at, it has nothing to do.
      if (totals === undefined || totals.needing > 0 || totals.pending > 0) this.manage(ds, key, nodes, runs, byNode, hash, minReady);
      // With every live pod at the current revision there is no old pod to delete.
      if (this.expectations.satisfied(key) && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && this.hasOldPods(totals, byNode, hash)) {
        // rollingUpdate reads the nodes in getNodesToDaemonPods' order: rebuild it.
        this.rollingUpdate(ds, key, nodes, this.nodesToDaemonPods(ds), runs, hash);
      }
    }
    this.updateStatus(ds, key, counts, minReady);
  }

  /** True when some live daemon pod is not at revision `hash` (rollingUpdate's only candidates). */
  private hasOldPods(totals: DaemonSetTotals | undefined, byNode: ReadonlyMap<string, readonly Pod[]>, hash: string): boolean {
    // The sums cover every list when every list is on a listed node.
    if (totals !== undefined && totals.listed === byNode.size) return totals.old > 0;
    for (const pods of byNode.values()) for (const pod of pods) if (pod.metadata.deletionTimestamp === undefined && !isPodUpdated(pod, hash)) return true;
    return false;
  }

  /** manage + podsShouldBeOnNode over every node: which nodes need a daemon pod and which daemon pods must go. */
  private manage(ds: Stored<DaemonSet>, key: string, nodes: readonly Node[], runs: readonly NodeShouldRun[], byNode: ReadonlyMap<string, readonly Pod[]>, hash: string, minReady: number): void {
    const nodesNeedingDaemonPods: string[] = [];
    const podsToDelete: Pod[] = [];
    const now = this.cluster.sim.now;
    for (let i = 0; i < nodes.length; i++) {
      const run = runs[i]!;
      const nodeName = nodes[i]!.metadata.name ?? '';
      const pods = byNode.get(nodeName);
      if (pods === undefined) {
        if (run.shouldRun) nodesNeedingDaemonPods.push(nodeName);
        continue;
      }
      const m = nodeOutcome(pods, run, hash, minReady);
      if (m.failed) this.manageFailed(ds, key, nodeName, pods, podsToDelete, now);
      else for (const pod of m.deletes) podsToDelete.push(pod);
    }
    this.syncNodes(ds, key, podsToDelete, nodesNeedingDaemonPods, hash);
  }

  /** The status counts over every node (minReadySeconds > 0: availability depends on the time). */
  private countAll(nodes: readonly Node[], runs: readonly NodeShouldRun[], byNode: ReadonlyMap<string, readonly Pod[]>, hash: string, minReady: number): StatusCounts {
    const counts: StatusCounts = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };
    const now = this.cluster.sim.now;
    for (let i = 0; i < nodes.length; i++) {
      const run = runs[i]!;
      const pods = byNode.get(nodes[i]!.metadata.name ?? '');
      if (pods === undefined) {
        if (run.shouldRun) counts.desired++;
        continue;
      }
      const m = nodeOutcome(pods, run, hash, minReady);
      counts.desired += m.desired;
      counts.current += m.current;
      counts.misscheduled += m.misscheduled;
      counts.ready += m.ready;
      counts.updated += m.updated;
      counts.available += m.available >= 0 ? m.available : isPodAvailable(pods[0]!, minReady, now, this.instantOf) ? 1 : 0;
    }
    return counts;
  }

  /** getNodesToDaemonPods: the DaemonSet's pods by target node, best first; deleted terminal pods left out. */
  private nodesToDaemonPods(ds: Stored<DaemonSet>): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    const uid = ds.metadata.uid;
    for (const pod of this.podIndex.list(uid)) {
      if (isPodTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      let list = out.get(node);
      if (list === undefined) out.set(node, (list = []));
      list.push(pod);
    }
    for (const list of out.values()) if (list.length > 1) list.sort(compareDaemonPods);
    return out;
  }

  /**
   * manage's podsShouldBeOnNode for a node whose daemon pods include a failed
   * one (while the node should keep running it): the failed pod is killed and
   * replaced, with a backoff per node so a crashing one does not hot-loop.
   */
  private manageFailed(ds: Stored<DaemonSet>, key: string, nodeName: string, daemonPods: readonly Pod[], podsToDelete: Pod[], now: Micros): void {
    const running: Pod[] = [];
    for (const pod of daemonPods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      if (pod.status?.phase === 'Failed') {
        const backoffKey = `${ds.metadata.uid}/${nodeName}`;
        const entry = this.failedPodsBackoff.get(backoffKey);
        if (entry !== undefined && now - entry.lastUpdate < entry.delay) {
          this.queue.add(key, entry.delay - (now - entry.lastUpdate));
          continue;
        }
        const delay = entry === undefined || now - entry.lastUpdate > 2 * FAILED_POD_BACKOFF_MAX ? FAILED_POD_BACKOFF_INITIAL : Math.min(2 * entry.delay, FAILED_POD_BACKOFF_MAX);
        this.failedPodsBackoff.set(backoffKey, { delay, lastUpdate: now });
        this.cluster.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''} on node ${nodeName}, will try to kill it`, COMPONENT);
        podsToDelete.push(pod);
        continue;
      }
      running.push(pod);
    }
    // More than one running daemon pod on a node: keep the oldest.
    if (running.length > 1) podsToDelete.push(...running.slice(1));
  }

  /** rollingUpdate: deletes old pods within maxUnavailable; manage recreates them at the new revision. */
  private rollingUpdate(ds: Stored<DaemonSet>, key: string, nodes: readonly Node[], nodeToDaemonPods: Map<string, Pod[]>, runs: readonly NodeShouldRun[], hash: string): void {
    // updatedDesiredNodeCounts: every node that should run the DaemonSet appears, pods or not.
    const byNode = new Map<string, readonly Pod[]>(nodeToDaemonPods);
    let desired = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (!runs[i]!.shouldRun) continue;
      desired++;
      const nodeName = nodes[i]!.metadata.name ?? '';
      if (!byNode.has(nodeName)) byNode.set(nodeName, []);
    }
    const now = this.cluster.sim.now;
    const minReady = ds.spec.minReadySeconds ?? 0;
    const toDelete = rollingUpdatePodsToDelete(byNode, hash, maxUnavailableOf(ds, desired), (pod) => isPodAvailable(pod, minReady, now, this.instantOf));
    this.syncNodes(ds, key, toDelete, [], hash);
  }

  /** syncNodes: deletes then creates, within the burst, creations in slow-start batches. */
  private syncNodes(ds: Stored<DaemonSet>, key: string, podsToDelete: Pod[], nodesNeedingDaemonPods: string[], hash: string): void {
    const creates = nodesNeedingDaemonPods.slice(0, DAEMONSET_BURST_REPLICAS);
    const deletes = podsToDelete.slice(0, DAEMONSET_BURST_REPLICAS);
    if (creates.length === 0 && deletes.length === 0) return;
    this.expectations.expectCreations(key, creates.length);
    this.expectations.expectDeletions(key, deletes.map(podKey));
    slowStartBatch(
      creates.length,
      SLOW_START_INITIAL_BATCH_SIZE,
      (i, answer) => {
        this.client.create<Pod>(newDaemonPod(ds, creates[i]!, hash), (result) => {
          if (result.ok) {
            this.cluster.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${result.object?.metadata.name ?? ''}`, COMPONENT);
          } else {
            this.expectations.creationObserved(key);
            this.cluster.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`, COMPONENT);
          }
          answer(result.ok);
        });
      },
      (_succeeded, skipped) => {
        for (let i = 0; i < skipped; i++) this.expectations.creationObserved(key);
      },
    );
    for (const pod of deletes) {
      const name = pod.metadata.name ?? '';
      this.client.delete<Pod>('Pod', pod.metadata.namespace, name, {}, (result) => {
        if (result.ok) {
          this.cluster.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, COMPONENT);
        } else {
          this.expectations.deletionObserved(key, podKey(pod));
          if (result.error.reason !== 'NotFound') this.cluster.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${result.error.message}`, COMPONENT);
        }
      });
    }
  }

  /** updateDaemonSetStatus: the counts over the nodes, written only when changed. */
  private updateStatus(ds: Stored<DaemonSet>, key: string, counts: StatusCounts, minReady: number): void {
    const { desired, current, misscheduled, ready, available, updated } = counts;
    const status: DaemonSetStatus = {
      ...ds.status,
      observedGeneration: ds.metadata.generation ?? 0,
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    if (minReady > 0 && ready !== available) this.queue.add(key, minReady * MICROS_PER_SECOND);
    if (sameStatus(ds.status, status)) return;
    this.client.update<DaemonSet>('DaemonSet', ds.metadata.namespace, ds.metadata.name, (cur) => (cur.metadata.uid !== ds.metadata.uid ? null : { ...cur, status }));
  }
}

/** The status counts of one sync. */
interface StatusCounts {
  desired: number;
  current: number;
  misscheduled: number;
  ready: number;
  available: number;
  updated: number;
}

/** What a sync derives from one pod template: placement, revision hash, and the answers for the current nodes. */
interface CompiledTemplate {
  readonly placement: DaemonSetPlacement;
  readonly hash: string;
  /** The node objects the answers are for, by position in the node list. */
  readonly seen: Node[];
  readonly runs: NodeShouldRun[];
}

const EMPTY_LABELS: Readonly<Record<string, string>> = Object.freeze({});
const NO_TAINTS: readonly unknown[] = Object.freeze([]);

/** The same JSON, the same object first. */
function sameJsonOf(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameStatus(a: DaemonSetStatus | undefined, b: DaemonSetStatus): boolean {
  if (a === undefined) return false;
  for (const k of Object.keys(b) as (keyof DaemonSetStatus)[]) if (a[k] !== b[k]) return false;
  return true;
}

/** The work-queue key of an object: namespace/name. */
export function keyOf(object: { metadata: { namespace?: string; name?: string } }): string {
  return `${object.metadata.namespace ?? 'default'}/${object.metadata.name ?? ''}`;
}

function podKey(pod: Pod): string {
  return keyOf(pod);
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
