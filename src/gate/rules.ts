import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { InputError } from '../api/InputError.js';
import { globToRegExp } from './glob.js';
import type { Direction } from './units.js';

/** How one check is judged: the defaults of gates.yaml, overridden by every metric rule that matches it. */
export interface GateSettings {
  /** Significance level of the one-sided Mann–Whitney test (timing checks). */
  readonly alpha: number;
  /** The smallest change of the median, in percent, that counts as a regression or an improvement (timing checks). */
  readonly minEffectPct: number;
  /** Normalise timings by the calibration workload of their own file, so the machine's speed cancels. */
  readonly calibrate: boolean;
  /**
   * Timing checks: the best sample (fastest time, highest throughput) must move beyond the minimum
   * effect too, so that load from other processes, which only slows samples down, is not taken for a regression.
   */
  readonly bestSample: boolean;
  /** Which way is better; unset: from the unit (bench) or `either` (run outputs). */
  readonly direction?: Direction;
  /** Absolute tolerance of a deterministic metric (run outputs). */
  readonly tolerance: number;
  /** Relative tolerance of a deterministic metric, in percent of the baseline; adds to `tolerance`. */
  readonly tolerancePct: number;
  /** Skip the check (reported as skipped). */
  readonly ignore: boolean;
}

/** One entry of `metrics:` in gates.yaml. */
export interface MetricRule {
  /** The glob as written. */
  readonly glob: string;
  readonly regexp: RegExp;
  /** A glob with `/` matches the full check name, one without the metric name. */
  readonly matchesFullName: boolean;
  /** Where it is written (1-based). */
  readonly line: number;
  readonly settings: Partial<GateSettings>;
}

/** The rules of a gate: gates.yaml, parsed. */
export interface GateRules {
  /** The rules' file, or `built-in defaults`. */
  readonly source: string;
  readonly defaults: GateSettings;
  /** In file order; later matches override earlier ones, field by field. */
  readonly metrics: readonly MetricRule[];
}

/** The defaults when gates.yaml says nothing: α = 0.01, a 10 % effect, calibrated, the best sample agreeing, exact run outputs. */
export const DEFAULT_SETTINGS: GateSettings = { alpha: 0.01, minEffectPct: 10, calibrate: true, bestSample: true, tolerance: 0, tolerancePct: 0, ignore: false };

/** The rules used without --rules. */
export const DEFAULT_RULES: GateRules = { source: 'built-in defaults', defaults: DEFAULT_SETTINGS, metrics: [] };

/** The settings of the check `checkName` (`suite/case/metric`, `workload/policy/seed/metric`) of metric `metric`. */
export function settingsFor(rules: GateRules, checkName: string, metric: string): GateSettings {
  let settings: GateSettings = rules.defaults;
  for (const rule of rules.metrics) {
    if (rule.regexp.test(rule.matchesFullName ? checkName : metric)) settings = { ...settings, ...rule.settings };
  }
  return settings;
}

type Field = keyof GateSettings;
const FIELDS: readonly Field[] = ['alpha', 'minEffectPct', 'calibrate', 'bestSample', 'direction', 'tolerance', 'tolerancePct', 'ignore'];
const DIRECTIONS: readonly Direction[] = ['higher', 'lower', 'either'];

/**
 * Parses gates.yaml:
 *
 * ```yaml
 * defaults: { alpha: 0.01, minEffectPct: 10, calibrate: true }
 * metrics:
 *   "scheduler/SchedulingBasic*": { minEffectPct: 15 }
 *   unallocated_gpu_pct: { tolerance: 0.5 }
 * ```
 *
 * Errors are {@link InputError}s `FILE:LINE: field: message`.
 */
export function parseRules(text: string, file: string): GateRules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const fail = (offset: number | undefined, field: string, message: string): never => {
    const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
    throw new InputError(`${file}:${line}: ${field === '' ? '' : `${field}: `}${message}`);
  };
  const error = doc.errors[0];
  if (error !== undefined) fail(error.pos[0], '', error.message.split('\n')[0]!);
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { ...DEFAULT_RULES, source: file };
  if (!isMap(root)) return fail(root.range?.[0], '', 'expected a mapping with "defaults" and "metrics"');
  let defaults: GateSettings = DEFAULT_SETTINGS;
  const metrics: MetricRule[] = [];
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = keyOf(pair, '', fail);
    if (key === 'defaults') {
      defaults = { ...DEFAULT_SETTINGS, ...readSettings(pair.value, 'defaults', fail, pair) };
    } else if (key === 'metrics') {
      const value = pair.value;
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isMap(value)) return fail(value.range?.[0], 'metrics', 'expected a mapping from a glob to settings');
      for (const entry of value.items as Pair<Node, Node | null>[]) {
        const glob = keyOf(entry, 'metrics', fail);
        const field = `metrics[${JSON.stringify(glob)}]`;
        if (glob === '') fail(entry.key.range?.[0], field, 'the glob is empty');
        metrics.push({
          glob,
          regexp: globToRegExp(glob),
          matchesFullName: glob.includes('/'),
          line: lineCounter.linePos(entry.key.range?.[0] ?? 0).line,
          settings: readSettings(entry.value, field, fail, entry),
        });
      }
    } else {
      fail(pair.key.range?.[0], key, 'unknown field; gates.yaml has "defaults" and "metrics"');
    }
  }
  return { source: file, defaults, metrics };
}

type Fail = (offset: number | undefined, field: string, message: string) => never;

function keyOf(pair: Pair<Node, Node | null>, parent: string, fail: Fail): string {
  const key = pair.key;
  if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
    return fail(key.range?.[0], parent, 'keys must be plain strings');
  }
  return String(key.value);
}

function readSettings(node: Node | null, field: string, fail: Fail, pair: Pair<Node, Node | null>): Partial<GateSettings> {
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (!isMap(node)) return fail(node.range?.[0] ?? pair.key.range?.[0], field, `expected a mapping of ${FIELDS.join(', ')}`);
  const settings: Record<string, unknown> = {};
  for (const item of node.items as Pair<Node, Node | null>[]) {
    const name = keyOf(item, field, fail);
    const path = `${field}.${name}`;
    const at = item.value?.range?.[0] ?? item.key.range?.[0];
    const value = item.value !== null && isScalar(item.value) ? item.value.value : undefined;
    if (!(FIELDS as readonly string[]).includes(name)) fail(item.key.range?.[0], path, `unknown field; known fields: ${FIELDS.join(', ')}`);
    switch (name as Field) {
      case 'alpha':
        if (typeof value !== 'number' || !(value > 0 && value < 1)) fail(at, path, `must be a number between 0 and 1 (exclusive), got ${show(item.value)}`);
        break;
      case 'minEffectPct':
      case 'tolerance':
      case 'tolerancePct':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(at, path, `must be a number ≥ 0, got ${show(item.value)}`);
        break;
      case 'calibrate':
      case 'bestSample':
      case 'ignore':
        if (typeof value !== 'boolean') fail(at, path, `must be true or false, got ${show(item.value)}`);
        break;
      case 'direction':
        if (typeof value !== 'string' || !(DIRECTIONS as readonly string[]).includes(value)) {
          fail(at, path, `must be one of ${DIRECTIONS.join(', ')}, got ${show(item.value)}`);
        }
        break;
    }
    settings[name] = value;
  }
  return settings as Partial<GateSettings>;
}

function show(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isScalar(node)) return JSON.stringify(node.value);
  return isMap(node) ? 'a mapping' : 'a list';
}
