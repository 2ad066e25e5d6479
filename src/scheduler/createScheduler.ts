import type { Simulation } from '../engine/Simulation.js';
import { MICROS_PER_SECOND, type Micros } from '../engine/time.js';
import { buildProfiles, type LoadedConfiguration } from './config/load.js';
import type { TieBreakSpec } from './config/types.js';
import { FeatureGates } from './featureGates.js';
import { Scheduler } from './Scheduler.js';
import type { SchedulerHost } from './SchedulerHost.js';

/** Options of {@link createScheduler} beyond the configuration. */
export interface CreateSchedulerOptions {
  featureGates?: FeatureGates;
  /** Overrides every profile's tie-break (a command-line flag). */
  tieBreak?: TieBreakSpec;
  /** Simulated time one scheduling cycle takes (default 0). */
  cycleDuration?: Micros;
}

/**
 * A scheduler actor for a loaded KubeSchedulerConfiguration: its global
 * settings (percentageOfNodesToScore, backoff), one profile per entry, each
 * plugin built with a handle onto this scheduler.
 */
export function createScheduler(sim: Simulation, host: SchedulerHost, loaded: LoadedConfiguration, options: CreateSchedulerOptions = {}): Scheduler {
  const c = loaded.config;
  const settings = {
    percentageOfNodesToScore: c.percentageOfNodesToScore,
    podInitialBackoff: c.podInitialBackoffSeconds * MICROS_PER_SECOND,
    podMaxBackoff: c.podMaxBackoffSeconds * MICROS_PER_SECOND,
    featureGates: options.featureGates ?? new FeatureGates(),
    ...(options.cycleDuration === undefined ? {} : { cycleDuration: options.cycleDuration }),
  };
  const random = sim.random.stream('scheduler/tie-break-order');
  return new Scheduler(sim, host, settings, (handleFor) =>
    buildProfiles(loaded, (name) => handleFor(name), { random, ...(options.tieBreak === undefined ? {} : { tieBreak: options.tieBreak }) }),
  );
}
