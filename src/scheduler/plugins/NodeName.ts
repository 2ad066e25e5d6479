/**
 * NodeName (pkg/scheduler/framework/plugins/nodename, v1.34.1): a pod with
 * spec.nodeName set fits only the node of that name.
 */
import type { Node, Pod } from '../../api/types.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, Handle } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, unresolvable, type Result } from '../framework/Status.js';
import { asNodes } from './helper/hintObjects.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.NodeName). */
export const NAME = 'NodeName';
/** ErrReason when the node's name is not the pod's spec.nodeName. */
export const ERR_REASON = "node(s) didn't match the requested node name";

/** Fits: the pod names no node, or names this one. */
export function fits(pod: Pod, node: Node): boolean {
  const want = pod.spec.nodeName ?? '';
  return want === '' || want === (node.metadata.name ?? '');
}

/** Checks that the pod's spec.nodeName, when set, is the node's name. */
export class NodeNamePlugin implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  private readonly handle: Handle;

  constructor(handle: Handle) {
    this.handle = handle;
  }

  /** UnschedulableAndUnresolvable on any node but the named one. */
  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    const want = pod.nodeName;
    return want === '' || want === node.name ? null : unresolvable(ERR_REASON);
  }

  /** The whole-table Filter: one name comparison per row, none for a pod that names no node. */
  filterNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const want = pod.nodeName;
    if (want === '') {
      codes.fill(0, 0, count);
      return;
    }
    const infos = this.handle.snapshot.table.infos;
    for (let k = 0; k < count; k++) codes[k] = infos[rows[k]!]!.name === want ? 0 : Code.UnschedulableAndUnresolvable;
  }

  /** Node Add (plus UpdateNodeTaint | UpdateNodeLabel without queueing hints); the hint queues only for the named node. */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const actionType = this.handle.featureGates.enabled('SchedulerQueueingHints')
      ? ActionType.Add
      : ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel;
    return [
      {
        event: { resource: 'Node', actionType, label: 'NodeAdd' },
        hint: (pod, oldObj, newObj): QueueingHint => {
          const { ok, newObj: node } = asNodes(oldObj, newObj);
          if (!ok || node === undefined) return 'Queue';
          return fits(pod, node) ? 'Queue' : 'QueueSkip';
        },
      },
    ];
  }
}

/** NodeName's registry entry (no args). */
export const NodeName: PluginModule<undefined> = {
  name: NAME,
  factory(_args, handle) {
    return new NodeNamePlugin(handle);
  },
};
