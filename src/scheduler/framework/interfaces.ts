import type { RandomStream } from '../../engine/RandomStreams.js';
import type { Snapshot } from '../cache/Cache.js';
import type { FeatureGates } from '../featureGates.js';
import type { CycleState } from './CycleState.js';
import type { ClusterEventWithHint } from './events.js';
import type { NodeInfo } from './NodeInfo.js';
import type { PodInfo } from './PodInfo.js';
import type { Code, Result, Status } from './Status.js';

/** The score of one node, as the framework passes lists of them to NormalizeScore. */
export interface NodeScoreList {
  /** The scored nodes, in the order of {@link scores}. */
  readonly nodes: readonly NodeInfo[];
  /** One score per node; NormalizeScore rewrites them in place. */
  readonly scores: Float64Array;
  readonly length: number;
}

/** What a PreFilter plugin may narrow the candidate nodes to (framework.PreFilterResult). */
export interface PreFilterResult {
  /** Names of the only nodes worth filtering; undefined means all nodes. */
  nodeNames?: ReadonlySet<string>;
}

/** Pods nominated to nodes by preemption, which lower-priority pods must leave room for (framework.PodNominator). */
export interface Nominator {
  /** True when any pod is nominated anywhere (lets the filter scan skip per-node lookups). */
  hasNominatedPods(): boolean;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  /** Records (or moves) a pod's nomination. */
  addNominatedPod(pod: PodInfo, nodeName: string): void;
  /** Forgets a pod's nomination, if any. */
  deleteNominatedPodIfExists(pod: PodInfo): void;
}

/** Everything a plugin may consult besides its arguments (framework.Handle). */
export interface Handle {
  /** The cluster as the scheduler's cache sees it. */
  readonly snapshot: Snapshot;
  readonly featureGates: FeatureGates;
  /** The scheduler's own random stream (DefaultPreemption's offset, the `random` policy). */
  readonly random: RandomStream;
  /** The profile's Filter plugins run in order on one node (for preemption's what-if runs). */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Result;
  /** Runs every Filter plugin's AddPod/RemovePod extension on the cycle state (preemption). */
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): Result;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): Result;
  /** The scheduler's nominator (preemption reads and updates nominations). */
  readonly nominator: Nominator;
  /**
   * Preemption's eviction of a victim: the scheduler deletes the pod (through
   * the API in a cluster simulation, after marking it with the DisruptionTarget
   * condition) and the cache forgets it when the deletion is observed.
   */
  evictPod(victim: PodInfo, preemptor: PodInfo): void;
  /** Clears status.nominatedNodeName of pods that lose their nomination to a preemptor. */
  clearNominatedNodeName(pods: readonly PodInfo[]): void;
}

/** Every plugin has a name; extension points are optional methods, as Go interfaces. */
export interface Plugin {
  readonly name: string;
}

/** Sorts the active queue (QueueSortPlugin). */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfoView, b: QueuedPodInfoView): boolean;
}

/** The parts of a queued pod that queue sorting reads. */
export interface QueuedPodInfoView {
  readonly podInfo: PodInfo;
  /** When the pod was added or re-added to the queue, in µs of simulated time. */
  readonly timestamp: number;
}

/** Gates a pod before it enters the active queue (PreEnqueuePlugin). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Result;
}

/** AddPod/RemovePod: keep PreFilter state right when preemption adds or removes pods. */
export interface PreFilterExtensions {
  addPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): Result;
  removePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): Result;
}

/** PreFilter: computes per-cycle state; Skip means the plugin's Filter is not called this cycle. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Result };
  preFilterExtensions?(): PreFilterExtensions | null;
}

/**
 * Filter: can the pod run on this node? `null` (Success) or a rejection.
 * `filterNodes`, when present, is the whole-table fast path: it must give, for
 * each node, the same code `filter` would (0 Success, else the Code), writing
 * into `codes[k]` for `rows[k]`; reasons come from `filter` when needed.
 */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Result;
  filterNodes?(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void;
  /**
   * The Status {@link filter} gives every node it rejects with `code` in this
   * cycle, when that depends on nothing about the node (optional; null: ask
   * filter node by node). A failed attempt then records the rejections of
   * the whole-table path without calling filter again on each node.
   */
  sharedRejection?(state: CycleState, pod: PodInfo, code: Code): Status | null;
  /**
   * True when the verdict on a node depends only on the pod (and its PreFilter
   * state) and on that node, whose NodeTable row generation moves with any
   * change to it; never on other nodes. A pod's verdicts on unchanged nodes
   * are then remembered from one failed attempt to the next.
   */
  readonly rowLocal?: boolean;
}

/** PostFilter: runs when no node fits (DefaultPreemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, statuses: NodeStatusReader): { nominatedNodeName?: string; status: Result };
}

/** The Filter verdicts of a cycle, per node name. */
export interface NodeStatusReader {
  /** The rejection of a node, or null when it passed (or was not checked). */
  get(nodeName: string): Status | null;
  /** Names of the rejected nodes, in scan order. */
  rejectedNodes(): readonly string[];
  /** The code of a node's status without computing its reasons (Success for a node that passed). */
  codeOf(nodeName: string): Code;
  /** {@link codeOf} for a node of the cycle's snapshot, found by its table row. */
  codeOfNode(node: NodeInfo): Code;
  /** The nodes of `allNodes`, in order, whose code is `code`, when known without asking node by node; else null. */
  nodesWithCode?(code: Code, allNodes: readonly NodeInfo[]): NodeInfo[] | null;
  /** The status of every node PreFilter ruled out (those without an explicit status), or null. */
  absentNodesStatus(): Status | null;
}

/** PreScore: computes per-cycle scoring state; Skip means the plugin's Score is not called. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Result;
}

/**
 * Score: an integer score of the node, before NormalizeScore and weight.
 * `scoreNodes`, when present, is the whole-table fast path: raw scores for
 * `rows[k]` into `out[k]`, identical to `score`.
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  scoreNodes?(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void;
  /** Rescales the raw scores to [0, 100] in place (ScoreExtensions). */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScoreList): Result;
}

/** Reserve/Unreserve: claim per-node resources before binding, release them on failure. */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Result;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** Permit: approve, deny or delay (Wait with a timeout in µs) the binding. */
export interface PermitPlugin extends Plugin {
  permit(state: CycleState, pod: PodInfo, nodeName: string): { status: Result; timeout?: number };
}

/** PreBind, Bind and PostBind. Bind returns Skip to pass the pod to the next binder. */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Result;
}
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): Result;
}
export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** The cluster events a plugin's rejections may be lifted by, with queueing hints (EnqueueExtensions). */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

/** Builds a plugin from its args (the `pluginConfig` entry) and the framework handle. */
export type PluginFactory = (args: Readonly<Record<string, unknown>> | undefined, handle: Handle) => Plugin;
