/**
 * The backoff queue (backend/queue/backoff_queue.go, v1.34): pods that wait
 * out their backoff penalty before going back to activeQ. Two heaps: one for
 * pods rejected by plugins, one for pods that hit an error; both ordered by
 * backoff expiry. With SchedulerPopFromBackoffQ the expiry is truncated to a
 * whole-second ordering window and pods of one window are ordered as activeQ
 * orders them (priority, then timestamp).
 */
import { MICROS_PER_SECOND, type Micros } from '../../engine/time.js';
import { KeyedHeap } from './heap.js';
import type { QueuedPodInfo } from './QueuedPodInfo.js';

/** backoffQOrderingWindowDuration: 1 s, also the period of flushBackoffQCompleted. */
export const BACKOFF_ORDERING_WINDOW: Micros = MICROS_PER_SECOND;

/** The instant "no backoff" (Go's zero time): before every instant of the simulation. */
export const NO_BACKOFF = Number.NEGATIVE_INFINITY;

/** A less function over queued pods (the profile's QueueSort). */
export type QueuedPodLess = (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;

const keyOf = (p: QueuedPodInfo): string => p.key;

/**
 * calculateBackoffDuration: `initial · 2^(count−1)`, capped at `max`; 0 for
 * count 0. The comparison `initial > max >> shift` (Go's) avoids computing an
 * overflowing power; division by a power of two is exact in doubles.
 */
export function calculateBackoffDuration(count: number, initial: Micros, max: Micros): Micros {
  if (count <= 0) return 0;
  const shift = count - 1;
  // For shift ≥ 63, Go's max >> shift is 0 for any non-negative int64 max.
  const maxShifted = shift >= 63 ? 0 : Math.floor(max / 2 ** shift);
  if (initial > maxShifted) return max;
  return initial * 2 ** shift;
}

export class BackoffQueue {
  private readonly now: () => Micros;
  readonly podInitialBackoff: Micros;
  readonly podMaxBackoff: Micros;
  private readonly popFromBackoffQ: boolean;
  /** Pods rejected by plugins (unschedulable or pending plugins). */
  private readonly podBackoffQ: KeyedHeap<QueuedPodInfo>;
  /** Pods that failed with an error (no rejecting plugin). */
  private readonly podErrorBackoffQ: KeyedHeap<QueuedPodInfo>;

  constructor(now: () => Micros, podInitialBackoff: Micros, podMaxBackoff: Micros, activeQLess: QueuedPodLess, popFromBackoffQ: boolean) {
    this.now = now;
    this.podInitialBackoff = podInitialBackoff;
    this.podMaxBackoff = podMaxBackoff;
    this.popFromBackoffQ = popFromBackoffQ;
    const lessBackoffCompleted = (a: QueuedPodInfo, b: QueuedPodInfo): boolean => this.getBackoffTime(a) < this.getBackoffTime(b);
    const lessWithPriority = (a: QueuedPodInfo, b: QueuedPodInfo): boolean => {
      const ba = this.getBackoffTime(a);
      const bb = this.getBackoffTime(b);
      if (ba !== bb) return ba < bb;
      // The same ordering window: order as activeQ does.
      return activeQLess(a, b);
    };
    this.podBackoffQ = new KeyedHeap(keyOf, popFromBackoffQ ? lessWithPriority : lessBackoffCompleted);
    this.podErrorBackoffQ = new KeyedHeap(keyOf, lessBackoffCompleted);
  }

  /** alignToWindow: truncates to the whole second when SchedulerPopFromBackoffQ is on; identity otherwise. */
  alignToWindow(t: Micros): Micros {
    if (!this.popFromBackoffQ) return t;
    return t - (((t % BACKOFF_ORDERING_WINDOW) + BACKOFF_ORDERING_WINDOW) % BACKOFF_ORDERING_WINDOW);
  }

  /** The backoff duration the pod's counts give (the error count after an error, else the unschedulable count). */
  backoffDuration(pInfo: QueuedPodInfo): Micros {
    return calculateBackoffDuration(backoffCount(pInfo), this.podInitialBackoff, this.podMaxBackoff);
  }

  /**
   * getBackoffTime: when the pod's backoff ends — `align(timestamp + duration)`,
   * cached in `backoffExpiration` — or {@link NO_BACKOFF} when the pod has no
   * failed attempt (not cached).
   */
  getBackoffTime(pInfo: QueuedPodInfo): Micros {
    const count = backoffCount(pInfo);
    if (count === 0) return NO_BACKOFF;
    if (pInfo.backoffExpiration === undefined) {
      pInfo.backoffExpiration = this.alignToWindow(pInfo.timestamp + calculateBackoffDuration(count, this.podInitialBackoff, this.podMaxBackoff));
    }
    return pInfo.backoffExpiration;
  }

  /**
   * isPodBackingoff: still backing off while `expiry >= align(now)` — with the
   * window on, a pod whose expiry is in the current second is still backing
   * off, so it completes at `expiry + 1 s`; with it off, at `expiry + 1 µs`.
   */
  isPodBackingoff(pInfo: QueuedPodInfo): boolean {
    return !(this.getBackoffTime(pInfo) < this.alignToWindow(this.now()));
  }

  /** The first instant at which the pod is no longer backing off. */
  backoffCompletesAt(pInfo: QueuedPodInfo): Micros {
    const expiry = this.getBackoffTime(pInfo);
    if (expiry === NO_BACKOFF) return NO_BACKOFF;
    return this.popFromBackoffQ ? expiry + BACKOFF_ORDERING_WINDOW : expiry + 1;
  }

  /** Adds (or updates) the pod in the heap its plugin sets call for, and makes sure it is not in the other. */
  add(pInfo: QueuedPodInfo): void {
    if (pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0) {
      this.podErrorBackoffQ.addOrUpdate(pInfo);
      this.podBackoffQ.delete(pInfo);
      return;
    }
    this.podBackoffQ.addOrUpdate(pInfo);
    this.podErrorBackoffQ.delete(pInfo);
  }

  /** Re-sorts a pod already in one of the heaps (after its pod info changed); returns it, or undefined if absent. */
  update(key: string): QueuedPodInfo | undefined {
    const a = this.podBackoffQ.getKey(key);
    if (a !== undefined) {
      this.podBackoffQ.addOrUpdate(a);
      return a;
    }
    const b = this.podErrorBackoffQ.getKey(key);
    if (b !== undefined) {
      this.podErrorBackoffQ.addOrUpdate(b);
      return b;
    }
    return undefined;
  }

  /** Removes the pod; true if it was there. */
  delete(key: string): boolean {
    const a = this.podBackoffQ.deleteKey(key) !== undefined;
    const b = this.podErrorBackoffQ.deleteKey(key) !== undefined;
    return a || b;
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.podBackoffQ.getKey(key) ?? this.podErrorBackoffQ.getKey(key);
  }

  has(key: string): boolean {
    return this.podBackoffQ.hasKey(key) || this.podErrorBackoffQ.hasKey(key);
  }

  /** popAllBackoffCompleted: pops, from the rejection heap then the error heap, every pod done backing off. */
  popAllBackoffCompleted(): QueuedPodInfo[] {
    const popped: QueuedPodInfo[] = [];
    for (const heap of [this.podBackoffQ, this.podErrorBackoffQ]) {
      for (;;) {
        const head = heap.peek();
        if (head === undefined || this.isPodBackingoff(head)) break;
        heap.pop();
        popped.push(head);
      }
    }
    return popped;
  }

  /** popBackoff: the head of the rejection heap, backing off or not (SchedulerPopFromBackoffQ). Errors are not popped early. */
  popBackoff(): QueuedPodInfo | undefined {
    return this.podBackoffQ.pop();
  }

  /** lenBackoff: pods in the rejection heap (the ones Pop may take early). */
  lenBackoff(): number {
    return this.podBackoffQ.length;
  }

  /** The earliest backoff expiry in the queue, or undefined when it is empty. */
  nextExpiry(): Micros | undefined {
    let next: Micros | undefined;
    for (const heap of [this.podBackoffQ, this.podErrorBackoffQ]) {
      const head = heap.peek();
      if (head === undefined) continue;
      const t = this.getBackoffTime(head);
      if (next === undefined || t < next) next = t;
    }
    return next;
  }

  /** Every pod: the rejection heap's, then the error heap's (heap-array order). */
  list(): QueuedPodInfo[] {
    return [...this.podBackoffQ.list(), ...this.podErrorBackoffQ.list()];
  }

  get length(): number {
    return this.podBackoffQ.length + this.podErrorBackoffQ.length;
  }
}

/** The count backoff grows with: consecutive errors if the last attempt was an error, else plugin rejections. */
export function backoffCount(pInfo: QueuedPodInfo): number {
  return pInfo.consecutiveErrorsCount > 0 ? pInfo.consecutiveErrorsCount : pInfo.unschedulableCount;
}
