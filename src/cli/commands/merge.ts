import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../api/InputError.js';
import { podLines } from '../../metrics/csvFiles.js';
import { mergeSweeps, parseRunManifest } from '../../metrics/merge.js';
import { runPendingOf } from '../../metrics/report/series.js';
import { readCurveCsv, readPerfCsv, readPodsCsv, readSummaryCsv, readTimeseriesCsv } from '../../metrics/readCsv.js';
import { checkOutputFolder } from '../sweep/outputFolder.js';
import type { RunJson } from '../sweep/runJson.js';
import { writeSweepFolder } from '../sweep/writeOutputs.js';

/** `kubesim merge DIR... --out DIR`: joins the shard folders of one sweep into the folder the unsharded sweep writes. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the output folders of the shards of one sweep (--shard i/n) into one; compare.csv and report.html are recomputed')
    .argument('<dirs...>', 'shard output folders')
    .requiredOption('--out <dir>', 'the merged output folder')
    .option('--allow-missing', 'merge even when some runs of the sweep are in no folder')
    .action((dirs: string[], flags: { out: string; allowMissing?: boolean }) => {
      const parts = dirs.map((dir) => {
        const text = (file: string): string => {
          try {
            return readFileSync(join(dir, file), 'utf8');
          } catch {
            throw new InputError(`${join(dir, file)}: cannot read: is ${dir} the output folder of a kubesim sweep?`);
          }
        };
        return {
          source: dir,
          runJson: parseRunManifest(text('run.json'), join(dir, 'run.json')) as unknown as RunJson,
          summary: readSummaryCsv(text('summary.csv'), join(dir, 'summary.csv')),
          pods: readPodsCsv(text('pods.csv'), join(dir, 'pods.csv')),
          timeseries: readTimeseriesCsv(text('timeseries.csv'), join(dir, 'timeseries.csv')),
          perf: readPerfCsv(text('perf.csv'), join(dir, 'perf.csv')),
          // Only placement studies write curve.csv.
          curve: existsSync(join(dir, 'curve.csv')) ? readCurveCsv(text('curve.csv'), join(dir, 'curve.csv')) : [],
        };
      });
      const merged = mergeSweeps(parts, { allowMissing: flags.allowMissing === true });
      const runJson = merged.runJson as unknown as RunJson;
      checkOutputFolder(flags.out, runJson);
      const written = writeSweepFolder(flags.out, runJson, { ...merged, podLines: [podLines(merged.pods)], pending: runPendingOf(merged.pods) });
      if (merged.missing.length > 0) process.stderr.write(`warning: ${merged.missing.length} runs of the sweep are in no folder\n`);
      for (const f of written.files) process.stdout.write(`${f}\n`);
    });
}
