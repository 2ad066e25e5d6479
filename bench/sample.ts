import { Bench } from 'tinybench';

/** Options of one micro-benchmark sample. */
export interface TinySampleOptions {
  /** Time budget of the sample in milliseconds. */
  timeMs: number;
  /** Minimum timed iterations (tinybench runs until both this and the budget are met). */
  iterations: number;
  /** Warm up first (the first sample of a case: compiles the code under test). */
  warmup: boolean;
}

/**
 * One sample of a micro benchmark: tinybench runs `fn` repeatedly for the
 * budget; the sample is the median latency of those iterations, in ms, so one
 * slow iteration (a GC pause) does not move it.
 */
export async function tinySample(name: string, fn: () => void, options: TinySampleOptions): Promise<number> {
  const bench = new Bench({
    time: options.timeMs,
    iterations: options.iterations,
    warmup: options.warmup,
    warmupTime: options.warmup ? Math.min(200, options.timeMs) : 0,
    warmupIterations: options.warmup ? 2 : 0,
    retainSamples: false,
  });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed') throw new Error(`${name}: benchmark ${result.state}${'error' in result ? `: ${String(result.error)}` : ''}`);
  return result.latency.p50;
}

/** Wall seconds `fn` takes (performance.now, monotonic). */
export function wallSeconds(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** `x` rounded to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Keeps a value alive so the work that made it cannot be optimised away. */
export let sink = 0;
/** Adds to {@link sink}. */
export function consume(x: number): void {
  sink = (sink + x) % 1e9;
}
