import { InputError } from '../api/InputError.js';
import type { Check } from './Check.js';
import { mannWhitneyU } from './mannWhitney.js';
import { median, smallestP } from './median.js';
import { calibrationMarginPct, calibrationOf, CALIBRATION_NAME, type Calibration } from './calibration.js';
import { CALIBRATION, type BenchFile, type BenchSeries } from './readBenchCsv.js';
import { settingsFor, type GateRules, type GateSettings } from './rules.js';
import { formatChange, formatP } from './format.js';
import { unitMeaning, type Direction } from './units.js';

/**
 * Compares two bench CSVs series by series. A timing regresses when the
 * current samples are worse than the baseline's by a one-sided Mann–Whitney
 * test at α AND the median moved by at least the minimum effect in the bad
 * direction; both guard against noise — the test against chance, the effect
 * size against tiny but consistent shifts no one should be paged for.
 * Samples are first normalised by the median of the calibration workload
 * of their own file (unless the rule says `calibrate: false`), so a slower
 * machine slows the calibration alike and cancels out. The calibration's own
 * noise moves all samples of a file together, which the rank test cannot
 * see, so it widens the minimum effect of calibrated checks instead. With
 * `bestSample` (the default) the best sample — the fastest time, the highest
 * throughput — must move beyond the minimum effect too: load from other
 * processes only ever slows samples down, so a shift of the median that the
 * best samples do not share is the machine's, not the code's. And the
 * calibration may explain a change away but never create one: a calibrated
 * verdict needs the raw medians to have moved by the minimum effect the same
 * way (a regression on a machine much faster than the baseline's can hide).
 *
 * Files measuring different suites are bad input ({@link InputError}).
 */
export function compareBench(baseline: BenchFile, current: BenchFile, rules: GateRules): { notes: string[]; checks: Check[] } {
  checkSameSuites(baseline, current);
  const notes = machineNotes(baseline, current);
  const calibration = { baseline: calibrationOf(baseline), current: calibrationOf(current) };
  const checks: Check[] = [];
  let calibrated = false;
  const calibrationSeries = baseline.series.get(CALIBRATION_NAME) ?? current.series.get(CALIBRATION_NAME);
  if (calibrationSeries !== undefined) checks.push(calibrationCheck(calibration.baseline, calibration.current, calibrationSeries.unit));
  for (const [name, base] of baseline.series) {
    if (name === CALIBRATION_NAME) continue;
    const settings = settingsFor(rules, name, base.metric);
    const cur = current.series.get(name);
    const common = { name, group: base.suite, unit: base.unit, baseline: median(base.values) };
    if (settings.ignore) {
      checks.push({ ...common, ...(cur === undefined ? {} : { current: median(cur.values) }), verdict: 'skipped', failed: false, detail: 'ignored by the rules' });
    } else if (cur === undefined) {
      checks.push({ ...common, verdict: 'missing', failed: true, detail: `missing from ${current.file}` });
    } else if (cur.unit !== base.unit) {
      checks.push({ ...common, current: median(cur.values), verdict: 'changed', failed: true, detail: `unit changed from "${base.unit}" to "${cur.unit}": update the baseline` });
    } else {
      const speed = unitMeaning(base.unit).speed;
      if (!settings.calibrate || speed === 'none') {
        checks.push(judge(common, base, cur, [...base.values], [...cur.values], settings, undefined));
        continue;
      }
      const b = calibration.baseline;
      const c = calibration.current;
      if (b === undefined || c === undefined) {
        throw new InputError(
          `${b === undefined ? baseline.file : current.file}: no calibration samples (${CALIBRATION.suite},${CALIBRATION.case},${CALIBRATION.metric}) ` +
            `to cancel the machine's speed; bench with the calibration, or set "calibrate: false" in the rules`,
        );
      }
      calibrated = true;
      // Throughput follows the machine's speed, time goes against it.
      const scale = (values: readonly number[], cal: number): number[] => (speed === 'throughput' ? values.map((v) => v / cal) : values.map((v) => v * cal));
      checks.push(judge(common, base, cur, scale(base.values, b.median), scale(cur.values, c.median), settings, calibrationMarginPct(b, c, settings.alpha)));
    }
  }
  for (const [name, cur] of current.series) {
    if (baseline.series.has(name)) continue;
    checks.push({ name, group: cur.suite, unit: cur.unit, current: median(cur.values), verdict: 'new', failed: false, detail: `not in ${baseline.file}` });
  }
  if (calibrated && calibration.baseline !== undefined && calibration.current !== undefined) {
    const ratio = calibration.current.median / calibration.baseline.median;
    const speed = ratio >= 1 ? `${pct(ratio - 1)} faster` : `${pct(1 - ratio)} slower`;
    const margin = calibrationMarginPct(calibration.baseline, calibration.current, rules.defaults.alpha);
    notes.push(
      `Calibration: the current machine ran the calibration workload ${speed} than the baseline's; timings (and their change) are normalised by it, ` +
        `and the minimum effect of calibrated checks grows by ${margin.toFixed(1)} % (at α = ${rules.defaults.alpha}) for the calibration's own noise.`,
    );
  }
  return { notes, checks };
}

function judge(
  common: { name: string; group: string; unit: string; baseline: number },
  base: BenchSeries,
  cur: BenchSeries,
  baseValues: number[],
  curValues: number[],
  settings: GateSettings,
  /** Calibrated: the calibration's noise margin in percent; undefined when not calibrated. */
  marginPct: number | undefined,
): Check {
  const direction: Direction = settings.direction ?? unitMeaning(base.unit).direction;
  const baseMedian = median(baseValues);
  const curMedian = median(curValues);
  const changePct = baseMedian === 0 ? (curMedian === 0 ? 0 : Math.sign(curMedian) * Infinity) : ((curMedian - baseMedian) / Math.abs(baseMedian)) * 100;
  const shown = { ...common, current: median(cur.values), changePct };
  const larger = changePct > 0;
  const alpha = settings.alpha;
  const threshold = settings.minEffectPct + (marginPct ?? 0);
  const big = Math.abs(changePct) >= threshold && changePct !== 0;
  // The test in the direction the median moved (two-sided when no direction is known).
  const p = mannWhitneyU(curValues, baseValues, direction === 'either' ? 'two-sided' : larger ? 'greater' : 'less').p;
  const worse = direction === 'either' ? undefined : (direction === 'higher') !== larger;
  const bar = `the ${settings.minEffectPct} % minimum effect${marginPct === undefined ? '' : ` + ${marginPct.toFixed(1)} % for the calibration's noise`}`;
  const floor = smallestP(base.values.length, cur.values.length);
  // Load on the machine only ever slows a sample down: a change the best samples do not share is the machine's.
  const best = (values: number[]): number => (direction === 'lower' ? Math.min(...values) : Math.max(...values));
  const bestBase = best(baseValues);
  const bestChangePct = bestBase === 0 ? changePct : ((best(curValues) - bestBase) / Math.abs(bestBase)) * 100;
  const bestAgrees = !settings.bestSample || direction === 'either' || (Math.sign(bestChangePct) === Math.sign(changePct) && Math.abs(bestChangePct) >= threshold);
  // Calibration may explain a change away, never create one: the raw medians must have moved as far the same way.
  const rawBase = median(base.values);
  const rawChangePct = rawBase === 0 ? changePct : ((median(cur.values) - rawBase) / Math.abs(rawBase)) * 100;
  const rawAgrees = marginPct === undefined || (Math.sign(rawChangePct) === Math.sign(changePct) && Math.abs(rawChangePct) >= settings.minEffectPct);
  const why = !big
    ? `below ${bar}`
    : p >= alpha
      ? floor >= alpha
        ? `${base.values.length} + ${cur.values.length} samples can never reach α = ${alpha} (at best p = ${formatP(floor)}): take more samples`
        : `not significant at α = ${alpha}`
      : !bestAgrees
        ? `the median moved but the best sample only ${formatChange(bestChangePct)}: the machine's load, not the code`
        : !rawAgrees
          ? `only after calibration: the raw median moved ${formatChange(rawChangePct)}, so the calibration, not the code, made the change`
          : '';
  if (why !== '' || changePct === 0) return { ...shown, p, verdict: 'pass', failed: false, detail: why || 'no change' };
  if (worse === undefined) {
    return { ...shown, p, verdict: 'changed', failed: false, detail: `a significant change beyond ${bar}, but unit "${base.unit}" gives no direction (set one in the rules)` };
  }
  return worse
    ? { ...shown, p, verdict: 'regression', failed: true, detail: `worse beyond ${bar}, p < α = ${alpha} (${direction} is better)` }
    : { ...shown, p, verdict: 'improvement', failed: false, detail: `better beyond ${bar}, p < α = ${alpha} (${direction} is better)` };
}

function checkSameSuites(baseline: BenchFile, current: BenchFile): void {
  const measured = (f: BenchFile): string[] => f.suites.filter((s) => s !== CALIBRATION.suite);
  const b = measured(baseline);
  const c = measured(current);
  if (b.length !== c.length || b.some((s) => !c.includes(s))) {
    const list = (s: string[]): string => (s.length === 0 ? 'no suites' : `suite${s.length > 1 ? 's' : ''} ${s.join(', ')}`);
    throw new InputError(`the files measure different suites: baseline ${baseline.file} has ${list(b)}; current ${current.file} has ${list(c)}`);
  }
}

function calibrationCheck(baseline: Calibration | undefined, current: Calibration | undefined, unit: string): Check {
  return {
    name: CALIBRATION_NAME,
    group: CALIBRATION.suite,
    unit,
    ...(baseline === undefined ? {} : { baseline: baseline.median }),
    ...(current === undefined ? {} : { current: current.median }),
    ...(baseline !== undefined && current !== undefined ? { changePct: (current.median / baseline.median - 1) * 100 } : {}),
    verdict: 'info',
    failed: false,
    detail: "the machine's speed, which the timings are normalised by; not judged",
  };
}

function machineNotes(baseline: BenchFile, current: BenchFile): string[] {
  const describe = (f: BenchFile): string => {
    const m = f.machine;
    const parts = [m.get('cpu_model'), m.get('cpus') === undefined ? undefined : `${m.get('cpus')} CPUs`, m.get('node') === undefined ? undefined : `Node ${m.get('node')}`, m.get('kubesim') === undefined ? undefined : `kubesim ${m.get('kubesim')}`];
    const known = parts.filter((p): p is string => p !== undefined && p !== '');
    return known.length === 0 ? 'not described' : known.join(', ');
  };
  const b = describe(baseline);
  const c = describe(current);
  return b === c ? [`Machine: ${b} (both).`] : [`Baseline machine: ${b}.`, `Current machine: ${c}.`];
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}
