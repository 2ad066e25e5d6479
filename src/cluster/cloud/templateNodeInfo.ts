import type { DaemonSet, Pod, Toleration } from '../../api/types.js';
import { nodeFromTemplate, type NodeGroup } from './NodeGroup.js';
import { SimulatedNode, schedulingConstraintsAllow } from './SimulatedNode.js';

/** Tolerations the DaemonSet controller adds to its pods (kubernetes-behaviour.md §3). */
const DAEMONSET_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * TemplateNodeInfo: a new node of `group` (named after the group) with the
 * pods of every DaemonSet that would run there (its template's node
 * selection and tolerations, plus the DaemonSet controller's own tolerations).
 */
export function templateNodeInfo(group: NodeGroup, daemonSets: Iterable<DaemonSet>): SimulatedNode {
  const node = new SimulatedNode(nodeFromTemplate(group, `template-node-for-${group.name}`));
  for (const ds of daemonSets) {
    const spec = ds.spec.template.spec;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${ds.metadata.name ?? ''}-template`, labels: { ...ds.spec.template.metadata?.labels } },
      spec: { ...spec, tolerations: [...(spec.tolerations ?? []), ...DAEMONSET_TOLERATIONS] },
    };
    if (schedulingConstraintsAllow(pod, node.node)) node.addPod(pod);
  }
  return node;
}
