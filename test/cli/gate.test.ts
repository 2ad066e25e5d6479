import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stream, syntheticBenchCsv } from '../gate/synthetic.js';
import { kubesim } from './run.js';

const root = mkdtempSync(join(tmpdir(), 'kubesim-gate-'));
const file = (name: string, text: string): string => {
  const path = join(root, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

const baseline = file('baseline/bench.csv', syntheticBenchCsv(stream(11, 'baseline')));
const sameBuild = file('same.csv', syntheticBenchCsv(stream(11, 'current'), { speed: 0.8 }));
const slower = file('slower.csv', syntheticBenchCsv(stream(11, 'current'), { change: { 'engine/hold-100000/events_per_s': 0.7 } }));

describe('kubesim gate', () => {
  afterEach(() => {
    delete process.env['GITHUB_STEP_SUMMARY'];
  });

  it('passes the same build on a 20 % slower machine: exit 0, markdown on stdout and in --summary, JUnit without failures', () => {
    const junit = join(root, 'pass/gate.xml');
    const summary = join(root, 'pass/summary.md');
    const r = kubesim('gate', '--baseline', baseline, '--current', sameBuild, '--junit', junit, '--summary', summary);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^## kubesim gate: ✅ pass \(9 checks\)\n/);
    expect(r.stdout).toMatch(/calibration workload \d+\.\d % slower/);
    expect(readFileSync(summary, 'utf8')).toBe(r.stdout);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuites name="kubesim gate" tests="9" failures="0" errors="0" skipped="0">/);
  });

  it('flags a 30 % throughput drop: exit 1, the regression in markdown, JUnit and $GITHUB_STEP_SUMMARY (appended)', () => {
    const stepSummary = file('step-summary.md', '# earlier step\n');
    process.env['GITHUB_STEP_SUMMARY'] = stepSummary;
    const junit = join(root, 'fail/gate.xml');
    const r = kubesim('gate', '--baseline', baseline, '--current', slower, '--junit', junit);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('gate: 1 of 9 checks failed: engine/hold-100000/events_per_s\n');
    expect(r.stdout).toMatch(/^## kubesim gate: ❌ FAIL — 1 of 9 checks failed\n/);
    expect(r.stdout).toMatch(/\| `engine\/hold-100000\/events_per_s` \| [^|]+ \| [^|]+ \| −[23]\d\.\d % \| [^|]+ \| ❌ regression \|/);
    expect(readFileSync(stepSummary, 'utf8')).toBe(`# earlier step\n${r.stdout}`);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/failures="1"/);
    expect(xml).toMatch(/<testcase classname="gate.engine" name="engine\/hold-100000\/events_per_s" time="0">\n {6}<failure type="regression"/);
  });

  it('reads gates.yaml beside the baseline; --rules overrides it', () => {
    const dir = join(root, 'with-rules');
    const base = file('with-rules/bench.csv', readFileSync(baseline, 'utf8'));
    file('with-rules/gates.yaml', 'metrics:\n  "engine/hold-*": { ignore: true }\n');
    const beside = kubesim('gate', '--baseline', base, '--current', slower);
    expect(beside.status).toBe(0);
    expect(beside.stdout).toContain(`rules: \`${join(dir, 'gates.yaml')}\``);
    expect(beside.stdout).toContain('⏭️ skipped');
    const strict = file('strict.yaml', 'defaults: { alpha: 0.01 }\n');
    expect(kubesim('gate', '--baseline', base, '--current', slower, '--rules', strict).status).toBe(1);
  });

  it('gates a sweep folder by its summary.csv: exact by default', () => {
    const header = 'workload,policy,seed,nodes,pending_s_p99,unallocated_gpu_pct';
    const base = file('sweep-base/summary.csv', `${header}\ntiny,default,1,6,12.5,31.2\n`);
    file('sweep-cur/summary.csv', `${header}\ntiny,default,1,6,12.5,31.4\n`);
    const r = kubesim('gate', '--baseline', base, '--current', join(root, 'sweep-cur'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('| `tiny/default/1/unallocated_gpu_pct` | 31.2 | 31.4 | +0.6 % | ⚠️ changed |');
    const rules = file('tolerant.yaml', 'metrics:\n  unallocated_gpu_pct: { tolerance: 0.5 }\n');
    expect(kubesim('gate', '--baseline', base, '--current', join(root, 'sweep-cur'), '--rules', rules).status).toBe(0);
  });

  describe('bad input exits 2 with the reason', () => {
    it('different suites', () => {
      const noCluster = file('no-cluster.csv', readFileSync(sameBuild, 'utf8').split('\n').filter((l) => !l.startsWith('cluster,')).join('\n'));
      const r = kubesim('gate', '--baseline', baseline, '--current', noCluster);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: the files measure different suites: baseline ${baseline} has suites engine, scheduler, cluster; current ${noCluster} has suites engine, scheduler\n`);
    });

    it('a missing column', () => {
      const noUnit = file('no-unit.csv', readFileSync(sameBuild, 'utf8').split('\n').map((l) => l.split(',').slice(0, 4).join(',')).join('\n'));
      const r = kubesim('gate', '--baseline', baseline, '--current', noUnit);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`error: ${noUnit}: missing column unit (a bench CSV has columns suite,case,metric,value,unit)\n`);
    });

    it('files of different kinds', () => {
      const summary = file('kind/summary.csv', 'workload,policy,seed,nodes\ntiny,default,1,6\n');
      const r = kubesim('gate', '--baseline', baseline, '--current', summary);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^error: the files are of different kinds: baseline .* is a bench CSV \(suite,case,metric,value,unit\), current .* is a kubesim summary\.csv\n$/);
    });

    it('malformed rules: file:line: field: message', () => {
      const rules = file('bad.yaml', 'defaults:\n  alpha: 0.01\nmetrics:\n  pods_per_s:\n    direction: up\n');
      const r = kubesim('gate', '--baseline', baseline, '--current', sameBuild, '--rules', rules);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`error: ${rules}:5: metrics["pods_per_s"].direction: must be one of higher, lower, either, got "up"\n`);
    });

    it('an unreadable file, and missing flags', () => {
      const r = kubesim('gate', '--baseline', baseline, '--current', join(root, 'nope.csv'));
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`error: --current ${join(root, 'nope.csv')}: cannot read the file\n`);
      const noFlag = kubesim('gate', '--baseline', baseline);
      expect(noFlag.status).toBe(2);
      expect(noFlag.stderr).toMatch(/required option '--current <file>' not specified/);
      expect(existsSync(join(root, 'nope.csv'))).toBe(false);
    });
  });
});
