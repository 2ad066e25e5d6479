import { parseImageName } from '../../api/imageReference.js';
import type { ContainerImage, Node, NodeAddress, NodeCondition, NodeStatus } from '../../api/types.js';
import { LABEL_HOSTNAME } from '../simAnnotations.js';
import { CONTAINER_RUNTIME_VERSION, KUBELET_VERSION } from './constants.js';

/** The node conditions the kubelet owns, as a healthy node reports them (k/k pkg/kubelet/nodestatus/setters.go). */
const HEALTHY_CONDITIONS: readonly Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The condition types a kubelet writes. */
export const KUBELET_NODE_CONDITIONS: readonly string[] = HEALTHY_CONDITIONS.map((c) => c.type);

/**
 * The kubelet's conditions at `now` (RFC 3339): heartbeat now; a condition
 * whose status differs from `previous` (say, Unknown set by the node
 * lifecycle controller) transitions now. Conditions the kubelet does not own
 * (NetworkUnavailable) are kept.
 */
export function kubeletNodeConditions(previous: readonly NodeCondition[] | undefined, now: string): NodeCondition[] {
  const out: NodeCondition[] = [];
  for (const c of HEALTHY_CONDITIONS) {
    let before: NodeCondition | undefined;
    if (previous !== undefined) {
      for (const p of previous) {
        if (p.type === c.type) {
          before = p;
          break;
        }
      }
    }
    const lastTransitionTime = before !== undefined && before.status === c.status ? (before.lastTransitionTime ?? now) : now;
    // The key order of `{ ...c, lastHeartbeatTime, lastTransitionTime }`, written out (one per node every 5 min).
    out.push({ type: c.type, status: c.status, reason: c.reason!, message: c.message!, lastHeartbeatTime: now, lastTransitionTime });
  }
  if (previous !== undefined) for (const p of previous) if (!KUBELET_NODE_CONDITIONS.includes(p.type)) out.push(p);
  return out;
}

/**
 * Node.status.images entries: the runtime's name (`docker.io/library/nginx:1.27`) and the name as written.
 * The same input list gives the same output list, so a status heartbeat with
 * no image change carries the node's previous `images` object and watchers can
 * tell by identity that the images did not change.
 */
export function nodeImages(images: readonly { names: string[]; sizeBytes: number }[]): ContainerImage[] {
  let out = nodeImagesOf.get(images);
  if (out === undefined) {
    out = images.map(({ names, sizeBytes }) => {
      const written = names[0] ?? '';
      const ref = parseImageName(written);
      const full = ref === undefined ? written : ref.digest !== '' ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag}`;
      return { names: full === written ? [written] : [full, written], sizeBytes };
    });
    nodeImagesOf.set(images, out);
  }
  return out;
}

const nodeImagesOf = new WeakMap<object, ContainerImage[]>();

/** What the kubelet registers: the machine's node with the labels and status a kubelet sets. */
export function registrationNode(machine: Node, internalIP: string, podCIDR: string, now: string, images: ContainerImage[]): Node {
  const name = machine.metadata.name ?? '';
  const labels: Record<string, string> = { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/os': 'linux', ...machine.metadata.labels };
  labels[LABEL_HOSTNAME] ??= name;
  const capacity = machine.status?.capacity ?? {};
  const addresses: NodeAddress[] = [
    { type: 'InternalIP', address: internalIP },
    { type: 'Hostname', address: name },
  ];
  const status: NodeStatus = {
    ...machine.status,
    capacity,
    allocatable: machine.status?.allocatable ?? capacity,
    conditions: kubeletNodeConditions(undefined, now),
    addresses,
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: '6.8.0-1015-aws',
      osImage: 'Ubuntu 24.04.1 LTS',
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
      ...machine.status?.nodeInfo,
    },
    images,
  };
  return {
    ...machine,
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { ...machine.metadata, labels },
    spec: { ...machine.spec, podCIDR },
    status,
  };
}

/** A lease's renewTime: metav1.MicroTime, RFC 3339 with microseconds. */
export function microTime(originMs: number, t: number): string {
  const wholeSeconds = Math.floor(t / 1_000_000);
  const micros = t - wholeSeconds * 1_000_000;
  const base = new Date(originMs + wholeSeconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(micros).padStart(6, '0')}Z`;
}
