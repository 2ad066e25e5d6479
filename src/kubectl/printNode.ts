import type { Node } from '../api/types.js';
import { since } from './humanDuration.js';
import { compareStrings, type TablePrinter } from './listing.js';

/** The label prefix whose suffix names a node role (`node-role.kubernetes.io/control-plane`). */
export const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
/** The older role label, whose value is the role. */
export const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: the roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role` labels, sorted, deduplicated. */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(compareStrings);
}

/**
 * printNode's STATUS: `Ready` when the Ready condition is True, `NotReady`
 * for False or Unknown, `Unknown` without a Ready condition; then
 * `,SchedulingDisabled` for a cordoned node.
 */
export function nodeStatus(node: Node): string {
  const status: string[] = [];
  // conditionMap: the last condition of a type wins.
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c.status;
  if (ready !== undefined) status.push(ready === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  for (const a of node.status?.addresses ?? []) if (a.type === type) return a.address;
  return '<none>';
}

function orUnknown(s: string | undefined): string {
  return s === undefined || s === '' ? '<unknown>' : s;
}

/** `kubectl get nodes`: NAME STATUS ROLES AGE VERSION; wide adds INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: TablePrinter<Node> = {
  kind: 'Node',
  namespaced: false,
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideColumns: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(node, now, wide) {
    const roles = findNodeRoles(node).join(',');
    const info = node.status?.nodeInfo;
    const cells = [node.metadata.name ?? '', nodeStatus(node), roles === '' ? '<none>' : roles, since(node.metadata.creationTimestamp, now), info?.kubeletVersion ?? ''];
    if (wide) {
      cells.push(address(node, 'InternalIP'), address(node, 'ExternalIP'), orUnknown(info?.osImage), orUnknown(info?.kernelVersion), orUnknown(info?.containerRuntimeVersion));
    }
    return cells;
  },
};
