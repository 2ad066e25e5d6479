import { copyEntries, heapLayout, PAYLOAD_HALF, TICKET_HALF, type HeapLayout } from './heapLayout.js';
import type { Micros } from './time.js';

/** Handler kinds per payload: an event's kind must be below this (8 bits of the payload). */
export const KIND_SPACE = 256;
/** An event's argument must be an integer in [0, MAX_EVENT_ARG] (the payload's other 24 bits). */
export const MAX_EVENT_ARG = 2 ** 24 - 1;
/** Tickets are renumbered after this many pushes by default, which keeps every ticket below 2^30. */
const DEFAULT_RENUMBER_AFTER = 2 ** 30;

/** Told, after a renumbering, how old tickets map to new ones (-1 for a ticket no pending event had). */
export type RenumberHook = (newTicketOf: (oldTicket: number) => number) => void;

/**
 * The pending-event set of a discrete-event simulation: a binary heap over
 * typed arrays, with a FIFO lane for events due now.
 *
 * Events pop in (time, push order) order: earliest time first and, among equal
 * times, the order in which they were pushed. An event is three numbers — its
 * time; a ticket, which orders events pushed for the same time; and a 32-bit
 * payload packing a handler kind (8 bits) with one integer argument (24 bits:
 * the id of the event's subject in the handler's own side table) — so nothing
 * is allocated per event, and popping reads nothing but the heap's root.
 *
 * Layout, for speed once the heap outgrows the cache (a million pending events
 * make the bottom levels main-memory reads, so cache lines per level decide):
 * - 1-based heap order over one buffer: per entry a `Float64Array` time, the
 *   only thing compared, and a 64-bit word of (ticket, payload), moved along
 *   with it as one double: 16 bytes per event in all. The ticket is read only
 *   when times tie. Small heaps keep all times apart from the words; large ones
 *   interleave them, so that a level of a sift costs one cache line, not two
 *   (see {@link heapLayout}).
 * - Tickets count pushes. Before they could reach 2^30, every pending event is
 *   renumbered 0, 1, 2, ... in (time, ticket) order — an O(n log n) pass once
 *   per 2^30 pushes — so they stay exact integers and the order among equal
 *   times is always the push order, however long the run.
 * - Sift-down picks the earlier child without a branch and reads ahead the
 *   cache lines of the entries three (separate layout) or four (interleaved,
 *   only below the cached top) levels down, so the memory fetches of the levels
 *   below overlap instead of waiting on each other.
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
  /** Ticket of the event taken by the last successful {@link beginPop} (unique among pending events). */
  poppedTicket = 0;
  /** Called after tickets are renumbered (timers keep tickets). */
  onRenumber: RenumberHook | null = null;

  // The heap's storage, set by `adopt`; the fields after `layout` cache its parts for the hot paths.
  private layout!: HeapLayout;
  /** Times and words (see {@link HeapLayout}); the time after the last entry stays Infinity, so sifting needs no bounds branch. */
  private heap!: Float64Array;
  /** The same bytes as 32-bit cells. */
  private cells!: Int32Array;
  private interleaved!: boolean;
  /** `heap` index of the separate layout's word 0. */
  private wordBase!: number;
  /** `heap` index of the root's time. */
  private rootTime!: number;
  /** `cells` index of the root's ticket. */
  private rootTicket!: number;
  /** `cells` index of the root's payload. */
  private rootPayload!: number;
  private heapSize = 0;
  /** True between beginPop and endPop while the popped event is the heap's root, still in place. */
  private rootConsumed = false;
  /** Receives the cache-warming reads of sift-down, so that the compiler keeps them. */
  private warmed = 0;

  /** The lane of events due at `now`: a ring (power-of-two size) of (ticket, payload) pairs. */
  private lane = new Int32Array(32);
  private laneHead = 0;
  private laneLength = 0;

  private nextTicket = 0;
  private pushCount = 0;
  private readonly renumberAfter: number;

  /**
   * @param initialCapacity expected number of pending events
   * @param renumberAfter tickets handed out before a renumbering (tests make it small; at most 2^30)
   */
  constructor(initialCapacity = 1024, renumberAfter = DEFAULT_RENUMBER_AFTER) {
    this.adopt(heapLayout(Math.max(16, Math.ceil(initialCapacity)) + 2));
    this.renumberAfter = Math.min(renumberAfter, DEFAULT_RENUMBER_AFTER);
  }

  /** Number of events in the queue. */
  get size(): number {
    return this.heapSize + this.laneLength - (this.rootConsumed ? 1 : 0);
  }

  /** Number of events ever pushed. */
  get pushed(): number {
    return this.pushCount;
  }

  /**
   * Schedules an event of handler `kind` with argument `arg` at `time`, an
   * integer no earlier than {@link now}, and returns its ticket. An event for
   * `now` runs after every event already scheduled for `now`.
   */
  push(time: Micros, kind: number, arg: number): number {
    if (!(time >= this.now && time <= Number.MAX_SAFE_INTEGER) || Math.floor(time) !== time) {
      throw new RangeError(`event time ${time} µs is not an integer at or after now (${this.now} µs)`);
    }
    // `arg >>> 0` equals arg exactly for integers in [0, 2^32).
    if (arg >>> 0 !== arg || arg > MAX_EVENT_ARG) {
      throw new RangeError(`event argument ${arg} is not an integer in [0, ${MAX_EVENT_ARG}]`);
    }
    const payload = (arg << 8) | kind;
    if (this.nextTicket >= this.renumberAfter) this.renumber();
    const ticket = this.nextTicket++;
    this.pushCount++;
    if (time === this.now) {
      this.lanePush(ticket, payload);
    } else if (this.rootConsumed) {
      // Hold: the popped root is still in place, and this event sorts after it.
      this.rootConsumed = false;
      if (this.interleaved) this.siftDownInterleaved(1, time, ticket, payload);
      else this.siftDownSeparate(1, time, ticket, payload);
    } else {
      if (this.heapSize + 2 >= this.layout.capacity) this.growHeap();
      const i = ++this.heapSize;
      if (this.interleaved) this.siftUpInterleaved(i, time, ticket, payload);
      else this.siftUpSeparate(i, time, ticket, payload);
    }
    return ticket;
  }

  /** The time of the next event, or `Infinity` when the queue is empty. */
  peekTime(): Micros {
    this.endPop();
    if (this.laneLength > 0) return this.now;
    return this.heapSize > 0 ? this.heap[this.rootTime]! : Infinity;
  }

  /**
   * Takes the next event if it is due no later than `limit`: advances
   * {@link now} to its time, sets {@link poppedKind}, {@link poppedArg} and
   * {@link poppedTicket}, and returns true. Returns false, changing nothing, when no
   * event is due by then. Run the event's handler, then call {@link endPop}.
   */
  beginPop(limit: Micros): boolean {
    if (this.rootConsumed) this.endPop();
    let payload: number;
    if (this.heapSize > 0 && (this.laneLength === 0 || this.heapRootGoesFirst())) {
      const t = this.heap[this.rootTime]!;
      if (t > limit) return false;
      this.now = t;
      this.poppedTicket = this.cells[this.rootTicket]!;
      payload = this.cells[this.rootPayload]!;
      this.rootConsumed = true;
    } else if (this.laneLength > 0 && this.now <= limit) {
      const i = 2 * this.laneHead;
      this.poppedTicket = this.lane[i]!;
      payload = this.lane[i + 1]!;
      this.laneShift();
    } else {
      return false;
    }
    this.poppedArg = payload >>> 8;
    this.poppedKind = payload & 0xff;
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
   * Removes events from the front of the queue while `isDead(kind, arg, ticket)`
   * holds for the front one; returns how many were removed.
   */
  dropFrontWhile(isDead: (kind: number, arg: number, ticket: number) => boolean): number {
    let removed = 0;
    this.endPop();
    for (;;) {
      let ticket: number;
      let payload: number;
      const fromHeap = this.heapSize > 0 && (this.laneLength === 0 || this.heapRootGoesFirst());
      if (fromHeap) {
        ticket = this.cells[this.rootTicket]!;
        payload = this.cells[this.rootPayload]!;
      } else if (this.laneLength > 0) {
        ticket = this.lane[2 * this.laneHead]!;
        payload = this.lane[2 * this.laneHead + 1]!;
      } else {
        return removed;
      }
      if (!isDead(payload & 0xff, payload >>> 8, ticket)) return removed;
      if (fromHeap) this.removeRoot();
      else this.laneShift();
      removed++;
    }
  }

  /**
   * Removes every event for which `isDead(kind, arg, ticket)` holds and returns
   * how many were removed: O(n), with Floyd's heapify.
   */
  sweep(isDead: (kind: number, arg: number, ticket: number) => boolean): number {
    this.endPop();
    const { heap, cells, timeStride, wordBase, wordStride } = this.layout;
    let n = 0;
    for (let i = 1; i <= this.heapSize; i++) {
      const word = wordBase + wordStride * i;
      const payload = cells[2 * word + PAYLOAD_HALF]!;
      if (isDead(payload & 0xff, payload >>> 8, cells[2 * word + TICKET_HALF]!)) continue;
      n++;
      heap[timeStride * n] = heap[timeStride * i]!;
      heap[wordBase + wordStride * n] = heap[word]!;
    }
    let removed = this.heapSize - n;
    for (let i = n + 1; i <= this.heapSize; i++) heap[timeStride * i] = Infinity;
    this.heapSize = n;
    for (let i = n >> 1; i >= 1; i--) {
      const word = wordBase + wordStride * i;
      this.siftDown(i, heap[timeStride * i]!, cells[2 * word + TICKET_HALF]!, cells[2 * word + PAYLOAD_HALF]!);
    }

    const ring = this.lane;
    const mask = ring.length / 2 - 1;
    let kept = 0;
    for (let k = 0; k < this.laneLength; k++) {
      const from = 2 * ((this.laneHead + k) & mask);
      const payload = ring[from + 1]!;
      if (isDead(payload & 0xff, payload >>> 8, ring[from]!)) continue;
      const to = 2 * ((this.laneHead + kept) & mask);
      ring[to] = ring[from]!;
      ring[to + 1] = payload;
      kept++;
    }
    removed += this.laneLength - kept;
    this.laneLength = kept;
    return removed;
  }

  /** With events in both: true when the heap's root is due now and was pushed before the lane's head. */
  private heapRootGoesFirst(): boolean {
    return this.heap[this.rootTime] === this.now && this.cells[this.rootTicket]! < this.lane[2 * this.laneHead]!;
  }

  private removeRoot(): void {
    const last = this.heapSize--;
    const { heap, cells, timeStride, wordBase, wordStride } = this.layout;
    const word = wordBase + wordStride * last;
    const t = heap[timeStride * last]!;
    heap[timeStride * last] = Infinity;
    if (last > 1) this.siftDown(1, t, cells[2 * word + TICKET_HALF]!, cells[2 * word + PAYLOAD_HALF]!);
  }

  /** Places the entry at hole `i` or below it, moving earlier children up. */
  private siftDown(i: number, t: number, ticket: number, payload: number): void {
    if (this.interleaved) this.siftDownInterleaved(i, t, ticket, payload);
    else this.siftDownSeparate(i, t, ticket, payload);
  }

  /** {@link siftDown} in the separate layout. */
  private siftDownSeparate(i: number, t: number, ticket: number, payload: number): void {
    const heap = this.heap;
    const cells = this.cells;
    const w = this.wordBase;
    const n = this.heapSize;
    let warm = 0;
    for (;;) {
      let c = i << 1;
      if (c > n) break;
      // Touch the times of the great-grandchildren (8i..8i+7, one or two
      // lines) three levels ahead, below the top 1024 entries (8 KiB, always
      // in L1); not their words: only one of the eight is moved, and its load
      // is off the comparison chain.
      const g = i << 3;
      if (g >= 1024 && g + 7 <= n) warm += heap[g]! + heap[g + 7]!;
      const lt = heap[c]!;
      const rt = heap[c + 1]!; // Infinity past the end
      if (lt !== rt) c += Number(rt < lt);
      else if (c < n && cells[2 * (w + c + 1) + TICKET_HALF]! < cells[2 * (w + c) + TICKET_HALF]!) c++;
      const ct = heap[c]!;
      if (ct > t || (ct === t && cells[2 * (w + c) + TICKET_HALF]! > ticket)) break;
      heap[i] = ct;
      heap[w + i] = heap[w + c]!;
      i = c;
    }
    heap[i] = t;
    cells[2 * (w + i) + TICKET_HALF] = ticket;
    cells[2 * (w + i) + PAYLOAD_HALF] = payload;
    if (warm !== warm) this.warmed++;
  }

  /** {@link siftDown} in the interleaved layout: entry c's time at 2c, its word at 2c + 1. */
  private siftDownInterleaved(i: number, t: number, ticket: number, payload: number): void {
    const heap = this.heap;
    const cells = this.cells;
    const n = this.heapSize;
    let warm = 0;
    for (;;) {
      let c = i << 1;
      if (c > n) break;
      // Touch the four lines of the great-great-grandchildren (16i..16i+15)
      // four levels ahead, below the top 4096 entries (64 KiB, always cached):
      // at a million entries the bottom levels are main-memory reads, and
      // these overlap them (three levels ahead measured slower, five no better).
      const g = i << 4;
      if (g >= 4096 && g + 15 <= n) warm += heap[2 * g]! + heap[2 * g + 8]! + heap[2 * g + 16]! + heap[2 * g + 24]!;
      const lt = heap[2 * c]!;
      const rt = heap[2 * c + 2]!; // Infinity past the end
      if (lt !== rt) c += Number(rt < lt);
      else if (c < n && cells[4 * c + 6 + TICKET_HALF]! < cells[4 * c + 2 + TICKET_HALF]!) c++;
      const ct = heap[2 * c]!;
      if (ct > t || (ct === t && cells[4 * c + 2 + TICKET_HALF]! > ticket)) break;
      heap[2 * i] = ct;
      heap[2 * i + 1] = heap[2 * c + 1]!;
      i = c;
    }
    heap[2 * i] = t;
    cells[4 * i + 2 + TICKET_HALF] = ticket;
    cells[4 * i + 2 + PAYLOAD_HALF] = payload;
    if (warm !== warm) this.warmed++;
  }

  /** Places the entry at hole `i` or above it, moving later parents down (separate layout). */
  private siftUpSeparate(i: number, t: number, ticket: number, payload: number): void {
    const heap = this.heap;
    const cells = this.cells;
    const w = this.wordBase;
    while (i > 1) {
      const p = i >> 1;
      const pt = heap[p]!;
      if (pt < t || (pt === t && cells[2 * (w + p) + TICKET_HALF]! < ticket)) break;
      heap[i] = pt;
      heap[w + i] = heap[w + p]!;
      i = p;
    }
    heap[i] = t;
    cells[2 * (w + i) + TICKET_HALF] = ticket;
    cells[2 * (w + i) + PAYLOAD_HALF] = payload;
  }

  /** Places the entry at hole `i` or above it, moving later parents down (interleaved layout). */
  private siftUpInterleaved(i: number, t: number, ticket: number, payload: number): void {
    const heap = this.heap;
    const cells = this.cells;
    while (i > 1) {
      const p = i >> 1;
      const pt = heap[2 * p]!;
      if (pt < t || (pt === t && cells[4 * p + 2 + TICKET_HALF]! < ticket)) break;
      heap[2 * i] = pt;
      heap[2 * i + 1] = heap[2 * p + 1]!;
      i = p;
    }
    heap[2 * i] = t;
    cells[4 * i + 2 + TICKET_HALF] = ticket;
    cells[4 * i + 2 + PAYLOAD_HALF] = payload;
  }

  private lanePush(ticket: number, payload: number): void {
    const slots = this.lane.length / 2;
    if (this.laneLength === slots) this.growLane();
    const i = 2 * ((this.laneHead + this.laneLength) & (this.lane.length / 2 - 1));
    this.lane[i] = ticket;
    this.lane[i + 1] = payload;
    this.laneLength++;
  }

  /**
   * Gives every pending event a new ticket 0, 1, 2, ... in (time, ticket)
   * order. Times and relative order are unchanged, so the heap stays a heap;
   * `onRenumber` hears of each change (timers compare tickets).
   */
  private renumber(): void {
    this.endPop();
    const { heap, cells, timeStride, wordBase, wordStride } = this.layout;
    const heapCount = this.heapSize;
    const m = heapCount + this.laneLength;
    const ringMask = this.lane.length / 2 - 1;
    // Where each pending event's ticket lives: an index into `cells` or into `lane`.
    const at = new Int32Array(m);
    const inLane = new Uint8Array(m);
    const time = new Float64Array(m);
    const ticket = new Int32Array(m);
    for (let i = 1; i <= heapCount; i++) {
      at[i - 1] = 2 * (wordBase + wordStride * i) + TICKET_HALF;
      time[i - 1] = heap[timeStride * i]!;
      ticket[i - 1] = cells[at[i - 1]!]!;
    }
    for (let k = 0; k < this.laneLength; k++) {
      const j = heapCount + k;
      at[j] = 2 * ((this.laneHead + k) & ringMask);
      inLane[j] = 1;
      time[j] = this.now;
      ticket[j] = this.lane[at[j]!]!;
    }
    const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => time[a]! - time[b]! || ticket[a]! - ticket[b]!);
    const renamed = new Map<number, number>();
    order.forEach((j, rank) => {
      (inLane[j] === 1 ? this.lane : cells)[at[j]!] = rank;
      renamed.set(ticket[j]!, rank);
    });
    this.nextTicket = m;
    this.onRenumber?.((old) => renamed.get(old) ?? -1);
  }

  private laneShift(): void {
    this.laneHead = (this.laneHead + 1) & (this.lane.length / 2 - 1);
    this.laneLength--;
  }

  /** Doubles the heap's storage, switching to the interleaved layout once it is large. */
  private growHeap(): void {
    const layout = heapLayout(2 * this.layout.capacity);
    copyEntries(this.layout, layout, this.heapSize);
    this.adopt(layout);
  }

  /** Makes `layout` the heap's storage (its contents already in place). */
  private adopt(layout: HeapLayout): void {
    this.layout = layout;
    this.heap = layout.heap;
    this.cells = layout.cells;
    this.interleaved = layout.interleaved;
    this.wordBase = layout.wordBase;
    this.rootTime = layout.timeStride;
    this.rootTicket = 2 * (layout.wordBase + layout.wordStride) + TICKET_HALF;
    this.rootPayload = this.rootTicket - TICKET_HALF + PAYLOAD_HALF;
  }

  private growLane(): void {
    const slots = this.lane.length / 2;
    const lane = new Int32Array(this.lane.length * 2);
    for (let k = 0; k < this.laneLength; k++) {
      const from = 2 * ((this.laneHead + k) & (slots - 1));
      lane[2 * k] = this.lane[from]!;
      lane[2 * k + 1] = this.lane[from + 1]!;
    }
    this.lane = lane;
    this.laneHead = 0;
  }
}
