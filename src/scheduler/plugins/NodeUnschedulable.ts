/**
 * NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable,
 * v1.34.1): a cordoned node (spec.unschedulable) takes only pods that
 * tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../../api/taints.js';
import type { Taint, Toleration } from '../../api/types.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, Handle } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, unresolvable, type Result } from '../framework/Status.js';
import { asNodes, asPods } from './helper/hintObjects.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.NodeUnschedulable). */
export const NAME = 'NodeUnschedulable';
/** ErrReasonUnschedulable. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

/** True when the tolerations tolerate `node.kubernetes.io/unschedulable:NoSchedule`. */
export function toleratesUnschedulable(tolerations: readonly Toleration[] | undefined): boolean {
  return tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT);
}

/** Rejects cordoned nodes for pods that do not tolerate the unschedulable taint. */
export class NodeUnschedulablePlugin implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  private readonly handle: Handle;

  constructor(handle: Handle) {
    this.handle = handle;
  }

  /** UnschedulableAndUnresolvable on a cordoned node, unless the pod tolerates the unschedulable taint. */
  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    if (node.node.spec?.unschedulable !== true) return null;
    return toleratesUnschedulable(pod.tolerations) ? null : unresolvable(ERR_REASON_UNSCHEDULABLE);
  }

  /** The whole-table Filter: the NodeTable's unschedulable column, the toleration checked once. */
  filterNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const table = this.handle.snapshot.table;
    if (table.unschedulableCount === 0 || toleratesUnschedulable(pod.tolerations)) {
      codes.fill(0, 0, count);
      return;
    }
    const cordoned = table.unschedulable;
    for (let k = 0; k < count; k++) codes[k] = cordoned[rows[k]!] === 1 ? Code.UnschedulableAndUnresolvable : 0;
  }

  /**
   * Node Add | UpdateNodeTaint (queued when the node turns schedulable) and
   * Pod UpdatePodToleration (queued when the pod itself now tolerates the taint).
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'NodeAdd|NodeTaintChange' },
        hint: (_pod, oldObj, newObj): QueueingHint => {
          const { ok, oldObj: oldNode, newObj: newNode } = asNodes(oldObj, newObj);
          if (!ok || newNode === undefined) return 'Queue';
          const wasSchedulable = oldNode !== undefined && oldNode.spec?.unschedulable !== true;
          const isSchedulable = newNode.spec?.unschedulable !== true;
          return !wasSchedulable && isSchedulable ? 'Queue' : 'QueueSkip';
        },
      },
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodToleration, label: 'PodTolerationChange' },
        hint: (pod, oldObj, newObj): QueueingHint => {
          const { ok, newObj: modified } = asPods(oldObj, newObj);
          if (!ok || modified === undefined) return 'Queue';
          if (modified.metadata.uid !== pod.metadata.uid) return 'QueueSkip';
          return toleratesUnschedulable(modified.spec.tolerations) ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

/** NodeUnschedulable's registry entry (no args). */
export const NodeUnschedulable: PluginModule<undefined> = {
  name: NAME,
  factory(_args, handle) {
    return new NodeUnschedulablePlugin(handle);
  },
};
