/**
 * The discrete-event engine: a virtual clock in integer microseconds, the
 * pending-event queue, handlers, timers and named random streams. It knows
 * nothing of Kubernetes.
 */
export { EventQueue, KIND_SPACE, MAX_EVENT_ARG } from './EventQueue.js';
export { RandomStream, RandomStreams } from './RandomStreams.js';
export {
  Simulation,
  type EventHandler,
  type EventKind,
  type RunOptions,
  type RunResult,
  type SimulationOptions,
  type StopReason,
  Timer,
} from './Simulation.js';

export * from './time.js';
