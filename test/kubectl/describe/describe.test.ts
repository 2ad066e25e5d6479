import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import { describeNode } from '../../../src/kubectl/describe/describeNode.js';
import { describePod } from '../../../src/kubectl/describe/describePod.js';
import { podQOS } from '../../../src/kubectl/describe/qos.js';
import { ago, viewOf } from '../view.js';
import { helloPod, minikubeLease, minikubeNode, podEvents } from './fixtures.js';

// Golden output checked line by line against describe.go and Go's tabwriter
// (minwidth 0, padding 2): a line without a tab ends every column block, and
// describe's condition rows end in a space, as kubectl's do.
const POD = [
    "Name:             hello-minikube-5c898d8489-kv8sz",
    "Namespace:        default",
    "Priority:         0",
    "Service Account:  default",
    "Node:             minikube/192.168.49.2",
    "Start Time:       Mon, 10 Jun 2024 11:03:50 +0000",
    "Labels:           app=hello-minikube",
    "                  pod-template-hash=5c898d8489",
    "Annotations:      <none>",
    "Status:           Running",
    "IP:               10.244.0.5",
    "IPs:",
    "  IP:           10.244.0.5",
    "Controlled By:  ReplicaSet/hello-minikube-5c898d8489",
    "Containers:",
    "  echo-server:",
    "    Container ID:   docker://abc123",
    "    Image:          kicbase/echo-server:1.0",
    "    Image ID:       docker-pullable://kicbase/echo-server@sha256:127",
    "    Port:           <none>",
    "    Host Port:      <none>",
    "    State:          Running",
    "      Started:      Mon, 10 Jun 2024 11:05:00 +0000",
    "    Last State:     Terminated",
    "      Reason:       Error",
    "      Exit Code:    1",
    "      Started:      Mon, 10 Jun 2024 11:03:55 +0000",
    "      Finished:     Mon, 10 Jun 2024 11:04:59 +0000",
    "    Ready:          True",
    "    Restart Count:  1",
    "    Limits:",
    "      memory:  128Mi",
    "    Requests:",
    "      cpu:        250m",
    "      memory:     64Mi",
    "    Environment:  <none>",
    "    Mounts:       <none>",
    "Conditions:",
    "  Type                        Status",
    "  PodReadyToStartContainers   True ",
    "  Initialized                 True ",
    "  Ready                       True ",
    "  ContainersReady             True ",
    "  PodScheduled                True ",
    "Volumes:                      <none>",
    "QoS Class:                    Burstable",
    "Node-Selectors:               <none>",
    "Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
    "                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
    "Events:",
    "  Type    Reason     Age                From               Message",
    "  ----    ------     ----               ----               -------",
    "  Normal  Scheduled  56m                default-scheduler  Successfully assigned default/hello-minikube-5c898d8489-kv8sz to minikube",
    "  Normal  Pulled     55m (x2 over 56m)  kubelet            Container image \"kicbase/echo-server:1.0\" already present on machine",
    "",
  ].join('\n');

const NODE = [
    "Name:               minikube",
    "Roles:              control-plane",
    "Labels:             kubernetes.io/hostname=minikube",
    "                    kubernetes.io/os=linux",
    "                    node-role.kubernetes.io/control-plane=",
    "Annotations:        node.alpha.kubernetes.io/ttl: 0",
    "CreationTimestamp:  Mon, 10 Jun 2024 10:31:40 +0000",
    "Taints:             example.com/dedicated=ml:NoSchedule",
    "Unschedulable:      false",
    "Lease:",
    "  HolderIdentity:  minikube",
    "  AcquireTime:     <unset>",
    "  RenewTime:       Mon, 10 Jun 2024 11:59:58 +0000",
    "Conditions:",
    "  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message",
    "  ----             ------  -----------------                 ------------------                ------                       -------",
    "  MemoryPressure   False   Mon, 10 Jun 2024 11:59:50 +0000   Mon, 10 Jun 2024 10:31:38 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available",
    "  Ready            True    Mon, 10 Jun 2024 11:59:50 +0000   Mon, 10 Jun 2024 10:31:50 +0000   KubeletReady                 kubelet is posting ready status",
    "Addresses:",
    "  InternalIP:  192.168.49.2",
    "  Hostname:    minikube",
    "Capacity:",
    "  cpu:                4",
    "  ephemeral-storage:  100Gi",
    "  memory:             8Gi",
    "  pods:               110",
    "Allocatable:",
    "  cpu:                4",
    "  ephemeral-storage:  100Gi",
    "  memory:             8Gi",
    "  pods:               110",
    "System Info:",
    "  Machine ID:                 m1",
    "  System UUID:                s1",
    "  Boot ID:                    b1",
    "  Kernel Version:             6.5.0",
    "  OS Image:                   Ubuntu 22.04.4 LTS",
    "  Operating System:           linux",
    "  Architecture:               amd64",
    "  Container Runtime Version:  docker://26.1.1",
    "  Kubelet Version:            v1.34.0",
    "  Kube-Proxy Version:         ",
    "PodCIDR:                      10.244.0.0/24",
    "Non-terminated Pods:          (1 in total)",
    "  Namespace                   Name                               CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age",
    "  ---------                   ----                               ------------  ----------  ---------------  -------------  ---",
    "  default                     hello-minikube-5c898d8489-kv8sz    250m (6%)     0 (0%)      64Mi (0%)        128Mi (1%)     56m",
    "Allocated resources:",
    "  (Total limits may be over 100 percent, i.e., overcommitted.)",
    "  Resource           Requests   Limits",
    "  --------           --------   ------",
    "  cpu                250m (6%)  0 (0%)",
    "  memory             64Mi (0%)  128Mi (1%)",
    "  ephemeral-storage  0 (0%)     0 (0%)",
    "Events:              <none>",
    "",
  ].join('\n');

describe('kubectl describe pod', () => {
  const view = viewOf([helloPod, ...podEvents]);

  it('prints the pod, its containers, conditions, tolerations and its own events', () => {
    expect(describePod(view, 'hello-minikube-5c898d8489-kv8sz')).toEqual({ stdout: POD, stderr: '' });
  });

  it('reports a missing pod as kubectl does', () => {
    expect(describePod(view, 'nope', 'kube-system')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it('prints Terminating with how long the deletion has lasted, and <none> for an unbound pod', () => {
    const deleting: Pod = { ...helloPod, metadata: { ...helloPod.metadata, deletionTimestamp: ago(75), deletionGracePeriodSeconds: 30 } };
    const out = describePod(viewOf([deleting]), 'hello-minikube-5c898d8489-kv8sz').stdout;
    expect(out).toContain('Status:                    Terminating (lasts 75s)\nTermination Grace Period:  30s\n');
    expect(out).toMatch(/\nEvents: +<none>\n$/);
    const pending: Pod = { kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { phase: 'Pending' } };
    expect(describePod(viewOf([pending]), 'p').stdout.split('\n').slice(0, 8)).toEqual([
      'Name:         p',
      'Namespace:    default',
      'Node:         <none>',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Status:       Pending',
      'IP:           ',
      'IPs:          <none>',
    ]);
  });
});

describe('podQOS (qos.ComputePodQOS)', () => {
  const withResources = (resources: NonNullable<Pod['spec']['containers'][number]['resources']>): Pod => ({ kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', resources }] } });
  it('classifies BestEffort, Burstable and Guaranteed', () => {
    expect(podQOS(withResources({}))).toBe('BestEffort');
    expect(podQOS(withResources({ requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(podQOS(withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }))).toBe('Guaranteed');
    expect(podQOS(withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } }))).toBe('Burstable');
    expect(podQOS(withResources({ limits: { cpu: '1' } }))).toBe('Burstable');
    expect(podQOS({ ...withResources({}), status: { qosClass: 'Guaranteed' } })).toBe('Guaranteed');
  });
});

describe('kubectl describe node', () => {
  it('prints the node, its lease, conditions, resources, pods and allocation', () => {
    expect(describeNode(viewOf([minikubeNode, minikubeLease, helloPod, ...podEvents]), 'minikube')).toEqual({ stdout: NODE, stderr: '' });
  });

  it('reports a node without a lease and a missing node', () => {
    expect(describeNode(viewOf([minikubeNode]), 'minikube').stdout).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "minikube" not found\n');
    expect(describeNode(viewOf([]), 'x').stderr).toBe('Error from server (NotFound): nodes "x" not found\n');
  });

  it('leaves terminated pods out of the Non-terminated Pods table', () => {
    const done: Pod = { ...helloPod, metadata: { ...helloPod.metadata, name: 'done' }, status: { phase: 'Succeeded' } };
    expect(describeNode(viewOf([minikubeNode, minikubeLease, helloPod, done]), 'minikube').stdout).toContain('Non-terminated Pods:          (1 in total)');
  });
});
