import { describe, expect, it } from 'vitest';
import { gpuAskOf } from '../../../src/gpu/podGpu.js';
import { traceNode, tracePod } from '../../../src/gpu/openb/toObjects.js';
import type { OpenbPod } from '../../../src/gpu/openb/types.js';

const pod = (over: Partial<OpenbPod>): OpenbPod => ({
  name: 'openb-pod-0001',
  cpuMilli: 6000,
  memoryMib: 12288,
  numGpu: 1,
  gpuMilli: 460,
  models: [],
  gpuSpec: '',
  qos: 'LS',
  podPhase: 'Running',
  ...over,
});

describe('trace rows as objects', () => {
  it('a GPU node: cpu, memory, the 1001-pod cap and nvidia.com/gpu; the model as nvidia.com/gpu.product', () => {
    const n = traceNode({ name: 'openb-node-0000', cpuMilli: 64000, memoryMib: 262144, gpu: 2, model: 'P100' });
    expect(n.metadata).toEqual({ name: 'openb-node-0000', uid: 'node/openb-node-0000', labels: { 'kubernetes.io/hostname': 'openb-node-0000', 'nvidia.com/gpu.product': 'P100' } });
    expect(n.status?.capacity).toEqual({ cpu: '64000m', memory: '262144Mi', pods: '1001', 'nvidia.com/gpu': '2' });
    expect(n.status?.allocatable).toEqual(n.status?.capacity);
    expect(n.status?.conditions).toEqual([{ type: 'Ready', status: 'True' }]);
  });

  it('a node without GPUs has neither the resource nor the label', () => {
    const n = traceNode({ name: 'c', cpuMilli: 32000, memoryMib: 1024, gpu: 0, model: '' });
    expect(n.status?.capacity).toEqual({ cpu: '32000m', memory: '1024Mi', pods: '1001' });
    expect(n.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'c' });
  });

  it('a sharing pod: requests and the GPU annotations the scheduler reads', () => {
    const p = tracePod(pod({ models: ['V100M16', 'V100M32'], gpuSpec: 'V100M16|V100M32' }));
    expect(p.metadata).toEqual({
      name: 'openb-pod-0001',
      namespace: 'default',
      uid: 'openb-pod-0001',
      annotations: { 'gpu.kubesim.io/count': '1', 'gpu.kubesim.io/milli': '460', 'gpu.kubesim.io/models': 'V100M16|V100M32' },
    });
    expect(p.spec.containers[0]!.resources).toEqual({ requests: { cpu: '6000m', memory: '12288Mi' }, limits: { cpu: '6000m', memory: '12288Mi' } });
    expect(gpuAskOf(p)).toEqual({ numGpu: 1, gpuMilli: 460, models: ['V100M16', 'V100M32'] });
  });

  it('a whole-GPU pod without a spec, and a CPU-only pod with no GPU annotation', () => {
    expect(gpuAskOf(tracePod(pod({ numGpu: 8, gpuMilli: 1000 })))).toEqual({ numGpu: 8, gpuMilli: 1000, models: [] });
    const cpu = tracePod(pod({ numGpu: 0, gpuMilli: 0 }));
    expect(cpu.metadata.annotations).toEqual({});
    expect(gpuAskOf(cpu)).toBeNull();
  });
});
