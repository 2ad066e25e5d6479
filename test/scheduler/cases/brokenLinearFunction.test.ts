/**
 * The one case of kube-scheduler-cases.json that is a pure helper, not a plugin
 * result (`helper.BuildBrokenLinearFunction`, TestBrokenLinearFunction): the
 * piecewise-linear shape RequestedToCapacityRatio scores with, in Go's integer
 * arithmetic. It cannot go through `kubesim explain` (utilisation there is
 * clamped to 0..100 and the shape's scores are scaled by 10 first), so it is
 * checked on the function itself.
 */
import { describe, expect, it } from 'vitest';
import { buildBrokenLinearFunction } from '../../../src/scheduler/plugins/noderesources/requestedToCapacityRatio.js';
import { loadCases } from './caseFiles.js';

const cases = (loadCases() ?? []).filter((c) => c.plugin === 'helper.BuildBrokenLinearFunction');

describe.skipIf(cases.length === 0)('helper.BuildBrokenLinearFunction cases', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.source.name}`, () => {
      const shape = (c.args['shape'] as { utilization: number; score: number }[]).map((p) => ({ utilization: p.utilization, score: p.score }));
      const f = buildBrokenLinearFunction(shape);
      expect(c.expected.values!.map(({ p }) => ({ p, f: f(p) }))).toEqual(c.expected.values);
    });
  }
});
