/**
 * A preemption candidate and the plugin interface the evaluator drives
 * (framework/preemption: Candidate, extenderv1.Victims, preemption.Interface).
 */
import type { PodDisruptionBudget } from '../../../api/types.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import { Code, Status, type Result } from '../../framework/Status.js';

/** The pods to evict on one node and how many of them a PDB protects (extenderv1.Victims). */
export interface Victims {
  /** In order of importance, most important first. */
  readonly pods: readonly PodInfo[];
  readonly numPDBViolations: number;
}

/** A node the preemptor could be nominated to, with the victims to evict there. */
export interface Candidate {
  readonly name: string;
  readonly victims: Victims;
}

/** What SelectVictimsOnNode returns: the victims, how many violate a PDB, and Success (null) or why not. */
export interface SelectVictimsResult {
  victims: PodInfo[];
  numViolatingVictim: number;
  status: Result;
}

/** A scoring function over candidate nodes: the higher, the better (int64 in upstream, exact here). */
export type CandidateScoreFunc = (nodeName: string) => bigint;

/**
 * What a preemption plugin provides to the {@link Evaluator}
 * (preemption.Interface); DefaultPreemption implements it.
 */
export interface PreemptionInterface {
  /** A random offset into the potential nodes and how many candidates to shortlist. */
  getOffsetAndNumCandidates(numNodes: number): { offset: number; numCandidates: number };
  /** Victims per candidate node. */
  candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims>;
  /** Whether the pod may preempt at all, and why not. */
  podEligibleToPreemptOthers(pod: PodInfo, nominatedNodeStatus: Status | null): { eligible: boolean; message: string };
  /**
   * Whether any pod on the node may be preempted by `pod` (optional): when it
   * says no, the dry run records selectVictimsOnNode's own "no victims"
   * answer without copying the node and the cycle state for nothing.
   */
  hasPotentialVictims?(nodeInfo: NodeInfo, pod: PodInfo): boolean;
  /**
   * False when {@link hasPotentialVictims} would say no on every node
   * (optional): the dry runs then record "no victims" on every potential
   * node without visiting them.
   */
  anyPotentialVictims?(pod: PodInfo): boolean;
  /** The fewest pods to evict from `nodeInfo` for the pod to fit; `state` and `nodeInfo` are copies it may change. */
  selectVictimsOnNode(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): SelectVictimsResult;
  /** Ordered score functions to pick among candidates, or null for the default criteria. */
  orderedScoreFuncs(nodesToVictims: ReadonlyMap<string, Victims>): CandidateScoreFunc[] | null;
}

/** selectVictimsOnNode's answer for a node without a pod the preemptor may evict. */
export function noVictims(): Status {
  return new Status(Code.UnschedulableAndUnresolvable, ['No preemption victims found for incoming pod']);
}
