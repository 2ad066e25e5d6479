/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity, v1.34.1):
 * required pod affinity / anti-affinity at Filter, preferred terms (and
 * existing pods' terms, symmetrically) at Score. The per-cycle work lives in
 * interpodaffinity/filtering.ts and interpodaffinity/scoring.ts; this file is
 * the plugin, its args and its cluster events.
 */
import type { Pod } from '../../api/types.js';
import { invalid, errorBody } from '../../api/validation/field.js';
import type { Snapshot } from '../cache/Cache.js';
import { AffinityTerm } from '../framework/AffinityTerm.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  NodeScoreList,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, errorStatus, SKIP, Status, type Result } from '../framework/Status.js';
import type { FeatureGates } from '../featureGates.js';
import {
  computePreFilterState,
  filterNode,
  NAME,
  PRE_FILTER_STATE_KEY,
  PreFilterState,
} from './interpodaffinity/filtering.js';
import { computePreScoreState, normalizeScores, PRE_SCORE_STATE_KEY, PreScoreState } from './interpodaffinity/scoring.js';
import { asNodes, asPods } from './helper/hintObjects.js';
import type { ArgsError, PluginModule } from './PluginModule.js';

export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  PRE_FILTER_STATE_KEY,
} from './interpodaffinity/filtering.js';
export { PRE_SCORE_STATE_KEY } from './interpodaffinity/scoring.js';

/** InterPodAffinityArgs (kubescheduler.config.k8s.io/v1), defaulted. */
export interface InterPodAffinityArgs {
  /** Weight of an existing pod's required affinity term that the incoming pod matches, at Score (0..100; default 1). */
  hardPodAffinityWeight: number;
  /** Skip existing pods' preferred terms when the incoming pod has no preferred terms of its own (default false). */
  ignorePreferredTermsOfExistingPods: boolean;
}

/**
 * Strict decoding of InterPodAffinityArgs (as the scheduler's codec) and
 * SetDefaults_InterPodAffinityArgs: hardPodAffinityWeight 1 when unset or null.
 * @throws Error for an unknown field or a value of the wrong JSON type, with Go's messages
 */
export function defaultInterPodAffinityArgs(args: unknown): InterPodAffinityArgs {
  const a = (args ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(a)) {
    if (k !== 'hardPodAffinityWeight' && k !== 'ignorePreferredTermsOfExistingPods' && k !== 'apiVersion' && k !== 'kind') {
      throw new Error(`strict decoding error: unknown field "${k}"`);
    }
  }
  const w = a['hardPodAffinityWeight'];
  if (w !== undefined && w !== null && (typeof w !== 'number' || !Number.isInteger(w) || w < -(2 ** 31) || w > 2 ** 31 - 1)) {
    throw new Error(`json: cannot unmarshal ${goJsonType(w)} into Go struct field InterPodAffinityArgs.hardPodAffinityWeight of type int32`);
  }
  const ignore = a['ignorePreferredTermsOfExistingPods'];
  if (ignore !== undefined && ignore !== null && typeof ignore !== 'boolean') {
    throw new Error(`json: cannot unmarshal ${goJsonType(ignore)} into Go struct field InterPodAffinityArgs.ignorePreferredTermsOfExistingPods of type bool`);
  }
  return {
    hardPodAffinityWeight: w ?? 1,
    ignorePreferredTermsOfExistingPods: ignore ?? false,
  };
}

/** The JSON type word encoding/json prints (`number 1.5`, `string`, `bool`, `array`, `object`). */
function goJsonType(v: unknown): string {
  if (typeof v === 'number') return `number ${String(v)}`;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'array' : 'object';
}

/**
 * ValidateInterPodAffinityArgs: hardPodAffinityWeight in [0, 100]. Values of
 * the wrong type (which upstream's decoder would refuse) are reported too.
 */
export function validateInterPodAffinityArgs(args: InterPodAffinityArgs): ArgsError[] {
  const errs: ArgsError[] = [];
  const w: unknown = args.hardPodAffinityWeight;
  if (typeof w !== 'number' || !Number.isInteger(w)) {
    errs.push(toArgsError(invalid('hardPodAffinityWeight', w, 'must be an integer')));
  } else if (w < 0 || w > 100) {
    errs.push(toArgsError(invalid('hardPodAffinityWeight', w, 'not in valid range [0-100]')));
  }
  const ignore: unknown = args.ignorePreferredTermsOfExistingPods;
  if (typeof ignore !== 'boolean') {
    errs.push(toArgsError(invalid('ignorePreferredTermsOfExistingPods', ignore, 'must be a boolean')));
  }
  return errs;
}

function toArgsError(e: ReturnType<typeof invalid>): ArgsError {
  return { path: e.field, message: errorBody(e) };
}

/**
 * The InterPodAffinity plugin: PreFilter/Filter with AddPod/RemovePod,
 * PreScore/Score/NormalizeScore, and its cluster events.
 */
export class InterPodAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions, PreFilterExtensions {
  readonly name = NAME;
  readonly args: InterPodAffinityArgs;
  private readonly snapshot: Snapshot;
  private readonly featureGates: FeatureGates;

  constructor(args: InterPodAffinityArgs, handle: Handle) {
    const errs = validateInterPodAffinityArgs(args);
    if (errs.length > 0) throw new Error(`initializing plugin "${NAME}": ${errs.map((e) => `${e.path}: ${e.message}`).join(', ')}`);
    this.args = args;
    this.snapshot = handle.snapshot;
    this.featureGates = handle.featureGates;
  }

  // ---- PreFilter / Filter ----------------------------------------------------

  /** PreFilter: the counts Filter needs; Skip when nothing can reject the pod. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Result } {
    const s = computePreFilterState(pod, nodes, this.snapshot.havePodsWithRequiredAntiAffinityList(), this.snapshot.objects);
    if (s === null) return { status: SKIP };
    state.write(PRE_FILTER_STATE_KEY, s);
    return { status: null };
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  /** AddPod: a pod added to `node` in a what-if (nominated pods, preemption). */
  addPod(state: CycleState, _pod: PodInfo, toAdd: PodInfo, node: NodeInfo): Result {
    const s = readPreFilterState(state);
    if (s instanceof Status) return s;
    s.updateWithPod(toAdd, node, 1);
    return null;
  }

  /** RemovePod: a pod removed from `node` in a what-if (preemption victims). */
  removePod(state: CycleState, _pod: PodInfo, toRemove: PodInfo, node: NodeInfo): Result {
    const s = readPreFilterState(state);
    if (s instanceof Status) return s;
    s.updateWithPod(toRemove, node, -1);
    return null;
  }

  /** Filter: affinity (UnschedulableAndUnresolvable), then anti-affinity, then existing pods' anti-affinity (Unschedulable). */
  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Result {
    const s = readPreFilterState(state);
    if (s instanceof Status) return s;
    return filterNode(s, node.labels);
  }

  /** The whole-table Filter: the same verdict as {@link filter} for each row. */
  filterNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const s = readPreFilterState(state);
    const infos = this.snapshot.table.infos;
    for (let k = 0; k < count; k++) {
      if (s instanceof Status) {
        codes[k] = s.code;
        continue;
      }
      const node = infos[rows[k]!];
      const r = node === undefined ? null : filterNode(s, node.labels);
      codes[k] = r === null ? Code.Success : r.code;
    }
  }

  // ---- PreScore / Score ------------------------------------------------------

  /** PreScore: the summed weight per topology pair; Skip when no term matches anywhere. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Result {
    const s = computePreScoreState(pod, nodes, this.snapshot, this.args);
    if (s === null) return SKIP;
    state.write(PRE_SCORE_STATE_KEY, s);
    return null;
  }

  /** Score: Σ over the node's topology pairs of their weights (positive for affinity, negative for anti-affinity). */
  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) throw new Error(preScoreStateMissing());
    return s.score(node.labels);
  }

  /** The whole-table Score: the same as {@link score} for each row. */
  scoreNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) throw new Error(preScoreStateMissing());
    const infos = this.snapshot.table.infos;
    for (let k = 0; k < count; k++) {
      const node = infos[rows[k]!];
      out[k] = node === undefined ? 0 : s.score(node.labels);
    }
  }

  /** NormalizeScore: (s - min) / (max - min) × 100, truncated, as upstream's float64 arithmetic. */
  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScoreList): Result {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) return errorStatus(preScoreStateMissing());
    if (s.keys.length === 0) return null;
    normalizeScores(scores.scores, scores.length);
    return null;
  }

  // ---- EnqueueExtensions -----------------------------------------------------

  /**
   * Pod add / label update / delete (assigned pods; the hint skips the rest)
   * and Node add / label update. Without queueing hints UpdateNodeTaint is
   * added, as upstream does for its preCheck.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const hints = this.featureGates.enabled('SchedulerQueueingHints');
    const nodeActions = hints ? ActionType.Add | ActionType.UpdateNodeLabel : ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint;
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, label: 'PodAdd|UpdatePodLabel|Delete' },
        hint: isSchedulableAfterPodChange,
      },
      { event: { resource: 'Node', actionType: nodeActions, label: 'NodeAdd|UpdateNodeLabel' }, hint: isSchedulableAfterNodeChange },
    ];
  }
}

function preScoreStateMissing(): string {
  return `failed to read "${PRE_SCORE_STATE_KEY}" from cycleState: not found`;
}

function readPreFilterState(state: CycleState): PreFilterState | Status {
  const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
  if (s === undefined) return errorStatus(`error reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
  return s;
}

// ---- queueing hints ------------------------------------------------------------

/** framework.GetAffinityTerms for the pending pod's required affinity (kind 'affinity') or anti-affinity terms. */
function requiredTerms(pod: Pod, kind: 'affinity' | 'anti'): AffinityTerm[] {
  const a = pod.spec.affinity;
  const raw = (kind === 'affinity' ? a?.podAffinity : a?.podAntiAffinity)?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  return raw.map((t) => new AffinityTerm(ns, labels, t));
}

/** podMatchesAllAffinityTerms(terms, pod) with no namespace labels, as the hints call it. */
function matchesAll(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels ?? {};
  for (const t of terms) if (!t.matches(ns, labels, undefined)) return false;
  return true;
}

/**
 * isSchedulableAfterPodChange (v1.34.1): only assigned pods matter. An update
 * queues the pod when the other pod starts matching all its affinity terms or
 * stops matching all its anti-affinity terms; an add when it matches all the
 * affinity terms; a delete when it matched all the anti-affinity terms.
 * (v1.34.1 does not yet queue on the delete of a pod whose own anti-affinity
 * rejected the pending pod; that came with kubernetes#135325 in v1.35.)
 */
export function isSchedulableAfterPodChange(pod: Pod, oldObject: unknown, newObject: unknown): QueueingHint {
  const objects = asPods(oldObject, newObject);
  if (!objects.ok) return 'Queue';
  const original = objects.oldObj;
  const modified = objects.newObj;
  if ((modified !== undefined && (modified.spec.nodeName ?? '') === '') || (original !== undefined && (original.spec.nodeName ?? '') === '')) {
    return 'QueueSkip';
  }
  const terms = requiredTerms(pod, 'affinity');
  const antiTerms = requiredTerms(pod, 'anti');
  if (modified !== undefined && original !== undefined) {
    if (!matchesAll(terms, original) && matchesAll(terms, modified)) return 'Queue';
    if (matchesAll(antiTerms, original) && !matchesAll(antiTerms, modified)) return 'Queue';
    return 'QueueSkip';
  }
  if (modified !== undefined) return matchesAll(terms, modified) ? 'Queue' : 'QueueSkip';
  if (original === undefined) return 'Queue';
  return matchesAll(antiTerms, original) ? 'Queue' : 'QueueSkip';
}

/**
 * isSchedulableAfterNodeChange (v1.34.1, kubernetes#127470): for affinity, a
 * new node with a term's key, a node gaining the key, or a changed value; for
 * anti-affinity, any new node, a node losing the key, or a changed value.
 */
export function isSchedulableAfterNodeChange(pod: Pod, oldObject: unknown, newObject: unknown): QueueingHint {
  const objects = asNodes(oldObject, newObject);
  if (!objects.ok || objects.newObj === undefined) return 'Queue';
  const original = objects.oldObj;
  const modified = objects.newObj;
  const newLabels = modified.metadata.labels ?? {};
  const oldLabels = original?.metadata.labels ?? {};
  const value = (labels: Readonly<Record<string, string>>, key: string): string | undefined =>
    Object.hasOwn(labels, key) ? labels[key] : undefined;
  for (const t of requiredTerms(pod, 'affinity')) {
    const now = value(newLabels, t.topologyKey);
    if (original === undefined) {
      if (now !== undefined) return 'Queue';
      continue;
    }
    const before = value(oldLabels, t.topologyKey);
    if (before === undefined && now !== undefined) return 'Queue';
    if (before !== undefined && now !== undefined && before !== now) return 'Queue';
  }
  for (const t of requiredTerms(pod, 'anti')) {
    // A new node always may help a pod with anti-affinity: without the key it is always allowed.
    if (original === undefined) return 'Queue';
    const before = value(oldLabels, t.topologyKey);
    const now = value(newLabels, t.topologyKey);
    if (before !== undefined && now === undefined) return 'Queue';
    if (before !== undefined && now !== undefined && before !== now) return 'Queue';
  }
  return 'QueueSkip';
}

/** The InterPodAffinity plugin module: name, InterPodAffinityArgs defaulting and validation, factory. */
export const InterPodAffinity: PluginModule<InterPodAffinityArgs> = {
  name: NAME,
  argsKind: 'InterPodAffinityArgs',
  defaultArgs: defaultInterPodAffinityArgs,
  validateArgs: validateInterPodAffinityArgs,
  factory: (args, handle) => new InterPodAffinityPlugin(args, handle),
};
