import { describe, expect, it } from 'vitest';
import { passed, type Check } from '../../src/gate/Check.js';
import { runGate } from '../../src/gate/gate.js';
import { DEFAULT_RULES, parseRules } from '../../src/gate/rules.js';
import { SUMMARY_COLUMNS } from '../../src/metrics/types.js';

/** A summary.csv with every column kubesim writes; `edit` changes cells by `workload/policy/seed` and column. */
function summary(edit: Record<string, Record<string, string>> = {}, runs = ['tiny,default,1', 'tiny,default,2', 'tiny,most-allocated,1']): string {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const run of runs) {
    const cells = new Map<string, string>(SUMMARY_COLUMNS.slice(3).map((c, i) => [c, String(i + 0.25)]));
    cells.set('pending_s_p99', '12.5');
    cells.set('unallocated_gpu_pct', '31.2');
    cells.set('startup_s_p99', '');
    for (const [c, v] of Object.entries(edit[run.replaceAll(',', '/')] ?? {})) cells.set(c, v);
    lines.push([run, ...SUMMARY_COLUMNS.slice(3).map((c) => cells.get(c)!)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

const SHIPPED = parseRules('metrics:\n  pending_s_p99: { tolerance: 0 }\n  unallocated_gpu_pct: { tolerance: 0.5 }\n  makespan_s: { tolerancePct: 1, direction: lower }\n', 'gates.yaml');

function gate(current: string, baseline = summary(), rules = SHIPPED) {
  return runGate({ text: baseline, file: 'baseline/summary.csv' }, { text: current, file: 'summary.csv' }, rules);
}

const failures = (checks: readonly Check[]): [string, string, string][] => checks.filter((c) => c.failed).map((c) => [c.name, c.verdict, c.detail]);

describe('compareRunTables (summary.csv)', () => {
  it('identical runs pass, one check per run and metric', () => {
    const report = gate(summary());
    expect(report.kind).toBe('summary');
    expect(passed(report)).toBe(true);
    expect(report.checks).toHaveLength(3 * (SUMMARY_COLUMNS.length - 3));
    expect(report.checks[0]).toMatchObject({ name: 'tiny/default/1/nodes', group: 'tiny', verdict: 'pass', detail: 'equal' });
  });

  it('pending_s_p99 is exact: any change fails', () => {
    const report = gate(summary({ 'tiny/default/2': { pending_s_p99: '12.6' } }));
    expect(failures(report.checks)).toEqual([['tiny/default/2/pending_s_p99', 'changed', '+0.1, beyond exact: changed (update the baseline if intended)']]);
    expect(report.checks.find((c) => c.failed)!.changePct).toBeCloseTo(0.8, 10);
  });

  it('unallocated_gpu_pct within ±0.5 passes; beyond fails', () => {
    expect(passed(gate(summary({ 'tiny/default/1': { unallocated_gpu_pct: '31.7' } })))).toBe(true);
    expect(passed(gate(summary({ 'tiny/default/1': { unallocated_gpu_pct: '30.7' } })))).toBe(true);
    const report = gate(summary({ 'tiny/default/1': { unallocated_gpu_pct: '31.8' } }));
    expect(failures(report.checks)).toEqual([['tiny/default/1/unallocated_gpu_pct', 'changed', '+0.6, beyond ±0.5: changed (update the baseline if intended)']]);
  });

  it('a relative tolerance with a direction: better beyond it is an improvement, worse a regression', () => {
    // makespan_s is the 18th metric: 17.25 in the fixture; 1 % of it is 0.1725.
    expect(passed(gate(summary({ 'tiny/default/1': { makespan_s: '17.4' } })))).toBe(true);
    const better = gate(summary({ 'tiny/default/1': { makespan_s: '15' } }));
    expect(passed(better)).toBe(true);
    expect(better.checks.find((c) => c.name === 'tiny/default/1/makespan_s')).toMatchObject({ verdict: 'improvement', failed: false });
    const worse = gate(summary({ 'tiny/default/1': { makespan_s: '19' } }));
    expect(failures(worse.checks)).toEqual([['tiny/default/1/makespan_s', 'regression', '+1.75, beyond ±0.1725: regression (lower is better)']]);
  });

  it('an empty cell (the event never happened) must stay empty', () => {
    const report = gate(summary({ 'tiny/most-allocated/1': { startup_s_p99: '3.5' } }));
    expect(failures(report.checks)).toEqual([['tiny/most-allocated/1/startup_s_p99', 'changed', 'changed from — to 3.5']]);
  });

  it('a missing run and a missing metric fail; new ones are noted', () => {
    const current = summary({}, ['tiny,default,1', 'tiny,default,2', 'tiny,default,3']);
    const report = gate(current);
    expect(failures(report.checks)).toEqual([['tiny/most-allocated/1', 'missing', 'run tiny/most-allocated/1 is missing from summary.csv']]);
    expect(report.checks.filter((c) => c.verdict === 'new').map((c) => c.name)).toEqual(['tiny/default/3']);
    const older = summary()
      .split('\n')
      .map((l) => l.split(',').slice(0, -2).join(','))
      .join('\n');
    const dropped = gate(older);
    expect(failures(dropped.checks).map(([n, v]) => [n, v])).toEqual([
      ['unallocated_gpu_pct', 'missing'],
      ['frag_gpu_pct', 'missing'],
    ]);
    const added = gate(summary(), older);
    expect(passed(added)).toBe(true);
    expect(added.checks.filter((c) => c.verdict === 'new').map((c) => c.name)).toEqual(['unallocated_gpu_pct', 'frag_gpu_pct']);
  });

  it('ignore: true skips a metric', () => {
    const rules = parseRules('metrics:\n  "tiny/*/pending_s_p99": { ignore: true }\n', 'g.yaml');
    const report = gate(summary({ 'tiny/default/2': { pending_s_p99: '99' } }), summary(), rules);
    expect(passed(report)).toBe(true);
    expect(report.checks.find((c) => c.name === 'tiny/default/2/pending_s_p99')!.verdict).toBe('skipped');
  });

  it('compare.csv: rows by workload, policy and metric; rules match the metric', () => {
    const compare = (mean: string): string =>
      'workload,policy,metric,mean,ci95_low,ci95_high,n,delta_pct\n' +
      `tiny,default,pending_s_p99,12.5,11,14,2,\ntiny,most-allocated,pending_s_p99,${mean},10,14,2,-4\ntiny,default,unallocated_gpu_pct,31.2,30,32,2,\n`;
    const same = runGate({ text: compare('12'), file: 'b/compare.csv' }, { text: compare('12'), file: 'compare.csv' }, DEFAULT_RULES);
    expect(same.kind).toBe('compare');
    expect(passed(same)).toBe(true);
    expect(same.checks.map((c) => c.name).slice(0, 5)).toEqual([
      'tiny/default/pending_s_p99/mean',
      'tiny/default/pending_s_p99/ci95_low',
      'tiny/default/pending_s_p99/ci95_high',
      'tiny/default/pending_s_p99/n',
      'tiny/default/pending_s_p99/delta_pct',
    ]);
    const moved = runGate({ text: compare('12'), file: 'b/compare.csv' }, { text: compare('12.3'), file: 'compare.csv' }, parseRules('metrics:\n  pending_s_p99: { tolerance: 0.5 }\n', 'g.yaml'));
    expect(passed(moved)).toBe(true);
  });

  it('a run listed twice is bad input', () => {
    const twice = summary({}, ['tiny,default,1', 'tiny,default,1']);
    expect(() => gate(twice)).toThrow('summary.csv:3: workload, policy, seed tiny, default, 1: a second row (the first is on line 2)');
  });
});
