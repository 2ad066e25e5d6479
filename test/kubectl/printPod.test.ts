import { describe, expect, it } from 'vitest';
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../../src/api/types.js';
import { get } from '../../src/kubectl/get.js';
import { printTable } from '../../src/kubectl/listing.js';
import { podPrinter } from '../../src/kubectl/printPod.js';
import { ago, NOW, viewOf } from './view.js';

const containers = (n: number): Container[] => Array.from({ length: n }, () => ({ name: '' }));
const running = { running: {} };
const cs = (s: Partial<ContainerStatus>): ContainerStatus => ({ name: '', ready: false, restartCount: 0, image: '', ...s });
const finished = (secondsAgo: number) => ({ terminated: { exitCode: 0, finishedAt: ago(secondsAgo) } });

function pod(name: string, spec: Partial<Pod['spec']>, status: PodStatus, deletionTimestamp?: string): Pod {
  return {
    kind: 'Pod',
    metadata: { name, ...(deletionTimestamp === undefined ? {} : { deletionTimestamp }) },
    spec: { containers: [], ...spec },
    status,
  };
}

function row(p: Pod, wide = false): string[] {
  return podPrinter.row(p, NOW, wide);
}

const deleteTime = ago(10);
/** Upstream's made-up phase, passed through as the STATUS. */
const PHASE = 'podPhase' as NonNullable<PodStatus['phase']>;
const readyTrue: PodCondition = { type: 'Ready', status: 'True' };

// printers_test.go TestPrintPod: [pod, NAME READY STATUS RESTARTS AGE].
const printPodTable: [Pod, string[]][] = [
  [
    pod('test1', { containers: containers(2) }, { phase: PHASE, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }),
    ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    pod('test2', { containers: containers(2) }, {
      phase: PHASE,
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 })],
    }),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    pod('test3', { containers: containers(2) }, {
      phase: PHASE,
      containerStatuses: [
        cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
        cs({ state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } }, restartCount: 3 }),
      ],
    }),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  ],
  [
    pod('test4', { containers: containers(2) }, { phase: PHASE, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
    ['test4', '1/2', 'podPhase', '6', '<unknown>'],
  ],
  [
    pod('test5', { containers: containers(2) }, {
      reason: 'podReason',
      phase: PHASE,
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })],
    }),
    ['test5', '1/2', 'podReason', '6', '<unknown>'],
  ],
  [
    pod('test6', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })],
    }),
    ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  ],
  [
    pod('test6', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })],
      conditions: [readyTrue],
    }),
    ['test6', '1/2', 'Running', '6', '<unknown>'],
  ],
  [
    pod('test7', { initContainers: containers(1), containers: containers(1) }, {
      phase: PHASE,
      initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: finished(10) })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test8', { initContainers: containers(2), containers: containers(1) }, {
      phase: PHASE,
      initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: finished(10) }), cs({ state: { waiting: {} } })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test9', { initContainers: containers(2), containers: containers(1) }, {
      phase: PHASE,
      initContainerStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), cs({ restartCount: 3, state: running, lastState: finished(10) })],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test10', { initContainers: containers(2), containers: containers(1) }, {
      phase: PHASE,
      initContainerStatuses: [
        cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: finished(120) }),
        cs({ restartCount: 3, state: running, lastState: finished(10) }),
      ],
      containerStatuses: [cs({ state: { waiting: {} } })],
    }),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  ],
  [
    pod('test11', { initContainers: containers(1), containers: containers(1) }, {
      phase: 'Running',
      initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: finished(120) })],
      containerStatuses: [cs({ restartCount: 4, state: running, lastState: finished(20) })],
    }),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  ],
  [
    pod('test12', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: finished(5 * 86400) })] }),
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  ],
  [
    pod('test13', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: finished(10 * 86400) })],
    }),
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  ],
  [
    pod('test14', { containers: containers(2) }, {
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, restartCount: 6, state: running, lastState: finished(5 * 86400) }),
        cs({ ready: true, restartCount: 3, state: running, lastState: finished(20 * 86400) }),
      ],
    }),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  ],
  [
    pod('test15', { containers: containers(2) }, { phase: PHASE, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  ],
  [
    pod('test16', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }),
    ['test16', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [
    pod('test17', { containers: containers(1) }, { phase: 'Failed', containerStatuses: [cs({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] }),
    ['test17', '0/1', 'Error', '0', '<unknown>'],
  ],
  [
    pod('test18', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }, deleteTime),
    ['test18', '0/1', 'Completed', '0', '<unknown>'],
  ],
  [pod('test19', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: running })] }, deleteTime), ['test19', '0/1', 'Terminating', '0', '<unknown>']],
  [pod('test20', { containers: containers(1) }, { phase: 'Pending' }, deleteTime), ['test20', '0/1', 'Terminating', '0', '<unknown>']],
];

const always = (name: string): Container => ({ name, restartPolicy: 'Always' });

// TestPrintPodWithRestartableInitContainer.
const restartableTable: [Pod, string[]][] = [
  [
    pod('test1', { initContainers: [always('restartable-init-1'), always('restartable-init-2')], containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: finished(10) }),
        cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
      ],
      containerStatuses: [cs({ state: { waiting: {} } })],
      conditions: [{ type: 'Initialized', status: 'False' }],
    }),
    ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test1', { initContainers: [always('restartable-init-1'), always('restartable-init-2')], containers: containers(1) }, {
      phase: 'Pending',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: finished(10) }),
        cs({ name: 'restartable-init-2', state: running, started: false }),
      ],
      containerStatuses: [cs({ state: { waiting: {} } })],
      conditions: [{ type: 'Initialized', status: 'False' }],
    }),
    ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  ],
  [
    pod('test2', { initContainers: [always('restartable-init-1'), always('restartable-init-2')], containers: containers(1) }, {
      phase: 'Running',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: finished(10) }),
        cs({ name: 'restartable-init-2', state: running, started: true }),
      ],
      containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: finished(20) })],
      conditions: [{ type: 'Initialized', status: 'True' }],
    }),
    ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
  ],
  [
    pod('test3', { initContainers: [always('restartable-init-1'), always('restartable-init-2')], containers: containers(1) }, {
      phase: 'Succeeded',
      initContainerStatuses: [
        cs({ name: 'restartable-init-1', restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false, lastState: finished(10) }),
        cs({ name: 'restartable-init-2', state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false }),
      ],
      containerStatuses: [cs({ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: finished(20) })],
      conditions: [{ type: 'Initialized', status: 'True' }],
    }),
    ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
  ],
  [
    pod('test4', { initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }], containers: [{ name: 'container1', image: 'containerimage' }] }, {
      phase: 'Running',
      initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
      containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
    }),
    ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
  ],
];

describe('printPod (printers.go)', () => {
  it.each(printPodTable.map(([p, want], i) => [i, p, want] as const))('TestPrintPod case %i', (_i, p, want) => {
    expect(row(p)).toEqual(want);
  });

  it.each(restartableTable.map(([p, want], i) => [i, p, want] as const))('TestPrintPodWithRestartableInitContainer case %i', (_i, p, want) => {
    expect(row(p)).toEqual(want);
  });

  it('prints Init:CrashLoopBackOff, Init:ExitCode and Init:Signal for failing init containers', () => {
    const base = { initContainers: containers(1), containers: containers(1) };
    expect(row(pod('a', base, { phase: 'Pending', initContainerStatuses: [cs({ state: { waiting: { reason: 'CrashLoopBackOff' } } })] }))[2]).toBe('Init:CrashLoopBackOff');
    expect(row(pod('b', base, { phase: 'Pending', initContainerStatuses: [cs({ state: { terminated: { exitCode: 2 } } })] }))[2]).toBe('Init:ExitCode:2');
    expect(row(pod('c', base, { phase: 'Pending', initContainerStatuses: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })] }))[2]).toBe('Init:Signal:9');
    expect(row(pod('d', base, { phase: 'Pending', initContainerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })] }))[2]).toBe('Init:0/1');
  });

  it('prints CrashLoopBackOff with the restarts and the age of the last crash', () => {
    const p = pod('crash', { containers: containers(1) }, {
      phase: 'Running',
      containerStatuses: [cs({ restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(75) } } })],
    });
    expect(row(p)).toEqual(['crash', '0/1', 'CrashLoopBackOff', '4 (75s ago)', '<unknown>']);
  });

  it('prints Unknown for a deleted pod on a lost node, Terminating otherwise', () => {
    const lost = pod('lost', { containers: containers(1) }, { phase: 'Running', reason: 'NodeLost', containerStatuses: [cs({ ready: true, state: running })] }, deleteTime);
    expect(row(lost)[2]).toBe('Unknown');
    const evicted = pod('ev', { containers: containers(1) }, { phase: 'Failed', reason: 'Evicted' });
    expect(row(evicted)[2]).toBe('Evicted');
    expect(row(pod('sig', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: { terminated: { exitCode: 0, signal: 15 } } })] }))[2]).toBe('Signal:15');
    expect(row(pod('ec', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: { terminated: { exitCode: 3 } } })] }))[2]).toBe('ExitCode:3');
  });

  // TestPrintPodwide.
  it('prints IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    const spec = { containers: containers(2), nodeName: 'test1', readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }] } as Partial<Pod['spec']>;
    const status: PodStatus = {
      conditions: [
        { type: 'condition1', status: 'False' },
        { type: 'condition2', status: 'True' },
      ],
      phase: PHASE,
      podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
      nominatedNodeName: 'node1',
    };
    expect(row(pod('test1', spec, status), true)).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3']);
    const none = pod('test2', { containers: containers(2) }, {
      phase: PHASE,
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 })],
    });
    expect(row(none, true)).toEqual(['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
  });
});

function runningPod(namespace: string, name: string, ageSeconds: number, restarts = 0, lastRestartAgo = 0): Pod {
  return {
    kind: 'Pod',
    metadata: { namespace, name, creationTimestamp: ago(ageSeconds) },
    spec: { containers: [{ name: 'c' }] },
    status: {
      phase: 'Running',
      conditions: [readyTrue],
      containerStatuses: [
        cs({ name: 'c', ready: true, restartCount: restarts, state: running, ...(restarts > 0 ? { lastState: finished(lastRestartAgo) } : {}) }),
      ],
    },
  };
}

describe('kubectl get pods', () => {
  // minikube, `kubectl get pods -A` (listed out of order on purpose: the printer sorts by namespace, then name).
  const minikube = viewOf([
    runningPod('kubernetes-dashboard', 'kubernetes-dashboard-779776cb65-8r9xs', 86 * 60 + 20),
    runningPod('kube-system', 'storage-provisioner', 88 * 60 + 30, 1, 87 * 60 + 5),
    runningPod('default', 'hello-minikube-5c898d8489-kv8sz', 56 * 60 + 59),
    runningPod('kube-system', 'coredns-7db6d8ff4d-4xkzq', 88 * 60),
    runningPod('kube-system', 'etcd-minikube', 88 * 60 + 40),
    runningPod('kube-system', 'kube-apiserver-minikube', 88 * 60 + 40),
    runningPod('kube-system', 'kube-controller-manager-minikube', 88 * 60 + 40),
    runningPod('kube-system', 'kube-proxy-7rdqs', 88 * 60),
    runningPod('kube-system', 'kube-scheduler-minikube', 88 * 60 + 40),
    runningPod('kubernetes-dashboard', 'dashboard-metrics-scraper-b5fc48f67-7zrbs', 86 * 60 + 20),
  ]);

  it('prints the minikube listing exactly', () => {
    const out = printTable(minikube, podPrinter, { allNamespaces: true });
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      [
        'NAMESPACE              NAME                                        READY   STATUS    RESTARTS      AGE',
        'default                hello-minikube-5c898d8489-kv8sz             1/1     Running   0             56m',
        'kube-system            coredns-7db6d8ff4d-4xkzq                    1/1     Running   0             88m',
        'kube-system            etcd-minikube                               1/1     Running   0             88m',
        'kube-system            kube-apiserver-minikube                     1/1     Running   0             88m',
        'kube-system            kube-controller-manager-minikube            1/1     Running   0             88m',
        'kube-system            kube-proxy-7rdqs                            1/1     Running   0             88m',
        'kube-system            kube-scheduler-minikube                     1/1     Running   0             88m',
        'kube-system            storage-provisioner                         1/1     Running   1 (87m ago)   88m',
        'kubernetes-dashboard   dashboard-metrics-scraper-b5fc48f67-7zrbs   1/1     Running   0             86m',
        'kubernetes-dashboard   kubernetes-dashboard-779776cb65-8r9xs       1/1     Running   0             86m',
        '',
      ].join('\n'),
    );
  });

  it('lists only the default namespace without -A, and -n picks another', () => {
    expect(get(minikube, 'pods').stdout).toBe(
      'NAME                              READY   STATUS    RESTARTS   AGE\nhello-minikube-5c898d8489-kv8sz   1/1     Running   0          56m\n',
    );
    expect(get(minikube, 'po', { namespace: 'kubernetes-dashboard' }).stdout.split('\n')).toHaveLength(4);
  });

  it('returns kubectl\'s empty messages on stderr', () => {
    expect(get(minikube, 'pods', { namespace: 'prod' })).toEqual({ stdout: '', stderr: 'No resources found in prod namespace.\n' });
    expect(get(viewOf([]), 'pods', { allNamespaces: true })).toEqual({ stdout: '', stderr: 'No resources found\n' });
  });

  it('prints the wide columns', () => {
    const p = runningPod('default', 'web', 30);
    const bound: Pod = { ...p, spec: { ...p.spec, nodeName: 'node-1' }, status: { ...p.status, podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }] } };
    expect(get(viewOf([bound]), 'pods', { output: 'wide' }).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'web    1/1     Running   0          30s   10.244.0.5   node-1   <none>           <none>\n',
    );
  });
});
