/**
 * What PodTopologySpread's filtering and scoring share
 * (pkg/scheduler/framework/plugins/podtopologyspread/common.go and
 * helper/spread.go, v1.34.1): the parsed constraint, building the pod's
 * constraints (its own, or the defaults with the DefaultSelector), the node
 * inclusion policies and counting matching pods.
 */
import {
  labelSelectorAsSelector,
  matchesNothing,
  newSelector,
  selectorFromSet,
  setMatches,
  type Labels,
  type Requirement,
  type Selector,
} from '../../../api/labels.js';
import { storedLabelSelector } from '../../../api/storedSelector.js';
import type { RequiredNodeAffinity } from '../../../api/nodeSelector.js';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint } from '../../../api/taints.js';
import type { Node, Pod, TopologySpreadConstraint } from '../../../api/types.js';
import type { ClusterObjects } from '../../cache/ClusterObjects.js';
import type { PodInfo } from '../../framework/PodInfo.js';

/** v1.LabelHostname: constraints on it are counted per node at Score. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
/** v1.LabelTopologyZone. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** v1.NodeInclusionPolicy. */
export type NodeInclusionPolicy = 'Honor' | 'Ignore';
/** v1.UnsatisfiableConstraintAction. */
export type UnsatisfiableConstraintAction = 'DoNotSchedule' | 'ScheduleAnyway';

/** topologySpreadConstraint: a constraint with its selector parsed and its defaults applied. */
export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: NodeInclusionPolicy;
  readonly nodeTaintsPolicy: NodeInclusionPolicy;
}

/** The feature gates the constraints depend on. */
export interface SpreadGates {
  /** NodeInclusionPolicyInPodTopologySpread: honour nodeAffinityPolicy / nodeTaintsPolicy. */
  readonly nodeInclusionPolicy: boolean;
  /** MatchLabelKeysInPodTopologySpread: AND the pod's values of matchLabelKeys into the selector. */
  readonly matchLabelKeys: boolean;
}

/** The system default constraints (systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/**
 * A node's value for a topology key, or undefined when the node lacks it.
 * Label values are strings, so anything else (an Object.prototype member for
 * a key like `constructor`) means "absent".
 */
export function labelValue(labels: Labels, key: string): string | undefined {
  const v = labels[key];
  return typeof v === 'string' && Object.hasOwn(labels, key) ? v : undefined;
}

/** mergeLabelSetWithSelector: `matchLabels` (as `key=value`) ANDed with the selector's requirements (none for Nothing). */
function mergeLabelSetWithSelector(matchLabels: Record<string, string>, s: Selector): Selector {
  const merged = selectorFromSet(matchLabels);
  const reqs = s.requirements();
  if (reqs === undefined) return merged;
  return newSelector([...(merged.requirements() ?? []), ...reqs] as Requirement[]);
}

/**
 * filterTopologySpreadConstraints: the constraints with the given action,
 * parsed (a nil labelSelector becomes Nothing), with matchLabelKeys merged
 * (when the gate is on), minDomains defaulting to 1 and the inclusion
 * policies to Honor (affinity) / Ignore (taints), set only with the gate.
 * @throws LabelSelectorError when a selector does not parse
 */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels,
  action: UnsatisfiableConstraintAction,
  gates: SpreadGates,
): SpreadConstraint[] {
  const result: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    const keys = c.matchLabelKeys ?? [];
    if (gates.matchLabelKeys && keys.length > 0) {
      const matchLabels: Record<string, string> = {};
      let any = false;
      for (const k of keys) {
        const v = labelValue(podLabels, k);
        if (v !== undefined) {
          matchLabels[k] = v;
          any = true;
        }
      }
      if (any) selector = mergeLabelSetWithSelector(matchLabels, selector);
    }
    result.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: gates.nodeInclusionPolicy && c.nodeAffinityPolicy !== undefined ? c.nodeAffinityPolicy : 'Honor',
      nodeTaintsPolicy: gates.nodeInclusionPolicy && c.nodeTaintsPolicy !== undefined ? c.nodeTaintsPolicy : 'Ignore',
    });
  }
  return result;
}

/** metav1.GetControllerOfNoCopy: the owner reference marked controller. */
function controllerOf(pod: Pod): { apiVersion: string; kind: string; name: string } | undefined {
  for (const ref of pod.metadata.ownerReferences ?? []) if (ref.controller === true) return ref;
  return undefined;
}

/**
 * helper.DefaultSelector: the labels.Merge of the selectors of the Services
 * selecting the pod (a Service without a selector selects nothing), ANDed
 * with the selector of the ReplicationController, ReplicaSet or StatefulSet
 * controlling it. Empty (Everything) when there are none.
 */
export function defaultSelector(pod: Pod, objects: ClusterObjects): Selector {
  const ns = pod.metadata.namespace ?? '';
  const podLabels = pod.metadata.labels ?? {};
  const labelSet: Record<string, string> = {};
  for (const svc of objects.list('Service', ns)) {
    const sel = svc.spec?.selector;
    if (sel === undefined || sel === null) continue;
    if (setMatches(sel, podLabels)) Object.assign(labelSet, sel);
  }
  let selector = selectorFromSet(labelSet);
  const owner = controllerOf(pod);
  if (owner === undefined) return selector;
  let other: Selector | undefined;
  // The listers' Get by name: a sweep over every ReplicaSet per cycle was most of this function at scale.
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = objects.get('ReplicationController', ns, owner.name);
    if (rc !== undefined) other = selectorFromSet(rc.spec.selector);
  } else if (owner.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const obj = owner.kind === 'ReplicaSet' ? objects.get('ReplicaSet', ns, owner.name) : objects.get('StatefulSet', ns, owner.name);
    if (obj !== undefined) {
      try {
        other = storedLabelSelector(obj.spec.selector);
      } catch {
        // A selector that does not parse is ignored, as upstream ignores the error.
      }
    }
  }
  const reqs = other?.requirements();
  if (reqs !== undefined && reqs.length > 0) selector = newSelector([...(selector.requirements() ?? []), ...reqs]);
  return selector;
}

/** nodeLabelsMatchSpreadConstraints: the node carries every constraint's topology key. */
export function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly SpreadConstraint[]): boolean {
  for (const c of constraints) if (labelValue(labels, c.topologyKey) === undefined) return false;
  return true;
}

/**
 * matchNodeInclusionPolicies: with nodeAffinityPolicy Honor the node must
 * match the pod's nodeSelector and required affinity; with nodeTaintsPolicy
 * Honor the pod must tolerate the node's NoSchedule/NoExecute taints.
 */
export function matchNodeInclusionPolicies(c: SpreadConstraint, pod: Pod, node: Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, doNotScheduleTaintsFilter) !== undefined) {
    return false;
  }
  return true;
}

/**
 * countPodsMatchSelector: pods in namespace `ns`, not terminating, whose labels
 * match; 0 for an empty selector.
 */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, ns: string): number {
  if (selector.empty()) return 0;
  let count = 0;
  for (const p of pods) {
    // The PodInfo's own fields first; the pod's metadata only for a pod that matches.
    if (p.namespace !== ns || !selector.matches(p.labels)) continue;
    if (p.pod.metadata.deletionTimestamp === undefined) count++;
  }
  return count;
}

/** A stable text for a selector, distinguishing Nothing from Everything (both print ""). */
export function selectorKey(s: Selector): string {
  return matchesNothing(s) ? '\u0000nothing' : s.toString();
}

// ---- Go's math.Log -----------------------------------------------------------

const frexpBuf = new Float64Array(1);
const frexpBits = new Uint32Array(frexpBuf.buffer);

/** Go's math.Frexp for positive normal numbers: x = frac × 2^exp, frac in [½, 1). */
function frexp(x: number): [number, number] {
  frexpBuf[0] = x;
  const hi = frexpBits[1]!;
  const exp = ((hi >>> 20) & 0x7ff) - 1022;
  frexpBits[1] = (hi & 0x800fffff) | (1022 << 20);
  return [frexpBuf[0], exp];
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const L1 = 6.666666666666735130e-1;
const L2 = 3.999999999940941908e-1;
const L3 = 2.857142874366239149e-1;
const L4 = 2.222219843214978396e-1;
const L5 = 1.818357216161805012e-1;
const L6 = 1.531383769920937332e-1;
const L7 = 1.479819860511658591e-1;

/**
 * Go's math.Log, operation for operation (src/math/log.go, which the amd64
 * assembly follows), so topology weights are bit-identical to upstream's
 * whatever the JavaScript engine's Math.log does. Defined for x ≥ 1 here.
 */
export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  let [f1, ki] = frexp(x);
  if (f1 < Math.SQRT2 / 2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  const t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** Go's math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
