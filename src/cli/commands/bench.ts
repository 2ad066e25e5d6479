import type { Command } from 'commander';
import { BENCH_COLUMNS, DEFAULT_MICRO_SAMPLES, DEFAULT_SAMPLES, medianTable, NAMED_ONLY_SUITES, runBench, SUITES, type Suite } from '../../../bench/index.js';
import { toCsv } from '../../metrics/csv.js';
import { formatTable } from '../table.js';
import { parsePositiveInteger } from '../parse.js';
import { UsageError } from '../UsageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface BenchFlags {
  out?: string;
  samples?: number;
  timeMs?: number;
  small?: boolean;
}

/**
 * `kubesim bench [SUITE...] [--out FILE.csv] [--samples N] [--time-ms MS] [--small]`:
 * runs benchmark suites (with the machine described and the calibration
 * workload between them), prints the median of each case, and writes every
 * sample as `suite,case,metric,value,unit` rows.
 */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      `run benchmark suites (${SUITES.map((s) => s.name).join(', ')}; all when none is named; ${NAMED_ONLY_SUITES.map((s) => s.name).join(', ')} only when named)`,
    )
    .argument('[suite...]', 'suites to run')
    .option('--out <file>', 'write every sample to this CSV file (suite,case,metric,value,unit)')
    .option('--samples <n>', `timed samples per case (default ${DEFAULT_MICRO_SAMPLES} for the micro suites and the sweep, ${DEFAULT_SAMPLES} for the others and for the calibration before and after each suite)`, parsePositiveInteger)
    .option('--time-ms <ms>', 'time budget of one sample of a micro-benchmark case, in milliseconds', parsePositiveInteger)
    .option('--small', "macro suites run small workloads (upstream's small scheduler_perf sizes, minutes instead of hours): a quick smoke run")
    .action(async (names: string[], flags: BenchFlags) => {
      const suites = names.length === 0 ? SUITES : names.map(findSuite);
      const started = performance.now();
      const rows = await runBench(suites, {
        ...(flags.samples === undefined ? {} : { samples: flags.samples }),
        ...(flags.timeMs === undefined ? {} : { timeMs: flags.timeMs }),
        ...(flags.small === true ? { small: true } : {}),
        onStep: (what) => {
          const suite = suites.find((s) => s.name === what);
          process.stderr.write(`bench: ${what}${suite === undefined ? '' : ` (${suite.description})`}\n`);
        },
        onStepDone: (what, seconds) => process.stderr.write(`bench: ${what} took ${seconds.toFixed(1)} s\n`),
      });
      const table = medianTable(rows);
      process.stdout.write(`machine: ${table.machine}\n\n${formatTable(table.header, table.cells)}\n`);
      process.stderr.write(`bench: ${rows.length} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      if (flags.out !== undefined) {
        writeFileAtomic(flags.out, toCsv(BENCH_COLUMNS, rows.map((r) => [r.suite, r.case, r.metric, r.value, r.unit])));
        process.stderr.write(`bench: wrote ${rows.length} rows to ${flags.out}\n`);
      }
    });
}

function findSuite(name: string): Suite {
  const known = [...SUITES, ...NAMED_ONLY_SUITES];
  const suite = known.find((s) => s.name === name);
  if (suite === undefined) {
    throw new UsageError(`unknown benchmark suite "${name}"; known suites: ${known.map((s) => s.name).join(', ')}`, {
      showUsage: true,
    });
  }
  return suite;
}
