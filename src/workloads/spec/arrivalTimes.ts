/**
 * When an arrival's objects are created: the instants of its process, in µs
 * from the start of the run, sorted, all before the run's end. Deterministic
 * given the random stream (draw one stream per arrival, e.g.
 * `cluster.random('workload/arrivals/3')`, so arrivals never shift each
 * other's draws).
 */
import { MICROS_PER_SECOND, type Micros } from '../../engine/time.js';
import type { Arrival, ArrivalProcess, BurstProcess, DiurnalProcess, PoissonProcess } from './types.js';

/** What arrival processes draw from (a RandomStream). */
export interface ArrivalRandom {
  /** A uniform number in [0, 1). */
  double(): number;
  /** An exponentially distributed number with the given mean. */
  exponential(mean: number): number;
}

function* poisson(p: PoissonProcess, random: ArrivalRandom, stop: Micros): Generator<Micros> {
  if (p.ratePerSecond <= 0) return;
  const meanGap = MICROS_PER_SECOND / p.ratePerSecond;
  let t = p.start;
  for (let n = 0; p.count === undefined || n < p.count; n++) {
    t += random.exponential(meanGap);
    const at = Math.floor(t);
    if (at >= stop) return;
    yield at;
  }
}

/**
 * Lewis–Shedler thinning: candidates from a homogeneous process at the peak
 * rate λmax = mean·(1 + A), each kept with probability λ(t)/λmax.
 */
function* diurnal(p: DiurnalProcess, random: ArrivalRandom, stop: Micros): Generator<Micros> {
  const peakRate = p.meanRatePerSecond * (1 + p.amplitude);
  if (peakRate <= 0) return;
  const meanGap = MICROS_PER_SECOND / peakRate;
  let t = p.start;
  let n = 0;
  while (p.count === undefined || n < p.count) {
    t += random.exponential(meanGap);
    const at = Math.floor(t);
    if (at >= stop) return;
    const ratio = (1 + p.amplitude * Math.cos((2 * Math.PI * (t - p.peakAt)) / p.period)) / (1 + p.amplitude);
    if (random.double() < ratio) {
      yield at;
      n++;
    }
  }
}

function* burst(p: BurstProcess, stop: Micros): Generator<Micros> {
  for (let k = 0; p.times === undefined || k < p.times; k++) {
    const at = p.at + k * (p.every ?? 0);
    if (at >= stop) return;
    for (let i = 0; i < p.count; i++) yield at;
    if (p.every === undefined) return;
  }
}

/**
 * The instants of a process one at a time (for long runs at high rates,
 * where the whole list would be large).
 * @param runLength the run's length: no instant is at or after it
 */
export function* arrivalInstants(process: ArrivalProcess, random: ArrivalRandom, runLength: Micros): Generator<Micros> {
  switch (process.type) {
    case 'once':
      if (process.at < runLength) yield process.at;
      return;
    case 'poisson':
      yield* poisson(process, random, Math.min(process.end ?? runLength, runLength));
      return;
    case 'diurnal':
      yield* diurnal(process, random, Math.min(process.end ?? runLength, runLength));
      return;
    case 'burst':
      yield* burst(process, runLength);
      return;
  }
}

/**
 * The instants an arrival's objects are created at, sorted.
 * @param arrival the arrival (or anything with its process)
 * @param random its own random stream
 * @param runLength the run's length: no instant is at or after it
 */
export function arrivalTimes(arrival: Pick<Arrival, 'process'>, random: ArrivalRandom, runLength: Micros): Micros[] {
  return [...arrivalInstants(arrival.process, random, runLength)];
}
