import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition } from '../../src/api/types.js';
import { get } from '../../src/kubectl/get.js';
import { nodePrinter } from '../../src/kubectl/printNode.js';
import { ago, NOW, viewOf } from './view.js';

function node(name: string, extra: Partial<Node> = {}, labels?: Record<string, string>): Node {
  return { kind: 'Node', metadata: { name, ...(labels === undefined ? {} : { labels }) }, ...extra };
}
const cond = (type: string, status: NodeCondition['status']): NodeCondition => ({ type, status });

// printers_test.go TestPrintNodeStatus: NAME STATUS ROLES AGE VERSION.
const statusTable: [Node, string[]][] = [
  [node('foo1', { status: { conditions: [cond('Ready', 'True')] } }), ['foo1', 'Ready', '<none>', '<unknown>', '']],
  [node('foo2', { spec: { unschedulable: true }, status: { conditions: [cond('Ready', 'True')] } }), ['foo2', 'Ready,SchedulingDisabled', '<none>', '<unknown>', '']],
  [node('foo3', { status: { conditions: [cond('Ready', 'True'), cond('Ready', 'True')] } }), ['foo3', 'Ready', '<none>', '<unknown>', '']],
  [node('foo4', { status: { conditions: [cond('Ready', 'False')] } }), ['foo4', 'NotReady', '<none>', '<unknown>', '']],
  [node('foo5', { spec: { unschedulable: true }, status: { conditions: [cond('Ready', 'False')] } }), ['foo5', 'NotReady,SchedulingDisabled', '<none>', '<unknown>', '']],
  [node('foo6', { status: { conditions: [cond('InvalidValue', 'True')] } }), ['foo6', 'Unknown', '<none>', '<unknown>', '']],
  [node('foo7', { status: { conditions: [{} as NodeCondition] } }), ['foo7', 'Unknown', '<none>', '<unknown>', '']],
  [node('foo8', { spec: { unschedulable: true }, status: { conditions: [cond('InvalidValue', 'True')] } }), ['foo8', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
  [node('foo9', { spec: { unschedulable: true }, status: { conditions: [{} as NodeCondition] } }), ['foo9', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
  // The reference's dead-node case: Ready=Unknown prints NotReady.
  [node('dead', { status: { conditions: [cond('Ready', 'Unknown')] } }), ['dead', 'NotReady', '<none>', '<unknown>', '']],
];

// TestPrintNodeRole.
const roleTable: [Node, string[]][] = [
  [node('foo9'), ['foo9', 'Unknown', '<none>', '<unknown>', '']],
  [
    node('foo10', {}, { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' }),
    ['foo10', 'Unknown', 'control-plane,master,node,proxy', '<unknown>', ''],
  ],
  [node('foo11', {}, { 'kubernetes.io/role': 'node' }), ['foo11', 'Unknown', 'node', '<unknown>', '']],
];

const ext = (address: string) => ({ type: 'ExternalIP' as const, address });
const int = (address: string) => ({ type: 'InternalIP' as const, address });

// TestPrintNodeOSImage, KernelVersion, ContainerRuntimeVersion, ExternalIP, InternalIP (-o wide).
const wideTable: [Node, string[]][] = [
  [node('foo1', { status: { nodeInfo: { osImage: 'fake-os-image' }, addresses: [ext('1.1.1.1')] } }), ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', 'fake-os-image', '<unknown>', '<unknown>']],
  [node('foo2', { status: { nodeInfo: { kernelVersion: 'fake-kernel-version' }, addresses: [ext('1.1.1.1')] } }), ['foo2', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', 'fake-kernel-version', '<unknown>']],
  [node('foo1', { status: { nodeInfo: { containerRuntimeVersion: 'foo://1.2.3' }, addresses: [ext('1.1.1.1')] } }), ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', 'foo://1.2.3']],
  [node('foo2', { status: { nodeInfo: {}, addresses: [ext('1.1.1.1')] } }), ['foo2', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>']],
  [node('foo2', { status: { addresses: [int('1.1.1.1')] } }), ['foo2', 'Unknown', '<none>', '<unknown>', '', '1.1.1.1', '<none>', '<unknown>', '<unknown>', '<unknown>']],
  [node('foo3', { status: { addresses: [ext('2.2.2.2'), int('3.3.3.3'), ext('4.4.4.4')] } }), ['foo3', 'Unknown', '<none>', '<unknown>', '', '3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>']],
  [node('foo3', { status: { addresses: [int('2.2.2.2'), ext('3.3.3.3'), int('4.4.4.4')] } }), ['foo3', 'Unknown', '<none>', '<unknown>', '', '2.2.2.2', '3.3.3.3', '<unknown>', '<unknown>', '<unknown>']],
];

describe('printNode (printers.go)', () => {
  it.each(statusTable)('TestPrintNodeStatus %#', (n, want) => expect(nodePrinter.row(n, NOW, false)).toEqual(want));
  it.each(roleTable)('TestPrintNodeRole %#', (n, want) => expect(nodePrinter.row(n, NOW, false)).toEqual(want));
  it.each(wideTable)('wide columns %#', (n, want) => expect(nodePrinter.row(n, NOW, true)).toEqual(want));
});

describe('kubectl get nodes', () => {
  const nodes = viewOf([
    node('worker-2', { metadata: { name: 'worker-2', creationTimestamp: ago(3 * 3600) }, status: { conditions: [cond('Ready', 'Unknown')], nodeInfo: { kubeletVersion: 'v1.34.0' } } }),
    node('control-plane', {
      metadata: { name: 'control-plane', creationTimestamp: ago(3 * 3600 + 120), labels: { 'node-role.kubernetes.io/control-plane': '' } },
      status: { conditions: [cond('Ready', 'True')], nodeInfo: { kubeletVersion: 'v1.34.0' } },
    }),
    node('worker-1', { metadata: { name: 'worker-1', creationTimestamp: ago(3 * 3600) }, spec: { unschedulable: true }, status: { conditions: [cond('Ready', 'True')], nodeInfo: { kubeletVersion: 'v1.34.0' } } }),
  ]);

  it('prints STATUS, ROLES, AGE and VERSION sorted by name, and ignores -A (nodes have no namespace)', () => {
    const want =
      'NAME            STATUS                     ROLES           AGE    VERSION\n' +
      'control-plane   Ready                      control-plane   3h2m   v1.34.0\n' +
      'worker-1        Ready,SchedulingDisabled   <none>          3h     v1.34.0\n' +
      'worker-2        NotReady                   <none>          3h     v1.34.0\n';
    expect(get(nodes, 'nodes').stdout).toBe(want);
    expect(get(nodes, 'no', { allNamespaces: true }).stdout).toBe(want);
  });

  it('says "No resources found" for no nodes, whatever the namespace', () => {
    expect(get(viewOf([]), 'nodes', { namespace: 'kube-system' }).stderr).toBe('No resources found\n');
  });
});
