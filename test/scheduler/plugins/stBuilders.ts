/**
 * Go-like builders for porting upstream scheduler tests verbatim: the shapes
 * of pkg/scheduler/testing's st.MakePod(), st.MakeNode() and
 * st.MakeLabelSelector(), so a Go table entry such as
 *   st.MakePod().Name("p").Label("foo", "").SpreadConstraint(1, "zone", v1.DoNotSchedule, fooSelector, nil, nil, nil, nil).Obj()
 * reads the same here. Also loads the cases of kube-scheduler-cases.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  LabelSelector,
  Node,
  NodeSelectorRequirement,
  OwnerReference,
  Pod,
  PreferredSchedulingTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from '../../../src/api/types.js';

/** Go's nil in ported tables. */
export const nil = undefined;

/** v1.DoNotSchedule / v1.ScheduleAnyway. */
export const DoNotSchedule = 'DoNotSchedule' as const;
export const ScheduleAnyway = 'ScheduleAnyway' as const;

/** v1.LabelHostname and v1.LabelTopologyZone. */
export const LabelHostname = 'kubernetes.io/hostname';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

/** st.NodeSelectorTypeMatchExpressions / MatchFields. */
export const NodeSelectorTypeMatchExpressions = 'matchExpressions' as const;
export const NodeSelectorTypeMatchFields = 'matchFields' as const;
type NodeSelectorType = typeof NodeSelectorTypeMatchExpressions | typeof NodeSelectorTypeMatchFields;

/** st.MakeLabelSelector(). */
export class LabelSelectorWrapper {
  private readonly sel: LabelSelector = {};

  Label(k: string, v: string): this {
    (this.sel.matchLabels ??= {})[k] = v;
    return this;
  }

  In(k: string, values: string[]): this {
    (this.sel.matchExpressions ??= []).push({ key: k, operator: 'In', values });
    return this;
  }

  NotIn(k: string, values: string[]): this {
    (this.sel.matchExpressions ??= []).push({ key: k, operator: 'NotIn', values });
    return this;
  }

  Exists(k: string): this {
    (this.sel.matchExpressions ??= []).push({ key: k, operator: 'Exists' });
    return this;
  }

  NotExist(k: string): this {
    (this.sel.matchExpressions ??= []).push({ key: k, operator: 'DoesNotExist' });
    return this;
  }

  Obj(): LabelSelector {
    return structuredClone(this.sel);
  }
}

export function MakeLabelSelector(): LabelSelectorWrapper {
  return new LabelSelectorWrapper();
}

/** st.MakeNode(). */
export class NodeWrapper {
  private readonly node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: '' }, spec: {}, status: { allocatable: {}, capacity: {} } };

  Name(name: string): this {
    this.node.metadata.name = name;
    return this;
  }

  Label(k: string, v: string): this {
    (this.node.metadata.labels ??= {})[k] = v;
    return this;
  }

  Taints(taints: Taint[]): this {
    this.node.spec!.taints = taints;
    return this;
  }

  Unschedulable(u: boolean): this {
    this.node.spec!.unschedulable = u;
    return this;
  }

  Obj(): Node {
    return structuredClone(this.node);
  }
}

export function MakeNode(): NodeWrapper {
  return new NodeWrapper();
}

let uidCounter = 0;

/** st.MakePod(). Namespace defaults to "" as upstream's; every pod gets a distinct uid. */
export class PodWrapper {
  private readonly pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: '', namespace: '' }, spec: { containers: [] } };

  Name(name: string): this {
    this.pod.metadata.name = name;
    return this;
  }

  Namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }

  UID(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }

  Label(k: string, v: string): this {
    (this.pod.metadata.labels ??= {})[k] = v;
    return this;
  }

  Node(name: string): this {
    this.pod.spec.nodeName = name;
    return this;
  }

  Terminating(): this {
    this.pod.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    return this;
  }

  NodeSelector(m: Record<string, string>): this {
    this.pod.spec.nodeSelector = { ...m };
    return this;
  }

  /** Replaces the required node affinity with one term holding `key In vals`. */
  NodeAffinityIn(key: string, vals: string[], t: NodeSelectorType = NodeSelectorTypeMatchExpressions): this {
    return this.requiredTerm({ key, operator: 'In', values: vals }, t);
  }

  /** Replaces the required node affinity with one term holding `key NotIn vals`. */
  NodeAffinityNotIn(key: string, vals: string[], t: NodeSelectorType = NodeSelectorTypeMatchExpressions): this {
    return this.requiredTerm({ key, operator: 'NotIn', values: vals }, t);
  }

  private requiredTerm(req: NodeSelectorRequirement, t: NodeSelectorType): this {
    const affinity = (this.pod.spec.affinity ??= {});
    const na = (affinity.nodeAffinity ??= {});
    na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ [t]: [req] }] };
    return this;
  }

  PreferredNodeAffinity(terms: PreferredSchedulingTerm[]): this {
    const affinity = (this.pod.spec.affinity ??= {});
    (affinity.nodeAffinity ??= {}).preferredDuringSchedulingIgnoredDuringExecution = terms;
    return this;
  }

  /** st's Toleration(key): Exists, NoSchedule. */
  Toleration(key: string): this {
    (this.pod.spec.tolerations ??= []).push({ key, operator: 'Exists', effect: 'NoSchedule' });
    return this;
  }

  Tolerations(tolerations: Toleration[]): this {
    this.pod.spec.tolerations = tolerations;
    return this;
  }

  /** st's OwnerReference(name, gvk): a controller reference. */
  OwnerReference(name: string, apiVersion: string, kind: string): this {
    const ref: OwnerReference = { apiVersion, kind, name, uid: `${kind}-${name}`, controller: true };
    this.pod.metadata.ownerReferences = [ref];
    return this;
  }

  SpreadConstraint(
    maxSkew: number,
    tpKey: string,
    mode: 'DoNotSchedule' | 'ScheduleAnyway',
    selector: LabelSelector | undefined,
    minDomains: number | undefined,
    nodeAffinityPolicy: 'Honor' | 'Ignore' | undefined,
    nodeTaintsPolicy: 'Honor' | 'Ignore' | undefined,
    matchLabelKeys: string[] | undefined,
  ): this {
    const c: TopologySpreadConstraint = { maxSkew, topologyKey: tpKey, whenUnsatisfiable: mode };
    if (selector !== undefined) c.labelSelector = structuredClone(selector);
    if (minDomains !== undefined) c.minDomains = minDomains;
    if (nodeAffinityPolicy !== undefined) c.nodeAffinityPolicy = nodeAffinityPolicy;
    if (nodeTaintsPolicy !== undefined) c.nodeTaintsPolicy = nodeTaintsPolicy;
    if (matchLabelKeys !== undefined) c.matchLabelKeys = [...matchLabelKeys];
    (this.pod.spec.topologySpreadConstraints ??= []).push(c);
    return this;
  }

  Obj(): Pod {
    const p = structuredClone(this.pod);
    p.metadata.uid ??= `uid-${p.metadata.namespace ?? ''}-${p.metadata.name ?? ''}-${uidCounter++}`;
    return p;
  }
}

export function MakePod(): PodWrapper {
  return new PodWrapper();
}

// ---- kube-scheduler-cases.json ----------------------------------------------

/** A node of a reference case. */
export interface CaseNode {
  name: string;
  allocatable?: Record<string, number>;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A pod of a reference case (upstream's spec fields at the top level). */
export interface CasePod {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  nodeName?: string;
  containers?: Pod['spec']['containers'];
  tolerations?: Toleration[];
  affinity?: Pod['spec']['affinity'];
  nodeSelector?: Record<string, string>;
  topologySpreadConstraints?: TopologySpreadConstraint[];
}

/** One worked example. */
export interface ReferenceCase {
  id: string;
  plugin: string;
  phase: string;
  source: { test: string; name: string; note?: string };
  args: Record<string, unknown>;
  nodes: CaseNode[];
  failedNodes?: CaseNode[];
  existingPods: CasePod[];
  pod: CasePod;
  featureGates?: Record<string, boolean>;
  expected: { filter?: Record<string, string>; scores?: { node: string; score: number }[] };
}

/** ../shared/reference/kube-scheduler-cases.json relative to the repository root. */
export const CASES_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/reference/kube-scheduler-cases.json');

/** The cases of one plugin, or undefined when the file is absent. */
export function loadReferenceCases(plugin: string): ReferenceCase[] | undefined {
  if (!existsSync(CASES_PATH)) return undefined;
  const doc = JSON.parse(readFileSync(CASES_PATH, 'utf8')) as { cases: ReferenceCase[] };
  return doc.cases.filter((c) => c.plugin === plugin);
}

/** A reference node as a Node object (allocatable in canonical units). */
export function caseNode(n: CaseNode): Node {
  const allocatable: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n.allocatable ?? {})) allocatable[k] = k === 'cpu' ? `${v}m` : v;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { ...(n.labels ?? {}) } },
    spec: {},
    status: { allocatable, capacity: allocatable },
  };
  if (n.taints !== undefined) node.spec!.taints = n.taints;
  return node;
}

/** A reference pod as a Pod object. */
export function casePod(p: CasePod, i = 0): Pod {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name ?? `pod-${i}`,
      namespace: p.namespace ?? '',
      uid: `case-${p.namespace ?? ''}-${p.name ?? `pod-${i}`}-${uidCounter++}`,
      labels: { ...(p.labels ?? {}) },
    },
    spec: { containers: p.containers ?? [] },
  };
  if (p.nodeName !== undefined) pod.spec.nodeName = p.nodeName;
  if (p.tolerations !== undefined) pod.spec.tolerations = p.tolerations;
  if (p.affinity !== undefined) pod.spec.affinity = p.affinity;
  if (p.nodeSelector !== undefined) pod.spec.nodeSelector = p.nodeSelector;
  if (p.topologySpreadConstraints !== undefined) pod.spec.topologySpreadConstraints = p.topologySpreadConstraints;
  return pod;
}
