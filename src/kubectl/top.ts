import { milliValue, quantityFromText, value } from '../api/quantity.js';
import type { Container, Node, Pod } from '../api/types.js';
import { ANNOTATION_USAGE_RATIO } from '../cluster/simAnnotations.js';
import type { ClusterView, CommandOutput, GetOptions } from './ClusterView.js';
import { listObjects, noResourcesFound } from './listing.js';
import { KUBECTL_GET_TABWRITER, tabwrite } from './tabwriter.js';

/** A pod's or node's usage as metrics-server would report it. */
export interface Usage {
  /** CPU in nanocores. */
  readonly nanoCores: number;
  /** Memory in bytes. */
  readonly bytes: number;
}

/** The `sim.kubesim.io/usage-ratio` annotation: usage as a fraction of requests (default 1). */
export function usageRatio(pod: Pod): number {
  const text = pod.metadata.annotations?.[ANNOTATION_USAGE_RATIO];
  if (text === undefined) return 1;
  const r = Number(text);
  return Number.isFinite(r) && r >= 0 ? r : 1;
}

function requestOf(c: Container, resource: 'cpu' | 'memory'): number {
  const q = c.resources?.requests?.[resource];
  if (q === undefined) return 0;
  try {
    // Exact nano-units, so a ratio of requests rounds once.
    return Number(quantityFromText(q).nanoValue()) / (resource === 'cpu' ? 1 : 1e9);
  } catch {
    return 0;
  }
}

/**
 * A running pod's usage: its running containers' (app and sidecar) requests
 * times the pod's usage ratio, as metrics-server sums container usage.
 */
export function podUsage(pod: Pod): Usage {
  const ratio = usageRatio(pod);
  let nanoCores = 0;
  let bytes = 0;
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    nanoCores += requestOf(c, 'cpu');
    bytes += requestOf(c, 'memory');
  }
  return { nanoCores: Math.round(nanoCores * ratio), bytes: Math.round(bytes * ratio) };
}

/** metrics-server reports pods whose containers run: phase Running. */
function isMeasured(pod: Pod): boolean {
  return pod.status?.phase === 'Running';
}

/** printSingleResourceUsage: cpu as `<MilliValue>m`, memory as `<Value / 2^20>Mi`. */
function usageCells(u: Usage): [cpu: string, memory: string] {
  return [`${Math.ceil(u.nanoCores / 1e6)}m`, `${Math.trunc(u.bytes / (1024 * 1024))}Mi`];
}

/**
 * `kubectl top nodes`: NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%), the
 * usage of each node's running pods against its allocatable. Nodes that are
 * not Ready have no metrics and print `<unknown>`, after the others. Every
 * cell is tab-terminated, so lines end in padding, as kubectl's do.
 */
export function topNodes(view: ClusterView): CommandOutput {
  const nodes = listObjects<Node>(view, 'Node', false);
  if (nodes.length === 0) return { stdout: '', stderr: noResourcesFound(false) };
  const usage = new Map<string, { nanoCores: number; bytes: number }>();
  for (const pod of view.list('Pod') as readonly Pod[]) {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || !isMeasured(pod)) continue;
    const u = podUsage(pod);
    const sum = usage.get(nodeName) ?? { nanoCores: 0, bytes: 0 };
    usage.set(nodeName, { nanoCores: sum.nanoCores + u.nanoCores, bytes: sum.bytes + u.bytes });
  }
  const lines = ['NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t'];
  const missing: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const ready = (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    if (!ready) {
      missing.push(`${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t`);
      continue;
    }
    const u = usage.get(name) ?? { nanoCores: 0, bytes: 0 };
    const [cpu, memory] = usageCells(u);
    const alloc = node.status?.allocatable ?? {};
    const cells = [name, cpu];
    const allocCpu = alloc['cpu'];
    // fraction = float64(usage.MilliValue()) / float64(available.MilliValue()) * 100, for resources the node lists.
    if (allocCpu !== undefined) cells.push(`${Math.trunc((Math.ceil(u.nanoCores / 1e6) / milliValue(allocCpu)) * 100)}%`);
    cells.push(memory);
    const allocMem = alloc['memory'];
    if (allocMem !== undefined) cells.push(`${Math.trunc(((u.bytes * 1000) / (value(allocMem) * 1000)) * 100)}%`);
    lines.push(`${cells.join('\t')}\t`);
  }
  lines.push(...missing);
  return { stdout: `${tabwrite(lines.join('\n'), KUBECTL_GET_TABWRITER)}\n`, stderr: '' };
}

/**
 * `kubectl top pods`: NAME CPU(cores) MEMORY(bytes) (NAMESPACE first with
 * `-A`) for the running pods, each using its requests times its usage ratio.
 */
export function topPods(view: ClusterView, options: GetOptions = {}): CommandOutput {
  const pods = listObjects<Pod>(view, 'Pod', true, options).filter(isMeasured);
  if (pods.length === 0) return { stdout: '', stderr: noResourcesFound(true, options) };
  const withNamespace = options.allNamespaces === true;
  const lines = [`${withNamespace ? 'NAMESPACE\t' : ''}NAME\tCPU(cores)\tMEMORY(bytes)\t`];
  for (const pod of pods) {
    const [cpu, memory] = usageCells(podUsage(pod));
    lines.push(`${withNamespace ? `${pod.metadata.namespace ?? ''}\t` : ''}${pod.metadata.name ?? ''}\t${cpu}\t${memory}\t`);
  }
  return { stdout: `${tabwrite(lines.join('\n'), KUBECTL_GET_TABWRITER)}\n`, stderr: '' };
}
