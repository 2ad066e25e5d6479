import { EventQueue, KIND_SPACE } from './EventQueue.js';
import { RandomStreams } from './RandomStreams.js';
import { TimerTable } from './TimerTable.js';
import { isMicros, type Micros } from './time.js';

/**
 * Handles one event. `arg` is the integer given when the event was scheduled:
 * typically the index of the event's subject (a pod, a node) in the handler's
 * own side table, so that scheduling an event allocates nothing.
 */
export type EventHandler = (arg: number) => void;

/** A registered handler, returned by {@link Simulation.on}; an event names the handler it runs. */
export type EventKind = number;

/** Options of {@link Simulation}. */
export interface SimulationOptions {
  /** The run's seed; every random stream is forked from it. Default 1. */
  seed?: number | string;
  /** Expected number of events pending at once, to size the queue up front. */
  initialCapacity?: number;
  /** Queue tickets handed out before they are renumbered (default 2^30; tests make it small). */
  renumberAfter?: number;
}

/** When {@link Simulation.run} should stop. With no option it runs until no event is pending. */
export interface RunOptions {
  /** Run every event due at or before this instant, then move the clock to it. */
  until?: Micros;
  /** Checked after every event; the run stops as soon as it returns true. */
  stopWhen?: () => boolean;
  /** Stop after this many events. */
  maxEvents?: number;
}

/** Why {@link Simulation.run} returned. */
export type StopReason = 'empty' | 'until' | 'predicate' | 'maxEvents';

/** What a call of {@link Simulation.run} did. */
export interface RunResult {
  reason: StopReason;
  /** Events run by this call. */
  events: number;
  /** The clock when the call returned. */
  now: Micros;
}

/**
 * A discrete-event simulation: a virtual clock in integer microseconds, the
 * pending events, the handlers they run, cancellable timers, and the run's
 * random streams.
 *
 * Events at the same instant run in the order they were scheduled. Handlers are
 * registered once ({@link on}); an event is a handler kind and one integer, so
 * the hot path allocates nothing.
 *
 * ```ts
 * const sim = new Simulation({ seed: 42 });
 * const gaps = sim.random.stream('arrivals');
 * const arrive = sim.on('arrive', () => {
 *   sim.schedule(Math.round(gaps.exponential(seconds(1))), arrive);
 * });
 * sim.schedule(0, arrive);
 * sim.run({ until: seconds(60) });
 * ```
 */
export class Simulation {
  /** The run's named random streams. */
  readonly random: RandomStreams;

  private readonly queue: EventQueue;
  private readonly timers: TimerTable;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private kindCounts = new Float64Array(16);
  private processed = 0;
  private running = false;

  constructor(options: SimulationOptions = {}) {
    this.random = new RandomStreams(options.seed ?? 1);
    this.queue = new EventQueue(options.initialCapacity, options.renumberAfter);
    // Kind 0 is the timers' dispatcher; the run loop resolves it to the timer's own handler.
    this.timers = new TimerTable(
      this.queue,
      this.on('timer', () => {
        throw new Error('unreachable: timer firings are dispatched by the run loop');
      }),
    );
  }

  /** The current instant, in microseconds since the start of the run. */
  get now(): Micros {
    return this.queue.now;
  }

  /** Number of events pending (superseded timer firings excluded). */
  get pending(): number {
    return this.queue.size - this.timers.stale;
  }

  /** Number of events run by finished calls of {@link run} (superseded timer firings excluded). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Number of events scheduled so far, timer firings included. */
  get eventsScheduled(): number {
    return this.queue.pushed;
  }

  /** Events run so far, by handler name, in registration order; timer firings count under their handler. */
  eventsByKind(): Map<string, number> {
    const counts = new Map<string, number>();
    this.kindNames.forEach((name, kind) => {
      if (kind !== this.timers.kind) counts.set(name, (counts.get(name) ?? 0) + this.kindCounts[kind]!);
    });
    return counts;
  }

  /** Registers a handler and returns the kind that events name to run it. `name` is for counters and traces. */
  on(name: string, handler: EventHandler): EventKind {
    if (this.running) throw new Error('Simulation.on called during a run: register handlers before running');
    const kind = this.handlers.length;
    if (kind >= KIND_SPACE) throw new RangeError(`more than ${KIND_SPACE} event handlers`);
    this.handlers.push(handler);
    this.kindNames.push(name);
    if (kind >= this.kindCounts.length) {
      const counts = new Float64Array(this.kindCounts.length * 2);
      counts.set(this.kindCounts);
      this.kindCounts = counts;
    }
    return kind;
  }

  /** The name a handler kind was registered with. */
  kindName(kind: EventKind): string {
    const name = this.kindNames[kind];
    if (name === undefined) throw new RangeError(`unknown event kind ${kind}`);
    return name;
  }

  /**
   * Schedules `kind` to run with `arg` after `delay` microseconds; with delay 0
   * it runs after everything already due now. Such an event cannot be
   * cancelled: use a {@link timer} for what may be superseded.
   */
  schedule(delay: Micros, kind: EventKind, arg = 0): void {
    // A negative or fractional delay makes a time push rejects.
    this.checkKind(kind);
    this.queue.push(this.queue.now + delay, kind, arg);
  }

  /** Schedules `kind` to run with `arg` at the instant `time`, which must not be in the past. */
  scheduleAt(time: Micros, kind: EventKind, arg = 0): void {
    this.checkKind(kind);
    this.queue.push(time, kind, arg);
  }

  /**
   * A cancellable, re-armable timer that runs `kind` with `arg` when it fires.
   * Arming it again, or disarming it, supersedes the pending firing, which then
   * never runs: a pod's backoff, a node's heartbeat, a lease's expiry.
   */
  timer(kind: EventKind, arg = 0): Timer {
    this.checkKind(kind);
    return new Timer(this.timers, this.timers.add(kind, arg));
  }

  /** The time of the next pending event, or `Infinity`. */
  nextEventTime(): Micros {
    this.timers.dropStaleFront();
    return this.queue.peekTime();
  }

  /**
   * Runs events in (time, sequence) order until none is pending, the `until`
   * instant is passed, `stopWhen` holds or `maxEvents` have run — whichever
   * comes first. A handler that throws stops the run; the queue stays
   * consistent and the error propagates.
   */
  run(options: RunOptions = {}): RunResult {
    if (this.running) throw new Error('Simulation.run called from inside an event handler');
    // Handlers are registered before the run: the loop keeps the counters' array.
    const until = options.until ?? Infinity;
    if (until !== Infinity && !isMicros(until)) throw new RangeError(`invalid run limit ${until} µs`);
    if (until < this.queue.now) throw new RangeError(`run limit ${until} µs is before now (${this.queue.now} µs)`);
    const maxEvents = options.maxEvents ?? Infinity;
    const stopWhen = options.stopWhen;
    const queue = this.queue;
    const handlers = this.handlers;
    const timers = this.timers;
    const timerKind = timers.kind;
    const kindCounts = this.kindCounts;
    let events = 0;
    let reason: StopReason;
    this.running = true;
    try {
      for (;;) {
        if (events >= maxEvents) {
          reason = 'maxEvents';
          break;
        }
        if (!queue.beginPop(until)) {
          reason = this.pending === 0 ? 'empty' : 'until';
          break;
        }
        let kind = queue.poppedKind;
        let arg = queue.poppedArg;
        if (kind === timerKind) {
          if (!timers.takeFiring(arg, queue.poppedTicket)) {
            queue.endPop(); // a superseded firing: not an event of the model
            continue;
          }
          kind = timers.kindOf(arg);
          arg = timers.argOf(arg);
        }
        events++;
        kindCounts[kind]!++;
        handlers[kind]!(arg);
        queue.endPop();
        if (stopWhen !== undefined && stopWhen()) {
          reason = 'predicate';
          break;
        }
      }
    } finally {
      queue.endPop();
      this.processed += events;
      this.running = false;
    }
    if (until !== Infinity && (reason === 'empty' || reason === 'until')) queue.advanceTo(until);
    return { reason, events, now: queue.now };
  }

  private checkKind(kind: EventKind): void {
    if (kind >>> 0 !== kind || kind >= this.handlers.length) {
      throw new RangeError(`unknown event kind ${kind}`);
    }
  }
}

/**
 * A re-armable one-shot timer, made by {@link Simulation.timer}. At most one
 * firing is pending; arming again supersedes it.
 */
export class Timer {
  private readonly table: TimerTable;
  private readonly index: number;

  /** @internal */
  constructor(table: TimerTable, index: number) {
    this.table = table;
    this.index = index;
  }

  /** True while a firing is pending. */
  get armed(): boolean {
    return this.table.isArmed(this.index);
  }

  /** When the pending firing is due, or `Infinity` when the timer is not armed. */
  get due(): Micros {
    return this.table.dueOf(this.index);
  }

  /** Fires after `delay` microseconds, superseding any pending firing. */
  arm(delay: Micros): void {
    if (!(delay >= 0)) throw new RangeError(`negative or invalid delay ${delay} µs`);
    this.table.arm(this.index, this.table.now + delay);
  }

  /** Fires at the instant `time`, superseding any pending firing. */
  armAt(time: Micros): void {
    this.table.arm(this.index, time);
  }

  /** Cancels the pending firing, if any. */
  disarm(): void {
    this.table.disarm(this.index);
  }
}
