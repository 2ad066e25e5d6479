import { InputError } from '../api/InputError.js';
import { median } from './median.js';
import { normalIsf } from './normal.js';
import { CALIBRATION, seriesName, type BenchFile } from './readBenchCsv.js';

/** The name of the calibration series: `calibration/cpu-memory/ops_per_s`. */
export const CALIBRATION_NAME = seriesName(CALIBRATION.suite, CALIBRATION.case, CALIBRATION.metric);

/** A file's measure of its machine's speed. */
export interface Calibration {
  /** The median of the calibration samples (ops/s). */
  readonly median: number;
  /** The standard error of ln(median): how far the median itself may be off by noise. */
  readonly logStandardError: number;
  readonly samples: number;
}

/**
 * The calibration of a bench file, or undefined when it has none. The
 * standard error of the median's logarithm is estimated robustly: σ from the
 * median absolute deviation of the log samples (× 1.4826, consistent for a
 * normal), and the median's standard error as 1.2533 σ / √n (its asymptotic
 * efficiency against the mean).
 */
export function calibrationOf(file: BenchFile): Calibration | undefined {
  const s = file.series.get(CALIBRATION_NAME);
  if (s === undefined) return undefined;
  const m = median(s.values);
  if (!(m > 0) || s.values.some((v) => !(v > 0))) {
    throw new InputError(`${file.file}:${s.line}: ${CALIBRATION_NAME}: calibration samples must be positive`);
  }
  const logs = s.values.map(Math.log);
  const centre = median(logs);
  const sigma = 1.4826 * median(logs.map((l) => Math.abs(l - centre)));
  return { median: m, logStandardError: (1.2533 * sigma) / Math.sqrt(s.values.length), samples: s.values.length };
}

/**
 * How big a change, in percent, the noise of the two calibration medians
 * could fake at significance `alpha`: every calibrated sample of a file moves
 * by the same error, which the rank test cannot see, so it widens the
 * minimum effect instead: 100·(exp(z₁₋α · √(se₁² + se₂²)) − 1).
 */
export function calibrationMarginPct(baseline: Calibration, current: Calibration, alpha: number): number {
  const se = Math.hypot(baseline.logStandardError, current.logStandardError);
  return 100 * (Math.exp(normalIsf(alpha) * se) - 1);
}
