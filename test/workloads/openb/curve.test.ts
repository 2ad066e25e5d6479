import { describe, expect, it } from 'vitest';
import { CurveBinner, curveAt } from '../../../src/workloads/openb/curve.js';

const key = { workload: 'w', policy: 'p', seed: 1 };

describe('CurveBinner', () => {
  it('bins by ⌊arrived / capacity × 100⌋ and averages within each bin', () => {
    // Capacity 2 GPUs = 2000 milli: 1 % is 20 milli.
    const b = new CurveBinner(key, 2000);
    b.record(10, 10, 0); // 0.5 % → bin 0: alloc 0.5 %, frag 0, idle 1990 → ratio 0
    b.record(10, 10, 100); // CPU-only arrival, still bin 0: frag 5 %, ratio 100/1990
    b.record(20, 20, 0); // exactly 1 % → bin 1 (integer arithmetic, no 0.9999)
    b.record(2000, 1500, 250); // 100 %: alloc 75 %, frag 12.5 %, ratio 250/500 = 50 %
    b.record(2010, 2000, 0); // 100.5 % → bin 100 too; idle 0 → no ratio for this record
    expect(b.rows()).toEqual([
      { ...key, arrived_pct: 0, allocated_gpu_pct: 0.5, unallocated_gpu_pct: 99.5, frag_gpu_pct: 2.5, frag_ratio_pct: Math.round(((0 + 10000 / 1990) / 2) * 1e6) / 1e6 },
      { ...key, arrived_pct: 1, allocated_gpu_pct: 1, unallocated_gpu_pct: 99, frag_gpu_pct: 0, frag_ratio_pct: 0 },
      { ...key, arrived_pct: 100, allocated_gpu_pct: 87.5, unallocated_gpu_pct: 12.5, frag_gpu_pct: 6.25, frag_ratio_pct: 50 },
    ]);
  });

  it('a bin where no GPU was ever idle has an empty frag ratio', () => {
    const b = new CurveBinner(key, 1000);
    b.record(1000, 1000, 0);
    expect(b.rows()[0]).toMatchObject({ arrived_pct: 100, allocated_gpu_pct: 100, unallocated_gpu_pct: 0, frag_ratio_pct: '' });
  });

  it('skipped bins have no row; curveAt finds a bin', () => {
    const b = new CurveBinner(key, 1000);
    b.record(500, 500, 0);
    b.record(1300, 800, 100);
    const rows = b.rows();
    expect(rows.map((r) => r.arrived_pct)).toEqual([50, 130]);
    expect(curveAt(rows, 130)?.frag_ratio_pct).toBe(50);
    expect(curveAt(rows, 100)).toBeUndefined();
  });

  it('needs a positive capacity', () => {
    expect(() => new CurveBinner(key, 0)).toThrow(RangeError);
  });
});
