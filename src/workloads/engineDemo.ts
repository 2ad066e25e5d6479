import { quantileSorted } from 'd3-array';
import { MICROS_PER_HOUR, MICROS_PER_SECOND, Simulation, type Micros } from '../engine/index.js';

/** Parameters of {@link runEngineDemo}. */
export interface EngineDemoOptions {
  seed: number;
  /** Nodes in the toy cluster. */
  nodes: number;
  /** Pods one node runs at once. */
  podsPerNode: number;
  /** Mean pod arrivals per second (a Poisson process). */
  arrivalsPerSecond: number;
  /** Mean pod run time in seconds (exponential). */
  meanRunSeconds: number;
  /** Simulated time to run. */
  duration: Micros;
}

/** What {@link runEngineDemo} observed. Deterministic for given options. */
export interface EngineDemoResult {
  podsArrived: number;
  podsStarted: number;
  podsCompleted: number;
  podsPendingAtEnd: number;
  pendingSecondsP50: number;
  pendingSecondsP99: number;
  /** Time-weighted share of pod slots in use, in percent. */
  slotUtilisationPct: number;
  events: number;
}

/** Default demo: 1,000 nodes, 6 simulated hours, offered load 97.5 % of capacity. */
export const ENGINE_DEMO_DEFAULTS: EngineDemoOptions = {
  seed: 1,
  nodes: 1000,
  podsPerNode: 8,
  arrivalsPerSecond: 13,
  meanRunSeconds: 600,
  duration: 6 * MICROS_PER_HOUR,
};

/**
 * A toy cluster on the engine, until the real scheduler and controllers land:
 * pods arrive as a Poisson process, wait in FIFO order for a free pod slot on
 * any node, run for an exponential time and leave. It exercises the clock, the
 * queue, named random streams and a periodic timer.
 */
export function runEngineDemo(options: EngineDemoOptions = ENGINE_DEMO_DEFAULTS): EngineDemoResult {
  const sim = new Simulation({ seed: options.seed });
  const arrivalGaps = sim.random.stream('arrivals');
  const runTimes = sim.random.stream('run-times');
  const slots = options.nodes * options.podsPerNode;
  const meanGap = MICROS_PER_SECOND / options.arrivalsPerSecond;
  const meanRun = options.meanRunSeconds * MICROS_PER_SECOND;

  let arrivedAt = new Float64Array(1024);
  let arrived = 0;
  let nextToStart = 0; // pods [nextToStart, arrived) wait, in arrival order
  let running = 0;
  let completed = 0;
  const pendingSeconds: number[] = [];
  let busySlotMicros = 0;
  let lastChange = 0;

  const account = (): void => {
    busySlotMicros += running * (sim.now - lastChange);
    lastChange = sim.now;
  };
  const startWaiting = (): void => {
    while (running < slots && nextToStart < arrived) {
      pendingSeconds.push((sim.now - arrivedAt[nextToStart]!) / MICROS_PER_SECOND);
      nextToStart++;
      running++;
      sim.schedule(Math.round(runTimes.exponential(meanRun)), finish);
    }
  };
  const arrive = sim.on('pod-arrival', () => {
    if (arrived === arrivedAt.length) {
      const grown = new Float64Array(arrivedAt.length * 2);
      grown.set(arrivedAt);
      arrivedAt = grown;
    }
    arrivedAt[arrived++] = sim.now;
    account();
    startWaiting();
    sim.schedule(Math.max(1, Math.round(arrivalGaps.exponential(meanGap))), arrive);
  });
  const finish = sim.on('pod-finish', () => {
    account();
    running--;
    completed++;
    startWaiting();
  });
  // A periodic no-op resync, re-armed each time, as controllers do.
  const resync = sim.timer(sim.on('resync', () => resync.arm(30 * MICROS_PER_SECOND)));
  resync.arm(30 * MICROS_PER_SECOND);

  sim.schedule(0, arrive);
  sim.run({ until: options.duration });
  account();

  pendingSeconds.sort((a, b) => a - b);
  return {
    podsArrived: arrived,
    podsStarted: nextToStart,
    podsCompleted: completed,
    podsPendingAtEnd: arrived - nextToStart,
    pendingSecondsP50: quantileSorted(pendingSeconds, 0.5) ?? 0,
    pendingSecondsP99: quantileSorted(pendingSeconds, 0.99) ?? 0,
    slotUtilisationPct: (100 * busySlotMicros) / (slots * options.duration),
    events: sim.eventsProcessed,
  };
}
