import type { CurveRow, PerfRow, PodRow, RunKey, SummaryRow, TimeseriesRow } from '../../metrics/types.js';

/** What a worker thread is asked to do: one whole run. Plain data, so it crosses threads. */
export interface RunTask {
  readonly workloadFile: string;
  readonly sets: readonly string[];
  readonly policy: string;
  readonly seed: number;
}

/** What a worker gives back: the run's rows. */
export interface RunOutput {
  readonly key: RunKey;
  readonly summary: SummaryRow;
  readonly pods: PodRow[];
  readonly timeseries: TimeseriesRow[];
  readonly perf: PerfRow;
  /** curve.csv's rows: placement studies only (empty otherwise). */
  readonly curve: CurveRow[];
  /** Simulated seconds the run covered (for the progress line). */
  readonly simSeconds: number;
}
