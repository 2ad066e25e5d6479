import { NodeToStatus } from '../framework/NodeToStatus.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import { Code, Status } from '../framework/Status.js';
import { numFeasibleNodesToFind } from '../numFeasibleNodesToFind.js';
import type { CycleContext, Diagnosis } from './CycleContext.js';
import { feasibleList, feasibleRows, finish, pushFeasible } from './feasibleList.js';
import { passFilters } from './passFilters.js';

/** The outcome of findNodesThatFitPod. */
export interface FitResult {
  /** The feasible nodes (an array the next cycle may reuse: read it before then). */
  feasible: NodeInfo[];
  /** The rows of `feasible`, in the same order (reused by the next cycle). */
  feasibleRows: Int32Array;
  diagnosis: Diagnosis;
  /** sched.nextStartNodeIndex after this cycle. */
  nextStartNodeIndex: number;
  /** numFeasibleNodesToFind for this cycle. */
  numNodesToFind: number;
  /** A non-rejection failure (a plugin error). */
  error: Status | null;
}

/**
 * findNodesThatFitPod: PreFilter, then the nominated node first if the pod
 * has one, then Filter over the nodes in scan order from the round-robin start
 * until numFeasibleNodesToFind pass (sequentially, which is what a
 * deterministic replay of upstream's parallel scan means).
 */
export function findNodesThatFitPod(ctx: CycleContext): FitResult {
  const { framework, snapshot, state, pod } = ctx;
  const allNodes = snapshot.nodeInfoList();
  // Sized for a few rejections: it grows when a scan rejects many (a 50,000-node array per attempt would cost more than the scan).
  const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
  const done = (feasible: NodeInfo[], next: number, k: number, error: Status | null = null): FitResult => ({
    feasible,
    feasibleRows: feasibleRows.subarray(0, feasible.length),
    diagnosis,
    nextStartNodeIndex: next,
    numNodesToFind: k,
    error,
  });

  const { result: preRes, status } = framework.runPreFilterPlugins(state, pod, allNodes);
  if (status !== null) {
    if (!status.isRejected()) return done([], ctx.nextStartNodeIndex, 0, status);
    diagnosis.nodeToStatus.setAbsentNodesStatus(status);
    diagnosis.preFilterMsg = status.message();
    if (status.plugin !== '') diagnosis.unschedulablePlugins.add(status.plugin);
    return done([], ctx.nextStartNodeIndex, 0);
  }

  const nominated = pod.pod.status?.nominatedNodeName ?? '';
  if (nominated !== '' && ctx.exhaustive !== true) {
    const node = snapshot.get(nominated);
    if (node !== undefined && runFilterWithNominatedPods(ctx, node) === null) {
      const one = feasibleList(1);
      pushFeasible(one, node, node.index);
      return done(finish(one), ctx.nextStartNodeIndex, 1);
    }
  }

  let nodes = allNodes;
  if (preRes.nodeNames !== undefined) {
    // Upstream walks a Go map here (random order); kubesim keeps the scan order.
    nodes = nodesNamed(snapshot, allNodes, preRes.nodeNames);
    diagnosis.nodeToStatus.setAbsentNodesStatus(
      new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${[...diagnosis.unschedulablePlugins].sort().join(' ')}]`]),
    );
  }
  const k = ctx.exhaustive === true ? nodes.length : findCount(ctx, nodes.length);
  const feasible = passFilters(ctx, nodes, k, diagnosis);
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  const next = allNodes.length === 0 ? 0 : (ctx.nextStartNodeIndex + processed) % allNodes.length;
  return done(feasible, next, k);
}

function findCount(ctx: CycleContext, n: number): number {
  const fw = ctx.framework;
  // Without scoring only one feasible node is needed.
  if (fw.plugins.score.length === 0) return Math.min(1, n);
  return numFeasibleNodesToFind(ctx.percentageOfNodesToScore, fw.profile.percentageOfNodesToScore, n);
}

/** RunFilterPluginsWithNominatedPods on one node. */
export function runFilterWithNominatedPods(ctx: CycleContext, node: NodeInfo): Status | null {
  const { framework, state, pod } = ctx;
  const nominated = ctx.nominator?.nominatedPodsForNode(node.name) ?? [];
  let podsAdded = false;
  let stateToUse = state;
  let nodeToUse = node;
  const higher = nominated.filter((p) => p.priority >= pod.priority && p.uid !== pod.uid);
  if (higher.length > 0) {
    stateToUse = state.clone();
    nodeToUse = node.clone();
    for (const p of higher) {
      nodeToUse.addPod(p);
      const s = framework.runPreFilterExtensionAddPod(stateToUse, pod, p, nodeToUse);
      if (s !== null) return s;
    }
    podsAdded = true;
  }
  const first = framework.runFilterPlugins(stateToUse, pod, nodeToUse);
  if (first !== null || !podsAdded) return first;
  return framework.runFilterPlugins(state, pod, node);
}

/**
 * The nodes of `allNodes` whose names PreFilter kept, in scan order. A
 * DaemonSet pod names one node (NodeAffinity's matchFields): look it up
 * rather than test every node's name, which at 15,000 nodes was most of a
 * DaemonSet pod's cycle.
 */
function nodesNamed(snapshot: CycleContext['snapshot'], allNodes: readonly NodeInfo[], names: ReadonlySet<string>): NodeInfo[] {
  if (names.size === 1) {
    const node = snapshot.get(names.values().next().value!);
    return node === undefined ? [] : [node];
  }
  if (names.size * 16 >= allNodes.length) return allNodes.filter((n) => names.has(n.name));
  // A few names: their rows, then one pass over the scan's rows keeps the scan order.
  const wanted = new Set<number>();
  for (const name of names) {
    const node = snapshot.get(name);
    if (node !== undefined) wanted.add(node.index);
  }
  const rows = snapshot.scanRows();
  const out: NodeInfo[] = [];
  for (let i = 0; i < rows.length && out.length < wanted.size; i++) if (wanted.has(rows[i]!)) out.push(allNodes[i]!);
  return out;
}
