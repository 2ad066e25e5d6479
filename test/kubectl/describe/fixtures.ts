import type { Event, Lease, Node, Pod } from '../../../src/api/types.js';
import { ago } from '../view.js';

/** minikube's hello-minikube pod, 56m old, with its events. */
export const helloPod: Pod = {
  kind: 'Pod',
  metadata: {
    name: 'hello-minikube-5c898d8489-kv8sz',
    namespace: 'default',
    uid: 'pod-uid-1',
    creationTimestamp: ago(56 * 60 + 10),
    labels: { app: 'hello-minikube', 'pod-template-hash': '5c898d8489' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-minikube-5c898d8489', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
  },
  spec: {
    nodeName: 'minikube',
    priority: 0,
    serviceAccountName: 'default',
    containers: [{ name: 'echo-server', image: 'kicbase/echo-server:1.0', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  } as Pod['spec'],
  status: {
    phase: 'Running',
    hostIP: '192.168.49.2',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    startTime: '2024-06-10T11:03:50Z',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'echo-server',
        ready: true,
        restartCount: 1,
        image: 'kicbase/echo-server:1.0',
        imageID: 'docker-pullable://kicbase/echo-server@sha256:127',
        containerID: 'docker://abc123',
        started: true,
        state: { running: { startedAt: '2024-06-10T11:05:00Z' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2024-06-10T11:03:55Z', finishedAt: '2024-06-10T11:04:59Z' } },
      },
    ],
  },
};

function ev(name: string, e: Partial<Event>): Event {
  return { kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: '' }, reason: '', message: '', type: 'Normal', count: 1, ...e };
}

/** Events about the pod (and one about another pod, which describe leaves out). */
export const podEvents: Event[] = [
  ev('hello.2', { involvedObject: { kind: 'Pod', namespace: 'default', name: helloPod.metadata.name ?? '', uid: 'pod-uid-1' }, reason: 'Pulled', message: 'Container image "kicbase/echo-server:1.0" already present on machine', source: { component: 'kubelet', host: 'minikube' }, firstTimestamp: ago(56 * 60), lastTimestamp: ago(55 * 60), count: 2 }),
  ev('hello.1', { involvedObject: { kind: 'Pod', namespace: 'default', name: helloPod.metadata.name ?? '', uid: 'pod-uid-1' }, reason: 'Scheduled', message: 'Successfully assigned default/hello-minikube-5c898d8489-kv8sz to minikube', source: { component: 'default-scheduler' }, firstTimestamp: ago(56 * 60 + 10), lastTimestamp: ago(56 * 60 + 10) }),
  ev('other.1', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'other' }, reason: 'Scheduled', message: 'x', source: { component: 'default-scheduler' }, firstTimestamp: ago(10), lastTimestamp: ago(10) }),
];

/** minikube's node: 4 cpus, 8 GiB, the control-plane role. */
export const minikubeNode: Node = {
  kind: 'Node',
  metadata: {
    name: 'minikube',
    uid: 'node-uid',
    creationTimestamp: '2024-06-10T10:31:40Z',
    labels: { 'kubernetes.io/hostname': 'minikube', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/os': 'linux' },
    annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
  },
  spec: { podCIDR: '10.244.0.0/24', taints: [{ key: 'example.com/dedicated', value: 'ml', effect: 'NoSchedule' }] },
  status: {
    capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    conditions: [
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: '2024-06-10T11:59:50Z', lastTransitionTime: '2024-06-10T10:31:38Z' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2024-06-10T11:59:50Z', lastTransitionTime: '2024-06-10T10:31:50Z' },
    ],
    addresses: [
      { type: 'InternalIP', address: '192.168.49.2' },
      { type: 'Hostname', address: 'minikube' },
    ],
    nodeInfo: { machineID: 'm1', systemUUID: 's1', bootID: 'b1', kernelVersion: '6.5.0', osImage: 'Ubuntu 22.04.4 LTS', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'docker://26.1.1', kubeletVersion: 'v1.34.0', kubeProxyVersion: '' },
  },
};

/** The node's heartbeat Lease. */
export const minikubeLease: Lease = {
  kind: 'Lease',
  metadata: { name: 'minikube', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'minikube', leaseDurationSeconds: 40, renewTime: '2024-06-10T11:59:58Z' },
};
