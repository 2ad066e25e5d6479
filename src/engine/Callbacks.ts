import type { Simulation, Timer } from './Simulation.js';
import type { Micros } from './time.js';

/**
 * Closures on the virtual clock, for actors whose events are few compared
 * with the engine's hot path (controllers, kubelets, the API server): a
 * callback waits in a slot of a side table and the event carries the slot's
 * index, so the queue itself still holds only numbers. Freed slots are reused.
 *
 * One-shot callbacks (`after`, `at`) cannot be cancelled: an actor that may
 * change its mind checks a generation number when the callback runs, or uses
 * a re-armable {@link timer} for a long-lived entity (a node's heartbeat).
 */
export class Callbacks {
  private readonly sim: Simulation;
  private readonly kind: number;
  private readonly timerKind: number;
  private slots: ((() => void) | null)[] = [];
  private readonly free: number[] = [];
  private readonly timerFns: (() => void)[] = [];

  /** Registers the two handler kinds, so it must be made before the simulation runs. */
  constructor(sim: Simulation, name = 'callback') {
    this.sim = sim;
    this.kind = sim.on(name, (slot) => {
      const fn = this.slots[slot]!;
      this.slots[slot] = null;
      this.free.push(slot);
      fn!();
    });
    this.timerKind = sim.on(`${name}-timer`, (index) => this.timerFns[index]!());
  }

  /** The current instant. */
  get now(): Micros {
    return this.sim.now;
  }

  /** Runs `fn` after `delay` microseconds (0: after everything already due now). */
  after(delay: Micros, fn: () => void): void {
    this.sim.schedule(delay, this.kind, this.slot(fn));
  }

  /** Runs `fn` at the instant `time` (not in the past). */
  at(time: Micros, fn: () => void): void {
    this.sim.scheduleAt(time, this.kind, this.slot(fn));
  }

  /** A re-armable timer that runs `fn` each time it fires; it lives as long as the simulation. */
  timer(fn: () => void): Timer {
    const index = this.timerFns.length;
    this.timerFns.push(fn);
    return this.sim.timer(this.timerKind, index);
  }

  private slot(fn: () => void): number {
    const reused = this.free.pop();
    if (reused !== undefined) {
      this.slots[reused] = fn;
      return reused;
    }
    this.slots.push(fn);
    return this.slots.length - 1;
  }
}
