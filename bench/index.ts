/** The benchmark suites `kubesim bench` knows, by name. */
import type { Suite } from './BenchRow.js';
import { clusterSuite } from './cluster.js';
import { engineSuite } from './engine.js';
import { schedulerSuite } from './scheduler.js';

export { BENCH_COLUMNS, type BenchRow, type Suite, type SuiteOptions } from './BenchRow.js';

/** Every suite, in the order `kubesim bench` runs them when none is named. */
export const SUITES: readonly Suite[] = [engineSuite, schedulerSuite, clusterSuite];
