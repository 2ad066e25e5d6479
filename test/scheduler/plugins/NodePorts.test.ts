/**
 * NodePorts: upstream's node_ports_test.go (TestNodePorts, TestPreFilterDisabled,
 * Test_isSchedulableAfterPodDeleted) and the kube-scheduler-cases.json cases.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerPort, Pod } from '../../../src/api/types.js';
import { CycleState } from '../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../src/scheduler/framework/Status.js';
import { ERR_REASON, NodePorts, NodePortsPlugin } from '../../../src/scheduler/plugins/NodePorts.js';
import { loadCases } from '../cases/caseFiles.js';
import { makeCache, makeHandle } from '../fixtures.js';
import { caseCluster, filterBoth, node, pod } from './noderesourcesTestUtil.js';

/** newPod(host, "PROTO/IP/PORT"...): one container with those host ports. */
function newPod(host: string, ...hostPortInfos: string[]): Pod {
  const ports: ContainerPort[] = hostPortInfos.map((info) => {
    const [protocol, hostIP, port] = info.split('/') as [ContainerPort['protocol'], string, string];
    return { containerPort: 0, hostIP, hostPort: Number(port), ...(protocol === undefined ? {} : { protocol }) };
  });
  return pod([{ name: 'c', ports }], { nodeName: host });
}

function plugin(cache = makeCache([])): NodePortsPlugin {
  return NodePorts.factory(undefined, makeHandle(cache)) as NodePortsPlugin;
}

describe('NodePorts: TestNodePorts', () => {
  const cases: { name: string; pod: Pod; existing?: Pod; preFilter?: Code; filter?: Code }[] = [
    { name: 'skip filter', pod: pod([]), preFilter: Code.Skip },
    { name: 'other port', pod: newPod('m1', 'UDP/127.0.0.1/8080'), existing: newPod('m1', 'UDP/127.0.0.1/9090') },
    { name: 'same udp port', pod: newPod('m1', 'UDP/127.0.0.1/8080'), existing: newPod('m1', 'UDP/127.0.0.1/8080'), filter: Code.Unschedulable },
    { name: 'same tcp port', pod: newPod('m1', 'TCP/127.0.0.1/8080'), existing: newPod('m1', 'TCP/127.0.0.1/8080'), filter: Code.Unschedulable },
    { name: 'different host ip', pod: newPod('m1', 'TCP/127.0.0.1/8080'), existing: newPod('m1', 'TCP/127.0.0.2/8080') },
    { name: 'different protocol', pod: newPod('m1', 'UDP/127.0.0.1/8080'), existing: newPod('m1', 'TCP/127.0.0.1/8080') },
    {
      name: 'second udp port conflict',
      pod: newPod('m1', 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
      existing: newPod('m1', 'UDP/127.0.0.1/8080'),
      filter: Code.Unschedulable,
    },
    {
      name: 'first tcp port conflict',
      pod: newPod('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
      existing: newPod('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'),
      filter: Code.Unschedulable,
    },
    { name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: newPod('m1', 'TCP/0.0.0.0/8001'), existing: newPod('m1', 'TCP/127.0.0.1/8001'), filter: Code.Unschedulable },
    {
      name: 'TCP hostPort conflict due to 0.0.0.0 hostIP',
      pod: newPod('m1', 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
      existing: newPod('m1', 'TCP/127.0.0.1/8001'),
      filter: Code.Unschedulable,
    },
    { name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: newPod('m1', 'TCP/127.0.0.1/8001'), existing: newPod('m1', 'TCP/0.0.0.0/8001'), filter: Code.Unschedulable },
    { name: 'second different protocol', pod: newPod('m1', 'UDP/127.0.0.1/8001'), existing: newPod('m1', 'TCP/0.0.0.0/8001') },
    {
      name: 'UDP hostPort conflict due to 0.0.0.0 hostIP',
      pod: newPod('m1', 'UDP/127.0.0.1/8001'),
      existing: newPod('m1', 'TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'),
      filter: Code.Unschedulable,
    },
    {
      name: 'empty hostIP and protocol default to 0.0.0.0 and TCP (kubesim)',
      pod: pod([{ name: 'c', ports: [{ containerPort: 80, hostPort: 8001 }] }]),
      existing: newPod('m1', 'TCP/127.0.0.1/8001'),
      filter: Code.Unschedulable,
    },
    {
      name: 'a sidecar init container\'s host port counts; a plain init container\'s does not (kubesim)',
      pod: { ...pod([]), spec: { containers: [], initContainers: [{ name: 'i', restartPolicy: 'Always', ports: [{ containerPort: 1, hostPort: 9000 }] }] } },
      existing: { ...pod([], { nodeName: 'm1' }), spec: { nodeName: 'm1', containers: [], initContainers: [{ name: 'j', ports: [{ containerPort: 1, hostPort: 9000 }] }, { name: 'k', restartPolicy: 'Always', ports: [{ containerPort: 1, hostPort: 9000 }] }] } },
      filter: Code.Unschedulable,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cache = makeCache([node('m1', {})], c.existing === undefined ? [] : [c.existing]);
      const p = plugin(cache);
      const state = new CycleState();
      const info = new PodInfo(c.pod);
      const { status } = p.preFilter(state, info);
      expect(status === null ? Code.Success : status.code).toBe(c.preFilter ?? Code.Success);
      if (status !== null) return;
      const [code] = filterBoth(p, state, info, [cache.get('m1')!]);
      expect(code).toBe(c.filter ?? Code.Success);
      if (c.filter !== undefined) expect(p.filter(state, info, cache.get('m1')!)?.reasons).toEqual([ERR_REASON]);
    });
  }
  it('a plain init container\'s host port is not wanted: PreFilter skips', () => {
    const p = plugin();
    const info = new PodInfo({ ...pod([]), spec: { containers: [], initContainers: [{ name: 'i', ports: [{ containerPort: 1, hostPort: 9000 }] }] } });
    expect(p.preFilter(new CycleState(), info).status?.code).toBe(Code.Skip);
  });
});

describe('NodePorts: TestPreFilterDisabled', () => {
  it('Filter without PreFilter state is an error', () => {
    const cache = makeCache([node('m1', {})]);
    const s = plugin(cache).filter(new CycleState(), new PodInfo(pod([])), cache.get('m1')!);
    expect(s?.code).toBe(Code.Error);
    expect(s?.message()).toBe('reading "PreFilterNodePorts" from cycleState: not found');
  });
});

describe('NodePorts: Test_isSchedulableAfterPodDeleted', () => {
  const [podEvent, nodeEvent] = plugin().eventsToRegister();
  const target = newPod('', 'TCP/0.0.0.0/8080');
  it('registers Pod Delete and Node Add', () => {
    expect(podEvent!.event).toMatchObject({ resource: 'Pod', actionType: 2 });
    expect(nodeEvent!.event).toMatchObject({ resource: 'Node', actionType: 1 });
    expect(nodeEvent!.hint).toBeUndefined();
  });
  it('backoff-wrong-old-object', () => expect(podEvent!.hint!(target, 'not-a-pod', undefined)).toBe('Queue'));
  it('skip-queue-on-unscheduled', () => expect(podEvent!.hint!(target, newPod('', 'TCP/0.0.0.0/8080'), undefined)).toBe('QueueSkip'));
  it('skip-queue-on-non-hostport', () => expect(podEvent!.hint!(target, pod([], { nodeName: 'fake-node' }), undefined)).toBe('QueueSkip'));
  it('skip-queue-on-unrelated-hostport', () => expect(podEvent!.hint!(target, newPod('fake-node', 'TCP/0.0.0.0/8081'), undefined)).toBe('QueueSkip'));
  it('queue-on-released-hostport', () => expect(podEvent!.hint!(target, newPod('fake-node', 'TCP/0.0.0.0/8080'), undefined)).toBe('Queue'));
});

describe('NodePorts: kube-scheduler-cases.json', () => {
  const all = loadCases()?.filter((c) => c.plugin === 'NodePorts');
  if (all === undefined) {
    it.skip('kube-scheduler-cases.json not found at ../shared/reference', () => {});
    return;
  }
  it('has cases', () => expect(all.length).toBeGreaterThan(0));
  for (const c of all) {
    it(`${c.id}: ${c.source.name}`, () => {
      const { cache, pod: p, nodes } = caseCluster(c);
      const pl = plugin(cache);
      const state = new CycleState();
      const { status } = pl.preFilter(state, p);
      expect(status).toBeNull();
      const codes = filterBoth(pl, state, p, nodes);
      nodes.forEach((n, i) => expect(Code[codes[i]!]).toBe(c.expected.filter![n.name]));
    });
  }
});
