/** sweepRows joins the runs' rows in sweep order; pods.csv written from the runs' parts is pods.csv of all their rows. */
import { describe, expect, it } from 'vitest';
import { sweepRows } from '../../src/cli/sweep/writeOutputs.js';
import type { RunOutput } from '../../src/cli/sweep/task.js';
import { podLines, podsCsv, podsCsvOfLines } from '../../src/metrics/csvFiles.js';
import { podRow } from '../metrics/report/fixtures.js';

function output(seed: number, pods: number): RunOutput {
  return {
    key: { workload: 'w', policy: 'p', seed },
    summary: { seed } as never,
    podLines: `line of run ${seed}\n`.repeat(pods),
    pending: new Float64Array(pods).fill(seed),
    timeseries: [],
    perf: { seed } as never,
    curve: [],
    simSeconds: 1,
  };
}

describe('sweepRows', () => {
  it('joins the runs in sweep order, leaving out the failed ones', () => {
    const rows = sweepRows([output(1, 3), output(2, 100_000), null, output(3, 2)]);
    expect(rows.summary.map((s) => (s as unknown as { seed: number }).seed)).toEqual([1, 2, 3]);
    expect(rows.podLines.map((l) => l.split('\n').length - 1)).toEqual([3, 100_000, 2]);
    expect(rows.pending.map((p) => [p.workload, p.policy, p.seconds.length, p.seconds[0]])).toEqual([
      ['w', 'p', 3, 1],
      ['w', 'p', 100_000, 2],
      ['w', 'p', 2, 3],
    ]);
  });
});

describe('podLines', () => {
  it('pods.csv from each run\'s lines is pods.csv of all the rows, quoting and numbers included', () => {
    const run1 = [podRow('w', 'p', 1, 'a', 0.5), podRow('w', 'p', 1, 'needs "quotes", and a comma', ''), podRow('w', 'p', 1, 'c', 1e-7)];
    const run2 = [podRow('w', 'q', 2, 'd', 12345678901234567890)];
    const whole = podsCsv([...run1, ...run2]);
    expect(podsCsvOfLines([podLines(run1), podLines([]), podLines(run2)])).toBe(whole);
    expect(whole).toContain('"needs ""quotes"", and a comma"');
    expect(podsCsvOfLines([])).toBe(podsCsv([]));
  });
});
