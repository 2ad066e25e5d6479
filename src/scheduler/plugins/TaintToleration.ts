/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/
 * taint_toleration.go, v1.34.1).
 *
 * Filter: the first NoSchedule/NoExecute taint of the node that none of the
 * pod's tolerations tolerates rejects the node as UnschedulableAndUnresolvable.
 * Score: the number of PreferNoSchedule taints the pod does not tolerate,
 * reversed by NormalizeScore (fewer intolerable taints, higher score).
 *
 * Both run on every candidate node, so both have a whole-table fast path that
 * reads the NodeTable's taint flags: a node without taints of the kind that
 * matters costs one typed-array read.
 */
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../../api/taints.js';
import type { Pod, Taint, Toleration } from '../../api/types.js';
import { TAINT_NO_SCHEDULE_OR_EXECUTE, TAINT_PREFER_NO_SCHEDULE, type NodeTable } from '../cache/NodeTable.js';
import type { CycleState } from '../framework/CycleState.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../framework/events.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  NodeScoreList,
  PreScorePlugin,
  ScorePlugin,
} from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/NodeInfo.js';
import type { PodInfo } from '../framework/PodInfo.js';
import { Code, unresolvable, type Result } from '../framework/Status.js';
import { asNodes, asPods } from './helper/hintObjects.js';
import { defaultNormalizeScore, MAX_NODE_SCORE } from './helper/normalizeScore.js';
import type { PluginModule } from './PluginModule.js';

/** The plugin's name (names.TaintToleration). */
export const NAME = 'TaintToleration';
/** Where PreScore keeps its state in the CycleState (preScoreStateKey). */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** The Filter reason for an untolerated taint, as upstream formats it: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

/** preScoreState: the pod's tolerations with effect PreferNoSchedule or empty. Read-only, so clones share it. */
export class PreScoreState {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
}

const EMPTY_PRE_SCORE_STATE = new PreScoreState([]);

/** getAllTolerationPreferNoSchedule: tolerations whose effect is empty (all effects) or PreferNoSchedule. */
export function tolerationsPreferNoSchedule(tolerations: readonly Toleration[]): Toleration[] {
  const out: Toleration[] = [];
  for (const t of tolerations) {
    const effect = t.effect ?? '';
    if (effect === '' || effect === 'PreferNoSchedule') out.push(t);
  }
  return out;
}

/** countIntolerableTaintsPreferNoSchedule: PreferNoSchedule taints none of the tolerations tolerates. */
export function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[], tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) n++;
  }
  return n;
}

/** True when one toleration tolerates every taint (empty key, operator Exists, empty effect). */
function toleratesEverything(tolerations: readonly Toleration[]): boolean {
  for (const t of tolerations) {
    if ((t.key ?? '') === '' && t.operator === 'Exists' && (t.effect ?? '') === '') return true;
  }
  return false;
}

/** Checks whether a pod tolerates a node's taints (Filter) and prefers nodes with fewer intolerable PreferNoSchedule taints (Score). */
export class TaintTolerationPlugin implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  /** The verdict on a node reads only the pod and that node. */
  readonly rowLocal = true;
  private readonly table: NodeTable;
  private readonly enableSchedulingQueueHint: boolean;
  /** filterNodes' verdict per taint list id (scratch, reused). */
  private verdicts = new Uint8Array(8);

  constructor(handle: Handle) {
    this.table = handle.snapshot.table;
    this.enableSchedulingQueueHint = handle.featureGates.enabled('SchedulerQueueingHints');
  }

  /** Filter: the first untolerated NoSchedule/NoExecute taint rejects the node. */
  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    const taint = findMatchingUntoleratedTaint(node.taints, pod.tolerations, doNotScheduleTaintsFilter);
    if (taint === undefined) return null;
    return unresolvable(untoleratedTaintReason(taint));
  }

  /**
   * Filter over table rows: nodes without NoSchedule/NoExecute taints pass on
   * one flag read; the others share a verdict per distinct taint list.
   */
  filterNodes(_state: CycleState, pod: PodInfo, rows: Int32Array, count: number, codes: Uint8Array): void {
    const table = this.table;
    if (table.taintedCount[TAINT_NO_SCHEDULE_OR_EXECUTE] === 0) {
      codes.fill(Code.Success, 0, count); // no node has a NoSchedule or NoExecute taint
      return;
    }
    const flags = table.taintFlags;
    const sets = table.taintSet;
    const lists = table.taintSets.lists;
    const tolerations = pod.tolerations;
    if (tolerations.length > 0 && toleratesEverything(tolerations)) {
      codes.fill(Code.Success, 0, count);
      return;
    }
    // The verdict per taint list id, this call: 0 not asked yet, else the Code + 1.
    if (this.verdicts.length < lists.length) this.verdicts = new Uint8Array(lists.length * 2);
    const verdicts = this.verdicts;
    verdicts.fill(0, 0, lists.length);
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      if ((flags[row]! & TAINT_NO_SCHEDULE_OR_EXECUTE) === 0) {
        codes[k] = Code.Success;
        continue;
      }
      const id = sets[row]!;
      let known = verdicts[id]!;
      if (known === 0) {
        known = 1 + (findMatchingUntoleratedTaint(lists[id], tolerations, doNotScheduleTaintsFilter) === undefined ? Code.Success : Code.UnschedulableAndUnresolvable);
        verdicts[id] = known;
      }
      codes[k] = known - 1;
    }
  }

  /** PreScore: keeps the tolerations that can tolerate PreferNoSchedule taints. */
  preScore(state: CycleState, pod: PodInfo): Result {
    const s = pod.tolerations.length === 0 ? EMPTY_PRE_SCORE_STATE : new PreScoreState(tolerationsPreferNoSchedule(pod.tolerations));
    state.write(PRE_SCORE_STATE_KEY, s);
    return null;
  }

  /** Score: the number of PreferNoSchedule taints the pod does not tolerate. */
  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) throw new Error(`failed to read "${PRE_SCORE_STATE_KEY}" from cycleState`);
    return countIntolerableTaintsPreferNoSchedule(node.taints, s.tolerationsPreferNoSchedule);
  }

  /** Score over table rows: nodes without PreferNoSchedule taints score 0 on one flag read. */
  scoreNodes(state: CycleState, _pod: PodInfo, rows: Int32Array, count: number, out: Float64Array): void {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (s === undefined) throw new Error(`failed to read "${PRE_SCORE_STATE_KEY}" from cycleState`);
    if (this.table.taintedCount[TAINT_PREFER_NO_SCHEDULE] === 0) {
      out.fill(0, 0, count); // no node has a PreferNoSchedule taint
      return;
    }
    const flags = this.table.taintFlags;
    const infos = this.table.infos;
    const tolerations = s.tolerationsPreferNoSchedule;
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      out[k] = (flags[row]! & TAINT_PREFER_NO_SCHEDULE) === 0 ? 0 : countIntolerableTaintsPreferNoSchedule(infos[row]!.taints, tolerations);
    }
  }

  /** NormalizeScore: DefaultNormalizeScore(MaxNodeScore, reverse). */
  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScoreList): Result {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return null;
  }

  /**
   * With queueing hints: Node Add/UpdateNodeTaint (hint: a node that now
   * tolerates) and Pod UpdatePodToleration (hint: the rejected pod itself
   * changed). Without them: Node Add/UpdateNodeTaint/UpdateNodeLabel.
   */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    const nodeHint = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint => isSchedulableAfterNodeChange(pod, oldObj, newObj);
    if (this.enableSchedulingQueueHint) {
      return [
        { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint }, hint: nodeHint },
        { event: { resource: 'Pod', actionType: ActionType.UpdatePodToleration }, hint: isSchedulableAfterPodTolerationChange },
      ];
    }
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel },
        hint: nodeHint,
      },
    ];
  }
}

/** isSchedulableAfterNodeChange: Queue when the node was untolerated (or new) and is now tolerated. */
export function isSchedulableAfterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const { ok, oldObj: original, newObj: modified } = asNodes(oldObj, newObj);
  if (!ok) return 'Queue';
  if (modified === undefined) return 'QueueSkip';
  const tolerations = pod.spec.tolerations ?? [];
  const wasUntolerated =
    original === undefined || findMatchingUntoleratedTaint(original.spec?.taints, tolerations, doNotScheduleTaintsFilter) !== undefined;
  const isUntolerated = findMatchingUntoleratedTaint(modified.spec?.taints, tolerations, doNotScheduleTaintsFilter) !== undefined;
  return wasUntolerated && !isUntolerated ? 'Queue' : 'QueueSkip';
}

/** isSchedulableAfterPodTolerationChange: Queue only when the updated pod is the rejected pod itself. */
export function isSchedulableAfterPodTolerationChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
  const { ok, newObj: modified } = asPods(oldObj, newObj);
  if (!ok) return 'Queue';
  if (modified === undefined) return 'QueueSkip';
  return (pod.metadata.uid ?? '') === (modified.metadata.uid ?? '') ? 'Queue' : 'QueueSkip';
}

/** The TaintToleration plugin module (no args). */
export const TaintToleration: PluginModule<undefined> = {
  name: NAME,
  factory: (_args, handle) => new TaintTolerationPlugin(handle),
};
