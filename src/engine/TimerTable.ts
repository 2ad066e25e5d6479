import type { EventQueue } from './EventQueue.js';
import type { Micros } from './time.js';
import { grownFloat64, grownInt32 } from './typedArrays.js';

/** Superseded firings are swept from the queue when there are more than this many and more than live events. */
const MIN_STALE_TO_SWEEP = 4096;
/** `armedTicket` of a timer with no pending firing. */
const IDLE = -1;

/**
 * The side table behind {@link Timer}: per timer, the handler it runs, its
 * argument, and the queue ticket of its one pending firing.
 *
 * A timer's firing is an ordinary event of the dispatcher kind whose argument
 * is the timer's index. Re-arming pushes a new firing and leaves the old one in
 * the queue as a tombstone; when a firing pops, it runs only if its ticket
 * number is still the timer's armed one. So cancelling costs O(1) and the
 * queue stays a plain heap.
 */
export class TimerTable {
  /** The dispatcher's event kind. */
  readonly kind: number;
  /** Firings in the queue that were superseded and will be skipped. */
  stale = 0;

  private readonly queue: EventQueue;
  private armedTicket = new Float64Array(64).fill(IDLE);
  private due = new Float64Array(64);
  private kinds = new Int32Array(64);
  private args = new Float64Array(64);
  private count = 0;

  constructor(queue: EventQueue, kind: number) {
    this.queue = queue;
    this.kind = kind;
    // When the queue renumbers its tickets, the armed firings follow.
    queue.onRenumber = (newTicketOf) => {
      for (let i = 0; i < this.count; i++) if (this.armedTicket[i] !== IDLE) this.armedTicket[i] = newTicketOf(this.armedTicket[i]!);
    };
  }

  /** The queue's clock. */
  get now(): Micros {
    return this.queue.now;
  }

  /** Adds an idle timer that will run `kind` with `arg`; returns its index. */
  add(kind: number, arg: number): number {
    if (this.count === this.kinds.length) this.grow();
    const index = this.count++;
    this.kinds[index] = kind;
    this.args[index] = arg;
    return index;
  }

  kindOf(index: number): number {
    return this.kinds[index]!;
  }

  argOf(index: number): number {
    return this.args[index]!;
  }

  isArmed(index: number): boolean {
    return this.armedTicket[index] !== IDLE;
  }

  dueOf(index: number): Micros {
    return this.isArmed(index) ? this.due[index]! : Infinity;
  }

  arm(index: number, time: Micros): void {
    this.supersede(index);
    this.armedTicket[index] = this.queue.push(time, this.kind, index);
    this.due[index] = time;
  }

  disarm(index: number): void {
    this.supersede(index);
  }

  /** Called when a firing of timer `index` pops: true (and the timer goes idle) if it is the armed one. */
  takeFiring(index: number, ticket: number): boolean {
    if (this.armedTicket[index] !== ticket) {
      this.stale--;
      return false;
    }
    this.armedTicket[index] = IDLE;
    return true;
  }

  /** Removes superseded firings from the front of the queue, so that its next time is a live event's. */
  dropStaleFront(): void {
    if (this.stale > 0) this.stale -= this.queue.dropFrontWhile(this.isStale);
  }

  /** True for a superseded firing: a dispatcher event whose timer is armed with another ticket, or idle. */
  private readonly isStale = (kind: number, arg: number, ticket: number): boolean =>
    kind === this.kind && this.armedTicket[arg] !== ticket;

  /** Turns the pending firing, if any, into a tombstone; sweeps the queue when tombstones pile up. */
  private supersede(index: number): void {
    if (this.armedTicket[index] === IDLE) return;
    this.armedTicket[index] = IDLE;
    this.stale++;
    if (this.stale > MIN_STALE_TO_SWEEP && this.stale > this.queue.size - this.stale) {
      this.stale -= this.queue.sweep(this.isStale);
    }
  }

  private grow(): void {
    const n = this.kinds.length * 2;
    this.armedTicket = grownFloat64(this.armedTicket, n, IDLE);
    this.due = grownFloat64(this.due, n);
    this.kinds = grownInt32(this.kinds, n);
    this.args = grownFloat64(this.args, n);
  }
}
