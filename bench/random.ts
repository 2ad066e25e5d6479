import { parseDurationDistribution } from '../src/api/distribution.js';
import { RandomStreams, type RandomStream } from '../src/engine/RandomStreams.js';
import { DEFAULT_MICRO_SAMPLES, samplesOf, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
import { consume, tinySample } from './sample.js';

/** Draws per timed iteration. */
const DRAWS = 100_000;
/** Default time budget of one sample, ms. */
const SAMPLE_MS = 150;

/** A random-suite case: `n` draws, summed (each case its own loop, so every call site stays monomorphic). */
interface RandomCase {
  name: string;
  draws: (r: RandomStream, n: number) => number;
}

const exp5m = parseDurationDistribution('exp(5m)');
const uniform1m5m = parseDurationDistribution('uniform(1m,5m)');
const normal5m1m = parseDurationDistribution('normal(5m,1m)');
const lognormal5m = parseDurationDistribution('lognormal(5m,0.5)');

/**
 * The draws simulation code makes: the stream's own kinds (32-bit and 53-bit
 * uniforms, integers, uniform ranges, the ziggurat exponential), and the
 * duration distributions workloads and pod annotations name.
 */
const CASES: readonly RandomCase[] = [
  {
    name: 'next',
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += r.next();
      return s;
    },
  },
  {
    name: 'double',
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += r.double();
      return s;
    },
  },
  {
    name: 'int',
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += r.int(1000);
      return s;
    },
  },
  {
    name: 'uniform',
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += r.uniform(5, 10);
      return s;
    },
  },
  {
    name: 'exponential',
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += r.exponential(1e6);
      return s;
    },
  },
  {
    name: `dist-${exp5m.text}`,
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += exp5m.sample(r);
      return s;
    },
  },
  {
    name: `dist-${uniform1m5m.text}`,
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += uniform1m5m.sample(r);
      return s;
    },
  },
  {
    name: `dist-${normal5m1m.text}`,
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += normal5m1m.sample(r);
      return s;
    },
  },
  {
    name: `dist-${lognormal5m.text}`,
    draws: (r, n) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += lognormal5m.sample(r);
      return s;
    },
  },
];

/**
 * The random suite: nanoseconds per draw from a named RandomStream (alea),
 * each sample tinybench's median over iterations of 100,000 draws.
 */
export const randomSuite: Suite = {
  name: 'random',
  description: 'random streams: ns per draw of next/double/int/uniform/exponential and the duration distributions',
  async run(options: SuiteOptions): Promise<BenchRow[]> {
    const samples = samplesOf(options, DEFAULT_MICRO_SAMPLES);
    const timeMs = options.timeMs ?? SAMPLE_MS;
    const streams = new RandomStreams(1);
    const rows: BenchRow[][] = CASES.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (const [i, c] of CASES.entries()) {
        const r = streams.stream(`bench/${c.name}`);
        const ms = await tinySample(c.name, () => consume(c.draws(r, DRAWS)), { timeMs, iterations: 5, warmup: s === 0 });
        rows[i]!.push({ suite: 'random', case: c.name, metric: 'ns_per_draw', value: Math.round((ms * 1e6 * 100) / DRAWS) / 100, unit: 'ns' });
      }
    }
    return rows.flat();
  },
};
