import { describe, expect, it } from 'vitest';
import type { GateReport } from '../../src/gate/Check.js';
import { gateJunit } from '../../src/gate/junit.js';
import { gateMarkdown } from '../../src/gate/markdown.js';

const REPORT: GateReport = {
  kind: 'bench',
  baselineFile: 'results/baseline/bench.csv',
  currentFile: 'current.csv',
  rulesSource: 'results/baseline/gates.yaml',
  notes: ['Machine: Test CPU, 2 CPUs (both).'],
  checks: [
    { name: 'calibration/cpu-memory/ops_per_s', group: 'calibration', unit: 'ops/s', baseline: 2.5e7, current: 2e7, changePct: -20, verdict: 'info', failed: false, detail: 'not judged' },
    { name: 'engine/a/events_per_s', group: 'engine', unit: 'events/s', baseline: 4.2e6, current: 4.25e6, changePct: 1.2, p: 0.41, verdict: 'pass', failed: false, detail: 'below the 10 % minimum effect' },
    { name: 'engine/b|c/events_per_s', group: 'engine', unit: 'events/s', baseline: 1000, current: 700, changePct: -30, p: 0.000291, verdict: 'regression', failed: true, detail: 'worse beyond the 10 % minimum effect, p < α = 0.01 (higher is better)' },
    { name: 'scheduler/<x>&"y"', group: 'scheduler', unit: 'ns', baseline: 310, verdict: 'skipped', failed: false, detail: 'ignored by the rules' },
    { name: 'scheduler/gone/pods_per_s', group: 'scheduler', unit: 'pods/s', baseline: 950, verdict: 'missing', failed: true, detail: 'missing from current.csv' },
  ],
};

describe('gateMarkdown', () => {
  it('a verdict line, notes, counts, the checks needing a look (failures first), the rest folded', () => {
    expect(gateMarkdown(REPORT)).toBe(
      [
        '## kubesim gate: ❌ FAIL — 2 of 5 checks failed',
        '',
        'Compared `current.csv` against the baseline `results/baseline/bench.csv` (bench CSV); rules: `results/baseline/gates.yaml`.',
        '',
        '- Machine: Test CPU, 2 CPUs (both).',
        '',
        '1 regression · 1 missing · 1 info · 1 pass · 1 skipped',
        '',
        '| check | baseline median | current median | change | p | verdict | detail |',
        '| :-- | --: | --: | --: | --: | :-- | :-- |',
        '| `engine/b\\|c/events_per_s` | 1000 events/s | 700 events/s | −30.0 % | 2.9e-4 | ❌ regression | worse beyond the 10 % minimum effect, p < α = 0.01 (higher is better) |',
        '| `scheduler/gone/pods_per_s` | 950 pods/s | — | — | — | ❌ missing | missing from current.csv |',
        '| `calibration/cpu-memory/ops_per_s` | 25M ops/s | 20M ops/s | −20.0 % | — | ℹ️ info | not judged |',
        '',
        '<details><summary>2 passing or skipped checks</summary>',
        '',
        '| check | baseline median | current median | change | p | verdict |',
        '| :-- | --: | --: | --: | --: | :-- |',
        '| `engine/a/events_per_s` | 4.2M events/s | 4.25M events/s | +1.2 % | 0.41 | ✅ pass |',
        '| `scheduler/<x>&"y"` | 310 ns | — | — | — | ⏭️ skipped |',
        '',
        '</details>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('a passing run of run outputs: no p column', () => {
    const md = gateMarkdown({
      kind: 'summary',
      baselineFile: 'b/summary.csv',
      currentFile: 'summary.csv',
      rulesSource: 'built-in defaults',
      notes: [],
      checks: [{ name: 'tiny/default/1/pending_s_p99', group: 'tiny', unit: '', baseline: 12.5, current: 12.5, changePct: 0, verdict: 'pass', failed: false, detail: 'equal' }],
    });
    expect(md).toContain('## kubesim gate: ✅ pass (1 checks)');
    expect(md).toContain('(summary.csv); rules: built-in defaults.');
    expect(md).toContain('| check | baseline | current | change | verdict |');
    expect(md).toContain('| `tiny/default/1/pending_s_p99` | 12.5 | 12.5 | +0.0 % | ✅ pass |');
  });
});

describe('gateJunit', () => {
  const xml = gateJunit(REPORT);

  it('one testsuite per group, one testcase per check; failures and skips marked', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubesim gate" tests="5" failures="2" errors="0" skipped="1">\n')).toBe(true);
    expect([...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['gate.calibration', '1', '0'],
      ['gate.engine', '2', '1'],
      ['gate.scheduler', '2', '1'],
    ]);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain(
      '<failure type="regression" message="regression: worse beyond the 10 % minimum effect, p &lt; α = 0.01 (higher is better)">baseline median 1000 events/s, current median 700 events/s, change −30.0 %, p 2.9e-4; worse beyond the 10 % minimum effect, p &lt; α = 0.01 (higher is better)</failure>',
    );
    expect(xml).toContain('<failure type="missing" message="missing: missing from current.csv">');
    expect(xml).toContain('<skipped message="ignored by the rules"/>');
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('escapes names for XML', () => {
    expect(xml).toContain('name="scheduler/&lt;x&gt;&amp;&quot;y&quot;"');
    expect(xml).not.toMatch(/name="[^"]*[<>&][^;]*"/);
  });
});
