import seedrandom from 'seedrandom';
import { exponentialZiggurat } from './ziggurat.js';

/**
 * One named stream of pseudo-random numbers (seedrandom's alea: fast, and
 * good enough for simulation; its ARC4 default is several times slower).
 */
export class RandomStream {
  /** The stream's full name, e.g. `scheduler/tie-break`. */
  readonly name: string;
  private readonly seedText: string;
  private readonly prng: seedrandom.PRNG;

  /** @internal Streams are made by {@link RandomStreams.stream} and {@link RandomStream.fork}. */
  constructor(seedText: string, name: string) {
    this.seedText = seedText;
    this.name = name;
    this.prng = seedrandom.alea(`${seedText}/${name}`);
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.prng();
  }

  /** A uniform number in [0, 1) with 53 bits of resolution (two draws). */
  double(): number {
    return this.prng.double();
  }

  /** A uniform integer in [0, n), for 1 ≤ n ≤ 2^32. */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.prng();
  }

  /** An exponentially distributed number with the given mean (the gap of a Poisson process). */
  exponential(mean: number): number {
    return exponentialZiggurat(this.prng) * mean;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /**
   * A stream derived from this one by name, independent of this stream's
   * draws: forking never consumes from the parent, and the child's sequence
   * depends only on the run seed and the full name.
   */
  fork(name: string): RandomStream {
    return new RandomStream(this.seedText, `${this.name}/${name}`);
  }
}

/**
 * The random streams of one run, forked by name from the run's seed.
 *
 * Every actor or purpose draws from its own stream, so adding a draw in one
 * place never shifts the numbers another place sees: the scheduler's tie-breaks
 * stay the same when a workload generator changes.
 */
export class RandomStreams {
  /** The run's seed. */
  readonly seed: number | string;
  private readonly seedText: string;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: number | string) {
    this.seed = seed;
    this.seedText = `kubesim/${String(seed)}`;
  }

  /** The stream called `name`; the same name always gives the same stream object. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new RandomStream(this.seedText, name);
      this.streams.set(name, s);
    }
    return s;
  }
}
