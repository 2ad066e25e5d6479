/**
 * NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go,
 * v1.34.1): favours nodes whose requested fractions of the configured
 * resources, with the pod, are close to each other. PreScore skips the plugin
 * for pods that request none of them (issue #129138). Score-only, with a
 * whole-table fast path over the NodeTable.
 */
import { child, duplicate, index, invalid, type FieldError } from '../../api/validation/field.js';
import type { CycleState } from '../framework/CycleState.js';
import type { Handle, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { SKIP, type Result } from '../framework/Status.js';
import { assertValidArgs, toArgsErrors } from './noderesources/argsErrors.js';
import { balancedResourceScorer } from './noderesources/balancedAllocation.js';
import { ResourceAllocationScorer } from './noderesources/resourceAllocation.js';
import { defaultedResourceSpecs, resourceSpecsFrom, type ResourceSpec } from './noderesources/ResourceSpec.js';
import type { ArgsError, PluginModule } from './PluginModule.js';

/** The plugin's name (names.NodeResourcesBalancedAllocation). */
export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';
/** CycleState key of the PreScore state (upstream's balancedAllocationPreScoreStateKey). */
export const BALANCED_ALLOCATION_PRE_SCORE_KEY = 'PreScore' + NODE_RESOURCES_BALANCED_ALLOCATION;

/** config.NodeResourcesBalancedAllocationArgs. */
export interface NodeResourcesBalancedAllocationArgs {
  resources: ResourceSpec[];
}

/** SetDefaults_NodeResourcesBalancedAllocationArgs: no resources → cpu and memory; a weight of 0 → 1. */
export function defaultNodeResourcesBalancedAllocationArgs(raw: unknown): NodeResourcesBalancedAllocationArgs {
  const o = (raw ?? {}) as Record<string, unknown>;
  return { resources: defaultedResourceSpecs(resourceSpecsFrom(o['resources'])) };
}

/** ValidateNodeResourcesBalancedAllocationArgs: no resource twice; every weight exactly 1. */
export function validateNodeResourcesBalancedAllocationArgs(args: NodeResourcesBalancedAllocationArgs): ArgsError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  args.resources.forEach((r, i) => {
    const path = index('resources', i);
    if (seen.has(r.name)) errs.push(duplicate(child(path, 'name'), r.name));
    else seen.add(r.name);
    if (r.weight !== 1) errs.push(invalid(child(path, 'weight'), r.weight, 'must be 1'));
  });
  return toArgsErrors(errs);
}

/** The BalancedAllocation plugin: Requested (not the non-zero defaults) for the node's load and the pod's requests. */
export class NodeResourcesBalancedAllocationPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = NODE_RESOURCES_BALANCED_ALLOCATION;
  readonly args: NodeResourcesBalancedAllocationArgs;
  private readonly handle: Handle;
  private readonly allocation: ResourceAllocationScorer;

  constructor(args: NodeResourcesBalancedAllocationArgs, handle: Handle) {
    this.args = args;
    this.handle = handle;
    this.allocation = new ResourceAllocationScorer(args.resources, true, balancedResourceScorer());
  }

  /** The pod's request of each resource; Skip when all are 0 (best-effort pods). */
  preScore(state: CycleState, pod: PodInfo): Result {
    const podRequests = this.allocation.podRequestList(pod);
    if (ResourceAllocationScorer.isBestEffort(podRequests)) return SKIP;
    state.write(BALANCED_ALLOCATION_PRE_SCORE_KEY, podRequests);
    return null;
  }

  /** PreScore's requests, or computed here when PreScore did not run (0 for a best-effort pod, as upstream). */
  private podRequests(state: CycleState, pod: PodInfo): Float64Array | null {
    const s = state.read<Float64Array>(BALANCED_ALLOCATION_PRE_SCORE_KEY);
    if (s !== undefined) return s;
    const podRequests = this.allocation.podRequestList(pod);
    return ResourceAllocationScorer.isBestEffort(podRequests) ? null : podRequests;
  }

  /** int64((1 − std of the requested fractions) × 100). */
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const podRequests = this.podRequests(state, pod);
    return podRequests === null ? 0 : this.allocation.scoreNode(node, podRequests);
  }

  /** The whole-table Score, identical to {@link score}. */
  scoreNodes(state: CycleState, pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const podRequests = this.podRequests(state, pod);
    if (podRequests === null) out.fill(0, 0, count);
    else this.allocation.scoreRows(this.handle.snapshot.table, podRequests, rows, count, out);
  }
}

/** NodeResourcesBalancedAllocation's registry entry. */
export const NodeResourcesBalancedAllocation: PluginModule<NodeResourcesBalancedAllocationArgs> = {
  name: NODE_RESOURCES_BALANCED_ALLOCATION,
  argsKind: 'NodeResourcesBalancedAllocationArgs',
  defaultArgs: defaultNodeResourcesBalancedAllocationArgs,
  validateArgs: validateNodeResourcesBalancedAllocationArgs,
  factory(args, handle) {
    assertValidArgs(NODE_RESOURCES_BALANCED_ALLOCATION, validateNodeResourcesBalancedAllocationArgs(args));
    return new NodeResourcesBalancedAllocationPlugin(args, handle);
  },
};
