import type { Pod } from '../../../api/types.js';
import { isPodReady } from '../../podStatus.js';
import type { NodeShouldRun } from './daemonPod.js';
import { isPodUpdated } from './rollingUpdate.js';

/**
 * What one node's daemon pods give a sync: the pods manage deletes and the
 * node's part of each status count. A pure function of the pod list, the
 * node's answer, the revision and minReadySeconds, so it is remembered with
 * the (immutable) list.
 */
export interface NodeOutcome {
  readonly run: NodeShouldRun;
  readonly hash: string;
  readonly minReady: number;
  /** Some live pod is not at revision `hash` (a rollingUpdate candidate). */
  readonly old: boolean;
  /** A live failed pod the node should keep running: manage must run its backoff (see manageFailed). */
  readonly failed: boolean;
  readonly deletes: readonly Pod[];
  readonly desired: number;
  readonly current: number;
  readonly misscheduled: number;
  readonly ready: number;
  readonly updated: number;
  /** 0 or 1; −1 when it depends on the time (ready, and minReadySeconds > 0). */
  readonly available: number;
}

const outcomes = new WeakMap<readonly Pod[], NodeOutcome>();

export function nodeOutcome(pods: readonly Pod[], run: NodeShouldRun, hash: string, minReady: number): NodeOutcome {
  const known = outcomes.get(pods);
  if (known !== undefined && known.run === run && known.hash === hash && known.minReady === minReady) return known;
  // manage: the lists hold only nodes with pods, so a missing pod is never the question here.
  let failed = false;
  let deletes: readonly Pod[] = NO_PODS;
  if (run.shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      if (pod.status?.phase === 'Failed') failed = true;
      else running.push(pod);
    }
    // More than one running daemon pod on a node: keep the oldest.
    if (running.length > 1) deletes = running.slice(1);
  } else {
    deletes = pods.filter((pod) => pod.metadata.deletionTimestamp === undefined);
  }
  // updateDaemonSetStatus: the best pod of a node that should run the DaemonSet.
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  if (run.shouldRun) {
    desired = 1;
    const pod = pods[0];
    if (pod !== undefined) {
      current = 1;
      if (isReady(pod)) {
        ready = 1;
        available = minReady <= 0 ? 1 : -1;
      }
      if (isPodUpdated(pod, hash)) updated = 1;
    }
  } else if (pods.length > 0) {
    misscheduled = 1;
  }
  let old = false;
  for (const pod of pods) if (pod.metadata.deletionTimestamp === undefined && !isPodUpdated(pod, hash)) old = true;
  const outcome: NodeOutcome = { run, hash, minReady, old, failed, deletes, desired, current, misscheduled, ready, updated, available };
  outcomes.set(pods, outcome);
  return outcome;
}

const NO_PODS: readonly Pod[] = [];
/** isPodReady of a stored pod, remembered (stored pods are immutable; a sync reads every daemon pod). */
const readiness = new WeakMap<Pod, boolean>();
function isReady(pod: Pod): boolean {
  let ready = readiness.get(pod);
  if (ready === undefined) readiness.set(pod, (ready = isPodReady(pod)));
  return ready;
}


/**
 * One DaemonSet's sync results over the node list, kept up to date between
 * syncs: each node position's answer and pod list, and the sums of their
 * outcomes. A sync applies only the positions whose answer or pod list
 * changed; the sums are then those of a full pass. Valid for one revision,
 * one placement and one node list (positions shift when a node is added
 * or removed), and only with minReadySeconds 0 (availability then does not
 * depend on the time).
 */
export class DaemonSetTotals {
  readonly runs: NodeShouldRun[] = [];
  readonly pods: (readonly Pod[] | undefined)[] = [];
  desired = 0;
  current = 0;
  misscheduled = 0;
  ready = 0;
  available = 0;
  updated = 0;
  /** Positions that should run the DaemonSet and have no pod (manage creates there). */
  needing = 0;
  /** Positions whose pods manage would delete or must look at (a failed pod). */
  pending = 0;
  /** Positions holding a live pod of another revision. */
  old = 0;
  /** Positions with pods. */
  listed = 0;

  constructor(
    readonly hash: string,
    readonly placement: object,
    readonly nodeListVersion: number,
  ) {}

  /** Sets position `i` to `run` and `pods`, replacing what it counted before. */
  set(i: number, run: NodeShouldRun, pods: readonly Pod[] | undefined): void {
    if (i < this.runs.length) {
      const before = this.runs[i];
      if (before !== undefined) this.count(before, this.pods[i], -1);
    }
    this.runs[i] = run;
    this.pods[i] = pods;
    this.count(run, pods, 1);
  }

  private count(run: NodeShouldRun, pods: readonly Pod[] | undefined, sign: 1 | -1): void {
    if (pods === undefined) {
      if (run.shouldRun) {
        this.desired += sign;
        this.needing += sign;
      }
      return;
    }
    const m = nodeOutcome(pods, run, this.hash, 0);
    this.desired += sign * m.desired;
    this.current += sign * m.current;
    this.misscheduled += sign * m.misscheduled;
    this.ready += sign * m.ready;
    this.available += sign * m.available;
    this.updated += sign * m.updated;
    if (m.failed || m.deletes.length > 0) this.pending += sign;
    if (m.old) this.old += sign;
    this.listed += sign;
  }
}
