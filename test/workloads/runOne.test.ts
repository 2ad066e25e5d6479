import { describe, expect, it } from 'vitest';
import { MICROS_PER_SECOND } from '../../src/engine/time.js';
import { podsCsv, summaryCsv, timeseriesCsv } from '../../src/metrics/csvFiles.js';
import { loadBuiltinPolicy } from '../../src/scheduler/policies/resolvePolicy.js';
import { runOne, type RunOneOptions } from '../../src/workloads/runOne.js';
import { loadWorkload } from '../../src/workloads/spec/loadWorkload.js';
import { DISRUPT, SMALL } from '../metrics/collector/fixtures.js';

const options = (text: string, seed: number, extra: Partial<RunOneOptions> = {}): RunOneOptions => ({
  workload: loadWorkload(text, 'inline.yaml'),
  policyName: 'default',
  policy: loadBuiltinPolicy('default'),
  seed,
  ...extra,
});

const csvText = (r: ReturnType<typeof runOne>): string => summaryCsv([r.summary]) + podsCsv(r.pods) + timeseriesCsv(r.timeseries);

describe('runOne', () => {
  it('runs the workload to its duration and returns its rows under the run key', () => {
    const r = runOne(options(SMALL, 7, { policyName: './my-policy.yaml' }));
    expect(r.summary).toMatchObject({ workload: 'small', policy: './my-policy.yaml', seed: 7, pods_created: 6, pods_scheduled: 5, pods_unschedulable: 1 });
    expect(r.summary.cpu_alloc_pct_mean).toBe(88.75);
    expect(r.pods.every((p) => p.workload === 'small' && p.policy === './my-policy.yaml' && p.seed === 7)).toBe(true);
    expect(r.timeseries.at(-1)!.t_s).toBe(600);
    expect(r.podsScheduled).toBe(5);
    expect(r.simEvents).toBeGreaterThan(0);
    expect(r.violations).toEqual([]);
  });

  it('is deterministic: the same inputs give deep-equal rows and byte-identical CSV text', () => {
    for (const text of [SMALL, DISRUPT]) {
      const a = runOne(options(text, 3));
      const b = runOne(options(text, 3));
      expect(b.summary).toEqual(a.summary);
      expect(b.pods).toEqual(a.pods);
      expect(b.timeseries).toEqual(a.timeseries);
      expect(b.simEvents).toBe(a.simEvents);
      expect(csvText(b)).toBe(csvText(a));
    }
  });

  it('takes the sample interval and records Events only when asked, without changing the rows', () => {
    const base = runOne(options(SMALL, 1));
    const fine = runOne(options(SMALL, 1, { sampleInterval: 30 * MICROS_PER_SECOND, recordEvents: true }));
    expect(fine.timeseries.length).toBe(21);
    expect(fine.pods).toEqual(base.pods);
    expect(fine.summary).toEqual(base.summary);
  });
});
