import type { Command } from 'commander';
import { BENCH_COLUMNS, SUITES, type BenchRow } from '../../../bench/index.js';
import { toCsv } from '../../metrics/csv.js';
import { formatTable } from '../table.js';
import { parsePositiveInteger } from '../parse.js';
import { UsageError } from '../UsageError.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

interface BenchFlags {
  out?: string;
  timeMs?: number;
}

/** `kubesim bench [SUITE...] [--out FILE.csv]`: runs benchmark suites and writes `suite,case,metric,value,unit` rows. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(`run benchmark suites (${SUITES.map((s) => s.name).join(', ')}; all when none is named)`)
    .argument('[suite...]', 'suites to run')
    .option('--out <file>', 'write the rows to this CSV file')
    .option('--time-ms <ms>', 'time budget per case in milliseconds', parsePositiveInteger)
    .action(async (names: string[], flags: BenchFlags) => {
      const suites = names.length === 0 ? SUITES : names.map(findSuite);
      const rows: BenchRow[] = [];
      for (const suite of suites) {
        process.stderr.write(`bench: running ${suite.name} (${suite.description})\n`);
        rows.push(...(await suite.run(flags.timeMs === undefined ? {} : { timeMs: flags.timeMs })));
      }
      const cells = rows.map((r) => [r.suite, r.case, r.metric, String(r.value), r.unit]);
      process.stdout.write(`${formatTable(BENCH_COLUMNS, cells)}\n`);
      if (flags.out !== undefined) {
        writeFileAtomic(flags.out, toCsv(BENCH_COLUMNS, cells));
        process.stderr.write(`bench: wrote ${rows.length} rows to ${flags.out}\n`);
      }
    });
}

function findSuite(name: string): (typeof SUITES)[number] {
  const suite = SUITES.find((s) => s.name === name);
  if (suite === undefined) {
    throw new UsageError(`unknown benchmark suite "${name}"; known suites: ${SUITES.map((s) => s.name).join(', ')}`, {
      showUsage: true,
    });
  }
  return suite;
}
