import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/api/InputError.js';
import { readNodeList } from '../../../src/gpu/openb/readNodeList.js';
import { readPodList } from '../../../src/gpu/openb/readPodList.js';
import { readTrace } from '../../../src/gpu/openb/readTrace.js';

const NODES = `sn,cpu_milli,memory_mib,gpu,model
openb-node-0000,64000,262144,2,P100
openb-node-0001,96000,786432,8,G2
openb-node-0002,32000,131072,0,
`;

const PODS = `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0
openb-pod-0001,6000,12288,1,460,P100|G2,LS,Running,427061,12902960,427061
openb-pod-0002,88000,327680,8,1000,,BE,Pending,1558381,,
openb-pod-0003,4000,8192,0,0,,Burstable,Succeeded,1600000,1700000,1600001
`;

const MULTIGPU = `name,cpu_milli,memory_mib,num_gpu,gpu_milli
openb-pod-0000,12000,16384,1,1000
openb-pod-0001,6000,12288,2,1000
`;

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('readNodeList', () => {
  it('reads the rows in file order', () => {
    expect(readNodeList(NODES, 'nodes.csv')).toEqual([
      { name: 'openb-node-0000', cpuMilli: 64000, memoryMib: 262144, gpu: 2, model: 'P100' },
      { name: 'openb-node-0001', cpuMilli: 96000, memoryMib: 786432, gpu: 8, model: 'G2' },
      { name: 'openb-node-0002', cpuMilli: 32000, memoryMib: 131072, gpu: 0, model: '' },
    ]);
  });

  it.each([
    ['sn,cpu_milli,memory_mib,gpu\nn0,1,1,0\n', 'nodes.csv:1: column "model": missing from the header'],
    ['sn,cpu_milli,gpu\nn0,1,0\n', 'nodes.csv:1: column "memory_mib": missing from the header (also missing: model)'],
    ['', 'nodes.csv:1: empty file, expected a header line "sn,cpu_milli,memory_mib,gpu,model"'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,64000,1024,2,P100\nn1,6.4k,1024,2,P100\n', 'nodes.csv:3: column "cpu_milli": "6.4k" is not a whole number'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,-1,1024,2,P100\n', 'nodes.csv:2: column "cpu_milli": -1 is out of range [0, 9007199254740991]'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1024,9,P100\n', 'nodes.csv:2: column "gpu": 9 is out of range [0, 8]'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,,2,P100\n', 'nodes.csv:2: column "memory_mib": empty, expected a whole number'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1,2,\n', 'nodes.csv:2: column "model": empty for a node with 2 GPUs, expected its GPU model'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1,0,T4\n', 'nodes.csv:2: column "model": "T4" on a node without GPUs (gpu is 0)'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1,1,T4\n\nn0,1,1,1,T4\n', 'nodes.csv:4: column "sn": node "n0" appears twice (first on line 2)'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1\n', 'nodes.csv:2: column "gpu": missing (the line has 3 fields, the header 5)'],
    ['sn,cpu_milli,memory_mib,gpu,model\nn0,1,1,1,T4,extra\n', 'nodes.csv:2: 6 fields where the header has 5'],
    ['sn,cpu_milli,memory_mib,gpu,model\n"n0,1,1,1,T4\n', 'nodes.csv:2: malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ])('%j → %s', (text, message) => {
    expect(errorOf(() => readNodeList(text, 'nodes.csv'))).toBe(message);
  });
});

describe('readPodList', () => {
  it('reads the 11-column files: times, qos, phase and gpu_spec split on |', () => {
    const pods = readPodList(PODS, 'pods.csv');
    expect(pods).toHaveLength(4);
    expect(pods[1]).toEqual({
      name: 'openb-pod-0001',
      cpuMilli: 6000,
      memoryMib: 12288,
      numGpu: 1,
      gpuMilli: 460,
      models: ['P100', 'G2'],
      gpuSpec: 'P100|G2',
      qos: 'LS',
      podPhase: 'Running',
      creationTime: 427061,
      deletionTime: 12902960,
      scheduledTime: 427061,
    });
    // Empty deletion and scheduled times are absent, not 0.
    expect(pods[2]).toMatchObject({ numGpu: 8, gpuMilli: 1000, models: [], creationTime: 1558381 });
    expect(pods[2]).not.toHaveProperty('deletionTime');
    expect(pods[2]).not.toHaveProperty('scheduledTime');
    expect(pods[3]).toMatchObject({ numGpu: 0, gpuMilli: 0, cpuMilli: 4000 });
  });

  it('reads the 5-column multigpu files: no spec, qos, phase or times', () => {
    expect(readPodList(MULTIGPU, 'multigpu.csv')).toEqual([
      { name: 'openb-pod-0000', cpuMilli: 12000, memoryMib: 16384, numGpu: 1, gpuMilli: 1000, models: [], gpuSpec: '', qos: '', podPhase: '' },
      { name: 'openb-pod-0001', cpuMilli: 6000, memoryMib: 12288, numGpu: 2, gpuMilli: 1000, models: [], gpuSpec: '', qos: '', podPhase: '' },
    ]);
  });

  const H = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n';
  it.each([
    ['name,cpu_milli,memory_mib,num_gpu\np,1,1,0\n', 'pods.csv:1: column "gpu_milli": missing from the header'],
    [`${H}p0,1,1,9,1000,,LS,Running,0,1,0\n`, 'pods.csv:2: column "num_gpu": 9 is out of range [0, 8]'],
    [`${H}p0,1,1,1,1001,,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_milli": 1001 is out of range [0, 1000]'],
    [`${H}p0,1,1,1,x,,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_milli": "x" is not a whole number'],
    [`${H}p0,1,1,0,500,,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_milli": 500 for a pod with num_gpu 0, expected 0'],
    [`${H}p0,1,1,2,0,,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_milli": 0 for a pod with num_gpu 2, expected 1 to 1000'],
    [`${H}p0,1,1,2,500,,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_milli": 500 for a pod with num_gpu 2: only a single-GPU pod may share a GPU (expected 1000)'],
    [`${H}p0,1,1,1,500,T4||P100,LS,Running,0,1,0\n`, 'pods.csv:2: column "gpu_spec": "T4||P100" has an empty model name'],
    [`${H}p0,1,1,1,500,,LS,Running,-5,1,0\n`, 'pods.csv:2: column "creation_time": -5 is out of range [0, 9007199254740991]'],
    [`${H}p0,1,1,1,500,,LS,Running,0,1.5,0\n`, 'pods.csv:2: column "deletion_time": "1.5" is not a whole number'],
    [`${H}p0,1,1,1,500,,LS,Running,0,1,0\np0,1,1,1,500,,LS,Running,0,1,0\n`, 'pods.csv:3: column "name": pod "p0" appears twice (first on line 2)'],
    [`${H},1,1,1,500,,LS,Running,0,1,0\n`, 'pods.csv:2: column "name": empty, expected a pod name'],
  ])('%j → %s', (text, message) => {
    expect(errorOf(() => readPodList(text, 'pods.csv'))).toBe(message);
  });

  it('checks gpu_spec against the node list’s models when given them', () => {
    const text = `${H}p0,1,1,1,500,P100,LS,Running,0,1,0\np1,1,1,1,500,V100M16|A100,LS,Running,0,1,0\n`;
    expect(errorOf(() => readPodList(text, 'pods.csv', { models: new Set(['P100', 'V100M16']), nodeFile: 'nodes.csv' }))).toBe(
      'pods.csv:3: column "gpu_spec": GPU model "A100" is on no node of nodes.csv',
    );
  });
});

describe('readTrace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-openb-'));
  writeFileSync(join(dir, 'nodes.csv'), NODES);
  writeFileSync(join(dir, 'pods.csv'), PODS);
  writeFileSync(join(dir, 'bad-spec.csv'), `${PODS}openb-pod-0004,1000,1024,1,200,T4,LS,Running,0,1,0\n`);

  it('reads both files from the folder', () => {
    const t = readTrace({ dir, nodeList: 'nodes.csv', podList: 'pods.csv' });
    expect(t.nodes).toHaveLength(3);
    expect(t.pods).toHaveLength(4);
    expect(t.podFile).toBe(join(dir, 'pods.csv'));
  });

  it('a model that no node has is an error at the pod’s file, line and column', () => {
    expect(errorOf(() => readTrace({ dir, nodeList: 'nodes.csv', podList: 'bad-spec.csv' }))).toBe(
      `${join(dir, 'bad-spec.csv')}:6: column "gpu_spec": GPU model "T4" is on no node of ${join(dir, 'nodes.csv')}`,
    );
  });

  it('a missing file is an input error naming it', () => {
    expect(errorOf(() => readTrace({ dir, nodeList: 'nodes.csv', podList: 'nope.csv' }))).toBe(`${join(dir, 'nope.csv')}: cannot read pod list: no such file`);
  });
});
