import { describe, expect, it } from 'vitest';
import { CALIBRATION, calibrationRows, calibrationWork } from '../../bench/calibration.js';

describe('the calibration workload', () => {
  it('does the same work every time (a fixed checksum for a fixed op count and walk entry)', () => {
    const a = calibrationWork(10_000, 12345);
    expect(calibrationWork(10_000, 12345)).toBe(a);
    expect(calibrationWork(20_000, 12345)).not.toBe(a);
    expect(calibrationWork(10_000, 54321)).not.toBe(a);
  });

  it('gives one calibration,cpu-memory,ops_per_s row per sample, in ops/s', () => {
    const rows = calibrationRows(5, 2_000);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect([r.suite, r.case, r.metric, r.unit]).toEqual(['calibration', 'cpu-memory', 'ops_per_s', 'ops/s']);
      expect(r.value).toBeGreaterThan(0);
    }
    expect(CALIBRATION).toEqual({ suite: 'calibration', case: 'cpu-memory', metric: 'ops_per_s', unit: 'ops/s' });
  });
});
