import type { RandomStream } from '../engine/RandomStreams.js';
import type { SchedulerCache } from './cache/Cache.js';
import { CycleState } from './framework/CycleState.js';
import type { Framework } from './framework/Framework.js';
import type { Nominator } from './framework/interfaces.js';
import type { PodInfo } from './framework/PodInfo.js';
import { CODE_NAMES, Code } from './framework/Status.js';
import { numFeasibleNodesToFind } from './numFeasibleNodesToFind.js';
import { findNodesThatFitPod, prioritizeNodes, selectHost, type CycleContext } from './schedulePod.js';

/** One node's Filter verdict in an explanation. */
export interface ExplainedFilter {
  code: 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';
  /** The rejecting plugin; '' for Success. */
  plugin: string;
  /** kube-scheduler's own reason strings. */
  reasons: string[];
}

/**
 * What the scheduler would do with a pod (`kubesim explain -o json`). Stable:
 * keys in this order; nodes in the scheduler's scan order.
 */
export interface Explanation {
  pod: string;
  profile: string;
  numAllNodes: number;
  numFeasibleNodesToFind: number;
  filter: Record<string, ExplainedFilter>;
  /** PreScore plugins and whether they ran or skipped. */
  preScore: Record<string, 'Success' | 'Skip'>;
  /** Per Score plugin that ran: node → score after NormalizeScore, before weight. */
  scores: Record<string, Record<string, number>>;
  /** Node → weighted sum. */
  totals: Record<string, number>;
  selectedNode: string | null;
  /** Set when a plugin failed with an error (not a rejection). */
  error?: string;
}

/** Inputs of {@link explain}. */
export interface ExplainInput {
  cache: SchedulerCache;
  framework: Framework;
  pod: PodInfo;
  nominator: Nominator | null;
  percentageOfNodesToScore: number;
  random: RandomStream;
}

/**
 * Runs one scheduling cycle for `pod` exhaustively: every node is filtered
 * (not only numFeasibleNodesToFind of them) and every feasible node is scored,
 * even a single one. Nothing is assumed or bound.
 */
export function explain(input: ExplainInput): Explanation {
  const { cache, framework, pod } = input;
  const allNodes = cache.nodeInfoList();
  const state = new CycleState();
  const ctx: CycleContext = {
    framework,
    snapshot: cache,
    state,
    pod,
    nominator: input.nominator,
    percentageOfNodesToScore: input.percentageOfNodesToScore,
    nextStartNodeIndex: 0,
    random: input.random,
    exhaustive: true,
  };
  const out: Explanation = {
    pod: pod.key,
    profile: framework.profile.schedulerName,
    numAllNodes: allNodes.length,
    numFeasibleNodesToFind: numFeasibleNodesToFind(input.percentageOfNodesToScore, framework.profile.percentageOfNodesToScore, allNodes.length),
    filter: {},
    preScore: {},
    scores: {},
    totals: {},
    selectedNode: null,
  };
  const fit = findNodesThatFitPod(ctx);
  const feasible = new Set(fit.feasible.map((n) => n.name));
  for (const n of allNodes) {
    if (feasible.has(n.name)) {
      out.filter[n.name] = { code: 'Success', plugin: '', reasons: [] };
      continue;
    }
    const s = fit.diagnosis.nodeToStatus.get(n.name);
    if (s === null) {
      out.filter[n.name] = { code: 'Error', plugin: '', reasons: ['not evaluated'] };
      continue;
    }
    out.filter[n.name] = { code: CODE_NAMES[s.code] as ExplainedFilter['code'], plugin: s.plugin, reasons: [...s.reasons] };
  }
  if (fit.error !== null) {
    out.error = fit.error.message();
    return out;
  }
  if (fit.feasible.length === 0) return out;

  const scored = prioritizeNodes(ctx, fit.feasible);
  for (const p of framework.plugins.preScore) out.preScore[p.name] = state.skipScorePlugins.has(p.name) ? 'Skip' : 'Success';
  if (scored.error !== null) {
    out.error = scored.error.message();
    return out;
  }
  for (const p of scored.plugins) {
    const byNode: Record<string, number> = {};
    fit.feasible.forEach((n, i) => (byNode[n.name] = p.scores[i]!));
    out.scores[p.plugin] = byNode;
  }
  fit.feasible.forEach((n, i) => (out.totals[n.name] = scored.totals[i]!));
  const best = selectHost(ctx, fit.feasible, scored.totals);
  out.selectedNode = best < 0 ? null : fit.feasible[best]!.name;
  return out;
}

/** True for a code that means the node was rejected (for table output). */
export function isRejection(code: string): boolean {
  return code === CODE_NAMES[Code.Unschedulable] || code === CODE_NAMES[Code.UnschedulableAndUnresolvable];
}
