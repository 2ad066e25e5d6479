import type { Micros } from '../../engine/time.js';
import { orEmpty, secondsOf } from '../stats.js';
import type { PodRow, RunKey } from '../types.js';
import type { ResourceTriple } from './Allocation.js';

/** What the collector saw of one pod (one uid), as instants of the virtual clock since the run began. */
export interface PodRecord {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly ownerKind: string;
  readonly ownerName: string;
  /** The node it was bound to ('' if never). */
  node: string;
  /** The commit of its creation. */
  readonly created: Micros;
  /** spec.nodeName first set. */
  scheduled: Micros | undefined;
  /** phase first Running. */
  started: Micros | undefined;
  /** Ready condition first True. */
  ready: Micros | undefined;
  /**
   * phase first Succeeded or Failed on its own: not after its deletion began
   * (a pod whose containers were killed by a deletion did not finish).
   */
  finished: Micros | undefined;
  /** phase first Succeeded or Failed, whatever the cause: its requests no longer count. */
  terminal: Micros | undefined;
  /** Removed from the API (the final delete, after any grace period). */
  deleted: Micros | undefined;
  /** Its phase now (`Pending` when unset). */
  phase: string;
  /** The node whose allocation its requests count in now, or null. */
  countedOn: string | null;
  /** Effective requests (resourcehelper.PodRequests). */
  readonly requests: ResourceTriple;
  /** Marked DisruptionTarget by scheduler preemption. */
  preempted: boolean;
  /** Counted as evicted by the control plane. */
  evicted: boolean;
  /** deletionTimestamp seen. */
  terminating: boolean;
}

/**
 * A pod's final phase for pods.csv: `Deleted` when it was removed without
 * having finished on its own (deleted while pending or running, even if the
 * kubelet reported a terminal phase while killing it), else its phase.
 */
export function finalPhaseOf(p: PodRecord): string {
  if (p.deleted !== undefined && p.finished === undefined) return 'Deleted';
  return p.phase;
}

/** The pods.csv row of a record, times relative to `origin`. */
export function podRowOf(key: RunKey, p: PodRecord, attempts: number, origin: Micros): PodRow {
  const at = (t: Micros | undefined): number | '' => (t === undefined ? '' : secondsOf(t - origin));
  const since = (t: Micros | undefined): number | '' => orEmpty(t === undefined ? undefined : secondsOf(t - p.created));
  return {
    workload: key.workload,
    policy: key.policy,
    seed: key.seed,
    namespace: p.namespace,
    name: p.name,
    owner_kind: p.ownerKind,
    owner_name: p.ownerName,
    node: p.node,
    created_s: secondsOf(p.created - origin),
    scheduled_s: at(p.scheduled),
    started_s: at(p.started),
    ready_s: at(p.ready),
    finished_s: at(p.finished),
    deleted_s: at(p.deleted),
    pending_s: since(p.scheduled),
    startup_s: since(p.started),
    attempts,
    final_phase: finalPhaseOf(p),
    cpu_request_m: p.requests[0],
    memory_request_bytes: p.requests[1],
    gpu_request: p.requests[2],
  };
}
