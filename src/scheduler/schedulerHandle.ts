import type { CycleState } from './framework/CycleState.js';
import type { Framework } from './framework/Framework.js';
import type { Handle } from './framework/interfaces.js';
import type { PodInfo } from './framework/PodInfo.js';
import type { CycleContext } from './cycle/CycleContext.js';
import { runFilterWithNominatedPods } from './cycle/findNodesThatFitPod.js';
import type { SchedulerCache } from './cache/Cache.js';
import type { FeatureGates } from './featureGates.js';
import type { RandomStream } from '../engine/RandomStreams.js';
import type { PodNominator } from './queue/nominator.js';
import type { SchedulerHost } from './SchedulerHost.js';

/** What a profile's handle reaches into: the scheduler's parts. */
export interface HandleParts {
  cache: SchedulerCache;
  featureGates: FeatureGates;
  random: RandomStream;
  nominator: () => PodNominator;
  host: SchedulerHost;
  /** A cycle context for the profile's framework (for runFilterPluginsWithNominatedPods). */
  context: (framework: Framework, state: CycleState, pod: PodInfo) => CycleContext;
}

/**
 * A profile's framework.Handle over the scheduler's parts: the cache as the
 * snapshot, the nominator, the framework-backed runs (for preemption), and the
 * host's eviction. `framework` is resolved late, as the profile is built after
 * its plugins (which receive the handle) are.
 */
export function schedulerHandle(parts: HandleParts, framework: () => Framework): Handle {
  return {
    snapshot: parts.cache,
    featureGates: parts.featureGates,
    random: parts.random,
    get nominator() {
      return parts.nominator();
    },
    runFilterPluginsWithNominatedPods(state, pod, node) {
      return runFilterWithNominatedPods(parts.context(framework(), state, pod), node);
    },
    runPreFilterExtensionAddPod(state, pod, toAdd, node) {
      return framework().runPreFilterExtensionAddPod(state, pod, toAdd, node);
    },
    runPreFilterExtensionRemovePod(state, pod, toRemove, node) {
      return framework().runPreFilterExtensionRemovePod(state, pod, toRemove, node);
    },
    evictPod(victim, preemptor) {
      parts.host.evict(victim, preemptor);
    },
    clearNominatedNodeName(pods) {
      for (const p of pods) {
        parts.nominator().deleteNominatedPodIfExists(p);
        parts.host.clearNomination(p);
      }
    },
  };
}
