import type { Node, Pod, PodCondition } from '../../api/types.js';
import type { Micros } from '../../engine/time.js';
import { MICROS_PER_SECOND } from '../../engine/time.js';
import type { Actor, Cluster } from '../Cluster.js';
import type { Informer } from '../store/Informer.js';
import type { Stored } from '../store/Store.js';
import { inInformerOrder, PodGCIndex, type IndexedPod } from './PodGCIndex.js';
import { defaultClientRateLimit, ThrottledClient, type ApiWriter, type ClientRateLimit } from './workqueue/ThrottledClient.js';

/** `--terminated-pod-gc-threshold`: terminated pods kept before the oldest are deleted. */
export const TERMINATED_POD_GC_THRESHOLD = 12500;
/** gcCheckPeriod: how often the pod GC runs. */
export const GC_CHECK_PERIOD: Micros = 20 * MICROS_PER_SECOND;
/** quarantineTime: how long a node must stay missing before its pods are orphans. */
export const QUARANTINE_TIME: Micros = 40 * MICROS_PER_SECOND;
/** The taint that lets terminating pods on a not-ready node be force-deleted. */
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** A pod a pass deletes, with the condition it is marked with first (orphans). */
interface Deletion {
  readonly pod: Stored<Pod>;
  readonly condition?: PodCondition;
}

/** Options of the pod GC. */
export interface PodGCOptions {
  /** Terminated pods to keep (default {@link TERMINATED_POD_GC_THRESHOLD}; 0 disables that part). */
  terminatedPodThreshold?: number;
  /** Client-side API rate limit (default: 20 qps / burst 30 under `realistic`, none under `ideal`; null for none). */
  apiRateLimit?: ClientRateLimit | null;
}

/**
 * kube-controller-manager's pod garbage collector
 * (pkg/controller/podgc/gc_controller.go). Every 20 s it force-deletes
 * (grace 0, after marking the pod Failed):
 * - the oldest terminated pods beyond the threshold (evicted ones first);
 * - terminating pods on not-ready nodes tainted out-of-service;
 * - pods bound to a node that has been missing for the 40 s quarantine
 *   (with the DisruptionTarget condition "PodGC: node no longer exists");
 * - terminating pods that were never scheduled.
 *
 * A pod with no phase counts as Pending (the API server defaults it so).
 */
export class PodGC implements Actor {
  readonly name = 'kube-controller-manager/pod-garbage-collector';
  private readonly client: ApiWriter;
  private readonly threshold: number;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private index!: PodGCIndex;
  /** nodeQueue: missing nodes and when their quarantine ends (the earliest add wins). */
  private readonly quarantine = new Map<string, Micros>();
  /** Pods force-deleted so far. */
  deleted = 0;

  constructor(
    private readonly cluster: Cluster,
    options: PodGCOptions = {},
  ) {
    const limit = options.apiRateLimit === undefined ? defaultClientRateLimit(cluster.profile) : options.apiRateLimit;
    this.client = ThrottledClient.wrap(cluster.client('kube-controller-manager/pod-garbage-collector'), cluster.callbacks, limit);
    this.threshold = options.terminatedPodThreshold ?? TERMINATED_POD_GC_THRESHOLD;
  }

  start(): void {
    this.pods = this.cluster.informers.for<Pod>('Pod');
    this.nodes = this.cluster.informers.for<Node>('Node');
    this.index = new PodGCIndex(this.pods);
    const timer = this.cluster.callbacks.timer(() => this.gc(() => timer.arm(GC_CHECK_PERIOD)));
    timer.arm(GC_CHECK_PERIOD);
  }

  /**
   * One pass (wait.UntilWithContext's body), then `done`. Each part reads the
   * index's view of the pod informer when it starts, visits pods in the order
   * a scan of the informer would, and — as upstream's wait.Wait() on its
   * goroutines — ends only when all its API calls have: under a client rate
   * limit, a pass that deletes thousands of pods takes minutes, and the next
   * pass starts 20 s after it ends (sliding), never asking for the same
   * deletions twice.
   */
  gc(done: () => void = () => {}): void {
    const parts: (() => Deletion[])[] = [
      () => (this.threshold > 0 ? this.gcTerminated() : []),
      () => this.gcTerminating(),
      () => this.gcOrphaned(),
      () => this.gcUnscheduledTerminating(),
    ];
    const next = (i: number): void => {
      if (i === parts.length) return done();
      this.deleteAll(parts[i]!(), () => next(i + 1));
    };
    next(0);
  }

  /** Issues every deletion at once (upstream's goroutines) and calls `done` when the last has answered. */
  private deleteAll(deletions: readonly Deletion[], done: () => void): void {
    if (deletions.length === 0) return done();
    let outstanding = deletions.length;
    const answered = (): void => {
      if (--outstanding === 0) done();
    };
    for (const d of deletions) this.markFailedAndDelete(d.pod, d.condition, answered);
  }

  private gcTerminated(): Deletion[] {
    const terminated = this.index.terminated;
    const deleteCount = terminated.size - this.threshold;
    if (deleteCount <= 0) return [];
    return oldestTerminated(terminated.values(), deleteCount).map((entry) => ({ pod: entry.pod }));
  }

  private gcTerminating(): Deletion[] {
    const terminating: IndexedPod[] = [];
    for (const entry of this.index.terminating.values()) {
      const node = this.nodes.get(undefined, entry.pod.spec.nodeName ?? '');
      if (node === undefined) continue;
      const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
      const outOfService = node.spec?.taints?.some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE) === true;
      if (!ready && outOfService) terminating.push(entry);
    }
    terminating.sort(byEvictionAndCreationTimestampThenSeq);
    return terminating.map((entry) => ({ pod: entry.pod }));
  }

  private gcOrphaned(): Deletion[] {
    const now = this.cluster.sim.now;
    for (const node of this.index.byNode.keys()) {
      if (this.nodes.get(undefined, node) !== undefined) continue;
      const readyAt = now + QUARANTINE_TIME;
      const waiting = this.quarantine.get(node);
      if (waiting === undefined || readyAt < waiting) this.quarantine.set(node, readyAt);
    }
    // discoverDeletedNodes: nodes whose quarantine is over and that the API server still does not have.
    const orphans: IndexedPod[] = [];
    for (const [node, readyAt] of [...this.quarantine]) {
      if (readyAt > now) continue;
      this.quarantine.delete(node);
      if (this.nodes.get(undefined, node) !== undefined) continue;
      if (this.cluster.store.get('Node', undefined, node) !== undefined) continue;
      const pods = this.index.byNode.get(node);
      if (pods !== undefined) orphans.push(...pods.values());
    }
    if (orphans.length === 0) return [];
    const condition: PodCondition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      lastTransitionTime: this.cluster.clock.timestamp(),
    };
    return inInformerOrder(orphans).map((entry) => ({ pod: entry.pod, condition }));
  }

  private gcUnscheduledTerminating(): Deletion[] {
    const pods = this.index.unscheduledTerminating;
    if (pods.size === 0) return [];
    return inInformerOrder(pods.values()).map((entry) => ({ pod: entry.pod }));
  }

  /**
   * markFailedAndDeletePodWithCondition: phase Failed (unless finished), then
   * — once that write has succeeded, as one goroutine's calls — delete with
   * grace 0; `done` when the last call has answered.
   */
  private markFailedAndDelete(pod: Stored<Pod>, condition: PodCondition | undefined, done: () => void): void {
    const ns = pod.metadata.namespace;
    const name = pod.metadata.name;
    const uid = pod.metadata.uid;
    this.deleted++;
    const phase = pod.status?.phase;
    const forceDelete = (): void => this.client.delete('Pod', ns, name, { gracePeriodSeconds: 0 }, () => done());
    if (phase === 'Succeeded' || phase === 'Failed') return forceDelete();
    this.client.update<Pod>(
      'Pod',
      ns,
      name,
      (cur) => {
        if (cur.metadata.uid !== uid) return null;
        const conditions = (cur.status?.conditions ?? []).filter((c) => condition === undefined || c.type !== condition.type);
        if (condition !== undefined) conditions.push(condition);
        return { ...cur, status: { ...cur.status, phase: 'Failed', conditions } };
      },
      // A failed status write returns the error: the pod is not deleted in this pass.
      (result) => (result.ok ? forceDelete() : done()),
    );
  }
}

/**
 * The `count` first terminated pods in byEvictionAndCreationTimestamp order
 * (a stable sort of the informer's order), picked without sorting them all.
 */
function oldestTerminated(pods: Iterable<IndexedPod>, count: number): IndexedPod[] {
  const kept: IndexedPod[] = [];
  for (const entry of pods) {
    if (kept.length === count && byEvictionAndCreationTimestampThenSeq(entry, kept[count - 1]!) >= 0) continue;
    // Binary search for the first kept pod that sorts after this one.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byEvictionAndCreationTimestampThenSeq(kept[mid]!, entry) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, entry);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

/** byEvictionAndCreationTimestamp, ties in the informer's order (what a stable sort of a scan gives). */
function byEvictionAndCreationTimestampThenSeq(a: IndexedPod, b: IndexedPod): number {
  return byEvictionAndCreationTimestamp(a.pod, b.pod) || a.seq - b.seq;
}

/** byEvictionAndCreationTimestamp: evicted pods first, then oldest, ties by name. */
function byEvictionAndCreationTimestamp(a: Pod, b: Pod): number {
  const ea = a.status?.phase === 'Failed' && a.status.reason === 'Evicted';
  const eb = b.status?.phase === 'Failed' && b.status.reason === 'Evicted';
  if (ea !== eb) return ea ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  return ta < tb ? -1 : 1;
}
