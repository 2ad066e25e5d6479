/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go,
 * v1.34.1).
 *
 * Filter: the node must satisfy the scheduler-enforced `addedAffinity` of the
 * plugin args and the pod's `spec.nodeSelector` AND required node affinity.
 * PreFilter returns Skip when there is nothing to check, and narrows the
 * candidates to the node names of `matchFields metadata.name In` terms.
 * Score: the sum of the weights of the preferred terms (the pod's and the
 * args') the node matches, scaled to [0, 100] by NormalizeScore.
 */
import {
  newNodeSelector,
  NodeSelectorError,
  OBJECT_NAME_FIELD,
  PreferredSchedulingTerms,
  RequiredNodeAffinity,
  type NodeSelectorMatcher,
} from '../../api/nodeSelector.js';
import type { NodeAffinity as NodeAffinitySpec, Pod } from '../../api/types.js';
import { errorBody, type FieldError } from '../../api/validation/field.js';
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
import { asNodes } from './helper/hintObjects.js';
import { defaultNormalizeScore, MAX_NODE_SCORE } from './helper/normalizeScore.js';
import type { ArgsError, PluginModule } from './PluginModule.js';

/** The plugin's name (names.NodeAffinity). */
export const NAME = 'NodeAffinity';
/** Where PreFilter keeps its state in the CycleState (preFilterStateKey). */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;
/** Where PreScore keeps its state in the CycleState (preScoreStateKey). */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** ErrReasonPod: the pod's node affinity or nodeSelector does not match the node. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** errReasonEnforced: the scheduler-enforced addedAffinity does not match the node. */
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
/** errReasonConflict: the pod's metadata.name terms name no node at all. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

// Filter's rejections never change, so one object each serves every node (no allocation per node).
const POD_REJECTION = new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_POD], NAME);
const ENFORCED_REJECTION = new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_ENFORCED], NAME);

/** NodeAffinityArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeAffinityArgs {
  /**
   * Node affinity every pod of the profile gets on top of its own: required
   * terms are ANDed with the pod's, preferred terms add to its score.
   */
  addedAffinity?: NodeAffinitySpec;
}

/** NodeAffinityArgs have no defaults upstream; this copies the one field. */
export function defaultNodeAffinityArgs(args: unknown): NodeAffinityArgs {
  const a = (args ?? {}) as { addedAffinity?: NodeAffinitySpec | null };
  return a.addedAffinity === undefined || a.addedAffinity === null ? {} : { addedAffinity: a.addedAffinity };
}

function toArgsErrors(errors: readonly FieldError[]): ArgsError[] {
  return errors.map((e) => ({ path: e.field, message: errorBody(e) }));
}

/**
 * ValidateNodeAffinityArgs: addedAffinity's required selector and preferred
 * terms must parse (paths `addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[i]...`
 * and `addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[i]...`).
 */
export function validateNodeAffinityArgs(args: NodeAffinityArgs): ArgsError[] {
  const affinity = args.addedAffinity;
  if (affinity === undefined) return [];
  const errs: ArgsError[] = [];
  const required = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined && required !== null) {
    try {
      newNodeSelector(required, 'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution');
    } catch (e) {
      if (!(e instanceof NodeSelectorError)) throw e;
      errs.push(...toArgsErrors(e.errors));
    }
  }
  const preferred = affinity.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred !== undefined && preferred !== null && preferred.length > 0) {
    try {
      PreferredSchedulingTerms.create(preferred, 'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution');
    } catch (e) {
      if (!(e instanceof NodeSelectorError)) throw e;
      errs.push(...toArgsErrors(e.errors));
    }
  }
  return errs;
}

/** preFilterState: the pod's parsed nodeSelector and required node affinity. Read-only, so clones share it. */
export class PreFilterState {
  constructor(readonly requiredNodeSelectorAndAffinity: RequiredNodeAffinity) {}
}

/** preScoreState: the pod's parsed preferred terms (undefined when it has none). Read-only. */
export class PreScoreState {
  constructor(readonly preferredNodeAffinity: PreferredSchedulingTerms | undefined) {}
}

/** getPodPreferredNodeAffinity: the pod's preferred terms, parsed, or undefined when the field is absent. */
export function podPreferredNodeAffinity(pod: Pod): PreferredSchedulingTerms | undefined {
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred === undefined || preferred === null) return undefined;
  return PreferredSchedulingTerms.create(preferred);
}

/**
 * The node names the pod's required terms restrict it to: for every term the
 * intersection of its `metadata.name In` values, united over the terms.
 * `undefined` means "all nodes" (some term has no such requirement).
 */
export function nodeNamesFromTerms(pod: Pod): Set<string> | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  let nodeNames: Set<string> | undefined;
  for (const t of terms) {
    let termNodeNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNodeNames = termNodeNames === undefined ? s : new Set([...termNodeNames].filter((n) => s.has(n)));
    }
    // A term without a node-name requirement admits every node, and terms are ORed.
    if (termNodeNames === undefined) return undefined;
    nodeNames ??= new Set();
    for (const n of termNodeNames) nodeNames.add(n);
  }
  return nodeNames;
}

/** Checks a pod's node selector and required node affinity (Filter) and scores its preferred terms (Score). */
export class NodeAffinityPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  readonly args: NodeAffinityArgs;
  private readonly handle: Handle;
  private readonly addedNodeSelector: NodeSelectorMatcher | undefined;
  private readonly addedPrefSchedTerms: PreferredSchedulingTerms | undefined;
  private readonly enableSchedulingQueueHint: boolean;

  constructor(args: NodeAffinityArgs, handle: Handle) {
    const errs = validateNodeAffinityArgs(args);
    if (errs.length > 0) throw new Error(`initializing plugin "${NAME}": ${errs.map((e) => `${e.path}: ${e.message}`).join(', ')}`);
    this.args = args;
    this.handle = handle;
    this.enableSchedulingQueueHint = handle.featureGates.enabled('SchedulerQueueingHints');
    const required = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.addedNodeSelector = required === undefined || required === null ? undefined : newNodeSelector(required);
    const preferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    this.addedPrefSchedTerms = preferred === undefined || preferred === null || preferred.length === 0 ? undefined : PreferredSchedulingTerms.create(preferred);
  }

  /**
   * PreFilter: Skip when the pod has no nodeSelector, no required node
   * affinity and the args add none; otherwise parses them once, and returns
   * the node names of `metadata.name In` terms (UnschedulableAndUnresolvable
   * when every term names no node).
   */
  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Result } {
    const spec = pod.pod.spec;
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const noNodeAffinity = required === undefined || required === null;
    if (noNodeAffinity && this.addedNodeSelector === undefined && (spec.nodeSelector === undefined || spec.nodeSelector === null)) {
      return { status: SKIP };
    }
    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(RequiredNodeAffinity.fromPod(pod.pod)));
    if (noNodeAffinity || (required.nodeSelectorTerms ?? []).length === 0) return { status: null };
    const nodeNames = nodeNamesFromTerms(pod.pod);
    if (nodeNames === undefined) return { status: null };
    if (nodeNames.size === 0) return { status: new Status(Code.UnschedulableAndUnresolvable, [ERR_REASON_CONFLICT], NAME) };
    return { result: { nodeNames }, status: null };
  }

  /** No AddPod/RemovePod: the state does not depend on other pods. */
  preFilterExtensions(): PreFilterExtensions | null {
    return null;
  }

  /** Filter: addedAffinity first (errReasonEnforced), then the pod's nodeSelector and required affinity (ErrReasonPod). */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    if (this.addedNodeSelector !== undefined && !this.addedNodeSelector.match(node.node)) return ENFORCED_REJECTION;
    // Without PreFilter (disabled in a profile) the requirements are parsed here, as upstream falls back.
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY) ?? new PreFilterState(RequiredNodeAffinity.fromPod(pod.pod));
    // Parse errors count as no match, as upstream ignores them for backwards compatibility.
    return s.requiredNodeSelectorAndAffinity.match(node.node) ? null : POD_REJECTION;
  }

  /** Every rejection is ErrReasonPod unless the args add a node selector (then it may be errReasonEnforced). */
  sharedRejection(_state: CycleState, _pod: PodInfo, code: Code): Status | null {
    return this.addedNodeSelector === undefined && code === POD_REJECTION.code ? POD_REJECTION : null;
  }

  /** The whole-table Filter: {@link filter}'s codes, with the pod's requirements read once for all rows. */
  filterNodes(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const infos = this.handle.snapshot.table.infos;
    const added = this.addedNodeSelector;
    const required = (state.read<PreFilterState>(PRE_FILTER_STATE_KEY) ?? new PreFilterState(RequiredNodeAffinity.fromPod(pod.pod)))
      .requiredNodeSelectorAndAffinity;
    for (let k = 0; k < count; k++) {
      const node = infos[rows[k]!]!.node;
      codes[k] = (added === undefined || added.match(node)) && required.match(node) ? Code.Success : Code.UnschedulableAndUnresolvable;
    }
  }

  /** PreScore: Skip when neither the pod nor the args have preferred terms; otherwise parses the pod's once. */
  preScore(state: CycleState, pod: PodInfo): Result {
    let preferred: PreferredSchedulingTerms | undefined;
    try {
      preferred = podPreferredNodeAffinity(pod.pod);
    } catch (e) {
      if (e instanceof NodeSelectorError) return errorStatus(e.message);
      throw e;
    }
    if (preferred === undefined && this.addedPrefSchedTerms === undefined) return SKIP;
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(preferred));
    return null;
  }

  /** Score: Σ weights of the args' and the pod's preferred terms the node matches. */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let count = 0;
    if (this.addedPrefSchedTerms !== undefined) count += this.addedPrefSchedTerms.score(node.node);
    // Without PreScore (disabled in a profile) the pod's terms are parsed here, as upstream falls back.
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY) ?? new PreScoreState(podPreferredNodeAffinity(pod.pod));
    if (s.preferredNodeAffinity !== undefined) count += s.preferredNodeAffinity.score(node.node);
    return count;
  }

  /** NormalizeScore: DefaultNormalizeScore(MaxNodeScore, not reversed). */
  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScoreList): Result {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return null;
  }

  /**
   * Node Add/UpdateNodeLabel with queueing hints (UpdateNodeTaint too
   * without them, as upstream registers it for the pre-check), hinted by
   * {@link isSchedulableAfterNodeChange}.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const actionType = this.enableSchedulingQueueHint
      ? ActionType.Add | ActionType.UpdateNodeLabel
      : ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint;
    return [{ event: { resource: 'Node', actionType }, hint: (pod, oldObj, newObj) => this.isSchedulableAfterNodeChange(pod, oldObj, newObj) }];
  }

  /**
   * Queue when the added or updated node matches addedAffinity and the pod's
   * required affinity, and (for an update) did not match it before.
   */
  isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    const { ok, oldObj: original, newObj: modified } = asNodes(oldObj, newObj);
    if (!ok || modified === undefined) return 'Queue';
    if (this.addedNodeSelector !== undefined && !this.addedNodeSelector.match(modified)) return 'QueueSkip';
    const required = RequiredNodeAffinity.fromPod(pod);
    const now = required.matchWithErrors(modified);
    // A parse error is an error upstream, and an erroring hint queues the pod.
    if (now.errors.length > 0) return 'Queue';
    if (!now.matched) return 'QueueSkip';
    if (original === undefined) return 'Queue';
    const before = required.matchWithErrors(original);
    if (before.errors.length > 0) return 'Queue';
    return before.matched ? 'QueueSkip' : 'Queue';
  }
}

/** The NodeAffinity plugin module: name, NodeAffinityArgs validation, factory. */
export const NodeAffinity: PluginModule<NodeAffinityArgs> = {
  name: NAME,
  argsKind: 'NodeAffinityArgs',
  defaultArgs: defaultNodeAffinityArgs,
  validateArgs: validateNodeAffinityArgs,
  factory: (args, handle) => new NodeAffinityPlugin(args, handle),
};
