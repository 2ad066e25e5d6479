/**
 * The preemption evaluator (pkg/scheduler/framework/preemption/preemption.go,
 * v1.34.1): eligibility, the dry runs that find candidate nodes, the choice of
 * one, and the evictions. The plugin-specific parts (victim selection, the
 * number of candidates, eligibility) come from a {@link PreemptionInterface}.
 */
import type { PodDisruptionBudget } from '../../../api/types.js';
import { goQuote } from '../../../api/validation/field.js';
import type { CycleState } from '../../framework/CycleState.js';
import type { Handle, NodeStatusReader } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/NodeInfo.js';
import { NodeToStatus } from '../../framework/NodeToStatus.js';
import type { PodInfo } from '../../framework/PodInfo.js';
import { Code, errorStatus, Status, type Result } from '../../framework/Status.js';
import { fitErrorMessage } from '../../schedulePod.js';
import { noVictims, type Candidate, type PreemptionInterface, type Victims } from './Candidate.js';
import { pickOneNodeForPreemption } from './pickOneNodeForPreemption.js';

/** selectVictimsOnNode's "no victims" answer, shared: a failed attempt may record it on every node. */
const NO_VICTIMS = noVictims();

/** The absent-nodes status of upstream's NewDefaultNodeToStatus. */
const DEFAULT_ABSENT = new Status(Code.UnschedulableAndUnresolvable);

/** What Preempt returns: the node to nominate ('' clears the pod's nomination, null keeps it) and a status. */
export interface PreemptResult {
  nominatedNodeName: string | null;
  status: Result;
}

/** The outcome of the dry runs: the candidates (non-violating first), the nodes' statuses, and the errors met. */
export interface DryRunResult {
  candidates: Candidate[];
  nodeStatuses: NodeToStatus;
  /** The aggregated message of the Error statuses met, or null. */
  error: string | null;
}

/** Evaluates and carries out preemption for one plugin (preemption.Evaluator). */
export class Evaluator {
  constructor(
    readonly pluginName: string,
    readonly handle: Handle,
    readonly plugin: PreemptionInterface,
    /** SchedulerAsyncPreemption: prepare the candidate as prepareCandidateAsync does (beta, on in 1.34). */
    readonly asyncPreemption: boolean,
  ) {}

  /**
   * Preempt: null/Unschedulable when the pod is not eligible, ''/Unschedulable
   * with upstream's FitError message when no node would help, the chosen
   * node/Success after evicting its victims; an Error status (and null) on errors.
   */
  preempt(state: CycleState, pod: PodInfo, m: NodeStatusReader): PreemptResult {
    // 1) Ensure the preemptor is eligible to preempt other pods.
    const nominated = pod.pod.status?.nominatedNodeName ?? '';
    const nominatedNodeStatus = nominated === '' ? null : (m.get(nominated) ?? DEFAULT_ABSENT);
    const { eligible, message } = this.plugin.podEligibleToPreemptOthers(pod, nominatedNodeStatus);
    if (!eligible) return { nominatedNodeName: null, status: new Status(Code.Unschedulable, [message]) };

    // 2) Find all preemption candidates.
    const allNodes = this.handle.snapshot.nodeInfoList();
    const found = this.findCandidates(state, allNodes, pod, m);
    if (found.error !== null && found.candidates.length === 0) return { nominatedNodeName: null, status: errorStatus(found.error) };

    // Return a FitError only when there are no candidates that fit the pod.
    if (found.candidates.length === 0) {
      const nodeToStatus = found.nodeStatuses;
      nodeToStatus.setAbsentNodesStatus(new Status(Code.UnschedulableAndUnresolvable, ['Preemption is not helpful for scheduling']));
      const msg = fitErrorMessage(allNodes.length, { nodeToStatus, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' });
      return { nominatedNodeName: '', status: new Status(Code.Unschedulable, [msg]) };
    }

    // 3) Extenders: kubesim has none.

    // 4) Find the best candidate.
    const best = this.selectCandidate(found.candidates);
    if (best === null || best.name === '') {
      return { nominatedNodeName: null, status: new Status(Code.Unschedulable, ['no candidate node for preemption']) };
    }

    // 5) Perform preparation work before nominating the selected candidate.
    if (this.asyncPreemption) this.prepareCandidateAsync(best, pod);
    else {
      const s = this.prepareCandidate(best, pod);
      if (s !== null) return { nominatedNodeName: null, status: s };
    }
    return { nominatedNodeName: best.name, status: null };
  }

  /**
   * findCandidates: the potential nodes are those whose Filter status is
   * Unschedulable (UnschedulableAndUnresolvable means evicting pods cannot
   * help), in the snapshot's node order. Upstream lists the explicit statuses
   * from a Go map (random order) unless the absent-nodes status matches, in
   * which case it takes the node lister's order; kubesim always takes the
   * snapshot order, then starts the dry runs at a random offset as upstream does.
   */
  findCandidates(state: CycleState, allNodes: readonly NodeInfo[], pod: PodInfo, m: NodeStatusReader): DryRunResult {
    if (allNodes.length === 0) return { candidates: [], nodeStatuses: new NodeToStatus(), error: 'no nodes available' };
    let potentialNodes = m.nodesWithCode?.(Code.Unschedulable, allNodes) ?? null;
    if (potentialNodes === null) {
      potentialNodes = [];
      for (const n of allNodes) if (m.codeOfNode(n) === Code.Unschedulable) potentialNodes.push(n);
    }
    if (potentialNodes.length === 0) return { candidates: [], nodeStatuses: new NodeToStatus(), error: null };
    const pdbs = this.handle.snapshot.objects.list('PodDisruptionBudget');
    const { offset, numCandidates } = this.plugin.getOffsetAndNumCandidates(potentialNodes.length);
    return this.dryRunPreemption(state, pod, potentialNodes, pdbs, offset, numCandidates);
  }

  /**
   * DryRunPreemption: selects victims on copies of the potential nodes (and
   * of the cycle state), starting at `offset` and wrapping around, until at
   * least one non-violating candidate exists and there are `candidatesNum` in
   * all. Upstream runs the nodes in parallel and cancels the rest; kubesim runs
   * them one after the other (upstream with parallelism 1). Each group keeps at
   * most `candidatesNum` candidates, as upstream's fixed-size candidate lists.
   * Each potential node is met once, so its status is added without a lookup.
   */
  dryRunPreemption(
    state: CycleState,
    pod: PodInfo,
    potentialNodes: readonly NodeInfo[],
    pdbs: readonly PodDisruptionBudget[],
    offset: number,
    candidatesNum: number,
  ): DryRunResult {
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    const nodeStatuses = new NodeToStatus();
    const errors: string[] = [];
    const n = potentialNodes.length;
    if (this.plugin.anyPotentialVictims?.(pod) === false) {
      // No pod anywhere has a lower priority: every dry run would answer "no victims".
      nodeStatuses.addAll(potentialNodes, offset, NO_VICTIMS);
      return { candidates: [], nodeStatuses, error: null };
    }
    for (let i = 0; i < n; i++) {
      const node = potentialNodes[(offset + i) % n]!;
      if (this.plugin.hasPotentialVictims?.(node, pod) === false) {
        // The same answer selectVictimsOnNode gives, without the copies.
        nodeStatuses.add(node, NO_VICTIMS);
        continue;
      }
      const nodeInfoCopy = node.clone();
      const stateCopy = state.clone();
      const r = this.plugin.selectVictimsOnNode(stateCopy, pod, nodeInfoCopy, pdbs);
      let status = r.status;
      if (status === null && r.victims.length !== 0) {
        const c: Candidate = { name: nodeInfoCopy.name, victims: { pods: r.victims, numPDBViolations: r.numViolatingVictim } };
        const list = r.numViolatingVictim === 0 ? nonViolating : violating;
        if (list.length < candidatesNum) list.push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= candidatesNum) break;
        continue;
      }
      if (status === null) status = errorStatus(`expected at least one victim pod on node ${goQuote(nodeInfoCopy.name)}`);
      if (status.code === Code.Error) errors.push(status.message());
      nodeStatuses.add(node, status);
    }
    return { candidates: [...nonViolating, ...violating], nodeStatuses, error: aggregate(errors) };
  }

  /** SelectCandidate: the only candidate, or the one pickOneNodeForPreemption chooses. */
  selectCandidate(candidates: readonly Candidate[]): Candidate | null {
    if (candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0]!;
    const victimsMap = this.plugin.candidatesToVictimsMap(candidates);
    const scoreFuncs = this.plugin.orderedScoreFuncs(victimsMap);
    const node = pickOneNodeForPreemption(victimsMap, scoreFuncs);
    const victims = victimsMap.get(node);
    if (victims !== undefined) return { name: node, victims };
    return candidates[0]!;
  }

  /**
   * prepareCandidate (synchronous preemption): evicts the victims not
   * already being deleted, then clears the nomination of lower-priority pods
   * nominated to the node (they may no longer fit there).
   */
  prepareCandidate(c: Candidate, pod: PodInfo): Result {
    for (const victim of c.victims.pods) {
      if (isBeingDeleted(victim)) continue;
      this.handle.evictPod(victim, pod);
    }
    const lower = this.lowerPriorityNominatedPods(pod, c.name);
    if (lower.length > 0) this.handle.clearNominatedNodeName(lower);
    return null;
  }

  /**
   * prepareCandidateAsync: when no victim needs deleting, nothing is done;
   * otherwise the lower-priority nominations to the node are cleared first,
   * then the victims are evicted (upstream in a goroutine; the scheduler's
   * evictPod models the API calls' timing).
   */
  prepareCandidateAsync(c: Candidate, pod: PodInfo): void {
    const victims = c.victims.pods.filter((v) => !isBeingDeleted(v));
    if (victims.length === 0) return;
    const lower = this.lowerPriorityNominatedPods(pod, c.name);
    if (lower.length > 0) this.handle.clearNominatedNodeName(lower);
    for (const victim of victims) this.handle.evictPod(victim, pod);
  }

  /** getLowerPriorityNominatedPods: pods nominated to `nodeName` with a lower priority than `pod`. */
  lowerPriorityNominatedPods(pod: PodInfo, nodeName: string): PodInfo[] {
    return this.handle.nominator.nominatedPodsForNode(nodeName).filter((p) => p.priority < pod.priority);
  }
}

/** True when graceful deletion of the pod has started (metadata.deletionTimestamp set). */
function isBeingDeleted(p: PodInfo): boolean {
  const ts = p.pod.metadata.deletionTimestamp;
  return ts !== undefined && ts !== null;
}

/** utilerrors.NewAggregate(errs).Error(): one message as is; several, de-duplicated, in brackets. */
function aggregate(messages: readonly string[]): string | null {
  if (messages.length === 0) return null;
  if (messages.length === 1) return messages[0]!;
  const seen = [...new Set(messages)];
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}

/** The victims of each candidate, keyed by node name (DefaultPreemption.CandidatesToVictimsMap). */
export function candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims> {
  const m = new Map<string, Victims>();
  for (const c of candidates) m.set(c.name, c.victims);
  return m;
}
