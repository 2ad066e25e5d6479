import type { BenchRow } from './BenchRow.js';

/**
 * The calibration workload: a fixed, deterministic mix of CPU and memory work
 * that measures the machine, not kubesim. `kubesim gate` divides timings by
 * its median so that a run on a slower (or busier) machine is not taken for a
 * regression. It is self-contained on purpose: nothing in src/ may change it,
 * or a change to kubesim would move the yardstick too.
 *
 * One operation is one step of each half:
 * - a hold step on a binary heap of 2^16 Float64 keys (pop the least, push it
 *   back later by a pseudo-random gap): the engine's event-queue hot loop,
 *   cache-resident and branchy;
 * - one dependent load of a random walk over a 64 MiB single-cycle
 *   permutation: a main-memory latency bound, as the million-event queue is.
 */

/** Keys in the heap. */
const HEAP_SIZE = 1 << 16;
/** Entries in the walk: 16 Mi × 4 bytes = 64 MiB, beyond the last-level cache of server CPUs (32 MiB per EPYC CCD). */
const WALK_SIZE = 1 << 24;
/** Operations per timed run (about 10–20 ms on a 2020s server core). */
export const CALIBRATION_OPS = 50_000;
/** Timed runs per sample: the sample is their median rate, as tinybench's samples are medians of iterations, so one preempted run does not move it. */
export const CALIBRATION_RUNS = 9;

/** The suite, case and metric of the calibration rows (agreed with `kubesim gate`). */
export const CALIBRATION = { suite: 'calibration', case: 'cpu-memory', metric: 'ops_per_s', unit: 'ops/s' } as const;

/** xorshift32: a fixed generator, independent of the engine's random streams. */
function xorshift32(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

let walk: Int32Array | null = null;

/** The walk: Sattolo's shuffle gives one cycle through every entry, so the loads never settle into a short loop. */
function walkTable(): Int32Array {
  if (walk !== null) return walk;
  const next = new Int32Array(WALK_SIZE);
  for (let i = 0; i < WALK_SIZE; i++) next[i] = i;
  const rand = xorshift32(0x2545f491);
  for (let i = WALK_SIZE - 1; i > 0; i--) {
    const j = rand() % i;
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  walk = next;
  return next;
}

const heap = new Float64Array(HEAP_SIZE);

/** Fills the heap with the same keys every time (ascending, so it is a heap already). */
function resetHeap(): void {
  const rand = xorshift32(0x9e3779b9);
  let t = 0;
  for (let i = 0; i < HEAP_SIZE; i++) {
    t += rand() / 2 ** 32;
    heap[i] = t;
  }
}

/** Replaces the least key with `key` and sifts it down (pop + push in one pass). */
function replaceTop(key: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= HEAP_SIZE) break;
    const r = l + 1;
    const c = r < HEAP_SIZE && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= key) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = key;
}

/**
 * Runs `ops` operations from the fixed heap, the walk entering its cycle at
 * entry `start`; returns a checksum so the work cannot be optimised away.
 */
export function calibrationWork(ops: number, start = 0): number {
  const next = walkTable();
  resetHeap();
  const rand = xorshift32(0x85ebca6b);
  let p = start % WALK_SIZE;
  let sum = 0;
  for (let k = 0; k < ops; k++) {
    const least = heap[0]!;
    replaceTop(least + (rand() / 2 ** 32) * 2);
    p = next[p]!;
    sum += p;
  }
  return sum + heap[0]!;
}

/** Measures the calibration workload `samples` times: one `ops_per_s` row per sample, the median rate of {@link CALIBRATION_RUNS} runs. */
export function calibrationRows(samples: number, ops = CALIBRATION_OPS): BenchRow[] {
  const rows: BenchRow[] = [];
  // Warm-up: builds the walk (once per process), touches its pages, compiles the loop.
  for (let r = 0; r < 3; r++) calibrationWork(ops, r * 7919);
  const seconds = new Float64Array(CALIBRATION_RUNS);
  for (let s = 0; s < samples; s++) {
    for (let r = 0; r < CALIBRATION_RUNS; r++) {
      // Each run enters the walk elsewhere, so its loads miss the caches as the first run's did.
      const start = ((s * CALIBRATION_RUNS + r + 1) * 2654435761) >>> 0;
      const t0 = performance.now();
      calibrationWork(ops, start);
      seconds[r] = (performance.now() - t0) / 1000;
    }
    seconds.sort();
    rows.push({ ...CALIBRATION, value: Math.round(ops / seconds[CALIBRATION_RUNS >> 1]!) });
  }
  return rows;
}
