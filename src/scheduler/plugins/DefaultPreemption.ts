/**
 * DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption,
 * v1.34.1): the PostFilter plugin that, when no node fits a pod, looks for a
 * node where evicting lower-priority pods would make room, evicts them and
 * nominates the pod to that node. The generic machinery (dry runs, choosing
 * the node, evictions) is the {@link Evaluator} in ./preemption/; this file
 * holds the plugin's own policy: eligibility, how many candidates to look
 * for, and which pods to evict on a node.
 */
import type { PodDisruptionBudget } from '../../api/types.js';
import type { RandomStream } from '../../engine/RandomStreams.js';
import { errorBody, invalid, typeInvalid, type FieldError } from '../../api/validation/field.js';
import { FEATURE_GATE_DEFAULTS, type FeatureGateName, type FeatureGates } from '../featureGates.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint } from '../framework/events.js';
import type { EnqueueExtensions, Handle, NodeStatusReader, PostFilterPlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, Status, type Result } from '../framework/Status.js';
import type { ArgsError, PluginModule } from './PluginModule.js';
import { noVictims, type Candidate, type CandidateScoreFunc, type PreemptionInterface, type SelectVictimsResult, type Victims } from './preemption/Candidate.js';
import { candidatesToVictimsMap, Evaluator } from './preemption/Evaluator.js';
import { goSortSlice } from './preemption/goSort.js';
import { filterPodsWithPDBViolation } from './preemption/pdbViolation.js';
import { moreImportantPod } from './preemption/podOrder.js';

/** The plugin's name in profiles. */
export const NAME = 'DefaultPreemption';

/** DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1), defaulted. */
export interface DefaultPreemptionArgs {
  /** Candidates to shortlist, as a percentage of the potential nodes (0..100; default 10). */
  minCandidateNodesPercentage: number;
  /** The least number of candidates to shortlist (≥ 0; default 100). */
  minCandidateNodesAbsolute: number;
}

/** Whether a victim may be preempted by the preemptor, beyond having a lower priority (IsEligiblePodFunc). */
export type IsEligiblePodFunc = (nodeInfo: NodeInfo, victim: PodInfo, preemptor: PodInfo) => boolean;
/** True when the first pod is more important than the second (MoreImportantPodFunc). */
export type MoreImportantPodFunc = (a: PodInfo, b: PodInfo) => boolean;

/** The gate of async preemption (beta, on by default in 1.34); absent from older gate lists means on. */
const ASYNC_PREEMPTION_GATE = 'SchedulerAsyncPreemption';

function asyncPreemptionEnabled(gates: FeatureGates): boolean {
  if (!Object.hasOwn(FEATURE_GATE_DEFAULTS, ASYNC_PREEMPTION_GATE)) return true;
  return gates.enabled(ASYNC_PREEMPTION_GATE as FeatureGateName);
}

/**
 * The DefaultPreemption plugin. `isEligiblePod` and `moreImportantPod` may be
 * replaced, as upstream's exported fields, to customise victim selection.
 */
export class DefaultPreemptionPlugin implements PostFilterPlugin, EnqueueExtensions, PreemptionInterface {
  readonly name = NAME;
  readonly args: DefaultPreemptionArgs;
  readonly evaluator: Evaluator;
  /** Default: every lower-priority pod may be preempted. */
  isEligiblePod: IsEligiblePodFunc = () => true;
  /** Default: higher priority first, then the earlier start time. */
  moreImportantPod: MoreImportantPodFunc = moreImportantPod;
  private readonly handle: Handle;
  private readonly asyncPreemption: boolean;
  /**
   * The offset's own stream, forked from the scheduler's (upstream's dedicated
   * getOffsetRand source): preemptions do not shift the tie-break draws.
   */
  private readonly offsetRandom: RandomStream;

  /**
   * @param options.asyncPreemption overrides the SchedulerAsyncPreemption gate
   *   (upstream's feature.Features.EnableAsyncPreemption)
   */
  constructor(args: DefaultPreemptionArgs, handle: Handle, options: { asyncPreemption?: boolean } = {}) {
    this.args = args;
    this.handle = handle;
    this.asyncPreemption = options.asyncPreemption ?? asyncPreemptionEnabled(handle.featureGates);
    this.offsetRandom = handle.random.fork(NAME);
    this.evaluator = new Evaluator(NAME, handle, this, this.asyncPreemption);
  }

  /** PostFilter: runs the evaluator; a non-empty message gets upstream's `preemption: ` prefix. */
  postFilter(state: CycleState, pod: PodInfo, statuses: NodeStatusReader): { nominatedNodeName?: string; status: Result } {
    const { nominatedNodeName, status } = this.evaluator.preempt(state, pod, statuses);
    const msg = status === null ? '' : status.message();
    const out = msg.length > 0 ? new Status(status!.code, [`preemption: ${msg}`]) : status;
    return nominatedNodeName === null ? { status: out } : { nominatedNodeName, status: out };
  }

  /**
   * With async preemption, upstream registers Pod/Delete with a hint that
   * always skips: the pod waits on the plugins that rejected it, not on this one.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    if (!this.asyncPreemption) return [];
    return [{ event: { resource: 'Pod', actionType: ActionType.Delete, label: 'PodDelete' }, hint: () => 'QueueSkip' }];
  }

  /** calculateNumCandidates: clamp(n·percentage/100, minCandidateNodesAbsolute, n), in int32 arithmetic. */
  calculateNumCandidates(numNodes: number): number {
    let n = Math.trunc((numNodes * this.args.minCandidateNodesPercentage) / 100);
    if (n < this.args.minCandidateNodesAbsolute) n = this.args.minCandidateNodesAbsolute;
    if (n > numNodes) n = numNodes;
    return n;
  }

  /** GetOffsetAndNumCandidates: a uniform offset in [0, n) (rand.Int31n) from the plugin's stream. */
  getOffsetAndNumCandidates(numNodes: number): { offset: number; numCandidates: number } {
    return { offset: this.offsetRandom.int(numNodes), numCandidates: this.calculateNumCandidates(numNodes) };
  }

  candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims> {
    return candidatesToVictimsMap(candidates);
  }

  /** The default criteria of pickOneNodeForPreemption. */
  orderedScoreFuncs(): CandidateScoreFunc[] | null {
    return null;
  }

  /**
   * SelectVictimsOnNode, on copies of the node and cycle state: remove every
   * pod the preemptor may preempt (RemovePod extensions keep PreFilter state
   * right); if the preemptor still does not fit, the node is no candidate.
   * Otherwise add the removed pods back, most important first — PDB-violating
   * ones before the others — and keep as victims those without which the
   * preemptor no longer fits.
   */
  selectVictimsOnNode(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): SelectVictimsResult {
    const h = this.handle;
    const fail = (status: Status): SelectVictimsResult => ({ victims: [], numViolatingVictim: 0, status });
    const removePod = (rpi: PodInfo): Status | null => {
      if (!nodeInfo.removePod(rpi)) return new Status(Code.Error, [`no corresponding pod ${rpi.name} in pods of node ${nodeInfo.name}`]);
      return asError(h.runPreFilterExtensionRemovePod(state, pod, rpi, nodeInfo));
    };
    const addPod = (api: PodInfo): Status | null => {
      nodeInfo.addPod(api);
      return asError(h.runPreFilterExtensionAddPod(state, pod, api, nodeInfo));
    };

    const potentialVictims: PodInfo[] = [];
    for (const pi of [...nodeInfo.pods]) {
      if (!this.isPreemptionAllowed(nodeInfo, pi, pod)) continue;
      potentialVictims.push(pi);
      const err = removePod(pi);
      if (err !== null) return fail(err);
    }
    // No potential victims: the node's state did not change, no need to evaluate it again.
    if (potentialVictims.length === 0) return fail(noVictims());
    // If the pod does not fit without all of them, this node cannot help (affinity to victims is not considered).
    const fits = h.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
    if (fits !== null) return fail(fits);

    const less = this.moreImportantPod;
    goSortSlice(potentialVictims, less);
    const { violating, nonViolating } = filterPodsWithPDBViolation(potentialVictims, pdbs);
    const victims: PodInfo[] = [];
    let numViolatingVictim = 0;
    const reprieve = (pi: PodInfo): { fits: boolean; err: Status | null } => {
      const addErr = addPod(pi);
      if (addErr !== null) return { fits: false, err: addErr };
      const ok = h.runFilterPluginsWithNominatedPods(state, pod, nodeInfo) === null;
      if (!ok) {
        const removeErr = removePod(pi);
        if (removeErr !== null) return { fits: false, err: removeErr };
        victims.push(pi);
      }
      return { fits: ok, err: null };
    };
    for (const p of violating) {
      const r = reprieve(p);
      if (r.err !== null) return fail(r.err);
      if (!r.fits) numViolatingVictim++;
    }
    for (const p of nonViolating) {
      const r = reprieve(p);
      if (r.err !== null) return fail(r.err);
    }
    // Keep the victims ordered by importance when both groups contributed.
    if (violating.length !== 0 && nonViolating.length !== 0) goSortSlice(victims, less);
    return { victims, numViolatingVictim, status: null };
  }

  /**
   * PodEligibleToPreemptOthers: not with `preemptionPolicy: Never`; not while
   * the pod's nominated node (unless UnschedulableAndUnresolvable for it)
   * still holds a lower-priority pod terminating because of scheduler preemption.
   */
  podEligibleToPreemptOthers(pod: PodInfo, nominatedNodeStatus: Status | null): { eligible: boolean; message: string } {
    if (pod.pod.spec.preemptionPolicy === 'Never') {
      return { eligible: false, message: 'not eligible due to preemptionPolicy=Never.' };
    }
    const nomNodeName = pod.pod.status?.nominatedNodeName ?? '';
    if (nomNodeName.length > 0) {
      // The nominated node can no longer be made to fit: the pod may preempt again.
      if (nominatedNodeStatus !== null && nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) {
        return { eligible: true, message: '' };
      }
      const nodeInfo = this.handle.snapshot.get(nomNodeName);
      if (nodeInfo !== undefined) {
        for (const p of nodeInfo.pods) {
          if (this.isPreemptionAllowed(nodeInfo, p, pod) && podTerminatingByPreemption(p)) {
            return { eligible: false, message: 'not eligible due to a terminating pod on the nominated node.' };
          }
        }
      }
    }
    return { eligible: true, message: '' };
  }

  /** A victim must have a lower priority than the preemptor, and pass {@link isEligiblePod}. */
  hasPotentialVictims(nodeInfo: NodeInfo, pod: PodInfo): boolean {
    if (nodeInfo.lowestPodPriority() >= pod.priority) return false;
    for (const pi of nodeInfo.pods) if (this.isPreemptionAllowed(nodeInfo, pi, pod)) return true;
    return false;
  }

  /** No pod anywhere has a lower priority than the preemptor: no node has a potential victim. */
  anyPotentialVictims(pod: PodInfo): boolean {
    return this.handle.snapshot.lowestPodPriority() < pod.priority;
  }

  isPreemptionAllowed(nodeInfo: NodeInfo, victim: PodInfo, preemptor: PodInfo): boolean {
    return victim.priority < preemptor.priority && this.isEligiblePod(nodeInfo, victim, preemptor);
  }
}

/** True when the pod is being deleted and its first DisruptionTarget condition says scheduler preemption did it. */
export function podTerminatingByPreemption(p: PodInfo): boolean {
  const ts = p.pod.metadata.deletionTimestamp;
  if (ts === undefined || ts === null) return false;
  for (const c of p.pod.status?.conditions ?? []) {
    if (c.type === 'DisruptionTarget') return c.status === 'True' && c.reason === 'PreemptionByScheduler';
  }
  return false;
}

/** status.AsError() wrapped back by fwk.AsStatus: any non-success becomes an Error with the same message. */
function asError(s: Result): Status | null {
  if (s === null || s.code === Code.Success) return null;
  const e = new Status(Code.Error, [s.message()]);
  e.plugin = s.plugin;
  return e;
}

// ---- args --------------------------------------------------------------------

const DEFAULT_PERCENTAGE = 10;
const DEFAULT_ABSOLUTE = 100;

/** SetDefaults_DefaultPreemptionArgs: 10 % and 100 where unset. */
export function defaultDefaultPreemptionArgs(args: unknown): DefaultPreemptionArgs {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const pick = (v: unknown, d: number): number => (v === undefined || v === null ? d : (v as number));
  return {
    minCandidateNodesPercentage: pick(a['minCandidateNodesPercentage'], DEFAULT_PERCENTAGE),
    minCandidateNodesAbsolute: pick(a['minCandidateNodesAbsolute'], DEFAULT_ABSOLUTE),
  };
}

/**
 * ValidateDefaultPreemptionArgs: percentage in [0, 100], absolute ≥ 0, and
 * not both zero (reported on both fields). Values that are not int32 (which
 * upstream's decoder would refuse) are reported as invalid.
 */
export function validateDefaultPreemptionArgs(args: DefaultPreemptionArgs): ArgsError[] {
  const errs: FieldError[] = [];
  const pct = args.minCandidateNodesPercentage;
  const abs = args.minCandidateNodesAbsolute;
  const pctPath = 'minCandidateNodesPercentage';
  const absPath = 'minCandidateNodesAbsolute';
  const pctInt = isInt32(pct);
  const absInt = isInt32(abs);
  if (!pctInt) errs.push(typeInvalid(pctPath, pct, 'must be an int32'));
  else if (pct < 0 || pct > 100) errs.push(invalid(pctPath, pct, 'not in valid range [0, 100]'));
  if (!absInt) errs.push(typeInvalid(absPath, abs, 'must be an int32'));
  else if (abs < 0) errs.push(invalid(absPath, abs, 'not in valid range [0, inf)'));
  if (pctInt && absInt && pct === 0 && abs === 0) {
    errs.push(
      invalid(pctPath, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'),
      invalid(absPath, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'),
    );
  }
  return errs.map((e) => ({ path: e.field, message: errorBody(e) }));
}

function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
}

/** The DefaultPreemption plugin module: name, args kind, defaulting, validation and factory. */
export const DefaultPreemption: PluginModule<DefaultPreemptionArgs> = {
  name: NAME,
  argsKind: 'DefaultPreemptionArgs',
  defaultArgs: defaultDefaultPreemptionArgs,
  validateArgs: validateDefaultPreemptionArgs,
  factory(args: DefaultPreemptionArgs, handle: Handle): DefaultPreemptionPlugin {
    const errs = validateDefaultPreemptionArgs(args);
    if (errs.length > 0) {
      throw new Error(`initializing plugin "${NAME}": ${errs.map((e) => `${e.path}: ${e.message}`).join(', ')}`);
    }
    return new DefaultPreemptionPlugin(args, handle);
  },
};
