/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go,
 * v1.34.1): Filter — does the node have room for the pod's requests, and for
 * one more pod; Score — LeastAllocated, MostAllocated or
 * RequestedToCapacityRatio over the configured resources. Both have
 * whole-table fast paths over the NodeTable.
 */
import { RowMemo } from './helper/RowMemo.js';
import { isRestartableInitContainer } from '../../api/podRequests.js';
import type { CycleState } from '../framework/CycleState.js';
import type { ClusterEventWithHint } from '../framework/events.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, errorStatus, Status, type Result } from '../framework/Status.js';
import { assertValidArgs } from './noderesources/argsErrors.js';
import { defaultNodeResourcesFitArgs, validateNodeResourcesFitArgs, type NodeResourcesFitArgs } from './noderesources/fitArgs.js';
import { fitEventsToRegister } from './noderesources/fitEvents.js';
import { FitRequest, filterRows, insufficientResources } from './noderesources/fitRequest.js';
import { leastResourceScorer } from './noderesources/leastAllocated.js';
import { mostResourceScorer } from './noderesources/mostAllocated.js';
import { requestedToCapacityRatioScorer } from './noderesources/requestedToCapacityRatio.js';
import { ResourceAllocationScorer, type ResourceScorer } from './noderesources/resourceAllocation.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's args type, defined with its defaulting and validation in noderesources/fitArgs.ts. */
export type { NodeResourcesFitArgs } from './noderesources/fitArgs.js';

/** The plugin's name (names.NodeResourcesFit). */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
/** CycleState key of the PreFilter state (upstream's preFilterStateKey). */
export const FIT_PRE_FILTER_KEY = 'PreFilter' + NODE_RESOURCES_FIT;
/** CycleState key of the PreScore state (upstream's preScoreStateKey). */
export const FIT_PRE_SCORE_KEY = 'PreScore' + NODE_RESOURCES_FIT;

/** nodeResourceStrategyTypeMap: the strategy's scorer for the args. */
function strategyScorer(args: NodeResourcesFitArgs): ResourceScorer {
  const s = args.scoringStrategy;
  if (s === undefined) throw new Error('scoring strategy not specified');
  switch (s.type) {
    case 'LeastAllocated':
      return leastResourceScorer(s.resources);
    case 'MostAllocated':
      return mostResourceScorer(s.resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScorer(s.resources, s.requestedToCapacityRatio?.shape ?? []);
    default:
      throw new Error(`scoring strategy ${s.type} is not supported`);
  }
}

/** The Fit plugin: Filter with PreFilter state, and a scoring strategy (fit.go Fit). */
export class NodeResourcesFitPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NODE_RESOURCES_FIT;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  readonly args: NodeResourcesFitArgs;
  private readonly handle: Handle;
  private readonly ignoredResources: ReadonlySet<string>;
  private readonly ignoredResourceGroups: ReadonlySet<string>;
  private readonly allocation: ResourceAllocationScorer;
  private readonly filterMemo = new RowMemo();
  private missCodes = new Uint8Array(64);

  constructor(args: NodeResourcesFitArgs, handle: Handle) {
    this.args = args;
    this.handle = handle;
    this.ignoredResources = new Set(args.ignoredResources);
    this.ignoredResourceGroups = new Set(args.ignoredResourceGroups);
    this.allocation = new ResourceAllocationScorer(args.scoringStrategy?.resources ?? [], false, strategyScorer(args));
  }

  /**
   * Computes the pod's requests once for the cycle. A pod with a sidecar
   * (restartable init container) is UnschedulableAndUnresolvable when the
   * SidecarContainers gate is off.
   */
  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Result } {
    if (!this.handle.featureGates.enabled('SidecarContainers') && (pod.pod.spec.initContainers ?? []).some(isRestartableInitContainer)) {
      return {
        status: new Status(Code.UnschedulableAndUnresolvable, [
          'Pod has a restartable init container and the SidecarContainers feature is disabled',
        ]),
      };
    }
    state.write(FIT_PRE_FILTER_KEY, new FitRequest(pod.requests, this.ignoredResources, this.ignoredResourceGroups));
    return { status: null };
  }

  /** None: the state does not depend on other pods. */
  preFilterExtensions(): PreFilterExtensions | null {
    return null;
  }

  private request(state: CycleState): FitRequest | undefined {
    return state.read<FitRequest>(FIT_PRE_FILTER_KEY);
  }

  /** "Too many pods", "Insufficient cpu", ...: Unschedulable, or UnschedulableAndUnresolvable when a request exceeds allocatable. */
  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Result {
    const req = this.request(state);
    if (req === undefined) return errorStatus(`error reading "${FIT_PRE_FILTER_KEY}" from cycleState: not found`);
    const missing = insufficientResources(req, node);
    if (missing.length === 0) return null;
    const code = missing.some((r) => r.unresolvable) ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
    return new Status(code, missing.map((r) => r.reason));
  }

  /** The whole-table Filter: the codes {@link filter} would give, from the NodeTable's columns. */
  filterNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    // Verdicts of unchanged nodes for the same requests are remembered (RowMemo).
    const req = this.request(state);
    if (req === undefined) {
      codes.fill(Code.Error, 0, count);
      return;
    }
    const table = this.handle.snapshot.table;
    this.filterMemo.fillCodes(table, req.key, rows, count, codes, (r, c, o) => {
      const sub = this.codesOf(c);
      filterRows(req, table, r, c, sub);
      for (let k = 0; k < c; k++) o[k] = sub[k]!;
    });
  }

  /** A scratch array for Filter codes of the rows the memo misses. */
  private codesOf(n: number): Uint8Array {
    if (this.missCodes.length < n) this.missCodes = new Uint8Array(Math.max(n, this.missCodes.length * 2));
    return this.missCodes;
  }

  /** Computes the pod's request of each configured resource (non-zero defaults for cpu and memory). */
  preScore(state: CycleState, pod: PodInfo): Result {
    state.write(FIT_PRE_SCORE_KEY, this.allocation.podRequestList(pod));
    return null;
  }

  private podRequests(state: CycleState, pod: PodInfo): Float64Array {
    return state.read<Float64Array>(FIT_PRE_SCORE_KEY) ?? this.allocation.podRequestList(pod);
  }

  /**
   * The strategy's score. (Upstream returns an Error status when the resource
   * list is empty, which defaulting never leaves; the score is then 0 here.)
   */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    return this.allocation.scoreNode(node, this.podRequests(state, pod));
  }

  /** The whole-table Score, identical to {@link score}. */
  scoreNodes(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    this.allocation.scoreRows(this.handle.snapshot.table, this.podRequests(state, pod), rows, count, out);
  }

  /** Pod Delete | UpdatePodScaleDown and Node Add | UpdateNodeAllocatable, with upstream's hints (see noderesources/fitEvents.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return fitEventsToRegister(this.handle.featureGates);
  }
}

/** NodeResourcesFit's registry entry. */
export const NodeResourcesFit: PluginModule<NodeResourcesFitArgs> = {
  name: NODE_RESOURCES_FIT,
  argsKind: 'NodeResourcesFitArgs',
  defaultArgs: defaultNodeResourcesFitArgs,
  validateArgs: validateNodeResourcesFitArgs,
  factory(args, handle) {
    assertValidArgs(NODE_RESOURCES_FIT, validateNodeResourcesFitArgs(args));
    return new NodeResourcesFitPlugin(args, handle);
  },
};
