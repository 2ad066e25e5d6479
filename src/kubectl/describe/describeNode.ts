import { podLimits, podRequests } from '../../api/podRequests.js';
import { milliValue, value, type QuantityFormat } from '../../api/quantity.js';
import { isHugePageResourceName, isStandardContainerResourceName } from '../../api/resources.js';
import type { Event, Lease, Node, Pod, ResourceList } from '../../api/types.js';
import type { ClusterView } from '../ClusterView.js';
import { since } from '../humanDuration.js';
import { compareStrings } from '../listing.js';
import { findNodeRoles } from '../printNode.js';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './PrefixWriter.js';
import {
  amountString,
  describeEvents,
  eventsAbout,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  quantityFormat,
  quantityString,
  rfc1123z,
} from './shared.js';

/** The namespace kubelets renew their node Leases in. */
export const NAMESPACE_NODE_LEASE = 'kube-node-lease';

/** The format the first container quantity of `resource` was written in: the sum prints in it (Quantity.Add keeps the receiver's). */
function formatOf(pods: readonly Pod[], resource: string, which: 'requests' | 'limits'): QuantityFormat {
  for (const pod of pods) {
    for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
      const q = c.resources?.[which]?.[resource];
      if (q !== undefined) return quantityFormat(q);
    }
  }
  return 'DecimalSI';
}

/** Quantity.Value (MilliValue for cpu) of an allocatable entry; 0 when absent. */
function allocatableAmount(allocatable: ResourceList, resource: string): number {
  const q = allocatable[resource];
  if (q === undefined) return 0;
  return resource === 'cpu' ? milliValue(q) : value(q);
}

/** int64(float64(used) / float64(allocatable) * 100), 0 when nothing is allocatable. */
function percent(used: number, allocatable: number): number {
  return allocatable === 0 ? 0 : Math.trunc((used / allocatable) * 100);
}

function sumInto(total: Map<string, number>, add: Map<string, number>): void {
  for (const [k, v] of add) total.set(k, (total.get(k) ?? 0) + v);
}

/** describeNodeResource: the Non-terminated Pods table and the Allocated resources summary. */
function describeNodeResource(w: PrefixWriter, pods: readonly Pod[], node: Node, nowMillis: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const capacity = node.status?.capacity ?? {};
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? (node.status?.allocatable ?? {}) : capacity;
  const allocCpu = allocatableAmount(allocatable, 'cpu');
  const allocMem = allocatableAmount(allocatable, 'memory');
  const reqs = new Map<string, number>();
  const limits = new Map<string, number>();
  for (const pod of pods) {
    const req = podRequests(pod);
    const lim = podLimits(pod);
    sumInto(reqs, req);
    sumInto(limits, lim);
    const cell = (m: Map<string, number>, resource: string, which: 'requests' | 'limits', alloc: number): string => {
      const amount = m.get(resource) ?? 0;
      return `${amountString(resource, amount, formatOf([pod], resource, which))} (${percent(amount, alloc)}%)`;
    };
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${cell(req, 'cpu', 'requests', allocCpu)}\t${cell(lim, 'cpu', 'limits', allocCpu)}\t${cell(req, 'memory', 'requests', allocMem)}\t${cell(lim, 'memory', 'limits', allocMem)}\t${since(pod.metadata.creationTimestamp, nowMillis)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const total = (resource: string, alloc: number): string => {
    const r = reqs.get(resource) ?? 0;
    const l = limits.get(resource) ?? 0;
    return `${resource}\t${amountString(resource, r, formatOf(pods, resource, 'requests'))} (${percent(r, alloc)}%)\t${amountString(resource, l, formatOf(pods, resource, 'limits'))} (${percent(l, alloc)}%)\n`;
  };
  w.write(LEVEL_1, total('cpu', allocCpu));
  w.write(LEVEL_1, total('memory', allocMem));
  w.write(LEVEL_1, total('ephemeral-storage', allocatableAmount(allocatable, 'ephemeral-storage')));
  const names = Object.keys(allocatable).sort(compareStrings);
  for (const name of names.filter(isHugePageResourceName)) w.write(LEVEL_1, total(name, allocatableAmount(allocatable, name)));
  for (const name of names.filter((n) => !isHugePageResourceName(n) && !isStandardContainerResourceName(n) && n !== 'pods')) {
    const r = amountString(name, reqs.get(name) ?? 0, 'DecimalSI');
    const l = amountString(name, limits.get(name) ?? 0, 'DecimalSI');
    w.write(LEVEL_1, `${name}\t${r}\t${l}\n`);
  }
}

/**
 * `kubectl describe node NAME` for a node, the pods bound to it, its Lease
 * and the events about it (describe.go describeNode).
 */
export function describeNodeText(node: Node, pods: readonly Pod[], lease: Lease | undefined, events: readonly Event[], nowMillis: number): string {
  const w = new PrefixWriter();
  const name = node.metadata.name ?? '';
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease === undefined) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  } else {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec.acquireTime === undefined ? '<unset>' : rfc1123z(lease.spec.acquireTime)}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec.renewTime === undefined ? '<unset>' : rfc1123z(lease.spec.renewTime)}\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [
    ['Capacity', node.status?.capacity],
    ['Allocatable', node.status?.allocatable],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(compareStrings);
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const n of names) w.write(LEVEL_0, `  ${n}:\t${quantityString(list?.[n] ?? 0)}\n`);
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if ((node.spec?.podCIDR ?? '') !== '') w.write(LEVEL_0, `PodCIDR:\t${node.spec?.podCIDR ?? ''}\n`);
  const podCIDRs = (node.spec as { podCIDRs?: string[] } | undefined)?.podCIDRs ?? [];
  if (podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${podCIDRs.join(',')}\n`);
  if ((node.spec?.providerID ?? '') !== '') w.write(LEVEL_0, `ProviderID:\t${node.spec?.providerID ?? ''}\n`);
  describeNodeResource(w, pods, node, nowMillis);
  describeEvents(w, events, nowMillis);
  return w.toString();
}

/** `kubectl describe node NAME` over the view; stderr carries kubectl's NotFound error when there is no such node. */
export function describeNode(view: ClusterView, name: string): { stdout: string; stderr: string } {
  const node = (view.list('Node') as readonly Node[]).find((n) => n.metadata.name === name);
  if (node === undefined) return { stdout: '', stderr: `Error from server (NotFound): nodes "${name}" not found\n` };
  // The non-terminated pods bound to the node, in list order.
  const pods = (view.list('Pod') as readonly Pod[])
    .filter((p) => p.spec.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort((a, b) => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  const lease = (view.list('Lease') as readonly Lease[]).find((l) => l.metadata.namespace === NAMESPACE_NODE_LEASE && l.metadata.name === name);
  const events = eventsAbout(view.list('Event') as readonly Event[], 'Node', node);
  return { stdout: describeNodeText(node, pods, lease, events, view.now), stderr: '' };
}
