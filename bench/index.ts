/** The benchmark suites `kubesim bench` knows, by name. */
import type { Suite } from './BenchRow.js';
import { clusterSuite } from './cluster.js';
import { engineSuite } from './engine.js';
import { pluginsSuite } from './plugins.js';
import { randomSuite } from './random.js';
import { scaleSuite } from './scale.js';
import { schedulerSuite } from './scheduler.js';
import { sweepSuite } from './sweep.js';

export { BENCH_COLUMNS, DEFAULT_MICRO_SAMPLES, DEFAULT_SAMPLES, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';
export { CALIBRATION } from './calibration.js';
export { runBench, type RunBenchOptions } from './runBench.js';
export { medianTable } from './summary.js';

/** Every suite, in the order `kubesim bench` runs them when none is named: micro first, then macro. */
export const SUITES: readonly Suite[] = [engineSuite, randomSuite, pluginsSuite, schedulerSuite, clusterSuite, sweepSuite];

/** Suites that run only when named: too long for every `npm run bench`. */
export const NAMED_ONLY_SUITES: readonly Suite[] = [scaleSuite];
