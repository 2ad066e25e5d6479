import { describe, expect, it } from 'vitest';
import { runSweepOnce, sweepSuite } from '../../bench/sweep.js';

describe('the sweep suite', () => {
  it('runs 2 policies × 2 seeds of minikube.yaml in this process', async () => {
    expect(await runSweepOnce(true)).toBe(4);
  });

  it('reports one wall_s row per sample', async () => {
    const rows = await sweepSuite.run({ samples: 2, small: true });
    expect(rows.map((r) => [r.suite, r.case, r.metric, r.unit])).toEqual([
      ['sweep', 'minikube-10m-2x2', 'wall_s', 's'],
      ['sweep', 'minikube-10m-2x2', 'wall_s', 's'],
    ]);
    for (const r of rows) expect(r.value).toBeGreaterThan(0);
  });
});
