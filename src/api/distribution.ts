import { parseDuration } from './duration.js';

/** A source of uniform numbers in [0, 1), such as a seeded RandomStream. */
export interface UniformSource {
  double(): number;
}

/**
 * A distribution of durations, in microseconds. Written as text so it can sit
 * in a pod annotation or a workload field:
 * - `5m`: always 5 minutes;
 * - `exp(5m)`: exponential with mean 5m;
 * - `uniform(1m,5m)`: uniform between the two;
 * - `normal(5m,1m)`: normal with mean and standard deviation, cut at 0;
 * - `lognormal(5m,0.5)`: log-normal with median 5m and shape σ.
 */
export interface DurationDistribution {
  /** The text it was parsed from. */
  readonly text: string;
  /** The mean, in microseconds. */
  readonly mean: number;
  /** One draw, in whole microseconds (never negative). */
  sample(random: UniformSource): number;
}

const CALL = /^\s*([a-z]+)\s*\(\s*([^)]*)\)\s*$/;

/**
 * Parses a duration distribution.
 * @throws RangeError naming what is wrong
 */
export function parseDurationDistribution(text: string): DurationDistribution {
  const call = CALL.exec(text);
  if (call === null) {
    const micros = parseDuration(text);
    return { text, mean: micros, sample: () => micros };
  }
  const name = call[1]!;
  const args = call[2]!.split(',').map((a) => a.trim());
  const arity = (n: number): void => {
    if (args.length !== n) throw new RangeError(`${name}(...) takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length} in "${text}"`);
  };
  switch (name) {
    case 'exp': {
      arity(1);
      const mean = parseDuration(args[0]!);
      return { text, mean, sample: (r) => Math.round(-mean * Math.log(1 - r.double())) };
    }
    case 'uniform': {
      arity(2);
      const low = parseDuration(args[0]!);
      const high = parseDuration(args[1]!);
      if (high < low) throw new RangeError(`uniform(low,high) needs low <= high in "${text}"`);
      return { text, mean: (low + high) / 2, sample: (r) => Math.round(low + (high - low) * r.double()) };
    }
    case 'normal': {
      arity(2);
      const mean = parseDuration(args[0]!);
      const sd = parseDuration(args[1]!);
      return { text, mean, sample: (r) => Math.max(0, Math.round(mean + sd * standardNormal(r))) };
    }
    case 'lognormal': {
      arity(2);
      const median = parseDuration(args[0]!);
      const sigma = Number(args[1]);
      if (!Number.isFinite(sigma) || sigma < 0) throw new RangeError(`lognormal(median,sigma) needs a non-negative number sigma in "${text}"`);
      return { text, mean: median * Math.exp((sigma * sigma) / 2), sample: (r) => Math.round(median * Math.exp(sigma * standardNormal(r))) };
    }
    default:
      throw new RangeError(`unknown distribution "${name}" in "${text}": use a duration, exp(mean), uniform(low,high), normal(mean,sd) or lognormal(median,sigma)`);
  }
}

/** A standard normal draw by Box–Muller (two uniforms per draw, so the stream advances predictably). */
function standardNormal(r: UniformSource): number {
  const u1 = 1 - r.double();
  const u2 = r.double();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
