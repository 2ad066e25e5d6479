import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../src/api/manifests.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';

const errorOf = (text: string, sets: string[] = []): string => {
  try {
    loadWorkload(text, 'dir/w.yaml', sets);
  } catch (err) {
    if (err instanceof ManifestError) return err.toString();
    throw err;
  }
  throw new Error('expected a ManifestError');
};

// Lines 1–5.
const HEAD = `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: t}
parameters: {traceDir: data/openb}
trace:
`;

describe('the trace section', () => {
  it('defaults: format openb, the GPU node list, tune 1.3, placement; no duration needed', () => {
    const w = loadWorkload(`${HEAD}  dir: /data/openb\n  podList: p.csv\n`, 'dir/w.yaml');
    expect(w.trace).toEqual({ format: 'openb', dir: '/data/openb', nodeList: 'openb_node_list_gpu_node.csv', podList: 'p.csv', tune: 1.3, mode: 'placement' });
    expect(w.duration).toBe(0);
    expect(w.cluster.nodePools).toEqual([]);
    expect(w.arrivals).toEqual([]);
  });

  it('every field, and a workload without a trace has none', () => {
    const w = loadWorkload(`${HEAD}  {format: openb, dir: /d, nodeList: n.csv, podList: p.csv, tune: 0, mode: replay}\nduration: 1h\n`, 'dir/w.yaml');
    expect(w.trace).toEqual({ format: 'openb', dir: '/d', nodeList: 'n.csv', podList: 'p.csv', tune: 0, mode: 'replay' });
    const plain = loadWorkload(`apiVersion: kubesim.io/v1alpha1\nkind: Workload\nmetadata: {name: t}\nduration: 1h\n`, 'w.yaml');
    expect(plain).not.toHaveProperty('trace');
  });

  it('a relative dir written in the file resolves against the workload file’s folder', () => {
    const w = loadWorkload(`${HEAD}  dir: \${traceDir}\n  podList: p.csv\n`, 'dir/w.yaml');
    expect(w.trace?.dir).toBe(resolve('dir', 'data/openb'));
  });

  it('a relative dir from the command line resolves against the current directory', () => {
    const text = `${HEAD}  dir: \${traceDir}\n  podList: p.csv\n`;
    expect(loadWorkload(text, 'dir/w.yaml', ['traceDir=elsewhere']).trace?.dir).toBe(resolve('elsewhere'));
    expect(loadWorkload(text, 'dir/w.yaml', ['trace.dir=there']).trace?.dir).toBe(resolve('there'));
    // Another parameter set on the command line does not move a dir written in the file.
    expect(loadWorkload(`${HEAD}  dir: openb\n  podList: \${traceDir}\n`, 'dir/w.yaml', ['traceDir=x.csv']).trace?.dir).toBe(resolve('dir', 'openb'));
  });

  it.each([
    [`${HEAD}  podList: p.csv\n`, 'dir/w.yaml:5: trace.dir: Required value'],
    [`${HEAD}  dir: d\n`, 'dir/w.yaml:5: trace.podList: Required value'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  format: csv\n`, 'dir/w.yaml:8: trace.format: Unsupported value: "csv": supported values: "openb"'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  mode: live\n`, 'dir/w.yaml:8: trace.mode: Unsupported value: "live": supported values: "placement", "replay"'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  tune: -1\n`, 'dir/w.yaml:8: trace.tune: Invalid value: -1: must be greater than or equal to 0'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  tune: lots\n`, 'dir/w.yaml:8: trace.tune: Invalid value: "lots": must be of type number'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  nodes: 3\n`, 'dir/w.yaml:8: trace.nodes: unknown field "nodes"'],
    [`${HEAD}  dir: d\n  podList: p.csv\n  mode: replay\n`, 'dir/w.yaml:1: duration: Required value'],
    [`${HEAD}  dir: d\n  podList: p.csv\narrivals: []\n`, 'dir/w.yaml:8: arrivals: not allowed with trace: the trace gives the cluster and its pods'],
    [`${HEAD}  dir: d\n  podList: p.csv\ncluster:\n  nodePools: []\n`, 'dir/w.yaml:8: cluster: not allowed with trace: the trace gives the cluster and its pods'],
  ])('%j → %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('workloads/alibaba-openb.yaml: parameters reach the trace section', () => {
    const file = resolve(import.meta.dirname, '../../../workloads/alibaba-openb.yaml');
    const text = readFileSync(file, 'utf8');
    const w = loadWorkload(text, file, ['traceDir=/x/openb', 'podList=openb_pod_list_multigpu50.csv', 'tune=0']);
    expect(w.metadata.name).toBe('alibaba-openb');
    expect(w.trace).toEqual({ format: 'openb', dir: '/x/openb', nodeList: 'openb_node_list_gpu_node.csv', podList: 'openb_pod_list_multigpu50.csv', tune: 0, mode: 'placement' });
    // The default dir is beside the checkout, written relative to the workloads folder.
    expect(loadWorkload(text, file).trace?.dir).toBe(resolve(import.meta.dirname, '../../../../shared/data/openb'));
  });
});
