#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { InputError } from '../api/InputError.js';
import { ManifestError } from '../api/manifests.js';
import { ReportedFailure } from './ReportedFailure.js';
import { rerunWithSingleThreadedGc, wantsSingleThreadedGc } from './singleThreadedGc.js';
import { EXIT_USAGE, UsageError } from './UsageError.js';

/**
 * The `kubesim` entry point: runs the command and maps failures to exit codes —
 * 0 success, 1 a failure of the run itself, 2 bad input or usage. Usage
 * mistakes print a message and the usage, never a stack trace.
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (and usage, for mistakes); help and --version exit 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof InputError) {
      process.stderr.write(`error: ${error instanceof ManifestError ? error.toString() : error.message}\n`);
      if (error instanceof UsageError && error.showUsage) process.stderr.write(`Run 'kubesim --help' for usage.\n`);
      return EXIT_USAGE;
    }
    // Already reported (a sweep lists its failed runs): exit 1, no stack.
    if (error instanceof ReportedFailure) return 1;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`kubesim: internal error: ${message}\n`);
    return 1;
  }
}

process.exitCode = wantsSingleThreadedGc(process.argv, process.execArgv, process.env) ? await rerunWithSingleThreadedGc() : await main(process.argv);
