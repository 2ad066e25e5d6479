/** sweepRows joins the runs' rows in sweep order, however many pods a run has. */
import { describe, expect, it } from 'vitest';
import { sweepRows } from '../../src/cli/sweep/writeOutputs.js';
import type { RunOutput } from '../../src/cli/sweep/task.js';
import type { PodRow } from '../../src/metrics/types.js';

function output(seed: number, pods: number): RunOutput {
  const row = { seed } as unknown as PodRow;
  return {
    key: { workload: 'w', policy: 'p', seed },
    summary: { seed } as never,
    pods: new Array<PodRow>(pods).fill(row),
    timeseries: [],
    perf: { seed } as never,
    curve: [],
    simSeconds: 1,
  };
}

describe('sweepRows', () => {
  it('joins a run of a million pods (more than a spread call can take)', () => {
    const rows = sweepRows([output(1, 3), output(2, 1_000_000), null, output(3, 2)]);
    expect(rows.pods).toHaveLength(1_000_005);
    expect(rows.summary.map((s) => (s as unknown as { seed: number }).seed)).toEqual([1, 2, 3]);
    expect((rows.pods[2] as unknown as { seed: number }).seed).toBe(1);
    expect((rows.pods[3] as unknown as { seed: number }).seed).toBe(2);
    expect((rows.pods[1_000_004] as unknown as { seed: number }).seed).toBe(3);
  });
});
