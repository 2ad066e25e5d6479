import type { Node, Pod, ResourceList } from '../../api/types.js';
import { podRequests } from '../../api/podRequests.js';
import { canonicalQuantity } from '../../api/quantity.js';
import { TAINT_TO_BE_DELETED } from '../../cluster/cloud/ScaleDown.js';
import type { Cluster } from '../../cluster/Cluster.js';
import type { WatchEvent } from '../../cluster/store/Store.js';
import { MICROS_PER_MINUTE, type Micros } from '../../engine/time.js';
import type { AttemptRecord, Scheduler } from '../../scheduler/Scheduler.js';
import { orEmpty, percentile, percentOf, secondsOf } from '../stats.js';
import type { PodRow, RunKey, SummaryRow, TimeseriesRow } from '../types.js';
import { AllocationTracker, type ResourceTriple } from './Allocation.js';
import { podRowOf, type PodRecord } from './PodRecord.js';

/** What a collector observes: the assembled cluster and its scheduler (a ClusterRun). */
export interface CollectedRun {
  readonly cluster: Cluster;
  readonly scheduler: Scheduler;
}

/** Options of a {@link RunCollector}. */
export interface RunCollectorOptions {
  /** Interval of the timeseries samples on the virtual clock (default 60 s). */
  sampleInterval?: Micros;
}

/** The rows of one run. */
export interface CollectedRows {
  summary: SummaryRow;
  pods: PodRow[];
  timeseries: TimeseriesRow[];
}

/** The DisruptionTarget reasons of evictions by the control plane. */
const EVICTION_REASONS: ReadonlySet<string> = new Set(['DeletionByTaintManager', 'EvictionByEvictionAPI']);
const PREEMPTION_REASON = 'PreemptionByScheduler';

/** Scheduling attempts of one pod uid. */
interface Attempts {
  count: number;
  /** The last record bound the pod: a failure record right after it is that binding failing, not a new attempt. */
  lastBound: boolean;
}

/**
 * The metrics of one run, gathered by observation only: a watch on Pods and
 * Nodes and the scheduler's onAttempt hook; it makes no API call and adds no
 * event to the simulation, so attaching it changes nothing of the run.
 *
 * Every instant is the commit's: a watch delivers a change exactly the
 * control plane's (fixed) watch latency after it was committed, so the
 * collector subtracts it. Commits in the last watch latency before
 * {@link finish} are not seen yet (25 ms with the realistic profile).
 *
 * Per pod (by uid, in creation order): created, scheduled (spec.nodeName
 * first set), started (phase first Running; empty for a pod seen going
 * straight from Pending to Succeeded/Failed), ready (Ready first True),
 * finished (phase first Succeeded/Failed, unless its deletion had begun:
 * a pod killed by a deletion did not finish), deleted (removed from the API,
 * after its grace period), attempts, owner (its controller reference),
 * effective requests (resourcehelper.PodRequests) and final phase.
 *
 * Counted as preempted: pods marked DisruptionTarget/PreemptionByScheduler.
 * Counted as evicted: pods marked DisruptionTarget with DeletionByTaintManager
 * or EvictionByEvictionAPI, and pods that get a deletionTimestamp without such
 * a mark while bound, unfinished, not DaemonSet pods, on a node then cordoned
 * or tainted ToBeDeletedByClusterAutoscaler — a drain's or the
 * cluster-autoscaler's delete (a controller scaling down on a cordoned node
 * is counted too: the API does not say who deleted). PodGC's deletions of
 * pods of vanished nodes are not counted.
 *
 * Timeseries samples are taken at origin + k × sampleInterval (k = 0, 1, …,
 * up to the end), each the state after every commit at or before the
 * instant. They are emitted lazily — when the first later commit arrives, or
 * at {@link finish} — rather than by a timer, which is exact and keeps the
 * run's events unchanged. Pod counts are of the pods that exist then, by
 * phase (a finished pod deleted later no longer counts).
 */
export class RunCollector {
  private readonly cluster: Cluster;
  private readonly latency: Micros;
  private readonly origin: Micros;
  private readonly sampleInterval: Micros;
  private readonly pods = new Map<string, PodRecord>();
  private readonly attempts = new Map<string, Attempts>();
  private readonly allocation: AllocationTracker;
  /** Nodes cordoned or tainted for deletion by the cluster-autoscaler. */
  private readonly draining = new Set<string>();
  private readonly phaseCounts = new Map<string, number>();
  private readonly samples: Omit<TimeseriesRow, keyof RunKey>[] = [];
  private nextSample: Micros;
  private lastCommit: Micros;
  private closed = false;

  /** Attaches to `run` at once (before it starts, so nothing is missed). */
  constructor(
    private readonly key: RunKey,
    run: CollectedRun,
    options: RunCollectorOptions = {},
  ) {
    this.cluster = run.cluster;
    this.latency = run.cluster.profile.watchLatency;
    this.origin = run.cluster.sim.now;
    this.sampleInterval = options.sampleInterval ?? MICROS_PER_MINUTE;
    if (!Number.isSafeInteger(this.sampleInterval) || this.sampleInterval <= 0) {
      throw new RangeError(`sampleInterval must be a positive number of µs, got ${this.sampleInterval}`);
    }
    this.nextSample = this.origin;
    this.lastCommit = this.origin;
    this.allocation = new AllocationTracker(this.origin);
    run.cluster.store.watch<Node>('Node', (e) => this.onNode(e));
    run.cluster.store.watch<Pod>('Pod', (e) => this.onPod(e));
    const previous = run.scheduler.onAttempt;
    const mine = (r: AttemptRecord): void => this.onAttempt(r);
    run.scheduler.onAttempt = previous === null ? mine : (r) => (previous(r), mine(r));
  }

  /**
   * The rows of the run, as of `endTime` (default: now), which must not be
   * before the last change seen. Call once, after the run.
   */
  finish(endTime: Micros = this.cluster.sim.now): CollectedRows {
    if (this.closed) throw new Error('RunCollector.finish called twice');
    if (endTime < this.lastCommit) throw new RangeError(`endTime ${endTime} µs is before the last change seen (${this.lastCommit} µs)`);
    this.closed = true;
    this.allocation.advance(endTime);
    while (this.nextSample <= endTime) this.sample();
    const pods = [...this.pods.values()];
    return {
      summary: this.summary(pods),
      pods: pods.map((p) => podRowOf(this.key, p, this.attempts.get(p.uid)?.count ?? 0, this.origin)),
      timeseries: this.samples.map((s) => ({ ...this.keyColumns(), ...s })),
    };
  }

  private summary(pods: readonly PodRecord[]): SummaryRow {
    const pending: number[] = [];
    const startup: number[] = [];
    let scheduled = 0;
    let unschedulable = 0;
    let completed = 0;
    let failed = 0;
    let preemptions = 0;
    let evictions = 0;
    let lastFinished: Micros | undefined;
    let lastStarted: Micros | undefined;
    for (const p of pods) {
      if (p.scheduled !== undefined) {
        scheduled++;
        pending.push(p.scheduled - p.created);
      } else if (p.deleted === undefined) unschedulable++;
      if (p.started !== undefined) {
        startup.push(p.started - p.created);
        if (lastStarted === undefined || p.started > lastStarted) lastStarted = p.started;
      }
      if (p.finished !== undefined && (lastFinished === undefined || p.finished > lastFinished)) lastFinished = p.finished;
      if (p.finished !== undefined && p.phase === 'Succeeded') completed++;
      if (p.finished !== undefined && p.phase === 'Failed') failed++;
      if (p.preempted) preemptions++;
      if (p.evicted) evictions++;
    }
    let attempts = 0;
    for (const a of this.attempts.values()) attempts += a.count;
    const secondsOrEmpty = (x: number | undefined): number | '' => orEmpty(x === undefined ? undefined : secondsOf(x));
    const meanPct = (r: number): number | '' => {
      const m = this.allocation.meanRatio(r);
      return m === undefined ? '' : percentOf(m);
    };
    const makespan = lastFinished ?? lastStarted;
    return {
      ...this.keyColumns(),
      nodes: this.allocation.nodeCount,
      pods_created: pods.length,
      pods_scheduled: scheduled,
      pods_unschedulable: unschedulable,
      pods_completed: completed,
      pods_failed: failed,
      scheduling_attempts: attempts,
      preemptions,
      evictions,
      pending_s_p50: secondsOrEmpty(percentile(pending, 0.5)),
      pending_s_p90: secondsOrEmpty(percentile(pending, 0.9)),
      pending_s_p99: secondsOrEmpty(percentile(pending, 0.99)),
      startup_s_p50: secondsOrEmpty(percentile(startup, 0.5)),
      startup_s_p99: secondsOrEmpty(percentile(startup, 0.99)),
      cpu_alloc_pct_mean: meanPct(0),
      mem_alloc_pct_mean: meanPct(1),
      gpu_alloc_pct_mean: meanPct(2),
      makespan_s: makespan === undefined ? '' : secondsOf(makespan - this.origin),
      // Placement-study columns: a run on the clock has no arrived-load axis.
      unallocated_gpu_pct: '',
      frag_gpu_pct: '',
    };
  }

  private keyColumns(): RunKey {
    return { workload: this.key.workload, policy: this.key.policy, seed: this.key.seed };
  }

  // ---- observation ---------------------------------------------------------------

  /** Brings the clock of the metrics to the commit of the change being delivered. */
  private commitInstant(): Micros {
    const c = Math.max(this.cluster.sim.now - this.latency, this.lastCommit);
    // Samples strictly before this commit see every earlier commit.
    while (this.nextSample < c) this.sample();
    this.allocation.advance(c);
    this.lastCommit = c;
    return c;
  }

  private sample(): void {
    const t = this.nextSample;
    this.allocation.advance(t);
    const pct = (r: number): number | '' => {
      const ratio = this.allocation.ratio(r);
      return ratio === undefined ? '' : percentOf(ratio);
    };
    this.samples.push({
      t_s: secondsOf(t - this.origin),
      nodes_ready: this.allocation.readyNodeCount,
      pods_pending: this.phaseCounts.get('Pending') ?? 0,
      pods_running: this.phaseCounts.get('Running') ?? 0,
      pods_succeeded: this.phaseCounts.get('Succeeded') ?? 0,
      pods_failed: this.phaseCounts.get('Failed') ?? 0,
      cpu_alloc_pct: pct(0),
      mem_alloc_pct: pct(1),
      gpu_alloc_pct: pct(2),
    });
    this.nextSample += this.sampleInterval;
  }

  private onNode(e: WatchEvent<Node>): void {
    if (this.closed) return;
    this.commitInstant();
    const node = e.object;
    const name = node.metadata.name ?? '';
    if (e.type === 'DELETED') {
      this.allocation.removeNode(name);
      this.draining.delete(name);
      return;
    }
    const ready = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    // A heartbeat keeps the spec and allocatable objects: with readiness unchanged there is nothing to count.
    const old = e.oldObject;
    if (old !== null && old.spec === node.spec && old.status?.allocatable === node.status?.allocatable && this.allocation.readiness(name) === ready) return;
    this.allocation.setNode(name, ready, triple(node.status?.allocatable));
    const draining = node.spec?.unschedulable === true || (node.spec?.taints ?? []).some((t) => t.key === TAINT_TO_BE_DELETED);
    if (draining) this.draining.add(name);
    else this.draining.delete(name);
  }

  private onPod(e: WatchEvent<Pod>): void {
    if (this.closed) return;
    const now = this.commitInstant();
    const pod = e.object;
    const uid = pod.metadata.uid ?? '';
    let p = this.pods.get(uid);
    if (p === undefined) {
      // ADDED (or the first sight of a pod created before the collector attached).
      const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true);
      p = {
        uid,
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name ?? '',
        ownerKind: owner?.kind ?? '',
        ownerName: owner?.name ?? '',
        node: '',
        created: now,
        scheduled: undefined,
        started: undefined,
        ready: undefined,
        finished: undefined,
        terminal: undefined,
        deleted: undefined,
        phase: 'Pending',
        countedOn: null,
        requests: triple(podRequests(pod)),
        preempted: false,
        evicted: false,
        terminating: false,
      };
      this.pods.set(uid, p);
      this.count(p.phase, 1);
    }
    if (p.deleted !== undefined) return;
    this.observe(p, pod, now);
    if (e.type === 'DELETED') {
      p.deleted = now;
      this.count(p.phase, -1);
    }
    this.recount(p);
  }

  /** Updates the record from the pod's latest state. */
  private observe(p: PodRecord, pod: Pod, now: Micros): void {
    const nodeName = pod.spec.nodeName ?? '';
    if (nodeName !== '' && p.scheduled === undefined) {
      p.scheduled = now;
      p.node = nodeName;
    }
    const phase = pod.status?.phase ?? 'Pending';
    if (phase !== p.phase) {
      this.count(p.phase, -1);
      this.count(phase, 1);
      p.phase = phase;
    }
    if (phase === 'Running' && p.started === undefined) p.started = now;
    if ((phase === 'Succeeded' || phase === 'Failed') && p.terminal === undefined) {
      p.terminal = now;
      // Killed by a deletion is not finished (the deletionTimestamp always comes first).
      if (pod.metadata.deletionTimestamp === undefined) p.finished = now;
    }
    if (p.ready === undefined && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true) p.ready = now;
    for (const c of pod.status?.conditions ?? []) {
      if (c.type !== 'DisruptionTarget' || c.status !== 'True') continue;
      if (c.reason === PREEMPTION_REASON) p.preempted = true;
      else if (c.reason !== undefined && EVICTION_REASONS.has(c.reason)) p.evicted = true;
    }
    if (!p.terminating && pod.metadata.deletionTimestamp !== undefined) {
      p.terminating = true;
      const daemon = pod.metadata.ownerReferences?.some((r) => r.controller === true && r.kind === 'DaemonSet') === true;
      if (!p.preempted && !p.evicted && !daemon && p.terminal === undefined && nodeName !== '' && this.draining.has(nodeName)) p.evicted = true;
    }
  }

  /** Moves the pod's requests to the node it counts on now: bound, unfinished and not yet removed. */
  private recount(p: PodRecord): void {
    const on = p.node !== '' && p.terminal === undefined && p.deleted === undefined ? p.node : null;
    if (on === p.countedOn) return;
    if (p.countedOn !== null) this.allocation.addPod(p.countedOn, p.requests, -1);
    if (on !== null) this.allocation.addPod(on, p.requests, 1);
    p.countedOn = on;
  }

  private count(phase: string, delta: number): void {
    this.phaseCounts.set(phase, (this.phaseCounts.get(phase) ?? 0) + delta);
  }

  private onAttempt(r: AttemptRecord): void {
    if (this.closed) return;
    let a = this.attempts.get(r.pod.uid);
    if (a === undefined) this.attempts.set(r.pod.uid, (a = { count: 0, lastBound: false }));
    // A failure right after a binding is that binding failing (Scheduler.bindingFailed), not a new cycle.
    if (!(r.nodeName === null && a.lastBound)) a.count++;
    a.lastBound = r.nodeName !== null;
  }
}

/** cpu (millicores), memory (bytes) and nvidia.com/gpu of a resource list or a requests map. */
function triple(list: ResourceList | ReadonlyMap<string, number> | undefined): ResourceTriple {
  if (list === undefined) return [0, 0, 0];
  if (list instanceof Map) return [list.get('cpu') ?? 0, list.get('memory') ?? 0, list.get('nvidia.com/gpu') ?? 0];
  const l = list as ResourceList;
  const q = (name: string): number => {
    const v = l[name];
    return v === undefined || v === null ? 0 : canonicalQuantity(name, v);
  };
  return [q('cpu'), q('memory'), q('nvidia.com/gpu')];
}
