import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition, Taint } from '../../../../src/api/types.js';
import { Cluster } from '../../../../src/cluster/Cluster.js';
import { NodeLifecycleController } from '../../../../src/cluster/controllers/nodelifecycle/NodeLifecycleController.js';
import { noScheduleTaintDiff } from '../../../../src/cluster/controllers/nodelifecycle/noScheduleTaints.js';
import { Kubelets } from '../../../../src/cluster/kubelet/Kubelets.js';
import { seconds } from '../../../../src/engine/time.js';
import { machine } from '../../kubelet/helpers.js';

const node = (conditions: [string, NodeCondition['status']][], taints: Taint[] = [], unschedulable = false): Node => ({
  metadata: { name: 'n' },
  spec: { taints, unschedulable },
  status: { conditions: conditions.map(([type, status]) => ({ type, status })) },
});
const keys = (ts: readonly Taint[]): string[] => ts.map((t) => `${t.key}:${t.effect}`);

// After TestTaintsNodeByCondition (node_lifecycle_controller_test.go).
describe('doNoScheduleTaintingPass (TaintNodesByCondition)', () => {
  it.each<[string, Node, string[], string[]]>([
    ['a healthy node needs nothing', node([['Ready', 'True'], ['MemoryPressure', 'False']]), [], []],
    ['a healthy node with taints of its own needs nothing', node([['Ready', 'True']], [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), [], []],
    ['Ready Unknown: unreachable', node([['Ready', 'Unknown']]), ['node.kubernetes.io/unreachable:NoSchedule'], []],
    ['Ready False: not-ready', node([['Ready', 'False']]), ['node.kubernetes.io/not-ready:NoSchedule'], []],
    [
      'pressure conditions',
      node([['Ready', 'True'], ['MemoryPressure', 'True'], ['DiskPressure', 'True'], ['PIDPressure', 'True'], ['NetworkUnavailable', 'True']]),
      ['node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/network-unavailable:NoSchedule'],
      [],
    ],
    ['cordoned: unschedulable', node([['Ready', 'True']], [], true), ['node.kubernetes.io/unschedulable:NoSchedule'], []],
    [
      'ready again: the condition taint goes, other taints stay',
      node([['Ready', 'True']], [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'dedicated', effect: 'NoSchedule' }]),
      [],
      ['node.kubernetes.io/unreachable:NoSchedule'],
    ],
  ])('%s', (_name, n, add, remove) => {
    const [toAdd, toRemove] = noScheduleTaintDiff(n);
    expect(keys(toAdd)).toEqual(add);
    expect(keys(toRemove)).toEqual(remove);
  });

  it('the controller taints a cordoned node at once and untaints it when uncordoned', () => {
    const cluster = new Cluster({ seed: 1 });
    const kubelets = cluster.add(new Kubelets(cluster));
    cluster.add(new NodeLifecycleController(cluster));
    kubelets.boot(machine('node-1'));
    cluster.start();
    const client = cluster.client('kubectl');
    const cordon = (on: boolean): void => client.update<Node>('Node', undefined, 'node-1', (n) => ({ ...n, spec: { ...n.spec, unschedulable: on } }));
    cluster.callbacks.at(seconds(30), () => cordon(true));
    cluster.sim.run({ until: seconds(31) });
    const taints = (): string[] => (cluster.store.get<Node>('Node', undefined, 'node-1')!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded ?? ''}`);
    expect(taints()).toEqual(['node.kubernetes.io/unschedulable:NoSchedule@2026-01-01T00:00:30Z']);
    cluster.callbacks.at(seconds(40), () => cordon(false));
    cluster.sim.run({ until: seconds(41) });
    expect(taints()).toEqual([]);
  });
});
