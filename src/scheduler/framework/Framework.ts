import type { CycleState } from './CycleState.js';
import type {
  BindPlugin,
  FilterPlugin,
  PermitPlugin,
  PostBindPlugin,
  PostFilterPlugin,
  NodeStatusReader,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
  Plugin,
  EnqueueExtensions,
} from './interfaces.js';
import type { NodeInfo } from './NodeInfo.js';
import type { PodInfo } from './PodInfo.js';
import { Code, errorStatus, Status, type Result } from './Status.js';

/** A Score plugin with its weight. */
export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** How selectHost breaks ties among the nodes with the top total score. */
export type TieBreak =
  /** kube-scheduler's way: uniformly at random (reservoir sampling) from the run's seeded stream. */
  | { kind: 'random' }
  /** The node whose name sorts first. */
  | { kind: 'nodeName' }
  /** The node ranked first in a fixed order (a seeded permutation of the nodes, as the FGD paper's simulator). */
  | { kind: 'priority'; rank: (node: NodeInfo) => number };

/** The plugins of one profile at each extension point, in order (a resolved KubeSchedulerProfile). */
export interface ProfilePlugins {
  queueSort: QueueSortPlugin;
  preEnqueue: PreEnqueuePlugin[];
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  postFilter: PostFilterPlugin[];
  preScore: PreScorePlugin[];
  score: WeightedScorePlugin[];
  reserve: ReservePlugin[];
  permit: PermitPlugin[];
  preBind: PreBindPlugin[];
  bind: BindPlugin[];
  postBind: PostBindPlugin[];
  /** Every distinct plugin instance of the profile (for EnqueueExtensions). */
  all: Plugin[];
}

/** A profile ready to run: its name, plugins, percentageOfNodesToScore and tie-break. */
export interface Profile {
  schedulerName: string;
  plugins: ProfilePlugins;
  /** The profile's percentageOfNodesToScore, or undefined to use the global one. */
  percentageOfNodesToScore: number | undefined;
  tieBreak: TieBreak;
}

/**
 * Runs a profile's plugins at each extension point, in profile order, as
 * kube-scheduler's frameworkImpl: statuses get the plugin's name, Skip from
 * PreFilter / PreScore drops that plugin's Filter / Score for the cycle, and
 * the first rejection at Filter wins.
 */
export class Framework {
  readonly profile: Profile;

  constructor(profile: Profile) {
    this.profile = profile;
  }

  get plugins(): ProfilePlugins {
    return this.profile.plugins;
  }

  /** Plugins that register cluster events (EnqueueExtensions). */
  enqueueExtensions(): EnqueueExtensions[] {
    return this.plugins.all.filter((p): p is EnqueueExtensions => typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function');
  }

  /** PreEnqueue: the first plugin that says no keeps the pod out of the active queue. */
  runPreEnqueuePlugins(pod: PodInfo): Result {
    for (const p of this.plugins.preEnqueue) {
      const s = p.preEnqueue(pod);
      if (s !== null) return named(s, p.name);
    }
    return null;
  }

  /**
   * PreFilter, as RunPreFilterPlugins: Skip is recorded in the state;
   * UnschedulableAndUnresolvable (or an error) stops at once; Unschedulable is
   * returned after every plugin ran (preemption needs their state); node-name
   * results are intersected, and an empty intersection rejects every node.
   */
  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result: PreFilterResult; status: Result } {
    let nodeNames: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    let rejection: Status | null = null;
    for (const p of this.plugins.preFilter) {
      const { result, status } = p.preFilter(state, pod, nodes);
      if (status !== null) {
        if (status.code === Code.Skip) {
          state.skipFilterPlugins.add(p.name);
          continue;
        }
        named(status, p.name);
        if (status.code === Code.Unschedulable) {
          rejection ??= status;
          continue;
        }
        if (status.code === Code.UnschedulableAndUnresolvable) return { result: {}, status };
        return { result: {}, status: named(errorStatus(`running PreFilter plugin "${p.name}": ${status.message()}`), p.name) };
      }
      const names = result?.nodeNames;
      if (names === undefined) continue;
      pluginsWithNodes.push(p.name);
      nodeNames = nodeNames === undefined ? new Set(names) : new Set([...nodeNames].filter((n) => names.has(n)));
      if (nodeNames.size === 0) {
        const sorted = [...pluginsWithNodes].sort();
        const msg =
          sorted.length === 1 ? `node(s) didn't satisfy plugin ${sorted[0]}` : `node(s) didn't satisfy plugin(s) [${sorted.join(' ')}] simultaneously`;
        return { result: { nodeNames }, status: new Status(Code.UnschedulableAndUnresolvable, [msg]) };
      }
    }
    return { result: nodeNames === undefined ? {} : { nodeNames }, status: rejection };
  }

  /** Filter on one node: the profile's plugins in order, the first rejection wins. */
  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    for (const p of this.plugins.filter) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      const s = p.filter(state, pod, node);
      if (s !== null) {
        if (s.code === Code.Skip) continue;
        return named(s, p.name);
      }
    }
    return null;
  }

  /** AddPod on every Filter plugin's PreFilterExtensions (preemption and nominated pods). */
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, toAdd: PodInfo, node: NodeInfo): Result {
    for (const p of this.plugins.preFilter) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      const ext = p.preFilterExtensions?.() ?? null;
      if (ext === null) continue;
      const s = ext.addPod(state, pod, toAdd, node);
      if (s !== null) return named(errorStatus(`running AddPod on PreFilter plugin "${p.name}": ${s.message()}`), p.name);
    }
    return null;
  }

  /** RemovePod on every Filter plugin's PreFilterExtensions. */
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, toRemove: PodInfo, node: NodeInfo): Result {
    for (const p of this.plugins.preFilter) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      const ext = p.preFilterExtensions?.() ?? null;
      if (ext === null) continue;
      const s = ext.removePod(state, pod, toRemove, node);
      if (s !== null) return named(errorStatus(`running RemovePod on PreFilter plugin "${p.name}": ${s.message()}`), p.name);
    }
    return null;
  }

  /**
   * PostFilter, as RunPostFilterPlugins: the first Success or
   * UnschedulableAndUnresolvable ends it; otherwise the rejections' reasons are
   * joined, the first rejecting plugin named, and the last non-noop nomination
   * kept (`''` clears a nomination; undefined leaves it as it is).
   */
  runPostFilterPlugins(state: CycleState, pod: PodInfo, statuses: NodeStatusReader): { nominatedNodeName: string | undefined; status: Status | null } {
    let nominated: string | undefined;
    const reasons: string[] = [];
    let rejector = '';
    for (const p of this.plugins.postFilter) {
      const r = p.postFilter(state, pod, statuses);
      const s = r.status;
      if (s === null) return { nominatedNodeName: r.nominatedNodeName, status: null };
      if (s.code === Code.UnschedulableAndUnresolvable) return { nominatedNodeName: r.nominatedNodeName, status: named(s, p.name) };
      if (!s.isRejected()) return { nominatedNodeName: undefined, status: named(errorStatus(s.message()), p.name) };
      if (r.nominatedNodeName !== undefined) nominated = r.nominatedNodeName;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = p.name;
    }
    return { nominatedNodeName: nominated, status: new Status(Code.Unschedulable, reasons, rejector) };
  }

  /** PreScore. Plugins returning Skip are recorded in the state; any other non-success is an error. */
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Result {
    for (const p of this.plugins.preScore) {
      const s = p.preScore(state, pod, nodes);
      if (s === null) continue;
      if (s.code === Code.Skip) {
        state.skipScorePlugins.add(p.name);
        continue;
      }
      return named(errorStatus(`running PreScore plugin "${p.name}": ${s.message()}`), p.name);
    }
    return null;
  }

  /** Reserve in order; on a failure, Unreserve runs for every Reserve plugin in reverse order. */
  runReservePlugins(state: CycleState, pod: PodInfo, nodeName: string): Result {
    for (const p of this.plugins.reserve) {
      const s = p.reserve(state, pod, nodeName);
      if (s !== null) {
        this.runUnreservePlugins(state, pod, nodeName);
        return named(s, p.name);
      }
    }
    return null;
  }

  runUnreservePlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.plugins.reserve.length - 1; i >= 0; i--) this.plugins.reserve[i]!.unreserve(state, pod, nodeName);
  }

  /** Permit: a rejection wins; otherwise Wait with the shortest timeout if any plugin waits. */
  runPermitPlugins(state: CycleState, pod: PodInfo, nodeName: string): { status: Result; timeout: number } {
    let wait: Status | null = null;
    let timeout = Infinity;
    for (const p of this.plugins.permit) {
      const r = p.permit(state, pod, nodeName);
      if (r.status === null) continue;
      if (r.status.code === Code.Wait) {
        wait = named(r.status, p.name);
        timeout = Math.min(timeout, r.timeout ?? 0);
        continue;
      }
      return { status: named(r.status, p.name), timeout: 0 };
    }
    return { status: wait, timeout: wait === null ? 0 : timeout };
  }

  runPreBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Result {
    for (const p of this.plugins.preBind) {
      const s = p.preBind(state, pod, nodeName);
      if (s !== null) return named(s, p.name);
    }
    return null;
  }

  /** Bind: the first binder that does not Skip decides. */
  runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Result {
    for (const p of this.plugins.bind) {
      const s = p.bind(state, pod, nodeName);
      if (s !== null && s.code === Code.Skip) continue;
      return s === null ? null : named(s, p.name);
    }
    return named(errorStatus('no bind plugin bound the pod'), '');
  }

  runPostBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (const p of this.plugins.postBind) p.postBind(state, pod, nodeName);
  }
}

/** Sets the plugin name on a status that has none, and returns it. */
function named(s: Status, plugin: string): Status {
  if (s.plugin === '') s.plugin = plugin;
  return s;
}
