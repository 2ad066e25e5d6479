import { describe, expect, it } from 'vitest';
import type { BenchRow, Suite } from '../../bench/BenchRow.js';
import { randomSuite } from '../../bench/random.js';
import { runBench } from '../../bench/runBench.js';
import { medianTable } from '../../bench/summary.js';

/** A suite that records the options it was given and returns one row per sample. */
function fakeSuite(name: string, seen: unknown[]): Suite {
  return {
    name,
    description: 'fake',
    async run(options) {
      seen.push(options);
      const n = options.samples ?? 5;
      return Array.from({ length: n }, (_, i): BenchRow => ({ suite: name, case: 'c', metric: 'wall_s', value: i + 1, unit: 's' }));
    },
  };
}

describe('runBench', () => {
  it('writes the machine rows first, then calibration before each suite and after the last', async () => {
    const seen: unknown[] = [];
    const steps: string[] = [];
    const rows = await runBench([fakeSuite('a', seen), fakeSuite('b', seen)], { samples: 3, small: true, onStep: (s) => steps.push(s) });
    const suites = rows.map((r) => r.suite);
    expect(suites.slice(0, 6)).toEqual(Array(6).fill('machine'));
    // 3 calibration samples, a's 3, 3 calibration, b's 3, 3 calibration.
    expect(suites.slice(6).join(' ')).toBe(
      ['calibration', 'calibration', 'calibration', 'a', 'a', 'a', 'calibration', 'calibration', 'calibration', 'b', 'b', 'b', 'calibration', 'calibration', 'calibration'].join(' '),
    );
    expect(seen).toEqual([
      { samples: 3, small: true },
      { samples: 3, small: true },
    ]);
    expect(steps).toEqual(['calibration', 'a', 'calibration', 'b', 'calibration']);
  });

  it('gives at least n samples of every case of a real suite, in the agreed format', async () => {
    const rows = await runBench([randomSuite], { samples: 5, timeMs: 2 });
    const groups = new Map<string, BenchRow[]>();
    for (const r of rows) {
      if (r.suite === 'machine') continue;
      const key = `${r.suite},${r.case},${r.metric}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    expect(groups.get('calibration,cpu-memory,ops_per_s')).toHaveLength(10);
    const cases = [...groups.keys()].filter((k) => k.startsWith('random,'));
    expect(cases).toEqual([
      'random,next,ns_per_draw',
      'random,double,ns_per_draw',
      'random,int,ns_per_draw',
      'random,uniform,ns_per_draw',
      'random,exponential,ns_per_draw',
      'random,dist-exp(5m),ns_per_draw',
      'random,dist-uniform(1m,5m),ns_per_draw',
      'random,dist-normal(5m,1m),ns_per_draw',
      'random,dist-lognormal(5m,0.5),ns_per_draw',
    ]);
    for (const k of cases) {
      const samples = groups.get(k)!;
      expect(samples).toHaveLength(5);
      for (const r of samples) {
        expect(r.unit).toBe('ns');
        expect(typeof r.value).toBe('number');
        expect(r.value).toBeGreaterThan(0);
      }
    }
    // The people's table: one line per case, not per sample.
    const table = medianTable(rows);
    expect(table.cells.map((c) => `${c[0]},${c[1]},${c[2]}`)).toEqual(['calibration,cpu-memory,ops_per_s', ...cases]);
    expect(table.cells.every((c) => c[5] === (c[0] === 'calibration' ? '10' : '5'))).toBe(true);
  });
});
