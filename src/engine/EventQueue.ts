import type { Micros } from './time.js';

/** Handler kinds per payload: an event's kind must be below this (8 bits of the payload). */
export const KIND_SPACE = 256;
/** An event's argument must be an integer in [0, MAX_EVENT_ARG] (the payload's other 24 bits). */
export const MAX_EVENT_ARG = 2 ** 24 - 1;
/** Tickets are renumbered after this many pushes by default, which keeps every ticket below 2^31. */
const DEFAULT_RENUMBER_AFTER = 2 ** 30;

/**
 * Bytes between the end of the times and the start of the pairs. Entry i of
 * both arrays would otherwise sit at the same offset within a 4 KiB page, in
 * the same L1 cache set; half a page (plus a line) apart they never collide.
 */
const HEAP_ARRAY_GAP = 2048 + 64;

/**
 * The heap's times and (ticket, payload) pairs in one buffer. The entries of
 * heap index i sit at the same offset in both arrays; the gap keeps the two
 * from landing in the same cache sets, which would make them evict each other.
 */
function heapArrays(n: number): [Float64Array, Int32Array] {
  const buffer = new ArrayBuffer(n * 8 + HEAP_ARRAY_GAP + n * 8);
  return [new Float64Array(buffer, 0, n), new Int32Array(buffer, n * 8 + HEAP_ARRAY_GAP, 2 * n)];
}

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
 * make the bottom levels main-memory reads, so bytes per entry decide):
 * - 1-based heap order in two arrays: `Float64Array` times, the only thing
 *   compared, packed tight; and an `Int32Array` of (ticket, payload) pairs
 *   moved along with them: 16 bytes per event in all. The ticket is read only
 *   when times tie.
 * - Tickets count pushes. Before they could reach 2^31, every pending event is
 *   renumbered 0, 1, 2, ... in (time, ticket) order — an O(n log n) pass once
 *   per 2^30 pushes — so they stay exact 31-bit integers and the order among
 *   equal times is always the push order, however long the run.
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
  /** Ticket of the event taken by the last successful {@link beginPop} (unique among pending events). */
  poppedTicket = 0;
  /** Called after tickets are renumbered (timers keep tickets). */
  onRenumber: RenumberHook | null = null;

  /** Heap times, 1-based; times[heapSize + 1] stays Infinity so sifting needs no bounds branch. */
  private times: Float64Array;
  /** (ticket, payload) of heap entry i at 2i and 2i + 1. */
  private entries: Int32Array;
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
   * @param renumberAfter tickets handed out before a renumbering (tests make it small)
   */
  constructor(initialCapacity = 1024, renumberAfter = DEFAULT_RENUMBER_AFTER) {
    const n = Math.max(16, Math.ceil(initialCapacity)) + 2;
    [this.times, this.entries] = heapArrays(n);
    this.times.fill(Infinity);
    this.renumberAfter = renumberAfter;
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
      this.siftDown(1, time, ticket, payload);
    } else {
      if (this.heapSize + 2 >= this.times.length) this.growHeap();
      this.siftUp(++this.heapSize, time, ticket, payload);
    }
    return ticket;
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
   * {@link poppedTicket}, and returns true. Returns false, changing nothing, when no
   * event is due by then. Run the event's handler, then call {@link endPop}.
   */
  beginPop(limit: Micros): boolean {
    if (this.rootConsumed) this.endPop();
    let payload: number;
    if (this.heapSize > 0 && (this.laneLength === 0 || this.heapRootGoesFirst())) {
      const t = this.times[1]!;
      if (t > limit) return false;
      this.now = t;
      this.poppedTicket = this.entries[2]!;
      payload = this.entries[3]!;
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
        ticket = this.entries[2]!;
        payload = this.entries[3]!;
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
    const dead = (ticket: number, payload: number): boolean => isDead(payload & 0xff, payload >>> 8, ticket);
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
  private siftUp(i: number, t: number, ticket: number, payload: number): void {
    const times = this.times;
    const entries = this.entries;
    while (i > 1) {
      const p = i >> 1;
      const pt = times[p]!;
      if (pt < t || (pt === t && entries[2 * p]! < ticket)) break;
      times[i] = pt;
      entries[2 * i] = entries[2 * p]!;
      entries[2 * i + 1] = entries[2 * p + 1]!;
      i = p;
    }
    times[i] = t;
    entries[2 * i] = ticket;
    entries[2 * i + 1] = payload;
  }

  /** Places the entry at hole `i` or below it, moving earlier children up. */
  private siftDown(i: number, t: number, ticket: number, payload: number): void {
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
      if (ct > t || (ct === t && entries[2 * c]! > ticket)) break;
      times[i] = ct;
      entries[2 * i] = entries[2 * c]!;
      entries[2 * i + 1] = entries[2 * c + 1]!;
      i = c;
    }
    times[i] = t;
    entries[2 * i] = ticket;
    entries[2 * i + 1] = payload;
    if (warm !== warm) this.warmed++;
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
    const heapCount = this.heapSize;
    const m = heapCount + this.laneLength;
    const ringMask = this.lane.length / 2 - 1;
    // Where each pending event's (ticket, payload) pair lives: an index into `entries` or into `lane`.
    const at = new Int32Array(m);
    const inLane = new Uint8Array(m);
    const time = new Float64Array(m);
    const ticket = new Int32Array(m);
    for (let i = 1; i <= heapCount; i++) {
      at[i - 1] = 2 * i;
      time[i - 1] = this.times[i]!;
      ticket[i - 1] = this.entries[2 * i]!;
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
      (inLane[j] === 1 ? this.lane : this.entries)[at[j]!] = rank;
      renamed.set(ticket[j]!, rank);
    });
    this.nextTicket = m;
    this.onRenumber?.((old) => renamed.get(old) ?? -1);
  }

  private laneShift(): void {
    this.laneHead = (this.laneHead + 1) & (this.lane.length / 2 - 1);
    this.laneLength--;
  }

  private growHeap(): void {
    const [times, entries] = heapArrays(this.times.length * 2);
    times.fill(Infinity);
    times.set(this.times);
    entries.set(this.entries);
    this.times = times;
    this.entries = entries;
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
