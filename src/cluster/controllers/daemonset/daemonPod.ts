/**
 * The DaemonSet controller's pod helpers (k/k pkg/controller/daemon/util):
 * the tolerations every daemon pod gets, the node affinity that pins a daemon
 * pod to its node so the default scheduler places it, and the node
 * predicates that decide where a DaemonSet should run.
 */
import { RequiredNodeAffinity } from '../../../api/nodeSelector.js';
import { findMatchingUntoleratedTaint, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE, tolerationsMatch } from '../../../api/taints.js';
import type { Affinity, DaemonSet, Node, NodeSelectorRequirement, Pod, PodSpec, Toleration } from '../../../api/types.js';
import { isPodReady, podCondition } from '../../podStatus.js';
import { podFromTemplate } from '../podTemplate.js';
import { OBJECT_NAME_FIELD } from '../../../api/nodeSelector.js';

/** apps.DefaultDaemonSetUniqueLabelKey: the label holding the pod's ControllerRevision hash. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey (deprecated, still written). */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Taint of a node under memory pressure. */
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
/** Taint of a node under disk pressure. */
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
/** Taint of a node under PID pressure. */
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
/** Taint of a node whose network is not configured. */
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/**
 * util.AddOrUpdateDaemonPodTolerations: NoExecute not-ready and unreachable
 * without tolerationSeconds (daemon pods are never evicted for them);
 * NoSchedule disk-, memory- and pid-pressure and unschedulable; and
 * network-unavailable for host-network pods. Returns the new list.
 */
export function addOrUpdateDaemonPodTolerations(spec: PodSpec): Toleration[] {
  let tolerations = spec.tolerations ?? [];
  const add = (key: string, effect: 'NoExecute' | 'NoSchedule'): void => {
    tolerations = addOrUpdateToleration(tolerations, { key, operator: 'Exists', effect });
  };
  add(TAINT_NODE_NOT_READY, 'NoExecute');
  add(TAINT_NODE_UNREACHABLE, 'NoExecute');
  add(TAINT_NODE_DISK_PRESSURE, 'NoSchedule');
  add(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule');
  add(TAINT_NODE_PID_PRESSURE, 'NoSchedule');
  add(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule');
  if (spec.hostNetwork === true) add(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule');
  return tolerations;
}

/**
 * v1helper.AddOrUpdateTolerationInPodSpec: a toleration matching the new one
 * (same key, operator, value, effect) is replaced by it, else it is appended.
 */
function addOrUpdateToleration(tolerations: readonly Toleration[], toleration: Toleration): Toleration[] {
  const out: Toleration[] = [];
  let updated = false;
  for (const old of tolerations) {
    if (tolerationsMatch(old, toleration)) {
      if (!updated) out.push(toleration);
      updated = true;
      continue;
    }
    out.push(old);
  }
  if (!updated) out.push(toleration);
  return out;
}

/**
 * util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity
 * becomes one term, `metadata.name In [nodeName]` in matchFields, replacing
 * any required terms the template had (its preferred terms stay).
 */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const requirement: NodeSelectorRequirement = { key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] };
  const required = { nodeSelectorTerms: [{ matchFields: [requirement] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/**
 * util.GetTargetNodeName: the node a daemon pod is for, from spec.nodeName
 * or from its pinning matchFields term.
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName !== undefined && pod.spec.nodeName !== '') return pod.spec.nodeName;
  // Stored specs are immutable: the pinned node of one spec object is read once.
  const spec = pod.spec;
  if (pinnedNodes.has(spec)) return pinnedNodes.get(spec);
  const name = pinnedNodeName(spec);
  pinnedNodes.set(spec, name);
  return name;
}

const pinnedNodes = new WeakMap<PodSpec, string | undefined>();

function pinnedNodeName(spec: PodSpec): string | undefined {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined || terms.length === 0) return undefined;
  for (const f of terms[0]!.matchFields ?? []) {
    if (f.key === OBJECT_NAME_FIELD && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** The daemon pod for `nodeName` (DaemonSetsController's NewPod plus the pinning affinity and the revision labels). */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const template = ds.spec.template;
  const extra: Record<string, string> = { [CONTROLLER_REVISION_HASH_LABEL]: hash };
  if (ds.metadata.generation !== undefined) extra[POD_TEMPLATE_GENERATION_LABEL] = String(ds.metadata.generation);
  const pod = podFromTemplate(template, ds, `${ds.metadata.name ?? ''}-`, extra);
  pod.spec = {
    ...template.spec,
    tolerations: addOrUpdateDaemonPodTolerations(template.spec),
    affinity: replaceDaemonSetPodNodeNameNodeAffinity(template.spec.affinity, nodeName),
  };
  return pod;
}

/** NodeShouldRunDaemonPod's answer for one node. */
export interface NodeShouldRun {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}
const YES: NodeShouldRun = Object.freeze({ shouldRun: true, shouldContinueRunning: true });
const NO: NodeShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: false });
const CONTINUE_ONLY: NodeShouldRun = Object.freeze({ shouldRun: false, shouldContinueRunning: true });

/**
 * Where a DaemonSet may run, compiled once per pod template; the answer for
 * each node object is remembered (node objects are immutable once stored).
 */
export class DaemonSetPlacement {
  private readonly affinity: RequiredNodeAffinity;
  private readonly tolerations: Toleration[];
  private readonly answers = new WeakMap<Node, NodeShouldRun>();

  constructor(ds: DaemonSet) {
    const spec = ds.spec.template.spec;
    this.tolerations = addOrUpdateDaemonPodTolerations(spec);
    this.affinity = RequiredNodeAffinity.fromPod({ metadata: {}, spec });
  }

  /**
   * NodeShouldRunDaemonPod: `shouldRun` (a new daemon pod belongs on the node)
   * and `shouldContinueRunning` (an existing one may stay). A node selector or
   * required affinity mismatch says no to both; an untolerated NoSchedule or
   * NoExecute taint says no to new pods, and an untolerated NoExecute taint
   * also evicts the existing one.
   */
  nodeShouldRunDaemonPod(node: Node): NodeShouldRun {
    // A stored node is immutable: the answer for one node object never changes.
    let answer = this.answers.get(node);
    if (answer === undefined) this.answers.set(node, (answer = this.evaluate(node)));
    return answer;
  }

  private evaluate(node: Node): NodeShouldRun {
    if (!this.affinity.match(node)) return NO;
    const taints = node.spec?.taints;
    const fitsTaints = findMatchingUntoleratedTaint(taints, this.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule') === undefined;
    if (!fitsTaints) {
      const noExecute = findMatchingUntoleratedTaint(taints, this.tolerations, (t) => t.effect === 'NoExecute');
      return noExecute === undefined ? CONTINUE_ONLY : NO;
    }
    return YES;
  }
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for more than minReadySeconds
 * (`now` in µs, the Ready condition's time read through `instantOf`).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number, instantOf: (timestamp: string) => number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (since === undefined) return false;
  return instantOf(since) + minReadySeconds * 1_000_000 < now;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
export function compareDaemonPods(a: Pod, b: Pod): number {
  const aBound = (a.spec.nodeName ?? '') !== '';
  const bBound = (b.spec.nodeName ?? '') !== '';
  if (aBound !== bBound) return aBound ? -1 : 1;
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}
