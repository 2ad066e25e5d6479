/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread,
 * v1.34.1): DoNotSchedule constraints at PreFilter/Filter (with AddPod/
 * RemovePod for preemption), ScheduleAnyway constraints — or, for a pod
 * without constraints, the default ones with the DefaultSelector — at
 * PreScore/Score/NormalizeScore, and the cluster events that may lift its
 * rejections. The work lives in podtopologyspread/{common,counts,filtering,
 * scoring,args}.ts; this file is the plugin.
 *
 * Speed: a pod without constraints (and, at Score, without a Service or
 * controller selecting it) costs PreFilter and PreScore a Skip and nothing
 * else. Otherwise the per-domain counts are carried over between cycles and
 * only the nodes that changed are recounted (podtopologyspread/counts.ts),
 * and Filter/Score have whole-table fast paths at O(constraints) per node.
 */
import type { Selector } from '../../api/labels.js';
import { RequiredNodeAffinity } from '../../api/nodeSelector.js';
import type { Pod, Toleration } from '../../api/types.js';
import type { Snapshot } from '../cache/Cache.js';
import type { NodeTable } from '../cache/NodeTable.js';
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
import { Code, errorStatus, SKIP, type Result } from '../framework/Status.js';
import {
  defaultPodTopologySpreadArgs,
  validatePodTopologySpreadArgs,
  type PodTopologySpreadArgs,
} from './podtopologyspread/args.js';
import {
  defaultSelector,
  filterTopologySpreadConstraints,
  selectorKey,
  SYSTEM_DEFAULT_CONSTRAINTS,
  type SpreadConstraint,
  type SpreadGates,
  type UnsatisfiableConstraintAction,
} from './podtopologyspread/common.js';
import { SpreadCounter, SpreadCounterCache, type CountingSpec } from './podtopologyspread/counts.js';
import { TopologyKeyIndex } from './podtopologyspread/topologyKeyIndex.js';
import { schedulableAfterNodeChange, schedulableAfterPodChange } from './podtopologyspread/hints.js';
import { filterNode, filterRows, NAME, PRE_FILTER_STATE_KEY, preFilterStateFrom, PreFilterState } from './podtopologyspread/filtering.js';
import { normalizeScores, PRE_SCORE_STATE_KEY, preScoreStateFrom, PreScoreState, scoreNode, scoreRows } from './podtopologyspread/scoring.js';
import type { PluginModule } from './PluginModule.js';

export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, PRE_FILTER_STATE_KEY, PreFilterState } from './podtopologyspread/filtering.js';
export { PRE_SCORE_STATE_KEY, PreScoreState } from './podtopologyspread/scoring.js';
export { defaultPodTopologySpreadArgs, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './podtopologyspread/args.js';

/** A pod's explicit constraints, parsed once per PodInfo. */
interface ParsedConstraints {
  hard: SpreadConstraint[];
  soft: SpreadConstraint[];
}

/** The message of an error thrown while parsing a selector. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Ensures every pod's spreading is even: the PodTopologySpread plugin. */
export class PodTopologySpreadPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions, PreFilterExtensions {
  readonly name = NAME;
  readonly args: PodTopologySpreadArgs;
  /** defaultingType System: the system default constraints, and nodes need not carry every key at Score. */
  readonly systemDefaulted: boolean;
  private readonly gates: SpreadGates;
  private readonly enableSchedulingQueueHint: boolean;
  private readonly snapshot: Snapshot;
  private readonly table: NodeTable;
  /** The default constraints per action, parsed once (their selector is the pod's DefaultSelector). */
  private readonly defaultHard: SpreadConstraint[];
  private readonly defaultSoft: SpreadConstraint[];
  private readonly keyIndexes = new Map<string, TopologyKeyIndex>();
  private readonly counters = new SpreadCounterCache();
  private readonly parsed = new WeakMap<PodInfo, ParsedConstraints>();

  constructor(args: PodTopologySpreadArgs, handle: Handle) {
    const errs = validatePodTopologySpreadArgs(args);
    if (errs.length > 0) throw new Error(`initializing plugin "${NAME}": ${errs.map((e) => `${e.path}: ${e.message}`).join(', ')}`);
    this.args = args;
    this.snapshot = handle.snapshot;
    this.table = handle.snapshot.table;
    this.gates = {
      nodeInclusionPolicy: handle.featureGates.enabled('NodeInclusionPolicyInPodTopologySpread'),
      matchLabelKeys: handle.featureGates.enabled('MatchLabelKeysInPodTopologySpread'),
    };
    this.enableSchedulingQueueHint = handle.featureGates.enabled('SchedulerQueueingHints');
    this.systemDefaulted = args.defaultingType === 'System';
    const defaults = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
    this.defaultHard = filterTopologySpreadConstraints(defaults, {}, 'DoNotSchedule', this.gates);
    this.defaultSoft = filterTopologySpreadConstraints(defaults, {}, 'ScheduleAnyway', this.gates);
  }

  // ---- constraints --------------------------------------------------------

  /** The pod's own constraints of both kinds, parsed (cached per PodInfo). @throws LabelSelectorError */
  private explicitConstraints(pod: PodInfo): ParsedConstraints {
    let p = this.parsed.get(pod);
    if (p === undefined) {
      const list = pod.pod.spec.topologySpreadConstraints ?? [];
      p = {
        hard: filterTopologySpreadConstraints(list, pod.labels, 'DoNotSchedule', this.gates),
        soft: filterTopologySpreadConstraints(list, pod.labels, 'ScheduleAnyway', this.gates),
      };
      this.parsed.set(pod, p);
    }
    return p;
  }

  /** buildDefaultConstraints: the default constraints of an action with the pod's DefaultSelector; none when it is empty. */
  private buildDefaultConstraints(pod: Pod, action: UnsatisfiableConstraintAction): SpreadConstraint[] {
    const base = action === 'DoNotSchedule' ? this.defaultHard : this.defaultSoft;
    if (base.length === 0) return [];
    const selector: Selector = defaultSelector(pod, this.snapshot.objects);
    if (selector.empty()) return [];
    return base.map((c) => ({ ...c, selector }));
  }

  /** The constraints of an action: the pod's own when it has any, else the defaults. @throws LabelSelectorError */
  constraintsOf(pod: PodInfo, action: UnsatisfiableConstraintAction): SpreadConstraint[] {
    if ((pod.pod.spec.topologySpreadConstraints ?? []).length > 0) {
      const p = this.explicitConstraints(pod);
      return action === 'DoNotSchedule' ? p.hard : p.soft;
    }
    return this.buildDefaultConstraints(pod.pod, action);
  }

  /** getConstraints for a bare Pod (queueing hints): its DoNotSchedule constraints or the defaults. @throws LabelSelectorError */
  private hardConstraintsOfPod(pod: Pod): SpreadConstraint[] {
    const list = pod.spec.topologySpreadConstraints ?? [];
    if (list.length > 0) return filterTopologySpreadConstraints(list, pod.metadata.labels ?? {}, 'DoNotSchedule', this.gates);
    return this.buildDefaultConstraints(pod, 'DoNotSchedule');
  }

  private keyIndex(key: string): TopologyKeyIndex {
    let k = this.keyIndexes.get(key);
    if (k === undefined) {
      k = new TopologyKeyIndex(key);
      this.keyIndexes.set(key, k);
    }
    return k;
  }

  /**
   * The up-to-date counts of a constraint set over `nodes`: the counter of its
   * signature brought up to date, or (for nodes outside the node table) a
   * count from scratch. The signature holds everything the counts depend on
   * besides the nodes: the namespace, keys, selectors and policies, and the
   * pod's node affinity / tolerations when a policy (or the gate being off)
   * makes them count.
   */
  private counts(pod: PodInfo, constraints: SpreadConstraint[], requireAllTopologies: boolean, nodes: readonly NodeInfo[]): SpreadCounter {
    this.compactKeyIndexes(nodes.length);
    const gate = this.gates.nodeInclusionPolicy;
    const spec = pod.pod.spec;
    const required = RequiredNodeAffinity.fromPod(pod.pod);
    const parts: string[] = [requireAllTopologies ? 'A' : 'a', gate ? 'G' : 'g', pod.namespace];
    let affinityCounts = !gate;
    let taintsCount = false;
    for (const c of constraints) {
      parts.push(c.topologyKey, selectorKey(c.selector), c.nodeAffinityPolicy, c.nodeTaintsPolicy);
      if (c.nodeAffinityPolicy === 'Honor') affinityCounts = true;
      if (gate && c.nodeTaintsPolicy === 'Honor') taintsCount = true;
    }
    if (affinityCounts && !required.isEmpty()) {
      parts.push(JSON.stringify([spec.nodeSelector ?? null, spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]));
    }
    if (taintsCount) parts.push(JSON.stringify(spec.tolerations ?? ([] as Toleration[])));
    const makeSpec = (): CountingSpec => ({
      constraints,
      keys: constraints.map((c) => this.keyIndex(c.topologyKey)),
      namespace: pod.namespace,
      pod: pod.pod,
      required,
      nodeInclusionPolicy: gate,
      requireAllTopologies,
    });
    const counter = this.counters.get(parts.join('\u0001'), makeSpec, this.table.capacity);
    // The cache's change log and label index describe the cache's own node list only.
    const own = nodes === this.snapshot.nodeInfoList();
    const ok = own ? counter.update(nodes, this.snapshot.matchChanges, this.snapshot.podLabels) : counter.update(nodes);
    return ok ? counter : SpreadCounter.fromScratch(makeSpec(), nodes);
  }

  /**
   * Value ids are never reused, so with node churn (new hostnames) a key index
   * keeps growing, and with it the per-value arrays each cycle copies. When an
   * index holds many more values than there are nodes, every index and
   * counter starts afresh (the next cycle recounts once).
   */
  private compactKeyIndexes(nodeCount: number): void {
    const limit = 4 * Math.max(nodeCount, 1024);
    for (const k of this.keyIndexes.values()) {
      if (k.values.length > limit) {
        this.keyIndexes.clear();
        this.counters.clear();
        return;
      }
    }
  }

  // ---- PreFilter / Filter -------------------------------------------------

  /** PreFilter: Skip without DoNotSchedule constraints; otherwise the counts per domain over all nodes. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Result } {
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraintsOf(pod, 'DoNotSchedule');
    } catch (e) {
      return { status: errorStatus(`get constraints from pod: obtaining pod's hard topology spread constraints: ${messageOf(e)}`) };
    }
    if (constraints.length === 0) return { status: SKIP };
    const counter = this.counts(pod, constraints, true, nodes);
    state.write(PRE_FILTER_STATE_KEY, preFilterStateFrom(counter, constraints, pod.labels));
    return { status: null };
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  /** AddPod: counts a pod added to a node (nominated pods, preemption's reprieves). */
  addPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): Result {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    s.updateWithPod(toAdd.pod, pod.pod, node, 1, this.gates.nodeInclusionPolicy);
    return null;
  }

  /** RemovePod: uncounts a pod removed from a node (preemption's victims). */
  removePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): Result {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    s.updateWithPod(toRemove.pod, pod.pod, node, -1, this.gates.nodeInclusionPolicy);
    return null;
  }

  /** Filter: missing key → UnschedulableAndUnresolvable; skew above maxSkew → Unschedulable. */
  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Result {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    return filterNode(s, node);
  }

  /** Filter over node-table rows. */
  filterNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (s === undefined) {
      codes.fill(Code.Error, 0, count);
      return;
    }
    filterRows(s, this.table.infos, rows, count, codes);
  }

  // ---- PreScore / Score ---------------------------------------------------

  /**
   * PreScore: Skip when there are no nodes or no ScheduleAnyway constraints
   * (own, or default ones with a non-empty DefaultSelector); otherwise the
   * domains among the candidates, the weights and the counts over all nodes.
   */
  preScore(state: CycleState, pod: PodInfo, filteredNodes: readonly NodeInfo[]): Result {
    const allNodes = this.snapshot.nodeInfoList();
    if (allNodes.length === 0) return SKIP;
    const hasOwn = (pod.pod.spec.topologySpreadConstraints ?? []).length > 0;
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraintsOf(pod, 'ScheduleAnyway');
    } catch (e) {
      return errorStatus(`calculating preScoreState: obtaining pod's soft topology spread constraints: ${messageOf(e)}`);
    }
    if (constraints.length === 0) return SKIP;
    // Only the non-system constraints require every key, so nodes without a zone still get hostname spreading.
    const requireAll = hasOwn || !this.systemDefaulted;
    const counter = this.counts(pod, constraints, requireAll, allNodes);
    state.write(PRE_SCORE_STATE_KEY, preScoreStateFrom(counter, constraints, filteredNodes));
    return null;
  }

  /** Score: the weighted matching-pod count of the node's domains (lower is better, reversed by NormalizeScore). */
  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    return scoreNode(this.preScoreState(state), node);
  }

  /** Score over node-table rows. */
  scoreNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    scoreRows(this.preScoreState(state), this.table.infos, rows, count, out);
  }

  /** NormalizeScore: ignored nodes 0, the others 100·(max + min − s)/max (100 when max is 0). */
  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScoreList): Result {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) return errorStatus(`error reading "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
    normalizeScores(s, scores);
    return null;
  }

  private preScoreState(state: CycleState): PreScoreState {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) throw new Error(`error reading "${PRE_SCORE_STATE_KEY}" from cycleState: not found`);
    return s;
  }

  // ---- events ---------------------------------------------------------------

  /**
   * Pod Add/UpdatePodLabel/Delete (plus UpdatePodToleration with queueing
   * hints) and Node Add/Delete/UpdateNodeLabel/UpdateNodeTaint, with
   * upstream's hints.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const podActionType = this.enableSchedulingQueueHint
      ? ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodToleration | ActionType.Delete
      : ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete;
    return [
      { event: { resource: 'Pod', actionType: podActionType }, hint: (pod, o, n) => this.isSchedulableAfterPodChange(pod, o, n) },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
        hint: (pod, o, n) => this.isSchedulableAfterNodeChange(pod, o, n),
      },
    ];
  }

  /**
   * isSchedulableAfterPodChange: only assigned pods in the pod's namespace (or
   * the pod itself) matter; see podtopologyspread/hints.ts.
   */
  isSchedulableAfterPodChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    return schedulableAfterPodChange((p) => this.hardConstraintsOfPod(p), pod, oldObj, newObj);
  }

  /**
   * isSchedulableAfterNodeChange: a node that starts or stops carrying every
   * topology key, or changes a key's value or its taints; see podtopologyspread/hints.ts.
   */
  isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    return schedulableAfterNodeChange((p) => this.hardConstraintsOfPod(p), pod, oldObj, newObj);
  }
}

/** The PodTopologySpread plugin module: name, PodTopologySpreadArgs defaulting and validation, factory. */
export const PodTopologySpread: PluginModule<PodTopologySpreadArgs> = {
  name: NAME,
  argsKind: 'PodTopologySpreadArgs',
  defaultArgs: defaultPodTopologySpreadArgs,
  validateArgs: validatePodTopologySpreadArgs,
  factory: (args, handle) => new PodTopologySpreadPlugin(args, handle),
};
