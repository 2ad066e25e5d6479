import type { CurveRow, PerfRow, RunKey, SummaryRow, TimeseriesRow } from '../../metrics/types.js';

/** What a worker thread is asked to do: one whole run. Plain data, so it crosses threads. */
export interface RunTask {
  readonly workloadFile: string;
  readonly sets: readonly string[];
  readonly policy: string;
  readonly seed: number;
}

/**
 * What a worker gives back: the run's rows. Its pods come as pods.csv's lines
 * and their pending times, written in the worker: handing a run's ~20,000 row
 * objects to the main thread cost that thread more collecting garbage than
 * writing them, beside two busy workers on two cores.
 */
export interface RunOutput {
  readonly key: RunKey;
  readonly summary: SummaryRow;
  /** pods.csv's lines of the run, without the header ({@link podLines}). */
  readonly podLines: string;
  /** The run's pods' `pending_s` in the same order, NaN for a pod never bound. */
  readonly pending: Float64Array;
  readonly timeseries: TimeseriesRow[];
  readonly perf: PerfRow;
  /** curve.csv's rows: placement studies only (empty otherwise). */
  readonly curve: CurveRow[];
  /** Simulated seconds the run covered (for the progress line). */
  readonly simSeconds: number;
}
