import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, Event, Job, ReplicaSet, Service, StatefulSet } from '../../src/api/types.js';
import { get } from '../../src/kubectl/get.js';
import { eventPrinter } from '../../src/kubectl/printEvent.js';
import { jobPrinter } from '../../src/kubectl/printJob.js';
import { servicePrinter } from '../../src/kubectl/printService.js';
import { ago, NOW, viewOf } from './view.js';

function svc(name: string, spec: Service['spec'], lbIngress?: { ip?: string; hostname?: string }[]): Service {
  return { kind: 'Service', metadata: { name }, spec, ...(lbIngress === undefined ? {} : { status: { loadBalancer: { ingress: lbIngress } } }) } as Service;
}

describe('printService (printers.go)', () => {
  // TestPrintServiceLoadBalancer: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE [SELECTOR].
  const table: [Service, boolean, string[]][] = [
    [svc('service1', { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }]), false, ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>']],
    [
      svc('service2', { clusterIPs: ['1.3.4.5'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }, { port: 7777, protocol: 'SCTP' }] }),
      false,
      ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '<unknown>'],
    ],
    [
      svc('service3', { clusterIPs: ['1.4.5.6'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }] }, [{ ip: '2.3.4.5' }]),
      false,
      ['service3', 'LoadBalancer', '1.4.5.6', '2.3.4.5', '80/TCP,8090/UDP,8000/TCP', '<unknown>'],
    ],
    [
      svc('service4', { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }] }, [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }]),
      false,
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5...', '80/TCP,8090/UDP,8000/TCP', '<unknown>'],
    ],
    [
      svc('service4', { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }], selector: { foo: 'bar' } }, [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }]),
      true,
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '<unknown>', 'foo=bar'],
    ],
    [svc('np', { clusterIP: '10.96.0.20', type: 'NodePort', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }), false, ['np', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP', '<unknown>']],
    [svc('headless', { clusterIPs: ['None'], ports: [] }), true, ['headless', 'ClusterIP', 'None', '<none>', '<none>', '<unknown>', '<none>']],
  ];
  it.each(table)('TestPrintServiceLoadBalancer and friends %#', (s, wide, want) => expect(servicePrinter.row(s, NOW, wide)).toEqual(want));

  it('prints the default kubernetes service as kubectl does', () => {
    const k: Service = { kind: 'Service', metadata: { namespace: 'default', name: 'kubernetes', creationTimestamp: ago(88 * 60) }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }] } };
    expect(get(viewOf([k]), 'svc').stdout).toBe('NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   88m\n');
  });
});

function event(name: string, e: Partial<Event>): Event {
  return { kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: '' }, reason: '', message: '', type: 'Normal', ...e };
}
const days = (n: number) => ago(n * 86400);

describe('printEvent (printers.go)', () => {
  // TestPrintEvent.
  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const e = event('event1', { source: { component: 'kubelet' }, involvedObject: { kind: 'Pod', name: 'Pod Name', fieldPath: 'spec.containers{foo}' }, reason: 'Event Reason', message: 'Message Data', firstTimestamp: days(3), lastTimestamp: days(2), count: 6, type: 'Normal' });
    expect(eventPrinter.row(e, NOW, false)).toEqual(['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data']);
  });
  it('prints SUBOBJECT SOURCE FIRST SEEN COUNT NAME with -o wide', () => {
    const e = event('event2', { source: { component: 'kubelet', host: 'Node1' }, involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' }, reason: 'Event Reason', message: 'Message Data', firstTimestamp: days(3), lastTimestamp: days(2), count: 6, type: 'Warning' });
    expect(eventPrinter.row(e, NOW, true)).toEqual(['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '6', 'event2']);
  });
  it('uses firstTimestamp for LAST SEEN when lastTimestamp is missing, and eventTime when both are', () => {
    const noLast = event('event4', { source: { component: 'kubelet', host: 'Node1' }, involvedObject: { kind: 'Deployment', name: 'Deployment Name' }, firstTimestamp: days(3), count: 1, type: 'Warning' });
    expect(eventPrinter.row(noLast, NOW, true).slice(0, 1)).toEqual(['3d']);
    const onlyEventTime = { ...event('event5', { count: 1 }), eventTime: days(3) } as Event;
    expect(eventPrinter.row(onlyEventTime, NOW, true)[7]).toBe('3d');
    const series = { ...event('event6', { type: 'Warning' }), eventTime: days(3), series: { count: 2, lastObservedTime: days(2) } } as Event;
    expect(eventPrinter.row(series, NOW, true)).toEqual(['2d', 'Warning', '', 'pod', '', '', '', '3d', '2', 'event6']);
    const reporting = { ...event('event7', { firstTimestamp: days(3), lastTimestamp: days(2), count: 6 }), reportingController: 'kubelet', reportingInstance: 'test' } as Event;
    expect(eventPrinter.row(reporting, NOW, true)[5]).toBe('kubelet, test');
  });

  it('lists events with -A, NAMESPACE first', () => {
    const e1 = event('web-1.17', { metadata: { name: 'web-1.17', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1' }, reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node-1', firstTimestamp: ago(30), lastTimestamp: ago(30), count: 1, source: { component: 'default-scheduler' } });
    const e2 = event('node-1.1', { metadata: { name: 'node-1.1', namespace: 'default' }, involvedObject: { kind: 'Node', name: 'node-1' }, reason: 'NodeReady', message: 'Node node-1 status is now: NodeReady', firstTimestamp: ago(300), lastTimestamp: ago(300), count: 1, source: { component: 'kubelet' } });
    expect(get(viewOf([e1, e2]), 'events', { allNamespaces: true }).stdout).toBe(
      'NAMESPACE   LAST SEEN   TYPE     REASON      OBJECT        MESSAGE\n' +
        'default     5m          Normal   NodeReady   node/node-1   Node node-1 status is now: NodeReady\n' +
        'default     30s         Normal   Scheduled   pod/web-1     Successfully assigned default/web-1 to node-1\n',
    );
  });
});

function job(name: string, spec: Partial<Job['spec']>, status: NonNullable<Job['status']>, deletionTimestamp?: string): Job {
  return { kind: 'Job', metadata: { name, creationTimestamp: ago(600), ...(deletionTimestamp === undefined ? {} : { deletionTimestamp }) }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } }, ...spec }, status };
}
const cond = (type: 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet', status: 'True' | 'False' = 'True') => ({ type, status });

describe('printJob (printers.go)', () => {
  const table: [Job, string[]][] = [
    [job('done', { completions: 1 }, { succeeded: 1, startTime: ago(600), completionTime: ago(600 - 42), conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }), ['done', 'Complete', '1/1', '42s', '10m']],
    [job('running', { completions: 3, parallelism: 2 }, { succeeded: 1, active: 2, startTime: ago(130) }), ['running', 'Running', '1/3', '2m10s', '10m']],
    [job('queue', { parallelism: 4 }, { succeeded: 2, startTime: ago(5) }), ['queue', 'Running', '2/1 of 4', '5s', '10m']],
    [job('single', {}, {}), ['single', 'Running', '0/1', '', '10m']],
    [job('failed', { completions: 1 }, { failed: 7, startTime: ago(500), conditions: [cond('FailureTarget'), cond('Failed')] }), ['failed', 'Failed', '0/1', '8m20s', '10m']],
    [job('target', { completions: 1 }, { startTime: ago(500), conditions: [cond('FailureTarget')] }), ['target', 'FailureTarget', '0/1', '8m20s', '10m']],
    [job('suspended', { completions: 2, suspend: true }, { conditions: [cond('Suspended')] }), ['suspended', 'Suspended', '0/2', '', '10m']],
    [job('deleting', { completions: 2 }, { conditions: [cond('Suspended')] }, ago(1)), ['deleting', 'Terminating', '0/2', '', '10m']],
    // Only a True condition counts, and the first of a type decides.
    [job('notyet', { completions: 1 }, { conditions: [cond('Complete', 'False'), cond('Complete')] }), ['notyet', 'Running', '0/1', '', '10m']],
  ];
  it.each(table)('%#', (j, want) => expect(jobPrinter.row(j, NOW, false)).toEqual(want));

  it('prints CONTAINERS IMAGES SELECTOR with -o wide', () => {
    const j = job('pi', { completions: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } } }, {});
    expect(jobPrinter.row(j, NOW, true).slice(5)).toEqual(['pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc']);
  });
});

describe('workload printers', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } };
  const meta = (name: string) => ({ namespace: 'default', name, creationTimestamp: ago(3600) });
  const view = viewOf([
    { kind: 'Deployment', metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } } as Deployment,
    { kind: 'ReplicaSet', metadata: meta('web-7c5ddbdf54'), spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' } }, template }, status: { replicas: 3, readyReplicas: 2 } } as ReplicaSet,
    { kind: 'DaemonSet', metadata: meta('agent'), spec: { selector: { matchLabels: { app: 'agent' } }, template: { spec: { containers: [{ name: 'a', image: 'agent:1' }], nodeSelector: { 'kubernetes.io/os': 'linux' } } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 } } as DaemonSet,
    { kind: 'StatefulSet', metadata: meta('db'), spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { readyReplicas: 1 } } as StatefulSet,
  ]);

  it('prints deployments', () => {
    expect(get(view, 'deploy').stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           60m\n');
    expect(get(view, 'deployments', { output: 'wide' }).stdout).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES               SELECTOR\nweb    2/3     3            2           60m   nginx,log    nginx:1.27,busybox   app=web\n',
    );
  });
  it('prints replicasets', () => {
    expect(get(view, 'rs', { output: 'wide' }).stdout).toBe(
      'NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES               SELECTOR\n' +
        'web-7c5ddbdf54   3         3         2       60m   nginx,log    nginx:1.27,busybox   app=web,pod-template-hash=7c5ddbdf54\n',
    );
  });
  it('prints daemonsets', () => {
    expect(get(view, 'ds').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\nagent   3         3         3       3            3           kubernetes.io/os=linux   60m\n',
    );
  });
  it('prints statefulsets', () => {
    expect(get(view, 'sts').stdout).toBe('NAME   READY   AGE\ndb     1/3     60m\n');
    expect(get(view, 'statefulsets', { output: 'wide' }).stdout).toBe('NAME   READY   AGE   CONTAINERS   IMAGES\ndb     1/3     60m   nginx,log    nginx:1.27,busybox\n');
  });
  it('rejects an unknown resource type', () => {
    expect(() => get(view, 'widgets')).toThrow('the server doesn\'t have a resource type "widgets"');
  });
});
