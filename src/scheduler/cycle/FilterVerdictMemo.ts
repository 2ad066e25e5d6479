import type { NodeTable } from '../cache/NodeTable.js';
import type { FilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import type { Status } from '../framework/Status.js';

/** One pod's remembered verdicts: per NodeTable row, the code, the index of the filter that gave it, and the row's generation then. */
export interface FilterVerdicts {
  readonly generation: Float64Array;
  readonly code: Uint8Array;
  readonly failedBy: Int16Array;
  /** The rejection's Status, once its reasons were worked out (null before, and for a row that passed). */
  readonly status: (Status | null)[];
  readonly epoch: number;
  /** The filters that ran, in order (`failedBy` indexes them). */
  readonly filters: readonly FilterPlugin[];
  /**
   * The node list of the last attempt when that attempt rejected every node
   * of it, with every row's verdict current and its Status worked out (null
   * otherwise): the next attempt may replay it ({@link replayFailedScan}).
   */
  failedScan: readonly NodeInfo[] | null;
  /** With `failedScan`: the node table's last stamp when the verdicts were last brought up to date. */
  stamp: number;
  /** With `failedScan`: how many rows' Statuses give each reason (FitError's histogram). */
  readonly reasonCounts: Map<string, number>;
  /** With `failedScan`: how many rows each filter rejected. */
  readonly rejections: Int32Array;
}

/** Counts (`times` 1) or uncounts (-1) a row's rejection in the failed scan's tallies. */
export function tally(v: FilterVerdicts, status: Status, filter: number, times: 1 | -1): void {
  v.rejections[filter]! += times;
  for (const reason of status.reasons) {
    const c = (v.reasonCounts.get(reason) ?? 0) + times;
    if (c === 0) v.reasonCounts.delete(reason);
    else v.reasonCounts.set(reason, c);
  }
}

/**
 * Marks the verdicts as a failed scan of `list` (whose rows are `rows`): every
 * row was rejected, its verdict is current and its Status is known. The
 * tallies are counted afresh.
 */
export function markFailedScan(v: FilterVerdicts, list: readonly NodeInfo[], rows: Int32Array, stamp: number): void {
  v.reasonCounts.clear();
  v.rejections.fill(0);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    tally(v, v.status[row]!, v.failedBy[row]!, 1);
  }
  v.failedScan = list;
  v.stamp = stamp;
}

/**
 * The Filter verdicts of pods that failed to schedule, kept from one attempt
 * to the next: an unschedulable pod is retried after every cluster event its
 * plugins care about, and between two attempts most nodes have not changed.
 * A remembered verdict, and the Status with its reasons (which a failed
 * attempt's FitError message needs for every node), is used only while the
 * node's row generation is the one it was computed at, and only when every filter running for the pod is
 * row-local ({@link FilterPlugin.rowLocal}), so the verdicts are the ones
 * the filters would give again. A pod gets a memo after its second failed
 * attempt; pods that schedule at once never pay for one. The least recently
 * used pods' memos are dropped past `maxPods`.
 */
export class FilterVerdictMemo {
  private readonly byPod = new Map<PodInfo, FilterVerdicts>();
  private readonly failedOnce = new WeakSet<PodInfo>();

  constructor(private readonly maxPods = 256) {}

  /** The pod's verdicts (touching it as recently used), or null when it has none, or the table's shape or the filters running changed. */
  get(pod: PodInfo, table: NodeTable, filters: readonly FilterPlugin[]): FilterVerdicts | null {
    const v = this.byPod.get(pod);
    if (v === undefined) return null;
    this.byPod.delete(pod);
    if (v.epoch !== table.epoch || v.generation.length !== table.capacity || !sameList(v.filters, filters)) return null;
    this.byPod.set(pod, v);
    return v;
  }

  /**
   * After a failed attempt: the second time a pod fails, starts remembering
   * its verdicts, all unknown (a pod that is dropped or scheduled after one
   * failure, as in a placement study, never gets a memo).
   */
  start(pod: PodInfo, table: NodeTable, filters: readonly FilterPlugin[]): void {
    if (this.byPod.has(pod)) return;
    if (!this.failedOnce.has(pod)) {
      this.failedOnce.add(pod);
      return;
    }
    const n = table.capacity;
    this.byPod.set(pod, {
      generation: new Float64Array(n).fill(-1),
      code: new Uint8Array(n),
      failedBy: new Int16Array(n),
      status: new Array<Status | null>(n).fill(null),
      epoch: table.epoch,
      filters,
      failedScan: null,
      stamp: 0,
      reasonCounts: new Map(),
      rejections: new Int32Array(filters.length),
    });
    if (this.byPod.size > this.maxPods) this.byPod.delete(this.byPod.keys().next().value!);
  }

  /** Pods with a memo. */
  get size(): number {
    return this.byPod.size;
  }
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
