import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../src/api/types.js';
import { podUsage, topNodes, topPods } from '../../src/kubectl/top.js';
import { viewOf } from './view.js';

function pod(namespace: string, name: string, nodeName: string, requests: { cpu?: string; memory?: string }, ratio?: string, phase: 'Running' | 'Pending' | 'Succeeded' = 'Running'): Pod {
  return {
    kind: 'Pod',
    metadata: { namespace, name, ...(ratio === undefined ? {} : { annotations: { 'sim.kubesim.io/usage-ratio': ratio } }) },
    spec: { nodeName, containers: [{ name: 'c', resources: { requests } }] },
    status: { phase },
  };
}

function node(name: string, cpu: string, memory: string, ready = true): Node {
  return { kind: 'Node', metadata: { name }, status: { allocatable: { cpu, memory, pods: '110' }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] } };
}

const view = viewOf([
  node('node-b', '2', '4Gi'),
  node('node-a', '4', '8Gi'),
  node('node-c', '4', '8Gi', false),
  pod('default', 'web-1', 'node-a', { cpu: '500m', memory: '256Mi' }),
  pod('default', 'web-2', 'node-a', { cpu: '250m', memory: '128Mi' }, '0.5'),
  pod('kube-system', 'coredns', 'node-b', { cpu: '100m', memory: '70Mi' }),
  pod('default', 'pending', 'node-b', { cpu: '1', memory: '1Gi' }, undefined, 'Pending'),
]);

describe('kubectl top', () => {
  it('uses requests × the usage-ratio annotation (default 1), rounding cpu up to millicores', () => {
    expect(podUsage(pod('d', 'p', 'n', { cpu: '250m', memory: '128Mi' }, '0.5'))).toEqual({ nanoCores: 125_000_000, bytes: 64 * 1024 * 1024 });
    expect(podUsage(pod('d', 'p', 'n', { cpu: '1', memory: '1Gi' }))).toEqual({ nanoCores: 1e9, bytes: 1024 ** 3 });
  });

  it('prints top nodes: running pods summed per node against allocatable; NotReady nodes <unknown> last', () => {
    // node-a: 500m + 125m = 625m of 4000m = 15%; 256Mi + 64Mi = 320Mi of 8192Mi = 3%. node-b: 100m of 2000m = 5%; 70Mi of 4096Mi = 1%.
    expect(topNodes(view).stdout).toBe(
      'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   \n' +
        'node-a   625m         15%         320Mi           3%          \n' +
        'node-b   100m         5%          70Mi            1%          \n' +
        'node-c   <unknown>    <unknown>   <unknown>       <unknown>   \n',
    );
  });

  it('prints top pods in a namespace, and with -A NAMESPACE first; only running pods', () => {
    expect(topPods(view).stdout).toBe('NAME    CPU(cores)   MEMORY(bytes)   \nweb-1   500m         256Mi           \nweb-2   125m         64Mi            \n');
    expect(topPods(view, { allNamespaces: true }).stdout).toBe(
      'NAMESPACE     NAME      CPU(cores)   MEMORY(bytes)   \n' +
        'default       web-1     500m         256Mi           \n' +
        'default       web-2     125m         64Mi            \n' +
        'kube-system   coredns   100m         70Mi            \n',
    );
  });

  it('says No resources found when nothing is measured', () => {
    expect(topPods(view, { namespace: 'empty' })).toEqual({ stdout: '', stderr: 'No resources found in empty namespace.\n' });
    expect(topNodes(viewOf([]))).toEqual({ stdout: '', stderr: 'No resources found\n' });
  });
});
