import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolvePolicy } from '../../scheduler/policies/resolvePolicy.js';
import { parsePositiveInteger } from '../parse.js';
import { readWorkloadFile } from '../readWorkloadFile.js';
import { traceOf } from '../../workloads/openb/traceWorkload.js';
import { planSweep, shardOf } from '../sweep/plan.js';
import { type RunJson, inputHashes } from '../sweep/runJson.js';
import { checkOutputFolder } from '../sweep/outputFolder.js';
import { Progress } from '../sweep/progress.js';
import { runSweep } from '../sweep/runSweep.js';
import { parseSeeds, parseShard } from '../sweep/seeds.js';
import { comparisonTable, writeSweepOutputs } from '../sweep/writeOutputs.js';
import { ReportedFailure } from '../ReportedFailure.js';
import { UsageError } from '../UsageError.js';

interface SweepFlags {
  policy?: string;
  policies?: string;
  seed?: number;
  seeds?: string;
  baseline?: string;
  jobs: number;
  set: string[];
  out?: string;
  shard?: string;
}

const collect = (v: string, all: string[]): string[] => [...all, v];

/** `kubesim run` and `kubesim compare`: policy × seed × workload sweeps on worker threads. */
export function registerSweep(program: Command): void {
  program
    .command('run')
    .description('run one workload under one policy and seed; write summary, pods, timeseries and perf CSVs')
    .argument('<workload>', 'the workload file')
    .option('--policy <policy>', 'a built-in policy, a KubeSchedulerConfiguration file or a plugin module', 'default')
    .option('--seed <n>', 'the run seed', (v) => parseSeeds(v)[0]!, 1)
    .option('--set <name=value>', 'override a parameter or any field by path (repeatable)', collect, [] as string[])
    .option('--out <dir>', 'the output folder (default results/<workload name>/<policy>-<seed>)')
    .addOption(new Option('--jobs <n>', 'worker threads').argParser(parsePositiveInteger).default(1).hideHelp())
    .action(async (workload: string, flags: SweepFlags) => {
      await sweep('run', [workload], [flags.policy ?? 'default'], [flags.seed ?? 1], flags);
    });

  program
    .command('compare')
    .description('run every workload × policy × seed on worker threads and compare the policies: CSVs with 95% intervals, an HTML report')
    .argument('<workloads...>', 'workload files')
    .requiredOption('--policies <list>', 'comma-separated policies: built-in names, configuration files or plugin modules')
    .option('--seeds <list>', 'seeds: 1..10, or a comma list', '1..5')
    .option('--baseline <policy>', 'the policy deltas are measured against (default: the first)')
    .option('--jobs <n>', 'worker threads (default: the number of cores)', parsePositiveInteger, availableParallelism())
    .option('--set <name=value>', 'override a parameter or any field by path, in every workload (repeatable)', collect, [] as string[])
    .option('--out <dir>', 'the output folder (default results/<first workload name>)')
    .option('--shard <i/n>', 'run only the i-th of n slices of the sweep (merge the folders with `kubesim merge`)')
    .action(async (workloads: string[], flags: SweepFlags) => {
      const policies = (flags.policies ?? '').split(',').map((p) => p.trim());
      if (policies.some((p) => p === '')) throw new UsageError('--policies: an empty policy name');
      if (new Set(policies).size !== policies.length) throw new UsageError('--policies: a policy is listed twice');
      await sweep('compare', workloads, policies, parseSeeds(flags.seeds ?? '1..5'), flags);
    });
}

async function sweep(command: 'run' | 'compare', workloadFiles: string[], policies: string[], seeds: number[], flags: SweepFlags): Promise<void> {
  // Everything the sweep reads is checked here, before a thread starts or a file is written.
  const workloads = workloadFiles.map((f) => readWorkloadFile(f, flags.set));
  // A trace's files are inputs too: a missing or malformed one is exit 2 here, not a failed run in a worker.
  const traceFiles = workloads.flatMap((w) => {
    const trace = traceOf(w);
    return trace === undefined ? [] : [trace.nodeFile, trace.podFile];
  });
  for (const p of policies) await resolvePolicy(p);
  const baseline = flags.baseline ?? policies[0]!;
  if (!policies.includes(baseline)) throw new UsageError(`--baseline ${baseline}: not one of --policies (${policies.join(', ')})`);
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const all = planSweep(workloadFiles, policies, seeds);
  const runs = shard === undefined ? all : shardOf(all, shard.index, shard.count);
  const names = new Map(workloadFiles.map((f, i) => [f, workloads[i]!.metadata.name]));
  const out = flags.out ?? (command === 'run' ? `results/${workloads[0]!.metadata.name}/${policies[0]}-${seeds[0]}` : `results/${workloads[0]!.metadata.name}`);
  const runJson: RunJson = {
    kubesim: version(),
    command,
    workloads: workloadFiles,
    policies,
    seeds,
    sets: flags.set,
    baseline,
    inputs: inputHashes([...workloadFiles, ...new Set(traceFiles)], policies),
    ...(shard === undefined ? {} : { shard }),
    runs: runs.map((r) => ({ workload: names.get(r.workloadFile)!, policy: r.policy, seed: r.seed })),
  };
  checkOutputFolder(out, runJson);

  const interactive = process.stdout.isTTY === true;
  const progress = new Progress(interactive, runs.length, runs.reduce((s, r) => s + workloads[workloadFiles.indexOf(r.workloadFile)]!.duration / 1e6, 0));
  const { outputs, failures } = await runSweep(runs, flags.set, Math.min(flags.jobs, Math.max(1, runs.length)), (done, total, output) =>
    progress.update(done, total, output?.simSeconds ?? 0),
  );
  progress.stop();
  const written = writeSweepOutputs(out, runJson, outputs, failures);
  if (interactive) process.stdout.write(comparisonTable(written.compare, baseline));
  else for (const f of written.files) process.stdout.write(`${f}\n`);
  if (failures.length > 0) {
    process.stderr.write(`error: ${failures.length} of ${runs.length} runs failed:\n`);
    for (const f of failures) process.stderr.write(`  ${names.get(f.run.workloadFile)} policy=${f.run.policy} seed=${f.run.seed}: ${f.message}\n`);
    throw new ReportedFailure(`${failures.length} runs failed`);
  }
}

/** The package version (run.json records it). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
