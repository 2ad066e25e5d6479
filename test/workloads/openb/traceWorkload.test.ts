import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/api/InputError.js';
import { loadBuiltinPolicy } from '../../../src/scheduler/policies/resolvePolicy.js';
import { loadWorkload } from '../../../src/workloads/spec/loadWorkload.js';
import { isPlacementStudy, runTraceWorkload, traceOf } from '../../../src/workloads/openb/traceWorkload.js';

const dir = mkdtempSync(join(tmpdir(), 'kubesim-openb-workload-'));
writeFileSync(join(dir, 'nodes.csv'), 'sn,cpu_milli,memory_mib,gpu,model\nn0,64000,262144,2,T4\nn1,64000,262144,4,V100M16\n');
writeFileSync(
  join(dir, 'pods.csv'),
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,4000,8192,1,500\np1,8000,16384,2,1000\np2,2000,4096,0,0\np3,1000,2048,1,250\n',
);
writeFileSync(
  join(dir, 'timed.csv'),
  `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
t0,1000,1024,2,1000,,LS,Running,0,1800,0
t1,1000,1024,4,1000,,LS,Running,600,3000,600
t2,1000,1024,4,1000,,LS,Running,1200,,
`,
);
writeFileSync(join(dir, 'bad.csv'), 'name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,4000,8192,1,500\np1,8000,16384,3,700\n');

const workload = (podList: string, mode = 'placement') =>
  loadWorkload(
    `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: tiny-openb}
trace: {dir: ${dir}, nodeList: nodes.csv, podList: ${podList}, mode: ${mode}}
${mode === 'replay' ? 'duration: 1h\n' : ''}`,
    'w.yaml',
  );

describe('trace workloads', () => {
  it('a placement study runs through runTraceWorkload with the workload’s name', () => {
    const w = workload('pods.csv');
    expect(isPlacementStudy(w)).toBe(true);
    const r = runTraceWorkload(w, 'gpu-packing', loadBuiltinPolicy('gpu-packing'), 42);
    expect(r.summary).toMatchObject({ workload: 'tiny-openb', policy: 'gpu-packing', seed: 42, nodes: 2 });
    // 6 GPUs: inflated by clones towards 1.3 × 6000 milli.
    expect(r.summary.pods_created).toBeGreaterThan(4);
    expect(r.curve?.length).toBeGreaterThan(0);
    expect(r.timeseries).toEqual([]);
    expect(r.pods).toEqual([]);
  });

  it('a malformed trace is an InputError naming file, line and column (exit 2 in the CLI)', () => {
    const w = workload('bad.csv');
    expect(() => traceOf(w)).toThrow(InputError);
    expect(() => traceOf(w)).toThrow(`${join(dir, 'bad.csv')}:3: column "gpu_milli": 700 for a pod with num_gpu 3: only a single-GPU pod may share a GPU (expected 1000)`);
    expect(() => runTraceWorkload(w, 'fgd', loadBuiltinPolicy('fgd'), 1)).toThrow(InputError);
  });

  it('replay: pods come and go on the virtual clock by creation_time and deletion_time', () => {
    const w = loadWorkload(
      `apiVersion: kubesim.io/v1alpha1
kind: Workload
metadata: {name: tiny-replay}
duration: 2h
trace: {dir: ${dir}, nodeList: nodes.csv, podList: timed.csv, mode: replay}
`,
      'w.yaml',
    );
    expect(isPlacementStudy(w)).toBe(false);
    const r = runTraceWorkload(w, 'best-fit', loadBuiltinPolicy('best-fit'), 1);
    // t0 (0–1800 s) takes n0's 2 GPUs (best fit), t1 (600–3000 s) n1's 4; t2 (from 1200 s) needs 4 GPUs on one node:
    // retried when t0 leaves (n0 has only 2), placed when t1 leaves at 3000 s.
    expect(r.summary).toMatchObject({ workload: 'tiny-replay', pods_created: 3, pods_scheduled: 3, pods_unschedulable: 0 });
    expect(r.summary.pending_s_p50).toBe(0);
    // Pending 0, 0 and 1800 s: the R-7 99th percentile is 0.98 × 1800.
    expect(r.summary.pending_s_p99).toBe(1764);
    // t0, t1, and t2 at 1200 s, then every 5 min (the unschedulable-leftover flush) and at t0's departure: 1500, 1800, 2100, 2400, 2700, 3000 s.
    expect(r.summary.scheduling_attempts).toBe(9);
    // Hourly samples at 0, 1 h and 2 h: at 1 h t0 is gone (1800 s) and t1 runs; at 2 h only t2.
    expect(r.timeseries.map((t) => [t.t_s, t.pods_pending, t.pods_running, t.gpu_alloc_pct])).toEqual([
      [0, 0, 1, 33.3333],
      [3600, 0, 1, 66.6667],
      [7200, 0, 1, 66.6667],
    ]);
    expect((r as { curve?: unknown[] }).curve).toEqual([]);
  });

  it('replay needs creation times: the 5-column lists are placement-only', () => {
    const w = loadWorkload(
      `apiVersion: kubesim.io/v1alpha1\nkind: Workload\nmetadata: {name: r}\nduration: 1h\ntrace: {dir: ${dir}, nodeList: nodes.csv, podList: pods.csv, mode: replay}\n`,
      'w.yaml',
    );
    expect(() => runTraceWorkload(w, 'fgd', loadBuiltinPolicy('fgd'), 1)).toThrow(`${join(dir, 'pods.csv')}: pod p0 has no creation_time: a replay needs the 11-column pod lists (the multigpu lists are placement-only)`);
  });
});
