import type { Node, ResourceList, Taint } from '../../api/types.js';
import { LABEL_HOSTNAME, LABEL_ZONE } from '../simAnnotations.js';

/**
 * A node group (an AWS Auto Scaling group, a GKE node pool, an Azure VMSS):
 * identical machines made from one template, between `minSize` and
 * `maxSize` of them, each taking `provisioningDelay` from the cloud request
 * to the machine booting.
 */
export interface NodeGroup {
  /** The group's id; its nodes are named `<name>-<5 chars>`. */
  readonly name: string;
  /** The cluster-autoscaler never scales the group below this. */
  readonly minSize: number;
  /** The cluster-autoscaler never scales the group above this. */
  readonly maxSize: number;
  /** Machines booted when the cloud starts (default `minSize`), with no provisioning delay. */
  readonly initialSize?: number;
  /** From the cloud request to the machine booting (its kubelet then registers the Node), in µs. */
  readonly provisioningDelay: number;
  /** The machine shape: what every node of the group reports. */
  readonly template: NodeTemplate;
}

/** What every node of a group looks like (TemplateNodeInfo's node). */
export interface NodeTemplate {
  readonly capacity: ResourceList;
  /** Default: the capacity. */
  readonly allocatable?: ResourceList;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
  /** Written as the `topology.kubernetes.io/zone` label. */
  readonly zone?: string;
}

/**
 * The Node object of a group's machine named `name`: the template's
 * labels plus `kubernetes.io/hostname` and the zone label, its taints, and
 * capacity/allocatable. The cluster-autoscaler simulates scale-ups on this
 * same object (named after the group) before any machine exists.
 */
export function nodeFromTemplate(group: NodeGroup, name: string): Node {
  const t = group.template;
  const labels: Record<string, string> = { ...t.labels, [LABEL_HOSTNAME]: name };
  if (t.zone !== undefined) labels[LABEL_ZONE] = t.zone;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: {},
    status: { capacity: { ...t.capacity }, allocatable: { ...(t.allocatable ?? t.capacity) } },
  };
  if (t.taints !== undefined && t.taints.length > 0) node.spec = { taints: t.taints.map((x) => ({ ...x })) };
  return node;
}
