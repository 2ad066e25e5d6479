/**
 * The outcome of one check:
 * - `pass`: no significant change beyond the threshold (or equal within tolerance);
 * - `regression`: worse, significantly and by at least the minimum effect (or beyond the tolerance) — fails the gate;
 * - `improvement`: better by as much — reported, never a failure;
 * - `changed`: a change with no known direction — fails a deterministic check, only noted for timings;
 * - `missing`: in the baseline, not in the current file — fails the gate;
 * - `new`: in the current file only — noted;
 * - `skipped`: `ignore: true` in the rules;
 * - `info`: shown for context, never judged (the calibration workload).
 */
export type Verdict = 'pass' | 'regression' | 'improvement' | 'changed' | 'missing' | 'new' | 'skipped' | 'info';

/** One line of the gate's report and one JUnit testcase. */
export interface Check {
  /** `suite/case/metric` or `workload/policy/seed/metric`. */
  readonly name: string;
  /** The JUnit testsuite it belongs to: the bench suite or the workload. */
  readonly group: string;
  /** The unit of the values, '' when none is known. */
  readonly unit: string;
  /** Baseline: the median of the samples, or the value; undefined when absent. */
  readonly baseline?: number | string;
  /** Current: the median of the samples, or the value; undefined when absent. */
  readonly current?: number | string;
  /** Change of current against baseline in percent (after calibration for timings). */
  readonly changePct?: number;
  /** The p-value of the one-sided test in the direction of the change (timings). */
  readonly p?: number;
  readonly verdict: Verdict;
  /** Whether it fails the gate. */
  readonly failed: boolean;
  /** One sentence: why the verdict. */
  readonly detail: string;
}

/** The whole comparison. */
export interface GateReport {
  /** What was compared: `bench`, `summary` or `compare`. */
  readonly kind: 'bench' | 'summary' | 'compare';
  readonly baselineFile: string;
  readonly currentFile: string;
  /** Where the rules came from. */
  readonly rulesSource: string;
  /** Lines about the comparison as a whole (machines, calibration). */
  readonly notes: readonly string[];
  readonly checks: readonly Check[];
}

/** Whether the gate passes: no check failed. */
export function passed(report: GateReport): boolean {
  return report.checks.every((c) => !c.failed);
}
