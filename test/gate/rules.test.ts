import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/gate/glob.js';
import { DEFAULT_RULES, DEFAULT_SETTINGS, parseRules, settingsFor } from '../../src/gate/rules.js';

describe('globToRegExp', () => {
  it.each([
    ['scheduler/*/pods_per_s', 'scheduler/SchedulingBasic/5000Nodes/pods_per_s', true],
    ['scheduler/*/pods_per_s', 'engine/hold/pods_per_s', false],
    ['engine/hold-?', 'engine/hold-1', true],
    ['engine/hold-?', 'engine/hold-10', false],
    ['*_p[59]9', 'pending_s_p99', true],
    ['*_p[59]9', 'pending_s_p90', false],
    ['*_p[!9]0', 'pending_s_p50', true],
    ['a.b+(c)', 'a.b+(c)', true],
    ['a.b+(c)', 'aXb+(c)', false],
  ])('%s ~ %s: %s', (glob, name, expected) => {
    expect(globToRegExp(glob).test(name)).toBe(expected);
  });
});

describe('parseRules', () => {
  const text = [
    '# gates',
    'defaults:',
    '  alpha: 0.05',
    '  minEffectPct: 15',
    'metrics:',
    '  "scheduler/*":',
    '    minEffectPct: 20',
    '  pods_per_s:',
    '    direction: higher',
    '  "scheduler/Preemption*/pods_per_s": { ignore: true }',
    '  unallocated_gpu_pct: { tolerance: 0.5 }',
    '  makespan_s: { tolerancePct: 1 }',
  ].join('\n');
  const rules = parseRules(text, 'gates.yaml');

  it('reads defaults over the built-in ones, and metric rules in order with their lines', () => {
    expect(rules.defaults).toEqual({ ...DEFAULT_SETTINGS, alpha: 0.05, minEffectPct: 15 });
    expect(rules.metrics.map((m) => [m.glob, m.line, m.matchesFullName])).toEqual([
      ['scheduler/*', 6, true],
      ['pods_per_s', 8, false],
      ['scheduler/Preemption*/pods_per_s', 10, true],
      ['unallocated_gpu_pct', 11, false],
      ['makespan_s', 12, false],
    ]);
  });

  it('later matches override earlier ones field by field; a glob without "/" matches the metric name', () => {
    expect(settingsFor(rules, 'engine/hold/events_per_s', 'events_per_s')).toEqual(rules.defaults);
    expect(settingsFor(rules, 'scheduler/SchedulingBasic/pods_per_s', 'pods_per_s')).toEqual({ ...rules.defaults, minEffectPct: 20, direction: 'higher' });
    expect(settingsFor(rules, 'scheduler/PreemptionBasic/pods_per_s', 'pods_per_s')).toMatchObject({ minEffectPct: 20, direction: 'higher', ignore: true });
    expect(settingsFor(rules, 'tiny/default/1/unallocated_gpu_pct', 'unallocated_gpu_pct')).toMatchObject({ tolerance: 0.5, tolerancePct: 0 });
    // "scheduler/*" does not match a summary metric whose name merely starts so.
    expect(settingsFor(rules, 'tiny/default/1/makespan_s', 'makespan_s')).toMatchObject({ minEffectPct: 15, tolerancePct: 1 });
  });

  it('an empty file or empty sections give the defaults', () => {
    expect(parseRules('', 'g.yaml')).toEqual({ ...DEFAULT_RULES, source: 'g.yaml' });
    expect(parseRules('defaults:\nmetrics:\n', 'g.yaml')).toEqual({ ...DEFAULT_RULES, source: 'g.yaml' });
  });

  it.each([
    ['defaults:\n  alpha: 2\n', 'g.yaml:2: defaults.alpha: must be a number between 0 and 1 (exclusive), got 2'],
    ['defaults:\n  alpha: "0.01"\n', 'g.yaml:2: defaults.alpha: must be a number between 0 and 1 (exclusive), got "0.01"'],
    ['defaults:\n  minEffectPct: -1\n', 'g.yaml:2: defaults.minEffectPct: must be a number ≥ 0, got -1'],
    ['defaults:\n  calibrate: yes\n', 'g.yaml:2: defaults.calibrate: must be true or false, got "yes"'],
    ['defaults:\n  alpah: 0.01\n', 'g.yaml:2: defaults.alpah: unknown field; known fields: alpha, minEffectPct, calibrate, bestSample, direction, tolerance, tolerancePct, ignore'],
    ['metrics:\n  x: 1\n  "a/*":\n    direction: up\n', 'g.yaml:2: metrics["x"]: expected a mapping of alpha, minEffectPct, calibrate, bestSample, direction, tolerance, tolerancePct, ignore'],
    ['metrics:\n  "a/*":\n    direction: up\n', 'g.yaml:3: metrics["a/*"].direction: must be one of higher, lower, either, got "up"'],
    ['metrics:\n  pending_s_p99: { tolerance: [0] }\n', 'g.yaml:2: metrics["pending_s_p99"].tolerance: must be a number ≥ 0, got a list'],
    ['metrics:\n  - pending_s_p99\n', 'g.yaml:2: metrics: expected a mapping from a glob to settings'],
    ['threshold: 3\n', 'g.yaml:1: threshold: unknown field; gates.yaml has "defaults" and "metrics"'],
    ['- 1\n', 'g.yaml:1: expected a mapping with "defaults" and "metrics"'],
  ])('rejects %j', (yaml, message) => {
    expect(() => parseRules(yaml, 'g.yaml')).toThrow(message);
    try {
      parseRules(yaml, 'g.yaml');
    } catch (error) {
      expect((error as Error).message).toBe(message);
      expect((error as Error).name).toBe('InputError');
    }
  });

  it('rejects YAML syntax errors and duplicate keys with their line', () => {
    expect(() => parseRules('defaults:\n  alpha: 0.01\n  alpha: 0.02\n', 'g.yaml')).toThrow(/^g\.yaml:3: Map keys must be unique/);
    expect(() => parseRules('defaults: {alpha: 0.01\n', 'g.yaml')).toThrow(/^g\.yaml:\d+: /);
  });

  it('the shipped results/baseline/gates.yaml parses', () => {
    const path = new URL('../../results/baseline/gates.yaml', import.meta.url);
    const shipped = parseRules(readFileSync(path, 'utf8'), 'results/baseline/gates.yaml');
    expect(shipped.defaults).toEqual(DEFAULT_SETTINGS);
    expect(settingsFor(shipped, 'tiny/default/1/pending_s_p99', 'pending_s_p99')).toMatchObject({ tolerance: 0, tolerancePct: 0 });
    expect(settingsFor(shipped, 'tiny/default/1/unallocated_gpu_pct', 'unallocated_gpu_pct')).toMatchObject({ tolerance: 0.5 });
  });
});
