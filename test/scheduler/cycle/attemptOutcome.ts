import type { SchedulerCache } from '../../../src/scheduler/cache/Cache.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import type { Framework } from '../../../src/scheduler/framework/Framework.js';
import type { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { findNodesThatFitPod, fitErrorMessage, type CycleContext } from '../../../src/scheduler/schedulePod.js';
import { makeHandle } from '../fixtures.js';

/**
 * One findNodesThatFitPod of `pod` from scan position `start`, as plain data
 * to compare: the feasible nodes, every status (name, code, plugin, reasons),
 * the rejecting plugins, the FitError message and the next start.
 */
export function attemptOutcome(cache: SchedulerCache, fw: Framework, pod: PodInfo, start: number) {
  const ctx: CycleContext = { framework: fw, snapshot: cache, state: new CycleState(), pod, nominator: null, percentageOfNodesToScore: 100, nextStartNodeIndex: start, random: makeHandle(cache).random };
  const r = findNodesThatFitPod(ctx);
  return {
    feasible: r.feasible.map((n) => n.name),
    statuses: r.diagnosis.nodeToStatus.entries().map(([name, s]) => [name, s.code, s.plugin, s.reasons.join('|')]),
    plugins: [...r.diagnosis.unschedulablePlugins].sort(),
    message: r.feasible.length === 0 ? fitErrorMessage(cache.numNodes, r.diagnosis) : '',
    next: r.nextStartNodeIndex,
  };
}
