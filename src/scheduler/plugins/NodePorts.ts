/**
 * NodePorts (pkg/scheduler/framework/plugins/nodeports, v1.34.1): the host
 * ports the pod wants must be free on the node. PreFilter Skips the plugin for
 * pods without host ports, which is nearly every pod, so Filter needs no
 * whole-table path.
 */
import type { Pod } from '../../api/types.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import { HostPortInfo } from '../framework/HostPortInfo.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import { PodInfo, type HostPort } from '../framework/PodInfo.js';
import { errorStatus, SKIP, unschedulable, type Result } from '../framework/Status.js';
import { asPods } from './helper/hintObjects.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.NodePorts). */
export const NAME = 'NodePorts';
/** CycleState key of the PreFilter state (upstream's preFilterStateKey). */
export const PRE_FILTER_STATE_KEY = 'PreFilter' + NAME;
/** ErrReason when a wanted host port is taken. */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

/** fitsPorts: none of the wanted ports conflicts with the ports in use. */
export function fitsPorts(want: readonly HostPort[], inUse: HostPortInfo): boolean {
  for (const p of want) if (inUse.conflicts(p)) return false;
  return true;
}

/**
 * The host ports of a pod object (util.GetHostPorts: app containers and
 * sidecar init containers, hostPort > 0), for queueing hints, which get Pods.
 * TODO: use an exported helper of PodInfo.ts if one appears (it computes the same list privately).
 */
function hostPortsOf(pod: Pod): readonly HostPort[] {
  return new PodInfo(pod).hostPorts;
}

/** Checks the pod's host ports against those in use on the node. */
export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  private readonly handle: Handle;

  constructor(handle: Handle) {
    this.handle = handle;
  }

  /** Skip without host ports; otherwise keeps the wanted ports (already normalised by PodInfo) for Filter. */
  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Result } {
    if (pod.hostPorts.length === 0) return { status: SKIP };
    state.write(PRE_FILTER_STATE_KEY, pod.hostPorts);
    return { status: null };
  }

  /** None: the wanted ports do not depend on other pods. */
  preFilterExtensions(): PreFilterExtensions | null {
    return null;
  }

  /** Unschedulable when a wanted port is in use. */
  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Result {
    const want = state.read<readonly HostPort[]>(PRE_FILTER_STATE_KEY);
    if (want === undefined) return errorStatus(`reading "${PRE_FILTER_STATE_KEY}" from cycleState: not found`);
    return fitsPorts(want, node.usedPorts) ? null : unschedulable(ERR_REASON);
  }

  /**
   * Pod Delete, queued when the deleted pod was scheduled (or nominated) and
   * held a port the pod wants; Node Add (plus UpdateNodeTaint |
   * UpdateNodeLabel without queueing hints), always queued.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const nodeActions = this.handle.featureGates.enabled('SchedulerQueueingHints')
      ? ActionType.Add
      : ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel;
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete, label: 'PodDelete' },
        hint: (pod, oldObj, newObj): QueueingHint => {
          const { ok, oldObj: deleted } = asPods(oldObj, newObj);
          if (!ok || deleted === undefined) return 'Queue';
          if ((deleted.spec.nodeName ?? '') === '' && (deleted.status?.nominatedNodeName ?? '') === '') return 'QueueSkip';
          const freed = hostPortsOf(deleted);
          if (freed.length === 0) return 'QueueSkip';
          const inUse = new HostPortInfo();
          for (const p of freed) inUse.add(p);
          return fitsPorts(hostPortsOf(pod), inUse) ? 'QueueSkip' : 'Queue';
        },
      },
      { event: { resource: 'Node', actionType: nodeActions, label: 'NodeAdd' } },
    ];
  }
}

/** NodePorts' registry entry (no args). */
export const NodePorts: PluginModule<undefined> = {
  name: NAME,
  factory(_args, handle) {
    return new NodePortsPlugin(handle);
  },
};
