import { RandomStream, RandomStreams } from '../../src/engine/RandomStreams.js';

/** One benchmark series of a synthetic bench CSV, at its true (noise-free) value on the reference machine. */
export interface SyntheticSeries {
  suite: string;
  case: string;
  metric: string;
  unit: string;
  value: number;
}

/** How one synthetic bench run measures. */
export interface SyntheticRun {
  /** Samples per series. */
  samples?: number;
  /** σ of the log-normal noise of each sample (0.05 ≈ 5 %). */
  noise?: number;
  /** The machine's speed relative to the reference: throughputs × speed, times ÷ speed, bytes unchanged. */
  speed?: number;
  /** Chance that a sample is an outlier (a GC pause, a noisy neighbour): 30 % slower. */
  outliers?: number;
  /** How many samples of each series ran while other processes took the CPU: 1.5–3 × slower (not the calibration). */
  loaded?: number;
  /** Multiply the true value of the series named `suite/case/metric`. */
  change?: Record<string, number>;
  /** Measure the calibration workload (default true). */
  calibration?: boolean;
}

/** A mix like kubesim's own suites: throughputs, times and memory. */
export const SERIES: readonly SyntheticSeries[] = [
  { suite: 'engine', case: 'hold-100000', metric: 'events_per_s', unit: 'events/s', value: 4.2e6 },
  { suite: 'engine', case: 'random-streams', metric: 'ops_per_s', unit: 'ops/s', value: 9.1e7 },
  { suite: 'engine', case: 'hold-100000', metric: 'heap_bytes', unit: 'bytes', value: 5.2e7 },
  { suite: 'scheduler', case: 'SchedulingBasic/500Nodes', metric: 'pods_per_s', unit: 'pods/s', value: 8200 },
  { suite: 'scheduler', case: 'NodeResourcesFit/score', metric: 'per_node', unit: 'ns', value: 310 },
  { suite: 'scheduler', case: 'PreemptionBasic/500Nodes', metric: 'pods_per_s', unit: 'pods/s', value: 950 },
  { suite: 'cluster', case: 'scale-1000', metric: 'wall', unit: 's', value: 2.4 },
  { suite: 'cluster', case: 'scale-1000', metric: 'sim_speed', unit: 'x', value: 350 },
];

/** The calibration workload's throughput on the reference machine. */
export const CALIBRATION_OPS = 2.5e7;

/** A standard normal draw (Box–Muller). */
function gaussian(rng: RandomStream): number {
  const u = 1 - rng.double();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.double());
}

/** A seeded random stream for synthetic data. */
export function stream(seed: number | string, name = 'gate-synthetic'): RandomStream {
  return new RandomStreams(seed).stream(name);
}

/** A bench CSV as `kubesim bench --out` writes it, with calibration samples interleaved between suites. */
export function syntheticBenchCsv(rng: RandomStream, run: SyntheticRun = {}, series: readonly SyntheticSeries[] = SERIES): string {
  const samples = run.samples ?? 7;
  const noise = run.noise ?? 0.05;
  const speed = run.speed ?? 1;
  const sample = (value: number, higherIsBetter: boolean, loaded = false): number => {
    let v = value * Math.exp(noise * gaussian(rng));
    if (rng.double() < (run.outliers ?? 0)) v = higherIsBetter ? v * 0.7 : v / 0.7;
    if (loaded) {
      const slowdown = rng.uniform(1.5, 3);
      v = higherIsBetter ? v / slowdown : v * slowdown;
    }
    return Number(v.toPrecision(6));
  };
  const rows = ['suite,case,metric,value,unit', 'machine,host,cpus,2,count', 'machine,host,cpu_model,Synthetic CPU @ 2.0GHz,text', 'machine,host,node,v20.20.0,text'];
  const calibrate = (): void => {
    if (run.calibration === false) return;
    for (let i = 0; i < Math.ceil(samples / 3); i++) rows.push(`calibration,cpu-memory,ops_per_s,${sample(CALIBRATION_OPS * speed, true)},ops/s`);
  };
  let suite = '';
  for (const s of series) {
    if (s.suite !== suite) {
      calibrate();
      suite = s.suite;
    }
    const higher = s.unit.endsWith('/s') || s.unit === 'x';
    const machine = s.unit === 'bytes' ? 1 : higher ? speed : 1 / speed;
    const value = s.value * machine * (run.change?.[`${s.suite}/${s.case}/${s.metric}`] ?? 1);
    for (let i = 0; i < samples; i++) rows.push(`${s.suite},${s.case},${s.metric},${sample(value, higher, s.unit !== 'bytes' && i < (run.loaded ?? 0))},${s.unit}`);
  }
  calibrate();
  return `${rows.join('\n')}\n`;
}
