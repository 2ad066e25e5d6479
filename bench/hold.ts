import { Simulation, MICROS_PER_SECOND, type RandomStream } from '../src/engine/index.js';

/**
 * The hold model, the classic benchmark of pending-event sets: `pending`
 * events wait; running one schedules one more at now + Exp(1 s). The queue
 * keeps its size, so every event is a pop and a push at that size.
 */
export class HoldModel {
  readonly sim: Simulation;
  private readonly delays: RandomStream;

  constructor(pending: number, seed: number | string = 1) {
    this.sim = new Simulation({ seed, initialCapacity: pending });
    this.delays = this.sim.random.stream('hold');
    const delays = this.delays;
    const sim = this.sim;
    const hold = sim.on('hold', () => {
      sim.schedule(Math.round(delays.exponential(MICROS_PER_SECOND)), hold);
    });
    for (let i = 0; i < pending; i++) sim.schedule(Math.round(delays.exponential(MICROS_PER_SECOND)), hold);
  }

  /** Runs `events` hold events. */
  step(events: number): void {
    this.sim.run({ maxEvents: events });
  }
}
