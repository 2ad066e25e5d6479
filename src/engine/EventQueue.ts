import type { Micros } from './time.js';
import { grownFloat64 } from './typedArrays.js';

/** Handler kinds per payload: an event's kind must be below this. */
export const KIND_SPACE = 4096;
/** An event's argument must be an integer in [0, MAX_EVENT_ARG]. */
export const MAX_EVENT_ARG = Math.floor(Number.MAX_SAFE_INTEGER / KIND_SPACE);

/**
 * The pending-event set of a discrete-event simulation: a binary heap over
 * typed arrays, with a FIFO lane for events due now.
 *
 * Events pop in (time, sequence) order: earliest time first and, among equal
 * times, the order in which they were pushed. An event is three numbers — its
 * time, its sequence number and a payload packing a handler kind with one
 * integer argument (the id of the event's subject in the handler's own side
 * table) — so nothing is allocated per event, and popping reads nothing but the
 * heap's root.
 *
 * Layout, for speed once the heap outgrows the cache:
 * - 1-based heap order in two arrays: `Float64Array` times, the only thing
 *   compared, packed tight; and a `Float64Array` of (sequence, payload) pairs
 *   moved along with them. The sequence is read only when times tie.
 * - Sift-down picks the earlier child without a branch and touches the cache
 *   lines of the great-grandchildren as it goes, so the memory fetches of the
 *   levels below overlap instead of waiting on each other.
 * - Events due at the current instant skip the heap and wait in the lane (O(1));
 *   lane and heap are merged by sequence number, so the order is exactly that
 *   of a single heap.
 * - Popping is split into {@link beginPop} and {@link endPop}: while the popped
 *   event's handler runs, the root stays in place, and the first event the
 *   handler pushes replaces it with a single sift-down — the hold operation,
 *   half the work of a pop followed by a push.
 *
 * The queue never cancels: cancellable events are built on top of it by
 * {@link Simulation}'s timers, which let a superseded event run as a no-op and
 * ask the queue to {@link sweep} such tombstones when they pile up.
 */
export class EventQueue {
  /** The time of the event popped last: the simulation's current instant. */
  now: Micros = 0;
  /** Handler kind of the event taken by the last successful {@link beginPop}. */
  poppedKind = 0;
  /** Argument of the event taken by the last successful {@link beginPop}. */
  poppedArg = 0;
  /** Sequence number of the event taken by the last successful {@link beginPop}. */
  poppedSeq = 0;

  /** Heap times, 1-based; times[heapSize + 1] stays Infinity so sifting needs no bounds branch. */
  private times: Float64Array;
  /** (sequence, payload) of heap entry i at 2i and 2i + 1. */
  private entries: Float64Array;
  private heapSize = 0;
  /** True between beginPop and endPop while the popped event is the heap's root, still in place. */
  private rootConsumed = false;
  /** Receives the cache-warming reads of sift-down, so that the compiler keeps them. */
  private warmed = 0;

  /** The lane of events due at `now`: a ring (power-of-two size) of (sequence, payload) pairs. */
  private lane = new Float64Array(32);
  private laneHead = 0;
  private laneLength = 0;

  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, Math.ceil(initialCapacity)) + 2;
    this.times = new Float64Array(n).fill(Infinity);
    this.entries = new Float64Array(2 * n);
  }

  /** Number of events in the queue. */
  get size(): number {
    return this.heapSize + this.laneLength - (this.rootConsumed ? 1 : 0);
  }

  /** Number of events ever pushed; also the sequence number of the next one. */
  get pushed(): number {
    return this.nextSeq;
  }

  /**
   * Schedules an event of handler `kind` with argument `arg` at `time`, an
   * integer no earlier than {@link now}, and returns its sequence number. An
   * event for `now` runs after every event already scheduled for `now`.
   */
  push(time: Micros, kind: number, arg: number): number {
    if (!(time >= this.now && time <= Number.MAX_SAFE_INTEGER) || Math.floor(time) !== time) {
      throw new RangeError(`event time ${time} µs is not an integer at or after now (${this.now} µs)`);
    }
    if (!(arg >= 0 && arg <= MAX_EVENT_ARG) || Math.floor(arg) !== arg) {
      throw new RangeError(`event argument ${arg} is not an integer in [0, ${MAX_EVENT_ARG}]`);
    }
    const payload = arg * KIND_SPACE + kind;
    const seq = this.nextSeq++;
    if (time === this.now) {
      this.lanePush(seq, payload);
    } else if (this.rootConsumed) {
      // Hold: the popped root is still in place, and this event sorts after it.
      this.rootConsumed = false;
      this.siftDown(1, time, seq, payload);
    } else {
      if (this.heapSize + 2 >= this.times.length) this.growHeap();
      this.siftUp(++this.heapSize, time, seq, payload);
    }
    return seq;
  }

  /** The time of the next event, or `Infinity` when the queue is empty. */
  peekTime(): Micros {
    this.endPop();
    if (this.laneLength > 0) return this.now;
    return this.heapSize > 0 ? this.times[1]! : Infinity;
  }

  /**
   * Takes the next event if it is due no later than `limit`: advances
   * {@link now} to its time, sets {@link poppedKind}, {@link poppedArg} and
   * {@link poppedSeq}, and returns true. Returns false, changing nothing, when no
   * event is due by then. Run the event's handler, then call {@link endPop}.
   */
  beginPop(limit: Micros): boolean {
    if (this.rootConsumed) this.endPop();
    let payload: number;
    if (this.heapSize > 0 && (this.laneLength === 0 || this.heapRootGoesFirst())) {
      const t = this.times[1]!;
      if (t > limit) return false;
      this.now = t;
      this.poppedSeq = this.entries[2]!;
      payload = this.entries[3]!;
      this.rootConsumed = true;
    } else if (this.laneLength > 0 && this.now <= limit) {
      const i = 2 * this.laneHead;
      this.poppedSeq = this.lane[i]!;
      payload = this.lane[i + 1]!;
      this.laneShift();
    } else {
      return false;
    }
    const arg = Math.floor(payload / KIND_SPACE);
    this.poppedArg = arg;
    this.poppedKind = payload - arg * KIND_SPACE;
    return true;
  }

  /** Finishes the pop begun by {@link beginPop}: removes the root unless a push already replaced it. */
  endPop(): void {
    if (!this.rootConsumed) return;
    this.rootConsumed = false;
    this.removeRoot();
  }

  /**
   * Moves the clock forward to `time` without running anything, as at the end
   * of a run bounded by a time. No event may be due before `time`.
   */
  advanceTo(time: Micros): void {
    if (!(time >= this.now) || Math.floor(time) !== time) {
      throw new RangeError(`cannot move the clock from ${this.now} µs to ${time} µs`);
    }
    if (this.peekTime() < time) throw new RangeError(`events are pending before ${time} µs`);
    this.now = time;
  }

  /**
   * Removes events from the front of the queue while `isDead(kind, arg, seq)`
   * holds for the front one; returns how many were removed.
   */
  dropFrontWhile(isDead: (kind: number, arg: number, seq: number) => boolean): number {
    let removed = 0;
    this.endPop();
    for (;;) {
      let seq: number;
      let payload: number;
      const fromHeap = this.heapSize > 0 && (this.laneLength === 0 || this.heapRootGoesFirst());
      if (fromHeap) {
        seq = this.entries[2]!;
        payload = this.entries[3]!;
      } else if (this.laneLength > 0) {
        seq = this.lane[2 * this.laneHead]!;
        payload = this.lane[2 * this.laneHead + 1]!;
      } else {
        return removed;
      }
      const arg = Math.floor(payload / KIND_SPACE);
      if (!isDead(payload - arg * KIND_SPACE, arg, seq)) return removed;
      if (fromHeap) this.removeRoot();
      else this.laneShift();
      removed++;
    }
  }

  /**
   * Removes every event for which `isDead(kind, arg, seq)` holds and returns
   * how many were removed: O(n), with Floyd's heapify.
   */
  sweep(isDead: (kind: number, arg: number, seq: number) => boolean): number {
    this.endPop();
    const dead = (seq: number, payload: number): boolean => {
      const arg = Math.floor(payload / KIND_SPACE);
      return isDead(payload - arg * KIND_SPACE, arg, seq);
    };
    const times = this.times;
    const entries = this.entries;
    let n = 0;
    for (let i = 1; i <= this.heapSize; i++) {
      if (dead(entries[2 * i]!, entries[2 * i + 1]!)) continue;
      n++;
      times[n] = times[i]!;
      entries[2 * n] = entries[2 * i]!;
      entries[2 * n + 1] = entries[2 * i + 1]!;
    }
    let removed = this.heapSize - n;
    times.fill(Infinity, n + 1, this.heapSize + 2);
    this.heapSize = n;
    for (let i = n >> 1; i >= 1; i--) this.siftDown(i, times[i]!, entries[2 * i]!, entries[2 * i + 1]!);

    const ring = this.lane;
    const mask = ring.length / 2 - 1;
    let kept = 0;
    for (let k = 0; k < this.laneLength; k++) {
      const from = 2 * ((this.laneHead + k) & mask);
      if (dead(ring[from]!, ring[from + 1]!)) continue;
      const to = 2 * ((this.laneHead + kept) & mask);
      ring[to] = ring[from]!;
      ring[to + 1] = ring[from + 1]!;
      kept++;
    }
    removed += this.laneLength - kept;
    this.laneLength = kept;
    return removed;
  }

  /** With events in both: true when the heap's root is due now and was pushed before the lane's head. */
  private heapRootGoesFirst(): boolean {
    return this.times[1] === this.now && this.entries[2]! < this.lane[2 * this.laneHead]!;
  }

  private removeRoot(): void {
    const last = this.heapSize--;
    const t = this.times[last]!;
    this.times[last] = Infinity;
    if (last > 1) this.siftDown(1, t, this.entries[2 * last]!, this.entries[2 * last + 1]!);
  }

  /** Places the entry at hole `i` or above it, moving later parents down. */
  private siftUp(i: number, t: number, seq: number, payload: number): void {
    const times = this.times;
    const entries = this.entries;
    while (i > 1) {
      const p = i >> 1;
      const pt = times[p]!;
      if (pt < t || (pt === t && entries[2 * p]! < seq)) break;
      times[i] = pt;
      entries[2 * i] = entries[2 * p]!;
      entries[2 * i + 1] = entries[2 * p + 1]!;
      i = p;
    }
    times[i] = t;
    entries[2 * i] = seq;
    entries[2 * i + 1] = payload;
  }

  /** Places the entry at hole `i` or below it, moving earlier children up. */
  private siftDown(i: number, t: number, seq: number, payload: number): void {
    const times = this.times;
    const entries = this.entries;
    const n = this.heapSize;
    let warm = 0;
    for (;;) {
      let c = i << 1;
      if (c > n) break;
      // Touch the times of the great-grandchildren (8i..8i+7) three levels
      // ahead; their entries are not touched: only one of the eight is moved,
      // and its load is off the comparison chain.
      const g = i << 3;
      if (g + 7 <= n) warm += times[g]! + times[g + 7]!;
      const lt = times[c]!;
      const rt = times[c + 1]!; // Infinity past the end
      if (lt !== rt) c += Number(rt < lt);
      else if (c < n && entries[2 * c + 2]! < entries[2 * c]!) c++;
      const ct = times[c]!;
      if (ct > t || (ct === t && entries[2 * c]! > seq)) break;
      times[i] = ct;
      entries[2 * i] = entries[2 * c]!;
      entries[2 * i + 1] = entries[2 * c + 1]!;
      i = c;
    }
    times[i] = t;
    entries[2 * i] = seq;
    entries[2 * i + 1] = payload;
    if (warm !== warm) this.warmed++;
  }

  private lanePush(seq: number, payload: number): void {
    const slots = this.lane.length / 2;
    if (this.laneLength === slots) this.growLane();
    const i = 2 * ((this.laneHead + this.laneLength) & (this.lane.length / 2 - 1));
    this.lane[i] = seq;
    this.lane[i + 1] = payload;
    this.laneLength++;
  }

  private laneShift(): void {
    this.laneHead = (this.laneHead + 1) & (this.lane.length / 2 - 1);
    this.laneLength--;
  }

  private growHeap(): void {
    this.times = grownFloat64(this.times, this.times.length * 2, Infinity);
    this.entries = grownFloat64(this.entries, this.entries.length * 2);
  }

  private growLane(): void {
    const slots = this.lane.length / 2;
    const lane = new Float64Array(this.lane.length * 2);
    for (let k = 0; k < this.laneLength; k++) {
      const from = 2 * ((this.laneHead + k) & (slots - 1));
      lane[2 * k] = this.lane[from]!;
      lane[2 * k + 1] = this.lane[from + 1]!;
    }
    this.lane = lane;
    this.laneHead = 0;
  }
}
