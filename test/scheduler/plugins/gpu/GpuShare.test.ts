/** GpuShare's Filter (Open-Gpu-Share's rules, reference §1) and its whole-table fast path. */
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduler/framework/CycleState.js';
import { PodInfo } from '../../../../src/scheduler/framework/PodInfo.js';
import { Code } from '../../../../src/scheduler/framework/Status.js';
import {
  ERR_REASON_GPU_MODEL,
  ERR_REASON_INSUFFICIENT_GPU,
  ERR_REASON_NO_GPU,
  GpuSharePlugin,
  validateGpuShareArgs,
  defaultGpuShareArgs,
} from '../../../../src/scheduler/plugins/gpu/GpuShare.js';
import { makeCache, makeHandle } from '../../fixtures.js';
import { gpuNode, gpuPod } from './gpuFixtures.js';

// v: V100M16 with 4 GPUs left [1000, 300, 1000, 0]; t: T4 with 1 GPU free; n: no GPU.
const cache = makeCache(
  [gpuNode('v', 64000, 4, 'V100M16'), gpuNode('t', 64000, 1, 'T4'), gpuNode('n', 64000, 0)],
  [gpuPod('v1', 100, 1, 700, { node: 'v', index: [1] }), gpuPod('v2', 100, 1, 1000, { node: 'v', index: [3] })],
);
const plugin = new GpuSharePlugin(defaultGpuShareArgs(undefined), makeHandle(cache));

function verdicts(pod: ReturnType<typeof gpuPod>): Record<string, string> {
  const info = new PodInfo(pod);
  const state = new CycleState();
  const rows = cache.scanRows();
  const codes = new Uint8Array(rows.length);
  plugin.filterNodes(state, info, rows, rows.length, codes);
  const out: Record<string, string> = {};
  cache.nodeInfoList().forEach((n, k) => {
    const s = plugin.filter(state, info, n);
    expect(codes[k], n.name).toBe(s === null ? 0 : s.code);
    out[n.name] = s === null ? 'ok' : `${Code[s.code]}: ${s.reasons.join(', ')}`;
  });
  return out;
}

describe('GpuShare Filter', () => {
  it('CPU-only pods pass everywhere', () => {
    expect(verdicts(gpuPod('c', 1000, 0, 0))).toEqual({ v: 'ok', t: 'ok', n: 'ok' });
  });
  it('a sharing pod needs one GPU with left ≥ milli; a node without GPUs is unresolvable', () => {
    expect(verdicts(gpuPod('s', 1000, 1, 300))).toEqual({ v: 'ok', t: 'ok', n: `UnschedulableAndUnresolvable: ${ERR_REASON_NO_GPU}` });
  });
  it('k whole GPUs need k fully free GPUs', () => {
    expect(verdicts(gpuPod('w2', 1000, 2, 1000))).toEqual({
      v: 'ok',
      t: `Unschedulable: ${ERR_REASON_INSUFFICIENT_GPU}`,
      n: `UnschedulableAndUnresolvable: ${ERR_REASON_NO_GPU}`,
    });
    expect(verdicts(gpuPod('w3', 1000, 3, 1000)).v).toBe(`Unschedulable: ${ERR_REASON_INSUFFICIENT_GPU}`);
  });
  it('GPU models restrict the nodes', () => {
    expect(verdicts(gpuPod('m', 1000, 1, 500, { models: ['T4', 'A10'] }))).toEqual({
      v: `UnschedulableAndUnresolvable: ${ERR_REASON_GPU_MODEL}`,
      t: 'ok',
      n: `UnschedulableAndUnresolvable: ${ERR_REASON_NO_GPU}`,
    });
  });
  it('args: gpuSelection BestFit by default; Random accepted; others rejected', () => {
    expect(defaultGpuShareArgs(undefined)).toEqual({ gpuSelection: 'BestFit' });
    expect(validateGpuShareArgs({ gpuSelection: 'Random' })).toEqual([]);
    expect(validateGpuShareArgs({ gpuSelection: 'Worst' as 'Random' })).toHaveLength(1);
  });
});
